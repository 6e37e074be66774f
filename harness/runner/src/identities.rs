//! Test identities of persons (OPIS §7.1–§7.3): tokens that act for a user or a merchant.
//!
//! A step asks the run context for a person by label and client role:
//!
//! ```ignore
//! let alice = ctx.person(&rec, PersonKind::User, "persona-a", "third-party-a").await?;
//! // or, raising the finding: w.person(PersonKind::User, "persona-a", "third-party-a", None).await
//! w.token = Some(alice.access_token.clone());
//! ```
//!
//! The identity comes from the target file's `[[identities]]` entry of that name when there is
//! one (a certifier-owned account: a refresh token, RFC 6749 §6, for the pre-issued client of the
//! role), otherwise from the platform's sandbox (`endpoints.test_identities`: a synthetic account,
//! authorised by `login_hint` with the authorization-code grant and PKCE S256, RFC 6749 §4.1,
//! RFC 7636). One account is made per label and run (the same person through every client role),
//! one session per label, role and scope. Every failure is an `error` naming what is missing:
//! acquiring a person is a precondition, never what a requirement judges.

use crate::runner::world::{check_on_platform, RunContext};
use base64::Engine as _;
use hutong_checks::oauth::{self as oauth_checks, TokenAuthMethod};
pub use hutong_checks::oauth::{read_authorization_redirect, AuthorizationAnswer};
use hutong_http::Recorder;
use hutong_model::{msg, Finding, Message};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use url::Url;

/// The redirect URI of the harness's clients (a loopback URI, RFC 8252 §7.3). The harness never
/// follows a redirect there: it reads the answer's `Location`.
pub const LOOPBACK_REDIRECT_URI: &str = "http://127.0.0.1/callback";

/// The labels of the persons of differential comparisons (OPIS §7.2).
pub const PERSONAS: [&str; 2] = ["persona-a", "persona-b"];
/// The labels of the merchants of differential comparisons (OPIS §7.2).
pub const MERCHANTS: [&str; 2] = ["merchant-a", "merchant-b"];

/// A kind of person (OPIS §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    /// A consumer, a natural person.
    User,
    /// A business selling on the platform.
    Merchant,
}

impl PersonKind {
    /// The name OPIS gives the kind (`user`, `merchant`).
    pub fn name(self) -> &'static str {
        match self {
            PersonKind::User => "user",
            PersonKind::Merchant => "merchant",
        }
    }

    /// The kind in words, in the reader's language.
    pub fn in_words(self) -> Message {
        match self {
            PersonKind::User => msg!("identities-kind-user"),
            PersonKind::Merchant => msg!("identities-kind-merchant"),
        }
    }
}

/// Where an identity came from (OPIS §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdentitySource {
    /// Created on the platform's sandbox endpoint for this run.
    Synthetic,
    /// An account of the certifier, listed in the target file.
    CertifierOwned,
}

/// A certifier-owned identity of the target file, its refresh token read from the environment.
#[derive(Clone)]
pub struct ResolvedIdentity {
    /// The identity's label (`name` in the target file).
    pub name: String,
    /// Its kind.
    pub kind: PersonKind,
    /// The client role the refresh token was issued to.
    pub client: String,
    /// The refresh token.
    pub refresh_token: String,
    /// Whether destructive steps may run on it.
    pub disposable: bool,
}

impl std::fmt::Debug for ResolvedIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResolvedIdentity").field("name", &self.name).field("kind", &self.kind).field("client", &self.client).finish_non_exhaustive()
    }
}

/// How the run obtains persons: the target file's identities and the redirect URIs of pre-issued
/// clients.
#[derive(Debug, Clone, Default)]
pub struct IdentityConfig {
    /// Certifier-owned identities by label.
    pub identities: Vec<ResolvedIdentity>,
    /// The loopback redirect URI registered for a pre-issued client, by role (default
    /// [`LOOPBACK_REDIRECT_URI`]).
    pub redirect_uris: HashMap<String, String>,
}

/// A token acting for a person through one client role.
#[derive(Clone)]
pub struct PersonSession {
    /// The identity's label.
    pub label: String,
    /// Its kind.
    pub kind: PersonKind,
    /// The client role the token was issued to.
    pub role: String,
    /// Where the identity came from.
    pub source: IdentitySource,
    /// The platform's ID of the account (synthetic identities: the sandbox's `id`).
    pub account_id: Option<String>,
    /// The access token (a bearer token, RFC 6750).
    pub access_token: String,
    /// The refresh token, when the platform issued one.
    pub refresh_token: Option<String>,
    /// The scope granted (the token response's `scope`, else the one asked for).
    pub scope: Option<String>,
    /// Whether destructive steps may run on the identity (synthetic, or `disposable = true`).
    pub disposable: bool,
}

impl std::fmt::Debug for PersonSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonSession")
            .field("label", &self.label)
            .field("kind", &self.kind)
            .field("role", &self.role)
            .field("source", &self.source)
            .field("account_id", &self.account_id)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl PersonSession {
    /// Why a destructive step (deletion, cancellation) must not run on this identity, if it must
    /// not (OPIS §7.2): the reason a requirement is then `not_applicable`.
    pub fn destructive_refusal_message(&self) -> Option<Message> {
        (!self.disposable).then(|| msg!("identities-not-disposable", label = self.label.clone()))
    }

    /// [`PersonSession::destructive_refusal_message`] in English.
    pub fn destructive_refusal(&self) -> Option<String> {
        self.destructive_refusal_message().map(|m| m.en())
    }
}

/// A synthetic account the sandbox created (OPIS §7.2).
#[derive(Debug, Clone)]
pub struct SyntheticAccount {
    /// The platform's ID of the account (the sandbox's `id`).
    pub id: String,
    /// What the authorization endpoint accepts as `login_hint` for it.
    pub login_hint: String,
}

/// A client as it authenticates to the authorization server (RFC 6749 §2.3.1).
#[derive(Debug, Clone)]
struct ClientAuth {
    id: String,
    secret: String,
    method: TokenAuthMethod,
}

impl ClientAuth {
    /// A form POST to `url` authenticated as this client: HTTP Basic, or the credentials in the
    /// form (`client_secret_post`, its secret registered for redaction).
    fn form_post(&self, ctx: &RunContext, url: &Url, form: &[(&str, &str)], label: String) -> hutong_http::RequestBuilder {
        let builder = ctx.http.post(url.as_str()).label(label);
        match self.method {
            TokenAuthMethod::ClientSecretBasic => builder.basic_auth(&self.id, &self.secret).form(form),
            TokenAuthMethod::ClientSecretPost => {
                ctx.http.redactor().insert_secret(self.secret.as_str());
                let mut all = form.to_vec();
                all.extend([("client_id", self.id.as_str()), ("client_secret", self.secret.as_str())]);
                builder.form(&all)
            }
        }
    }
}

/// A client that can use the authorization-code grant.
#[derive(Debug, Clone)]
struct DelegatedClient {
    auth: ClientAuth,
    redirect_uri: String,
}

/// The URL the OAuth metadata gives as `member`, refused unless on the platform's origins: a
/// missing or relative one is a `fail` (`cite` names where the member is defined).
fn metadata_url(ctx: &RunContext, metadata: &Value, member: &str, cite: &str) -> Result<Url, Finding> {
    let raw = metadata.get(member).and_then(Value::as_str).ok_or_else(|| Finding::fail(msg!("identities-metadata-names-no", member = member, cite = cite)))?;
    let url = Url::parse(raw).map_err(|e| Finding::fail(msg!("identities-member-not-absolute", member = member, error = e.to_string())))?;
    check_on_platform(ctx, &url, msg!("identities-oauth-member", member = member))?;
    Ok(url)
}

/// `f` as an `error`: for a precondition of the person flow, which other requirements judge.
fn as_error(f: Finding) -> Finding {
    Finding { kind: hutong_model::FindingKind::Error, ..f }
}

/// The run's persons: the configuration and what was obtained so far.
#[derive(Debug, Default)]
pub struct Persons {
    config: IdentityConfig,
    accounts: tokio::sync::Mutex<HashMap<String, Result<SyntheticAccount, Finding>>>,
    clients: tokio::sync::Mutex<HashMap<String, Result<DelegatedClient, Finding>>>,
    sessions: tokio::sync::Mutex<HashMap<(String, String, Option<String>), Result<PersonSession, Finding>>>,
}

impl Persons {
    /// The persons of a run configured by `config`.
    pub fn new(config: IdentityConfig) -> Self {
        Persons { config, ..Persons::default() }
    }

    /// The certifier-owned identities of the target file.
    pub fn configured(&self) -> &[ResolvedIdentity] {
        &self.config.identities
    }
}

impl RunContext {
    /// A token acting for the person labelled `label`, of `kind`, through client `role`, with the
    /// platform's default scope (OPIS §7.2); obtained once per run.
    pub async fn person(&self, rec: &Recorder, kind: PersonKind, label: &str, role: &str) -> Result<PersonSession, Finding> {
        self.person_with_scope(rec, kind, label, role, None).await
    }

    /// As [`RunContext::person`], asking for `scope` (RFC 6749 §3.3; a space-separated list).
    pub async fn person_with_scope(&self, rec: &Recorder, kind: PersonKind, label: &str, role: &str, scope: Option<&str>) -> Result<PersonSession, Finding> {
        let key = (label.to_string(), role.to_string(), scope.map(str::to_string));
        let mut sessions = self.persons.sessions.lock().await;
        if let Some(s) = sessions.get(&key) {
            return s.clone();
        }
        // The entry for this client, else (to say what is missing) the first of that name.
        let listed = self.persons.config.identities.iter().filter(|i| i.name == label);
        let entry = listed.clone().find(|i| i.client == role).or_else(|| listed.clone().next());
        let obtained = match entry {
            Some(identity) => certifier_owned(self, rec, identity, kind, role, scope).await,
            None => synthetic(self, rec, kind, label, role, scope).await,
        };
        let obtained = obtained.map_err(|f| f.into_error(msg!("identities-cannot-act-for", kind = kind.in_words(), label = label, role = role)));
        sessions.insert(key, obtained.clone());
        obtained
    }

    /// Revokes `session`'s grant at the metadata's `revocation_endpoint` (RFC 7009 §2.1): its
    /// refresh token (else its access token), authenticated as the client it was issued to.
    /// Returns the answer; a missing endpoint is a `fail` (RFC 8414 §2 names it).
    pub async fn revoke(&self, rec: &Recorder, session: &PersonSession) -> Result<hutong_http::Response, Finding> {
        let metadata = crate::oauth::metadata(self, rec).await?;
        let url = metadata_url(self, &metadata, "revocation_endpoint", "RFC 8414 §2, RFC 7009 §2")?;
        let client = self.grant_client(rec, &metadata, session).await?;
        let (token, hint) = match &session.refresh_token {
            Some(r) => (r.as_str(), "refresh_token"),
            None => (session.access_token.as_str(), "access_token"),
        };
        let label = format!("token revocation ({})", client.method.name());
        client.form_post(self, &url, &[("token", token), ("token_type_hint", hint)], label).send(rec).await.map_err(hutong_checks::transport)
    }

    /// The client `session`'s grant was issued to.
    async fn grant_client(&self, rec: &Recorder, metadata: &Value, session: &PersonSession) -> Result<ClientAuth, Finding> {
        match (session.source, self.credentials.get(&session.role)) {
            (IdentitySource::CertifierOwned, Some(c)) => {
                Ok(ClientAuth { id: c.client_id.clone(), secret: c.client_secret.clone(), method: oauth_checks::supported_auth_method(metadata)? })
            }
            (IdentitySource::CertifierOwned, None) => {
                Err(Finding::error(msg!("identities-no-credentials-for-grant", role = session.role.clone(), label = session.label.clone())))
            }
            (IdentitySource::Synthetic, _) => Ok(delegated_client(self, rec, metadata, &session.role).await?.auth),
        }
    }

    /// Asks for a new access token with `session`'s refresh token (RFC 6749 §6), as the client
    /// the grant was issued to: `Ok(true)` when the platform issued one, `Ok(false)` when it
    /// refused (any answer that is not a token), `Ok(false)` too without a refresh token.
    /// A transport failure is the `error` it is.
    pub async fn refresh_issues_token(&self, rec: &Recorder, session: &PersonSession, what: &str) -> Result<bool, Finding> {
        let Some(refresh) = session.refresh_token.as_deref() else { return Ok(false) };
        let metadata = crate::oauth::metadata(self, rec).await?;
        let client = self.grant_client(rec, &metadata, session).await?;
        match token_request(self, rec, &metadata, &client, &[("grant_type", "refresh_token"), ("refresh_token", refresh)], what).await {
            Ok(_) => Ok(true),
            Err(f) if f.kind == hutong_model::FindingKind::Error => Err(f),
            Err(_) => Ok(false),
        }
    }

    /// Where the identity labelled `label` comes from in this run (OPIS §7.3: the report says).
    pub fn identity_source(&self, label: &str) -> IdentitySource {
        if self.persons.config.identities.iter().any(|i| i.name == label) {
            IdentitySource::CertifierOwned
        } else {
            IdentitySource::Synthetic
        }
    }
}

/// A certifier-owned identity: a refresh (RFC 6749 §6) with the role's pre-issued client.
async fn certifier_owned(
    ctx: &RunContext,
    rec: &Recorder,
    identity: &ResolvedIdentity,
    kind: PersonKind,
    role: &str,
    scope: Option<&str>,
) -> Result<PersonSession, Finding> {
    if identity.kind != kind {
        return Err(Finding::error(msg!(
            "identities-wrong-kind",
            label = identity.name.clone(),
            kind = identity.kind.in_words(),
            needed = kind.in_words()
        )));
    }
    if identity.client != role {
        return Err(Finding::error(msg!("identities-other-client", label = identity.name.clone(), client = identity.client.clone(), role = role)));
    }
    let credential = ctx.credentials.get(role).ok_or_else(|| {
        Finding::error(msg!("identities-client-without-credentials", label = identity.name.clone(), role = role))
    })?;
    let metadata = crate::oauth::metadata(ctx, rec).await?;
    let client = ClientAuth { id: credential.client_id.clone(), secret: credential.client_secret.clone(), method: oauth_checks::supported_auth_method(&metadata)? };
    let mut form = vec![("grant_type", "refresh_token"), ("refresh_token", identity.refresh_token.as_str())];
    if let Some(s) = scope {
        form.push(("scope", s));
    }
    let body = token_request(ctx, rec, &metadata, &client, &form, "refresh").await?;
    Ok(PersonSession {
        label: identity.name.clone(),
        kind,
        role: role.to_string(),
        source: IdentitySource::CertifierOwned,
        account_id: None,
        access_token: body.access_token,
        refresh_token: body.refresh_token.or_else(|| Some(identity.refresh_token.clone())),
        scope: body.scope.or_else(|| scope.map(str::to_string)),
        disposable: identity.disposable,
    })
}

/// A synthetic identity: created on the sandbox once per label, then authorised for `role` by
/// `login_hint` with the authorization-code grant and PKCE S256.
async fn synthetic(ctx: &RunContext, rec: &Recorder, kind: PersonKind, label: &str, role: &str, scope: Option<&str>) -> Result<PersonSession, Finding> {
    let account = ctx.synthetic_account(rec, kind, label, role).await?;
    let metadata = crate::oauth::metadata(ctx, rec).await?;
    let client = delegated_client(ctx, rec, &metadata, role).await?;
    let body = authorization_code_flow(ctx, rec, &metadata, &client, scope, Some(&account.login_hint)).await?;
    Ok(PersonSession {
        label: label.to_string(),
        kind,
        role: role.to_string(),
        source: IdentitySource::Synthetic,
        account_id: Some(account.id),
        access_token: body.access_token,
        refresh_token: body.refresh_token,
        scope: body.scope.or_else(|| scope.map(str::to_string)),
        disposable: true,
    })
}

/// `POST {test_identities}` with the role's client-credentials token (OPIS §7.2).
async fn create_synthetic(ctx: &RunContext, rec: &Recorder, kind: PersonKind, label: &str, role: &str) -> Result<SyntheticAccount, Finding> {
    let url = ctx.discovery.endpoint("test_identities").map_err(|_| {
        Finding::error(msg!("identities-no-sandbox", label = label))
    })?;
    check_on_platform(ctx, &url, msg!("identities-endpoint", name = "test_identities"))?;
    let token = ctx.client_token(rec, role).await?;
    let response = ctx
        .http
        .post(url.as_str())
        .bearer(&token)
        .json(&json!({ "kind": kind.name(), "label": label }))
        .label(format!("create synthetic {}", kind.name()))
        .send(rec)
        .await
        .map_err(hutong_checks::transport)?;
    if response.status != 201 {
        return Err(Finding::error(msg!("identities-sandbox-status", status = response.status)));
    }
    let body = hutong_checks::json_body(&response, msg!("identities-test-identity"))?;
    let text = |m: &str| body.get(m).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    let (Some(id), Some(login_hint)) = (text("id"), text("login_hint")) else {
        return Err(Finding::error(msg!("identities-sandbox-no-id")));
    };
    if body.get("synthetic") != Some(&Value::Bool(true)) {
        // The harness acts only for accounts that stand for no real person (OPIS §7.3).
        return Err(Finding::error(msg!("identities-sandbox-not-synthetic")));
    }
    if text("kind").as_deref() != Some(kind.name()) {
        return Err(Finding::error(msg!("identities-sandbox-wrong-kind", kind = kind.name())));
    }
    Ok(SyntheticAccount { id, login_hint })
}

/// The role's client for the authorization-code grant: its pre-issued credentials (with the
/// target file's redirect URI), else a client registered for it (RFC 7591), once per run.
async fn delegated_client(ctx: &RunContext, rec: &Recorder, metadata: &Value, role: &str) -> Result<DelegatedClient, Finding> {
    let mut clients = ctx.persons.clients.lock().await;
    if let Some(c) = clients.get(role) {
        return c.clone();
    }
    let obtained = match ctx.credentials.get(role) {
        Some(c) => oauth_checks::supported_auth_method(metadata).map(|method| DelegatedClient {
            auth: ClientAuth { id: c.client_id.clone(), secret: c.client_secret.clone(), method },
            redirect_uri: ctx.persons.config.redirect_uris.get(role).cloned().unwrap_or_else(|| LOOPBACK_REDIRECT_URI.to_string()),
        }),
        None => register_delegated(ctx, rec, metadata, role).await,
    };
    clients.insert(role.to_string(), obtained.clone());
    obtained
}

/// The registration request of a confidential client of the authorization-code grant with
/// refresh tokens and a loopback redirect URI (RFC 7591 §2, RFC 8252 §7.3).
pub fn delegated_registration_request(name: &str) -> Value {
    json!({
        "client_name": name,
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "redirect_uris": [LOOPBACK_REDIRECT_URI],
        "token_endpoint_auth_method": "client_secret_basic",
    })
}

async fn register_delegated(ctx: &RunContext, rec: &Recorder, metadata: &Value, role: &str) -> Result<DelegatedClient, Finding> {
    let request = delegated_registration_request(&ctx.persona.client_name(role));
    let response = crate::oauth::registration(ctx, metadata, &request)?.send(rec).await.map_err(hutong_checks::transport)?;
    let registered = crate::oauth::registered(ctx, &request, &response)?;
    let auth = ClientAuth { id: registered.client_id, secret: registered.client_secret, method: registered.auth_method };
    Ok(DelegatedClient { auth, redirect_uri: LOOPBACK_REDIRECT_URI.to_string() })
}

/// A PKCE pair (RFC 7636 §4.1, §4.2): a verifier of 43 unreserved characters and its S256
/// challenge.
pub fn pkce_pair() -> (String, String) {
    let verifier = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    (verifier.clone(), pkce_challenge(&verifier))
}

/// `BASE64URL(SHA256(verifier))` (RFC 7636 §4.2).
pub fn pkce_challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The members of a token response the person flow uses (RFC 6749 §5.1).
#[derive(Debug, Clone)]
pub struct TokenBody {
    /// `access_token`.
    pub access_token: String,
    /// `refresh_token`, if issued.
    pub refresh_token: Option<String>,
    /// `scope`, if given.
    pub scope: Option<String>,
}

/// Sends a token request with `form`, authenticated as `client`; judges the answer (RFC 6749
/// §5.1, bearer) and registers the tokens for redaction.
async fn token_request(ctx: &RunContext, rec: &Recorder, metadata: &Value, client: &ClientAuth, form: &[(&str, &str)], what: &str) -> Result<TokenBody, Finding> {
    let response = send_token_request(ctx, rec, metadata, client, form, what).await?;
    token_body(ctx, &response, client.method)
}

/// Sends a token request with `form`, authenticated as `client`, and returns the answer
/// unjudged; the code, refresh token and verifier sent are registered for redaction.
async fn send_token_request(ctx: &RunContext, rec: &Recorder, metadata: &Value, client: &ClientAuth, form: &[(&str, &str)], what: &str) -> Result<hutong_http::Response, Finding> {
    let url = metadata_url(ctx, metadata, "token_endpoint", "RFC 8414 §2").map_err(as_error)?;
    let redactor = ctx.http.redactor();
    for (k, v) in form {
        if matches!(*k, "code" | "refresh_token" | "code_verifier") {
            redactor.insert_secret(*v);
        }
    }
    let label = format!("token request ({what}, {})", client.method.name());
    client.form_post(ctx, &url, form, label).send(rec).await.map_err(hutong_checks::transport)
}

/// The token response judged (RFC 6749 §5.1, bearer), its tokens registered for redaction.
fn token_body(ctx: &RunContext, response: &hutong_http::Response, method: TokenAuthMethod) -> Result<TokenBody, Finding> {
    let redactor = ctx.http.redactor();
    let body = response.json_value().ok();
    let access_token = oauth_checks::check_token_response(response.status, body.as_ref(), method)?;
    redactor.insert_secret(access_token.as_str());
    let member = |m: &str| body.as_ref().and_then(|b| b.get(m)).and_then(Value::as_str).map(str::to_string);
    let refresh_token = member("refresh_token");
    if let Some(r) = &refresh_token {
        redactor.insert_secret(r.as_str());
    }
    Ok(TokenBody { access_token, refresh_token, scope: member("scope") })
}

/// An authorization request sent and its answer, not followed (RFC 6749 §4.1.1, §4.1.2).
#[derive(Debug, Clone)]
pub struct AuthorizationAttempt {
    /// The authorization endpoint's answer.
    pub response: hutong_http::Response,
    /// The `redirect_uri` the request named.
    pub redirect_uri: String,
    /// The `state` the request sent.
    pub state: String,
    /// The PKCE `code_verifier` whose S256 challenge the request sent; `None` when it sent none.
    pub verifier: Option<String>,
}

/// Sends `client`'s authorization request (RFC 6749 §4.1.1) with `scope` and `login_hint`, with
/// the S256 challenge of a fresh PKCE pair when `pkce` (RFC 7636 §4.3), else with neither
/// `code_challenge` nor `code_challenge_method`; the answer is read, never followed.
#[allow(clippy::too_many_arguments)]
async fn authorization_request(
    ctx: &RunContext,
    rec: &Recorder,
    metadata: &Value,
    client: &DelegatedClient,
    scope: Option<&str>,
    login_hint: Option<&str>,
    pkce: bool,
    label: &str,
) -> Result<AuthorizationAttempt, Finding> {
    let mut url = metadata_url(ctx, metadata, "authorization_endpoint", "RFC 8414 §2; OPIS §7.1").map_err(as_error)?;
    let pair = pkce.then(pkce_pair);
    let state = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code").append_pair("client_id", &client.auth.id).append_pair("redirect_uri", &client.redirect_uri).append_pair("state", &state);
        if let Some((_, challenge)) = &pair {
            q.append_pair("code_challenge", challenge).append_pair("code_challenge_method", "S256");
        }
        if let Some(s) = scope {
            q.append_pair("scope", s);
        }
        if let Some(h) = login_hint {
            q.append_pair("login_hint", h);
        }
    }
    let response = ctx.http.get(url.as_str()).follow_redirects(false).label(label.to_string()).send(rec).await.map_err(hutong_checks::transport)?;
    Ok(AuthorizationAttempt { response, redirect_uri: client.redirect_uri.clone(), state, verifier: pair.map(|(v, _)| v) })
}

/// The code of an approved authorization request: its redirect read, `state` and RFC 9207 `iss`
/// checked. Anything else is an `error`: the synthetic identity could not be authorised.
fn approved_code(metadata: &Value, attempt: &AuthorizationAttempt) -> Result<String, Finding> {
    let answer = read_authorization_redirect(attempt.response.status, attempt.response.header("location"), &attempt.redirect_uri).map_err(Finding::error)?;
    match answer {
        AuthorizationAnswer::Error { error, description } => {
            let error = hutong_model::sanitize_line(&error, 60);
            Err(Finding::error(match description {
                Some(d) => msg!("identities-login-hint-refused-described", error = error, description = hutong_model::sanitize_line(&d, 200)),
                None => msg!("identities-login-hint-refused", error = error),
            }))
        }
        AuthorizationAnswer::Code { code, state: returned, iss } => {
            if returned.as_deref() != Some(attempt.state.as_str()) {
                return Err(Finding::error(msg!("identities-state-not-returned")));
            }
            if let Some(iss) = iss
                && Some(iss.as_str()) != metadata.get("issuer").and_then(Value::as_str)
            {
                return Err(Finding::error(msg!("identities-iss-not-issuer")));
            }
            Ok(code)
        }
    }
}

/// The authorization-code token request (RFC 6749 §4.1.3) for `code` with `verifier`, sent as
/// `client`; the answer unjudged.
async fn send_code_exchange(
    ctx: &RunContext,
    rec: &Recorder,
    metadata: &Value,
    client: &DelegatedClient,
    code: &str,
    verifier: &str,
    what: &str,
) -> Result<hutong_http::Response, Finding> {
    let form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", client.redirect_uri.as_str()), ("code_verifier", verifier)];
    send_token_request(ctx, rec, metadata, &client.auth, &form, what).await
}

/// The authorization-code grant with PKCE S256 (RFC 6749 §4.1, RFC 7636) for `client`, with
/// `login_hint` (a synthetic account, OPIS §7.2): the authorization request, its redirect read
/// without being followed, `state` and `iss` checked, and the code exchanged.
async fn authorization_code_flow(
    ctx: &RunContext,
    rec: &Recorder,
    metadata: &Value,
    client: &DelegatedClient,
    scope: Option<&str>,
    login_hint: Option<&str>,
) -> Result<TokenBody, Finding> {
    let attempt = authorization_request(ctx, rec, metadata, client, scope, login_hint, true, "authorization request").await?;
    let code = approved_code(metadata, &attempt)?;
    let verifier = attempt.verifier.as_deref().unwrap_or_default();
    let response = send_code_exchange(ctx, rec, metadata, client, &code, verifier, "authorization code").await?;
    token_body(ctx, &response, client.auth.method)
}

impl RunContext {
    /// The synthetic account labelled `label`, created on the sandbox (`endpoints.test_identities`)
    /// with `role`'s client-credentials token once per run (OPIS §7.2), whatever the target file
    /// lists: what a step that tests the sandbox itself (PD-10) authorises. Other steps ask for a
    /// person ([`RunContext::person`]).
    pub async fn synthetic_account(&self, rec: &Recorder, kind: PersonKind, label: &str, role: &str) -> Result<SyntheticAccount, Finding> {
        let mut accounts = self.persons.accounts.lock().await;
        if !accounts.contains_key(label) {
            let created = create_synthetic(self, rec, kind, label, role).await;
            accounts.insert(label.to_string(), created);
        }
        accounts.get(label).cloned().expect("just inserted")
    }

    /// The OAuth metadata and `role`'s client of the authorization-code grant: preconditions, so
    /// that what stops them (OE-02 judges it) is an `error` here.
    async fn client_of_persons(&self, rec: &Recorder, role: &str) -> Result<(Value, DelegatedClient), Finding> {
        let context = || msg!("identities-cannot-act-through-client", role = role);
        let metadata = crate::oauth::metadata(self, rec).await.map_err(|f| f.into_error(context()))?;
        let client = delegated_client(self, rec, &metadata, role).await.map_err(|f| f.into_error(context()))?;
        Ok((metadata, client))
    }

    /// The `login_hint`s of the synthetic accounts this run created so far.
    pub async fn synthetic_login_hints(&self) -> Vec<String> {
        self.persons.accounts.lock().await.values().filter_map(|a| a.as_ref().ok()).map(|a| a.login_hint.clone()).collect()
    }

    /// Sends `role`'s authorization request for the platform's default scope with `login_hint`,
    /// with PKCE S256 when `pkce` and without `code_challenge` and `code_challenge_method`
    /// otherwise, and returns the answer unfollowed and unjudged (PD-10 judges it). The role's
    /// client is the one persons are authorised through; `label` names the exchange.
    pub async fn send_authorization_request(&self, rec: &Recorder, role: &str, login_hint: &str, pkce: bool, label: &str) -> Result<AuthorizationAttempt, Finding> {
        let (metadata, client) = self.client_of_persons(rec, role).await?;
        authorization_request(self, rec, &metadata, &client, None, Some(login_hint), pkce, label).await
    }

    /// The code of an approved authorization request (its redirect read, `state` and `iss`
    /// checked); an `error` otherwise.
    pub async fn approved_code(&self, rec: &Recorder, attempt: &AuthorizationAttempt) -> Result<String, Finding> {
        let metadata = crate::oauth::metadata(self, rec).await.map_err(|f| f.into_error(msg!("identities-cannot-read-metadata")))?;
        approved_code(&metadata, attempt)
    }

    /// Exchanges `code` at the token endpoint as `role`'s client with `verifier` (RFC 6749
    /// §4.1.3, RFC 7636 §4.5) and returns the answer unjudged (PD-10 judges it); a token it
    /// carries is registered for redaction all the same.
    pub async fn exchange_code(&self, rec: &Recorder, role: &str, code: &str, verifier: &str, what: &str) -> Result<hutong_http::Response, Finding> {
        let (metadata, client) = self.client_of_persons(rec, role).await?;
        let response = send_code_exchange(self, rec, &metadata, &client, code, verifier, what).await?;
        let redactor = self.http.redactor();
        for member in ["access_token", "refresh_token"] {
            if let Some(t) = response.json_value().ok().as_ref().and_then(|b| b.get(member)).and_then(Value::as_str) {
                redactor.insert_secret(t);
            }
        }
        Ok(response)
    }
}

/// A `login_hint` shaped like `hint` (a synthetic account's) that names no account (PD-10,
/// OPIS §7.3): the domain after the last `@` and the local part up to its first separator
/// (`_`, `-`, `.`, `+`, `:`) kept, every other letter and digit replaced by a random one of the
/// same kind, then random characters of the kind of the last one appended until the random part
/// carries at least 128 bits. Longer than the hints the platform allocated, it names none of its
/// accounts, synthetic or a person's.
pub fn unknown_login_hint(hint: &str) -> String {
    use rand::Rng;
    const DIGITS: &[u8] = b"0123456789";
    const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    let (local, domain) = match hint.rfind('@') {
        Some(at) => (&hint[..at], &hint[at..]),
        None => (hint, ""),
    };
    let stem_end = local.find(['_', '-', '.', '+', ':']).map(|i| i + 1).filter(|&i| i < local.len()).unwrap_or(0);
    let (stem, rest) = local.split_at(stem_end);
    let mut out = String::from(stem);
    let mut bits = 0.0_f64;
    let mut last: &[u8] = ALNUM;
    let mut draw = |set: &'static [u8], out: &mut String, bits: &mut f64| {
        out.push(set[rng.random_range(0..set.len())] as char);
        *bits += (set.len() as f64).log2();
    };
    for c in rest.chars() {
        let set: Option<&'static [u8]> = match c {
            '0'..='9' => Some(DIGITS),
            'a'..='z' => Some(LOWER),
            'A'..='Z' => Some(UPPER),
            _ => None,
        };
        match set {
            Some(set) => {
                draw(set, &mut out, &mut bits);
                last = set;
            }
            None => out.push(c),
        }
    }
    while bits < 128.0 {
        draw(last, &mut out, &mut bits);
    }
    out.push_str(domain);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_is_rfc_7636s() {
        // RFC 7636 Appendix B.
        assert_eq!(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        let (verifier, challenge) = pkce_pair();
        assert_eq!(verifier.len(), 43);
        assert_eq!(pkce_challenge(&verifier), challenge);
    }

    #[test]
    fn an_unknown_hint_keeps_the_shape_and_names_no_account() {
        let hint = "psn_000042@sandbox.example";
        let unknown = unknown_login_hint(hint);
        let (local, domain) = unknown.split_once('@').unwrap();
        assert_eq!(domain, "sandbox.example");
        let digits = local.strip_prefix("psn_").unwrap_or_else(|| panic!("{unknown}"));
        assert!(digits.len() >= 39 && digits.bytes().all(|b| b.is_ascii_digit()), "128 bits of digits: {unknown}");
        assert_ne!(unknown_login_hint(hint), unknown, "a fresh value each time");
        let opaque = unknown_login_hint("Ab3");
        assert!(opaque.len() >= 26 && !opaque.contains('@'), "{opaque}");
        assert!(opaque.as_bytes()[0].is_ascii_uppercase() && opaque.as_bytes()[1].is_ascii_lowercase(), "{opaque}");
    }
}
