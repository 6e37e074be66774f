# harness/checks/src/migration.rs: the switching terms (EU Data Act art. 25–29), the formats register and record-by-record comparison of exports.

# Periods of the switching terms.
migration-no-period = precondition: the switching terms state no whole number `{ $field }`
migration-period-too-long = { $field } is { $days } days; { $rule } allows at most { $max }
migration-period-too-short = { $field } is { $days } days; { $rule } requires at least { $min }

# Charges (EU Data Act art. 29).
migration-no-charges = the switching terms state no `charges`
migration-and = { $first } and { $next }
migration-charges-not-stated = the switching terms do not state the { $charges } charge(s) with amount, currency and unit (EU Data Act art. 29)
migration-charges-renamed = the switching terms list the mandatory charge(s) { $charges } besides `switching` and `egress`, not marked `optional: true`: a charge for switching under another name is a switching charge (EU Data Act art. 2(36), art. 29)
migration-precondition-no-charges = precondition: the switching terms state no `charges`
migration-precondition-no-required-charge = precondition: the switching terms state neither a `switching` nor an `egress` charge (CM-12 judges that)
migration-charge-after-deadline = the `{ $kind }` charge is { $stated }; from { $date } no switching charge may be imposed (EU Data Act art. 29(1))
migration-charge-not-cost-based = the `{ $kind }` charge is { $stated } and not marked `basis: "cost"`; until { $date } a switching charge may not exceed the costs directly linked to switching (EU Data Act art. 29(3))

# The formats register (EU Data Act art. 26(b)).
migration-register-mismatch = the formats register does not describe the export (EU Data Act art. 26(b)): { $problems }
migration-register-lacks-entity = the export has entity `{ $entity }`, which the register does not list
migration-register-media-type = `{ $entity }` is listed as { $listed }, but exported as { $exported }
migration-register-schema = the register's JSON Schema of `{ $entity }` is not the one its export declares
migration-register-extra-entity = the register lists `{ $entity }`, which the export does not contain

# Erasure, infrastructure, procedure.
migration-no-erasure = the switching terms do not state when exportable data is erased (`erasure`, EU Data Act art. 25(2)(h))
migration-erasure-after-absent = `erasure.after` is absent, not `retrieval_period` or `switching_completed` (EU Data Act art. 25(2)(h))
migration-erasure-after = `erasure.after` is { $value }, not `retrieval_period` or `switching_completed` (EU Data Act art. 25(2)(h))
migration-erasure-within-days = `erasure.within_days` is not a whole number of days: the terms do not say within how many days data is erased
migration-no-infrastructure = the switching terms do not state where the infrastructure holding customer data is (`infrastructure`, EU Data Act art. 28(1))
migration-no-jurisdictions = `infrastructure.jurisdictions` lists no jurisdiction
migration-unknown-jurisdictions = `infrastructure.jurisdictions` has { $codes }, not ISO 3166-1 alpha-2 code(s)
migration-data-leaves-china-unstated = `infrastructure.data_leaves_china` does not say whether customer data leaves China
migration-data-held-abroad = `infrastructure.data_leaves_china` is false, but customer data is held in { $codes }, outside the mainland
migration-no-access-safeguards = `infrastructure.access_safeguards` does not describe the measures against governmental access from other jurisdictions (EU Data Act art. 28(1)(b))
migration-no-procedure = the switching terms do not describe the switching procedure (`procedure`, EU Data Act art. 26(a))
migration-no-procedure-steps = `procedure.steps` lists no step of the switching procedure
migration-procedure-url = `procedure.url` is not an absolute http(s) URL of a page describing the switching procedure
migration-no-limitations = the switching terms do not list the known restrictions and technical limitations (`limitations`, an empty array when none is known; EU Data Act art. 26(a))

# How two sets of records differ.
migration-diff-missing = { $count } missing ({ $records })
migration-diff-extra = { $count } extra ({ $records })
migration-diff-altered = { $count } altered ({ $records })
migration-diff-altered-item = { $id } at { $field }
migration-list = { $first }, { $next }
migration-and-more = and { $more } more
migration-side-destination = the destination
migration-side-source = the source
