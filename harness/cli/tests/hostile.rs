//! The harness against a hostile platform: one test per behaviour of
//! `fixtures/hostile/behaviours.toml`. Each runs the `hutong` binary on the behaviour and checks
//! that it does not crash (exit code 0, 1 or 2; never a panic or a signal), ends within its
//! global deadline, writes a parseable report, gives the affected requirements the declared
//! `error` or `fail` (never `pass`) and every other requirement its result on the plain platform,
//! echoes no escape sequence or script, forwards no credential to another host, and sends one
//! consistent, configured User-Agent.

use hutong_hostile::{Behaviour, RunningHostile};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Global deadline of each run (target option `run_deadline_secs`).
const RUN_DEADLINE: Duration = Duration::from_secs(8);
/// Per-request timeout of each run (target option `request_timeout_secs`).
const REQUEST_TIMEOUT_SECS: u64 = 2;
/// Time a run may take past its deadline: writing the report, shutting down.
const GRACE: Duration = Duration::from_secs(10);
/// The User-Agent the target file configures.
const USER_AGENT: &str = "hostile-suite-agent/1.0 (+consistency)";
/// A run's peak resident memory above this is a leak or an unbounded buffer (the largest run
/// peaks near 60 MiB; before export comparisons were bounded, an endless export file took 400).
const MAX_PEAK_RSS_KIB: u64 = 160 * 1024;

/// What one `hutong certify` against a behaviour produced.
struct Run {
    code: i32,
    elapsed: Duration,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    report: Value,
    peak_rss_kib: u64,
    out: tempfile::TempDir,
    requests: Vec<hutong_hostile::SeenRequest>,
    elsewhere: Vec<hutong_hostile::SeenRequest>,
}

/// Peak resident memory of a running process (`VmHWM`), in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn certify(behaviour: &str, insecure: bool) -> Run {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let server: RunningHostile =
        runtime.block_on(hutong_hostile::spawn(behaviour, "127.0.0.1:0".parse().expect("address"))).expect("hostile platform");
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("target.toml");
    std::fs::write(
        &target,
        format!(
            "[options]\nuser_agent = \"{USER_AGENT}\"\nrequest_timeout_secs = {REQUEST_TIMEOUT_SECS}\nrun_deadline_secs = {}\n",
            RUN_DEADLINE.as_secs()
        ),
    )
    .expect("target file");
    let report_dir = out.path().join("run");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["certify", &server.base_url, "--seed", "7", "--target"])
        .arg(&target)
        .arg("--out")
        .arg(&report_dir)
        .args(insecure.then_some("--insecure"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hutong starts");
    let mut stdout_pipe = child.stdout.take().expect("stdout");
    let mut stderr_pipe = child.stderr.take().expect("stderr");
    let stdout_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut b);
        b
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut b);
        b
    });
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > RUN_DEADLINE + GRACE {
            let _ = child.kill();
            let _ = child.wait();
            server.stop();
            panic!("{behaviour}: hutong hangs: still running {:?} after its {RUN_DEADLINE:?} deadline", started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    let elapsed = started.elapsed();
    let stdout = stdout_reader.join().expect("stdout reader");
    let stderr = stderr_reader.join().expect("stderr reader");
    let requests = server.observed.platform_requests();
    let elsewhere = server.observed.elsewhere_requests();
    server.stop();
    drop(runtime);
    let Some(code) = status.code() else {
        panic!("{behaviour}: hutong was killed by a signal ({status}); stderr: {}", String::from_utf8_lossy(&stderr))
    };
    let report_path = report_dir.join("report.json");
    let text = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|e| panic!("{behaviour}: no report.json ({e}); exit {code}; stderr: {}", String::from_utf8_lossy(&stderr)));
    let report: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{behaviour}: report.json is not JSON: {e}"));
    Run { code, elapsed, stdout, stderr, report, peak_rss_kib: peak, out, requests, elsewhere }
}

fn outcomes(report: &Value) -> BTreeMap<String, String> {
    report["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .map(|r| (r["id"].as_str().expect("id").to_string(), r["outcome"].as_str().expect("outcome").to_string()))
        .collect()
}

/// The outcomes on the plain reference platform, behind the same fixture.
fn baseline() -> &'static BTreeMap<String, String> {
    static BASELINE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    BASELINE.get_or_init(|| {
        let run = certify("none", false);
        assert_eq!(run.code, 0, "the plain platform is conformant: {}", String::from_utf8_lossy(&run.stdout));
        outcomes(&run.report)
    })
}

/// Every file under `dir`.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains_script(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).to_ascii_lowercase().contains("<script")
}

fn behaviour(name: &str) -> Behaviour {
    hutong_hostile::catalog().expect("catalog").into_iter().find(|b| b.name == name).expect("behaviour in the catalog")
}

fn check_behaviour(name: &str) {
    let behaviour = behaviour(name);
    let baseline = baseline().clone();
    let run = certify(name, behaviour.insecure);
    let context = || {
        format!(
            "{name}: exit {}, stdout:\n{}\nstderr:\n{}",
            run.code,
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        )
    };

    // No crash, and the declared kind of ending.
    assert!([0, 1, 2].contains(&run.code), "unexpected exit code; {}", context());
    if behaviour.fatal {
        assert_eq!(run.code, 2, "a run that cannot certify exits 2; {}", context());
        assert!(String::from_utf8_lossy(&run.stderr).starts_with("hutong: "), "a one-line reason on stderr; {}", context());
    }
    assert!(run.elapsed <= RUN_DEADLINE + GRACE, "{name}: took {:?}", run.elapsed);
    assert!(run.peak_rss_kib <= MAX_PEAK_RSS_KIB, "{name}: peak memory {} KiB", run.peak_rss_kib);

    // Declared outcomes for the affected requirements, the baseline for the others.
    let seen = outcomes(&run.report);
    if behaviour.fatal {
        // Without a usable discovery document the claimed profiles are unknown: core at least.
        assert!(seen.contains_key("CORE-01") && seen.keys().all(|id| baseline.contains_key(id)), "{}", context());
    } else {
        assert_eq!(seen.keys().collect::<Vec<_>>(), baseline.keys().collect::<Vec<_>>(), "{}", context());
    }
    for (id, outcome) in &seen {
        let expected =
            behaviour.expect.get(id).or(behaviour.others.as_ref()).map(|e| e.as_str().to_string()).unwrap_or_else(|| baseline[id].clone());
        if behaviour.expect.contains_key(id) {
            assert_ne!(outcome, "pass", "{id} passed what the harness could not check; {}", context());
        }
        assert_eq!(outcome, &expected, "{id}; {}", context());
    }

    // Nothing echoed from the target can drive a terminal or inject markup.
    for (what, bytes) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(!bytes.contains(&0x1b), "{name}: raw ESC in {what}");
        assert!(!String::from_utf8_lossy(bytes).contains('\u{202E}'), "{name}: bidirectional override in {what}");
    }
    // The seed of the randomised request orders is in the report, to reproduce the run.
    if !behaviour.fatal {
        assert_eq!(run.report["configuration"]["seed"], 7, "{name}: seed not in the report");
    }
    for file in files_under(run.out.path()) {
        let bytes = std::fs::read(&file).expect("output file");
        assert!(!bytes.contains(&0x1b), "{name}: raw ESC in {}", file.display());
        let text = String::from_utf8_lossy(&bytes);
        for scheme in ["Bearer ", "Basic "] {
            for (at, _) in text.match_indices(scheme) {
                // A credential is redacted; a challenge (`WWW-Authenticate: Bearer realm=…`) is not one.
                let rest = &text[at + scheme.len()..];
                let ok = ["[REDACTED]", "realm=", "error="].iter().any(|p| rest.starts_with(p));
                assert!(ok, "{name}: an unredacted credential in {}", file.display());
            }
        }
        let is_report = file.file_name().is_some_and(|n| n == "report.json" || n == "junit.xml");
        if is_report {
            assert!(!contains_script(&bytes), "{name}: unescaped <script> in {}", file.display());
        }
    }

    // No credential ever reached another host.
    let leaked: Vec<_> = run.elsewhere.iter().filter(|r| r.carried_credentials).collect();
    assert!(leaked.is_empty(), "{name}: credentials forwarded to another host: {leaked:?}");

    // One consistent, configured User-Agent (the app-identity corpus aside).
    let corpus = corpus_user_agents();
    for r in run.requests.iter().chain(&run.elsewhere) {
        let ua = r.user_agent.as_deref().unwrap_or_default();
        assert!(ua == USER_AGENT || corpus.iter().any(|c| c == ua), "{name}: {} {} sent User-Agent {ua:?}", r.method, r.target);
    }
    // (A TLS handshake the harness refuses carries no request at all.)
    let any = !run.requests.is_empty();
    assert!(
        !any || run.requests.iter().any(|r| r.user_agent.as_deref() == Some(USER_AGENT)),
        "{name}: the configured User-Agent was never sent"
    );
    eprintln!("{name}: exit {} in {:?}, peak {} KiB", run.code, run.elapsed, run.peak_rss_kib);
}

/// User-Agents of the embedded app-identity corpus (read from the corpus file itself).
fn corpus_user_agents() -> Vec<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/app-identities.toml")).expect("corpus");
    let value: toml::Value = toml::from_str(&text).expect("corpus TOML");
    value["app"].as_array().into_iter().flatten().filter_map(|a| a.get("user_agent").and_then(|u| u.as_str()).map(str::to_string)).collect()
}

macro_rules! hostile_tests {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                check_behaviour($name);
            }
        )*
        /// The behaviours with a test above.
        const TESTED: &[&str] = &[$($name),*];
    };
}

hostile_tests! {
    discovery_huge_declared_length => "discovery-huge-declared-length",
    discovery_endless_chunked => "discovery-endless-chunked",
    discovery_gzip_bomb => "discovery-gzip-bomb",
    discovery_brotli_bomb => "discovery-brotli-bomb",
    discovery_slow_drip => "discovery-slow-drip",
    discovery_no_answer => "discovery-no-answer",
    discovery_reset_mid_body => "discovery-reset-mid-body",
    discovery_huge_headers => "discovery-huge-headers",
    discovery_redirect_loop => "discovery-redirect-loop",
    discovery_redirect_off_host => "discovery-redirect-off-host",
    discovery_deep_nesting => "discovery-deep-nesting",
    discovery_malformed_json => "discovery-malformed-json",
    discovery_invalid_utf8 => "discovery-invalid-utf8",
    discovery_duplicate_keys => "discovery-duplicate-keys",
    discovery_nan_number => "discovery-nan-number",
    discovery_wrong_content_type => "discovery-wrong-content-type",
    discovery_endpoint_off_origin => "discovery-endpoint-off-origin",
    hostile_text_in_names => "hostile-text-in-names",
    hostile_text_in_errors => "hostile-text-in-errors",
    openapi_deep_nesting => "openapi-deep-nesting",
    openapi_gzip_bomb => "openapi-gzip-bomb",
    oauth_metadata_invalid_utf8 => "oauth-metadata-invalid-utf8",
    token_endpoint_off_origin => "token-endpoint-off-origin",
    token_redirect_off_host => "token-redirect-off-host",
    token_no_answer => "token-no-answer",
    products_redirect_loop => "products-redirect-loop",
    products_redirect_off_host => "products-redirect-off-host",
    pagination_cycle => "pagination-cycle",
    pagination_endless => "pagination-endless",
    ua_sniffing => "ua-sniffing",
    messages_reset_mid_body => "messages-reset-mid-body",
    export_never_completes => "export-never-completes",
    export_job_redirect_off_host => "export-job-redirect-off-host",
    export_job_slow_drip => "export-job-slow-drip",
    manifest_absurd_counts => "manifest-absurd-counts",
    manifest_path_traversal => "manifest-path-traversal",
    manifest_malformed_json => "manifest-malformed-json",
    export_file_gzip_bomb => "export-file-gzip-bomb",
    export_file_endless => "export-file-endless",
    tls_self_signed => "tls-self-signed",
    tls_self_signed_insecure => "tls-self-signed-insecure",
    discovery_nesting_near_limit => "discovery-nesting-near-limit",
    manifest_schema_nesting_near_limit => "manifest-schema-nesting-near-limit",
    pagination_next_off_host => "pagination-next-off-host",
    export_location_off_host => "export-location-off-host",
    message_location_off_host => "message-location-off-host",
    discovery_endpoint_flood => "discovery-endpoint-flood",
    s3_listing_cycle => "s3-listing-cycle",
    s3_object_endless => "s3-object-endless",
    s3_credentials_off_origin => "s3-credentials-off-origin",
    test_resources_undeclared => "test-resources-undeclared",
}

#[test]
fn every_behaviour_of_the_catalog_has_a_test() {
    let catalog: Vec<String> = hutong_hostile::catalog().expect("catalog").into_iter().map(|b| b.name).collect();
    let mut tested: Vec<String> = TESTED.iter().map(|s| s.to_string()).collect();
    let mut declared = catalog.clone();
    tested.sort();
    declared.sort();
    assert_eq!(tested, declared);
    assert!(catalog.len() >= 25, "at least 25 hostile behaviours");
}

#[test]
fn a_closed_stdout_ends_nothing_but_the_printing() {
    // `hutong certify … | head -1`: the reader goes away; the run still writes its report and
    // exits with its verdict, not with a panic (101).
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
    let server = runtime.block_on(hutong_hostile::spawn("none", "127.0.0.1:0".parse().expect("address"))).expect("platform");
    let out = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["certify", &server.base_url, "--quiet", "--out"])
        .arg(out.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("hutong starts");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    server.stop();
    assert_eq!(status.code(), Some(0), "{status}");
    assert!(out.path().join("report.json").is_file());
}
