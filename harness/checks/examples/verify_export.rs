//! Benchmark helper for `scripts/bench-export-verify.sh`: generates a large JSON Lines export
//! file and verifies it the way CM-02 does (streaming SHA-256 plus `JsonlVerifier`: every record
//! valid against the entity schema, IDs unique), printing size, records, SHA-256 and throughput.
//!
//! `verify_export generate FILE BYTES` · `verify_export verify FILE`
#![forbid(unsafe_code)]

use hutong_checks::export::{Entity, JsonlVerifier};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::io::{BufWriter, Read, Write};
use std::time::Instant;

fn product_schema() -> serde_json::Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["id", "merchant_id", "title", "category", "price_cents", "currency", "stock", "updated_at"],
        "additionalProperties": false,
        "properties": {
            "id": { "type": "string", "pattern": "^p_[0-9]{7,}$" },
            "merchant_id": { "type": "string" },
            "title": { "type": "string", "minLength": 1 },
            "category": { "type": "string" },
            "price_cents": { "type": "integer", "minimum": 0 },
            "currency": { "type": "string", "pattern": "^[A-Z]{3}$" },
            "stock": { "type": "integer", "minimum": 0 },
            "updated_at": { "type": "string", "format": "date-time" }
        }
    })
}

fn generate(path: &str, bytes: u64) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let (mut written, mut i) = (0u64, 0u64);
    while written < bytes {
        i += 1;
        let line = format!(
            "{{\"id\":\"p_{i:09}\",\"merchant_id\":\"m_{:05}\",\"title\":\"龙井绿茶 · 山水茶庄 batch {i}\",\"category\":\"tea\",\"price_cents\":{},\"currency\":\"CNY\",\"stock\":{},\"updated_at\":\"2025-0{}-1{}T08:{:02}:{:02}Z\"}}\n",
            i % 5000 + 1,
            (i * 7919) % 200_000,
            i % 5000,
            i % 9 + 1,
            i % 10,
            i % 60,
            (i * 7) % 60
        );
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
    }
    out.flush()?;
    println!("generated {path}: {written} bytes, {i} records");
    Ok(())
}

fn verify(path: &str) -> Result<(), String> {
    let entity = Entity { name: "products".into(), record_count: 0, schema: product_schema(), list_url: None, files: Vec::new() };
    // As CM-02 verifies: with the seeded sample of records to compare with the live API.
    let spec = hutong_checks::fidelity::SampleSpec::new(1, Default::default());
    let mut verifier = JsonlVerifier::sampling(&entity, spec).map_err(|f| f.message)?;
    let mut hasher = Sha256::new();
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut buf = vec![0u8; 1 << 20];
    let started = Instant::now();
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        verifier.feed(&buf[..n])?;
        total += n as u64;
    }
    let (records, sample) = verifier.finish_with_sample().map_err(|f| f.message)?;
    let secs = started.elapsed().as_secs_f64();
    println!("sha256 {}", hex::encode(hasher.finalize()));
    println!("verified {total} bytes, {records} records in {secs:.2} s: {:.1} MiB/s", total as f64 / secs / 1048576.0);
    println!("sampled {} records for comparison with the live API", sample.len());
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("generate") if args.len() == 4 => generate(&args[2], args[3].parse().expect("BYTES is a number")).map_err(|e| e.to_string()),
        Some("verify") if args.len() == 3 => verify(&args[2]),
        _ => Err("usage: verify_export generate FILE BYTES | verify_export verify FILE".into()),
    };
    if let Err(e) = result {
        eprintln!("verify_export: {e}");
        std::process::exit(2);
    }
}
