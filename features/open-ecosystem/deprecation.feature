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

  @req:OE-20
  Scenario: A deprecated operation answers with success until the Sunset it announces
    An operation that announces a `Sunset` (RFC 8594 §3) MUST keep answering as documented, with
    success, until that time, and MUST NOT later announce an earlier `Sunset` than one it announced
    before: in every run, each safe operation the OpenAPI document marks `deprecated: true` that
    sends a `Sunset` still ahead answers with success; and against the target's run history (OPIS
    §12), every operation for which an earlier run saw a `Sunset` still ahead answers with success
    and sends no `Sunset` earlier than the latest an earlier run saw.
    This scenario judges the part of one run, and keeps each Sunset seen in the run history.
    Given the discovery document
    And the harness is authenticated as "third-party-a"
    When the harness calls every safe operation the OpenAPI document marks deprecated, keeping the Sunset each sends
    Then each whose Sunset is still ahead answers with success

  @req:OE-20
  Scenario: A later run never sees an earlier Sunset, nor an operation gone before the Sunset an earlier run saw
    An operation that announces a `Sunset` (RFC 8594 §3) MUST keep answering as documented, with
    success, until that time, and MUST NOT later announce an earlier `Sunset` than one it announced
    before: in every run, each safe operation the OpenAPI document marks `deprecated: true` that
    sends a `Sunset` still ahead answers with success; and against the target's run history (OPIS
    §12), every operation for which an earlier run saw a `Sunset` still ahead answers with success
    and sends no `Sunset` earlier than the latest an earlier run saw.
    Without an earlier run of the target in its history this scenario is not applicable, saying so,
    and the requirement rests on the scenario above; the report names the earlier runs compared.
    Given the discovery document
    And the run history holds an earlier run of this target
    And the harness is authenticated as "third-party-a"
    When the harness calls every safe operation the OpenAPI document marks deprecated, keeping the Sunset each sends
    Then no operation announces an earlier Sunset than an earlier run saw, and each whose earlier Sunset is still ahead still answers with success
