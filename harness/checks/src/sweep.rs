//! The evidence sweep (OPIS §9, §14): after the scenarios, every answer the run collected is judged
//! by every requirement it bears on, not only the answers a scenario asked for on purpose.
//!
//! - **OE-03**: every 4xx or 5xx answer of the interop surface (OPIS §2.2: the discovery document
//!   and every operation reachable from the declared endpoints, except the OAuth 2.0 endpoints)
//!   is RFC 9457 problem details, whatever request caused it. Answers of the S3 endpoint of
//!   `capabilities.object_storage` (S3 XML errors) and of the endpoints the OAuth metadata names
//!   (RFC 6749 §5.2, RFC 7591 §3.2.2 errors) are not on the interop surface.
//! - **OE-09**: an answer with a `Deprecation` header (RFC 9745 §2) comes from an operation the
//!   OpenAPI document marks `deprecated: true`, with enough notice; a success of a safe operation
//!   marked deprecated carries the headers; no operation still answers with success after the
//!   `Sunset` (RFC 8594 §3) it announces.
//!
//! Pure: it reads recorded exchanges and documents, and sends nothing.

use crate::deprecation;
use crate::discovery::Discovery;
use hutong_http::{Exchange, Response};
use hutong_model::{joined, msg, sanitize_line, Message};
use serde_json::Value;
use url::Url;

/// How many problems one finding names (the rest are counted).
const NAMED: usize = 5;

/// What the sweep found about one requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweepFinding {
    /// The requirement judged (`OE-03`, `OE-09`).
    pub requirement: &'static str,
    /// What disagreed, naming the operations and answers.
    pub message: hutong_model::Message,
    /// Indexes (into the exchanges given) of the decisive answers.
    pub exchanges: Vec<usize>,
}

/// What the sweep judges the exchanges against.
#[derive(Debug, Clone)]
pub struct SweepInput<'a> {
    /// The discovery document of the run.
    pub discovery: &'a Discovery,
    /// The base URL (origin of the discovery document).
    pub base_url: &'a Url,
    /// The platform's OpenAPI document and its URL, when it could be read (OE-09's checks need it).
    pub openapi: Option<(&'a Value, &'a Url)>,
    /// Now, in Unix seconds (to tell a passed `Sunset`).
    pub now: i64,
}

/// Judges every exchange; returns at most one finding per requirement.
pub fn sweep(exchanges: &[Exchange], input: &SweepInput) -> Vec<SweepFinding> {
    let surface = Surface::new(exchanges, input.discovery, input.base_url);
    let mut errors = Problems::default();
    let mut deprecations = Problems::default();
    let declared = deprecation::declared_notice_days(&input.discovery.capabilities).unwrap_or(0);
    for (i, e) in exchanges.iter().enumerate() {
        let (Some(status), Some(url)) = (e.status, final_url(e)) else { continue };
        if !surface.contains(&url) {
            continue;
        }
        let Some(response) = response_of(e, status, &url) else { continue };
        let request = format!("{} {}", e.method, sanitize_line(url.path(), 120));
        if status >= 400 {
            if let Some(problem) = problem_details_problem(e, &response) {
                errors.push(i, msg!("sweep-answer-problem", request = &request, problem = problem));
            }
        }
        if let Some((doc, doc_url)) = input.openapi {
            if let Some(problem) = deprecation_problem(doc, doc_url, e, &url, &response, declared, input.now) {
                deprecations.push(i, msg!("sweep-answer-problem", request = &request, problem = problem));
            }
        }
    }
    let mut out = Vec::new();
    if let Some((message, exchanges)) = errors.finish(msg!("sweep-not-problem-details")) {
        out.push(SweepFinding { requirement: "OE-03", message, exchanges });
    }
    if let Some((message, exchanges)) = deprecations.finish(msg!("sweep-deprecation-not-announced")) {
        out.push(SweepFinding { requirement: "OE-09", message, exchanges });
    }
    out
}

/// Problems of one requirement, with the exchange each was seen in.
#[derive(Default)]
struct Problems(Vec<(usize, Message)>);

impl Problems {
    fn push(&mut self, exchange: usize, problem: Message) {
        // One line per distinct problem: the same answer seen twice is named once.
        if !self.0.iter().any(|(_, p)| *p == problem) {
            self.0.push((exchange, problem));
        }
    }

    /// `what: first; …; and N more`, and the exchanges of the problems named.
    fn finish(self, what: Message) -> Option<(Message, Vec<usize>)> {
        let exchanges = self.0.iter().take(NAMED).map(|(i, _)| *i).collect();
        let more = self.0.len().saturating_sub(NAMED);
        let tail = (more > 0).then(|| msg!("sweep-and-more", more = more));
        let problems = joined(self.0.into_iter().take(NAMED).map(|(_, p)| p).chain(tail))?;
        Some((msg!("sweep-finding", what = what, problems = problems), exchanges))
    }
}

/// The URL the answer came from: the last redirect target, else the requested URL.
fn final_url(e: &Exchange) -> Option<Url> {
    Url::parse(e.redirects.last().unwrap_or(&e.url)).ok()
}

/// `prefix` contains `url`: same origin, and the path is the prefix's or below it.
fn under(prefix: &Url, url: &Url) -> bool {
    if prefix.origin() != url.origin() {
        return false;
    }
    let p = prefix.path().trim_end_matches('/');
    let path = url.path();
    path == p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('/')) || p.is_empty()
}

/// Which URLs are on the interop surface (OPIS §2.2).
struct Surface {
    discovery: Url,
    /// Declared endpoints, except the OAuth authorization server metadata.
    endpoints: Vec<Url>,
    /// The OAuth metadata and every endpoint it names, compared by origin and path.
    oauth: Vec<Url>,
    /// The S3 endpoint of the declared object storage.
    s3: Option<Url>,
}

impl Surface {
    fn new(exchanges: &[Exchange], discovery: &Discovery, base: &Url) -> Self {
        let metadata_url = discovery.endpoint("oauth_authorization_server").ok();
        let mut oauth: Vec<Url> = metadata_url.iter().cloned().collect();
        // The endpoints the metadata names, as the run read them (RFC 8414 §2).
        for e in exchanges.iter().filter(|e| e.status == Some(200) && metadata_url.as_ref().is_some_and(|m| m.as_str() == e.url)) {
            let Some(body) = e.response_body.as_ref().filter(|b| !b.truncated) else { continue };
            let Ok(Value::Object(members)) = serde_json::from_str::<Value>(&body.text) else { continue };
            for (key, value) in members {
                if key.ends_with("_endpoint") {
                    if let Some(url) = value.as_str().and_then(|v| Url::parse(v).ok()) {
                        oauth.push(url);
                    }
                }
            }
        }
        let endpoints = discovery
            .endpoints
            .iter()
            .filter(|(key, _)| key.as_str() != "oauth_authorization_server")
            .filter_map(|(_, v)| Url::parse(v).ok())
            .collect();
        let s3 = discovery
            .capabilities
            .pointer("/object_storage/bucket_url")
            .and_then(Value::as_str)
            .and_then(|b| crate::s3::parse_bucket_url(b).ok())
            .map(|(endpoint, _)| endpoint);
        Self { discovery: base.join(crate::discovery::WELL_KNOWN_PATH).unwrap_or_else(|_| base.clone()), endpoints, oauth, s3 }
    }

    fn contains(&self, url: &Url) -> bool {
        if url.origin() == self.discovery.origin() && url.path() == self.discovery.path() {
            return true;
        }
        if self.oauth.iter().any(|o| o.origin() == url.origin() && o.path() == url.path()) {
            return false;
        }
        // The longest declared prefix wins over the S3 endpoint's (S3 may share an origin).
        let depth = |u: &Url| u.path().trim_end_matches('/').len();
        let interop = self.endpoints.iter().filter(|p| under(p, url)).map(depth).max();
        let s3 = self.s3.iter().filter(|p| under(p, url)).map(depth).max();
        match (interop, s3) {
            (Some(i), Some(s)) => i > s,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// The recorded answer as a [`Response`]: headers as recorded, and the body when it was kept
/// whole (a JSON body is kept pretty-printed, which parses the same).
fn response_of(e: &Exchange, status: u16, url: &Url) -> Option<Response> {
    let mut headers = hutong_http::http::HeaderMap::new();
    for (name, value) in &e.response_headers {
        let (Ok(name), Ok(value)) = (hutong_http::http::HeaderName::from_bytes(name.as_bytes()), value.parse()) else { continue };
        headers.append(name, value);
    }
    let body = e.response_body.as_ref().filter(|b| !b.truncated).map(|b| b.text.clone()).unwrap_or_default();
    Some(Response::new(status, headers, body, url.clone()))
}

/// Why an error answer is not problem details, if it is not. A `HEAD` answer has no content
/// (RFC 9110 §9.3.2) and a body not kept whole cannot be read: only the media type is judged.
fn problem_details_problem(e: &Exchange, response: &Response) -> Option<Message> {
    let whole = e.method != "HEAD" && e.response_body.as_ref().is_some_and(|b| !b.truncated);
    let media = response.content_type().unwrap_or_default();
    if !whole {
        return (media != "application/problem+json").then(|| {
            if media.is_empty() {
                msg!("sweep-no-media-type", status = response.status)
            } else {
                msg!("sweep-wrong-media-type", status = response.status, media = format!("{media:?}"))
            }
        });
    }
    crate::problem::check_problem_details(response).err().map(|f| f.text)
}

/// The operation of `doc` that answered `method url`, if the document describes it.
fn operation<'a>(doc: &'a Value, doc_url: &Url, method: &str, url: &Url) -> Option<&'a Value> {
    let base = crate::contract::server_base(doc, doc_url);
    if base.origin() != url.origin() {
        return None;
    }
    let prefix = base.path().trim_end_matches('/');
    let path = url.path().strip_prefix(prefix).filter(|p| p.starts_with('/'))?;
    let paths = doc.get("paths")?.as_object()?;
    // A literal path wins over a template (OpenAPI 3.1.0 §4.8.8).
    let mut matching: Vec<(&String, &Value)> = paths.iter().filter(|(t, _)| crate::openapi::template_matches(t, path)).collect();
    matching.sort_by_key(|(t, _)| t.matches('{').count());
    matching.into_iter().find_map(|(_, item)| item.get(method.to_ascii_lowercase()))
}

/// What is wrong with the deprecation headers of one answer, if anything.
fn deprecation_problem(doc: &Value, doc_url: &Url, e: &Exchange, url: &Url, response: &Response, declared: i64, now: i64) -> Option<Message> {
    let op = operation(doc, doc_url, &e.method, url)?;
    let marked = op.get("deprecated").and_then(Value::as_bool).unwrap_or(false);
    let sent = response.header("deprecation");
    match (sent, marked) {
        (Some(value), false) => return Some(msg!("sweep-deprecation-undocumented", value = sanitize_line(value, 40))),
        (None, true) if response.is_success() && matches!(e.method.as_str(), "GET" | "HEAD") => return Some(msg!("sweep-deprecation-header-missing")),
        (Some(_), true) => {
            if let Err(p) = deprecation::check_deprecation_headers(response, declared) {
                return Some(p);
            }
        }
        _ => {}
    }
    if response.is_success() {
        deprecation::check_sunset_not_passed(response, now).err()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hutong_http::BodyExcerpt;
    use serde_json::json;

    fn discovery() -> Discovery {
        Discovery::parse(&json!({
            "opis_version": "0.1.0",
            "platform": {"name": "P", "homepage": "https://p.example"},
            "profiles": ["open-ecosystem"],
            "endpoints": {
                "api_base": "https://p.example/api/v1",
                "openapi": "https://p.example/api/v1/openapi.json",
                "oauth_authorization_server": "https://p.example/.well-known/oauth-authorization-server",
                "links_open": "https://p.example/api/v1/links/open"
            },
            "capabilities": {"deprecation_notice_days": 200, "object_storage": {"api": "s3", "bucket_url": "https://p.example/s3/media"}}
        }))
        .unwrap()
    }

    fn openapi() -> Value {
        json!({"openapi": "3.1.0", "servers": [{"url": "/api/v1"}], "paths": {
            "/products": {"get": {"operationId": "listProducts"}},
            "/legacy": {"get": {"operationId": "legacy", "deprecated": true}},
            "/token": {"post": {}}
        }})
    }

    fn exchange(method: &str, url: &str, status: u16, headers: &[(&str, &str)], body: &str) -> Exchange {
        let content_type = headers.iter().find(|(k, _)| *k == "content-type").map(|(_, v)| v.to_string());
        Exchange {
            seq: 0,
            label: None,
            method: method.to_string(),
            url: url.to_string(),
            request_headers: Vec::new(),
            request_body: None,
            status: Some(status),
            response_headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            response_body: Some(BodyExcerpt { content_type, bytes: body.len() as u64, sha256: String::new(), text: body.to_string(), truncated: false }),
            redirects: Vec::new(),
            started_at: String::new(),
            elapsed_ms: 0.0,
            error: None,
        }
    }

    const PROBLEM: &str = r#"{"type": "about:blank", "title": "Bad Request", "status": 400}"#;
    /// 2026-01-01 and 2027-07-01.
    const GOOD_NOTICE: [(&str, &str); 2] = [("deprecation", "@1767225600"), ("sunset", "Thu, 01 Jul 2027 00:00:00 GMT")];
    const NOW: i64 = 1_780_000_000; // 2026-05-28

    fn run(exchanges: &[Exchange]) -> Vec<SweepFinding> {
        let d = discovery();
        let base = Url::parse("https://p.example/").unwrap();
        let doc = openapi();
        let doc_url = Url::parse("https://p.example/api/v1/openapi.json").unwrap();
        sweep(exchanges, &SweepInput { discovery: &d, base_url: &base, openapi: Some((&doc, &doc_url)), now: NOW })
    }

    #[test]
    fn problem_details_pass_and_html_fails_under_oe03() {
        let ok = exchange("GET", "https://p.example/api/v1/links/open", 400, &[("content-type", "application/problem+json")], PROBLEM);
        assert!(run(std::slice::from_ref(&ok)).is_empty());
        let html = exchange("GET", "https://p.example/api/v1/links/open", 400, &[("content-type", "text/html")], "<h1>Bad</h1>");
        let found = run(&[ok, html]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].requirement, "OE-03");
        assert_eq!(found[0].exchanges, vec![1]);
        assert!(found[0].message.en().contains("GET /api/v1/links/open") && found[0].message.en().contains("text/html"), "{}", found[0].message);
        let zh = found[0].message.render_checked(hutong_model::Locale::Zh).expect("renders in Chinese");
        assert!(zh.contains("GET /api/v1/links/open：") && zh.contains("问题详情"), "{zh}");
    }

    #[test]
    fn oauth_s3_and_outside_answers_are_not_the_interop_surface() {
        let metadata = exchange(
            "GET",
            "https://p.example/.well-known/oauth-authorization-server",
            200,
            &[("content-type", "application/json")],
            r#"{"issuer": "https://p.example", "token_endpoint": "https://p.example/api/v1/token"}"#,
        );
        let oauth_error = exchange("POST", "https://p.example/api/v1/token", 400, &[("content-type", "application/json")], r#"{"error": "invalid_client"}"#);
        let s3_error = exchange("GET", "https://p.example/s3/media/k", 404, &[("content-type", "application/xml")], "<Error/>");
        let elsewhere = exchange("GET", "https://p.example/static/x", 404, &[("content-type", "text/html")], "<h1>404</h1>");
        assert!(run(&[metadata, oauth_error, s3_error, elsewhere]).is_empty());
        // Without the metadata in the evidence, the token endpoint under api_base is judged.
        let oauth_error = exchange("POST", "https://p.example/api/v1/token", 400, &[("content-type", "application/json")], r#"{"error": "invalid_client"}"#);
        assert_eq!(run(&[oauth_error]).len(), 1);
    }

    #[test]
    fn head_and_cut_bodies_are_judged_by_media_type() {
        let mut head = exchange("HEAD", "https://p.example/api/v1/products/x", 404, &[("content-type", "application/problem+json")], "");
        head.response_body = None;
        assert!(run(&[head]).is_empty());
        let discovery_error = exchange("GET", "https://p.example/.well-known/opis", 503, &[("content-type", "text/plain")], "down");
        assert_eq!(run(&[discovery_error])[0].requirement, "OE-03");
    }

    #[test]
    fn deprecation_headers_are_cross_checked_with_the_openapi_document() {
        let documented = exchange("GET", "https://p.example/api/v1/legacy", 200, &GOOD_NOTICE, "{}");
        assert!(run(&[documented]).is_empty());
        let undocumented = exchange("GET", "https://p.example/api/v1/products", 200, &GOOD_NOTICE, "{}");
        let found = run(&[undocumented]);
        assert_eq!(found[0].requirement, "OE-09");
        assert!(found[0].message.en().contains("does not mark the operation `deprecated: true`"), "{}", found[0].message);
        let silent = exchange("GET", "https://p.example/api/v1/legacy", 200, &[], "{}");
        assert!(run(&[silent])[0].message.en().contains("no Deprecation header"));
        // A failed answer of a deprecated operation need not carry the headers.
        let refused = exchange("GET", "https://p.example/api/v1/legacy", 429, &[("content-type", "application/problem+json")], r#"{"type": "about:blank", "title": "Too Many", "status": 429}"#);
        assert!(run(&[refused]).is_empty());
    }

    #[test]
    fn a_passed_sunset_on_a_served_operation_fails() {
        // Deprecated 2024-01-01, sunset 2025-01-01: enough notice, but the date has passed.
        let past = [("deprecation", "@1704067200"), ("sunset", "Wed, 01 Jan 2025 00:00:00 GMT")];
        let served = exchange("GET", "https://p.example/api/v1/legacy", 200, &past, "{}");
        let found = run(&[served]);
        assert_eq!(found[0].requirement, "OE-09");
        assert!(found[0].message.en().contains("2025-01-01"), "{}", found[0].message);
        let gone = exchange("GET", "https://p.example/api/v1/legacy", 410, &[("content-type", "application/problem+json"), past[0], past[1]], r#"{"type": "about:blank", "title": "Gone", "status": 410}"#);
        assert!(run(&[gone]).is_empty());
    }
}
