# harness/runner/src/migrate.rs: why a migration between two platforms or two buckets could not
# be performed or verified (`hutong migrate-check`, CM-21).

# An error of one platform (a `from` or `to` as given, or its base URL).
migrate-on-platform = { $platform }: { $detail }

# Reaching a platform.
migrate-no-base-url = { $target } names no base_url
migrate-not-url-or-target-file = not a URL or a target file: { $error }
migrate-http-client = cannot build the HTTP client: { $error }
migrate-discovery-status = the discovery document { $url } answered HTTP { $status }, not 200
migrate-unusable-discovery = unusable discovery
migrate-discovery-document = discovery
migrate-request-failed = { $request }: { $error }
# The requests, as their evidence labels them.
migrate-request-create-export = create export
migrate-request-poll-export = poll export
migrate-request-manifest = manifest
migrate-request-import = import { $entity }

# The export, followed to its manifest, and its files.
migrate-bad-job-location = bad job Location: { $error }
migrate-job-no-manifest-url = the completed job links no manifest_url
migrate-job-failed = the export job failed
migrate-poll-status = polling the export job answered HTTP { $status } or did not complete
migrate-manifest-status = the export manifest { $url } answered HTTP { $status }, not 200
migrate-create-export-status = creating an export answered HTTP { $status }
migrate-file-digest = { $file } answered HTTP { $status } with SHA-256 { $sha256 } (manifest: { $expected })
migrate-record-of-unlisted-entity = a record of an entity the manifest does not list

# The import.
migrate-read-spooled = cannot read the spooled records { $path }: { $error }
migrate-import-status = importing { $entity } answered HTTP { $status }: { $answer }

# Buckets.
migrate-s3-set-env = set { $variable }
migrate-stage-migration = migration
migrate-stage-verification = verification
migrate-mixed-targets = migrate either between two OPIS platforms or between two S3 buckets

# The records on disk.
migrate-io = { $what }: { $error }
migrate-io-work-dir = cannot make a work directory in { $path }
migrate-io-start-comparison = cannot start the comparison
migrate-io-sorting = sorting records
migrate-io-spool = cannot spool the source's records
migrate-io-read-spooled = cannot read the spooled records
migrate-io-comparing = comparing records
migrate-spooled-not-json = a spooled record is not JSON: { $error }
