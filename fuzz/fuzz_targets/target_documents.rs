//! Fuzzes the parsers of documents a target platform supplies: the discovery document, the
//! export manifest, JSON Lines export files, problem details and the strict (I-JSON) reader.
//! The first byte picks the parser; the rest is the document. Nothing may panic, overflow the
//! stack or loop: every input ends in `Ok` or a finding.
#![no_main]

use hutong_checks::discovery::Discovery;
use hutong_checks::export::{Entity, JsonlVerifier, Manifest};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, doc)) = data.split_first() else { return };
    match selector % 5 {
        0 => discovery(doc),
        1 => manifest(doc),
        2 => jsonl(doc),
        3 => problem(doc),
        _ => {
            let _ = hutong_checks::strict_json::from_slice(doc);
        }
    }
});

fn discovery(doc: &[u8]) {
    let Ok(value) = hutong_checks::strict_json::from_slice(doc) else { return };
    if let Ok(d) = Discovery::parse(&value) {
        let base = url::Url::parse("http://127.0.0.1:1/").unwrap();
        let _ = d.claimed_profiles();
        let _ = d.allowed_origins(&base);
        let _ = d.check_endpoint_origins(&base);
        let _ = d.volatile_fields();
        for name in d.endpoints.keys() {
            let _ = d.endpoint(name);
        }
    }
}

fn manifest(doc: &[u8]) {
    let Ok(value) = hutong_checks::strict_json::from_slice(doc) else { return };
    if let Ok(m) = Manifest::parse(&value) {
        for entity in &m.entities {
            if let Ok(mut v) = JsonlVerifier::new(entity) {
                let _ = v.feed(b"{\"id\":\"1\"}\n");
                let _ = v.finish();
            }
        }
    }
}

fn jsonl(doc: &[u8]) {
    let entity: Entity = serde_json::from_value(json!({
        "name": "products",
        "record_count": 0,
        "schema": { "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } },
        "files": [],
    }))
    .unwrap();
    let mut verifier = JsonlVerifier::new(&entity).unwrap();
    // Feed in uneven chunks, as a network would deliver them.
    for chunk in doc.chunks(7) {
        if verifier.feed(chunk).is_err() {
            return;
        }
    }
    let _ = verifier.distinct_ids();
    let _ = verifier.finish();
}

fn problem(doc: &[u8]) {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/problem+json"));
    let url = url::Url::parse("http://127.0.0.1:1/x").unwrap();
    let response = hutong_http::Response::new(404, headers, doc.to_vec(), url);
    let _ = hutong_checks::problem::check_problem_details(&response);
}
