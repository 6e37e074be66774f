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
    let mut reader = BufReader::new(stdout);
    reader.read_line(&mut line).expect("the server prints its address");
    // The rest of its output is drained, so that a later line does not meet a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
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

/// A browser's cookie jar, as little of one as the sign-in needs: the cookies set so far, each
/// sent back to the paths under its `Path` (RFC 6265 §5.1.4).
#[derive(Default)]
struct Cookies(BTreeMap<String, (String, String)>);

impl Cookies {
    fn keep(&mut self, response: &hutong_http::Response) {
        for value in response.headers.get_all("set-cookie") {
            let Ok(text) = value.to_str() else { continue };
            let mut parts = text.split(';');
            let Some((name, value)) = parts.next().and_then(|pair| pair.split_once('=')) else { continue };
            let path = parts.filter_map(|a| a.trim().strip_prefix("path=")).next().unwrap_or("/").to_string();
            self.0.insert(name.trim().to_string(), (value.trim().to_string(), path));
        }
    }

    fn header(&self, url: &str) -> String {
        let path = Url::parse(url).map(|u| u.path().to_string()).unwrap_or_default();
        self.0.iter().filter(|(_, (_, p))| path.starts_with(p.as_str())).map(|(k, (v, _))| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }
}

/// The `action` of the page's first form.
fn form_action(page: &str) -> String {
    let start = page.find("action=\"").expect("a form with an action") + "action=\"".len();
    page[start..].split('"').next().expect("a closed attribute").replace("&amp;", "&")
}

/// The user-delegated flow of OPIS §7.1–§7.2 against a real, third-party authorization server:
/// the test signs in and consents as a person at a browser would, over plain HTTP (the server's
/// development sign-in and consent pages, any login accepted), obtains a refresh token once, and
/// puts it in a target file's `[[identities]]` entry (a certifier-owned account); the runner turns
/// it into an access token for that person, which the server's UserInfo endpoint answers for.
#[tokio::test]
async fn a_certifier_owned_refresh_token_becomes_a_persons_token_on_oidc_provider() {
    use crate::identities::{self, IdentityConfig, IdentitySource, PersonKind, Persons, ResolvedIdentity};
    let Some((_server, base)) = start() else { return };
    let rec = Recorder::new();
    let probe = context(&base);
    let metadata = oauth::metadata(&probe, &rec).await.expect("RFC 8414 metadata");
    for (member, value) in [("grant_types_supported", "authorization_code"), ("grant_types_supported", "refresh_token"), ("code_challenge_methods_supported", "S256")] {
        assert!(metadata[member].as_array().is_some_and(|a| a.iter().any(|v| v == value)), "{member} lists {value}");
    }
    // A client of the authorization-code grant with a loopback redirect URI, as the runner
    // registers one (RFC 7591, RFC 8252 §7.3).
    let request = identities::delegated_registration_request("hutong delegated client");
    let response = oauth::registration(&probe, &metadata, &request).unwrap().send(&rec).await.unwrap();
    let client = oauth::registered(&probe, &request, &response).unwrap_or_else(|f| panic!("registration: {}", f.message));

    // Once, by the certifier: the authorization request with PKCE, then sign-in and consent.
    let (verifier, challenge) = identities::pkce_pair();
    let mut authorize = Url::parse(metadata["authorization_endpoint"].as_str().unwrap()).unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &client.client_id)
        .append_pair("redirect_uri", identities::LOOPBACK_REDIRECT_URI)
        .append_pair("scope", "openid offline_access")
        .append_pair("prompt", "consent")
        .append_pair("state", "certifier-sign-in")
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let mut jar = Cookies::default();
    let mut next = authorize.to_string();
    let mut code = None;
    // Each step is a redirect or a form; a handful of them, bounded against a loop.
    for _ in 0..12 {
        let mut get = probe.http.get(&next).follow_redirects(false);
        let cookie = jar.header(&next);
        if !cookie.is_empty() {
            get = get.header("cookie", cookie);
        }
        let response = get.send(&rec).await.expect("the server answers");
        jar.keep(&response);
        if matches!(response.status, 302 | 303) {
            let location = base.join(response.header("location").expect("a Location")).unwrap();
            if location.as_str().starts_with(identities::LOOPBACK_REDIRECT_URI) {
                let answer = identities::read_authorization_redirect(response.status, Some(location.as_str()), identities::LOOPBACK_REDIRECT_URI).unwrap();
                let identities::AuthorizationAnswer::Code { code: c, state, iss } = answer else { panic!("refused: {answer:?}") };
                assert_eq!(state.as_deref(), Some("certifier-sign-in"));
                assert_eq!(iss.as_deref(), metadata["issuer"].as_str(), "RFC 9207 iss");
                code = Some(c);
                break;
            }
            next = location.to_string();
            continue;
        }
        assert_eq!(response.status, 200, "a sign-in or consent page");
        let page = response.text().unwrap().to_string();
        let action = base.join(&form_action(&page)).unwrap();
        let form: Vec<(&str, &str)> =
            if page.contains("name=\"login\"") { vec![("prompt", "login"), ("login", "certifier-shopper-1"), ("password", "any")] } else { vec![("prompt", "consent")] };
        let submitted = probe.http.post(action.as_str()).header("cookie", jar.header(action.as_str())).form(&form).follow_redirects(false).send(&rec).await.unwrap();
        jar.keep(&submitted);
        assert!(matches!(submitted.status, 302 | 303), "the form answers with a redirect, not HTTP {}", submitted.status);
        next = base.join(submitted.header("location").unwrap()).unwrap().to_string();
    }
    let code = code.expect("the sign-in ends with a code at the redirect URI");
    let exchanged = probe
        .http
        .post(metadata["token_endpoint"].as_str().unwrap())
        .basic_auth(&client.client_id, &client.client_secret)
        .form(&[("grant_type", "authorization_code"), ("code", code.as_str()), ("redirect_uri", identities::LOOPBACK_REDIRECT_URI), ("code_verifier", verifier.as_str())])
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(exchanged.status, 200, "{}", exchanged.text().unwrap_or_default());
    let refresh_token = exchanged.json_value().unwrap()["refresh_token"].as_str().expect("a refresh token for offline_access").to_string();

    // The target file: the client's credentials and the identity whose refresh token it holds.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("target.toml");
    std::fs::write(
        &path,
        format!(
            "base_url = \"{base}\"\n[credentials.third-party-a]\nclient_id = \"{}\"\nclient_secret_env = \"OIDC_CLIENT_SECRET\"\n\n\
             [[identities]]\nname = \"persona-a\"\nkind = \"user\"\nclient = \"third-party-a\"\nrefresh_token_env = \"OIDC_PERSONA_A_REFRESH\"\n",
            client.client_id
        ),
    )
    .unwrap();
    let target = crate::target::TargetFile::load(&path).unwrap();
    let env = |var: &str| match var {
        "OIDC_PERSONA_A_REFRESH" => Some(refresh_token.clone()),
        _ => None,
    };
    let config: IdentityConfig = target.resolve_identities_with("target.toml", &env).unwrap();
    let mut ctx = context(&base);
    ctx.credentials.insert(
        "third-party-a".into(),
        crate::target::ResolvedCredential { client_id: client.client_id.clone(), client_secret: client.client_secret.clone() },
    );
    ctx.persons = Persons::new(config);
    assert!(matches!(ctx.persons.configured(), [ResolvedIdentity { name, .. }] if name == "persona-a"));

    // The runner turns it into an access token for that person.
    let person = ctx.person(&rec, PersonKind::User, "persona-a", "third-party-a").await.unwrap_or_else(|f| panic!("{}", f.message));
    assert_eq!(person.source, IdentitySource::CertifierOwned);
    assert!(person.destructive_refusal().is_some(), "a certifier-owned account is not disposable unless marked");
    let userinfo = metadata["userinfo_endpoint"].as_str().expect("an OpenID provider's UserInfo endpoint");
    let me = ctx.http.get(userinfo).bearer(&person.access_token).send(&rec).await.unwrap();
    assert_eq!(me.status, 200, "the access token is accepted");
    assert_eq!(me.json_value().unwrap()["sub"], "certifier-shopper-1", "the token acts for the person who signed in");
    // And the refresh token is redacted from what the runner recorded.
    let evidence = serde_json::to_string(&rec.take()).unwrap();
    assert!(!evidence.contains(&person.access_token), "the access token is redacted");
}
