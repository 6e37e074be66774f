@profile:open-ecosystem
Feature: Machine-readable errors
  Every refusal is explained in a machine-readable way (RFC 9457 problem details), so that a
  restriction can be traced to a published rule. Policy （九）, （二）.

  @req:OE-03
  Scenario: Error answers of the interop surface are problem details
    Every 4xx or 5xx response of the interop surface MUST be an RFC 9457 problem details object
    served as `application/problem+json`, with `type`, `title` and `status` equal to the HTTP
    status.
    Given the harness is authenticated as "third-party-a"
    When the client fetches a "products" item that does not exist
    Then the answer is problem details with status 404
    When the client lists "products" with an invalid page size
    Then the answer is problem details with status 400
    When an unauthenticated request lists "products"
    Then the answer is problem details with status 401
