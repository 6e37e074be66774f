@profile:open-ecosystem
Feature: Live answers conform to the published API description
  What a platform publishes about its interface is what it does: every safe operation it declares
  answers as its own OpenAPI document says. Policy （九）, （二）; OpenAPI 3.1.0, JSON Schema 2020-12.

  @req:OE-04
  Scenario: Every safe operation the platform declares answers as declared
    For every safe (GET or HEAD) operation the platform declares in its OpenAPI document, a live
    response MUST have a declared status, a media type declared for that status, and a JSON body
    that validates against the declared schema.
    Given the discovery document
    And the harness is authenticated as "third-party-a"
    When the harness calls every safe operation of the OpenAPI document
    Then every answer has a declared status, a declared media type and a body valid against the declared schema
