//! Redaction of credentials out of everything that is recorded as evidence.

use std::fmt;
use std::sync::{Arc, LazyLock, RwLock};

use regex::Regex;
use serde_json::Value;

/// The text that replaces every redacted value.
pub const REDACTED: &str = "[REDACTED]";

/// Secret values shorter than this many characters are ignored by [`Redactor::add_secret`]:
/// replacing them would mangle ordinary text without protecting anything.
pub const MIN_SECRET_CHARS: usize = 4;

/// Header names that are always redacted, whatever their value (lowercase).
const ALWAYS_SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
];

/// Fragments that make a header name sensitive (lowercase substring match).
const SECRET_HEADER_FRAGMENTS: &[&str] = &[
    "token",
    "secret",
    "key",
    "password",
    "passwd",
    "credential",
    "session",
];

/// Headers whose names contain a sensitive fragment but that carry no credential (lowercase).
const NON_SECRET_HEADERS: &[&str] = &[
    "idempotency-key",
    "sec-websocket-key",
    "public-key-pins",
    "public-key-pins-report-only",
];

/// JSON object keys whose values are always redacted (compared lowercase, `-` read as `_`).
const SECRET_JSON_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "registration_access_token",
    "password",
    "passwd",
    "secret",
    "api_key",
    "apikey",
    "token",
    "client_assertion",
    "code_verifier",
    "private_key",
    "secret_access_key",
    "secretaccesskey",
    "session_token",
    "sessiontoken",
];

/// Fragments that make a URL query or fragment parameter name sensitive (lowercase substring).
const SECRET_PARAM_FRAGMENTS: &[&str] = &[
    "token",
    "secret",
    "key",
    "code",
    "signature",
    "password",
    "passwd",
    "credential",
    "assertion",
];

/// Parameter names that match a fragment above but carry no secret (S3's `max-keys`,
/// `key-marker`).
const NON_SECRET_PARAMS: &[&str] = &["max-keys", "key-marker", "next-key-marker"];

/// `"secret_key": "value"` pairs in text that is not parsed as JSON (e.g. truncated JSON).
static JSON_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)("(?:access_token|refresh_token|id_token|client_secret|registration_access_token|password|passwd|secret|api_key|apikey|token|client_assertion|code_verifier|private_key|secret_access_key|secretaccesskey|session_token|sessiontoken)"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)"#,
    )
    .expect("static regex is valid")
});

/// `name=value` pairs in form bodies, URLs and free text whose name looks like a credential.
static FORM_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b([a-z0-9_.\-]*(?:token|secret|password|passwd|client_assertion|code_verifier|api_key|apikey)[a-z0-9_.\-]*=)[^&\s"'<>]+"#,
    )
    .expect("static regex is valid")
});

/// Removes credentials from text, headers, JSON and URLs before they are recorded.
///
/// Two kinds of rules apply:
///
/// * **Exact secret values** registered with [`Redactor::add_secret`] (tokens, client secrets,
///   passwords from the environment) are replaced by `[REDACTED]` wherever they appear, also in
///   their URL-encoded and JSON-escaped forms. Values shorter than [`MIN_SECRET_CHARS`]
///   characters are ignored.
/// * **Names**: see [`Redactor::redact_header`], [`Redactor::redact_json`] and
///   [`Redactor::redact_url`] for the header, JSON key and URL parameter rules.
///
/// Clones share their secrets (`Arc<RwLock<..>>` inside): a secret added mid-run (e.g. a token
/// obtained through OAuth) is redacted by every clone from then on, including the one held by
/// the [`crate::HttpClient`]. The `Debug` output never shows the secrets.
#[derive(Clone, Default)]
pub struct Redactor {
    inner: Arc<RwLock<Secrets>>,
}

#[derive(Default)]
struct Secrets {
    /// The registered values, as given.
    originals: Vec<String>,
    /// Every form to search for (originals and their encodings), longest first.
    needles: Vec<String>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("secrets", &self.secret_count())
            .finish()
    }
}

impl Redactor {
    /// A redactor with no registered secret values (the name rules still apply).
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers an exact secret value to replace by `[REDACTED]` wherever it appears.
    ///
    /// All clones of this redactor see the addition. Values shorter than [`MIN_SECRET_CHARS`]
    /// characters are ignored. Takes `&mut self` for symmetry with builders; clones share
    /// state, so [`Redactor::insert_secret`] does the same through a shared reference (e.g.
    /// `client.redactor().insert_secret(token)`).
    pub fn add_secret(&mut self, value: impl Into<String>) {
        self.insert_secret(value);
    }

    /// Same as [`Redactor::add_secret`], through a shared reference.
    pub fn insert_secret(&self, value: impl Into<String>) {
        let value = value.into();
        if value.chars().count() < MIN_SECRET_CHARS {
            return;
        }
        let mut secrets = self
            .inner
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if secrets.originals.contains(&value) {
            return;
        }
        for needle in encodings(&value) {
            if !secrets.needles.contains(&needle) {
                secrets.needles.push(needle);
            }
        }
        secrets.originals.push(value);
        // Longest first, so that a secret containing another one is replaced whole.
        secrets
            .needles
            .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    }

    /// How many distinct secret values are registered.
    pub fn secret_count(&self) -> usize {
        self.inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .originals
            .len()
    }

    /// Replaces every registered secret value (and its URL-encoded and JSON-escaped forms) in
    /// `s` by `[REDACTED]`. Applies no name rules.
    pub fn redact_str(&self, s: &str) -> String {
        let secrets = self
            .inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut out = s.to_owned();
        for needle in &secrets.needles {
            if out.contains(needle.as_str()) {
                out = out.replace(needle.as_str(), REDACTED);
            }
        }
        out
    }

    /// Redacts free text such as a body that is not parsed as JSON: secret values, plus the
    /// values of `"access_token": "…"`-style JSON pairs (same keys as
    /// [`Redactor::redact_json`]) and of `name=value` pairs whose name contains `token`,
    /// `secret`, `password`, `passwd`, `client_assertion`, `code_verifier`, `api_key` or
    /// `apikey` (form bodies, URLs inside text).
    pub fn redact_text(&self, s: &str) -> String {
        let out = self.redact_str(s);
        let out = JSON_PAIR.replace_all(&out, format!("${{1}}\"{REDACTED}\""));
        FORM_PAIR
            .replace_all(&out, format!("${{1}}{REDACTED}"))
            .into_owned()
    }

    /// Redacts one header value for the record.
    ///
    /// Rule (header names compared case-insensitively):
    /// * `Authorization` and `Proxy-Authorization` keep their scheme only (`Bearer [REDACTED]`);
    /// * `Cookie` keeps cookie names only (`sid=[REDACTED]; theme=[REDACTED]`), `Set-Cookie`
    ///   keeps the cookie name and its attributes (`sid=[REDACTED]; Path=/; HttpOnly`);
    /// * `X-Api-Key`, `X-Auth-Token` and every header whose name contains `token`, `secret`,
    ///   `key`, `password`, `passwd`, `credential` or `session` is replaced whole — except the
    ///   well-known non-credential headers `Idempotency-Key`, `Sec-WebSocket-Key`,
    ///   `Public-Key-Pins` and `Public-Key-Pins-Report-Only`, which are kept (they carry
    ///   nonces or public data that is useful evidence);
    /// * `Location` and `Content-Location` go through [`Redactor::redact_url`];
    /// * every other value only has registered secret values replaced.
    pub fn redact_header(&self, name: &str, value: &str) -> String {
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "authorization" | "proxy-authorization" => match value.trim().split_once(' ') {
                Some((scheme, _))
                    if !scheme.is_empty()
                        && scheme
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
                {
                    format!("{scheme} {REDACTED}")
                }
                _ => REDACTED.to_owned(),
            },
            "cookie" => value
                .split(';')
                .map(|pair| redact_cookie_pair(self, pair))
                .collect::<Vec<_>>()
                .join("; "),
            "set-cookie" => {
                let mut parts = value.split(';');
                let mut out = vec![redact_cookie_pair(self, parts.next().unwrap_or(""))];
                out.extend(parts.map(|attr| self.redact_str(attr.trim())));
                out.join("; ")
            }
            "location" | "content-location" => self.redact_url(value),
            _ if is_sensitive_header(&lower) => REDACTED.to_owned(),
            _ => self.redact_str(value),
        }
    }

    /// Redacts a JSON document in place.
    ///
    /// Non-null values of the keys `access_token`, `refresh_token`, `id_token`,
    /// `client_secret`, `registration_access_token`, `password`, `passwd`, `secret`,
    /// `api_key`, `apikey`, `token`, `client_assertion`, `code_verifier`, `private_key` and the
    /// S3 key names `secret_access_key`, `SecretAccessKey`, `session_token`, `SessionToken`
    /// (compared case-insensitively, `-` read as `_`) become `"[REDACTED]"` at any depth;
    /// every other string goes through [`Redactor::redact_text`].
    pub fn redact_json(&self, v: &mut Value) {
        match v {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    if is_sensitive_json_key(key) && !value.is_null() {
                        *value = Value::String(REDACTED.to_owned());
                    } else {
                        self.redact_json(value);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.redact_json(item)),
            Value::String(s) => {
                let redacted = self.redact_text(s);
                if redacted != *s {
                    *s = redacted;
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    /// Redacts a URL for the record: the password of the userinfo, and the values of query and
    /// fragment parameters whose (decoded, lowercased) name contains `token`, `secret`, `key`,
    /// `code`, `signature`, `password`, `passwd`, `credential` or `assertion` (but for S3's
    /// `max-keys` and `key-marker`), or is `sig`;
    /// then every registered secret value. Works on the text, so everything else is kept
    /// byte for byte, and unparseable input is still redacted.
    pub fn redact_url(&self, u: &str) -> String {
        let (before_fragment, fragment) = match u.split_once('#') {
            Some((a, f)) => (a, Some(f)),
            None => (u, None),
        };
        let (base, query) = match before_fragment.split_once('?') {
            Some((b, q)) => (b, Some(q)),
            None => (before_fragment, None),
        };
        let mut out = redact_userinfo(base);
        if let Some(query) = query {
            out.push('?');
            out.push_str(&redact_params(query));
        }
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(&redact_params(fragment));
        }
        self.redact_str(&out)
    }
}

/// Whether a header value is redacted whole by [`Redactor::redact_header`] because of its name
/// (the always-redacted headers and the name-fragment rule; see there).
pub fn is_sensitive_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if ALWAYS_SECRET_HEADERS.contains(&lower.as_str()) {
        return true;
    }
    if NON_SECRET_HEADERS.contains(&lower.as_str()) {
        return false;
    }
    SECRET_HEADER_FRAGMENTS.iter().any(|f| lower.contains(f))
}

/// Whether [`Redactor::redact_json`] redacts the value of this JSON object key.
pub fn is_sensitive_json_key(key: &str) -> bool {
    let normalized = key.to_ascii_lowercase().replace('-', "_");
    SECRET_JSON_KEYS.contains(&normalized.as_str())
}

/// Whether [`Redactor::redact_url`] redacts the value of this query or fragment parameter.
pub fn is_sensitive_param(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if NON_SECRET_PARAMS.contains(&lower.as_str()) {
        return false;
    }
    lower == "sig" || SECRET_PARAM_FRAGMENTS.iter().any(|f| lower.contains(f))
}

/// The forms in which a secret value may appear in recorded text.
fn encodings(value: &str) -> Vec<String> {
    let mut out = vec![value.to_owned()];
    let form: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    out.push(form.replace('+', "%20"));
    out.push(form);
    if let Ok(json) = serde_json::to_string(value) {
        let inner = &json[1..json.len() - 1];
        out.push(inner.to_owned());
        out.push(inner.replace('/', "\\/"));
    }
    out.sort();
    out.dedup();
    out.retain(|needle| !needle.is_empty());
    out
}

fn redact_cookie_pair(redactor: &Redactor, pair: &str) -> String {
    match pair.trim().split_once('=') {
        Some((name, _)) => format!("{}={REDACTED}", redactor.redact_str(name.trim())),
        None => REDACTED.to_owned(),
    }
}

/// Replaces the password of `scheme://user:password@host` (text before any `?` or `#`).
fn redact_userinfo(base: &str) -> String {
    let Some(scheme_end) = base.find("://") else {
        return base.to_owned();
    };
    let authority_start = scheme_end + 3;
    let authority_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let authority = &base[authority_start..authority_end];
    let Some(at) = authority.rfind('@') else {
        return base.to_owned();
    };
    let userinfo = &authority[..at];
    let Some((user, _password)) = userinfo.split_once(':') else {
        return base.to_owned();
    };
    format!(
        "{}{user}:{REDACTED}{}",
        &base[..authority_start],
        &base[authority_start + at..]
    )
}

/// Redacts the values of sensitive `name=value` pairs in a `&`-separated parameter string.
fn redact_params(params: &str) -> String {
    params
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((raw_name, _)) => {
                let name = url::form_urlencoded::parse(raw_name.as_bytes())
                    .next()
                    .map(|(n, _)| n.into_owned())
                    .unwrap_or_default();
                if is_sensitive_param(&name) {
                    format!("{raw_name}={REDACTED}")
                } else {
                    pair.to_owned()
                }
            }
            None => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_secrets_are_ignored() {
        let mut r = Redactor::new();
        r.add_secret("abc");
        assert_eq!(r.secret_count(), 0);
        assert_eq!(r.redact_str("abc"), "abc");
    }

    #[test]
    fn secrets_are_shared_between_clones_and_encodings_are_covered() {
        let r = Redactor::new();
        let clone = r.clone();
        clone.insert_secret("s3cr et/+x");
        assert_eq!(r.redact_str("a s3cr et/+x b"), "a [REDACTED] b");
        assert_eq!(r.redact_str("q=s3cr+et%2F%2Bx"), "q=[REDACTED]");
        assert_eq!(r.redact_str("q=s3cr%20et%2F%2Bx"), "q=[REDACTED]");
        assert_eq!(r.redact_str(r#""s3cr et\/+x""#), r#""[REDACTED]""#);
    }

    #[test]
    fn longer_secret_wins_over_contained_one() {
        let r = Redactor::new();
        r.insert_secret("abcd");
        r.insert_secret("abcdefgh");
        assert_eq!(r.redact_str("xabcdefghx"), "x[REDACTED]x");
    }

    #[test]
    fn header_rules() {
        let r = Redactor::new();
        assert_eq!(
            r.redact_header("Authorization", "Bearer abc.def"),
            "Bearer [REDACTED]"
        );
        assert_eq!(r.redact_header("authorization", "rawkey"), "[REDACTED]");
        assert_eq!(
            r.redact_header("Cookie", "a=1; b=2"),
            "a=[REDACTED]; b=[REDACTED]"
        );
        assert_eq!(
            r.redact_header("Set-Cookie", "sid=xyz; Path=/; HttpOnly"),
            "sid=[REDACTED]; Path=/; HttpOnly"
        );
        assert_eq!(r.redact_header("X-Api-Key", "k"), "[REDACTED]");
        assert_eq!(r.redact_header("X-Amz-Security-Token", "t"), "[REDACTED]");
        assert_eq!(r.redact_header("X-Client-Secret", "t"), "[REDACTED]");
        assert_eq!(r.redact_header("Idempotency-Key", "abc-123"), "abc-123");
        assert_eq!(r.redact_header("Content-Type", "text/plain"), "text/plain");
        assert_eq!(
            r.redact_header("Location", "https://x/cb?code=abc&state=s"),
            "https://x/cb?code=[REDACTED]&state=s"
        );
    }

    #[test]
    fn json_rules() {
        let r = Redactor::new();
        r.insert_secret("sekrit-value");
        let mut v = json!({
            "access_token": "a", "Token_Type": "Bearer", "nested": [{"client_secret": "b"}],
            "refresh_token": null, "note": "has sekrit-value inside", "x": "password=hunter22",
            "access_key_id": "HTAKID", "secret_access_key": "s3k", "SecretAccessKey": "s3k",
        });
        r.redact_json(&mut v);
        assert_eq!(
            v,
            json!({
                "access_token": "[REDACTED]", "Token_Type": "Bearer",
                "nested": [{"client_secret": "[REDACTED]"}], "refresh_token": null,
                "note": "has [REDACTED] inside", "x": "password=[REDACTED]",
                "access_key_id": "HTAKID", "secret_access_key": "[REDACTED]", "SecretAccessKey": "[REDACTED]",
            })
        );
    }

    #[test]
    fn url_rules() {
        let r = Redactor::new();
        assert_eq!(
            r.redact_url("https://user:pw@host:8443/p?a=1&access_token=xyz&X-Amz-Signature=s&sig=q#id_token=t&state=ok"),
            "https://user:[REDACTED]@host:8443/p?a=1&access_token=[REDACTED]&X-Amz-Signature=[REDACTED]&sig=[REDACTED]#id_token=[REDACTED]&state=ok"
        );
        assert_eq!(r.redact_url("https://user@host/p"), "https://user@host/p");
        // See issue 13: S3's `max-keys` is a page size, not a secret.
        assert_eq!(
            r.redact_url("http://h/b?list-type=2&max-keys=1000&continuation-token=t&X-Amz-Credential=AK"),
            "http://h/b?list-type=2&max-keys=1000&continuation-token=[REDACTED]&X-Amz-Credential=[REDACTED]"
        );
        assert_eq!(
            r.redact_url("not a url ?token=1"),
            "not a url ?token=[REDACTED]"
        );
    }

    #[test]
    fn text_rules() {
        let r = Redactor::new();
        assert_eq!(
            r.redact_text(r#"{"access_token": "abc\"def", "expires_in": 3"#),
            r#"{"access_token": "[REDACTED]", "expires_in": 3"#
        );
        assert_eq!(
            r.redact_text(r#"{"id_token":"abc"#),
            r#"{"id_token":"[REDACTED]""#
        );
        assert_eq!(
            r.redact_text("grant_type=password&username=u&password=p%20w&client_secret=zz"),
            "grant_type=password&username=u&password=[REDACTED]&client_secret=[REDACTED]"
        );
    }
}
