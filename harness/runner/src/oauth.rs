//! The harness's OAuth 2.0 client (OPIS §7): reads the authorization server metadata (RFC 8414)
//! and checks its issuer, registers clients (RFC 7591), and requests tokens with the
//! client-credentials grant (RFC 6749 §4.4), authenticating with the method the registration
//! assigned or the metadata supports (RFC 6749 §2.3.1). The judgements are
//! `hutong_checks::oauth`'s; this module only sends the requests.

use crate::runner::world::{check_on_platform, RunContext};
use hutong_checks::oauth::{self as checks, Registered, TokenAuthMethod};
use hutong_http::{Recorder, RequestBuilder, Response};
use hutong_model::{msg, Finding};
use serde_json::{json, Value};
use url::Url;

/// An endpoint named by the OAuth metadata, refused unless on the platform's origins.
fn endpoint(ctx: &RunContext, metadata: &Value, member: &str, cite: &str) -> Result<Url, Finding> {
    let raw = metadata
        .get(member)
        .and_then(Value::as_str)
        .ok_or_else(|| Finding::fail(msg!("runner-oauth-metadata-names-no", member = member, cite = cite)).needs("OE-02"))?;
    let url = Url::parse(raw)
        .map_err(|e| Finding::fail(msg!("runner-oauth-member-not-absolute", member = member, error = e.to_string())).needs("OE-02"))?;
    check_on_platform(ctx, &url, msg!("runner-oauth-member", member = member)).map_err(judged_by_oe02)?;
    Ok(url)
}

/// The platform's OAuth metadata (RFC 8414), its `issuer` checked against the URL it was read
/// from (RFC 8414 §3.3): a mismatch is a `fail`.
pub async fn metadata(ctx: &RunContext, rec: &Recorder) -> Result<Value, Finding> {
    read_metadata(ctx, rec).await.map_err(judged_by_oe02)
}

/// Marks a finding of the OAuth client as one OE-02 judges (self-service access: metadata,
/// registration, token), so that a step that cannot get past it is blocked by OE-02's failure
/// (OPIS §10.2) rather than undecided for no stated reason.
pub fn judged_by_oe02(f: Finding) -> Finding {
    f.needs("OE-02")
}

async fn read_metadata(ctx: &RunContext, rec: &Recorder) -> Result<Value, Finding> {
    let url = ctx.discovery.endpoint("oauth_authorization_server")?;
    let response = ctx.http.get(url.as_str()).label("oauth metadata").send(rec).await.map_err(hutong_checks::transport)?;
    hutong_checks::expect_status(&response, 200, msg!("runner-oauth-metadata"))?;
    let metadata = hutong_checks::json_body(&response, msg!("runner-oauth-metadata"))?;
    // Against the declared URL the issuer was formed from, not where redirects led.
    checks::check_issuer(&metadata, &url)?;
    Ok(metadata)
}

/// The registration request for a confidential client of the client-credentials grant
/// (RFC 7591 §2, §3.1).
pub fn registration_request(name: &str) -> Value {
    json!({
        "client_name": name,
        "grant_types": ["client_credentials"],
        // No redirect-based flow: without this the default `code` contradicts the grant types
        // (RFC 7591 §2, §2.1), and real servers refuse the registration.
        "response_types": [],
        "token_endpoint_auth_method": "client_secret_basic",
    })
}

/// A registration request (RFC 7591 §3.1) to the metadata's registration endpoint.
pub fn registration(ctx: &RunContext, metadata: &Value, request: &Value) -> Result<RequestBuilder, Finding> {
    let url = endpoint(ctx, metadata, "registration_endpoint", "RFC 8414 §2, RFC 7591 §3")?;
    let label = format!("register {}", request["client_name"].as_str().unwrap_or("client"));
    Ok(ctx.http.post(url.as_str()).json(request).label(label))
}

/// Judges a registration answer (RFC 7591 §3.2.1) and registers its secret for redaction.
pub fn registered(ctx: &RunContext, request: &Value, response: &Response) -> Result<Registered, Finding> {
    let answer = if response.status == 201 { hutong_checks::json_body(response, msg!("runner-oauth-client-information")).map_err(judged_by_oe02)? } else { Value::Null };
    let registered = checks::check_registration(request, response.status, &answer).map_err(judged_by_oe02)?;
    ctx.http.redactor().insert_secret(registered.client_secret.as_str());
    Ok(registered)
}

/// Registers a client named `name` and returns it.
pub async fn register(ctx: &RunContext, rec: &Recorder, metadata: &Value, name: &str) -> Result<Registered, Finding> {
    let request = registration_request(name);
    let response = registration(ctx, metadata, &request)?.send(rec).await.map_err(|e| judged_by_oe02(hutong_checks::transport(e)))?;
    registered(ctx, &request, &response)
}

/// Registers a client with `client`'s metadata besides the grant (RFC 7591 §2) and obtains a
/// token for it with the method its registration assigned; with the outcome, the evidence index
/// of the registration exchange (when it was sent).
pub async fn register_as(
    ctx: &RunContext,
    rec: &Recorder,
    metadata: &Value,
    client: &hutong_checks::corpus::RegistrationMetadata,
) -> (Result<String, Finding>, Option<usize>) {
    let mut request = registration_request(&client.client_name);
    if let Value::Object(map) = &mut request {
        map.extend(client.members());
    }
    let response = match registration(ctx, metadata, &request) {
        Ok(builder) => builder.send(rec).await.map_err(|e| judged_by_oe02(hutong_checks::transport(e))),
        Err(f) => Err(f),
    };
    let response = match response {
        Ok(r) => r,
        Err(f) => return (Err(f), None),
    };
    let exchange = Some(response.exchange);
    let token = match registered(ctx, &request, &response) {
        Ok(r) => request_token(ctx, rec, metadata, &r.client_id, &r.client_secret, r.auth_method).await,
        Err(f) => Err(f),
    };
    (token, exchange)
}

/// A client-credentials token request (RFC 6749 §4.4) authenticated with `method`
/// (RFC 6749 §2.3.1).
pub fn token_request(ctx: &RunContext, metadata: &Value, id: &str, secret: &str, method: TokenAuthMethod) -> Result<RequestBuilder, Finding> {
    let url = endpoint(ctx, metadata, "token_endpoint", "RFC 8414 §2")?;
    let request = ctx.http.post(url.as_str()).label(format!("token request ({})", method.name()));
    Ok(match method {
        TokenAuthMethod::ClientSecretBasic => request.basic_auth(id, secret).form(&[("grant_type", "client_credentials")]),
        TokenAuthMethod::ClientSecretPost => {
            let redactor = ctx.http.redactor();
            redactor.insert_secret(secret);
            redactor.insert_secret(url::form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>());
            request.form(&[("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)])
        }
    })
}

/// Judges a token answer (RFC 6749 §5.1) and registers the token for redaction.
pub fn issued_token(ctx: &RunContext, response: &Response, method: TokenAuthMethod) -> Result<String, Finding> {
    let body = response.json_value().ok();
    let token = checks::check_token_response(response.status, body.as_ref(), method).map_err(judged_by_oe02)?;
    ctx.http.redactor().insert_secret(token.as_str());
    Ok(token)
}

/// Requests a token with the client-credentials grant, authenticated with `method`.
pub async fn request_token(ctx: &RunContext, rec: &Recorder, metadata: &Value, id: &str, secret: &str, method: TokenAuthMethod) -> Result<String, Finding> {
    let response = token_request(ctx, metadata, id, secret, method)?.send(rec).await.map_err(|e| judged_by_oe02(hutong_checks::transport(e)))?;
    issued_token(ctx, &response, method)
}

/// A token for `role` (OPIS §7): pre-issued credentials authenticate with a method the metadata
/// supports, registered clients with the method their registration assigned. For scenarios that
/// merely need a token, every finding here is an `error` (the caller's business).
/// A client it registers is named `client_name`.
pub async fn obtain_token(ctx: &RunContext, rec: &Recorder, role: &str, client_name: &str) -> Result<String, Finding> {
    let metadata = metadata(ctx, rec).await?;
    let (id, secret, method) = match ctx.credentials.get(role) {
        Some(c) => (c.client_id.clone(), c.client_secret.clone(), checks::supported_auth_method(&metadata).map_err(judged_by_oe02)?),
        None => {
            let r = register(ctx, rec, &metadata, client_name).await?;
            (r.client_id, r.client_secret, r.auth_method)
        }
    };
    request_token(ctx, rec, &metadata, &id, &secret, method).await
}
