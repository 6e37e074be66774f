# harness/runner/src/oauth.rs: the harness's OAuth 2.0 client (OPIS §7).

runner-oauth-member = the OAuth { $member }
runner-oauth-metadata-names-no = the OAuth metadata names no { $member } ({ $cite })
runner-oauth-member-not-absolute = the OAuth metadata's { $member } is not an absolute URL ({ $error })
runner-oauth-metadata = OAuth authorization server metadata
runner-oauth-client-information = client information response
