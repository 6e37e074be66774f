@profile:open-ecosystem
Feature: Transparent rate limits
  A restriction is explained by a published rule: the limits are published, and a refusal for
  exceeding them says when to retry. Policy （九）, （二）; RFC 6585 §4, RFC 9110 §10.2.3.

  @req:OE-07 @req:OE-19
  Scenario: The published limit of the probe is the limit applied, to every client, after sustained traffic
    The platform MUST publish its rate-limit policy (discovery `endpoints.rate_limit_policy`, a document
    valid against `rate-limit-policy.schema.json`) naming a low-limit probe operation, whose limit is at
    most 100 requests per window (so that a client can exceed it within a run without loading the
    platform). The published limit of the probe MUST be the one applied, to every client alike and
    whatever its history: after every client has sent the same sustained traffic of safe requests (as in
    OE-06), no client is refused with 429 within the published number of requests, and every client that
    exceeds it (its limit plus one calls in a row) is answered 429 with a `Retry-After` header
    (delta-seconds or HTTP-date).
    Every client of OE-05 MUST be refused (429) on the published probe operation after the same
    number of requests within the same window, as published: in OE-07's bursts, sent by every
    client at once after the same sustained traffic, each client is refused first on its call after
    exactly the published number of accepted calls, is refused again on the call right after that
    429 (a refusal does not start a new window for one client), and is not told to retry later than
    the published window of the probe's limit (`Retry-After` at most its `window_seconds`).
    Each requirement is judged from the same bursts whatever the other's outcome.
    Given the discovery document
    And the harness is authenticated as "third-party-a"
    And the safe operations of the OpenAPI document, with path parameters filled from list results
    When the client fetches the published rate-limit policy
    Then it is a valid rate-limit policy that names a probe operation and its limit
    When every client sends sustained traffic, then calls the probe operation up to its published limit and once more
    Then no client is refused within the published limit, each is refused with 429 and Retry-After over it, and all are cut off after the same number of requests within the same window
