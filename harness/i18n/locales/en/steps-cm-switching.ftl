# harness/runner/src/steps/cloud_migration/switching.rs: the switching terms (CM-08 to CM-12,
# CM-15 to CM-19).

steps-cm-switching-terms-not-json = the switching terms are not JSON: { $error }
steps-cm-switching-terms-status = the switching terms answered HTTP { $status }
steps-cm-switching-no-url = the switching terms give no absolute URL as `{ $member }`
steps-cm-switching-procedure-status = the switching procedure page `procedure.url` answered HTTP { $status } without credentials{ $hint }

# What the checks name: the documents, a URL they declare, and the rule a period is held to.
steps-cm-switching-the-terms = the switching terms
steps-cm-switching-terms-member = the switching terms' `{ $member }`
steps-cm-switching-the-register = the formats register
steps-cm-switching-register-without-credentials = the formats register, fetched without credentials
steps-cm-switching-rule-notice = EU Data Act art. 25(2)(d) (two months)
steps-cm-switching-rule-transition = EU Data Act art. 25(2)(a)
steps-cm-switching-rule-retrieval = EU Data Act art. 25(2)(g)
