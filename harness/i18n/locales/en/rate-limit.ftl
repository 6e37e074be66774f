# harness/checks/src/rate_limit.rs: the published rate-limit policy and the 429 answer (RFC 6585 §4, RFC 9110 §10.2.3).

rate-limit-probe-limit-unlisted = the policy's probe names limit { $limit }, which the policy does not list
rate-limit-no-retry-after = the 429 answer has no Retry-After header (RFC 6585 §4, RFC 9110 §10.2.3)
rate-limit-retry-after-invalid = Retry-After { $value } is neither delta-seconds nor an HTTP-date (RFC 9110 §10.2.3)

## Where each client was cut off (OE-19)
rate-limit-not-all-refused = the clients were not all refused after the published { $limit } requests: { $counts }
# One client's count (listed with comma-listed).
rate-limit-count = { $client } after { $accepted }
rate-limit-served-again = { $client } was served again on the call right after its 429, within the same window: its count started anew while the other clients' did not
rate-limit-retry-too-late = { $client } was told to retry after { $secs } s, longer than the published window of { $window } s: its window is not the published one
rate-limit-the-policy = the rate-limit policy
