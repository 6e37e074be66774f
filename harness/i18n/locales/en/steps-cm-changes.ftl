# harness/runner/src/steps/cloud_migration/changes.rs: records changed or deleted while an
# export runs (CM-03, CM-14).

# The declared test records (OPIS §6.6); `what` is the declared operation (`change`, `create`, `delete`).
steps-cm-changes-declared-url-not-url = the declared { $what } URL of test { $entity } is not a URL: { $error }
steps-cm-changes-declared-url = the declared { $what } URL of test { $entity }
steps-cm-changes-changed-record = the changed test record
steps-cm-changes-created-record = the created test record
steps-cm-changes-change-status = changing the declared test record { $entity } { $id } answered HTTP { $status }
steps-cm-changes-create-status = creating a test record of { $entity } answered HTTP { $status }
steps-cm-changes-created-no-id = the created test record of { $entity } has no `id`
steps-cm-changes-delete-status = deleting the test record { $entity } { $id } the harness created answered HTTP { $status }

# The export and the incremental export.
steps-cm-changes-bad-job-location = bad job Location: { $error }
steps-cm-changes-create-export-status = creating an export answered HTTP { $status }
steps-cm-changes-incremental-failed = the incremental export from next_cursor { $next_cursor } failed: { $detail }
steps-cm-changes-gap-differs = { $id } ({ $difference })
# The two sides of a changed record that differs.
steps-cm-changes-side-export = the export
steps-cm-changes-side-answer = the platform's answer to the change
steps-cm-changes-gaps = record(s) { $records } changed during export { $export } are, with their changed values, neither in it nor in the incremental export from its next_cursor { $next_cursor }
steps-cm-changes-deletion-not-reflected = { $detail } (entity { $entity }, export { $export }, next_cursor { $next_cursor })
