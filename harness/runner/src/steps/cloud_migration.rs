//! Steps of `features/cloud-migration/`.

use crate::records::Spool;
use crate::runner::world::{check_on_platform, raise, OrRaise, PlatformWorld, RunContext};
use cucumber::{given, then, when};
use hutong_checks::export::{Entity, JsonlVerifier, Manifest, RecordLines};
use hutong_checks::fidelity::{record_difference, record_id, SampleSpec};
use hutong_checks::migration::FirstFew;
use hutong_checks::paging;
use hutong_model::{joined, msg, Finding, Message};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

mod changes;
mod destination;
mod import;
mod object_storage;
mod partner;
mod ranges;
mod switching;

/// What the steps of `features/cloud-migration/` pass to later steps of the same scenario: one typed
/// field per value, set by the step that obtains it and read with [`crate::earlier!`].
#[derive(Debug, Default)]
pub struct State {
    /// `changed`, stored by an earlier step.
    pub changed: Option<serde_json::Value>,
    /// `digest_problems`, stored by an earlier step.
    pub digest_problems: Option<Vec<Message>>,
    /// `id_map`, stored by an earlier step.
    pub id_map: Option<std::collections::BTreeMap<String, String>>,
    /// `import_problems`, stored by an earlier step.
    pub import_problems: Option<Vec<Message>>,
    /// `incremental`, stored by an earlier step.
    pub incremental: Option<hutong_checks::export::Manifest>,
    /// `job_url`, stored by an earlier step.
    pub job_url: Option<serde_json::Value>,
    /// `manifest`, stored by an earlier step.
    pub manifest: Option<hutong_checks::export::Manifest>,
    /// `manifest_url`, stored by an earlier step.
    pub manifest_url: Option<serde_json::Value>,
    /// `record_problems`, stored by an earlier step.
    pub record_problems: Option<Vec<Message>>,
    /// The seeded sample of exported records per entity that CM-02 compares with the live API.
    pub sample: Option<serde_json::Map<String, serde_json::Value>>,
    /// What the live API serves for each exported record, read before the import (CM-07's
    /// source of truth): per entity, lines `[position in the export, record]`, on disk.
    pub sources: Option<Spool>,
    /// Items the live API lists per exported entity.
    pub live_counts: Option<serde_json::Map<String, serde_json::Value>>,
    /// Entities whose live listing could not be read or counted.
    pub count_problems: Option<Vec<Message>>,
    /// Exported records that differ from what the live API serves.
    pub value_problems: Option<Vec<Message>>,
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
    /// The formats register the switching terms link, fetched without credentials (CM-16).
    pub register: Option<serde_json::Value>,
    /// The switching-procedure page the switching terms link (CM-19).
    pub procedure_url: Option<url::Url>,
    /// The platform and its migration partner (CM-21).
    pub partner: Option<crate::runner::world::MigrationPair>,
    /// Each direction of CM-21's migration with `migrate-check`'s summary of it.
    pub partner_migrations: Option<Vec<(Message, serde_json::Value)>>,
    /// The destination provider's token acting for the test customer (CM-20).
    pub destination_token: Option<String>,
    /// The customer's own client's token acting for the same customer (CM-20).
    pub own_token: Option<String>,
    /// The destination provider's export: its records by entity on disk, or what went wrong
    /// (CM-20).
    pub destination_export: Option<Result<Spool, Finding>>,
    /// The customer's own export's records by entity, on disk (CM-20).
    pub own_export: Option<Spool>,
    /// The test record the harness created to delete during an export (CM-14): `entity`, `id`,
    /// `delete_url`.
    pub deleted: Option<serde_json::Value>,
}


/// What a precondition of a step could not obtain: an `error` (`precondition: detail`).
pub(crate) fn precondition(detail: Message) -> Finding {
    Finding::error(msg!("steps-cloud-migration-precondition", detail = detail))
}

/// The context of a finding met obtaining a precondition ([`Finding::context`]).
pub(crate) fn precondition_context() -> Message {
    msg!("steps-cloud-migration-precondition-context")
}

/// A program's own error text (a parser's, a transport's): shown as it is in every language.
pub(crate) fn error_text(e: impl std::fmt::Display) -> Message {
    Message::verbatim(e.to_string())
}

pub(crate) use hutong_model::comma_listed;

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
    hutong_checks::expect_status(response, 202, msg!("steps-cloud-migration-creating-export-job")).or_raise();
    let location = response.header("location").unwrap_or_else(|| raise(Finding::fail(msg!("steps-cloud-migration-no-job-location"))));
    let job = response.url.join(location).unwrap_or_else(|e| raise(Finding::fail(msg!("steps-cloud-migration-location-not-url", error = e.to_string()))));
    w.cm.job_url = Some(json!(job.as_str()));
}

/// Polls a job until `complete`, honouring `Retry-After`; returns the manifest URL.
pub(crate) async fn poll_job(w: &mut PlatformWorld, job_url: &str) -> Result<String, Finding> {
    let started = Instant::now();
    for _ in 0..MAX_POLLS {
        let request = w.request(http::Method::GET, job_url).label("poll export job");
        let response = request.send(&w.rec).await.map_err(hutong_checks::transport)?;
        hutong_checks::expect_status(&response, 200, msg!("steps-cloud-migration-polling-export-job"))?;
        let body = hutong_checks::json_body(&response, msg!("steps-cloud-migration-the-export-job"))?;
        match body.get("status").and_then(Value::as_str) {
            Some("complete") => {
                let manifest = body
                    .get("manifest_url")
                    .and_then(Value::as_str)
                    .ok_or_else(|| Finding::fail(msg!("steps-cloud-migration-job-no-manifest-url")))?;
                return response
                    .url
                    .join(manifest)
                    .map(|u| u.to_string())
                    .map_err(|e| Finding::fail(msg!("steps-cloud-migration-manifest-url-not-url", error = e.to_string())));
            }
            Some("failed") => return Err(Finding::fail(msg!("steps-cloud-migration-job-failed", hint = hutong_checks::body_hint(&response)))),
            Some(_) => {}
            None => return Err(Finding::fail(msg!("steps-cloud-migration-job-no-status"))),
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
    Err(Finding::fail(msg!("steps-cloud-migration-job-not-complete", seconds = EXPORT_DEADLINE.as_secs(), polls = MAX_POLLS, url = job_url)))
}

#[when("the client polls the job until it completes")]
async fn poll(w: &mut PlatformWorld) {
    let job = earlier!(w.cm.job_url).as_str().unwrap_or_default().to_string();
    let manifest_url = poll_job(w, &job).await.or_raise();
    w.cm.manifest_url = Some(json!(manifest_url));
}

pub(crate) async fn fetch_manifest(w: &mut PlatformWorld, url: &str) -> Result<Manifest, Finding> {
    fetch_manifest_against(w, url, hutong_checks::export::MANIFEST_SCHEMA).await
}

/// The manifest at `url`, validated against the suite schema `schema` and parsed.
async fn fetch_manifest_against(w: &mut PlatformWorld, url: &str, schema: &str) -> Result<Manifest, Finding> {
    let response = w.request(http::Method::GET, url).label("manifest").send(&w.rec).await.map_err(hutong_checks::transport)?;
    hutong_checks::expect_status(&response, 200, msg!("steps-cloud-migration-the-manifest"))?;
    Manifest::parse_against(&hutong_checks::json_body(&response, msg!("steps-cloud-migration-the-manifest"))?, schema)
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
            let job = response.url.join(location).map_err(|e| Finding::fail(msg!("steps-cloud-migration-bad-job-location", error = e.to_string())))?;
            let manifest_url = poll_job(w, job.as_str()).await?;
            fetch_manifest(w, &manifest_url).await
        }
        (200, _) => response.json_value().map_err(|e| Finding::fail(error_text(e))).and_then(|v| Manifest::parse(&v)),
        (status, _) => Err(Finding::fail(msg!("steps-cloud-migration-create-export-status", status = status))),
    }
}

/// [`export_now`] as a precondition: what cannot be obtained is an `error`.
async fn export_precondition(w: &mut PlatformWorld, body: &Value) -> Manifest {
    export_now(w, body).await.unwrap_or_else(|f| raise(precondition(msg!("steps-cloud-migration-no-usable-manifest", detail = f.text))))
}

/// Bytes of records a comparison of these steps holds in memory per side before it sorts them
/// and writes them to disk as a run ([`crate::records`]): with the merge's readers, a comparison
/// of exports of any size holds a few of these, never an export.
pub(crate) const RUN_BUDGET: usize = 16 * 1024 * 1024;

/// Where exports are spooled and records sorted: the system's temporary directory (each step
/// makes its own directory there and removes it).
pub(crate) fn work_dir() -> PathBuf {
    std::env::temp_dir()
}

/// A fresh directory for the runs of one comparison, removed when dropped.
pub(crate) fn compare_dir() -> Result<tempfile::TempDir, Finding> {
    tempfile::Builder::new().prefix("hutong-compare-").tempdir_in(work_dir()).map_err(on_disk)
}

/// What the disk refused while exports were spooled or compared: the harness cannot decide.
pub(crate) fn on_disk(e: std::io::Error) -> Finding {
    Finding::error(msg!("steps-cloud-migration-on-disk", dir = work_dir().display().to_string(), error = e.to_string()))
}

/// Downloads every file of `manifest` and hands each record to `each` with its entity's name as
/// the lines arrive (the streaming verification of CM-02 has its own reader). Each file is cut
/// at the size its manifest declares and memory holds one chunk and one line
/// ([`RecordLines`]), so that exports of any size are read. A problem is an `error`: these
/// reads are preconditions of a comparison; what `each` refuses is returned as it is.
pub(crate) async fn for_each_record(
    w: &PlatformWorld,
    manifest: &Manifest,
    each: &mut (dyn FnMut(&str, Value) -> Result<(), Finding> + Send),
) -> Result<(), Finding> {
    for entity in &manifest.entities {
        for file in &entity.files {
            let mut lines = RecordLines::new(&file.name, file.bytes);
            let mut parsed = Vec::new();
            // What `each` refused, kept whole (the download's sink can only stop with text).
            let mut refused: Option<Finding> = None;
            let mut sink = |chunk: &[u8]| {
                lines.feed(chunk, &mut parsed)?;
                parsed.drain(..).try_for_each(|r| each(&entity.name, r)).map_err(|f| {
                    let text = f.message.clone();
                    refused = Some(f);
                    text
                })
            };
            let meta = w.request(http::Method::GET, &file.url).label(format!("download {}", file.name)).download(&w.rec, &mut sink).await;
            let meta = match meta {
                Ok(meta) => meta,
                Err(hutong_http::HttpError::Sink(e)) => {
                    return Err(refused.unwrap_or_else(|| Finding::error(lines.problem().cloned().unwrap_or_else(|| Message::verbatim(e)))))
                }
                Err(e) => return Err(hutong_checks::transport(e)),
            };
            if meta.status != 200 {
                return Err(Finding::error(msg!("steps-cloud-migration-download-status", file = &file.name, status = meta.status)));
            }
            lines.finish(&mut parsed).map_err(Finding::error)?;
            parsed.drain(..).try_for_each(|r| each(&entity.name, r))?;
        }
    }
    Ok(())
}

/// The records of `manifest` that `keep` keeps, asked in the order of the files, by entity
/// (every entity of the manifest is listed): for a step that judges a few records it knows,
/// memory holds those alone.
pub(crate) async fn export_records_where(
    w: &PlatformWorld,
    manifest: &Manifest,
    keep: &mut (dyn FnMut(&str, &Value) -> bool + Send),
) -> Result<BTreeMap<String, Vec<Value>>, Finding> {
    let mut out: BTreeMap<String, Vec<Value>> = manifest.entities.iter().map(|e| (e.name.clone(), Vec::new())).collect();
    for_each_record(w, manifest, &mut |entity, record| {
        if keep(entity, &record) {
            out.entry(entity.to_string()).or_default().push(record);
        }
        Ok(())
    })
    .await?;
    Ok(out)
}

/// Every record of `manifest`, spooled to disk by entity in the order of its files (every
/// entity of the manifest is listed): for the steps that import an export or compare it whole.
pub(crate) async fn spool_export(w: &PlatformWorld, manifest: &Manifest) -> Result<Spool, Finding> {
    let mut spool = Spool::new(&work_dir()).map_err(on_disk)?;
    for entity in &manifest.entities {
        spool.declare(&entity.name).map_err(on_disk)?;
    }
    for_each_record(w, manifest, &mut |entity, record| spool.append(entity, &record).map_err(on_disk)).await?;
    spool.close().map_err(on_disk)?;
    Ok(spool)
}

#[given("a completed export")]
async fn completed_export(w: &mut PlatformWorld) {
    // A precondition, read leniently: whether the job protocol itself conforms is CM-01's
    // business. What cannot be obtained here is an `error` for this scenario.
    let manifest = export_precondition(w, &json!({})).await;
    manifest.check_not_empty().map_err(|f| f.context(precondition_context())).or_raise();
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
    let mut samples = serde_json::Map::new();
    let include = created_records(&w.ctx());
    for entity in &manifest.entities {
        let spec = SampleSpec::new(w.ctx().seed, include.clone());
        let mut verifier = JsonlVerifier::sampling(entity, spec).or_raise();
        for file in &entity.files {
            let url = url::Url::parse(&file.url)
                .unwrap_or_else(|e| raise(Finding::fail(msg!("steps-cloud-migration-file-url-invalid", file = &file.name, error = e.to_string()))));
            if !allowed.iter().any(|o| o.origin() == url.origin()) {
                raise(Finding::fail(msg!("steps-cloud-migration-file-foreign-origin", file = &file.name, origin = url.origin().ascii_serialization())));
            }
            let request = w.request(http::Method::GET, url.as_str()).label(format!("download {}", file.name));
            // The manifest declares the size: a file that goes on past it is cut there, so an
            // endless file ends and memory stays bounded.
            let (declared, mut received) = (file.bytes, 0u64);
            // The file went on past its declared size (kept as a message; the sink stops with text).
            let mut too_long = None;
            let mut sink = |chunk: &[u8]| {
                received = received.saturating_add(chunk.len() as u64);
                if received > declared {
                    let m = msg!("steps-cloud-migration-file-too-long", declared = declared);
                    let text = m.en();
                    too_long = Some(m);
                    return Err(text);
                }
                verifier.feed(chunk)
            };
            let meta = request.download(&w.rec, &mut sink).await;
            let meta = match meta {
                Ok(m) => m,
                Err(hutong_http::HttpError::Sink(e)) => {
                    let detail = too_long.or_else(|| verifier.problem().cloned()).unwrap_or_else(|| Message::verbatim(e));
                    record_problems.push(msg!("steps-cloud-migration-file-problem", file = &file.name, detail = detail));
                    continue;
                }
                Err(e) => raise(hutong_checks::transport(e)),
            };
            if meta.status != 200 {
                digest_problems.push(msg!("steps-cloud-migration-file-download-status", file = &file.name, status = meta.status));
                continue;
            }
            if meta.bytes != file.bytes {
                digest_problems.push(msg!("steps-cloud-migration-file-size", file = &file.name, bytes = meta.bytes, declared = file.bytes));
            }
            if meta.sha256_hex != file.sha256 {
                digest_problems.push(msg!("steps-cloud-migration-file-sha256", file = &file.name, sha256 = &meta.sha256_hex, declared = &file.sha256));
            }
        }
        match verifier.finish_with_sample() {
            Ok((records, sample)) => {
                if records != entity.record_count {
                    record_problems.push(msg!(
                        "steps-cloud-migration-record-count",
                        entity = &entity.name,
                        records = records,
                        record_count = entity.record_count
                    ));
                }
                samples.insert(entity.name.clone(), Value::Array(sample));
            }
            Err(f) => record_problems.push(f.text),
        }
    }
    w.cm.digest_problems = Some(digest_problems);
    w.cm.record_problems = Some(record_problems);
    w.cm.sample = Some(samples);
}

/// IDs of the records the harness created so far in this run.
pub(crate) fn created_records(ctx: &RunContext) -> HashSet<String> {
    ctx.created.lock().map(|set| set.iter().cloned().collect()).unwrap_or_default()
}

/// Notes records the harness created (CM-02 compares each of them, OPIS §16).
pub(crate) fn note_created(ctx: &RunContext, ids: impl IntoIterator<Item = String>) {
    if let Ok(mut set) = ctx.created.lock() {
        set.extend(ids);
    }
}

/// The live listing of an exported entity (OPIS §16): the discovery endpoint of the same name
/// when discovery declares one (the manifest cannot point elsewhere), else the entity's
/// `list_url`, which must be on the platform's origins.
pub(crate) fn live_list_url(ctx: &RunContext, entity: &Entity) -> Result<String, Finding> {
    if let Some(url) = ctx.discovery.endpoints.get(&entity.name) {
        return Ok(url.clone());
    }
    let raw = entity.list_url.clone().ok_or_else(|| Finding::fail(msg!("steps-cloud-migration-no-list-url", entity = &entity.name)))?;
    let url = url::Url::parse(&raw).map_err(|e| Finding::fail(msg!("steps-cloud-migration-list-url-not-url", entity = &entity.name, error = e.to_string())))?;
    check_on_platform(ctx, &url, msg!("steps-cloud-migration-list-url-of", entity = &entity.name))?;
    Ok(raw)
}

/// Walks the live listing of `entity` at `url` page by page, handing each item to `each` in the
/// order listed (memory: one page). A page other than `200` is a `fail`.
pub(crate) async fn walk_live(
    w: &PlatformWorld,
    entity: &str,
    url: &str,
    mut each: impl FnMut(&Value) -> Result<(), Finding>,
) -> Result<(), Finding> {
    let ctx = w.ctx();
    paging::walk_each(&ctx.http, &w.rec, url, w.token.as_deref(), &[], &format!("read {entity} through the live API"), |page| {
        if page.status != 200 {
            return Err(Finding::fail(msg!("steps-cloud-migration-listing-status", entity = entity, status = page.status)));
        }
        page.body.get("items").and_then(Value::as_array).into_iter().flatten().try_for_each(&mut each)
    })
    .await
}

/// [`walk_live`]: the number of items listed, and the items whose `id` is in `wanted` (memory:
/// one page and the wanted items).
pub(crate) async fn read_live(
    w: &PlatformWorld,
    entity: &str,
    url: &str,
    wanted: &HashSet<String>,
) -> Result<(u64, HashMap<String, Value>), Finding> {
    let (mut count, mut found) = (0u64, HashMap::new());
    walk_live(w, entity, url, |item| {
        count += 1;
        if let Some(id) = record_id(item).filter(|id| wanted.contains(id)) {
            found.insert(id, item.clone());
        }
        Ok(())
    })
    .await?;
    Ok((count, found))
}

/// [`walk_live`] into sorted runs under `dir`: every listed item with an `id`, keyed by it, in
/// the order listed (memory: one page and [`RUN_BUDGET`]).
pub(crate) async fn sort_live(w: &PlatformWorld, entity: &str, url: &str, dir: &std::path::Path) -> Result<crate::records::SortedRecords, Finding> {
    let mut live = crate::records::SortedRecords::new(dir, "live", RUN_BUDGET);
    let mut listed = 0u64;
    walk_live(w, entity, url, |item| {
        listed += 1;
        match record_id(item) {
            Some(id) => live.push(entity, &id, listed, &id, Some(item)).map_err(on_disk),
            None => Ok(()),
        }
    })
    .await?;
    Ok(live)
}

/// At most this many differing records are named in a finding.
pub(crate) const NAMED_DIFFERENCES: usize = 5;

/// Names the first differences of a list, with the count of the rest.
pub(crate) fn name_some(problems: &[Message]) -> Message {
    name_counted(problems.iter().take(NAMED_DIFFERENCES), problems.len())
}

/// [`name_some`] of the differences a comparison kept the first of ([`FirstFew`] of at least
/// [`NAMED_DIFFERENCES`]): the same text, whatever the number found.
pub(crate) fn name_first<K: Ord>(problems: &FirstFew<K, Message>) -> Message {
    name_counted(problems.items().take(NAMED_DIFFERENCES), problems.total())
}

fn name_counted<'a>(first: impl Iterator<Item = &'a Message>, total: usize) -> Message {
    let more = (total > NAMED_DIFFERENCES).then(|| msg!("steps-cloud-migration-and-more", count = total - NAMED_DIFFERENCES));
    joined(first.cloned().chain(more)).unwrap_or_else(|| Message::verbatim(""))
}

#[when("the client reads every exported entity through the live API")]
async fn read_entities_live(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let ctx = w.ctx();
    let volatile = ctx.discovery.volatile_fields();
    let samples = earlier!(w.cm.sample).clone();
    let (mut counts, mut count_problems, mut value_problems) = (serde_json::Map::new(), Vec::new(), Vec::new());
    for entity in &manifest.entities {
        let url = match live_list_url(&ctx, entity) {
            Ok(u) => u,
            Err(f) => {
                count_problems.push(f.text);
                continue;
            }
        };
        let sample: Vec<Value> = samples.get(&entity.name).and_then(Value::as_array).cloned().unwrap_or_default();
        let wanted: HashSet<String> = sample.iter().filter_map(record_id).collect();
        let (count, live) = read_live(w, &entity.name, &url, &wanted).await.or_raise();
        counts.insert(entity.name.clone(), json!(count));
        if let Err(f) = hutong_checks::differential::check_volatile_fields(&volatile, sample.iter().chain(live.values())) {
            value_problems.push(f.text);
            continue;
        }
        for record in &sample {
            let Some(id) = record_id(record) else { continue };
            match live.get(&id) {
                None => value_problems.push(msg!("steps-cloud-migration-not-served", entity = &entity.name, id = &id)),
                Some(served) => {
                    if let Some(d) = record_difference(record, served, &volatile) {
                        let difference = d.describe(msg!("steps-cloud-migration-side-export"), msg!("steps-cloud-migration-side-live-api"));
                        value_problems.push(msg!("steps-cloud-migration-record-differs", entity = &entity.name, id = &id, difference = difference));
                    }
                }
            }
        }
    }
    w.cm.live_counts = Some(counts);
    w.cm.count_problems = Some(count_problems);
    w.cm.value_problems = Some(value_problems);
}

fn raise_list(list: &Option<Vec<Message>>, what: Message) {
    let Some(list) = list else { raise(Finding::error(msg!("steps-cloud-migration-no-list", what = what))) };
    if let Some(problems) = joined(list.iter().cloned()) {
        raise(Finding::fail(msg!("steps-cloud-migration-list-problems", what = what, problems = problems)));
    }
}

#[then("every file's size and SHA-256 match the manifest")]
fn digests_match(w: &mut PlatformWorld) {
    raise_list(&w.cm.digest_problems, msg!("steps-cloud-migration-files-do-not-match"));
}

#[then("every record validates against its entity's schema, with unique IDs")]
fn records_valid(w: &mut PlatformWorld) {
    raise_list(&w.cm.record_problems, msg!("steps-cloud-migration-records-not-valid"));
}

#[then("each entity's record count equals what the live API lists")]
fn counts_match_live(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let counts = earlier!(w.cm.live_counts).clone();
    let mut problems: Vec<Message> = earlier!(w.cm.count_problems).clone();
    for entity in &manifest.entities {
        if let Some(live) = counts.get(&entity.name).and_then(Value::as_u64)
            && live != entity.record_count
        {
            problems.push(msg!("steps-cloud-migration-count-differs", entity = &entity.name, records = entity.record_count, live = live));
        }
    }
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(problems));
    }
}

#[then("every compared record equals, member by member, what the live API serves for it")]
fn values_match_live(w: &mut PlatformWorld) {
    let problems = earlier!(w.cm.value_problems).clone();
    if !problems.is_empty() {
        raise(Finding::fail(msg!("steps-cloud-migration-values-differ", count = problems.len(), records = name_some(&problems))));
    }
}
