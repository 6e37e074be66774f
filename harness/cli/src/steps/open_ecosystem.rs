//! Steps of `features/open-ecosystem/`.

mod contract;
mod deprecation;
mod disclosures;
mod rate_limits;
#[cfg(test)]
mod real_oauth_server;
mod uniform;
mod uniform_checkout;

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::oauth::TokenAuthMethod;
use hutong_model::Finding;
use serde_json::{json, Value};

// --- OE-01: published API description -------------------------------------------------------

#[when("the harness fetches the OpenAPI document linked from discovery")]
async fn fetch_openapi(w: &mut PlatformWorld) {
    let url = w.endpoint("openapi");
    let request = w.ctx().http.get(url.as_str()).label("openapi");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, "the OpenAPI document").or_raise();
}

#[then("it is a valid OpenAPI 3.x document")]
fn valid_openapi(w: &mut PlatformWorld) {
    let doc = hutong_checks::json_body(w.last(), "the OpenAPI document").or_raise();
    hutong_checks::openapi::check_document(&doc).or_raise();
    w.scratch.insert("openapi", doc);
}

#[then("it describes every interop endpoint declared in discovery")]
fn describes_endpoints(w: &mut PlatformWorld) {
    let doc = w.scratch("openapi").clone();
    let discovery = w.discovery();
    let missing: Vec<String> = discovery
        .endpoints
        .iter()
        .filter(|(name, _)| !hutong_checks::openapi::NOT_OPERATIONS.contains(&name.as_str()))
        .filter(|(_, url)| !hutong_checks::openapi::describes_url(&doc, url))
        .map(|(name, url)| format!("`{name}` ({})", hutong_model::sanitize_line(url, 120)))
        .collect();
    if !missing.is_empty() {
        raise(Finding::fail(format!("the OpenAPI document does not describe declared endpoints: {}", missing.join(", "))));
    }
}

// --- OE-02: self-service access -------------------------------------------------------------

#[when("the harness fetches the OAuth authorization server metadata")]
async fn fetch_metadata(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    // The issuer is checked here (RFC 8414 §3.3): metadata of another issuer is not used.
    let metadata = crate::oauth::metadata(&ctx, &w.rec).await.or_raise();
    w.scratch.insert("oauth_metadata", metadata);
}

#[then("the metadata names an issuer, a token endpoint and a registration endpoint")]
fn metadata_complete(w: &mut PlatformWorld) {
    hutong_checks::oauth::check_self_service_metadata(w.scratch("oauth_metadata")).or_raise();
}

#[when("the harness registers a new client")]
async fn register(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    // Named like an ordinary integration, drawn by the run's seed (OPIS §5.2).
    let name = ctx.persona.client_name("self-service");
    let metadata = w.scratch("oauth_metadata").clone();
    let request = crate::oauth::registration_request(&name);
    let builder = crate::oauth::registration(&ctx, &metadata, &request).or_raise();
    w.send(builder).await;
    w.scratch.insert("registration_request", request);
}

#[then("the registration answers 201 with a client ID and a client secret")]
fn registered(w: &mut PlatformWorld) {
    let request = w.scratch("registration_request").clone();
    let client = crate::oauth::registered(&w.ctx(), &request, w.last()).or_raise();
    w.scratch.insert("new_client", json!([client.client_id, client.client_secret, client.auth_method.name()]));
}

#[when("the new client requests a token with the client-credentials grant")]
async fn new_client_token(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let metadata = w.scratch("oauth_metadata").clone();
    let client = w.scratch("new_client").clone();
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
    let method = auth_method(&w.scratch("new_client")[2]);
    let token = crate::oauth::issued_token(&w.ctx(), w.last(), method).or_raise();
    w.token = Some(token);
}

#[then(expr = "the new client can list {string} with that token")]
async fn can_list(w: &mut PlatformWorld, endpoint: String) {
    let url = w.endpoint(&endpoint);
    let request = w.request(http::Method::GET, url.as_str()).label("new client");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, &format!("listing {endpoint} with the new client's token")).or_raise();
}

// --- OE-02: registration metadata of a well-known app -----------------------------------------

#[when("the harness registers one client with neutral metadata and one with the metadata of a well-known app")]
async fn register_neutral_and_competitor(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let metadata = crate::oauth::metadata(&ctx, &w.rec).await.or_raise();
    let neutral = ctx.persona.neutral_registration();
    let Some(rival) = ctx.persona.competitor_registration(&ctx.corpus.apps, &ctx.corpus.domains) else {
        raise(Finding::error(
            "no app of the app-identity corpus has a display_name, software_id and site (or the outside-domain corpus is empty): no registration metadata of a well-known app to register with",
        ));
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
        let role = format!("the client registered with {looks_like}");
        match token {
            Ok(token) => clients.push(json!({ "role": role, "token": token })),
            Err(f) => refused.push(json!({ "role": role, "problem": f.message, "exchange": exchange })),
        }
    }
    w.scratch.insert("registration_clients", json!(clients));
    w.scratch.insert("registration_refusals", json!(refused));
}

#[then("both registrations answer 201 with a client ID and a client secret, and both clients get a token")]
fn both_registered(w: &mut PlatformWorld) {
    let clients = w.scratch("registration_clients").as_array().cloned().unwrap_or_default();
    let refused = w.scratch("registration_refusals").as_array().cloned().unwrap_or_default();
    let describe = |r: &Value| format!("{}: {}", r["role"].as_str().unwrap_or_default(), r["problem"].as_str().unwrap_or_default());
    let exchanges = refused.iter().filter_map(|r| r["exchange"].as_u64().map(|e| e as usize)).collect::<Vec<_>>();
    match (clients.len(), refused.len()) {
        (_, 0) => {}
        (0, _) => raise(
            Finding::error(format!(
                "neither registration (with client_uri, redirect_uris, contacts and software_id, RFC 7591 §2) was accepted, so they cannot be compared: {}",
                refused.iter().map(describe).collect::<Vec<_>>().join("; ")
            ))
            .with_exchanges(exchanges),
        ),
        _ => raise(
            Finding::fail(format!(
                "registration metadata is treated differently: {} was registered and got a token, but {}",
                clients[0]["role"].as_str().unwrap_or_default(),
                refused.iter().map(describe).collect::<Vec<_>>().join("; ")
            ))
            .with_exchanges(exchanges),
        ),
    }
    // The comparison of OE-05 runs with these two clients; the pool is built as the neutral one.
    w.token = clients[0]["token"].as_str().map(str::to_string);
    w.scratch.insert("clients", json!(clients));
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

#[then(expr = "the answer is problem details with status {int}")]
fn problem_with_status(w: &mut PlatformWorld, status: u16) {
    let response = w.last();
    if response.status != status {
        raise(Finding::fail(format!("expected HTTP {status}, got {}{}", response.status, hutong_checks::body_hint(response))));
    }
    hutong_checks::problem::check_problem_details(response).or_raise();
}
