//! The self-service OAuth checks of OE-02 against a real, third-party authorization server:
//! panva's oidc-provider from the npm registry (`fixtures/oidc-provider/`, installed by
//! `.ci/setup.d/30-oidc-provider.sh`). Without its `node_modules` the test fails under `CI=true`
//! (as `scripts/test.sh` sets it) and is skipped elsewhere.

use crate::oauth;
use crate::runner::world::RunContext;
use hutong_checks::discovery::{origin_url, Discovery};
use hutong_http::{ClientConfig, HttpClient, Limits, Recorder, Redactor};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use url::Url;

/// The running server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts oidc-provider on an ephemeral port; `None` when it is not installed outside CI.
fn start() -> Option<(Server, Url)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/oidc-provider");
    if !dir.join("node_modules/oidc-provider").is_dir() {
        let what = "the OAuth server oidc-provider is not installed (no fixtures/oidc-provider/node_modules); \
                    .ci/setup.d/30-oidc-provider.sh installs it (scripts/test.sh runs every setup script)";
        let in_ci = std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
        assert!(!in_ci, "{what}");
        eprintln!("\n!!! SKIPPED: {what} !!!\n");
        return None;
    }
    let mut child = Command::new("node")
        .arg("server.mjs")
        .arg("0")
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("the server prints its address");
    let url = line.trim().strip_prefix("listening ").and_then(|u| Url::parse(u).ok()).unwrap_or_else(|| panic!("unexpected start line {line:?}"));
    Some((server, url))
}

fn context(base: &Url) -> RunContext {
    let config = ClientConfig {
        limits: Limits::default(),
        user_agent: "hutong-test".to_string(),
        insecure_tls: false,
        allowed_origins: vec![origin_url(base)],
        redactor: Redactor::new(),
        resolve: Vec::new(),
    };
    let discovery = Discovery::parse(&json!({
        "opis_version": opis_spec::OPIS_VERSION,
        "platform": { "name": "oidc-provider", "homepage": base.as_str() },
        "profiles": ["open-ecosystem"],
        "endpoints": {
            "api_base": base.as_str(),
            "openapi": base.join("/openapi.json").unwrap().as_str(),
            // An OpenID provider publishes its RFC 8414 metadata here (RFC 8414 §5).
            "oauth_authorization_server": base.join("/.well-known/openid-configuration").unwrap().as_str(),
        },
    }))
    .expect("a valid discovery document");
    RunContext::outside_a_run(base.clone(), HttpClient::new(config).expect("client"), discovery, BTreeMap::new())
}

#[tokio::test]
async fn self_service_checks_pass_on_oidc_provider() {
    let Some((_server, base)) = start() else { return };
    let ctx = context(&base);
    let rec = Recorder::new();
    // Its issuer passes the RFC 8414 §3.3 check (by origin: the metadata URL is OpenID's).
    let metadata = oauth::metadata(&ctx, &rec).await.expect("RFC 8414 metadata with a matching issuer");
    hutong_checks::oauth::check_self_service_metadata(&metadata).expect("self-service metadata members");
    let client = oauth::register(&ctx, &rec, &metadata, "hutong self-service probe").await.expect("RFC 7591 registration");
    let (id, secret, method) = (client.client_id, client.client_secret, client.auth_method);
    let token = oauth::request_token(&ctx, &rec, &metadata, &id, &secret, method).await.expect("client-credentials token");
    assert!(!token.is_empty());
    // The checks are not vacuous on this server: a wrong secret gets no token, and the finding
    // names the authentication method used (RFC 6749 §2.3.1).
    let refused = oauth::request_token(&ctx, &rec, &metadata, &id, "not-the-secret", method).await.expect_err("a wrong secret is refused");
    assert_eq!(refused.outcome(), hutong_model::Outcome::Fail, "{}", refused.message);
    assert!(refused.message.contains(method.name()) && refused.message.contains("RFC 6749 §2.3.1"), "{}", refused.message);
    // A real server registers clients with the metadata OE-02 varies (RFC 7591 §2: client_uri,
    // redirect_uris, contacts, software_id, software_version), neutral and a well-known app's
    // alike; see issue 12, class 7.
    let neutral = ctx.persona.neutral_registration();
    let rival = ctx.persona.competitor_registration(&ctx.corpus.apps, &ctx.corpus.domains).expect("app metadata in the corpus");
    for m in [&neutral, &rival] {
        let (token, exchange) = oauth::register_as(&ctx, &rec, &metadata, m).await;
        assert!(exchange.is_some(), "the registration was sent");
        let token = token.unwrap_or_else(|f| panic!("registration with {}: {}", m.looks_like, f.message));
        assert!(!token.is_empty());
    }
    // And no secret leaks into the evidence.
    let evidence = serde_json::to_string(&rec.take()).expect("evidence serialises");
    assert!(!evidence.contains(&secret) && !evidence.contains(&token));
}
