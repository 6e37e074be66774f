//! Steps of `features/cloud-migration/`.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::export::{JsonlVerifier, Manifest, RecordLines};
use hutong_checks::paging;
use hutong_model::Finding;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

mod changes;
mod import;
mod object_storage;
mod ranges;
mod switching;

/// What the steps of `features/cloud-migration/` pass to later steps of the same scenario: one typed
/// field per value, set by the step that obtains it and read with [`crate::earlier!`].
#[derive(Debug, Default)]
pub struct State {
    /// `changed`, stored by an earlier step.
    pub changed: Option<serde_json::Value>,
    /// `digest_problems`, stored by an earlier step.
    pub digest_problems: Option<Vec<String>>,
    /// `id_map`, stored by an earlier step.
    pub id_map: Option<std::collections::BTreeMap<String, String>>,
    /// `import_problems`, stored by an earlier step.
    pub import_problems: Option<Vec<String>>,
    /// `incremental`, stored by an earlier step.
    pub incremental: Option<hutong_checks::export::Manifest>,
    /// `job_url`, stored by an earlier step.
    pub job_url: Option<serde_json::Value>,
    /// `manifest`, stored by an earlier step.
    pub manifest: Option<hutong_checks::export::Manifest>,
    /// `manifest_url`, stored by an earlier step.
    pub manifest_url: Option<serde_json::Value>,
    /// `record_problems`, stored by an earlier step.
    pub record_problems: Option<Vec<String>>,
    /// `resume`, stored by an earlier step.
    pub resume: Option<serde_json::Value>,
    /// `s3_copy`, stored by an earlier step.
    pub s3_copy: Option<serde_json::Value>,
    /// `s3_keys`, stored by an earlier step.
    pub s3_keys: Option<serde_json::Value>,
    /// `second`, stored by an earlier step.
    pub second: Option<hutong_checks::export::Manifest>,
    /// `stale`, stored by an earlier step.
    pub stale: Option<serde_json::Value>,
    /// `terms`, stored by an earlier step.
    pub terms: Option<serde_json::Value>,
}


/// Longest the harness waits for an export job to complete.
const EXPORT_DEADLINE: Duration = Duration::from_secs(120);
/// Most polls of one export job.
const MAX_POLLS: usize = 600;

#[when("the client creates an export job")]
async fn create_export(w: &mut PlatformWorld) {
    let url = w.endpoint("exports");
    let request = w.request(http::Method::POST, url.as_str()).json(&json!({})).label("create export");
    w.send(request).await;
}

#[then("the platform answers 202 with the job's Location")]
fn answered_202(w: &mut PlatformWorld) {
    let response = w.last();
    hutong_checks::expect_status(response, 202, "creating an export job (RFC 9110 §15.3.3)").or_raise();
    let location = response.header("location").unwrap_or_else(|| raise(Finding::fail("the 202 answer has no Location of the job")));
    let job = response.url.join(location).unwrap_or_else(|e| raise(Finding::fail(format!("Location is not a URL: {e}"))));
    w.cm.job_url = Some(json!(job.as_str()));
}

/// Polls a job until `complete`, honouring `Retry-After`; returns the manifest URL.
async fn poll_job(w: &mut PlatformWorld, job_url: &str) -> Result<String, Finding> {
    let started = Instant::now();
    for _ in 0..MAX_POLLS {
        let request = w.request(http::Method::GET, job_url).label("poll export job");
        let response = request.send(&w.rec).await.map_err(hutong_checks::transport)?;
        hutong_checks::expect_status(&response, 200, "polling the export job")?;
        let body = hutong_checks::json_body(&response, "the export job")?;
        match body.get("status").and_then(Value::as_str) {
            Some("complete") => {
                let manifest = body
                    .get("manifest_url")
                    .and_then(Value::as_str)
                    .ok_or_else(|| Finding::fail("the completed job links no manifest_url"))?;
                return response.url.join(manifest).map(|u| u.to_string()).map_err(|e| Finding::fail(format!("manifest_url is not a URL: {e}")));
            }
            Some("failed") => return Err(Finding::fail(format!("the export job failed{}", hutong_checks::body_hint(&response)))),
            Some(_) => {}
            None => return Err(Finding::fail("the export job has no `status`")),
        }
        let wait = response
            .header("retry-after")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .map(Duration::from_secs)
            .unwrap_or(Duration::from_millis(200))
            .clamp(Duration::from_millis(20), Duration::from_secs(5));
        if started.elapsed() + wait > EXPORT_DEADLINE {
            break;
        }
        tokio::time::sleep(wait).await;
    }
    Err(Finding::fail(format!(
        "the export job did not reach `complete` within {} s or {MAX_POLLS} polls (awaited: status \"complete\" at {job_url})",
        EXPORT_DEADLINE.as_secs()
    )))
}

#[when("the client polls the job until it completes")]
async fn poll(w: &mut PlatformWorld) {
    let job = earlier!(w.cm.job_url).as_str().unwrap_or_default().to_string();
    let manifest_url = poll_job(w, &job).await.or_raise();
    w.cm.manifest_url = Some(json!(manifest_url));
}

async fn fetch_manifest(w: &mut PlatformWorld, url: &str) -> Result<Manifest, Finding> {
    fetch_manifest_against(w, url, hutong_checks::export::MANIFEST_SCHEMA).await
}

/// The manifest at `url`, validated against the suite schema `schema` and parsed.
async fn fetch_manifest_against(w: &mut PlatformWorld, url: &str, schema: &str) -> Result<Manifest, Finding> {
    let response = w.request(http::Method::GET, url).label("manifest").send(&w.rec).await.map_err(hutong_checks::transport)?;
    hutong_checks::expect_status(&response, 200, "the export manifest")?;
    Manifest::parse_against(&hutong_checks::json_body(&response, "the export manifest")?, schema)
}

#[then(expr = "the job links a manifest that validates against {string}")]
async fn manifest_valid(w: &mut PlatformWorld, schema: String) {
    let url = earlier!(w.cm.manifest_url).as_str().unwrap_or_default().to_string();
    let manifest = fetch_manifest_against(w, &url, &schema).await.or_raise();
    // A manifest of nothing is valid against the schema but exports nothing (CM-01).
    let discovery = w.discovery();
    manifest.check_complete(&hutong_checks::export::collections_for_export(|c| discovery.declares_capability(c))).or_raise();
}

/// Creates an export with `body` and follows it to its manifest. Every problem is a `fail` of
/// the export protocol; callers that use it as a precondition turn it into an `error`.
async fn export_now(w: &mut PlatformWorld, body: &Value) -> Result<Manifest, Finding> {
    let url = w.endpoint("exports");
    let response = w.request(http::Method::POST, url.as_str()).json(body).label("create export").send(&w.rec).await.map_err(hutong_checks::transport)?;
    match (response.status, response.header("location")) {
        (202, Some(location)) => {
            let job = response.url.join(location).map_err(|e| Finding::fail(format!("bad job Location: {e}")))?;
            let manifest_url = poll_job(w, job.as_str()).await?;
            fetch_manifest(w, &manifest_url).await
        }
        (200, _) => response.json_value().map_err(|e| Finding::fail(e.to_string())).and_then(|v| Manifest::parse(&v)),
        (status, _) => Err(Finding::fail(format!("creating an export answered HTTP {status}"))),
    }
}

/// [`export_now`] as a precondition: what cannot be obtained is an `error`.
async fn export_precondition(w: &mut PlatformWorld, body: &Value) -> Manifest {
    export_now(w, body).await.unwrap_or_else(|f| raise(Finding::error(format!("precondition: no usable export manifest: {}", f.message))))
}

/// Downloads every file of `manifest` and parses its records, by entity (for comparisons; the
/// streaming verification of CM-02 does not keep records). Each file is cut at the size its
/// manifest declares, lines are parsed as they arrive, and the whole export kept is bounded by
/// [`MAX_COMPARED_EXPORT_BYTES`](hutong_checks::export::MAX_COMPARED_EXPORT_BYTES).
async fn export_records(w: &PlatformWorld, manifest: &Manifest) -> Result<std::collections::BTreeMap<String, Vec<Value>>, Finding> {
    manifest.check_comparable().map_err(Finding::error)?;
    let mut out = std::collections::BTreeMap::new();
    for entity in &manifest.entities {
        let mut records = Vec::new();
        for file in &entity.files {
            let mut lines = RecordLines::new(&file.name, file.bytes);
            let mut sink = |chunk: &[u8]| lines.feed(chunk, &mut records);
            let meta = w.request(http::Method::GET, &file.url).label(format!("download {}", file.name)).download(&w.rec, &mut sink).await;
            let meta = match meta {
                Ok(meta) => meta,
                Err(hutong_http::HttpError::Sink(e)) => return Err(Finding::error(e)),
                Err(e) => return Err(hutong_checks::transport(e)),
            };
            if meta.status != 200 {
                return Err(Finding::error(format!("downloading {} answered HTTP {}", file.name, meta.status)));
            }
            lines.finish(&mut records).map_err(Finding::error)?;
        }
        out.insert(entity.name.clone(), records);
    }
    Ok(out)
}

#[given("a completed export")]
async fn completed_export(w: &mut PlatformWorld) {
    // A precondition, read leniently: whether the job protocol itself conforms is CM-01's
    // business. What cannot be obtained here is an `error` for this scenario.
    let manifest = export_precondition(w, &json!({})).await;
    manifest.check_not_empty().map_err(|f| f.context("precondition")).or_raise();
    w.cm.manifest = Some(manifest);
}

fn manifest(w: &PlatformWorld) -> Manifest {
    earlier!(w.cm.manifest).clone()
}

#[when("the client downloads and verifies every file of the export")]
async fn download_all(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let allowed = w.ctx().discovery.allowed_origins(&w.ctx().base_url);
    let mut digest_problems = Vec::new();
    let mut record_problems = Vec::new();
    for entity in &manifest.entities {
        let mut verifier = JsonlVerifier::new(entity).or_raise();
        for file in &entity.files {
            let url = url::Url::parse(&file.url).unwrap_or_else(|e| raise(Finding::fail(format!("file {} has no valid URL: {e}", file.name))));
            if !allowed.iter().any(|o| o.origin() == url.origin()) {
                raise(Finding::fail(format!("file {} is served from {}, outside the platform's origins", file.name, url.origin().ascii_serialization())));
            }
            let request = w.request(http::Method::GET, url.as_str()).label(format!("download {}", file.name));
            // The manifest declares the size: a file that goes on past it is cut there, so an
            // endless file ends and memory stays bounded.
            let (declared, mut received) = (file.bytes, 0u64);
            let mut sink = |chunk: &[u8]| {
                received = received.saturating_add(chunk.len() as u64);
                if received > declared {
                    return Err(format!("more than the {declared} bytes the manifest declares"));
                }
                verifier.feed(chunk)
            };
            let meta = request.download(&w.rec, &mut sink).await;
            let meta = match meta {
                Ok(m) => m,
                Err(hutong_http::HttpError::Sink(e)) => {
                    record_problems.push(format!("{}: {e}", file.name));
                    continue;
                }
                Err(e) => raise(hutong_checks::transport(e)),
            };
            if meta.status != 200 {
                digest_problems.push(format!("{}: download answered HTTP {}", file.name, meta.status));
                continue;
            }
            if meta.bytes != file.bytes {
                digest_problems.push(format!("{}: {} bytes, the manifest says {}", file.name, meta.bytes, file.bytes));
            }
            if meta.sha256_hex != file.sha256 {
                digest_problems.push(format!("{}: SHA-256 {}, the manifest says {}", file.name, meta.sha256_hex, file.sha256));
            }
        }
        match verifier.finish() {
            Ok(records) if records != entity.record_count => {
                record_problems.push(format!("entity {}: {records} records in its files, record_count says {}", entity.name, entity.record_count))
            }
            Ok(_) => {}
            Err(f) => record_problems.push(f.message),
        }
    }
    w.cm.digest_problems = Some(digest_problems);
    w.cm.record_problems = Some(record_problems);
}

fn raise_list(list: &Option<Vec<String>>, what: &str) {
    let Some(list) = list else { raise(Finding::error(format!("no list to judge ({what}): an earlier step did not run"))) };
    if !list.is_empty() {
        raise(Finding::fail(format!("{what}: {}", list.join("; "))));
    }
}

#[then("every file's size and SHA-256 match the manifest")]
fn digests_match(w: &mut PlatformWorld) {
    raise_list(&w.cm.digest_problems, "exported files do not match the manifest");
}

#[then("every record validates against its entity's schema, with unique IDs")]
fn records_valid(w: &mut PlatformWorld) {
    raise_list(&w.cm.record_problems, "exported records are not valid");
}

#[then("each entity's record count equals what the live API lists")]
async fn counts_match_live(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let ctx = w.ctx();
    let mut problems = Vec::new();
    for entity in &manifest.entities {
        let list_url = match entity.list_url.clone().or_else(|| ctx.discovery.endpoints.get(&entity.name).cloned()) {
            Some(u) => u,
            None => {
                problems.push(format!("entity {} names no list_url and discovery has no `{}` endpoint to count it", entity.name, entity.name));
                continue;
            }
        };
        let pages = paging::walk(&ctx.http, &w.rec, &list_url, w.token.as_deref(), &[], &format!("count {}", entity.name)).await.or_raise();
        if let Some(bad) = pages.iter().find(|p| p.status != 200) {
            raise(Finding::fail(format!("listing {} answered HTTP {}", entity.name, bad.status)));
        }
        let live = paging::items(&pages).len() as u64;
        if live != entity.record_count {
            problems.push(format!("entity {}: the export holds {} records, the live API lists {live}", entity.name, entity.record_count));
        }
    }
    if !problems.is_empty() {
        raise(Finding::fail(problems.join("; ")));
    }
}
