@profile:core
Feature: Well-known security contact and API catalog
  Beside discovery, two well-known resources let tools that do not know OPIS find the operator's
  security contact (RFC 9116) and the platform's APIs (RFC 9727). Policy （六）, （三）, （九）, （二）.

  @req:CORE-03
  Scenario: A security contact is published
    The platform SHOULD serve `/.well-known/security.txt` on the discovery document's origin as
    `text/plain; charset=utf-8`, valid under RFC 9116, with at least one `Contact` and exactly one
    `Expires` that is not in the past at the time of the run.
    When the harness fetches "/.well-known/security.txt" from the discovery document's origin
    Then the answer is a valid security.txt with a contact and an unexpired Expires

  @req:CORE-04
  Scenario: The API catalog links to the discovery document and the OpenAPI description
    The platform SHOULD serve `/.well-known/api-catalog` on the discovery document's origin as a
    JSON linkset (`application/linkset+json`, RFC 9264) that links to its discovery document and to
    its OpenAPI description (RFC 9727).
    When the harness fetches "/.well-known/api-catalog" from the discovery document's origin
    Then the answer is a linkset that links to the discovery document and the OpenAPI description
