@profile:open-ecosystem
Feature: Self-service access without manual approval
  No unreasonable procedural hurdle (不合理的程序要求): a new third party obtains working
  credentials by itself, through open standards. Policy （九）; RFC 8414, RFC 7591, RFC 6749 §4.4.

  @req:OE-02
  Scenario: A new third party registers itself and calls the API within the run
    The platform MUST publish OAuth 2.0 Authorization Server Metadata (RFC 8414) and support Dynamic
    Client Registration (RFC 7591) so that a new third party obtains working credentials with no
    manual approval, gets an access token with the client-credentials grant and calls the interop
    API within the same session, whatever its registration metadata: a client registered with the
    name, software ID, home page, redirect URI and contacts of a well-known app or platform (drawn
    from the corpora of OPIS §5 by the run's seed) MUST be registered like a client registered with
    neutral metadata and then get the same answers, the same HTTP status, the same body after the
    normalisation of OPIS §8.2 and the same `RateLimit-Policy` header field where the platform sends
    it (draft-ietf-httpapi-ratelimit-headers), to the same randomised sequence of safe requests as
    OE-05.
    Given the discovery document
    When the harness fetches the OAuth authorization server metadata
    Then the metadata names an issuer, a token endpoint and a registration endpoint
    When the harness registers a new client
    Then the registration answers 201 with a client ID and a client secret
    When the new client requests a token with the client-credentials grant
    Then a bearer token is issued
    And the new client can list "products" with that token

  @req:OE-02
  Scenario: A client registered with a well-known app's metadata is registered and answered like a neutral one
    The platform MUST publish OAuth 2.0 Authorization Server Metadata (RFC 8414) and support Dynamic
    Client Registration (RFC 7591) so that a new third party obtains working credentials with no
    manual approval, gets an access token with the client-credentials grant and calls the interop
    API within the same session, whatever its registration metadata: a client registered with the
    name, software ID, home page, redirect URI and contacts of a well-known app or platform (drawn
    from the corpora of OPIS §5 by the run's seed) MUST be registered like a client registered with
    neutral metadata and then get the same answers, the same HTTP status, the same body after the
    normalisation of OPIS §8.2 and the same `RateLimit-Policy` header field where the platform sends
    it (draft-ietf-httpapi-ratelimit-headers), to the same randomised sequence of safe requests as
    OE-05.
    Given the discovery document
    When the harness registers one client with neutral metadata and one with the metadata of a well-known app
    Then both registrations answer 201 with a client ID and a client secret, and both clients get a token
    Given the safe operations of the OpenAPI document, with path parameters filled from list results
    When every client sends the same randomised sequence of safe requests
    Then every client gets the same status and normalised body for every request
    And every client is told the same RateLimit-Policy on every request
