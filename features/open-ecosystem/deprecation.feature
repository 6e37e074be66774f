@profile:open-ecosystem
Feature: Versioning and deprecation
  Outsiders who built on an operation are told, in the answers themselves, that it is going away
  and when — with at least the notice the platform promises. Policy （九）, （二）; RFC 9745, RFC 8594.

  @req:OE-09
  Scenario: Deprecated operations send Deprecation and Sunset with enough notice
    The platform MUST declare its deprecation notice period in discovery
    (`capabilities.deprecation_notice_days`); the OPIS minimum notice is 180 days (half a year: one
    release cycle of a third-party app to move off the operation). Every safe operation its OpenAPI
    document marks `deprecated: true` MUST answer with a `Deprecation` header (RFC 9745 §2, a
    structured-field Date `@<epoch seconds>`) and a `Sunset` header (RFC 8594 §3, an HTTP-date)
    whose time is at least the larger of the declared period and 180 days after the deprecation
    date; a `Link` with `rel="deprecation"` (RFC 9745 §3), when sent, MUST be a URI reference. An
    operation answering with a `Deprecation` header MUST be one the OpenAPI document marks
    `deprecated: true`, and an operation MUST NOT answer with success after the time of the
    `Sunset` header it sends.
    The evidence sweep (OPIS §9, §14) applies these rules to every answer of the run.
    Given the discovery document
    And the harness is authenticated as "third-party-a"
    When the harness calls every safe operation the OpenAPI document marks deprecated
    Then each answers with Deprecation and Sunset headers giving at least the declared notice and at least 180 days, and none is served after its Sunset
