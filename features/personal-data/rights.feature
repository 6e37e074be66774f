@profile:personal-data
Feature: A person's rights over their personal information
  A person obtains a copy of their personal information, has it transferred to another processor,
  corrects and deletes it, cancels their account, and grants clients no more than the scope they
  need. The harness acts for test identities only (OPIS §7.2): synthetic accounts of the platform's
  sandbox, or accounts the certifier owns. Policy （六）.

  @req:PD-02
  Scenario: A person obtains a complete copy of their personal information
    A person MUST be able to obtain, through a client they authorised, a complete copy of their
    personal information as JSON from `endpoints.personal_data`, free of charge and within the run:
    every record they hold, each with its `id`, `kind` and `value`.
    Given the person "pd-copy" acting through "third-party-a"
    When the person adds records of kinds "address" and "contact"
    And the person fetches their copy of their personal information
    Then the copy holds every record the person added, with its kind and value

  @req:PD-03
  Scenario: Another processor the person authorises receives the same copy
    A person MUST be able to authorise another processor (a second, independent client) to fetch
    their personal information, and the copy that processor receives MUST equal the copy the person
    obtains, record by record, free of charge.
    Given the person "pd-transfer" acting through "third-party-a"
    When the person adds records of kinds "address" and "contact"
    And the person fetches their copy of their personal information
    And the person authorises "third-party-b", which fetches the copy
    Then the two copies hold the same records

  @req:PD-04
  Scenario: Correction and deletion are reflected in the next copy
    A correction and a deletion a person makes MUST be reflected in their next copy: the corrected
    value served, the deleted record absent.
    Given the person "pd-rectify" acting through "third-party-a"
    When the person adds records of kinds "address" and "address"
    And the person corrects the first record and deletes the second
    And the person fetches their copy of their personal information
    Then the copy serves the corrected value and not the deleted record

  @req:PD-05
  Scenario: A person cancels their account
    A person MUST be able to cancel their account with `DELETE` on `endpoints.account`, with no
    condition beyond the request itself; after the cancellation every token issued for the account
    MUST stop working and its personal information MUST no longer be served.
    Given the person "pd-cancel" acting through "third-party-a"
    When the person also authorises "third-party-b"
    And the person cancels their account
    Then every token issued for the account answers 401 and the copy is no longer served

  @req:PD-06
  Scenario: An under-scoped token is refused with insufficient_scope on every operation that needs more
    Access to personal data MUST be granted by scope, least privilege first: the platform's OpenAPI
    description MUST name in the security requirement of the copy (`GET` at
    `endpoints.personal_data`) a scope that does not by itself reach the operations that correct,
    delete or cancel; and a token MUST NOT reach an operation beyond its granted scope: every
    operation whose security requirement in the platform's OpenAPI description names a scope the
    token was not granted MUST answer `403` with `WWW-Authenticate: Bearer error="insufficient_scope"`.
    The scopes each operation needs are those its security requirement names in the platform's
    OpenAPI description; the token holds only those of the copy operation.
    Given the person "pd-scope" holding only the scope its copy needs
    When the harness calls every operation whose OpenAPI security needs a scope the token lacks
    Then each answers 403 with a Bearer insufficient_scope challenge

  @req:PD-07
  Scenario: Revoking a grant stops its access at once
    Revoking a person's refresh token at the `revocation_endpoint` of the OAuth metadata SHOULD stop
    the grant at once: the next request with its access token answers `401`, and the revoked refresh
    token obtains no new access token (RFC 7009 §2.2).
    Given the person "pd-revoke" acting through "third-party-b"
    When the client revokes the person's refresh token at the revocation endpoint
    Then the next request with the grant's access token answers 401

  @req:PD-08
  Scenario: A refused rights request gives its reasons
    A refusal of a person's rights request MUST give its reasons as problem details with a `detail`
    and a `type` that resolves to the platform's published rule relied on.
    Given the person "pd-refusal" acting through "third-party-a"
    When the person asks to correct a record they do not hold
    Then the refusal is problem details with a detail and a type that resolves to a published rule
