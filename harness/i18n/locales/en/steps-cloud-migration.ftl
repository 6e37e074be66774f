# harness/runner/src/steps/cloud_migration.rs: exports, their jobs, manifests and files, and the
# export compared with the live API (CM-01, CM-02).

# Shared by the cloud-migration steps.
steps-cloud-migration-precondition = precondition: { $detail }
steps-cloud-migration-precondition-context = precondition
steps-cloud-migration-and-more = and { $count } more
steps-cloud-migration-on-disk = the exported records cannot be kept on disk for the comparison (in { $dir }): { $error }

# The export job.
steps-cloud-migration-no-job-location = the 202 answer has no Location of the job
steps-cloud-migration-location-not-url = Location is not a URL: { $error }
steps-cloud-migration-bad-job-location = bad job Location: { $error }
steps-cloud-migration-job-no-manifest-url = the completed job links no manifest_url
steps-cloud-migration-manifest-url-not-url = manifest_url is not a URL: { $error }
steps-cloud-migration-job-failed = the export job failed{ $hint }
steps-cloud-migration-job-no-status = the export job has no `status`
steps-cloud-migration-job-not-complete = the export job did not reach `complete` within { $seconds } s or { $polls } polls (awaited: status "complete" at { $url })
steps-cloud-migration-create-export-status = creating an export answered HTTP { $status }
steps-cloud-migration-no-usable-manifest = no usable export manifest: { $detail }
# What the checks of the job and the manifest name.
steps-cloud-migration-creating-export-job = creating an export job (RFC 9110 §15.3.3)
steps-cloud-migration-polling-export-job = polling the export job
steps-cloud-migration-the-export-job = the export job
steps-cloud-migration-the-manifest = the export manifest

# The export's files.
steps-cloud-migration-download-status = downloading { $file } answered HTTP { $status }
steps-cloud-migration-file-url-invalid = file { $file } has no valid URL: { $error }
steps-cloud-migration-file-foreign-origin = file { $file } is served from { $origin }, outside the platform's origins
steps-cloud-migration-file-too-long = more than the { $declared } bytes the manifest declares
steps-cloud-migration-file-problem = { $file }: { $detail }
steps-cloud-migration-file-download-status = { $file }: download answered HTTP { $status }
steps-cloud-migration-file-size = { $file }: { $bytes } bytes, the manifest says { $declared }
steps-cloud-migration-file-sha256 = { $file }: SHA-256 { $sha256 }, the manifest says { $declared }
steps-cloud-migration-record-count = entity { $entity }: { $records } records in its files, record_count says { $record_count }
steps-cloud-migration-no-list = no list to judge ({ $what }): an earlier step did not run
steps-cloud-migration-list-problems = { $what }: { $problems }
steps-cloud-migration-files-do-not-match = exported files do not match the manifest
steps-cloud-migration-records-not-valid = exported records are not valid

# The export against the live API.
steps-cloud-migration-no-list-url = entity { $entity } names no list_url and discovery has no `{ $entity }` endpoint to read it from
steps-cloud-migration-list-url-not-url = the list_url of entity { $entity } is not a URL: { $error }
steps-cloud-migration-list-url-of = the list_url of entity { $entity }
steps-cloud-migration-listing-status = listing { $entity } answered HTTP { $status }
steps-cloud-migration-not-served = { $entity } { $id } is in the export but not served by the live API
steps-cloud-migration-record-differs = { $entity } { $id }: { $difference }
# The two sides of a record that differs.
steps-cloud-migration-side-export = the export
steps-cloud-migration-side-live-api = the live API
steps-cloud-migration-count-differs = entity { $entity }: the export holds { $records } records, the live API lists { $live }
steps-cloud-migration-values-differ = { $count } exported record(s) differ from what the live API serves for them: { $records }
