//! Steps of `features/personal-data/`: a person's copy, its transfer, correction and deletion,
//! cancellation, scope enforcement (RFC 6750 §3.1), revocation (RFC 7009) and refusals (OPIS
//! §16b); the sandbox's limits (PD-10) in `sandbox`. Persons come from `crate::identities` (OPIS
//! §7.2).

pub(crate) mod sandbox;

use crate::identities::{PersonKind, PersonSession};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_http::http::Method;
use hutong_model::{msg, sanitize_line, Arg, Finding, Message};
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
            raise(Finding::error(msg!("steps-personal-data-add-status", status = response.status, hint = hutong_checks::body_hint(&response))));
        }
        let body = hutong_checks::json_body(&response, msg!("steps-personal-data-added-record")).or_raise();
        let Some(id) = body.get("id").and_then(Value::as_str) else { raise(Finding::error(msg!("steps-personal-data-added-no-id"))) };
        added.push(json!({ "id": id, "kind": kind, "value": value }));
    }
    w.pd.added = Some(added);
}

/// Fetches the copy with `token`: 200 and JSON, else a `fail` (a copy that costs or is not
/// machine-readable). `what` names the copy in the findings (and, in English, the exchange).
async fn fetch_copy(w: &mut PlatformWorld, token: &str, what: Message) -> Value {
    let url = pd_url(w, "");
    let request = w.ctx().http.get(&url).bearer(token).label(what.en());
    let response = w.send(request).await;
    if response.status == 402 {
        raise(Finding::fail(msg!("steps-personal-data-copy-402")).context(what));
    }
    if response.status != 200 {
        raise(Finding::fail(msg!("steps-personal-data-copy-status", status = response.status, hint = hutong_checks::body_hint(&response))).context(what));
    }
    let body = hutong_checks::json_body(&response, what.clone()).map_err(|f| Finding::fail(f.text)).or_raise();
    if !body.get("records").is_some_and(Value::is_array) {
        raise(Finding::fail(msg!("steps-personal-data-copy-no-records")).context(what));
    }
    body
}

#[when("the person fetches their copy of their personal information")]
async fn fetch_own_copy(w: &mut PlatformWorld) {
    let token = earlier!(w.pd.person).access_token.clone();
    let copy = fetch_copy(w, &token, msg!("steps-personal-data-own-copy")).await;
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
        raise(Finding::fail(msg!("steps-personal-data-copy-incomplete", count = missing.len(), records = sanitize_line(&missing.join(", "), 300))));
    }
}

#[when(expr = "the person authorises {string}, which fetches the copy")]
async fn other_processor(w: &mut PlatformWorld, role: String) {
    let label = earlier!(w.pd.person).label.clone();
    let other = w.person(PersonKind::User, &label, &role, None).await;
    let copy = fetch_copy(w, &other.access_token, msg!("steps-personal-data-other-copy")).await;
    w.pd.other_copy = Some(copy);
}

#[then("the two copies hold the same records")]
fn copies_equal(w: &mut PlatformWorld) {
    let own: BTreeSet<_> = records(earlier!(w.pd.copy)).into_iter().collect();
    let other: BTreeSet<_> = records(earlier!(w.pd.other_copy)).into_iter().collect();
    if own != other {
        // The records of one side only, or "none".
        let listed = |records: Vec<String>| -> Arg {
            if records.is_empty() { msg!("steps-personal-data-none").into() } else { sanitize_line(&records.join(", "), 150).into() }
        };
        let only_own: Vec<String> = own.difference(&other).map(|(id, k, _)| format!("{id} ({k})")).collect();
        let only_other: Vec<String> = other.difference(&own).map(|(id, k, _)| format!("{id} ({k})")).collect();
        raise(Finding::fail(msg!("steps-personal-data-copies-differ", missing = listed(only_own), extra = listed(only_other))));
    }
}

#[when("the person corrects the first record and deletes the second")]
async fn correct_and_delete(w: &mut PlatformWorld) {
    let added = earlier!(w.pd.added).clone();
    let (Some(first), Some(second)) = (added.first(), added.get(1)) else { raise(Finding::error(msg!("steps-personal-data-no-two-records"))) };
    let (first_id, second_id) = (first["id"].as_str().unwrap_or_default().to_string(), second["id"].as_str().unwrap_or_default().to_string());
    let corrected = format!("corrected {}", w.ctx().persona.probe_id("personal-data-correction"));
    let request = w.request(Method::PATCH, &pd_url(w, &format!("/records/{first_id}"))).json(&json!({ "value": corrected })).label("correct a record");
    let response = w.send(request).await;
    if !(200..300).contains(&response.status) {
        raise(Finding::fail(msg!("steps-personal-data-correction-status", status = response.status, hint = hutong_checks::body_hint(&response))));
    }
    let request = w.request(Method::DELETE, &pd_url(w, &format!("/records/{second_id}"))).label("delete a record");
    let response = w.send(request).await;
    if !(200..300).contains(&response.status) {
        raise(Finding::fail(msg!("steps-personal-data-deletion-status", status = response.status, hint = hutong_checks::body_hint(&response))));
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
        Some(_) => problems.push(msg!("steps-personal-data-old-value", id = sanitize_line(&corrected_id, 120))),
        None => problems.push(msg!("steps-personal-data-corrected-missing", id = sanitize_line(&corrected_id, 120))),
    }
    if held.iter().any(|(id, _, _)| *id == deleted_id) {
        problems.push(msg!("steps-personal-data-deleted-kept", id = sanitize_line(&deleted_id, 120)));
    }
    if let Some(problems) = hutong_model::joined(problems) {
        raise(Finding::fail(msg!("steps-personal-data-changes-not-reflected", problems = problems)));
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
    if let Some(reason) = earlier!(w.pd.person).destructive_refusal_message() {
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
        raise(Finding::fail(msg!("steps-personal-data-cancellation-status", status = response.status, hint = hutong_checks::body_hint(&response))));
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
            still.push(msg!("steps-personal-data-token-still-works", role = s.role.clone(), status = response.status));
        }
        // Not only the tokens in hand: the grant's refresh token must not mint new ones.
        let ctx = w.ctx();
        if ctx.refresh_issues_token(&w.rec, &s, "refresh after cancellation").await.or_raise() {
            still.push(msg!("steps-personal-data-refresh-still-works", role = s.role.clone()));
        }
    }
    if let Some(still) = hutong_model::joined(still) {
        raise(Finding::fail(msg!("steps-personal-data-tokens-after-cancellation", problems = still)));
    }
}

/// The OpenAPI document the platform describes its interop surface with, and its URL.
async fn openapi(w: &mut PlatformWorld) -> (Value, Url) {
    let url = w.endpoint("openapi");
    let request = w.ctx().http.get(url.as_str()).label("OpenAPI document");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-personal-data-openapi-document")).map_err(|f| Finding::error(f.text)).or_raise();
    (hutong_checks::json_body(&response, msg!("steps-personal-data-openapi-document")).map_err(|f| Finding::error(f.text)).or_raise(), url)
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
            raise(Finding::fail(msg!("steps-personal-data-copy-needs-no-scope")))
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
        let operation = format!("{method} {template}");
        if let Some(reason) = person.destructive_refusal_message().filter(|_| method == Method::DELETE) {
            skipped += 1;
            w.note_limitation(msg!("steps-personal-data-not-called", operation = operation, reason = reason));
            continue;
        }
        // Path parameters get an ID no record has: the scope is judged before the resource.
        let path = fill_template(&template, &probe);
        let url = format!("{}{}", base.as_str().trim_end_matches('/'), path);
        let url = Url::parse(&url).map_err(|e| Finding::error(msg!("steps-personal-data-operation-not-url", operation = operation.clone(), error = e.to_string()))).or_raise();
        // The operation (`GET /path`) is the same in every language.
        crate::runner::world::check_on_platform(&w.ctx(), &url, Message::verbatim(operation.clone())).or_raise();
        let mut request = w.request(method.clone(), url.as_str()).label(format!("{method} {template} beyond the granted scope"));
        if matches!(method, Method::POST | Method::PUT | Method::PATCH) {
            request = request.json(&json!({}));
        }
        let response = w.send(request).await;
        let challenge = response.header("www-authenticate").map(str::to_string);
        results.push((operation, response.status, challenge));
    }
    if results.is_empty() && skipped > 0 {
        raise(Finding::error(msg!("steps-personal-data-only-destructive")));
    }
    if results.is_empty() {
        // A declaration that leaves nothing to check is judged (OPIS §10.1): the copy's scope
        // reaches every described operation, correction, deletion and cancellation included.
        raise(Finding::fail(msg!("steps-personal-data-no-scope-beyond-copy", scope = granted.into_iter().collect::<Vec<_>>().join(" "))));
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
    let wrong: Vec<Message> = earlier!(w.pd.scope_results)
        .iter()
        .filter(|(_, status, challenge)| !(*status == 403 && challenge.as_deref().is_some_and(is_insufficient_scope)))
        .map(|(op, status, challenge)| match challenge {
            Some(c) if *status == 403 => msg!("steps-personal-data-wrong-challenge", operation = sanitize_line(op, 120), challenge = sanitize_line(c, 80)),
            _ => msg!("steps-personal-data-operation-status", operation = sanitize_line(op, 120), status = status),
        })
        .collect();
    if let Some(wrong) = at_most(wrong, 500) {
        raise(Finding::fail(msg!("steps-personal-data-scope-not-enforced", scope = earlier!(w.pd.person).scope.clone().unwrap_or_default(), problems = wrong)));
    }
}

/// The messages one after the other (`a; b`), as many as fit in `max_chars` of English, then how
/// many more there were; `None` for none.
fn at_most(items: Vec<Message>, max_chars: usize) -> Option<Message> {
    let total = items.len();
    let (mut used, mut kept) = (0, Vec::new());
    for m in items {
        let len = m.en().chars().count() + 2;
        if !kept.is_empty() && used + len > max_chars {
            break;
        }
        used += len;
        kept.push(m);
    }
    let more = total - kept.len();
    let list = hutong_model::joined(kept)?;
    Some(if more > 0 { msg!("steps-personal-data-and-more", list = list, count = more) } else { list })
}

#[when("the client revokes the person's refresh token at the revocation endpoint")]
async fn revoke(w: &mut PlatformWorld) {
    let person = earlier!(w.pd.person).clone();
    // The token works before: otherwise a 401 afterwards proves nothing.
    fetch_copy(w, &person.access_token, msg!("steps-personal-data-copy-before-revocation")).await;
    let response = w.ctx().revoke(&w.rec, &person).await.or_raise();
    w.last = Some(response.clone());
    if response.status != 200 {
        raise(Finding::fail(msg!("steps-personal-data-revocation-status", status = response.status, hint = hutong_checks::body_hint(&response))));
    }
}

#[then("the next request with the grant's access token answers 401")]
async fn revoked_stops(w: &mut PlatformWorld) {
    let person = earlier!(w.pd.person).clone();
    let url = pd_url(w, "");
    let request = w.ctx().http.get(&url).bearer(&person.access_token).label("the copy after revocation");
    let response = w.send(request).await;
    if response.status != 401 {
        raise(Finding::fail(msg!("steps-personal-data-revoked-token-works", status = response.status)));
    }
    // The revoked refresh token itself must not obtain a new access token (RFC 7009 §2.2).
    let ctx = w.ctx();
    if ctx.refresh_issues_token(&w.rec, &person, "refresh with the revoked token").await.or_raise() {
        raise(Finding::fail(msg!("steps-personal-data-revoked-refresh-works")));
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
        raise(Finding::error(msg!("steps-personal-data-not-refused", status = response.status)));
    }
    let problem = match response.content_type().as_deref() {
        Some(t) if t.starts_with("application/problem+json") => hutong_checks::json_body(&response, msg!("steps-personal-data-the-refusal")).map_err(|f| Finding::fail(f.text)).or_raise(),
        Some(other) => raise(Finding::fail(msg!("steps-personal-data-refusal-not-problem", status = response.status, content_type = other))),
        None => raise(Finding::fail(msg!("steps-personal-data-refusal-untyped", status = response.status))),
    };
    let detail = problem.get("detail").and_then(Value::as_str).unwrap_or_default();
    let kind = problem.get("type").and_then(Value::as_str).unwrap_or("about:blank");
    let mut problems = Vec::new();
    if detail.trim().is_empty() {
        problems.push(msg!("steps-personal-data-refusal-no-detail"));
    }
    match response.url.join(kind) {
        Ok(rule) if matches!(rule.scheme(), "http" | "https") => {
            crate::runner::world::check_on_platform(&w.ctx(), &rule, msg!("steps-personal-data-problem-type")).or_raise();
            let request = w.ctx().http.get(rule.as_str()).label("the rule a refusal cites");
            let answer = w.send(request).await;
            if answer.status != 200 {
                problems.push(msg!("steps-personal-data-type-status", problem_type = sanitize_line(kind, 120), status = answer.status));
            }
        }
        _ => problems.push(msg!("steps-personal-data-type-not-rule", problem_type = sanitize_line(kind, 120))),
    }
    if let Some(problems) = hutong_model::joined(problems) {
        raise(Finding::fail(msg!("steps-personal-data-refusal-unreasoned", problems = problems)));
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
