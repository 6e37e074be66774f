//! `hutong index` (issue 17): over 200 signed runs, every tampered run (edited report, edited or
//! missing evidence, another key, no signature, another suite) is rejected and named by its
//! directory, and the site lists exactly the rest; the site renders in headless Chromium without
//! a single request leaving the machine.
//!
//! The runs are synthetic reports signed with a test key (certifying 200 times would take long
//! and prove nothing more about the index).

mod support;

use hutong_model::{
    EvidenceRef, Outcome, ProfileResult, Report, RequirementResult, ScenarioResult, SuiteInfo, TargetInfo, Totals, Waiver,
};
use opis_spec::Profile;
use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

const RUNS: usize = 200;
const PLATFORMS: usize = 50;

/// A signed run of platform `i % PLATFORMS`, its `i / PLATFORMS`-th, in `dir`. Every fifth
/// platform fails AI-01; every seventh has AI-01 waived.
fn signed_run(dir: &Path, i: usize, key: &hutong_report::sign::SigningKey) {
    let platform = i % PLATFORMS;
    let registry = opis_spec::Registry::embedded();
    let fails = platform % 5 == 0;
    let waived = platform % 7 == 0;
    let evidence_file = "evidence/anti-incompatibility-links--7.json".to_string();
    let requirements: Vec<RequirementResult> = registry
        .all()
        .iter()
        .map(|r| {
            let outcome = if r.id == "AI-01" && (fails || waived) { Outcome::Fail } else { Outcome::Pass };
            let scenarios = vec![ScenarioResult {
                feature: "features/anti-incompatibility/links.feature".into(),
                name: "Links are not blocked".into(),
                line: 7,
                outcome,
                message: "m".into(),
                text: None,
                exchanges: 2,
                evidence: Some(evidence_file.clone()),
                decisive_exchanges: if outcome == Outcome::Pass { vec![0, 1] } else { vec![1] },
                duration_ms: 3,
                needs: Vec::new(),
            }];
            RequirementResult {
                id: r.id.clone(),
                profile: r.profile,
                level: r.level,
                title_en: r.title.en.clone(),
                title_zh: r.title.zh.clone(),
                policy: r.traces.policy.clone(),
                outcome,
                not_applicable_reason: None,
                message: if outcome == Outcome::Fail { "links to www.taobao.com are rewritten to a warning page".into() } else { "as required".into() },
                text: None,
                evidence: hutong_model::decisive_evidence(outcome, &scenarios),
                scenarios,
                limitation_texts: Vec::new(),
                limitations: Vec::new(),
                blocked_by: Vec::new(),
            }
        })
        .collect();
    let waivers = if waived {
        vec![Waiver {
            requirement: "AI-01".into(),
            reason: "court order pending appeal".into(),
            link: "https://registry.example/waivers/7".into(),
            granted_by: "OPIS board".into(),
            expires: "2099-12-31".into(),
        }]
    } else {
        Vec::new()
    };
    let profiles = Profile::ALL
        .iter()
        .map(|p| ProfileResult {
            profile: *p,
            verdict: Report::verdict_for(&requirements, *p, true, false, &waivers),
            totals: Totals::of(requirements.iter().filter(|r| r.profile == *p)),
            limitations: Vec::new(),
        })
        .collect();
    let mut report = Report {
        format_version: hutong_model::REPORT_FORMAT_VERSION.into(),
        suite: SuiteInfo {
            opis_version: opis_spec::OPIS_VERSION.into(),
            suite_hash: opis_spec::SUITE_HASH.into(),
            harness_version: "0.1.0".into(),
            judging_digest: Some(hutong_runner::runner::JUDGING_DIGEST.into()),
        },
        target: TargetInfo {
            base_url: format!("https://platform-{platform}.example/"),
            platform_name: Some(format!("Platform {platform:02}")),
            claimed_profiles: Profile::ALL.iter().copied().filter(|p| *p != Profile::Core).collect(),
            builtin_reference: None,
            opis_version: Some(opis_spec::OPIS_VERSION.into()),
        },
        selected_profiles: Profile::ALL.to_vec(),
        tag_filter: None,
        configuration: serde_json::json!({}),
        started_at: format!("2026-{:02}-{:02}T08:00:00Z", 1 + i / PLATFORMS, 1 + platform % 28),
        finished_at: format!("2026-{:02}-{:02}T08:05:00Z", 1 + i / PLATFORMS, 1 + platform % 28),
        totals: Totals::of(&requirements),
        requirements,
        profiles,
        evidence: Vec::<EvidenceRef>::new(),
        waivers,
        history: None,
    };
    let exchange = |seq: usize| {
        serde_json::json!({ "seq": seq, "label": "links", "method": "GET", "url": format!("https://platform-{platform}.example/items/{seq}"),
            "request_headers": [], "request_body": null, "status": 200, "response_headers": [], "response_body": null,
            "redirects": [], "started_at": "2026-01-01T08:00:00Z", "elapsed_ms": 1.0, "error": null })
    };
    let evidence = BTreeMap::from([(evidence_file, serde_json::json!([exchange(0), exchange(1)]))]);
    hutong_report::write_outputs(dir, &mut report, &evidence).unwrap();
    hutong_report::sign::sign_report_file(&dir.join("report.json"), key).unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no {from:?} to edit", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// 200 signed runs in `root/run-NNN`, six of them tampered with; returns every directory and the
/// tampered ones with what is wrong.
fn runs_with_tampering(root: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, &'static str)>, PathBuf) {
    let key = hutong_report::sign::signing_key_from_seed([7; 32]);
    let other = hutong_report::sign::signing_key_from_seed([8; 32]);
    let (_, public) = hutong_report::sign::encode_keys(&key).unwrap();
    let pubfile = root.join("registry.pub");
    std::fs::write(&pubfile, public).unwrap();
    let dirs: Vec<PathBuf> = (0..RUNS).map(|i| root.join(format!("run-{i:03}"))).collect();
    for (i, dir) in dirs.iter().enumerate() {
        signed_run(dir, i, if i == 101 { &other } else { &key });
    }
    // An edited verdict, edited evidence, a deleted evidence file, a missing signature, a report
    // of another suite signed with the right key.
    edit(&dirs[15].join("report.json"), "\"not_conformant\"", "\"conformant\"");
    edit(&dirs[57].join("evidence/anti-incompatibility-links--7.json"), "items/1", "items/2");
    std::fs::remove_file(dirs[88].join("evidence/anti-incompatibility-links--7.json")).unwrap();
    std::fs::remove_file(dirs[150].join("report.json.sig")).unwrap();
    edit(&dirs[177].join("report.json"), opis_spec::SUITE_HASH, "sha256:0000");
    hutong_report::sign::sign_report_file(&dirs[177].join("report.json"), &key).unwrap();
    let tampered = vec![
        (dirs[15].clone(), "signature does not match"),
        (dirs[57].clone(), "does not match the recorded"),
        (dirs[88].clone(), "cannot read"),
        (dirs[101].clone(), "made with key"),
        (dirs[150].clone(), "report.json.sig"),
        (dirs[177].clone(), "suite hash"),
    ];
    (dirs, tampered, pubfile)
}

fn index(dirs: &[PathBuf], pubfile: &Path, site: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hutong")).arg("index").args(dirs).arg("--key").arg(pubfile).arg("--out").arg(site).output().expect("run hutong index")
}

#[test]
fn index_names_every_tampered_run_and_lists_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let (dirs, tampered, pubfile) = runs_with_tampering(tmp.path());
    let site = tmp.path().join("site");
    let out = index(&dirs, &pubfile, &site);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a rejected run exits 1: {stderr}");

    // Every tampered run is named by its directory, with what is wrong; no other run is.
    let rejected: Vec<&str> = stderr.lines().filter_map(|l| l.strip_prefix("REJECTED  ")).collect();
    assert_eq!(rejected.len(), tampered.len(), "{stderr}");
    for (dir, why) in &tampered {
        let name = dir.display().to_string();
        assert!(rejected.contains(&name.as_str()), "{name} is not named: {stderr}");
        let block: String = stderr.split("REJECTED  ").find(|b| b.starts_with(&name)).unwrap().to_string();
        assert!(block.contains(why), "{name}: expected {why:?} in {block}");
    }

    // The site lists exactly the rest, each run with its links and a badge per profile.
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(site.join("index.json")).unwrap()).unwrap();
    assert_eq!(json["format"], "hutong-index-1");
    let platforms = json["platforms"].as_array().unwrap();
    assert_eq!(platforms.len(), PLATFORMS);
    let listed: Vec<&str> = platforms.iter().flat_map(|p| p["runs"].as_array().unwrap()).map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(listed.len(), RUNS - tampered.len());
    for dir in &dirs {
        let id = dir.file_name().unwrap().to_str().unwrap();
        let is_tampered = tampered.iter().any(|(d, _)| d == dir);
        assert_eq!(listed.contains(&id), !is_tampered, "{id}");
        assert_eq!(site.join("runs").join(id).is_dir(), !is_tampered, "{id} in the site");
    }
    for p in platforms {
        assert_eq!(p["profiles"].as_array().unwrap().len(), Profile::ALL.len());
        for e in p["profiles"].as_array().unwrap() {
            let badge = std::fs::read_to_string(site.join(e["badge"].as_str().unwrap())).unwrap();
            assert!(badge.starts_with("<svg") && badge.contains("OPIS "), "{badge}");
        }
        let run = &p["runs"][0];
        for link in ["report_json", "signature", "html_en", "html_zh", "csv"] {
            assert!(site.join(run["links"][link].as_str().unwrap()).is_file(), "{link} of {}", run["id"]);
        }
    }
    // Platform 07 has AI-01 waived: its latest verdict says so, with the waiver.
    let waived = platforms.iter().find(|p| p["name"] == "Platform 07").unwrap();
    let ai = waived["profiles"].as_array().unwrap().iter().find(|e| e["profile"] == "anti-incompatibility").unwrap();
    assert_eq!(ai["verdict"], "conformant_with_waivers");
    assert_eq!(waived["runs"][0]["waivers"][0]["requirement"], "AI-01");
    assert_eq!(ai["since"], "2026-01-08T08:00:00Z", "since the first of its runs with that verdict");
    let failing = platforms.iter().find(|p| p["name"] == "Platform 05").unwrap();
    assert_eq!(failing["runs"][0]["verdict"], "not_conformant");
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    let zh = std::fs::read_to_string(site.join("index.zh.html")).unwrap();
    assert!(html.contains("Platform 07") && html.contains("conformant with waivers") && html.contains("href=\"index.zh.html\""));
    assert!(zh.contains("<html lang=\"zh-CN\">") && zh.contains("符合（含豁免）") && zh.contains("认证名录"));

    // What is published verifies on its own.
    let copy = site.join("runs").join(listed[0]);
    let verify = Command::new(env!("CARGO_BIN_EXE_hutong")).arg("verify").arg(&copy).arg("--key").arg(&pubfile).output().unwrap();
    assert_eq!(verify.status.code(), Some(0), "{}", String::from_utf8_lossy(&verify.stderr));

    // Indexing again over the same site replaces it; with every run sound it exits 0, and a run
    // given twice is listed once.
    let good: Vec<PathBuf> = dirs.iter().filter(|d| !tampered.iter().any(|(t, _)| t == *d)).cloned().collect();
    let twice: Vec<PathBuf> = good.iter().chain(good.iter().take(3)).cloned().collect();
    let again = index(&twice, &pubfile, &site);
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stderr));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(site.join("index.json")).unwrap()).unwrap();
    let runs: usize = json["platforms"].as_array().unwrap().iter().map(|p| p["runs"].as_array().unwrap().len()).sum();
    assert_eq!(runs, good.len());
    let published = std::fs::read_dir(site.join("runs")).unwrap().count();
    assert_eq!(published, good.len(), "the previous site is replaced, not added to");
    // A key that cannot be read is a usage error.
    let bad_key = index(&good[..1], &tmp.path().join("missing.pub"), &site);
    assert_eq!(bad_key.status.code(), Some(2));
}

/// A proxy that records the first line of every request sent through it and answers 502.
fn recording_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let _ = BufReader::new(&stream).read_line(&mut line);
            record.lock().unwrap().push(line.trim().to_string());
            let _ = std::io::Write::write_all(&mut &stream, b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    (format!("http://{addr}"), seen)
}

/// Hosts of Chromium's own services (network time, component updates, account checks), which a
/// headless Chromium may contact whatever page it shows: not requests of the page.
const BROWSER_SERVICES: [&str; 3] = ["clients2.google.com", "update.googleapis.com", "accounts.google.com"];

/// The requests `seen` by the proxy that are not Chromium's own.
fn page_requests(seen: &Mutex<Vec<String>>) -> Vec<String> {
    seen.lock().unwrap().iter().filter(|l| !BROWSER_SERVICES.iter().any(|h| l.contains(&format!("{h}/")) || l.contains(&format!("{h}:")))).cloned().collect()
}

/// Renders `page` in headless Chromium with every request sent through `proxy`; returns the
/// console messages.
fn render_through(chromium: &Path, page: &Path, proxy: &str, work: &Path) -> Vec<String> {
    let profile = tempfile::tempdir_in(work).unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-pings",
            "--disable-domain-reliability",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!("--proxy-server={proxy}"))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("start chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect()
}

#[test]
fn the_site_renders_without_any_outside_request() {
    let Some(chromium) = support::chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let key = hutong_report::sign::signing_key_from_seed([7; 32]);
    let (_, public) = hutong_report::sign::encode_keys(&key).unwrap();
    let pubfile = tmp.path().join("registry.pub");
    std::fs::write(&pubfile, public).unwrap();
    let dirs: Vec<PathBuf> = [0usize, 5, 7].iter().map(|i| tmp.path().join(format!("run-{i:03}"))).collect();
    for (dir, i) in dirs.iter().zip([0usize, 5, 7]) {
        signed_run(dir, i, &key);
    }
    let site = tmp.path().join("site");
    assert_eq!(index(&dirs, &pubfile, &site).status.code(), Some(0));

    // The detector sees a page that does load something from outside.
    let (proxy, seen) = recording_proxy();
    let control = tmp.path().join("control.html");
    std::fs::write(&control, "<!DOCTYPE html><html><body><img src=\"http://registry.example/badge.svg\"></body></html>").unwrap();
    render_through(&chromium, &control, &proxy, tmp.path());
    assert!(page_requests(&seen).iter().any(|l| l.contains("registry.example")), "the proxy sees outside requests: {:?}", seen.lock().unwrap());
    seen.lock().unwrap().clear();

    for page in [site.join("index.html"), site.join("index.zh.html"), site.join("runs/run-005/report.html"), site.join("runs/run-007/report.zh.html")] {
        let console = render_through(&chromium, &page, &proxy, tmp.path());
        assert!(console.is_empty(), "{}: console messages {console:#?}", page.display());
        let requests = page_requests(&seen);
        assert!(requests.is_empty(), "{} sent requests: {requests:?}", page.display());
    }
}
