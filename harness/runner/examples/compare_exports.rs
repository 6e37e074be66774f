//! Compares two JSON Lines exports record by record, as `migrate-check` does after an import
//! (sorted runs on disk, [`hutong_runner::migrate::RecordComparison`]), and prints what it found
//! and how long it took. Used by `scripts/bench-compare-exports.sh`, which measures its memory.
//!
//!     cargo run --example compare_exports -- SOURCE.jsonl DESTINATION.jsonl [RUN_BUDGET_BYTES] [WORK_DIR]

#![forbid(unsafe_code)]

use hutong_runner::migrate::{RecordComparison, DEFAULT_RUN_BUDGET};
use std::collections::BTreeMap;
use std::io::BufRead as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, destination, rest @ ..] = args.as_slice() else {
        return Err("usage: compare_exports SOURCE.jsonl DESTINATION.jsonl [RUN_BUDGET_BYTES] [WORK_DIR]".into());
    };
    let budget = rest.first().map(|b| b.parse()).transpose()?.unwrap_or(DEFAULT_RUN_BUDGET);
    let work = rest.get(1).map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    let started = std::time::Instant::now();
    let mut comparison = RecordComparison::new(&work, budget, &[])?;
    let none = BTreeMap::new();
    let mut lines = 0u64;
    for (path, is_source) in [(source, true), (destination, false)] {
        for line in std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?).lines() {
            let record: serde_json::Value = serde_json::from_str(&line?)?;
            lines += 1;
            if is_source {
                comparison.add_source("records", &record, &none)?;
            } else {
                comparison.add_destination("records", &record)?;
            }
        }
        comparison.seal()?;
    }
    let diff = comparison.finish()?.remove("records").unwrap_or_default();
    println!(
        "{lines} records read; {} compared, {} missing, {} extra, {} altered in {:.1} s (run budget {budget} bytes)",
        diff.compared,
        diff.missing.len(),
        diff.extra.len(),
        diff.altered.len(),
        started.elapsed().as_secs_f64()
    );
    for (id, what) in diff.altered.iter().take(3) {
        println!("  altered {id}: {what}");
    }
    Ok(())
}
