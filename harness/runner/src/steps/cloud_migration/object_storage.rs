//! CM-13: object storage migrates through the S3 API. Conditional on `object_storage`: a platform
//! whose discovery declares `capabilities.object_storage` (`api` = `s3`, the path-style
//! `bucket_url` of one bucket, optionally `region` and `credentials_endpoint`) has that bucket
//! copied to a new bucket on the same service, verified object by object, and the copy removed.
//!
//! S3 keys come from the target file (credentials of role `object-storage`: client ID = access
//! key, client secret = secret key) or, self-service, from the declared `credentials_endpoint`,
//! which issues a key pair to the harness's OAuth client.

use super::precondition;
use crate::runner::world::{check_on_platform, raise, OrRaise as _, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::s3::{migrate_bucket, parse_bucket_url, verify_buckets, Addressing, S3Client, S3Endpoint};
use hutong_model::{joined, msg, Finding};
use serde_json::{json, Value};

/// Objects copied or compared at a time.
const CONCURRENCY: usize = 4;
/// Role whose pre-issued credentials are the S3 keys.
const ROLE: &str = "object-storage";
/// Role whose OAuth token asks the credentials endpoint for S3 keys.
const OAUTH_ROLE: &str = "third-party-a";

/// The declared object storage: `(S3 endpoint, bucket, region, credentials endpoint)`.
struct Declared {
    endpoint: url::Url,
    bucket: String,
    region: String,
    credentials_endpoint: Option<String>,
}

/// The declared S3 object storage. CM-13 runs only when `capabilities.object_storage` is
/// declared (its registry `conditional_on`); a declaration that cannot be used is a `fail`.
fn declared(w: &PlatformWorld) -> Declared {
    let capabilities = w.ctx().discovery.capabilities.clone();
    let storage = capabilities
        .get("object_storage")
        .unwrap_or_else(|| raise(Finding::error(msg!("steps-cm-object-storage-not-declared"))));
    let api = storage.get("api").and_then(Value::as_str).unwrap_or_default();
    if api != "s3" {
        raise(Finding::fail(msg!("steps-cm-object-storage-not-s3", api = format!("{:?}", hutong_model::sanitize_line(api, 40)))));
    }
    let raw = storage.get("bucket_url").and_then(Value::as_str).unwrap_or_else(|| raise(Finding::fail(msg!("steps-cm-object-storage-no-bucket-url"))));
    let (endpoint, bucket) = parse_bucket_url(raw).unwrap_or_else(|e| raise(Finding::fail(msg!("steps-cm-object-storage-bad-bucket-url", error = e))));
    let region = storage
        .get("region")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| std::env::var("HUTONG_S3_REGION").ok())
        .unwrap_or_else(|| "us-east-1".to_string());
    let credentials_endpoint = storage.get("credentials_endpoint").and_then(Value::as_str).map(str::to_string);
    Declared { endpoint, bucket, region, credentials_endpoint }
}

/// S3 keys issued by the platform's credentials endpoint to the harness's OAuth client.
async fn issued_keys(w: &mut PlatformWorld, raw: &str) -> (String, String) {
    let url = url::Url::parse(raw).unwrap_or_else(|e| raise(Finding::fail(msg!("steps-cm-object-storage-credentials-endpoint-not-url", error = e.to_string()))));
    check_on_platform(&w.ctx(), &url, msg!("steps-cm-object-storage-credentials-endpoint")).or_raise();
    w.authenticate(OAUTH_ROLE).await;
    let response = w.request(http::Method::POST, url.as_str()).label("issue object-storage keys").send(&w.rec).await.or_raise();
    hutong_checks::expect_status(&response, 200, msg!("steps-cm-object-storage-credentials-endpoint")).or_raise();
    let body = hutong_checks::json_body(&response, msg!("steps-cm-object-storage-credentials")).or_raise();
    let field = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| raise(Finding::fail(msg!("steps-cm-object-storage-credentials-missing", member = name))))
    };
    let (access, secret) = (field("access_key_id"), field("secret_access_key"));
    w.ctx().http.redactor().insert_secret(&secret);
    (access, secret)
}

/// A signing client for the declared storage, with the keys of the target file or, failing
/// those, keys issued by the platform; kept for the later steps of the scenario.
async fn client(w: &mut PlatformWorld) -> (S3Client, String) {
    let declared = declared(w);
    let ctx = w.ctx();
    let (access_key, secret_key) = if let Some(keys) = w.cm.s3_keys.as_ref() {
        (keys[0].as_str().unwrap_or_default().to_string(), keys[1].as_str().unwrap_or_default().to_string())
    } else {
        let keys = match (ctx.credentials.get(ROLE), &declared.credentials_endpoint) {
            (Some(c), _) => (c.client_id.clone(), c.client_secret.clone()),
            (None, Some(endpoint)) => issued_keys(w, endpoint).await,
            (None, None) => raise(precondition(msg!("steps-cm-object-storage-no-keys", role = ROLE))),
        };
        w.cm.s3_keys = Some(json!([keys.0, keys.1]));
        keys
    };
    let endpoint = S3Endpoint { endpoint: declared.endpoint, access_key, secret_key, region: declared.region, addressing: Addressing::Path };
    (S3Client::new(ctx.http.clone(), endpoint, w.rec.clone()), declared.bucket)
}

#[given("the platform declares object storage")]
fn declares_object_storage(w: &mut PlatformWorld) {
    declared(w);
}

#[when("the client copies the declared bucket to a new bucket through the S3 API")]
async fn copy_bucket(w: &mut PlatformWorld) {
    let (s3, bucket) = client(w).await;
    let target = format!("{bucket}-{}", &w.ctx().persona.probe_id("bucket-copy")[..12]);
    if let Err(f) = s3.create_bucket(&target).await {
        // A refusal of the harness's own signature stays an `error` (see s3::AUTH_ERROR_CODES).
        raise(f.context(msg!("steps-cm-object-storage-creating-bucket", bucket = &target)));
    }
    match migrate_bucket(&s3, &bucket, &s3, &target, CONCURRENCY).await {
        Ok(stats) => w.cm.s3_copy = Some(json!({ "from": bucket, "to": target, "stats": stats })),
        Err(f) => {
            remove_copy(&s3, &target).await;
            raise(f)
        }
    }
}

/// Removes the harness's copy from the platform, best effort: whether deleting works is not
/// what CM-13 judges, and the exchanges stay in the evidence.
async fn remove_copy(s3: &S3Client, bucket: &str) {
    let _ = s3.remove_bucket(bucket).await;
}

#[then("the copy matches the source object by object")]
async fn copy_matches(w: &mut PlatformWorld) {
    let (s3, _) = client(w).await;
    let copy = earlier!(w.cm.s3_copy).clone();
    let (from, to) = (copy["from"].as_str().unwrap_or_default(), copy["to"].as_str().unwrap_or_default());
    let verified = verify_buckets(&s3, from, &s3, to, CONCURRENCY).await;
    remove_copy(&s3, to).await;
    let diff = verified.unwrap_or_else(|f| raise(f));
    if !diff.is_clean() {
        let keys = |v: &[String]| v.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        let altered = joined(diff.altered.iter().take(5).map(|(k, why)| msg!("steps-cm-object-storage-altered-object", key = k, reason = why.message().clone())));
        raise(Finding::fail(msg!(
            "steps-cm-object-storage-copy-differs",
            bucket = to,
            source = from,
            missing = diff.missing.len(),
            missing_keys = keys(&diff.missing),
            extra = diff.extra.len(),
            extra_keys = keys(&diff.extra),
            altered = diff.altered.len(),
            altered_objects = altered.unwrap_or_else(|| hutong_model::Message::verbatim(""))
        )));
    }
}
