# harness/runner/src/migrate/report.rs: the message of the one requirement a migration decides
# (CM-13 between buckets, CM-21 between two OPIS platforms).

migrate-report-objects-unchanged = every object arrived unchanged: { $objects } objects compared by { $compared_by }
migrate-report-by-content = content: keys, sizes, SHA-256 of content, user metadata
migrate-report-by-listings = listings: keys, sizes, MD5 ETags
migrate-report-records-unchanged = every record arrived unchanged: { $records } records imported, read back record by record
migrate-report-incomplete = the migration is not complete ({ $evidence }): { $differences }
migrate-report-not-performed = the migration could not be performed or verified: { $detail }

# What differs (the first items of each kind; all are in the evidence).
migrate-report-entity = { $entity }: { $detail }
migrate-report-missing = { $count } missing: { $items }
migrate-report-extra = { $count } extra: { $items }
migrate-report-altered = { $count } altered: { $items }
migrate-report-altered-item = { $id } ({ $difference })
migrate-report-and-more = and { $count } more

# Limitations.
migrate-report-listings-only = compared from the listings (keys, sizes, MD5 ETags where both services give one), not by content
