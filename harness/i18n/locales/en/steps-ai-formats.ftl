# harness/runner/src/steps/anti_incompatibility/formats.rs: content import and export in open media types (AI-14).

steps-ai-formats-undeclared = the platform does not declare the open media types { $media_types } (capabilities.media_types)
steps-ai-formats-import-refused = the import was refused with HTTP { $status }{ $hint }
steps-ai-formats-no-location = the import answer gives no Location of the imported content
steps-ai-formats-export-status = the export gave HTTP { $status }
steps-ai-formats-media-problem = { $media }: { $problem }
steps-ai-formats-no-round-trip = content does not round-trip in its open format: { $problems }
