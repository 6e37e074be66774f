//! `certify --waivers FILE` (issue 17): a waived requirement keeps its real outcome, shows as
//! waived in every format, and the verdict is `conformant_with_waivers` — signed with the report;
//! expired, unknown or malformed waivers exit 2 before any request.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn hutong(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hutong")).args(args).current_dir(dir).output().expect("run hutong")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn waiver(id: &str, expires: &str) -> String {
    format!(
        "[[waiver]]\nrequirement = \"{id}\"\nreason = \"Problem details arrive with the API v3 release\"\nlink = \"https://registry.example/waivers/17\"\ngranted_by = \"OPIS certification board\"\nexpires = {expires}\n"
    )
}

#[test]
fn a_waived_failure_keeps_its_outcome_and_the_verdict_says_with_waivers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("waivers.toml"), waiver("OE-03", "2099-12-31")).unwrap();
    assert_eq!(hutong(&["keygen", "--out", "k.key"], dir).status.code(), Some(0));
    let out = hutong(
        &["certify", "--quiet", "--reference-fault", "errors-html-on-one-endpoint", "--waivers", "waivers.toml", "--out", "run", "--sign", "k.key"],
        dir,
    );
    assert_eq!(out.status.code(), Some(0), "conformant with waivers exits 0: {}", text(&out));
    assert!(text(&out).contains("conformant_with_waivers"), "{}", text(&out));

    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("run/report.json")).unwrap()).unwrap();
    hutong_checks::schema::SchemaSet::embedded().check("report.schema.json", &report, hutong_model::Message::verbatim("report.json")).unwrap_or_else(|f| panic!("{}", f.message));
    let oe03 = report["requirements"].as_array().unwrap().iter().find(|r| r["id"] == "OE-03").unwrap();
    assert_eq!(oe03["outcome"], "fail", "a waived requirement keeps its real outcome");
    assert_eq!(report["waivers"][0]["requirement"], "OE-03");
    assert_eq!(report["waivers"][0]["expires"], "2099-12-31");
    let verdict = |p: &str| report["profiles"].as_array().unwrap().iter().find(|x| x["profile"] == p).unwrap()["verdict"].clone();
    assert_eq!(verdict("open-ecosystem"), "conformant_with_waivers");
    assert_eq!(verdict("anti-incompatibility"), "conformant", "a waiver of another profile's requirement changes nothing");
    for (file, mark) in [
        ("junit.xml", "waived=\"true\""),
        ("summary.md", "conformant with waivers"),
        ("report.html", "<span class=\"waived\">waived</span>"),
        ("report.csv", "OPIS certification board"),
    ] {
        let body = std::fs::read_to_string(dir.join("run").join(file)).unwrap();
        assert!(body.contains(mark), "{file} shows the waiver ({mark})");
    }

    // The waivers are signed with the report: removing one is detected.
    let ok = hutong(&["verify", "run", "--key", "k.key.pub"], dir);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    let path = dir.join("run/report.json");
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, original.replace("conformant_with_waivers", "conformant")).unwrap();
    let bad = hutong(&["verify", "run", "--key", "k.key.pub"], dir);
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
}

/// A listener that counts the connections made to it.
fn counting_listener() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (format!("http://{addr}"), count)
}

#[test]
fn unusable_waivers_exit_2_before_any_request() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (url, connections) = counting_listener();
    for (name, body, says) in [
        ("expired", waiver("OE-03", "2020-01-01"), "expired on 2020-01-01"),
        ("unknown", waiver("OE-99", "2099-12-31"), "OE-99, which is not a requirement"),
        ("twice", format!("{0}{0}", waiver("OE-03", "2099-12-31")), "waived twice"),
        ("malformed", "[[waiver]]\nrequirement = \"OE-03\"\n".to_string(), "not a waiver file"),
        ("no link", waiver("OE-03", "2099-12-31").replace("https://registry.example/waivers/17", "see the minutes"), "link"),
    ] {
        std::fs::write(dir.join("w.toml"), body).unwrap();
        let out = hutong(&["certify", &url, "--waivers", "w.toml", "--no-out", "-q"], dir);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        assert!(text(&out).contains(says), "{name}: {}", text(&out));
    }
    let out = hutong(&["certify", &url, "--waivers", "missing.toml", "--no-out", "-q"], dir);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert_eq!(connections.load(Ordering::SeqCst), 0, "no request reached the target");
}
