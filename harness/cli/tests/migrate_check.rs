//! `hutong migrate-check` between two reference platforms started with different data and
//! settings: a faithful destination gives a complete migration; a destination that alters,
//! loses and invents records on import has every one of them reported.

use hutong_reference::{FaultSet, ReferenceConfig};
use std::net::SocketAddr;
use std::process::Command;

async fn start(seed: u64, scale: usize, faults: &[&str]) -> hutong_reference::RunningReference {
    let config = ReferenceConfig { seed, scale, faults: FaultSet::from_names(faults).expect("known faults"), ..ReferenceConfig::default() };
    hutong_reference::spawn(config, SocketAddr::from(([127, 0, 0, 1], 0))).await.expect("reference starts")
}

fn migrate_check(from: &str, to: &str) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["migrate-check", "--from", from, "--to", to, "--json"])
        .output()
        .expect("hutong runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout} {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), summary)
}

#[tokio::test(flavor = "multi_thread")]
async fn migration_between_two_reference_platforms_is_verified_record_by_record() {
    let a = start(1, 1, &[]).await;
    let b = start(99, 2, &[]).await;
    let bad = start(7, 3, &["import-alters-records", "import-misfiles-record"]).await;
    let (a_url, b_url, bad_url) = (a.base_url.clone(), b.base_url.clone(), bad.base_url.clone());

    let (code, summary) = tokio::task::spawn_blocking(move || migrate_check(&a_url, &b_url)).await.unwrap();
    assert_eq!(code, 0, "{summary:#}");
    assert_eq!(summary["verdict"], "complete");
    assert_eq!(summary["records_migrated"], 12 + 120);
    assert_eq!(summary["entities"]["products"]["compared"], 120);

    let a_url = a.base_url.clone();
    let (code, summary) = tokio::task::spawn_blocking(move || migrate_check(&a_url, &bad_url)).await.unwrap();
    assert_eq!(code, 1, "{summary:#}");
    let products = &summary["entities"]["products"];
    assert_eq!(products["missing"], serde_json::json!(["p_0000120"]), "{products:#}");
    assert_eq!(products["extra"].as_array().map(Vec::len), Some(1), "{products:#}");
    let altered = products["altered"].as_array().expect("altered list");
    assert!(altered.len() > 100, "{products:#}");
    // Each alteration names the member and both values (OPIS §16).
    assert!(altered.iter().all(|a| a[1].as_str().is_some_and(|d| d.starts_with("/stock is 0 in the destination, "))), "{products:#}");
    assert_eq!(summary["entities"]["merchants"]["missing"], serde_json::json!([]));

    a.stop().await;
    b.stop().await;
    bad.stop().await;
}
