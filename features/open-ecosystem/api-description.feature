@profile:open-ecosystem
Feature: Published API description
  The platform publishes a machine-readable description of its interop surface, so that any
  outsider can build against it under the same rule. Policy （九）, （二）, （十三）.

  @req:OE-01
  Scenario: The OpenAPI document is valid and describes every declared interop operation
    Discovery MUST link (`endpoints.openapi`) an OpenAPI 3.x document that is valid and that
    describes every interop operation the platform declares in discovery.
    Given the discovery document
    When the harness fetches the OpenAPI document linked from discovery
    Then it is a valid OpenAPI 3.x document
    And it describes every interop endpoint declared in discovery
