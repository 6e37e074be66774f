# harness/runner/src/steps/open_ecosystem/rate_limits.rs: the published rate limit is applied (OE-07), alike to every client (OE-19).

steps-oe-rate-limits-no-affiliated = the affiliated client's credentials were not supplied (target file [credentials.affiliated]): the published limit was checked for unrelated third parties only
steps-oe-rate-limits-limit-too-high = the probe's published limit is { $limit }; a probe operation must have a low limit (at most 100)
steps-oe-rate-limits-wait-too-long = a client was refused with 429 within the published limit, and waiting the { $seconds } s its Retry-After asks for, to try again in a fresh window, would pass the scenario's time budget (raise run_deadline_secs)

# What one client's burst showed.
steps-oe-rate-limits-probe-failed = the probe operation answered { $role } HTTP { $status }{ $hint }
steps-oe-rate-limits-client-problem = { $role }: { $problem }
steps-oe-rate-limits-refused-early = { $role } was refused with 429 after only { $accepted } requests, within the published limit of { $limit }, after sustained traffic of { $volume } requests
steps-oe-rate-limits-refused-early-again = { $role } was refused with 429 after only { $accepted } requests, within the published limit of { $limit }, after sustained traffic of { $volume } requests, again after waiting the { $seconds } s its Retry-After asked for
steps-oe-rate-limits-refused-early-long-retry = { $role } was refused with 429 after only { $accepted } requests, within the published limit of { $limit }, after sustained traffic of { $volume } requests (its Retry-After of { $retry_after } s is longer than the { $max_wait } s the harness waits)
steps-oe-rate-limits-never-refused = { $requests } requests of { $role } to the probe, over its published limit of { $limit }, were all accepted: the published limit is not the one applied

# The published policy, as findings call it.
steps-oe-rate-limits-policy = the rate-limit policy
