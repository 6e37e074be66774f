# harness/checks/src/export.rs: the bulk export, its manifest and its JSON Lines files.

# The manifest.
export-no-entities = the export manifest's `entities` is empty: a bulk export must list every entity the live API serves
export-collections-missing = the export manifest lists no entity for the collection(s) { $collections } the live API serves (OpenAPI `GET /api/v1/<name>`)
export-nothing-to-compare = nothing to compare: the export manifest's `entities` is empty
export-the-manifest = the export manifest
export-manifest-unreadable = the export manifest cannot be read: { $error }
export-file-name-not-plain = entity { $entity }: file name { $file } is not a plain file name (a path or a traversal)
export-record-count = entity { $entity }: record_count is { $declared } but its files hold { $held } records
export-more-than-2-64 = more than 2^64

# A record deleted while the export ran (CM-14).
export-deleted-not-tombstone = the last line for the deleted record { $id } marks it deleted but is not a tombstone (exactly `id` and `deleted: true`): { $line }
export-deleted-outlives = the deleted record { $id } outlives the export: the last line for it, in { $place }, is the record itself, and no tombstone (`{ $tombstone }`) follows it in the export or in the incremental export from its next_cursor
export-in-export = the export
export-in-incremental-export = the incremental export

# The records of an entity's files.
export-entity-schema = the schema of entity { $entity }
export-line-not-json = line { $line } is not JSON: { $error }
export-line-not-valid = line { $line } does not match the entity schema: { $errors }
export-line-without-id = line { $line } has no `id`
export-repeated-ids = { $count } record(s) repeat the ID of an earlier record
export-record-problems = entity { $entity }: { $count } record problem(s): { $problems }
export-verifier-not-started = cannot start the record verifier: { $error }
export-verifier-stopped = the record verifier of entity { $entity } stopped
export-verifier-failed = the record verifier of entity { $entity } failed

# A JSON Lines file as it downloads.
export-file-too-long = { $file } goes on past the { $declared } bytes its manifest declares
export-file-line-too-long = { $file } line { $line }: longer than { $max } bytes, more than the harness reads as one record
export-file-line-not-json = { $file } line { $line }: not JSON: { $error }
export-entity-line-too-long = a line of entity { $entity } is longer than { $max } bytes
