//! OAuth 2.0 as the harness uses it: authorization server metadata (RFC 8414), dynamic client
//! registration (RFC 7591), client authentication at the token endpoint (RFC 6749 §2.3.1) and
//! the token response (RFC 6749 §5.1), the authorization response read from its redirect (RFC
//! 6749 §4.1.2), and the test-identity sandbox's limits (PD-10: `login_hint` approved for
//! synthetic accounts only, PKCE required and checked, RFC 7636 §4.4.1, §4.6). Each check takes
//! what came over HTTP and names the clause.

use hutong_model::{joined, msg, sanitize_line, Finding, Message};
use serde_json::Value;
use std::collections::HashMap;
use url::Url;

/// Metadata members a third party needs to obtain credentials by itself: who issues tokens, where
/// to get one, and where to register (RFC 8414 §2, RFC 7591 §3).
pub const SELF_SERVICE_MEMBERS: &[&str] = &["issuer", "token_endpoint", "registration_endpoint"];

/// The well-known URI suffix of authorization server metadata (RFC 8414 §3, §7.3).
pub const WELL_KNOWN_SUFFIX: &str = "/.well-known/oauth-authorization-server";

/// Checks that the metadata names an issuer, a token endpoint and a registration endpoint.
pub fn check_self_service_metadata(metadata: &Value) -> Result<(), Finding> {
    let missing: Vec<&str> = SELF_SERVICE_MEMBERS.iter().copied().filter(|k| !metadata.get(*k).is_some_and(Value::is_string)).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Finding::fail(msg!("oauth-metadata-lacks", members = missing.join(", "))))
    }
}

/// The issuer a metadata URL was formed from, when it has the RFC 8414 §3.1 shape
/// `https://host/.well-known/oauth-authorization-server[/path]`: then the issuer is
/// `https://host[/path]`. `None` for any other shape.
pub fn issuer_of_metadata_url(url: &Url) -> Option<String> {
    if url.query().is_some() || url.fragment().is_some() {
        return None;
    }
    let rest = url.path().strip_prefix(WELL_KNOWN_SUFFIX)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let origin = url.origin().ascii_serialization();
    Some(format!("{origin}{rest}"))
}

/// RFC 8414 §3.3: the `issuer` in the metadata MUST be identical to the issuer identifier from
/// which the metadata URL was formed. For a declared URL of another shape (OPIS §7) the issuer's
/// origin must be the metadata URL's origin. A mismatch is a `fail`: metadata of another
/// authorization server must not be used.
pub fn check_issuer(metadata: &Value, metadata_url: &Url) -> Result<(), Finding> {
    let Some(issuer) = metadata.get("issuer").and_then(Value::as_str) else {
        return Err(Finding::fail(msg!("oauth-no-issuer")));
    };
    let shown = sanitize_line(issuer, 120);
    let url = metadata_url.as_str();
    match issuer_of_metadata_url(metadata_url) {
        Some(expected) if issuer == expected => Ok(()),
        Some(expected) => Err(Finding::fail(msg!(
            "oauth-issuer-not-formed",
            issuer = format!("{shown:?}"),
            expected = format!("{expected:?}"),
            url = url
        ))),
        None => {
            let same_origin = Url::parse(issuer).is_ok_and(|i| i.scheme() == "https" || i.scheme() == "http")
                && Url::parse(issuer).is_ok_and(|i| i.origin() == metadata_url.origin());
            if same_origin {
                Ok(())
            } else {
                Err(Finding::fail(msg!("oauth-issuer-other-origin", issuer = format!("{shown:?}"), url = url)))
            }
        }
    }
}

/// How a client authenticates at the token endpoint (RFC 6749 §2.3.1; method names of RFC 7591
/// §2 and the IANA "OAuth Token Endpoint Authentication Methods" registry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenAuthMethod {
    /// HTTP Basic with the client ID and secret (RFC 6749 §2.3.1), the default of RFC 7591 §2.
    ClientSecretBasic,
    /// `client_id` and `client_secret` in the form body (RFC 6749 §2.3.1).
    ClientSecretPost,
}

impl TokenAuthMethod {
    /// The registered name of the method.
    pub fn name(self) -> &'static str {
        match self {
            TokenAuthMethod::ClientSecretBasic => "client_secret_basic",
            TokenAuthMethod::ClientSecretPost => "client_secret_post",
        }
    }

    /// The method registered under `name`, if the harness implements it.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "client_secret_basic" => Some(TokenAuthMethod::ClientSecretBasic),
            "client_secret_post" => Some(TokenAuthMethod::ClientSecretPost),
            _ => None,
        }
    }
}

/// The method a registration response assigns (`token_endpoint_auth_method`, RFC 7591 §3.2.1;
/// `client_secret_basic` when absent, RFC 7591 §2). A method the harness cannot use is an
/// `error` naming it.
pub fn assigned_auth_method(registration: &Value) -> Result<TokenAuthMethod, Finding> {
    match registration.get("token_endpoint_auth_method") {
        None | Some(Value::Null) => Ok(TokenAuthMethod::ClientSecretBasic),
        Some(Value::String(name)) => TokenAuthMethod::from_name(name).ok_or_else(|| {
            Finding::error(msg!("oauth-auth-method-unsupported", method = format!("{:?}", sanitize_line(name, 80))))
        }),
        Some(other) => Err(Finding::fail(msg!("oauth-auth-method-not-string", value = other.to_string()))),
    }
}

/// The method for pre-issued credentials, from the metadata's
/// `token_endpoint_auth_methods_supported` (RFC 8414 §2): HTTP Basic when listed or when the
/// member is absent (its default is `client_secret_basic`), else `client_secret_post` when
/// listed, else an `error` naming what is offered.
pub fn supported_auth_method(metadata: &Value) -> Result<TokenAuthMethod, Finding> {
    let Some(listed) = metadata.get("token_endpoint_auth_methods_supported") else {
        return Ok(TokenAuthMethod::ClientSecretBasic);
    };
    let names: Vec<&str> = listed.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    for method in [TokenAuthMethod::ClientSecretBasic, TokenAuthMethod::ClientSecretPost] {
        if names.contains(&method.name()) {
            return Ok(method);
        }
    }
    let shown: Vec<String> = names.iter().take(8).map(|n| sanitize_line(n, 60)).collect();
    Err(Finding::error(if shown.is_empty() {
        msg!("oauth-supported-methods-empty")
    } else {
        msg!("oauth-supported-methods-unusable", methods = shown.join(", "))
    }))
}

/// A registered client, as the registration response gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`.
    pub client_secret: String,
    /// How the client authenticates at the token endpoint.
    pub auth_method: TokenAuthMethod,
}

/// Metadata members of a registration request the response must echo (RFC 7591 §3.2.1: "all
/// registered metadata about the client"), compared where the request set them. A server may
/// replace a value (RFC 7591 §3.2.1), so `token_endpoint_auth_method` is read, not compared.
const ECHOED: &[&str] = &["client_name", "grant_types"];

/// Checks a client registration response (RFC 7591 §3.2.1) to `requested`, a request for a
/// confidential client: HTTP 201, a `client_id`, a `client_secret` (a confidential client was
/// asked for), the registered metadata echoed, and an authentication method the harness can use.
pub fn check_registration(requested: &Value, status: u16, answer: &Value) -> Result<Registered, Finding> {
    if status != 201 {
        return Err(Finding::fail(msg!("oauth-registration-status", status = status)));
    }
    let client_id = answer
        .get("client_id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Finding::fail(msg!("oauth-registration-no-client-id")))?;
    let client_secret = answer.get("client_secret").and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or_else(|| {
        Finding::fail(msg!(
            "oauth-registration-no-secret",
            method = requested["token_endpoint_auth_method"].as_str().unwrap_or("client_secret_basic")
        ))
    })?;
    let not_echoed = joined(ECHOED.iter().filter(|k| requested.get(**k).is_some() && answer.get(**k) != requested.get(**k)).map(|k| {
        match answer.get(*k) {
            None => msg!("oauth-echo-missing", member = *k),
            Some(v) => msg!("oauth-echo-differs", member = *k, value = sanitize_line(&v.to_string(), 80), registered = requested[*k].to_string()),
        }
    }));
    if let Some(not_echoed) = not_echoed {
        return Err(Finding::fail(msg!("oauth-registration-not-echoed", problems = not_echoed)));
    }
    let auth_method = assigned_auth_method(answer)?;
    Ok(Registered { client_id: client_id.to_string(), client_secret: client_secret.to_string(), auth_method })
}

/// Checks a successful token response (RFC 6749 §5.1): HTTP 200, an `access_token` and a
/// `token_type` of `Bearer` (compared case-insensitively, RFC 6749 §5.1, RFC 6750 §4). A refused
/// request names the client authentication `method` used (RFC 6749 §2.3.1). Returns the token;
/// whether it works is a separate check.
pub fn check_token_response(status: u16, body: Option<&Value>, method: TokenAuthMethod) -> Result<String, Finding> {
    if status != 200 {
        let error = body.and_then(|b| b.get("error")).and_then(Value::as_str).map(|e| sanitize_line(e, 60));
        return Err(Finding::fail(match error {
            None => msg!("oauth-token-refused", method = method.name(), status = status),
            Some(error) => msg!("oauth-token-refused-with-error", method = method.name(), status = status, error = error),
        }));
    }
    let body = body.ok_or_else(|| Finding::fail(msg!("oauth-token-not-object")))?;
    let token = body
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Finding::fail(msg!("oauth-token-no-access-token")))?;
    match body.get("token_type").and_then(Value::as_str) {
        Some(kind) if kind.eq_ignore_ascii_case("bearer") => Ok(token.to_string()),
        Some(kind) => Err(Finding::fail(msg!("oauth-token-type", token_type = format!("{:?}", sanitize_line(kind, 60))))),
        None => Err(Finding::fail(msg!("oauth-token-no-type"))),
    }
}

/// What an authorization endpoint answered, read from its redirect (RFC 6749 §4.1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorizationAnswer {
    /// `code` and the `state` sent back.
    Code {
        /// The authorization code.
        code: String,
        /// `state`.
        state: Option<String>,
        /// `iss` (RFC 9207), when present.
        iss: Option<String>,
    },
    /// An error redirected to the client (RFC 6749 §4.1.2.1).
    Error {
        /// `error`.
        error: String,
        /// `error_description`, if any.
        description: Option<String>,
    },
}

/// Reads the redirect an authorization request was answered with: the `Location` of a 302 or
/// 303 to `redirect_uri`, with `code` or `error` in its query. Anything else (a sign-in page, a
/// redirect elsewhere) is `Err` with what was seen.
pub fn read_authorization_redirect(status: u16, location: Option<&str>, redirect_uri: &str) -> Result<AuthorizationAnswer, Message> {
    if (200..300).contains(&status) {
        return Err(msg!("oauth-authorize-sign-in-page", status = status));
    }
    if !matches!(status, 302 | 303) {
        return Err(msg!("oauth-authorize-refused", status = status));
    }
    let location = location.ok_or_else(|| msg!("oauth-redirect-no-location"))?;
    let url = Url::parse(location).map_err(|e| msg!("oauth-redirect-location-not-absolute", error = e.to_string()))?;
    let target = Url::parse(redirect_uri).map_err(|e| msg!("oauth-redirect-uri-not-absolute", error = e.to_string()))?;
    let same = url.scheme() == target.scheme() && url.host_str() == target.host_str() && url.path() == target.path();
    if !same {
        return Err(msg!("oauth-redirect-elsewhere"));
    }
    let pairs: HashMap<String, String> = url.query_pairs().into_owned().collect();
    if let Some(error) = pairs.get("error") {
        return Ok(AuthorizationAnswer::Error { error: error.clone(), description: pairs.get("error_description").cloned() });
    }
    let code = pairs.get("code").filter(|c| !c.is_empty()).ok_or_else(|| msg!("oauth-redirect-no-code"))?;
    Ok(AuthorizationAnswer::Code { code: code.clone(), state: pairs.get("state").cloned(), iss: pairs.get("iss").cloned() })
}

/// Whether an answer of the authorization endpoint hands out an authorization code: a redirect
/// (any `3xx`) whose `Location`, read against the endpoint's URL when relative, carries a
/// non-empty `code` in its query or its fragment, wherever it points. Stricter than
/// [`read_authorization_redirect`], which reads only the answer a client expects: a code sent
/// with a `307` or to another URI is handed out all the same.
pub fn redirect_carries_code(status: u16, location: Option<&str>) -> bool {
    let Some(location) = location.filter(|_| (300..400).contains(&status)) else { return false };
    let Ok(url) = Url::parse("http://authorization-endpoint.invalid/").and_then(|base| base.join(location)) else { return false };
    let in_fragment = url.fragment().map(|f| url::form_urlencoded::parse(f.as_bytes()).into_owned().collect::<Vec<_>>()).unwrap_or_default();
    url.query_pairs().into_owned().chain(in_fragment).any(|(k, v)| k == "code" && !v.is_empty())
}

/// PD-10 (OPIS §7.2, §7.3): an authorization request whose `login_hint` names no account the
/// sandbox created — no synthetic account — is answered without a `code`. A person's account is
/// reached only through that person's sign-in and consent, so any answer but a code passes (an
/// error redirect, a sign-in page, a `4xx`).
pub fn check_unknown_login_hint_refused(status: u16, location: Option<&str>) -> Result<(), Finding> {
    if redirect_carries_code(status, location) {
        return Err(Finding::fail(msg!("oauth-login-hint-code", status = status)));
    }
    Ok(())
}

/// PD-10 (OPIS §7.1 item 3): an authorization request without `code_challenge` and
/// `code_challenge_method` is refused, as RFC 7636 §4.4.1 requires of a server that requires
/// PKCE: an error redirect to the client with `error=invalid_request`, or a `4xx` when the
/// endpoint does not redirect. A `code` fails; so does any other answer (another `error`, a
/// sign-in page, a `5xx`).
pub fn check_pkce_required(status: u16, location: Option<&str>, redirect_uri: &str) -> Result<(), Finding> {
    let code = || Finding::fail(msg!("oauth-pkce-code", status = status));
    if redirect_carries_code(status, location) {
        return Err(code());
    }
    if (400..500).contains(&status) {
        return Ok(());
    }
    match read_authorization_redirect(status, location, redirect_uri) {
        Ok(AuthorizationAnswer::Error { error, .. }) if error == "invalid_request" => Ok(()),
        Ok(AuthorizationAnswer::Error { error, .. }) => {
            Err(Finding::fail(msg!("oauth-pkce-wrong-error", error = format!("{:?}", sanitize_line(&error, 60)))))
        }
        Ok(AuthorizationAnswer::Code { .. }) => Err(code()),
        Err(_) if (300..400).contains(&status) => Err(Finding::fail(msg!("oauth-pkce-redirect-elsewhere", status = status))),
        Err(_) => Err(Finding::fail(msg!("oauth-pkce-not-refused", status = status))),
    }
}

/// PD-10 (OPIS §7.1 item 3): a code exchanged with a `code_verifier` whose S256 challenge is not
/// the one the authorization request sent is refused with `invalid_grant` (RFC 7636 §4.6) in an
/// RFC 6749 §5.2 error response (HTTP 400), and no token is issued.
pub fn check_wrong_verifier_refused(status: u16, body: Option<&Value>) -> Result<(), Finding> {
    let member = |m: &str| body.and_then(|b| b.get(m)).and_then(Value::as_str);
    if (200..300).contains(&status) && member("access_token").is_some_and(|t| !t.is_empty()) {
        return Err(Finding::fail(msg!("oauth-verifier-token-issued", status = status)));
    }
    match member("error") {
        Some("invalid_grant") if status == 400 => Ok(()),
        Some(error) => Err(Finding::fail(msg!("oauth-verifier-wrong-error", status = status, error = format!("{:?}", sanitize_line(error, 60))))),
        None => Err(Finding::fail(msg!("oauth-verifier-no-error", status = status))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_are_required() {
        let full = json!({"issuer": "https://a", "token_endpoint": "https://a/t", "registration_endpoint": "https://a/r"});
        assert!(check_self_service_metadata(&full).is_ok());
        let mut partial = full.clone();
        partial.as_object_mut().unwrap().remove("registration_endpoint");
        assert!(check_self_service_metadata(&partial).unwrap_err().message.contains("registration_endpoint"));
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    // See: issue 11, "RFC 8414 §3.3 issuer check".
    #[test]
    fn issuer_is_formed_from_the_well_known_url() {
        assert_eq!(issuer_of_metadata_url(&url("https://a.example/.well-known/oauth-authorization-server")).as_deref(), Some("https://a.example"));
        assert_eq!(issuer_of_metadata_url(&url("https://a.example/.well-known/oauth-authorization-server/t1")).as_deref(), Some("https://a.example/t1"));
        assert_eq!(issuer_of_metadata_url(&url("http://127.0.0.1:8080/.well-known/oauth-authorization-server")).as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(issuer_of_metadata_url(&url("https://a.example/.well-known/oauth-authorization-serverx")), None);
        assert_eq!(issuer_of_metadata_url(&url("https://a.example/oauth/.well-known/openid-configuration")), None);
    }

    #[test]
    fn issuer_must_be_identical() {
        let well_known = url("https://a.example/.well-known/oauth-authorization-server/t1");
        assert!(check_issuer(&json!({"issuer": "https://a.example/t1"}), &well_known).is_ok());
        for wrong in ["https://a.example", "https://a.example/t1/", "https://evil.example/t1", "HTTPS://a.example/t1"] {
            let f = check_issuer(&json!({ "issuer": wrong }), &well_known).unwrap_err();
            assert_eq!(f.outcome(), hutong_model::Outcome::Fail, "{wrong}");
            assert!(f.message.contains("RFC 8414 §3.3"), "{}", f.message);
        }
        assert!(check_issuer(&json!({}), &well_known).is_err());
    }

    #[test]
    fn other_url_shapes_fall_back_to_the_origin() {
        let oidc = url("https://a.example/tenant/.well-known/openid-configuration");
        assert!(check_issuer(&json!({"issuer": "https://a.example/tenant"}), &oidc).is_ok());
        let f = check_issuer(&json!({"issuer": "https://b.example/tenant"}), &oidc).unwrap_err();
        assert!(f.message.contains("origin"), "{}", f.message);
    }

    // See: issue 11, "token endpoint authentication".
    #[test]
    fn the_assigned_method_is_used() {
        assert_eq!(assigned_auth_method(&json!({})).unwrap(), TokenAuthMethod::ClientSecretBasic);
        assert_eq!(assigned_auth_method(&json!({"token_endpoint_auth_method": "client_secret_post"})).unwrap(), TokenAuthMethod::ClientSecretPost);
        let f = assigned_auth_method(&json!({"token_endpoint_auth_method": "private_key_jwt"})).unwrap_err();
        assert_eq!(f.outcome(), hutong_model::Outcome::Error);
        assert!(f.message.contains("private_key_jwt") && f.message.contains("RFC 6749 §2.3.1"), "{}", f.message);
    }

    #[test]
    fn preissued_credentials_follow_the_supported_methods() {
        assert_eq!(supported_auth_method(&json!({})).unwrap(), TokenAuthMethod::ClientSecretBasic);
        let both = json!({"token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"]});
        assert_eq!(supported_auth_method(&both).unwrap(), TokenAuthMethod::ClientSecretBasic);
        let post = json!({"token_endpoint_auth_methods_supported": ["client_secret_post"]});
        assert_eq!(supported_auth_method(&post).unwrap(), TokenAuthMethod::ClientSecretPost);
        let jwt = json!({"token_endpoint_auth_methods_supported": ["private_key_jwt"]});
        assert!(supported_auth_method(&jwt).unwrap_err().message.contains("private_key_jwt"));
    }

    fn request() -> Value {
        json!({"client_name": "probe", "grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_basic"})
    }

    // See: issue 11, "steps that cannot fail": `registered` asserted nothing.
    #[test]
    fn registration_response_is_checked() {
        let good = json!({"client_id": "c", "client_secret": "s", "client_name": "probe", "grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_post"});
        let r = check_registration(&request(), 201, &good).unwrap();
        assert_eq!((r.client_id.as_str(), r.client_secret.as_str(), r.auth_method), ("c", "s", TokenAuthMethod::ClientSecretPost));
        assert!(check_registration(&request(), 200, &good).unwrap_err().message.contains("201"));
        let mut no_secret = good.clone();
        no_secret.as_object_mut().unwrap().remove("client_secret");
        assert!(check_registration(&request(), 201, &no_secret).unwrap_err().message.contains("client_secret"));
        let mut renamed = good.clone();
        renamed["grant_types"] = json!(["authorization_code"]);
        let f = check_registration(&request(), 201, &renamed).unwrap_err();
        assert!(f.message.contains("grant_types") && f.message.contains("echo"), "{}", f.message);
        let mut no_id = good;
        no_id["client_id"] = json!("");
        assert!(check_registration(&request(), 201, &no_id).unwrap_err().message.contains("client_id"));
    }

    // See: issue 11, "steps that cannot fail": `token_issued` could not fail.
    #[test]
    fn token_response_is_checked() {
        let basic = TokenAuthMethod::ClientSecretBasic;
        assert_eq!(check_token_response(200, Some(&json!({"access_token": "t", "token_type": "BEARER"})), basic).unwrap(), "t");
        assert!(check_token_response(200, Some(&json!({"token_type": "Bearer"})), basic).unwrap_err().message.contains("access_token"));
        assert!(check_token_response(200, Some(&json!({"access_token": "t", "token_type": "mac"})), basic).unwrap_err().message.contains("mac"));
        assert!(check_token_response(200, Some(&json!({"access_token": "t"})), basic).unwrap_err().message.contains("token_type"));
        let refused = check_token_response(401, Some(&json!({"error": "invalid_client"})), TokenAuthMethod::ClientSecretPost).unwrap_err();
        assert!(refused.message.contains("client_secret_post") && refused.message.contains("RFC 6749 §2.3.1") && refused.message.contains("invalid_client"), "{}", refused.message);
    }

    #[test]
    fn the_redirect_is_read_not_followed() {
        let redirect_uri = "http://127.0.0.1/callback";
        let ok = read_authorization_redirect(302, Some("http://127.0.0.1:4711/callback?code=abc&state=s1&iss=http%3A%2F%2Fp"), redirect_uri);
        assert_eq!(ok, Ok(AuthorizationAnswer::Code { code: "abc".into(), state: Some("s1".into()), iss: Some("http://p".into()) }));
        let refused = read_authorization_redirect(302, Some("http://127.0.0.1/callback?error=access_denied&state=s1"), redirect_uri);
        assert!(matches!(refused, Ok(AuthorizationAnswer::Error { ref error, .. }) if error == "access_denied"));
        let page = read_authorization_redirect(200, None, redirect_uri).unwrap_err().en();
        assert!(page.contains("sign-in page"), "{page}");
        let elsewhere = read_authorization_redirect(302, Some("https://login.example/?code=abc"), redirect_uri).unwrap_err().en();
        assert!(elsewhere.contains("other than the registered redirect URI"), "{elsewhere}");
    }

    #[test]
    fn a_code_is_seen_wherever_a_redirect_carries_it() {
        assert!(redirect_carries_code(302, Some("http://127.0.0.1/callback?code=abc&state=s")));
        assert!(redirect_carries_code(307, Some("https://elsewhere.example/cb?code=abc")));
        assert!(redirect_carries_code(303, Some("/cb#state=s&code=abc")));
        assert!(!redirect_carries_code(302, Some("http://127.0.0.1/callback?error=access_denied&code=")));
        assert!(!redirect_carries_code(200, Some("http://127.0.0.1/callback?code=abc")), "only a redirect hands the code to the client");
        assert!(!redirect_carries_code(302, None));
        assert!(!redirect_carries_code(302, Some("https://login.example/signin?return=%2Fauthorize%3Fcode%3D1")));
    }

    // PD-10: the sandbox reaches synthetic accounts only, with PKCE (OPIS §7.1 item 3, §7.2).
    #[test]
    fn an_unknown_login_hint_gets_no_code() {
        assert!(check_unknown_login_hint_refused(200, None).is_ok(), "a sign-in page");
        assert!(check_unknown_login_hint_refused(302, Some("http://127.0.0.1/callback?error=access_denied")).is_ok());
        assert!(check_unknown_login_hint_refused(400, None).is_ok());
        let f = check_unknown_login_hint_refused(302, Some("http://127.0.0.1/callback?code=abc&state=s")).unwrap_err();
        assert_eq!(f.outcome(), hutong_model::Outcome::Fail);
        assert!(f.message.contains("OPIS §7.2"), "{}", f.message);
    }

    #[test]
    fn pkce_is_required_with_invalid_request() {
        let uri = "http://127.0.0.1/callback";
        assert!(check_pkce_required(302, Some("http://127.0.0.1/callback?error=invalid_request&state=s"), uri).is_ok());
        assert!(check_pkce_required(400, None, uri).is_ok());
        let code = check_pkce_required(302, Some("http://127.0.0.1/callback?code=abc"), uri).unwrap_err();
        assert!(code.message.contains("with a code") && code.message.contains("RFC 7636 §4.4.1"), "{}", code.message);
        let other = check_pkce_required(302, Some("http://127.0.0.1/callback?error=access_denied"), uri).unwrap_err();
        assert!(other.message.contains("access_denied"), "{}", other.message);
        assert!(check_pkce_required(200, None, uri).unwrap_err().message.contains("HTTP 200"));
        assert!(check_pkce_required(500, None, uri).is_err());
        assert!(check_pkce_required(302, Some("https://login.example/"), uri).is_err());
    }

    #[test]
    fn a_wrong_verifier_is_refused_with_invalid_grant() {
        assert!(check_wrong_verifier_refused(400, Some(&json!({"error": "invalid_grant"}))).is_ok());
        let token = check_wrong_verifier_refused(200, Some(&json!({"access_token": "t", "token_type": "Bearer"}))).unwrap_err();
        assert!(token.message.contains("issued a token") && token.message.contains("RFC 7636 §4.6"), "{}", token.message);
        assert!(check_wrong_verifier_refused(400, Some(&json!({"error": "invalid_request"}))).unwrap_err().message.contains("invalid_request"));
        assert!(check_wrong_verifier_refused(401, Some(&json!({"error": "invalid_grant"}))).is_err());
        assert!(check_wrong_verifier_refused(500, None).is_err());
    }
}
