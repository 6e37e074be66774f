//! AI-14: content import and export in open media types.

use super::message_in;
use crate::runner::world::{raise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::formats::{essence, sample_jpeg, sample_png, sample_text};
use hutong_model::{joined, msg, Finding, Message};
use serde_json::{json, Value};

/// Media types every platform must accept, whatever else it declares.
const REQUIRED: &[&str] = &["image/png", "image/jpeg", "text/plain"];

#[given("the declared open media types include PNG, JPEG and plain text")]
fn declared_media_types(w: &mut PlatformWorld) {
    let declared: Vec<String> = w
        .discovery()
        .capabilities
        .get("media_types")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(essence).collect())
        .unwrap_or_default();
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|m| !declared.iter().any(|d| d == m)).collect();
    if !missing.is_empty() {
        raise(Finding::fail(msg!("steps-ai-formats-undeclared", media_types = missing.join(", "))));
    }
    w.ai.media_types = Some(json!(declared));
}

/// A generated sample of `media`, when the harness can make one.
fn sample(media: &str, seed: u64) -> Option<Vec<u8>> {
    match media {
        "image/png" => Some(sample_png(seed)),
        "image/jpeg" => Some(sample_jpeg(seed)),
        "text/plain" => Some(sample_text(seed)),
        _ => None,
    }
}

#[when("the client imports a generated sample of each declared media type and exports it again")]
async fn round_trip(w: &mut PlatformWorld) {
    let url = w.endpoint("media");
    let seed = w.ctx().seed;
    let declared: Vec<String> = earlier!(w.ai.media_types).as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect();
    let mut results = Vec::new();
    for media in declared.iter().filter(|m| REQUIRED.contains(&m.as_str())) {
        let Some(bytes) = sample(media, seed) else { continue };
        let content_type = if media == "text/plain" { "text/plain; charset=utf-8".to_string() } else { media.clone() };
        let request = w.request(http::Method::POST, url.as_str()).body(bytes.clone(), content_type).label(format!("import {media}"));
        let response = w.send(request).await;
        if response.status != 201 && response.status != 200 {
            let problem = msg!("steps-ai-formats-import-refused", status = response.status, hint = hutong_checks::body_hint(&response));
            results.push(json!({ "media": media, "problem": problem }));
            continue;
        }
        let location = response
            .header("location")
            .map(str::to_string)
            .or_else(|| response.json_value().ok().and_then(|b| b["url"].as_str().map(str::to_string)));
        let Some(location) = location.and_then(|l| response.url.join(&l).ok()) else {
            results.push(json!({ "media": media, "problem": msg!("steps-ai-formats-no-location") }));
            continue;
        };
        let request = w.request(http::Method::GET, location.as_str()).label(format!("export {media}"));
        let exported = w.send(request).await;
        let problem: Option<Message> = if exported.status == 200 {
            hutong_checks::formats::check_round_trip(media, &bytes, exported.content_type().as_deref(), &exported.body).err()
        } else {
            Some(msg!("steps-ai-formats-export-status", status = exported.status))
        };
        results.push(json!({ "media": media, "problem": problem }));
    }
    w.ai.media_results = Some(json!(results));
}

#[then("every sample comes back byte for byte with its media type and matching magic bytes")]
fn samples_round_trip(w: &mut PlatformWorld) {
    let results = earlier!(w.ai.media_results).as_array().cloned().unwrap_or_default();
    let failing = results
        .iter()
        .filter_map(|r| Some(msg!("steps-ai-formats-media-problem", media = r["media"].as_str().unwrap_or_default(), problem = message_in(&r["problem"])?)));
    if let Some(failing) = joined(failing) {
        raise(Finding::fail(msg!("steps-ai-formats-no-round-trip", problems = failing)));
    }
}
