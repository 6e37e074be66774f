@profile:personal-data
Feature: The test-identity sandbox reaches synthetic accounts only, with PKCE
  The sandbox approves a `login_hint` without a person at a browser, and that approval is what
  keeps the harness, and anyone who copies its requests, away from real persons' data: it is
  granted for synthetic accounts alone, and only to the client that sent the authorization
  request, proven with PKCE (OPIS §7.1 item 3, §7.2, §7.3; RFC 7636 §4.4.1, §4.6). Each scenario
  varies one thing of the harness's own authorization request; a code or token obtained so is
  never used. Policy （六）.

  @req:PD-10
  Scenario: A login_hint that names no account the sandbox created gets no code
    The test-identity sandbox MUST reach synthetic accounts only, and only with PKCE: the
    authorization endpoint MUST NOT answer with a `code` an authorization request whose
    `login_hint` names no synthetic account the sandbox created; it MUST refuse an authorization
    request without `code_challenge` and `code_challenge_method=S256`, with an error redirect
    carrying `invalid_request` or a `4xx`, issuing no `code`; and the token endpoint MUST refuse a
    code exchanged with a `code_verifier` that does not match its challenge with `invalid_grant`,
    issuing no token.
    The hint is drawn afresh, shaped like the synthetic account's and longer than any the platform
    allocated, so that it names no account at all; the request is otherwise valid, with PKCE S256.
    Any answer but a code is right: an error redirect, a sign-in page, a 4xx.
    Given a synthetic user "pd-sandbox" created on the sandbox for "third-party-a"
    When the client asks for a code with a login_hint that names no account
    Then the answer carries no code

  @req:PD-10
  Scenario: An authorization request without PKCE is refused
    The test-identity sandbox MUST reach synthetic accounts only, and only with PKCE: the
    authorization endpoint MUST NOT answer with a `code` an authorization request whose
    `login_hint` names no synthetic account the sandbox created; it MUST refuse an authorization
    request without `code_challenge` and `code_challenge_method=S256`, with an error redirect
    carrying `invalid_request` or a `4xx`, issuing no `code`; and the token endpoint MUST refuse a
    code exchanged with a `code_verifier` that does not match its challenge with `invalid_grant`,
    issuing no token.
    The request names the synthetic account the run created, which the sandbox approves with PKCE.
    Given a synthetic user "pd-sandbox" created on the sandbox for "third-party-a"
    When the client asks for a code for the synthetic user without a PKCE challenge
    Then the request is refused with invalid_request and carries no code

  @req:PD-10
  Scenario: A code exchanged with the wrong code_verifier is refused
    The test-identity sandbox MUST reach synthetic accounts only, and only with PKCE: the
    authorization endpoint MUST NOT answer with a `code` an authorization request whose
    `login_hint` names no synthetic account the sandbox created; it MUST refuse an authorization
    request without `code_challenge` and `code_challenge_method=S256`, with an error redirect
    carrying `invalid_request` or a `4xx`, issuing no `code`; and the token endpoint MUST refuse a
    code exchanged with a `code_verifier` that does not match its challenge with `invalid_grant`,
    issuing no token.
    The code is obtained for the synthetic account with PKCE S256, then exchanged with a
    well-formed verifier (RFC 7636 §4.1) whose challenge was not sent.
    Given a synthetic user "pd-sandbox" created on the sandbox for "third-party-a"
    When the client obtains a code for the synthetic user with PKCE and exchanges it with another code_verifier
    Then the token endpoint refuses it with invalid_grant and issues no token
