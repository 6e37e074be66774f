//! Test identities of persons (OPIS §7.1–§7.3) against the reference platform: the runner
//! creates synthetic accounts on the sandbox endpoint and obtains tokens for them with the
//! authorization-code grant and PKCE, through pre-issued and registered clients; a target-file
//! identity is turned into an access token by refresh; the authorization endpoint approves a
//! `login_hint` only for synthetic accounts and only with PKCE; nothing secret reaches the evidence.

use hutong_checks::discovery::{origin_url, Discovery};
use hutong_http::{ClientConfig, HttpClient, Limits, Recorder, Redactor};
use hutong_model::Outcome;
use hutong_reference::ReferenceConfig;
use hutong_runner::identities::{self, IdentityConfig, IdentitySource, PersonKind, Persons, ResolvedIdentity};
use hutong_runner::runner::RunContext;
use hutong_runner::target::ResolvedCredential;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use url::Url;

async fn start(config: ReferenceConfig) -> hutong_reference::RunningReference {
    hutong_reference::spawn(config, SocketAddr::from(([127, 0, 0, 1], 0))).await.expect("reference starts")
}

fn client(base: &Url) -> HttpClient {
    HttpClient::new(ClientConfig {
        limits: Limits::default(),
        user_agent: "identities-test".to_string(),
        insecure_tls: false,
        allowed_origins: vec![origin_url(base)],
        redactor: Redactor::new(),
        ..ClientConfig::default()
    })
    .expect("client")
}

/// A run context for the platform at `base`, its discovery read over HTTP (with `drop_key` left
/// out of the endpoints when given).
async fn context(base: &Url, credentials: BTreeMap<String, ResolvedCredential>, drop_key: Option<&str>) -> RunContext {
    let http = client(base);
    let response = http.get(base.join("/.well-known/opis").unwrap().as_str()).send(&Recorder::new()).await.expect("discovery");
    let mut doc = response.json_value().expect("discovery JSON");
    if let Some(key) = drop_key {
        doc["endpoints"].as_object_mut().unwrap().remove(key);
    }
    let discovery = Discovery::parse(&doc).expect("valid discovery");
    RunContext::outside_a_run(base.clone(), http, discovery, credentials)
}

fn preissued(config: &ReferenceConfig) -> BTreeMap<String, ResolvedCredential> {
    config
        .preissued
        .iter()
        .map(|c| (c.role.clone(), ResolvedCredential { client_id: c.client_id.clone(), client_secret: c.client_secret.clone() }))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn synthetic_persons_are_authorised_by_login_hint_and_refreshed_from_a_target_file() {
    let config = ReferenceConfig::default().with_preissued_clients("identities-test");
    let credentials = preissued(&config);
    let running = start(config).await;
    let base = Url::parse(&running.base_url).unwrap();
    let ctx = context(&base, credentials.clone(), None).await;
    let rec = Recorder::new();

    // A synthetic user through the pre-issued client of third-party-a.
    let alice = ctx.person(&rec, PersonKind::User, "persona-a", "third-party-a").await.unwrap_or_else(|f| panic!("{}", f.message));
    assert_eq!(alice.source, IdentitySource::Synthetic);
    assert!(alice.destructive_refusal().is_none(), "synthetic identities are disposable");
    let account = alice.account_id.clone().expect("the sandbox's account id");
    let refresh = alice.refresh_token.clone().expect("a refresh token with the code (RFC 6749 §5.1)");
    // Once per label and role: the same session again.
    let again = ctx.person(&rec, PersonKind::User, "persona-a", "third-party-a").await.unwrap();
    assert_eq!(again.access_token, alice.access_token);
    // The same person through another client: the same account, another token.
    let via_b = ctx.person(&rec, PersonKind::User, "persona-a", "third-party-b").await.unwrap();
    assert_eq!(via_b.account_id.as_deref(), Some(account.as_str()));
    assert_ne!(via_b.access_token, alice.access_token);
    // Another label, another account; a merchant too.
    let bob = ctx.person(&rec, PersonKind::User, "persona-b", "third-party-a").await.unwrap();
    assert_ne!(bob.account_id, alice.account_id);
    let shop = ctx.person(&rec, PersonKind::Merchant, "merchant-a", "third-party-a").await.unwrap();
    assert_eq!(shop.kind, PersonKind::Merchant);
    // The token is a bearer token the interop API accepts.
    let products = ctx.discovery.endpoint("products").unwrap();
    let answer = ctx.http.get(products.as_str()).bearer(&alice.access_token).send(&rec).await.unwrap();
    assert_eq!(answer.status, 200);

    // A certifier-owned identity: the refresh token in a target file becomes an access token for
    // that person, and a refresh can narrow the scope but not widen it (RFC 6749 §6).
    let mut owned = context(&base, credentials.clone(), Some("test_identities")).await;
    owned.persons = Persons::new(IdentityConfig {
        identities: vec![ResolvedIdentity {
            name: "persona-c".into(),
            kind: PersonKind::User,
            client: "third-party-a".into(),
            refresh_token: refresh.clone(),
            disposable: false,
        }],
        ..IdentityConfig::default()
    });
    let carol = owned.person(&rec, PersonKind::User, "persona-c", "third-party-a").await.unwrap_or_else(|f| panic!("{}", f.message));
    assert_eq!(carol.source, IdentitySource::CertifierOwned);
    assert_ne!(carol.access_token, alice.access_token);
    assert!(carol.destructive_refusal().is_some_and(|r| r.contains("disposable = true")));
    let narrowed = owned.person_with_scope(&rec, PersonKind::User, "persona-c", "third-party-a", Some("profile:read")).await.unwrap();
    assert_eq!(narrowed.scope.as_deref(), Some("profile:read"));
    let widened = owned.person_with_scope(&rec, PersonKind::User, "persona-c", "third-party-a", Some("profile:read admin")).await.unwrap_err();
    assert_eq!(widened.outcome(), Outcome::Error);
    assert!(widened.message.contains("invalid_scope"), "{}", widened.message);
    // Through another client than the one the token was issued to: refused before any request.
    let wrong = owned.person(&rec, PersonKind::User, "persona-c", "third-party-b").await.unwrap_err();
    assert!(wrong.message.contains("[[identities]] entry of the same name for client third-party-b"), "{}", wrong.message);
    // Neither source: the error names both.
    let none = owned.person(&rec, PersonKind::User, "persona-z", "third-party-a").await.unwrap_err();
    assert_eq!(none.outcome(), Outcome::Error);
    assert!(none.message.contains("endpoints.test_identities") && none.message.contains("[[identities]]"), "{}", none.message);

    // Registered clients (no pre-issued credentials) use the flow too.
    let registered = context(&base, BTreeMap::new(), None).await;
    let dave = registered.person(&rec, PersonKind::User, "persona-a", "third-party-a").await.unwrap_or_else(|f| panic!("{}", f.message));
    assert!(dave.refresh_token.is_some());

    // No token, code or verifier is in the evidence.
    let evidence = serde_json::to_string(&rec.take()).unwrap();
    for secret in [&alice.access_token, &refresh, &carol.access_token, &dave.access_token] {
        assert!(!evidence.contains(secret.as_str()), "a token leaked into the evidence");
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_synthetic_accounts_are_approved_without_a_browser_and_only_with_pkce() {
    let config = ReferenceConfig::default().with_preissued_clients("identities-test-2");
    let running = start(config).await;
    let base = Url::parse(&running.base_url).unwrap();
    let http = client(&base);
    let rec = Recorder::new();
    let metadata = http.get(base.join("/.well-known/oauth-authorization-server").unwrap().as_str()).send(&rec).await.unwrap().json_value().unwrap();
    for (member, value) in [("grant_types_supported", "authorization_code"), ("grant_types_supported", "refresh_token"), ("code_challenge_methods_supported", "S256")] {
        assert!(metadata[member].as_array().unwrap().iter().any(|v| v == value), "{member} lists {value}");
    }
    let authorize = |hint: &str, pkce: bool| {
        let mut url = Url::parse(metadata["authorization_endpoint"].as_str().unwrap()).unwrap();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("response_type", "code")
                .append_pair("client_id", "pre-third-party-a")
                .append_pair("redirect_uri", identities::LOOPBACK_REDIRECT_URI)
                .append_pair("state", "s-1")
                .append_pair("login_hint", hint);
            if pkce {
                q.append_pair("code_challenge", &identities::pkce_pair().1).append_pair("code_challenge_method", "S256");
            }
        }
        url
    };
    // An account that is not a synthetic one the sandbox made: the sign-in page, no code.
    let page = http.get(authorize("someone@example.com", true).as_str()).follow_redirects(false).send(&rec).await.unwrap();
    assert_eq!(page.status, 200);
    assert!(identities::read_authorization_redirect(page.status, page.header("location"), identities::LOOPBACK_REDIRECT_URI).is_err());
    // A synthetic account: approved; without PKCE: refused (RFC 7636 §4.4.1).
    let ctx = context(&base, BTreeMap::new(), None).await;
    let token = ctx.client_token(&rec, "third-party-a").await.unwrap();
    let created = http
        .post(ctx.discovery.endpoint("test_identities").unwrap().as_str())
        .bearer(&token)
        .json(&serde_json::json!({ "kind": "user", "label": "persona-a" }))
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    let identity = created.json_value().unwrap();
    assert_eq!(identity["synthetic"], true);
    let hint = identity["login_hint"].as_str().unwrap();
    let approved = http.get(authorize(hint, true).as_str()).follow_redirects(false).send(&rec).await.unwrap();
    let answer = identities::read_authorization_redirect(approved.status, approved.header("location"), identities::LOOPBACK_REDIRECT_URI).unwrap();
    assert!(matches!(answer, identities::AuthorizationAnswer::Code { ref state, .. } if state.as_deref() == Some("s-1")), "{answer:?}");
    let no_pkce = http.get(authorize(hint, false).as_str()).follow_redirects(false).send(&rec).await.unwrap();
    let answer = identities::read_authorization_redirect(no_pkce.status, no_pkce.header("location"), identities::LOOPBACK_REDIRECT_URI).unwrap();
    assert!(matches!(answer, identities::AuthorizationAnswer::Error { ref error, .. } if error == "invalid_request"), "{answer:?}");
    // The sandbox refuses a kind OPIS does not define.
    let robot = http
        .post(ctx.discovery.endpoint("test_identities").unwrap().as_str())
        .bearer(&token)
        .json(&serde_json::json!({ "kind": "robot", "label": "r" }))
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(robot.status, 400);
    running.stop().await;
}
