@profile:anti-incompatibility
Feature: No mandatory proprietary channel
  Others reach the platform with open, standard means only: plain HTTP(S) and an OAuth 2.0 bearer
  token (RFC 6750). The harness itself is the proof: it uses no SDK, signature or device binding.
  Policy （九）; Anti-Unfair Competition Law art. 12.

  @req:AI-07
  Scenario: Every interop operation works with a bearer token and standard headers only
    Every interop operation MUST work over plain HTTP(S) with a standard OAuth 2.0 bearer token in
    the `Authorization` header: no proprietary SDK header, request signature or device binding may
    be required.
    Given the harness is authenticated as "third-party-a"
    When the client calls every declared read operation, one item of each collection and the messaging operation with only a bearer token
    Then every operation answers with success
