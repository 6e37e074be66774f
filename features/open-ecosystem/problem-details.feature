@profile:open-ecosystem
Feature: Machine-readable errors
  Every refusal is explained in a machine-readable way (RFC 9457 problem details), so that a
  restriction can be traced to a published rule. Policy （九）, （二）.

  @req:OE-03
  Scenario: Error answers of the interop surface are problem details
    Every 4xx or 5xx response of the interop surface MUST be an RFC 9457 problem details object
    served as `application/problem+json`, with `type`, `title` and `status` equal to the HTTP
    status.
    Besides the errors provoked here (an unknown product and an unknown item of every other
    declared collection, an invalid token, a malformed JSON body sent to the test-record
    collection declared in `capabilities.test_resources`, OPIS §6.6) and the answers to a bad
    page size and an anonymous list, judged only if they are errors (a platform may clamp the
    one and serve the other publicly), the
    evidence sweep judges every 4xx or 5xx answer of the interop surface that any scenario of the
    run received (OPIS §9).
    Given the harness is authenticated as "third-party-a"
    When the client fetches a "products" item that does not exist
    Then the answer is problem details with status 404
    When the client fetches an item that does not exist from every other declared collection than "products"
    Then every error answer among them is problem details
    When the client lists "products" with an invalid page size
    Then the answer, if it is an error, is problem details
    When an unauthenticated request lists "products"
    Then the answer, if it is an error, is problem details
    When a request with an invalid bearer token lists "products"
    Then the answer is problem details with status 401
    When the client sends a malformed JSON body to the declared test-record collection, if one is declared
    Then a malformed body, if one was sent, is refused with problem details
