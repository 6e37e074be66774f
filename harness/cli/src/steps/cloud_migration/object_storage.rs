//! CM-13: object storage migrates through the S3 API. Conditional on declaration: a platform
//! whose discovery declares `capabilities.object_storage` = `{"api": "s3", "bucket_url":
//! "http(s)://host[:port]/bucket"}`, with
//! S3 keys in the target file as the credentials of role `object-storage` (client_id = access
//! key, client secret = secret key), has that bucket copied to a new bucket on the same
//! service and verified object by object.

use crate::runner::world::{raise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::s3::{migrate_bucket, verify_buckets, S3Client, S3Endpoint};
use hutong_model::Finding;
use serde_json::json;

/// Objects copied or compared at a time.
const CONCURRENCY: usize = 4;
/// Role whose pre-issued credentials are the S3 keys.
const ROLE: &str = "object-storage";

fn client(w: &PlatformWorld) -> (S3Client, String) {
    let ctx = w.ctx();
    let url = declared_bucket(w).unwrap_or_else(|| raise(Finding::error("precondition: no object storage declared")));
    let url = url::Url::parse(&url).unwrap_or_else(|e| raise(Finding::fail(format!("capabilities.object_storage.bucket_url is not a URL: {e}"))));
    let bucket = url.path().trim_matches('/').to_string();
    if bucket.is_empty() || bucket.contains('/') {
        raise(Finding::fail(format!("the object_storage endpoint {url} names no single bucket (http(s)://host/bucket)")));
    }
    let credential = ctx.credentials.get(ROLE).unwrap_or_else(|| {
        raise(Finding::error(format!("precondition: the target file gives no `{ROLE}` credentials (S3 access key and secret) for the declared object storage")))
    });
    let mut endpoint = url.clone();
    endpoint.set_path("/");
    let endpoint = S3Endpoint {
        endpoint,
        access_key: credential.client_id.clone(),
        secret_key: credential.client_secret.clone(),
        region: std::env::var("HUTONG_S3_REGION").unwrap_or_else(|_| "us-east-1".to_string()),
    };
    (S3Client::new(ctx.http.clone(), endpoint, w.rec.clone()), bucket)
}

/// The declared S3 bucket URL, if any.
fn declared_bucket(w: &PlatformWorld) -> Option<String> {
    let capabilities = w.ctx().discovery.capabilities.clone();
    let storage = capabilities.get("object_storage")?;
    if storage.get("api").and_then(serde_json::Value::as_str) != Some("s3") {
        return None;
    }
    storage.get("bucket_url").and_then(serde_json::Value::as_str).map(str::to_string)
}

#[given("the platform declares object storage")]
fn declares_object_storage(w: &mut PlatformWorld) {
    if declared_bucket(w).is_none() {
        raise(Finding::not_applicable("not tested: the platform declares no S3 object storage (discovery capabilities.object_storage)"));
    }
}

#[when("the client copies the declared bucket to a new bucket through the S3 API")]
async fn copy_bucket(w: &mut PlatformWorld) {
    let (s3, bucket) = client(w);
    let target = format!("{bucket}-hutong-{}", w.ctx().seed % 1_000_000_000);
    if let Err(f) = s3.create_bucket(&target).await {
        raise(Finding::fail(format!("creating the destination bucket {target}: {}", f.message)));
    }
    match migrate_bucket(&s3, &bucket, &s3, &target, CONCURRENCY).await {
        Ok(stats) => w.scratch.insert("s3_copy", json!({ "from": bucket, "to": target, "stats": stats })),
        Err(f) => raise(f),
    };
}

#[then("the copy matches the source object by object")]
async fn copy_matches(w: &mut PlatformWorld) {
    let (s3, _) = client(w);
    let copy = w.scratch("s3_copy").clone();
    let (from, to) = (copy["from"].as_str().unwrap_or_default(), copy["to"].as_str().unwrap_or_default());
    let diff = verify_buckets(&s3, from, &s3, to, CONCURRENCY).await.unwrap_or_else(|f| raise(f));
    if !diff.is_clean() {
        let keys = |v: &[String]| v.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        let altered: Vec<String> = diff.altered.iter().take(5).map(|(k, why)| format!("{k} ({why})")).collect();
        raise(Finding::fail(format!(
            "bucket {to} copied from {from} through the S3 API differs: {} missing [{}], {} extra [{}], {} altered [{}]",
            diff.missing.len(),
            keys(&diff.missing),
            diff.extra.len(),
            keys(&diff.extra),
            diff.altered.len(),
            altered.join("; ")
        )));
    }
}
