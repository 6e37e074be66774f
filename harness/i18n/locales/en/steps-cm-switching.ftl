# harness/runner/src/steps/cloud_migration/switching.rs: the switching terms (CM-08 to CM-12,
# CM-15 to CM-19).

steps-cm-switching-terms-not-json = the switching terms are not JSON: { $error }
steps-cm-switching-terms-status = the switching terms answered HTTP { $status }
steps-cm-switching-no-url = the switching terms give no absolute URL as `{ $member }`
steps-cm-switching-procedure-status = the switching procedure page `procedure.url` answered HTTP { $status } without credentials{ $hint }
