# harness/runner/src/steps/cloud_migration/import.rs: importing the export format, and the
# export → import → export round trip (CM-06, CM-07).

# The import and its read-back (CM-06).
steps-cm-import-status = importing { $entity } answered HTTP { $status }
steps-cm-import-records-reported = importing { $sent } records of { $entity } reported `records` { $reported }
steps-cm-import-unmapped = the import of { $entity } maps no new ID for { $count } record(s), e.g. { $first }
steps-cm-import-same-new-id = the import of { $entity } maps two records to the same new ID
steps-cm-import-unreadable = the imported records cannot be read back: { $detail }
steps-cm-import-mapped-ids-differ = { $count } mapped ID(s) do not serve the imported record: { $records }
steps-cm-import-mapped-not-served = { $entity } { $source } is mapped to { $target }, which the live API does not serve
steps-cm-import-mapped-differs = { $entity } { $source } is mapped to { $target }, but there { $difference }
steps-cm-import-side-live-api = the live API
steps-cm-import-side-imported = the imported record
steps-cm-import-not-reported = the import does not report what it imported, or its mapping does not serve it: { $problems }

# The round trip (CM-07).
steps-cm-import-source-records = the source records
steps-cm-import-source-not-served = { $entity } { $id } of the export is not served by the live API, so its round trip cannot be judged
steps-cm-import-entity-differences = { $entity }: { $differences }
steps-cm-import-round-trip-differs = export → import → export does not give back what the live API serves for the source records, modulo the ID mapping: { $differences }
