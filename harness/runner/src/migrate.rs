//! Migration between two live platforms (`hutong migrate-check`): performs a migration between two live
//! platforms over their OPIS APIs (export from the source, import into the destination) and
//! verifies it record by record, reporting every missing, extra or altered record.
//!
//! Object storage migrates through the S3 API: a TARGET `s3+http://HOST:PORT/BUCKET` (or
//! `s3+https://`; `s3+http(s)://BUCKET.HOST[:PORT]/` for virtual-hosted-style requests) names a
//! bucket, with credentials from `HUTONG_S3_FROM_ACCESS_KEY` /
//! `HUTONG_S3_FROM_SECRET_KEY` (`_TO_` for the destination) and `HUTONG_S3_REGION`
//! (default `us-east-1`); objects are copied and verified object by object (count, size,
//! SHA-256 of content, user metadata). The destination is asked first and the first failure
//! stops the copy; progress goes to the caller's callback ([`migrate_with_progress`]), which
//! alone decides how to show it.
//!
//! Platforms are reached as `certify` reaches them: endpoints (the OAuth server among them) on
//! the discovery document's `trusted_origins` are used, and `insecure` (or a target file's
//! `[options] insecure`) accepts invalid TLS certificates.
//!
//! The destination keeps the records it held before: they are read from an export taken before
//! the import and are neither compared nor counted as extra.
//!
//! Memory does not grow with the data: bucket objects stream through a fixed buffer budget
//! ([`StreamLimits`]), and exported records go to disk (the source's spooled for the import,
//! every side's compared by sorted runs, [`crate::records`]) under `work_dir`. The import sends one
//! entity's file per request (OPIS §16), so that one file is in memory while it is sent.

use crate::runner::world::RunContext;
use crate::target::TargetFile;
use hutong_checks::discovery::{origin_url, Discovery, WELL_KNOWN_PATH};
use hutong_checks::export::{Manifest, RecordLines};
use hutong_checks::migration::RecordDiff;
use hutong_checks::s3::{compare_buckets, copy_bucket, parse_bucket_target, verify_listings, S3Client, S3Endpoint};
pub use hutong_checks::s3::{Progress, StreamLimits};
use hutong_http::{ClientConfig, HttpClient, Recorder};
use hutong_model::{msg, Arg, Finding, Message};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use url::Url;

pub mod report;

pub use crate::records::{RecordComparison, DEFAULT_RUN_BUDGET};

/// Why a migration could not be performed or verified (a usage, configuration or transport
/// problem, never a verdict on the migration).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct MigrateError(pub Message, pub Vec<String>);

impl MigrateError {
    fn new(message: Message) -> MigrateError {
        MigrateError(message, Vec::new())
    }

    /// `platform: detail`: an error of one platform (a `from` or `to` as given, or its base
    /// URL), which [`MigrateError::needs_of`] recognises.
    fn on(platform: &str, detail: Message) -> MigrateError {
        MigrateError::new(msg!("migrate-on-platform", platform = platform, detail = detail))
    }

    /// [`MigrateError::on`] for a finding met on `platform`, keeping the requirements it needs.
    fn finding_on(platform: &str, f: Finding) -> MigrateError {
        MigrateError::on(platform, f.text).needing(f.needs)
    }

    /// The error, judged by the requirements `needs` (see [`MigrateError::needs_of`]).
    fn needing(mut self, needs: Vec<String>) -> MigrateError {
        self.1 = needs;
        self
    }

    /// The requirements of `platform` (a `from` or `to` as given) that judge what the migration
    /// could not get past on that platform (for CM-21's report, OPIS §10.2): OE-02 for the OAuth
    /// client, CM-02 for an export that fails its own digests. Empty when the error is the other
    /// side's: every message of a platform's error starts with its name.
    pub fn needs_of(&self, platform: &str) -> &[String] {
        let name = platform.trim_end_matches('/');
        match (self.0.id.as_str(), self.0.args.get("platform")) {
            ("migrate-on-platform", Some(Arg::Text(p))) if p == name || p.strip_suffix('/') == Some(name) => &self.1,
            _ => &[],
        }
    }
}

/// What to migrate and how to verify it.
#[derive(Debug, Clone)]
pub struct MigrationOptions {
    /// The source: a base URL, a target file, or `s3+http(s)://…/BUCKET`.
    pub from: String,
    /// The destination, in the same form as `from`.
    pub to: String,
    /// Role whose credentials act on each platform.
    pub role: String,
    /// Object storage only: verify without copying first.
    pub verify_only: bool,
    /// Object storage only: compare listings (keys, sizes, MD5 ETags), not content.
    pub listings_only: bool,
    /// Object storage only: objects copied or compared at a time.
    pub concurrency: usize,
    /// Accept invalid TLS certificates and host names (also set by a target file's
    /// `[options] insecure = true`).
    pub insecure: bool,
    /// Object storage only: the multipart threshold, part size and content held at once.
    pub limits: StreamLimits,
    /// Where exported records are spooled and sorted (default: the system's temporary
    /// directory); removed afterwards.
    pub work_dir: Option<PathBuf>,
    /// Bytes of records held in memory per sorted run ([`DEFAULT_RUN_BUDGET`]).
    pub run_budget: usize,
    /// The longest wait for an answer (and between two chunks of one), instead of the HTTP
    /// client's default; a target file's `request_timeout_secs` applies to its platform.
    pub request_timeout: Option<Duration>,
}

impl MigrationOptions {
    /// Options for a migration from `from` to `to` with every default (role `third-party-a`,
    /// concurrency 8).
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> MigrationOptions {
        MigrationOptions {
            from: from.into(),
            to: to.into(),
            role: "third-party-a".into(),
            verify_only: false,
            listings_only: false,
            concurrency: 8,
            insecure: false,
            limits: StreamLimits::default(),
            work_dir: None,
            run_budget: DEFAULT_RUN_BUDGET,
            request_timeout: None,
        }
    }
}

/// What a migration found.
#[derive(Debug, Clone)]
pub struct MigrationOutcome {
    /// Between two buckets (`true`) or two OPIS platforms.
    pub buckets: bool,
    /// Every record or object arrived unchanged.
    pub complete: bool,
    /// The result as JSON (what `--json` prints).
    pub summary: Value,
}

/// How a bucket migration was verified (`verification` of its summary): by content.
pub(crate) const BY_CONTENT: &str = "content: keys, sizes, SHA-256 of content, user metadata";
/// How a bucket migration was verified: from the listings.
pub(crate) const BY_LISTINGS: &str = "listings: keys, sizes, MD5 ETags";

/// Longest wait for one export job.
const EXPORT_DEADLINE: Duration = Duration::from_secs(600);

/// One platform the migration talks to.
struct Platform {
    name: String,
    ctx: RunContext,
    token: String,
    rec: Recorder,
}

/// A finding met at one stage (`what: finding`), keeping the requirements it needs.
fn harness_error(what: Message, f: Finding) -> MigrateError {
    MigrateError(f.text.in_context(what), f.needs)
}

/// A program's own error text (a transport error, a target file's, a URL parser's): shown as it
/// is in every language.
fn error_text(e: impl std::fmt::Display) -> Message {
    Message::verbatim(e.to_string())
}

impl Platform {
    async fn connect(target: &str, role: &str, insecure: bool, timeout: Option<Duration>) -> Result<Platform, MigrateError> {
        let (base, credentials, secrets, insecure, timeout) = if Path::new(target).is_file() {
            let file = TargetFile::load(Path::new(target)).map_err(|e| MigrateError::new(error_text(e)))?;
            let base = file.base_url.clone().ok_or_else(|| MigrateError::new(msg!("migrate-no-base-url", target = target)))?;
            let insecure = insecure || file.options.insecure.unwrap_or(false);
            let timeout = file.options.request_timeout_secs.map(|s| Duration::from_secs(s.max(1))).or(timeout);
            (base, file.resolve_credentials(target).map_err(|e| MigrateError::new(error_text(e)))?, file.secret_values(), insecure, timeout)
        } else {
            (target.to_string(), BTreeMap::new(), Vec::new(), insecure, timeout)
        };
        let base = Url::parse(&base).map_err(|e| MigrateError::on(target, msg!("migrate-not-url-or-target-file", error = e.to_string())))?;
        let mut config = ClientConfig { allowed_origins: vec![origin_url(&base)], insecure_tls: insecure, ..ClientConfig::default() };
        if let Some(t) = timeout {
            config.limits.request_timeout = t;
        }
        for s in &secrets {
            config.redactor.insert_secret(s);
        }
        for c in credentials.values() {
            config.redactor.insert_secret(c.client_secret.clone());
        }
        let http = HttpClient::new(config.clone()).map_err(|e| MigrateError::new(msg!("migrate-http-client", error = e.to_string())))?;
        let rec = Recorder::new();
        let url = base.join(WELL_KNOWN_PATH).map_err(|e| MigrateError::new(error_text(e)))?;
        let response = http.get(url.as_str()).label("discovery").send(&rec).await.map_err(|e| MigrateError::on(target, error_text(e)))?;
        if response.status != 200 {
            return Err(MigrateError::on(target, msg!("migrate-discovery-status", url = url.as_str(), status = response.status)));
        }
        let discovery = hutong_checks::json_body(&response, msg!("migrate-discovery-document"))
            .and_then(|v| Discovery::parse(&v))
            .map_err(|f| MigrateError::finding_on(target, f.context(msg!("migrate-unusable-discovery"))))?;
        // Endpoints (the OAuth server among them) may live on the origins the discovery
        // document trusts, as in `certify`: credentials may go there too.
        let http = HttpClient::new(ClientConfig { allowed_origins: discovery.allowed_origins(&base), ..config })
            .map_err(|e| MigrateError::new(msg!("migrate-http-client", error = e.to_string())))?;
        let ctx = RunContext::outside_a_run(base.clone(), http, discovery, credentials);
        let token = crate::oauth::obtain_token(&ctx, &rec, role, "hutong migrate-check").await.map_err(|f| MigrateError::finding_on(target, f))?;
        Ok(Platform { name: base.to_string(), ctx, token, rec })
    }

    fn request(&self, method: http::Method, url: &str) -> hutong_http::RequestBuilder {
        self.ctx.http.request(method, url).bearer(&self.token)
    }

    /// Sends `b`, labelled in the evidence with the English text of `what`.
    async fn send_json(&self, b: hutong_http::RequestBuilder, what: Message) -> Result<(u16, Option<String>, Url, Value), MigrateError> {
        let r = b.label(what.en()).send(&self.rec).await.map_err(|e| MigrateError::on(&self.name, msg!("migrate-request-failed", request = what, error = e.to_string())))?;
        let v = r.json_value().unwrap_or(Value::Null);
        Ok((r.status, r.header("location").map(str::to_string), r.url.clone(), v))
    }

    /// A full export, followed to its manifest.
    async fn export(&self) -> Result<Manifest, MigrateError> {
        let url = self.ctx.discovery.endpoint("exports").map_err(|f| MigrateError::finding_on(&self.name, f))?;
        let (status, location, at, body) = self.send_json(self.request(http::Method::POST, url.as_str()).json(&json!({})), msg!("migrate-request-create-export")).await?;
        let fail = |m: Message| MigrateError::on(&self.name, m);
        let value = match (status, location) {
            (200, _) => body,
            (202, Some(location)) => {
                let job = at.join(&location).map_err(|e| fail(msg!("migrate-bad-job-location", error = e.to_string())))?;
                let started = Instant::now();
                let manifest_url = loop {
                    let (status, _, at, body) = self.send_json(self.request(http::Method::GET, job.as_str()), msg!("migrate-request-poll-export")).await?;
                    match (status, body.get("status").and_then(Value::as_str)) {
                        (200, Some("complete")) => {
                            let m = body.get("manifest_url").and_then(Value::as_str).ok_or_else(|| fail(msg!("migrate-job-no-manifest-url")))?;
                            break at.join(m).map_err(|e| fail(error_text(e)))?;
                        }
                        (200, Some("failed")) => return Err(fail(msg!("migrate-job-failed"))),
                        (200, _) if started.elapsed() < EXPORT_DEADLINE => tokio::time::sleep(Duration::from_millis(100)).await,
                        (s, _) => return Err(fail(msg!("migrate-poll-status", status = s))),
                    }
                };
                match self.send_json(self.request(http::Method::GET, manifest_url.as_str()), msg!("migrate-request-manifest")).await? {
                    (200, _, _, manifest) => manifest,
                    (s, _, _, _) => return Err(fail(msg!("migrate-manifest-status", url = manifest_url.as_str(), status = s))),
                }
            }
            (s, _) => return Err(fail(msg!("migrate-create-export-status", status = s))),
        };
        Manifest::parse(&value).map_err(|f| MigrateError::finding_on(&self.name, f))
    }

    /// Hands every record of `manifest` to `each` with its entity's name, as the files stream
    /// in (each file checked against its manifest SHA-256).
    async fn for_each_record(&self, manifest: &Manifest, each: &mut (dyn FnMut(&str, Value) -> Result<(), Message> + Send)) -> Result<(), MigrateError> {
        for entity in &manifest.entities {
            for file in &entity.files {
                let mut lines = RecordLines::new(&file.name, file.bytes);
                let mut parsed = Vec::new();
                // What `each` refused, kept as a message (the download's sink can only stop with text).
                let mut refused: Option<Message> = None;
                let mut sink = |chunk: &[u8]| {
                    lines.feed(chunk, &mut parsed)?;
                    parsed.drain(..).try_for_each(|r| each(&entity.name, r)).map_err(|m| {
                        let text = m.en();
                        refused = Some(m);
                        text
                    })
                };
                let meta = self.request(http::Method::GET, &file.url).label(format!("download {}", file.name)).download(&self.rec, &mut sink).await;
                let meta = match meta {
                    Ok(meta) => meta,
                    Err(hutong_http::HttpError::Sink(e)) => {
                        return Err(MigrateError::on(&self.name, refused.or_else(|| lines.problem().cloned()).unwrap_or_else(|| error_text(e))))
                    }
                    Err(e) => return Err(MigrateError::on(&self.name, error_text(e))),
                };
                if meta.status != 200 || meta.sha256_hex != file.sha256 {
                    let detail = msg!("migrate-file-digest", file = &file.name, status = meta.status, sha256 = &meta.sha256_hex, expected = &file.sha256);
                    return Err(MigrateError::on(&self.name, detail).needing(vec!["CM-02".to_string()]));
                }
                lines.finish(&mut parsed).map_err(|m| MigrateError::on(&self.name, m))?;
                parsed.drain(..).try_for_each(|r| each(&entity.name, r)).map_err(|m| MigrateError::on(&self.name, m))?;
            }
        }
        Ok(())
    }

    /// Imports the spooled files entity by entity (in order) in one session; returns the ID
    /// mapping.
    async fn import(&self, spooled: &[(String, PathBuf)]) -> Result<BTreeMap<String, String>, MigrateError> {
        let url = self.ctx.discovery.endpoint("imports").map_err(|f| MigrateError::finding_on(&self.name, f))?;
        let mut session: Option<String> = None;
        let mut map = BTreeMap::new();
        for (entity, path) in spooled {
            let body = std::fs::read(path).map_err(|e| MigrateError::new(msg!("migrate-read-spooled", path = path.display().to_string(), error = e.to_string())))?;
            let mut query = vec![("entity", entity.clone())];
            if let Some(s) = &session {
                query.push(("session", s.clone()));
            }
            let b = self.request(http::Method::POST, url.as_str()).query(&query).body(body, "application/jsonl");
            let (status, _, _, answer) = self.send_json(b, msg!("migrate-request-import", entity = entity)).await?;
            if !(200..300).contains(&status) {
                let answer = hutong_model::sanitize_line(&answer.to_string(), 300);
                return Err(MigrateError::on(&self.name, msg!("migrate-import-status", entity = entity, status = status, answer = answer)));
            }
            session = session.or_else(|| answer.get("import_id").and_then(Value::as_str).map(str::to_string));
            for (k, v) in answer.get("id_map").and_then(Value::as_object).into_iter().flatten() {
                if let Some(v) = v.as_str() {
                    map.insert(k.clone(), v.to_string());
                }
            }
        }
        Ok(map)
    }
}

/// The S3 endpoint and bucket a `s3+http(s)://host[:port][/prefix]/bucket` (path-style) or
/// `s3+http(s)://bucket.host[:port]/` (virtual-hosted-style) target names, with credentials from
/// `HUTONG_S3_{side}_ACCESS_KEY` / `_SECRET_KEY`.
fn s3_target(target: &str, side: &str, insecure: bool, timeout: Option<Duration>) -> Result<(S3Client, String), MigrateError> {
    let (endpoint_url, bucket, addressing) = parse_bucket_target(target.strip_prefix("s3+").unwrap_or(target)).map_err(|e| MigrateError::new(error_text(e)))?;
    let env = |k: &str| {
        let variable = format!("HUTONG_S3_{side}_{k}");
        std::env::var(&variable).map_err(|_| MigrateError::on(target, msg!("migrate-s3-set-env", variable = variable)))
    };
    let endpoint = S3Endpoint {
        endpoint: endpoint_url.clone(),
        access_key: env("ACCESS_KEY")?,
        secret_key: env("SECRET_KEY")?,
        region: std::env::var("HUTONG_S3_REGION").unwrap_or_else(|_| "us-east-1".to_string()),
        addressing,
    };
    let origin = endpoint.bucket_origin(&bucket).map_err(|f| MigrateError::on(target, f.text))?;
    let mut config = ClientConfig { allowed_origins: vec![origin], insecure_tls: insecure, ..ClientConfig::default() };
    if let Some(t) = timeout {
        config.limits.request_timeout = t;
    }
    let http = HttpClient::new(config).map_err(|e| MigrateError::new(msg!("migrate-http-client", error = e.to_string())))?;
    Ok((S3Client::new(http, endpoint, Recorder::new()).without_evidence(), bucket))
}

async fn run_s3(args: &MigrationOptions, progress: &(dyn Fn(Progress) + Sync)) -> Result<MigrationOutcome, MigrateError> {
    let (from, from_bucket) = s3_target(&args.from, "FROM", args.insecure, args.request_timeout)?;
    let (to, to_bucket) = s3_target(&args.to, "TO", args.insecure, args.request_timeout)?;
    let started = Instant::now();
    let stats = if args.verify_only {
        None
    } else {
        Some(copy_bucket(&from, &from_bucket, &to, &to_bucket, args.concurrency, &args.limits, progress).await.map_err(|f| harness_error(msg!("migrate-stage-migration"), f))?)
    };
    let copied = started.elapsed();
    let (diff, size_only) = if args.listings_only {
        let listed = verify_listings(&from, &from_bucket, &to, &to_bucket, args.concurrency).await.map_err(|f| harness_error(msg!("migrate-stage-verification"), f))?;
        (listed.diff, Some(listed.size_only))
    } else {
        (compare_buckets(&from, &from_bucket, &to, &to_bucket, args.concurrency, &args.limits, progress).await.map_err(|f| harness_error(msg!("migrate-stage-verification"), f))?, None)
    };
    let verified = started.elapsed() - copied;
    let summary = json!({
        "from": args.from, "to": args.to, "copied": stats, "copy_seconds": copied.as_secs_f64(),
        "verify_seconds": verified.as_secs_f64(), "verdict": if diff.is_clean() { "complete" } else { "differences" }, "objects": diff,
        "verification": if args.listings_only { BY_LISTINGS } else { BY_CONTENT },
        "compared_by_size_only": size_only,
    });
    Ok(MigrationOutcome { buckets: true, complete: diff.is_clean(), summary })
}

/// Runs the migration and its verification.
pub async fn migrate(args: &MigrationOptions) -> Result<MigrationOutcome, MigrateError> {
    migrate_with_progress(args, &|_| {}).await
}

/// [`migrate`], telling `progress` how a bucket copy and its verification advance (object
/// storage; the caller decides how to show it).
pub async fn migrate_with_progress(args: &MigrationOptions, progress: &(dyn Fn(Progress) + Sync)) -> Result<MigrationOutcome, MigrateError> {
    let is_s3 = |t: &str| t.starts_with("s3+http://") || t.starts_with("s3+https://");
    match (is_s3(&args.from), is_s3(&args.to)) {
        (true, true) => return run_s3(args, progress).await,
        (false, false) => {}
        _ => return Err(MigrateError::new(msg!("migrate-mixed-targets"))),
    }
    let from = Platform::connect(&args.from, &args.role, args.insecure, args.request_timeout).await?;
    let to = Platform::connect(&args.to, &args.role, args.insecure, args.request_timeout).await?;
    let io_problem = |what: Message, e: &dyn std::fmt::Display| msg!("migrate-io", what = what, error = e.to_string());
    let io = |what: Message, e: std::io::Error| MigrateError::new(io_problem(what, &e));
    let parent = args.work_dir.clone().unwrap_or_else(std::env::temp_dir);
    let work = tempfile::Builder::new()
        .prefix("hutong-migrate-")
        .tempdir_in(&parent)
        .map_err(|e| io(msg!("migrate-io-work-dir", path = parent.display().to_string()), e))?;
    let mut comparison = RecordComparison::new(work.path(), args.run_budget, &[]).map_err(|e| io(msg!("migrate-io-start-comparison"), e))?;
    // What the destination held before: neither compared nor extra.
    let before = to.export().await?;
    to.for_each_record(&before, &mut |entity, r| comparison.add_preexisting(entity, &r).map_err(|e| io_problem(msg!("migrate-io-sorting"), &e))).await?;
    comparison.seal().map_err(|e| io(msg!("migrate-io-sorting"), e))?;
    // The source's records, spooled to disk entity by entity for the import.
    let source_manifest = from.export().await?;
    let mut spooled: Vec<(String, PathBuf)> = Vec::new();
    let mut writers: BTreeMap<String, std::io::BufWriter<std::fs::File>> = BTreeMap::new();
    for (i, entity) in source_manifest.entities.iter().enumerate() {
        let path = work.path().join(format!("source-{i}.jsonl"));
        let file = std::fs::File::create(&path).map_err(|e| io(msg!("migrate-io-spool"), e))?;
        writers.insert(entity.name.clone(), std::io::BufWriter::new(file));
        spooled.push((entity.name.clone(), path));
    }
    from.for_each_record(&source_manifest, &mut |entity, r| {
        let w = writers.get_mut(entity).ok_or_else(|| msg!("migrate-record-of-unlisted-entity"))?;
        serde_json::to_writer(&mut *w, &r).map_err(|e| io_problem(msg!("migrate-io-spool"), &e))?;
        w.write_all(b"\n").map_err(|e| io_problem(msg!("migrate-io-spool"), &e))
    })
    .await?;
    for (_, mut w) in std::mem::take(&mut writers) {
        w.flush().map_err(|e| io(msg!("migrate-io-spool"), e))?;
    }
    let id_map = to.import(&spooled).await?;
    // The source's records mapped to the destination's IDs, then the destination's after.
    for (entity, path) in &spooled {
        let file = std::io::BufReader::new(std::fs::File::open(path).map_err(|e| io(msg!("migrate-io-read-spooled"), e))?);
        for line in std::io::BufRead::lines(file) {
            let line = line.map_err(|e| io(msg!("migrate-io-read-spooled"), e))?;
            let record: Value = serde_json::from_str(&line).map_err(|e| MigrateError::new(msg!("migrate-spooled-not-json", error = e.to_string())))?;
            comparison.add_source(entity, &record, &id_map).map_err(|e| io(msg!("migrate-io-sorting"), e))?;
        }
    }
    comparison.seal().map_err(|e| io(msg!("migrate-io-sorting"), e))?;
    let after = to.export().await?;
    to.for_each_record(&after, &mut |entity, r| comparison.add_destination(entity, &r).map_err(|e| io_problem(msg!("migrate-io-sorting"), &e))).await?;
    let mut diffs: BTreeMap<String, RecordDiff> = comparison.finish().map_err(|e| io(msg!("migrate-io-comparing"), e))?;
    // Only the source's entities are compared (as before): a destination entity the source
    // does not export is not part of the migration.
    diffs.retain(|entity, _| source_manifest.entities.iter().any(|e| &e.name == entity));
    let clean = diffs.values().all(RecordDiff::is_clean);
    let summary = json!({
        "from": from.name, "to": to.name, "export_id": source_manifest.export_id,
        "records_migrated": id_map.len(), "verdict": if clean { "complete" } else { "differences" },
        "entities": diffs,
    });
    Ok(MigrationOutcome { buckets: false, complete: clean, summary })
}
