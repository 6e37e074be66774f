@profile:core
Feature: Discovery of the interop surface
  A platform publishes one discovery document at a well-known URI (RFC 8615); from the base URL
  alone the harness finds every other interop endpoint. Policy （九）, （七）.

  @req:CORE-01
  Scenario: The discovery document is published, valid and compatible
    The platform MUST serve a discovery document at `/.well-known/opis` as `application/json` that
    validates against `discovery.schema.json` and declares an OPIS version compatible with this
    suite.
    When the harness fetches the discovery document
    Then the answer is 200 with media type "application/json"
    And the body validates against the schema "discovery.schema.json"
    And the declared OPIS version is compatible with this suite

  @req:CORE-02
  Scenario: Every declared endpoint is on the platform's origin and answers
    Every endpoint URL in the discovery document MUST be on the discovery document's origin or on an
    origin listed in `trusted_origins`, and every one but `api_base` (a base URL, not itself an operation, OPIS §6.4) MUST answer a request without a 404, a 5xx or a
    transport failure; and the platform MUST NOT declare an endpoint of, or describe in its OpenAPI
    description an operation of, an optional capability it does not declare (OPIS §6.5), nor publish
    current algorithmic rules that name `workers` as affected without declaring `workers`, or a
    current fee schedule that states a commission or payment-settlement rate without declaring
    `commission_fees`.
    This scenario checks the origins and the answers.
    Given the discovery document
    Then every declared endpoint is on an allowed origin
    And every declared endpoint answers without 404, 5xx or transport failure

  @req:CORE-02
  Scenario: No operation of an undeclared optional capability is declared or described
    Every endpoint URL in the discovery document MUST be on the discovery document's origin or on an
    origin listed in `trusted_origins`, and every one but `api_base` (a base URL, not itself an operation, OPIS §6.4) MUST answer a request without a 404, a 5xx or a
    transport failure; and the platform MUST NOT declare an endpoint of, or describe in its OpenAPI
    description an operation of, an optional capability it does not declare (OPIS §6.5), nor publish
    current algorithmic rules that name `workers` as affected without declaring `workers`, or a
    current fee schedule that states a commission or payment-settlement rate without declaring
    `commission_fees`.
    This scenario checks the capabilities: a capability is declared or not offered, so that leaving
    it out escapes no requirement. `workers` and `commission_fees` bring no operation; what the
    platform discloses (OE-10) shows whether it has them.
    Given the discovery document
    When the harness reads the OpenAPI document linked from discovery
    Then no endpoint or described operation belongs to an optional capability the platform does not declare
    And no published disclosure shows workers or commission fees the platform does not declare
