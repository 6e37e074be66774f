# harness/checks/src/merchant_data.rs: merchant data (OPIS §16c): the merchant-data document, three years of records (MD-01), no charges (MD-02), the same records for every tool (MD-03).

merchant-data-the-document = the merchant-data document
merchant-data-not-date-time = { $what } { $value } is not an RFC 3339 date-time
merchant-data-run-start = the run's start
merchant-data-active-since-invalid = the merchant-data document's `active_since` is not an RFC 3339 date-time

# MD-01: three years back.
merchant-data-merchant-too-young = the test merchant is active only since { $since }, less than three years ({ $days } days) before the run: its data cannot show three years (OPIS §16c: a synthetic merchant is seeded with at least three years)
merchant-data-range-empty = the merchant's { $dataset } from { $from } to { $to } (three years before the run) are empty: the platform does not let the merchant retrieve its data three years back
merchant-data-no-id = (no id)
merchant-data-record-at = { $id } at { $at }
merchant-data-record-undated = { $id } without an RFC 3339 `occurred_at`
merchant-data-records-outside-range = { $count } of the { $total } { $dataset } listed for { $from } to { $to } lie outside that range: { $records }

# MD-02: no charges.
merchant-data-no-charges = the merchant-data document states no `charges`
merchant-data-charged = the merchant-data document charges the merchant for its own data: { $charges } (access MUST be free)

# MD-03: what an authorised outside tool gets and what the platform's own tool gets.
merchant-data-record-counts-differ = the merchant's { $dataset }: the authorised outside tool got { $outside } records, the platform's own tool { $own }
merchant-data-record-ids-differ = record { $index }: id { $outside } for the outside tool, { $own } for the platform's own
merchant-data-outside-copy = the outside tool's copy
merchant-data-own-copy = the platform's own tool's
merchant-data-record-differs = record { $id }: { $difference }
merchant-data-records-differ = the merchant's { $dataset } differ between the authorised outside tool and the platform's own tool: { $problems }
