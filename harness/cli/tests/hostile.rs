//! The harness against a hostile platform: one test per behaviour of
//! `fixtures/hostile/behaviours.toml`. Each runs the `hutong` binary on the behaviour and checks
//! that it does not crash (exit code 0, 1 or 2; never a panic or a signal), does not hang, writes
//! a parseable report, gives the affected requirements the declared `error` or `fail` (never
//! `pass`) and every other requirement its result on the plain platform, echoes no escape
//! sequence or script, forwards no credential to another host, and sends one consistent,
//! configured User-Agent.
//!
//! No outcome depends on how fast the machine is (issue 11: on a busy 2-core machine, short
//! bounds for every run turned healthy requirements into `error`). A run gets bounds no healthy
//! answer comes near; only a `timed` behaviour, which nothing but a time bound ends, gets short
//! ones, and then a requirement it does not name may also be an `error` that says a time bound
//! ran out — never a `fail`, and never a `pass` of a requirement it names.

use hutong_hostile::{Behaviour, RunningHostile};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The time bounds of one run (target options `request_timeout_secs`, `run_deadline_secs`).
#[derive(Debug, Clone, Copy)]
struct Bounds {
    request_timeout_secs: u64,
    run_deadline_secs: u64,
}

/// Bounds of a run whose behaviour ends on its own or at a size, count or redirect limit: the
/// product's default run deadline and four times its request timeout, far beyond what any
/// healthy answer of the reference takes on a loaded machine. They only stop a hang.
const GENEROUS: Bounds = Bounds { request_timeout_secs: 60, run_deadline_secs: 600 };
/// Bounds of a run whose behaviour only a time bound ends (`timed` in the catalog): short, so
/// that the drip, the silence or the endless collection is cut within seconds.
const SHORT: Bounds = Bounds { request_timeout_secs: 2, run_deadline_secs: 8 };
/// How long past its run deadline a `hutong certify` may go on (starting, discovery, writing the
/// report, shutting down; slow on a loaded machine) before the test calls it hung and kills it.
const GRACE: Duration = Duration::from_secs(300);
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

fn certify(behaviour: &str, insecure: bool, bounds: Bounds) -> Run {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let server: RunningHostile =
        runtime.block_on(hutong_hostile::spawn(behaviour, "127.0.0.1:0".parse().expect("address"))).expect("hostile platform");
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("target.toml");
    std::fs::write(
        &target,
        format!(
            "[options]\nuser_agent = \"{USER_AGENT}\"\nrequest_timeout_secs = {}\nrun_deadline_secs = {}\n",
            bounds.request_timeout_secs, bounds.run_deadline_secs
        ),
    )
    .expect("target file");
    let report_dir = out.path().join("run");
    let hang = Duration::from_secs(bounds.run_deadline_secs) + GRACE;
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
        if started.elapsed() > hang {
            let _ = child.kill();
            let _ = child.wait();
            server.stop();
            panic!(
                "{behaviour}: hutong hangs: still running {:?} after starting, {GRACE:?} past its run deadline of {} s",
                started.elapsed(),
                bounds.run_deadline_secs
            );
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

/// Requirement ID → outcome.
fn outcomes(report: &Value) -> BTreeMap<String, String> {
    results(report).into_iter().map(|(id, (outcome, _))| (id, outcome)).collect()
}

/// Requirement ID → (outcome, message).
fn results(report: &Value) -> BTreeMap<String, (String, String)> {
    report["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .map(|r| {
            let text = |key: &str| r[key].as_str().unwrap_or_else(|| panic!("{key} of a requirement")).to_string();
            (text("id"), (text("outcome"), text("message")))
        })
        .collect()
}

/// Whether an `error` says that a time bound ran out: a request's timeout or the scenario's
/// share of the run deadline (`HttpError::Timeout`), or the run deadline itself.
fn time_ran_out(message: &str) -> bool {
    message.contains("timed out after") || message.contains("the run deadline of")
}

/// The outcomes on the plain reference platform, behind the same fixture.
fn baseline() -> &'static BTreeMap<String, String> {
    static BASELINE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    BASELINE.get_or_init(|| {
        let run = certify("none", false, GENEROUS);
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
    let bounds = if behaviour.timed { SHORT } else { GENEROUS };
    let run = certify(name, behaviour.insecure, bounds);
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
    assert!(run.peak_rss_kib <= MAX_PEAK_RSS_KIB, "{name}: peak memory {} KiB", run.peak_rss_kib);

    // Declared outcomes for the affected requirements, the baseline for the others.
    let seen = results(&run.report);
    if behaviour.fatal {
        // Without a usable discovery document the claimed profiles are unknown: core at least.
        assert!(seen.contains_key("CORE-01") && seen.keys().all(|id| baseline.contains_key(id)), "{}", context());
    } else {
        assert_eq!(seen.keys().collect::<Vec<_>>(), baseline.keys().collect::<Vec<_>>(), "{}", context());
    }
    let mut cut = Vec::new();
    // Every deviation at once, so that one run names all of them.
    let mut deviations = Vec::new();
    for (id, (outcome, message)) in &seen {
        if let Some(declared) = behaviour.expect.get(id).or(behaviour.others.as_ref()) {
            if outcome == "pass" {
                deviations.push(format!("{id} passed what the harness could not check (declared {})", declared.as_str()));
            } else if outcome != declared.as_str() {
                deviations.push(format!("{id}: {outcome} ({message}), declared {}", declared.as_str()));
            }
        } else {
            // In a timed run the short bounds may also cut a healthy answer on a busy machine.
            let cut_short = behaviour.timed && outcome == "error" && time_ran_out(message);
            if outcome != &baseline[id] && !cut_short {
                deviations.push(format!("{id}: {outcome} ({message}), {} on the plain platform", baseline[id]));
            }
            if outcome != &baseline[id] {
                cut.push(id.as_str());
            }
        }
    }
    assert!(deviations.is_empty(), "DEVIATIONS of {name}:\n  {}\n{}", deviations.join("\n  "), context());

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
    eprintln!("{name}: exit {} in {:?}, peak {} KiB; not named but cut by a time bound: {cut:?}", run.code, run.elapsed, run.peak_rss_kib);
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
