@profile:open-ecosystem
Feature: Versioning and deprecation
  Outsiders who built on an operation are told, in the answers themselves, that it is going away
  and when — with at least the notice the platform promises. Policy （九）, （二）; RFC 9745, RFC 8594.

  @req:OE-09
  Scenario: Deprecated operations send Deprecation and Sunset with enough notice
    Every safe operation the OpenAPI document marks `deprecated: true` MUST answer with a
    `Deprecation` header (RFC 9745) and a `Sunset` header (RFC 8594) at least the larger of the
    declared notice period and 180 days after the deprecation date.
    Given the discovery document
    And the harness is authenticated as "third-party-a"
    When the harness calls every safe operation the OpenAPI document marks deprecated
    Then each answers with Deprecation and Sunset headers giving at least the declared notice and at least 180 days
