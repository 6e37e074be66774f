# harness/checks/src/oauth.rs: OAuth 2.0 metadata (RFC 8414), client registration (RFC 7591), the token response (RFC 6749 §5.1), the authorization redirect (RFC 6749 §4.1.2) and the sandbox's limits (PD-10).

## Authorization server metadata (RFC 8414)
oauth-metadata-lacks = the OAuth metadata lacks { $members } (RFC 8414 §2)
oauth-no-issuer = the OAuth metadata has no issuer (RFC 8414 §2, §3.3)
oauth-issuer-not-formed = the OAuth metadata's issuer { $issuer } is not the issuer { $expected } its URL { $url } was formed from (RFC 8414 §3.3)
oauth-issuer-other-origin = the OAuth metadata's issuer { $issuer } is not on the origin of its URL { $url } (RFC 8414 §3.3; OPIS §7 for metadata URLs not under /.well-known/oauth-authorization-server)

## Client authentication at the token endpoint (RFC 6749 §2.3.1)
oauth-auth-method-unsupported = the registration assigned token_endpoint_auth_method { $method }, which the harness does not implement (it uses client_secret_basic or client_secret_post, RFC 6749 §2.3.1)
oauth-auth-method-not-string = token_endpoint_auth_method is { $value }, not a string (RFC 7591 §2)
oauth-supported-methods-unusable = token_endpoint_auth_methods_supported lists { $methods }, none of which the harness implements (client_secret_basic, client_secret_post; RFC 6749 §2.3.1)
oauth-supported-methods-empty = token_endpoint_auth_methods_supported lists nothing, none of which the harness implements (client_secret_basic, client_secret_post; RFC 6749 §2.3.1)

## Dynamic client registration (RFC 7591 §3.2.1)
oauth-registration-status = dynamic client registration answered HTTP { $status }, not 201 Created (RFC 7591 §3.2.1)
oauth-registration-no-client-id = the client information response has no client_id (RFC 7591 §3.2.1)
oauth-registration-no-secret = the client information response has no client_secret, though a confidential client authenticating with { $method } was asked for (RFC 7591 §3.2.1)
oauth-registration-not-echoed = the client information response does not echo the registered metadata: { $problems } (RFC 7591 §3.2.1)
oauth-echo-missing = { $member } is missing
oauth-echo-differs = { $member } is { $value }, { $registered } was registered

## The token response (RFC 6749 §5.1)
oauth-token-refused = the token request, authenticated with { $method } (RFC 6749 §2.3.1), answered HTTP { $status }, not 200 (RFC 6749 §5.1)
oauth-token-refused-with-error = the token request, authenticated with { $method } (RFC 6749 §2.3.1), answered HTTP { $status } ({ $error }), not 200 (RFC 6749 §5.1)
oauth-token-not-object = the token response is not a JSON object (RFC 6749 §5.1)
oauth-token-no-access-token = the token response has no access_token (RFC 6749 §5.1)
oauth-token-type = the token response's token_type is { $token_type }, not Bearer (RFC 6749 §5.1, RFC 6750 §4)
oauth-token-no-type = the token response has no token_type (RFC 6749 §5.1)

## The authorization response, read from its redirect (RFC 6749 §4.1.2)
oauth-authorize-sign-in-page = the authorization endpoint answered HTTP { $status }, not a redirect with a code: a sign-in page, asking for a person at a browser (OPIS §7.2 approves a synthetic account's login_hint without one)
oauth-authorize-refused = the authorization endpoint answered HTTP { $status }, not a redirect with a code: it refused the request (for a pre-issued client: is the target file's `redirect_uri` the one registered? OPIS §7.1)
oauth-redirect-no-location = the authorization redirect has no Location
oauth-redirect-location-not-absolute = the authorization redirect's Location is not an absolute URL ({ $error })
oauth-redirect-uri-not-absolute = the redirect URI is not an absolute URL ({ $error })
oauth-redirect-elsewhere = the authorization endpoint redirected somewhere other than the registered redirect URI (RFC 6749 §4.1.2)
oauth-redirect-no-code = the authorization redirect carries neither code nor error (RFC 6749 §4.1.2)

## The test-identity sandbox (PD-10)
oauth-login-hint-code = the authorization endpoint answered a request whose login_hint names no account the sandbox created with a code (HTTP { $status }): a login_hint is approved without a person's sign-in and consent for synthetic accounts only (OPIS §7.2, §7.3)
oauth-pkce-code = the authorization endpoint answered a request without code_challenge with a code (HTTP { $status }): PKCE is required (RFC 7636 §4.4.1; OPIS §7.1 item 3)
oauth-pkce-wrong-error = the authorization endpoint refused a request without code_challenge with error { $error }, not invalid_request (RFC 7636 §4.4.1)
oauth-pkce-redirect-elsewhere = the authorization endpoint answered a request without code_challenge with HTTP { $status } to somewhere other than an error redirect to the client: it is refused with error=invalid_request (RFC 7636 §4.4.1; OPIS §7.1 item 3)
oauth-pkce-not-refused = the authorization endpoint answered a request without code_challenge with HTTP { $status }, neither an error redirect with invalid_request nor a 4xx: PKCE is required (RFC 7636 §4.4.1; OPIS §7.1 item 3)
oauth-verifier-token-issued = the token endpoint issued a token (HTTP { $status }) for a code exchanged with a code_verifier that does not match its code_challenge: it checks no code_verifier (RFC 7636 §4.6; OPIS §7.1 item 3)
oauth-verifier-wrong-error = the token endpoint refused a code exchanged with a wrong code_verifier with HTTP { $status } and error { $error }, not HTTP 400 with invalid_grant (RFC 7636 §4.6, RFC 6749 §5.2)
oauth-verifier-no-error = the token endpoint answered a code exchanged with a wrong code_verifier with HTTP { $status } and no RFC 6749 §5.2 error, not HTTP 400 with invalid_grant (RFC 7636 §4.6)
