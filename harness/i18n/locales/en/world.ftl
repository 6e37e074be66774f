# harness/runner/src/runner/world.rs: the helpers steps use to raise findings and to authenticate.

# Values a step reads from an earlier step of the same scenario.
world-no-earlier-value = no `{ $field }`: an earlier step did not run
world-no-answer = no answer to check: an earlier step fetched nothing

# URLs off the platform's origins.
world-endpoint = endpoint `{ $name }`
world-off-platform = { $what } is on { $origin }, outside the platform's origins (its own and trusted_origins); the harness sends no request there

# The client-credentials token of a role (OPIS §7).
world-cannot-act-as = cannot act as { $role }
world-oauth-member = the OAuth { $member }
world-oauth-member-not-absolute = the OAuth metadata's { $member } is not an absolute URL ({ $error })
world-metadata-names-no = the OAuth metadata names no { $member } ({ $cite })
world-registration-no-client-id = the registration answer has no client_id (RFC 7591 §3.2.1)
world-registration-no-client-secret = the registration answer has no client_secret
world-token-no-access-token = the token response has no access_token (RFC 6749 §5.1)
world-token-type-not-bearer = token_type is { $token_type }, not Bearer (RFC 6750 §4)
world-oauth-metadata = OAuth authorization server metadata
world-registration = dynamic client registration (RFC 7591 §3.2.1)
world-client-information = client information response
world-token-request = token request (RFC 6749 §5.1)
world-token-response = token response
