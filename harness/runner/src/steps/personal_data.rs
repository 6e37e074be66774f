//! Steps of `features/personal-data/`: a person's copy, its transfer, correction and deletion,
//! cancellation, scope enforcement (RFC 6750 §3.1), revocation (RFC 7009) and refusals (OPIS
//! §16b); the sandbox's limits (PD-10) in `sandbox`. Persons come from `crate::identities` (OPIS
//! §7.2).

pub(crate) mod sandbox;

use crate::identities::{PersonKind, PersonSession};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_http::http::Method;
use hutong_model::{sanitize_line, Finding};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use url::Url;

/// What the steps of `features/personal-data/` pass to later steps of the same scenario.
#[derive(Debug, Default)]
pub struct State {
    /// The person the scenario acts for.
    pub person: Option<PersonSession>,
    /// The records the person added (`id`, `kind`, `value`), in order.
    pub added: Option<Vec<Value>>,
    /// The person's copy as last fetched.
    pub copy: Option<Value>,
    /// The copy another processor fetched (PD-03).
    pub other_copy: Option<Value>,
    /// Sessions of the same person through other clients (PD-05).
    pub others: Option<Vec<PersonSession>>,
    /// The corrected record and its new value, and the deleted record (PD-04).
    pub changed: Option<(String, String, String)>,
    /// Operations called with an under-scoped token, and what they answered (PD-06).
    pub scope_results: Option<Vec<(String, u16, Option<String>)>>,
    /// The synthetic account whose authorization PD-10 varies, and its client role.
    pub sandbox: Option<sandbox::Sandbox>,
    /// An authorization request PD-10 sent, with its answer.
    pub authorization: Option<crate::identities::AuthorizationAttempt>,
    /// The token endpoint's answer to a code exchanged with a wrong `code_verifier` (PD-10).
    pub exchange: Option<hutong_http::Response>,
}

fn pd_url(w: &PlatformWorld, suffix: &str) -> String {
    let base = w.endpoint("personal_data");
    format!("{}{suffix}", base.as_str().trim_end_matches('/'))
}

#[given(expr = "the person {string} acting through {string}")]
async fn person(w: &mut PlatformWorld, label: String, role: String) {
    let session = w.person(PersonKind::User, &label, &role, None).await;
    w.token = Some(session.access_token.clone());
    w.pd.person = Some(session);
}

#[when(expr = "the person adds records of kinds {string} and {string}")]
async fn add_records(w: &mut PlatformWorld, first: String, second: String) {
    let url = pd_url(w, "/records");
    let probe = w.ctx().persona.probe_id("personal-data-record");
    let mut added = Vec::new();
    for (i, kind) in [first, second].into_iter().enumerate() {
        let value = format!("{kind} {probe}-{i}");
        let request = w.request(Method::POST, &url).json(&json!({ "kind": kind, "value": value })).label(format!("add a {kind} record"));
        let response = w.send(request).await;
        if response.status != 201 {
            raise(Finding::error(format!("adding a personal-information record answered HTTP {}, not 201{}", response.status, hutong_checks::body_hint(&response))));
        }
        let body = hutong_checks::json_body(&response, "the added record").or_raise();
        let Some(id) = body.get("id").and_then(Value::as_str) else { raise(Finding::error("the added record has no `id`")) };
        added.push(json!({ "id": id, "kind": kind, "value": value }));
    }
    w.pd.added = Some(added);
}

/// Fetches the copy with `token`: 200 and JSON, else a `fail` (a copy that costs or is not
/// machine-readable).
async fn fetch_copy(w: &mut PlatformWorld, token: &str, what: &str) -> Value {
    let url = pd_url(w, "");
    let request = w.ctx().http.get(&url).bearer(token).label(what.to_string());
    let response = w.send(request).await;
    if response.status == 402 {
        raise(Finding::fail(format!("{what}: the copy answered 402 Payment Required; a copy is free of charge")));
    }
    if response.status != 200 {
        raise(Finding::fail(format!("{what}: the copy answered HTTP {}, not 200{}", response.status, hutong_checks::body_hint(&response))));
    }
    let body = hutong_checks::json_body(&response, what).map_err(|f| Finding::fail(f.message)).or_raise();
    if !body.get("records").is_some_and(Value::is_array) {
        raise(Finding::fail(format!("{what}: the copy has no `records` array")));
    }
    body
}

#[when("the person fetches their copy of their personal information")]
async fn fetch_own_copy(w: &mut PlatformWorld) {
    let token = earlier!(w.pd.person).access_token.clone();
    let copy = fetch_copy(w, &token, "the person's copy").await;
    w.pd.copy = Some(copy);
}

/// The copy's records as `(id, kind, value)`.
fn records(copy: &Value) -> Vec<(String, String, String)> {
    let text = |r: &Value, m: &str| r.get(m).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).unwrap_or_default();
    copy["records"].as_array().into_iter().flatten().map(|r| (text(r, "id"), text(r, "kind"), text(r, "value"))).collect()
}

#[then("the copy holds every record the person added, with its kind and value")]
fn copy_complete(w: &mut PlatformWorld) {
    let copy = earlier!(w.pd.copy);
    let held = records(copy);
    let missing: Vec<String> = earlier!(w.pd.added)
        .iter()
        .filter(|a| !held.iter().any(|(id, kind, value)| a["id"] == id.as_str() && a["kind"] == kind.as_str() && a["value"] == value.as_str()))
        .map(|a| format!("{} ({})", a["id"].as_str().unwrap_or_default(), a["kind"].as_str().unwrap_or_default()))
        .collect();
    if !missing.is_empty() {
        raise(Finding::fail(format!(
            "the copy of the person's personal information is incomplete: {} of the records the person added are missing or altered: {}",
            missing.len(),
            sanitize_line(&missing.join(", "), 300)
        )));
    }
}

#[when(expr = "the person authorises {string}, which fetches the copy")]
async fn other_processor(w: &mut PlatformWorld, role: String) {
    let label = earlier!(w.pd.person).label.clone();
    let other = w.person(PersonKind::User, &label, &role, None).await;
    let copy = fetch_copy(w, &other.access_token, "the copy another processor fetched").await;
    w.pd.other_copy = Some(copy);
}

#[then("the two copies hold the same records")]
fn copies_equal(w: &mut PlatformWorld) {
    let own: BTreeSet<_> = records(earlier!(w.pd.copy)).into_iter().collect();
    let other: BTreeSet<_> = records(earlier!(w.pd.other_copy)).into_iter().collect();
    if own != other {
        let only_own: Vec<String> = own.difference(&other).map(|(id, k, _)| format!("{id} ({k})")).collect();
        let only_other: Vec<String> = other.difference(&own).map(|(id, k, _)| format!("{id} ({k})")).collect();
        raise(Finding::fail(sanitize_line(
            &format!(
                "the copy another processor received differs from the person's own: missing there {}; only there {}",
                if only_own.is_empty() { "none".to_string() } else { only_own.join(", ") },
                if only_other.is_empty() { "none".to_string() } else { only_other.join(", ") }
            ),
            400,
        )));
    }
}

#[when("the person corrects the first record and deletes the second")]
async fn correct_and_delete(w: &mut PlatformWorld) {
    let added = earlier!(w.pd.added).clone();
    let (Some(first), Some(second)) = (added.first(), added.get(1)) else { raise(Finding::error("no two records were added")) };
    let (first_id, second_id) = (first["id"].as_str().unwrap_or_default().to_string(), second["id"].as_str().unwrap_or_default().to_string());
    let corrected = format!("corrected {}", w.ctx().persona.probe_id("personal-data-correction"));
    let request = w.request(Method::PATCH, &pd_url(w, &format!("/records/{first_id}"))).json(&json!({ "value": corrected })).label("correct a record");
    let response = w.send(request).await;
    if !(200..300).contains(&response.status) {
        raise(Finding::fail(format!("the correction answered HTTP {}{}", response.status, hutong_checks::body_hint(&response))));
    }
    let request = w.request(Method::DELETE, &pd_url(w, &format!("/records/{second_id}"))).label("delete a record");
    let response = w.send(request).await;
    if !(200..300).contains(&response.status) {
        raise(Finding::fail(format!("the deletion answered HTTP {}{}", response.status, hutong_checks::body_hint(&response))));
    }
    w.pd.changed = Some((first_id, corrected, second_id));
}

#[then("the copy serves the corrected value and not the deleted record")]
fn changes_reflected(w: &mut PlatformWorld) {
    let (corrected_id, value, deleted_id) = earlier!(w.pd.changed).clone();
    let held = records(earlier!(w.pd.copy));
    let mut problems = Vec::new();
    match held.iter().find(|(id, _, _)| *id == corrected_id) {
        Some((_, _, v)) if *v == value => {}
        Some(_) => problems.push(format!("record {corrected_id} still has its old value after the correction")),
        None => problems.push(format!("the corrected record {corrected_id} is missing")),
    }
    if held.iter().any(|(id, _, _)| *id == deleted_id) {
        problems.push(format!("the deleted record {deleted_id} is still in the copy"));
    }
    if !problems.is_empty() {
        raise(Finding::fail(format!("the next copy does not reflect the person's changes: {}", sanitize_line(&problems.join("; "), 300))));
    }
}

#[when(expr = "the person also authorises {string}")]
async fn also_authorise(w: &mut PlatformWorld, role: String) {
    let label = earlier!(w.pd.person).label.clone();
    let other = w.person(PersonKind::User, &label, &role, None).await;
    w.pd.others = Some(vec![other]);
}

/// Raises the `error` a destructive step on a certifier-owned account that is not disposable
/// ends in (OPIS §7.2).
fn destructive_allowed(w: &PlatformWorld) {
    if let Some(reason) = earlier!(w.pd.person).destructive_refusal() {
        raise(Finding::error(reason));
    }
}

#[when("the person cancels their account")]
async fn cancel(w: &mut PlatformWorld) {
    destructive_allowed(w);
    let url = w.endpoint("account");
    let request = w.request(Method::DELETE, url.as_str()).label("cancel the account");
    let response = w.send(request).await;
    if !(200..300).contains(&response.status) {
        raise(Finding::fail(format!("the cancellation answered HTTP {}, not 2xx{}", response.status, hutong_checks::body_hint(&response))));
    }
}

#[then("every token issued for the account answers 401 and the copy is no longer served")]
async fn tokens_stopped(w: &mut PlatformWorld) {
    let mut sessions = vec![earlier!(w.pd.person).clone()];
    sessions.extend(earlier!(w.pd.others).iter().cloned());
    let url = pd_url(w, "");
    let mut still = Vec::new();
    for s in sessions {
        let request = w.ctx().http.get(&url).bearer(&s.access_token).label(format!("the copy after cancellation ({})", s.role));
        let response = w.send(request).await;
        if response.status != 401 {
            still.push(format!("the token issued through {} answers HTTP {}, not 401", s.role, response.status));
        }
        // Not only the tokens in hand: the grant's refresh token must not mint new ones.
        let ctx = w.ctx();
        if ctx.refresh_issues_token(&w.rec, &s, "refresh after cancellation").await.or_raise() {
            still.push(format!("the refresh token issued through {} still obtains a new access token (RFC 6749 §6)", s.role));
        }
    }
    if !still.is_empty() {
        raise(Finding::fail(format!("after the account was cancelled, {}: every token and grant issued for the account must stop working", still.join("; "))));
    }
}

/// The OpenAPI document the platform describes its interop surface with, and its URL.
async fn openapi(w: &mut PlatformWorld) -> (Value, Url) {
    let url = w.endpoint("openapi");
    let request = w.ctx().http.get(url.as_str()).label("OpenAPI document");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, "the OpenAPI document").map_err(|f| Finding::error(f.message)).or_raise();
    (hutong_checks::json_body(&response, "the OpenAPI document").map_err(|f| Finding::error(f.message)).or_raise(), url)
}

/// The scope sets of an operation's security requirements (OpenAPI 3.1 §4.8.30): each
/// alternative as the scopes it names; `None` when an alternative needs no scope.
fn scope_alternatives(doc: &Value, operation: &Value) -> Option<Vec<BTreeSet<String>>> {
    let security = operation.get("security").or_else(|| doc.get("security"))?.as_array()?;
    let mut alternatives = Vec::new();
    for requirement in security {
        let scopes: BTreeSet<String> =
            requirement.as_object()?.values().flat_map(|v| v.as_array().into_iter().flatten()).filter_map(Value::as_str).map(str::to_string).collect();
        if scopes.is_empty() {
            return None;
        }
        alternatives.push(scopes);
    }
    (!alternatives.is_empty()).then_some(alternatives)
}

/// Every operation of `doc` with its method, path template and scope alternatives.
fn scoped_operations(doc: &Value) -> Vec<(Method, String, Vec<BTreeSet<String>>)> {
    let mut out = Vec::new();
    for (template, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        for (name, operation) in item.as_object().into_iter().flatten() {
            let Ok(method) = Method::from_bytes(name.to_ascii_uppercase().as_bytes()) else { continue };
            if !operation.is_object() || matches!(name.as_str(), "parameters" | "servers" | "summary" | "description") {
                continue;
            }
            if let Some(alternatives) = scope_alternatives(doc, operation) {
                out.push((method, template.clone(), alternatives));
            }
        }
    }
    out
}

#[given("the person \"pd-scope\" holding only the scope its copy needs")]
async fn under_scoped(w: &mut PlatformWorld) {
    let (doc, _) = openapi(w).await;
    let copy_url = w.endpoint("personal_data");
    // The scopes the copy operation needs, from the platform's own description.
    let copy_path = copy_url.path().trim_end_matches('/').to_string();
    let operations = scoped_operations(&doc);
    let base_path = doc_base_path(&doc, &w.endpoint("openapi"));
    let read = operations
        .iter()
        .find(|(m, t, _)| *m == Method::GET && format!("{base_path}{t}").trim_end_matches('/') == copy_path)
        .map(|(_, _, alternatives)| alternatives[0].iter().cloned().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| {
            raise(Finding::fail(
                "the OpenAPI description names no scope in the security requirement of the copy operation (GET at endpoints.personal_data): access to personal data is not granted by scope (OPIS §16b)",
            ))
        });
    let session = w.person(PersonKind::User, "pd-scope", "third-party-a", Some(&read)).await;
    w.token = Some(session.access_token.clone());
    w.pd.person = Some(session);
}

/// The path prefix of the document's first server (`servers[0].url`), relative to the URL the
/// document was read from.
fn doc_base_path(doc: &Value, openapi_url: &Url) -> String {
    let server = doc.pointer("/servers/0/url").and_then(Value::as_str).unwrap_or("/");
    openapi_url.join(server).map(|u| u.path().trim_end_matches('/').to_string()).unwrap_or_default()
}

#[when("the harness calls every operation whose OpenAPI security needs a scope the token lacks")]
async fn call_beyond_scope(w: &mut PlatformWorld) {
    let (doc, openapi_url) = openapi(w).await;
    let person = earlier!(w.pd.person).clone();
    let granted: BTreeSet<String> = person.scope.as_deref().unwrap_or_default().split_ascii_whitespace().map(str::to_string).collect();
    let server = doc.pointer("/servers/0/url").and_then(Value::as_str).unwrap_or("/");
    let base = openapi_url.join(server).unwrap_or(openapi_url.clone());
    let probe = w.ctx().persona.probe_id("scope-probe");
    let mut results = Vec::new();
    let mut skipped = 0;
    for (method, template, alternatives) in scoped_operations(&doc) {
        if alternatives.iter().any(|needed| needed.is_subset(&granted)) {
            continue;
        }
        if method == Method::DELETE && person.destructive_refusal().is_some() {
            skipped += 1;
            w.note_limitation(format!("{method} {template} was not called: {}", person.destructive_refusal().unwrap_or_default()));
            continue;
        }
        // Path parameters get an ID no record has: the scope is judged before the resource.
        let path = fill_template(&template, &probe);
        let url = format!("{}{}", base.as_str().trim_end_matches('/'), path);
        let url = Url::parse(&url).map_err(|e| Finding::error(format!("{method} {template}: not a URL ({e})"))).or_raise();
        crate::runner::world::check_on_platform(&w.ctx(), &url, &format!("{method} {template}")).or_raise();
        let mut request = w.request(method.clone(), url.as_str()).label(format!("{method} {template} beyond the granted scope"));
        if matches!(method, Method::POST | Method::PUT | Method::PATCH) {
            request = request.json(&json!({}));
        }
        let response = w.send(request).await;
        let challenge = response.header("www-authenticate").map(str::to_string);
        results.push((format!("{method} {template}"), response.status, challenge));
    }
    if results.is_empty() && skipped > 0 {
        raise(Finding::error("not decided: every operation beyond the copy's scope is destructive, and the identity is not disposable (OPIS §7.2)"));
    }
    if results.is_empty() {
        // A declaration that leaves nothing to check is judged (OPIS §10.1): the copy's scope
        // reaches every described operation, correction, deletion and cancellation included.
        raise(Finding::fail(format!(
            "no operation of the OpenAPI description needs a scope beyond the copy's ({}): a token that may read the copy may also correct, delete and cancel — no least-privilege grant (OPIS §16b, PIPL art. 6)",
            granted.into_iter().collect::<Vec<_>>().join(" ")
        )));
    }
    w.pd.scope_results = Some(results);
}

/// `/a/{id}/b` with every `{…}` replaced by `value`.
fn fill_template(template: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push_str(value);
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a `WWW-Authenticate` value is a Bearer challenge with `error="insufficient_scope"`
/// (RFC 6750 §3, §3.1).
pub fn is_insufficient_scope(challenge: &str) -> bool {
    let lower = challenge.to_ascii_lowercase();
    lower.trim_start().starts_with("bearer") && lower.replace(' ', "").contains("error=\"insufficient_scope\"")
}

#[then("each answers 403 with a Bearer insufficient_scope challenge")]
fn each_insufficient_scope(w: &mut PlatformWorld) {
    let wrong: Vec<String> = earlier!(w.pd.scope_results)
        .iter()
        .filter(|(_, status, challenge)| !(*status == 403 && challenge.as_deref().is_some_and(is_insufficient_scope)))
        .map(|(op, status, challenge)| match challenge {
            Some(c) if *status == 403 => format!("{op} answered 403 with WWW-Authenticate {}", sanitize_line(c, 80)),
            _ => format!("{op} answered HTTP {status}"),
        })
        .collect();
    if !wrong.is_empty() {
        raise(Finding::fail(format!(
            "a token granted only {} reached operations that need more, or was refused without an insufficient_scope challenge (403 and WWW-Authenticate: Bearer error=\"insufficient_scope\", RFC 6750 §3.1): {}",
            earlier!(w.pd.person).scope.clone().unwrap_or_default(),
            sanitize_line(&wrong.join("; "), 500)
        )));
    }
}

#[when("the client revokes the person's refresh token at the revocation endpoint")]
async fn revoke(w: &mut PlatformWorld) {
    let person = earlier!(w.pd.person).clone();
    // The token works before: otherwise a 401 afterwards proves nothing.
    fetch_copy(w, &person.access_token, "the copy before revocation").await;
    let response = w.ctx().revoke(&w.rec, &person).await.or_raise();
    w.last = Some(response.clone());
    if response.status != 200 {
        raise(Finding::fail(format!("the revocation request answered HTTP {}, not 200 (RFC 7009 §2.2){}", response.status, hutong_checks::body_hint(&response))));
    }
}

#[then("the next request with the grant's access token answers 401")]
async fn revoked_stops(w: &mut PlatformWorld) {
    let person = earlier!(w.pd.person).clone();
    let url = pd_url(w, "");
    let request = w.ctx().http.get(&url).bearer(&person.access_token).label("the copy after revocation");
    let response = w.send(request).await;
    if response.status != 401 {
        raise(Finding::fail(format!("after its refresh token was revoked (RFC 7009), the grant's access token still answers HTTP {}, not 401", response.status)));
    }
    // The revoked refresh token itself must not obtain a new access token (RFC 7009 §2.2).
    let ctx = w.ctx();
    if ctx.refresh_issues_token(&w.rec, &person, "refresh with the revoked token").await.or_raise() {
        raise(Finding::fail("after it was revoked (RFC 7009 §2.2), the refresh token still obtains a new access token at the token endpoint (RFC 6749 §6)"));
    }
}

#[when("the person asks to correct a record they do not hold")]
async fn correct_unknown(w: &mut PlatformWorld) {
    let probe = w.ctx().persona.probe_id("personal-data-unknown-record");
    let request = w.request(Method::PATCH, &pd_url(w, &format!("/records/{probe}"))).json(&json!({ "value": "x" })).label("correct a record not held");
    w.send(request).await;
}

#[then("the refusal is problem details with a detail and a type that resolves to a published rule")]
async fn refusal_reasoned(w: &mut PlatformWorld) {
    let response = w.last().clone();
    if (200..300).contains(&response.status) {
        raise(Finding::error(format!("the request was not refused (HTTP {}): nothing to judge", response.status)));
    }
    let problem = match response.content_type().as_deref() {
        Some(t) if t.starts_with("application/problem+json") => hutong_checks::json_body(&response, "the refusal").map_err(|f| Finding::fail(f.message)).or_raise(),
        other => raise(Finding::fail(format!("the refusal (HTTP {}) is {}, not problem details (RFC 9457)", response.status, other.unwrap_or("untyped")))),
    };
    let detail = problem.get("detail").and_then(Value::as_str).unwrap_or_default();
    let kind = problem.get("type").and_then(Value::as_str).unwrap_or("about:blank");
    let mut problems = Vec::new();
    if detail.trim().is_empty() {
        problems.push("it has no `detail` giving the reason".to_string());
    }
    match response.url.join(kind) {
        Ok(rule) if matches!(rule.scheme(), "http" | "https") => {
            crate::runner::world::check_on_platform(&w.ctx(), &rule, "the problem type").or_raise();
            let request = w.ctx().http.get(rule.as_str()).label("the rule a refusal cites");
            let answer = w.send(request).await;
            if answer.status != 200 {
                problems.push(format!("its `type` {} answers HTTP {}, so it cites no published rule", sanitize_line(kind, 120), answer.status));
            }
        }
        _ => problems.push(format!("its `type` {} is not a rule the platform publishes", sanitize_line(kind, 120))),
    }
    if !problems.is_empty() {
        raise(Finding::fail(format!("the refusal of a rights request gives no reasons: {}", problems.join("; "))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_alternatives_follow_openapi_security() {
        let doc = json!({ "security": [{ "bearer": [] }] });
        assert_eq!(scope_alternatives(&doc, &json!({})), None, "the document's bearer needs no scope");
        let op = json!({ "security": [{ "oauth2": ["a:read", "a:write"] }] });
        assert_eq!(scope_alternatives(&doc, &op).unwrap()[0].len(), 2);
        let either = json!({ "security": [{ "oauth2": ["a:write"] }, {}] });
        assert_eq!(scope_alternatives(&doc, &either), None, "an anonymous alternative needs no scope");
    }

    #[test]
    fn templates_are_filled_and_challenges_read() {
        assert_eq!(fill_template("/me/records/{id}/x/{n}", "p1"), "/me/records/p1/x/p1");
        assert!(is_insufficient_scope("Bearer realm=\"x\", error=\"insufficient_scope\", scope=\"a\""));
        assert!(is_insufficient_scope("bearer error = \"insufficient_scope\""));
        assert!(!is_insufficient_scope("Bearer error=\"invalid_token\""));
        assert!(!is_insufficient_scope("Basic realm=\"x\""));
    }
}
