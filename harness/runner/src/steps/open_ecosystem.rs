//! Steps of `features/open-ecosystem/`.

mod contract;
mod denials;
mod deprecation;
mod disclosures;
mod paging;
mod rate_limits;
mod sunset;
#[cfg(test)]
mod real_oauth_server;
mod uniform;
mod uniform_checkout;

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::oauth::TokenAuthMethod;
use hutong_model::{joined, msg, Arg, Finding, Message};
use crate::steps::anti_incompatibility::message_in;
use serde_json::{json, Value};

/// What the steps of `features/open-ecosystem/` pass to later steps of the same scenario: one typed
/// field per value, set by the step that obtains it and read with [`crate::earlier!`].
#[derive(Debug, Default)]
pub struct State {
    /// OE-06's samples per window and client, and the other scenarios' progress at each window.
    pub latency_windows: Option<serde_json::Value>,
    /// The payment methods an OE-15 order may use, by ID.
    pub payment_methods: Option<Vec<String>>,
    /// The item OE-15 orders through every client.
    pub checkout_item: Option<serde_json::Value>,
    /// The orders OE-15 placed, one per client, with their answers.
    pub client_orders: Option<serde_json::Value>,
    /// Clients registered with neutral and with well-known-app metadata that got a token (OE-02).
    pub registration_clients: Option<Vec<serde_json::Value>>,
    /// Registrations refused, with the problem and the exchange (OE-02).
    pub registration_refusals: Option<Vec<serde_json::Value>>,
    /// Unknown items of declared collections whose error answers are not problem details.
    pub missing_item_problems: Option<Vec<Message>>,
    /// How a malformed body sent to the declared test collection was mishandled (none when no
    /// body was sent or it was refused with problem details).
    pub malformed_body_problem: Option<Message>,
    /// `clients`, stored by an earlier step.
    pub clients: Option<serde_json::Value>,
    /// `contract_checked`, stored by an earlier step.
    pub contract_checked: Option<usize>,
    /// `contract_not_exercised`, stored by an earlier step.
    pub contract_not_exercised: Option<Vec<Message>>,
    /// `contract_violations`, stored by an earlier step.
    pub contract_violations: Option<Vec<Message>>,
    /// `deprecation_problems`, stored by an earlier step.
    pub deprecation_problems: Option<Vec<Message>>,
    /// `disclosure_document`, stored by an earlier step.
    pub disclosure_document: Option<serde_json::Value>,
    /// `disclosure_index`, stored by an earlier step.
    pub disclosure_index: Option<serde_json::Value>,
    /// `histories`, stored by an earlier step.
    pub histories: Option<serde_json::Value>,
    /// `latency_samples`, stored by an earlier step.
    pub latency_samples: Option<serde_json::Value>,
    /// `new_client`, stored by an earlier step.
    pub new_client: Option<serde_json::Value>,
    /// `oauth_metadata`, stored by an earlier step.
    pub oauth_metadata: Option<serde_json::Value>,
    /// `openapi`, stored by an earlier step.
    pub openapi: Option<serde_json::Value>,
    /// `policies`, stored by an earlier step.
    pub policies: Option<serde_json::Value>,
    /// `policy`, stored by an earlier step.
    pub policy: Option<serde_json::Value>,
    /// `probe`, stored by an earlier step.
    pub probe: Option<serde_json::Value>,
    /// What OE-07's bursts showed wrong, each with the exchange that shows it.
    pub rate_limit_problems: Option<Vec<(usize, Message)>>,
    /// `registration_request`, stored by an earlier step.
    pub registration_request: Option<serde_json::Value>,
    /// `safe_pool`, stored by an earlier step.
    pub safe_pool: Option<serde_json::Value>,
    /// `uniform_answers`, stored by an earlier step.
    pub uniform_answers: Option<serde_json::Value>,
    /// The denials (`403`, `429`, `451`) a client of OE-16 received.
    pub denials: Option<Vec<hutong_http::Response>>,
    /// OE-21's walks of each declared collection: the IDs with the default and a small page size.
    pub paging_walks: Option<Vec<serde_json::Value>>,
    /// Where OE-07's bursts cut each client off, with the exchange that shows it (OE-19), and
    /// whether a client's probe failed otherwise (then not counted).
    pub cut_offs: Option<(Vec<(usize, hutong_checks::rate_limit::CutOff)>, bool)>,
    /// What each deprecated operation answered in this run, with its `Sunset` (OE-20).
    pub sunsets_seen: Option<Vec<sunset::SunsetSeen>>,
    /// Every disclosure version this run retrieved, by `kind@version` (OE-12 over time).
    pub versions_seen: Option<std::collections::BTreeMap<String, hutong_model::DisclosureSeen>>,
}

/// How findings name a client registered with some metadata (`looks_like`, e.g. a well-known
/// app's): the client's `role_text`, beside its `role` (the English name requests are labelled with).
pub(super) fn registered_role(looks_like: impl Into<Arg>) -> Message {
    msg!("steps-oe-registered-role", looks_like = looks_like)
}

/// How findings name the client `role` of the comparison: the `role_text` stored with it in
/// `clients`, else the role's own name (`third-party-a`).
pub(super) fn role_text(w: &PlatformWorld, role: &str) -> Arg {
    let stored = w.oe.clients.as_ref().and_then(|c| c.as_array()).into_iter().flatten().find(|c| c["role"] == role);
    match stored.and_then(|c| serde_json::from_value::<Arg>(c["role_text"].clone()).ok()) {
        Some(text) => text,
        None => role.into(),
    }
}

// --- OE-01: published API description -------------------------------------------------------

#[when("the harness fetches the OpenAPI document linked from discovery")]
async fn fetch_openapi(w: &mut PlatformWorld) {
    let url = w.endpoint("openapi");
    let request = w.ctx().http.get(url.as_str()).label("openapi");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-oe-openapi-document")).or_raise();
}

#[then("it is a valid OpenAPI 3.x document")]
fn valid_openapi(w: &mut PlatformWorld) {
    let doc = hutong_checks::json_body(w.last(), msg!("steps-oe-openapi-document")).or_raise();
    hutong_checks::openapi::check_document(&doc).or_raise();
    w.oe.openapi = Some(doc);
}

#[then("it describes every interop endpoint declared in discovery")]
fn describes_endpoints(w: &mut PlatformWorld) {
    let doc = earlier!(w.oe.openapi).clone();
    let discovery = w.discovery();
    let missing: Vec<String> = discovery
        .endpoints
        .iter()
        .filter(|(name, _)| !hutong_checks::openapi::NOT_OPERATIONS.contains(&name.as_str()))
        .filter(|(_, url)| !hutong_checks::openapi::describes_url(&doc, url))
        .map(|(name, url)| format!("`{name}` ({})", hutong_model::sanitize_line(url, 120)))
        .collect();
    if !missing.is_empty() {
        raise(Finding::fail(msg!("steps-oe-endpoints-undescribed", endpoints = missing.join(", "))));
    }
}

// --- OE-02: self-service access -------------------------------------------------------------

#[when("the harness fetches the OAuth authorization server metadata")]
async fn fetch_metadata(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    // The issuer is checked here (RFC 8414 §3.3): metadata of another issuer is not used.
    let metadata = crate::oauth::metadata(&ctx, &w.rec).await.or_raise();
    w.oe.oauth_metadata = Some(metadata);
}

#[then("the metadata names an issuer, a token endpoint and a registration endpoint")]
fn metadata_complete(w: &mut PlatformWorld) {
    hutong_checks::oauth::check_self_service_metadata(earlier!(w.oe.oauth_metadata)).or_raise();
}

#[when("the harness registers a new client")]
async fn register(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    // Named like an ordinary integration, drawn by the run's seed (OPIS §5.3).
    let name = ctx.persona.client_name("self-service");
    let metadata = earlier!(w.oe.oauth_metadata).clone();
    let request = crate::oauth::registration_request(&name);
    let builder = crate::oauth::registration(&ctx, &metadata, &request).or_raise();
    w.send(builder).await;
    w.oe.registration_request = Some(request);
}

#[then("the registration answers 201 with a client ID and a client secret")]
fn registered(w: &mut PlatformWorld) {
    let request = earlier!(w.oe.registration_request).clone();
    let client = crate::oauth::registered(&w.ctx(), &request, w.last()).or_raise();
    w.oe.new_client = Some(json!([client.client_id, client.client_secret, client.auth_method.name()]));
}

#[when("the new client requests a token with the client-credentials grant")]
async fn new_client_token(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let metadata = earlier!(w.oe.oauth_metadata).clone();
    let client = earlier!(w.oe.new_client).clone();
    let (id, secret) = (client[0].as_str().unwrap_or_default(), client[1].as_str().unwrap_or_default());
    let method = auth_method(&client[2]);
    let builder = crate::oauth::token_request(&ctx, &metadata, id, secret, method).or_raise();
    w.send(builder).await;
}

/// The method stored with the new client (always one `registered` accepted).
fn auth_method(name: &Value) -> TokenAuthMethod {
    name.as_str().and_then(TokenAuthMethod::from_name).unwrap_or(TokenAuthMethod::ClientSecretBasic)
}

#[then("a bearer token is issued")]
fn token_issued(w: &mut PlatformWorld) {
    let method = auth_method(&earlier!(w.oe.new_client)[2]);
    let token = crate::oauth::issued_token(&w.ctx(), w.last(), method).or_raise();
    w.token = Some(token);
}

#[then(expr = "the new client can list {string} with that token")]
async fn can_list(w: &mut PlatformWorld, endpoint: String) {
    let url = w.endpoint(&endpoint);
    let request = w.request(http::Method::GET, url.as_str()).label("new client");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-oe-new-client-listing", endpoint = endpoint.as_str())).or_raise();
}

// --- OE-02: registration metadata of a well-known app -----------------------------------------

#[when("the harness registers one client with neutral metadata and one with the metadata of a well-known app")]
async fn register_neutral_and_competitor(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let metadata = crate::oauth::metadata(&ctx, &w.rec).await.or_raise();
    let neutral = ctx.persona.neutral_registration();
    let Some(rival) = ctx.persona.competitor_registration(&ctx.corpus.apps, &ctx.corpus.domains) else {
        raise(Finding::error(msg!("steps-oe-no-well-known-app")));
    };
    // The same members for both, in an order drawn by the run's seed.
    let mut both = vec![(true, neutral), (false, rival)];
    if ctx.seed & 1 == 1 {
        both.reverse();
    }
    let mut registrations = Vec::new();
    for (is_neutral, m) in &both {
        let (token, exchange) = crate::oauth::register_as(&ctx, &w.rec, &metadata, m).await;
        registrations.push((m.looks_like.clone(), *is_neutral, token, exchange));
    }
    // Neutral first from here on: it is the baseline.
    registrations.sort_by_key(|(_, neutral, ..)| !*neutral);
    let mut clients = Vec::new();
    let mut refused = Vec::new();
    for (looks_like, _, token, exchange) in registrations {
        let role_text = registered_role(looks_like);
        let role = role_text.en();
        match token {
            Ok(token) => clients.push(json!({ "role": role, "role_text": role_text, "token": token })),
            Err(f) => refused.push(json!({ "role": role, "role_text": role_text, "problem": f.text, "exchange": exchange })),
        }
    }
    w.oe.registration_clients = Some(clients);
    w.oe.registration_refusals = Some(refused);
}

#[then("both registrations answer 201 with a client ID and a client secret, and both clients get a token")]
fn both_registered(w: &mut PlatformWorld) {
    let clients = earlier!(w.oe.registration_clients).clone();
    let refused = earlier!(w.oe.registration_refusals).clone();
    let member = |r: &Value, key: &str| message_in(&r[key]).unwrap_or_else(|| Message::verbatim(String::new()));
    let refusals = || {
        joined(refused.iter().map(|r| msg!("steps-oe-registration-refusal", role = member(r, "role_text"), problem = member(r, "problem"))))
            .unwrap_or_else(|| Message::verbatim(String::new()))
    };
    let exchanges = refused.iter().filter_map(|r| r["exchange"].as_u64().map(|e| e as usize)).collect::<Vec<_>>();
    match (clients.len(), refused.len()) {
        (_, 0) => {}
        (0, _) => raise(Finding::error(msg!("steps-oe-registrations-refused", refusals = refusals())).with_exchanges(exchanges)),
        _ => raise(
            Finding::fail(msg!("steps-oe-registration-treated-differently", registered = member(&clients[0], "role_text"), refusals = refusals()))
                .with_exchanges(exchanges),
        ),
    }
    // The comparison of OE-05 runs with these two clients; the pool is built as the neutral one.
    w.token = clients[0]["token"].as_str().map(str::to_string);
    w.oe.clients = Some(json!(clients));
}

// --- OE-03: problem details -----------------------------------------------------------------

#[when(expr = "the client fetches a {string} item that does not exist")]
async fn fetch_missing(w: &mut PlatformWorld, endpoint: String) {
    let url = w.endpoint(&endpoint);
    let missing = format!("{}/{}", url.as_str().trim_end_matches('/'), w.ctx().persona.probe_id("missing-item"));
    let request = w.request(http::Method::GET, &missing);
    w.send(request).await;
}

#[when(expr = "the client lists {string} with an invalid page size")]
async fn invalid_page_size(w: &mut PlatformWorld, endpoint: String) {
    let url = w.endpoint(&endpoint);
    let request = w.request(http::Method::GET, url.as_str()).query(&[("limit", "-1")]);
    w.send(request).await;
}

#[when(expr = "an unauthenticated request lists {string}")]
async fn unauthenticated(w: &mut PlatformWorld, endpoint: String) {
    let url = w.endpoint(&endpoint);
    let request = w.ctx().http.get(url.as_str()).label("unauthenticated");
    w.send(request).await;
}

/// The declared collections whose items `GET {collection}/{id}` reads (OPIS §6.4: `getProduct`,
/// `getMerchant`, `getExport`).
const ITEM_COLLECTIONS: &[&str] = &["products", "merchants", "exports"];

#[when(expr = "the client fetches an item that does not exist from every other declared collection than {string}")]
async fn fetch_missing_elsewhere(w: &mut PlatformWorld, probed: String) {
    let ctx = w.ctx();
    let mut problems = Vec::new();
    for name in ITEM_COLLECTIONS.iter().filter(|n| **n != probed && ctx.discovery.has_endpoint(n)) {
        let url = w.endpoint(name);
        let missing = format!("{}/{}", url.as_str().trim_end_matches('/'), ctx.persona.probe_id(&format!("missing-{name}")));
        let request = w.request(http::Method::GET, &missing);
        let response = w.send(request).await;
        // Which answer an unknown item gets is not OE-03's business; the format of an error is.
        if response.status >= 400 {
            if let Err(f) = hutong_checks::problem::check_problem_details(&response) {
                problems.push(msg!("steps-oe-unknown-item-problem", collection = *name, problem = f.text));
            }
        }
    }
    w.oe.missing_item_problems = Some(problems);
}

#[then("every error answer among them is problem details")]
fn every_missing_item_error_is_problem_details(w: &mut PlatformWorld) {
    if let Some(problems) = joined(earlier!(w.oe.missing_item_problems).clone()) {
        raise(Finding::fail(msg!("steps-oe-errors-not-problem-details", problems = problems)));
    }
}

#[when("the client sends a malformed JSON body to the declared test-record collection, if one is declared")]
async fn malformed_body(w: &mut PlatformWorld) {
    // Only a declared test resource is written to (OPIS §6.6); a malformed body creates nothing
    // on a conforming platform. Without one, no such request is sent.
    let Ok(resources) = hutong_checks::capabilities::test_resources(&w.ctx().discovery.capabilities) else { return };
    let Ok((entity, declared)) = resources.writable_entity() else { return };
    let url = url::Url::parse(&declared.create.url)
        .map_err(|e| Finding::error(msg!("steps-oe-create-url-invalid", entity = entity, error = e.to_string())))
        .or_raise();
    crate::runner::world::check_on_platform(&w.ctx(), &url, msg!("steps-oe-create-url", entity = entity)).or_raise();
    let request = w.request(http::Method::POST, url.as_str()).body("{\"truncated\": ", "application/json").label("malformed body");
    let response = w.send(request).await;
    let problem = if !(400..500).contains(&response.status) {
        Some(msg!("steps-oe-malformed-not-refused", entity = entity, status = response.status, hint = hutong_checks::body_hint(&response)))
    } else {
        hutong_checks::problem::check_problem_details(&response).err().map(|f| msg!("steps-oe-malformed-not-problem", entity = entity, problem = f.text))
    };
    w.oe.malformed_body_problem = problem;
}

#[then("a malformed body, if one was sent, is refused with problem details")]
fn malformed_body_refused(w: &mut PlatformWorld) {
    if let Some(p) = &w.oe.malformed_body_problem {
        raise(Finding::fail(msg!("steps-oe-malformed-refused", problem = p.clone())));
    }
}

#[when(expr = "a request with an invalid bearer token lists {string}")]
async fn invalid_token(w: &mut PlatformWorld, endpoint: String) {
    let url = w.endpoint(&endpoint);
    let token = w.ctx().persona.probe_id("invalid-token");
    let request = w.ctx().http.get(url.as_str()).bearer(&token).label("invalid token");
    w.send(request).await;
}

/// For a request the statement does not say must be refused (a page size the platform may clamp or
/// ignore, an anonymous read of a list it may serve publicly): only an error answer is judged, and
/// by its format (issue 14: OE-03 demands problem details, not a refusal).
#[then("the answer, if it is an error, is problem details")]
fn problem_if_error(w: &mut PlatformWorld) {
    let response = w.last();
    if response.status >= 400 {
        hutong_checks::problem::check_problem_details(response).or_raise();
    }
}

#[then(expr = "the answer is problem details with status {int}")]
fn problem_with_status(w: &mut PlatformWorld, status: u16) {
    let response = w.last();
    if response.status != status {
        raise(Finding::fail(msg!("steps-oe-unexpected-status", expected = status, status = response.status, hint = hutong_checks::body_hint(response))));
    }
    hutong_checks::problem::check_problem_details(response).or_raise();
}
