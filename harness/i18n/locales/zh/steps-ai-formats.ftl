# harness/runner/src/steps/anti_incompatibility/formats.rs：以开放媒体类型导入和导出内容（AI-14）。

steps-ai-formats-undeclared = 平台未声明开放媒体类型 { $media_types }（capabilities.media_types）
steps-ai-formats-import-refused = 导入被拒绝，HTTP { $status }{ $hint }
steps-ai-formats-no-location = 导入的响应未给出所导入内容的 Location
steps-ai-formats-export-status = 导出得到 HTTP { $status }
steps-ai-formats-media-problem = { $media }：{ $problem }
steps-ai-formats-no-round-trip = 内容未能以其开放格式原样往返：{ $problems }
