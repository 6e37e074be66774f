@profile:open-ecosystem
Feature: Live answers conform to the published API description
  What a platform publishes about its interface is what it does: every safe operation it declares
  answers as its own OpenAPI document says. Policy （九）, （二）; OpenAPI 3.1.0, JSON Schema 2020-12.

  @req:OE-04
  Scenario: Every safe operation the platform declares answers as declared
    For every safe (GET or HEAD) operation the platform declares in its OpenAPI document — not only
    the OPIS operations — a live response MUST have a status the operation declares (exactly, as
    `NXX` or as `default`), a media type declared for that status, and a JSON body that validates
    against the declared schema. Path parameters are filled from the platform's own list results
    (the member named like the parameter, else `id`, of the first item of the list at the parent
    path); an operation whose parameters cannot be filled that way is not exercised and is named in
    the finding, and a platform none of whose safe operations can be exercised gets an error.
    Given the discovery document
    And the harness is authenticated as "third-party-a"
    When the harness calls every safe operation of the OpenAPI document
    Then every answer has a declared status, a declared media type and a body valid against the declared schema
