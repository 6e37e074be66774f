//! The `hutong` command end to end: exit codes, one-line reasons, the reference platform served
//! over a real port, and the mutation matrix.

mod support;

use support::Served;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};

fn hutong() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hutong"));
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    hutong().args(args).output().expect("hutong runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Requirement IDs printed as FAIL in a certify table.
fn failed_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (cols.len() >= 3 && cols[2] == "FAIL").then(|| cols[0].to_string())
        })
        .collect()
}

#[test]
fn certify_without_a_target_certifies_the_reference_and_exits_0() {
    let out = run(&["certify", "--no-out"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    for profile in ["core", "open-ecosystem", "anti-incompatibility", "cloud-migration"] {
        assert!(stdout.lines().any(|l| l.starts_with(profile) && l.contains(" conformant")), "{profile} verdict missing:\n{stdout}");
    }
}

#[test]
fn a_served_reference_gets_the_same_verdict_and_a_fault_names_exactly_its_requirements() {
    let clean = Served::start(&[]);
    let out = run(&["certify", &clean.url, "--no-out"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(failed_ids(&text(&out.stdout)).is_empty());
    // See: issue 12 — without the affiliated client's credentials, self-preferencing is
    // invisible; the verdict says which comparisons could not be made.
    let stdout = text(&out.stdout);
    assert!(stdout.lines().any(|l| l.starts_with("open-ecosystem") && l.contains("(limited)")), "{stdout}");
    for id in ["OE-05", "OE-07"] {
        assert!(stdout.lines().any(|l| l.starts_with(&format!("limited: {id}: the affiliated client's credentials were not supplied"))), "{id}: {stdout}");
    }

    let catalog = hutong_reference::catalog().unwrap();
    for name in ["link-block-one-domain", "export-digest-mismatch", "openapi-missing-operation"] {
        let fault = catalog.iter().find(|f| f.name == name).unwrap();
        let served = Served::start(&[name]);
        let out = run(&["certify", &served.url, "--no-out"]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{name}: {stdout}");
        let mut expected = fault.breaks.clone();
        expected.sort();
        let mut failed = failed_ids(&stdout);
        failed.sort();
        assert_eq!(failed, expected, "{name}:\n{stdout}");
    }
}

#[test]
fn an_unreachable_target_exits_2_with_a_one_line_reason() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = run(&["certify", &format!("http://127.0.0.1:{port}"), "--no-out", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("unreachable"), "{stderr}");
}

/// A server that answers every request with `body` as JSON, until the test ends.
fn serve_fixed(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    format!("http://{addr}")
}

#[test]
fn an_invalid_discovery_document_exits_2_naming_the_cause() {
    let url = serve_fixed(r#"{"opis_version": "0.1.0", "platform": {"name": "x"}, "profiles": [], "endpoints": {}}"#);
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["certify", &url, "--out", dir.path().to_str().unwrap(), "-q"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("invalid discovery document") && stderr.contains("homepage"), "{stderr}");
    // The report is still written: CORE-01 fails, nothing passes.
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    let outcomes: Vec<(&str, &str)> = report["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["outcome"].as_str().unwrap()))
        .collect();
    assert!(outcomes.contains(&("CORE-01", "fail")), "{outcomes:?}");
    assert!(outcomes.iter().all(|(_, o)| *o != "pass"), "{outcomes:?}");
}

#[test]
fn a_target_file_with_a_syntax_error_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("target.toml");
    std::fs::write(&path, "base_url = \"http://127.0.0.1:9\"\n[options]\nrequest_timeout_secs = = 3\n").unwrap();
    let out = run(&["certify", "--target", path.to_str().unwrap(), "--no-out"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["certify", "--profile", "no-such-profile"]).status.code(), Some(2));
    assert_eq!(run(&["certify", "--reference-fault", "no-such-fault", "--no-out"]).status.code(), Some(2));
    assert_eq!(run(&["certify", "ftp://example.org", "--no-out"]).status.code(), Some(2));
}

#[test]
fn requirements_json_lists_every_requirement_with_a_trace_and_a_scenario() {
    let out = run(&["requirements", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), opis_spec::Registry::load().unwrap().all().len());
    for r in &list {
        assert!(!r["traces"]["policy"].as_array().unwrap().is_empty(), "{r}");
        let untested = r.get("not_tested_reason").is_some();
        assert!(untested || !r["scenarios"].as_array().unwrap().is_empty(), "{r}");
    }
}

#[test]
fn selftest_catches_every_fault_and_nothing_escapes() {
    let out = run(&["selftest"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let summary = stdout.lines().find(|l| l.starts_with("faults: ")).expect("summary line");
    assert!(summary.contains("escaped: 0"), "{summary}");
    let n = hutong_reference::catalog().unwrap().len();
    assert!(summary.starts_with(&format!("faults: {n}, caught: {n},")), "{summary}");
}

/// A listener that counts the connections made to it, until the test ends.
fn counting_listener() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    (format!("http://{addr}"), count)
}

// See: issue 11 — `--tags '@req:OE-99'` selected nothing and exited 0; a malformed expression
// was noticed only after contacting the target; a target file without `base_url` certified the
// built-in reference platform and exited 0.
#[test]
fn selections_that_cannot_run_and_targets_without_a_url_are_refused_before_any_request() {
    let (url, connections) = counting_listener();
    for (tags, says) in [("@req:OE-99", "selects no scenario"), ("@req:AI-01 and", "invalid tag expression"), ("(@req:AI-01", "invalid tag expression")] {
        let out = run(&["certify", &url, "--tags", tags, "--no-out", "-q"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{tags}: {stderr}");
        assert!(stderr.contains(says), "{tags}: {stderr}");
    }
    let out = run(&["certify", &url, "--profile", "cloud-migration", "--tags", "@req:AI-01", "--no-out", "-q"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("target.toml");
    std::fs::write(&path, "[options]\nrequest_timeout_secs = 3\n").unwrap();
    let out = run(&["certify", "--target", path.to_str().unwrap(), "--no-out"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("base_url"), "the message says what to write: {stderr}");
    assert!(text(&out.stdout).is_empty(), "nothing was certified: {}", text(&out.stdout));
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 0, "no request reached the target");
}

// See: issue 11 — a tag-filtered run reported `conformant` in the signed report.json.
#[test]
fn a_tag_filtered_run_is_partial_in_every_output_and_exits_0_when_nothing_failed() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["certify", "--tags", "@req:CORE-01", "--out", dir.path().to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("partial run"), "{stdout}");
    assert!(!stdout.lines().any(|l| l.split_whitespace().nth(1) == Some("conformant")), "{stdout}");
    assert!(stdout.contains("built-in reference platform"), "the terminal says what was certified: {stdout}");
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    for p in report["profiles"].as_array().unwrap() {
        assert_eq!(p["verdict"], "partial", "{p}");
    }
    assert!(report["target"]["builtin_reference"].as_str().is_some_and(|s| s.contains("built-in reference")), "{}", report["target"]);
    for (file, says) in [("summary.md", "Partial run"), ("report.html", "partial run"), ("summary.md", "Built-in reference"), ("junit.xml", "builtin_reference")] {
        let body = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(body.contains(says), "{file} says {says:?}");
        assert!(!body.to_lowercase().contains(">conformant<") && !body.contains("**conformant**"), "{file} shows no conformant verdict");
    }
}
