//! Steps of `features/core/`: discovery.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::discovery::{check_version_compatible, WELL_KNOWN_PATH};
use hutong_model::{msg, Finding};
use serde_json::Value;

/// What the steps of `features/core/` pass to later steps of the same scenario: one typed
/// field per value, set by the step that obtains it and read with [`crate::earlier!`].
#[derive(Debug, Default)]
pub struct State {
    /// `openapi`, stored by an earlier step.
    pub openapi: Option<serde_json::Value>,
}


#[when("the harness fetches the discovery document")]
async fn fetch_discovery(w: &mut PlatformWorld) {
    let url = w.ctx().base_url.join(WELL_KNOWN_PATH).expect("a base URL joins a path");
    let request = w.ctx().http.get(url.as_str()).label("discovery");
    w.send(request).await;
}

#[then("the declared OPIS version is compatible with this suite")]
fn version_compatible(w: &mut PlatformWorld) {
    let body = hutong_checks::json_body(w.last(), msg!("discovery-the-document")).or_raise();
    let version = body.get("opis_version").and_then(Value::as_str).unwrap_or_default();
    check_version_compatible(version).or_raise();
}

#[then("every declared endpoint is on an allowed origin")]
fn endpoints_on_allowed_origin(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    ctx.discovery.check_endpoint_origins(&ctx.base_url).or_raise();
}

#[then("every declared endpoint answers without 404, 5xx or transport failure")]
async fn endpoints_answer(w: &mut PlatformWorld) {
    // With a token when the harness can get one, so that an authorisation check in front of the
    // routing cannot hide a missing endpoint.
    w.try_authenticate("third-party-a").await;
    let ctx = w.ctx();
    let mut broken = Vec::new();
    // Requests cut because the scenario's own time budget ran out (a slow run, not a platform
    // that does not answer): they decide nothing.
    let mut undecided = Vec::new();
    // `api_base` is a base URL, not an operation: OPIS §6.4 says it is not called itself.
    for (name, url) in ctx.discovery.endpoints.iter().filter(|(name, _)| name.as_str() != "api_base") {
        match w.request(http::Method::GET, url).label(format!("endpoint {name}")).send(&w.rec).await {
            Ok(r) if r.status == 404 || r.status >= 500 => broken.push(msg!("steps-core-endpoint-status", name = name, status = r.status)),
            Ok(_) => {}
            Err(e) if w.rec.deadline().is_some_and(|d| std::time::Instant::now() >= d) => {
                undecided.push(msg!("steps-core-endpoint-transport", name = name, error = e.to_string()))
            }
            Err(e) => broken.push(msg!("steps-core-endpoint-transport", name = name, error = e.to_string())),
        }
    }
    if let Some(broken) = hutong_model::joined(broken) {
        raise(Finding::fail(msg!("steps-core-endpoints-broken", endpoints = broken)));
    }
    if let Some(undecided) = hutong_model::joined(undecided) {
        raise(Finding::error(msg!("steps-core-endpoints-undecided", endpoints = undecided)));
    }
}

/// Reads the OpenAPI description leniently: its validity is OE-01's business, so an answer that
/// is not a JSON document leaves CORE-02 undecided (`error`) rather than failed.
#[when("the harness reads the OpenAPI document linked from discovery")]
async fn read_openapi(w: &mut PlatformWorld) {
    let url = w.endpoint("openapi");
    let request = w.ctx().http.get(url.as_str()).label("openapi");
    let response = w.send(request).await;
    if response.status != 200 {
        raise(Finding::error(msg!("steps-core-openapi-status", status = response.status)));
    }
    let doc = hutong_checks::json_body(&response, msg!("steps-core-openapi-document"))
        .unwrap_or_else(|f| raise(Finding::error(f.text.in_context(msg!("steps-core-precondition")))));
    w.core.openapi = Some(doc);
}

#[then("no endpoint or described operation belongs to an optional capability the platform does not declare")]
fn capabilities_declared_or_absent(w: &mut PlatformWorld) {
    let doc = earlier!(w.core.openapi).clone();
    let url = w.last().url.clone();
    hutong_checks::capabilities::check_declared_or_absent(&w.discovery(), &doc, &url).or_raise();
}

/// The current document of `kind` the disclosure index lists, read leniently: `None` when it is
/// not listed or not readable (OE-10 judges that).
async fn current_disclosure(w: &mut PlatformWorld, index: &serde_json::Value, kind: &str) -> Option<serde_json::Value> {
    let listed = hutong_checks::disclosure::listed(index);
    let d = listed.iter().find(|d| d.kind == kind)?;
    let url = url::Url::parse(&d.current).ok()?;
    crate::runner::world::is_on_platform(&w.ctx(), &url).then_some(())?;
    let request = w.ctx().http.get(url.as_str()).label(format!("the current `{kind}`"));
    let response = w.send(request).await;
    (response.status == 200).then(|| response.json_value().ok()).flatten()
}

#[then("no published disclosure shows workers or commission fees the platform does not declare")]
async fn disclosed_capabilities_declared(w: &mut PlatformWorld) {
    if !w.discovery().has_endpoint("disclosures") {
        return;
    }
    let url = w.endpoint("disclosures");
    let request = w.ctx().http.get(url.as_str()).label("the disclosure index");
    let response = w.send(request).await;
    let Some(index) = (response.status == 200).then(|| response.json_value().ok()).flatten() else { return };
    let rules = current_disclosure(w, &index, "algorithmic-rules").await;
    let fees = current_disclosure(w, &index, "fee-schedule").await;
    hutong_checks::capabilities::check_disclosed_capabilities(&w.discovery(), rules.as_ref(), fees.as_ref()).or_raise();
}

#[when(expr = "the harness fetches {string} from the discovery document's origin")]
async fn fetch_well_known(w: &mut PlatformWorld, path: String) {
    let url = hutong_checks::discovery::origin_url(&w.ctx().base_url).join(&path).expect("an origin joins a path");
    let request = w.ctx().http.get(url.as_str()).label(path.trim_start_matches('/').to_string());
    w.send(request).await;
}

#[then("the answer is a valid security.txt with a contact and an unexpired Expires")]
fn valid_security_txt(w: &mut PlatformWorld) {
    let answer = w.last();
    hutong_checks::expect_status(answer, 200, msg!("steps-core-security-txt")).or_raise();
    let text = String::from_utf8_lossy(&answer.body);
    hutong_checks::wellknown::check_security_txt(answer.header("content-type"), &text, time::OffsetDateTime::now_utc()).or_raise();
}

#[then("the answer is a linkset that links to the discovery document and the OpenAPI description")]
fn api_catalog_links(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let answer = w.last();
    hutong_checks::expect_status(answer, 200, msg!("steps-core-api-catalog")).or_raise();
    let catalog = hutong_checks::json_body(answer, msg!("steps-core-api-catalog")).or_raise();
    let discovery = hutong_checks::discovery::origin_url(&ctx.base_url).join(WELL_KNOWN_PATH).expect("an origin joins a path");
    let openapi = ctx.discovery.endpoint("openapi").or_raise();
    let required = [(msg!("discovery-the-document"), discovery), (msg!("steps-core-the-openapi-description"), openapi)];
    hutong_checks::wellknown::check_api_catalog(answer.header("content-type"), &catalog, &answer.url, &required).or_raise();
}
