@profile:open-ecosystem
Feature: Denials cite a published rule
  A restriction that cites no published rule cannot be told from an arbitrary one: every denial
  names the section of the platform's published documents it applies. Policy （九）, （二）;
  RFC 9457 §3.1.1, RFC 6585 §4.

  @req:OE-16
  Scenario: A client refused over the probe's limit is pointed to the section of the published rules it applies
    Every `403`, `429` or `451` answer of the interop surface to a well-formed request with valid
    credentials MUST carry, in its problem details, a `type` that cites the published rule the
    denial applies: an absolute URI (`https`, unless the discovery document itself is served over
    `http`) that is, without its fragment, the `current` URL of a document the disclosure index
    (`endpoints.disclosures`) lists, that answers 200 to a request without credentials with a
    disclosure document of that entry's `kind`, and whose fragment is the `id` of one of that
    document's `content.sections`.
    The denial judged here is the 429 of the rate-limit probe of OE-07, received by a client the
    harness registers for this scenario (so that no other scenario's count is disturbed).
    Given the discovery document
    And the harness is authenticated as a client it registers for this scenario
    When the client fetches the published rate-limit policy
    Then it is a valid rate-limit policy that names a probe operation and its limit
    When the client calls the probe operation until it is refused
    And the harness fetches the disclosure index without credentials
    Then every denial the client received cites a section of a current published disclosure document
