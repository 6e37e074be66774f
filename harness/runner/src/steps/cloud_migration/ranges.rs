//! CM-04 and CM-05: resumable export downloads (RFC 9110 §14 ranges, §13.1.5 `If-Range`).

use super::{manifest, precondition};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::export::ExportFile;
use hutong_checks::migration::parse_content_range;
use hutong_model::{msg, Finding};
use serde_json::json;
use sha2::{Digest, Sha256};

/// The largest file of the export (at least 2 bytes), as a precondition.
fn largest_file(w: &PlatformWorld) -> ExportFile {
    manifest(w)
        .entities
        .iter()
        .flat_map(|e| e.files.iter())
        .filter(|f| f.bytes >= 2)
        .max_by_key(|f| f.bytes)
        .cloned()
        .unwrap_or_else(|| raise(precondition(msg!("steps-cm-ranges-no-file-to-cut"))))
}

/// A count the step stored (a byte offset, a size, a status).
fn number(v: &serde_json::Value) -> u64 {
    v.as_u64().unwrap_or_default()
}

#[when("the client downloads an export file, is cut off halfway and resumes with Range and If-Range")]
async fn cut_and_resume(w: &mut PlatformWorld) {
    let file = largest_file(w);
    let whole = w.request(http::Method::GET, &file.url).label(format!("download {} (cut halfway)", file.name)).send(&w.rec).await.or_raise();
    if whole.status != 200 {
        raise(precondition(msg!("steps-cm-ranges-download-status", file = &file.name, status = whole.status)));
    }
    let half = (whole.body.len() / 2).max(1);
    let received = whole.body.slice(..half);
    let etag = whole.header("etag").map(str::to_string);
    let Some(etag) = etag.filter(|t| !t.starts_with("W/")) else {
        raise(Finding::fail(msg!("steps-cm-ranges-no-strong-etag", file = &file.name)));
    };
    let resumed = w
        .request(http::Method::GET, &file.url)
        .header("range", format!("bytes={half}-"))
        .header("if-range", etag.as_str())
        .label(format!("resume {} from byte {half}", file.name))
        .send(&w.rec)
        .await
        .or_raise();
    w.cm.resume = Some(json!({
        "file": file.name, "sha256": hex::encode(Sha256::digest(&whole.body)), "half": half, "total": whole.body.len(),
        "status": resumed.status, "content_range": resumed.header("content-range"),
        "joined_sha256": hex::encode(Sha256::new().chain_update(&received).chain_update(&resumed.body).finalize()),
    }));
}

#[then("the platform answers 206 with a matching Content-Range, and the joined bytes have the whole file's SHA-256")]
fn resumed_ok(w: &mut PlatformWorld) {
    let r = earlier!(w.cm.resume).clone();
    let name = r["file"].as_str().unwrap_or_default();
    if r["status"] != 206 {
        raise(Finding::fail(msg!("steps-cm-ranges-resume-status", file = name, half = number(&r["half"]), status = number(&r["status"]))));
    }
    let expected = (r["half"].as_u64().unwrap_or(0), r["total"].as_u64().unwrap_or(0).saturating_sub(1), r["total"].as_u64());
    match r["content_range"].as_str().and_then(parse_content_range) {
        Some(cr) if (cr.first, cr.last) == (expected.0, expected.1) && cr.complete.is_none_or(|c| Some(c) == expected.2) => {}
        _ => raise(Finding::fail(msg!(
            "steps-cm-ranges-content-range",
            file = name,
            content_range = r["content_range"].to_string(),
            first = expected.0,
            last = expected.1,
            total = number(&r["total"])
        ))),
    }
    if r["joined_sha256"] != r["sha256"] {
        raise(Finding::fail(msg!("steps-cm-ranges-resumed-sha256", file = name, resumed = r["joined_sha256"].to_string(), whole = r["sha256"].to_string())));
    }
}

#[when("the client asks for the second half of an export file with an If-Range that does not match")]
async fn stale_if_range(w: &mut PlatformWorld) {
    let file = largest_file(w);
    let whole = w.request(http::Method::GET, &file.url).label(format!("download {}", file.name)).send(&w.rec).await.or_raise();
    if whole.status != 200 {
        raise(precondition(msg!("steps-cm-ranges-download-status", file = &file.name, status = whole.status)));
    }
    let half = whole.body.len() / 2;
    let response = w
        .request(http::Method::GET, &file.url)
        .header("range", format!("bytes={half}-"))
        .header("if-range", format!("\"{}\"", w.ctx().persona.probe_id("stale-validator")))
        .label(format!("range of {} with a stale If-Range", file.name))
        .send(&w.rec)
        .await
        .or_raise();
    w.cm.stale = Some(json!({
        "file": file.name, "expected_bytes": whole.body.len(), "expected_sha256": hex::encode(Sha256::digest(&whole.body)),
        "status": response.status, "bytes": response.body.len(), "sha256": hex::encode(Sha256::digest(&response.body)),
    }));
}

#[then("the platform answers 200 with the whole file")]
fn whole_file(w: &mut PlatformWorld) {
    let r = earlier!(w.cm.stale).clone();
    let name = r["file"].as_str().unwrap_or_default();
    if r["status"] != 200 {
        raise(Finding::fail(msg!("steps-cm-ranges-stale-status", file = name, status = number(&r["status"]))));
    }
    if r["bytes"] != r["expected_bytes"] || r["sha256"] != r["expected_sha256"] {
        raise(Finding::fail(msg!("steps-cm-ranges-not-whole", file = name, bytes = number(&r["bytes"]), expected = number(&r["expected_bytes"]))));
    }
}
