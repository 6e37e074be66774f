# harness/runner/src/steps/cloud_migration/destination.rs: an export a destination provider
# starts for the customer is free of charge and equals the customer's own (CM-20).

steps-cm-destination-no-affiliated-client = the affiliated client's credentials were not supplied (target file [credentials.affiliated]): the destination provider's export was compared with one taken through another outside client, so a better treatment of the platform's own client cannot be seen
steps-cm-destination-charged = the destination provider's export was answered 402 Payment Required: it MUST be free of charge
steps-cm-destination-bad-job-location = bad job Location: { $error }
steps-cm-destination-export-status = the destination provider's export answered HTTP { $status }{ $hint }
steps-cm-destination-own-export = the customer's own export
steps-cm-destination-unreadable = the destination provider's export cannot be read: { $detail }
steps-cm-destination-nothing-to-compare = no destination export to compare
steps-cm-destination-differs = the destination provider's export differs from the customer's own: { $differences }

# The differences between the two exports.
steps-cm-destination-entity-in-one = entity { $entity } is in only one of the two exports
steps-cm-destination-record-count = entity { $entity }: { $destination } records in the destination provider's export, { $own } in the customer's own
steps-cm-destination-only-in-destination = { $entity } { $id } is only in the destination provider's export
steps-cm-destination-record-differs = { $entity } { $id }: { $difference }
steps-cm-destination-side-provider = the destination provider's export
steps-cm-destination-side-own = the customer's own
steps-cm-destination-missing = { $entity } { $id } is missing from the destination provider's export
