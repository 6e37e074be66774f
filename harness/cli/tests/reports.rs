//! One `hutong certify --out DIR` run writes every format; report.json validates against
//! `spec/schemas/report.schema.json`; the HTML report loads in headless Chromium with no console
//! message, also when the report carries markup from the target. Without Chromium the browser
//! tests fail under `CI=true` and are skipped elsewhere.

mod support;

use std::path::Path;
use std::process::Command;

const FILES: [&str; 6] = ["report.json", "junit.xml", "cucumber.json", "summary.md", "report.html", "report.csv"];

fn certify(dir: &Path, extra: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["certify", "--quiet", "--out"])
        .arg(dir)
        .args(extra)
        .output()
        .expect("run hutong");
    assert!(out.status.code().is_some(), "hutong was killed");
    out
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

#[test]
fn one_run_writes_every_format_and_the_report_validates() {
    // A clean run and a run with a fault: both reports validate; the failing requirement points
    // at the exchange that decided it.
    let faults = hutong_reference::catalog().expect("fault catalog");
    let fault = faults.first().expect("a declared fault");
    for faults in [vec![], vec!["--reference-fault", fault.name.as_str()]] {
        let tmp = tempfile::tempdir().unwrap();
        let out = certify(tmp.path(), &faults);
        assert_eq!(out.status.code(), Some(if faults.is_empty() { 0 } else { 1 }), "{}", String::from_utf8_lossy(&out.stderr));
        for f in FILES {
            let meta = std::fs::metadata(tmp.path().join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            assert!(meta.len() > 0, "{f} is empty");
        }
        let report = read_json(&tmp.path().join("report.json"));
        hutong_checks::schema::SchemaSet::embedded().check("report.schema.json", &report, hutong_model::Message::verbatim("report.json")).unwrap_or_else(|f| panic!("{}", f.message));
        let evidence = report["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty());
        for e in evidence {
            let path = tmp.path().join(e["path"].as_str().unwrap());
            let exchanges = read_json(&path);
            for x in exchanges.as_array().unwrap() {
                for field in ["method", "url", "status", "request_headers", "response_headers", "response_body", "elapsed_ms"] {
                    assert!(x.get(field).is_some(), "{}: exchange without {field}", path.display());
                }
            }
        }
        for r in report["requirements"].as_array().unwrap() {
            let outcome = r["outcome"].as_str().unwrap();
            if outcome == "pass" || outcome == "fail" {
                let refs = r["evidence"].as_array().unwrap_or_else(|| panic!("{}: no evidence reference", r["id"]));
                for reference in refs {
                    let reference = reference.as_str().unwrap();
                    let (file, index) = reference.split_once("#/").map_or((reference, None), |(f, i)| (f, Some(i.parse::<usize>().unwrap())));
                    let exchanges = read_json(&tmp.path().join(file));
                    if let Some(i) = index {
                        assert!(i < exchanges.as_array().unwrap().len(), "{reference} points past the file");
                    }
                    if outcome == "fail" {
                        assert!(index.is_some(), "{}: a failure names the deciding exchange", r["id"]);
                    }
                }
            }
        }
        let cucumber = read_json(&tmp.path().join("cucumber.json"));
        assert!(cucumber.as_array().is_some_and(|f| !f.is_empty()));
        let junit = std::fs::read_to_string(tmp.path().join("junit.xml")).unwrap();
        assert_eq!(junit.matches("<testcase ").count(), report["requirements"].as_array().unwrap().len());
    }
}

#[test]
fn lang_zh_writes_chinese_summaries() {
    let tmp = tempfile::tempdir().unwrap();
    let out = certify(tmp.path(), &["--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0));
    let md = std::fs::read_to_string(tmp.path().join("summary.md")).unwrap();
    assert!(md.contains("互通认证") && md.contains("（九）"), "{md}");
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("发布互通发现文档"));
    let bad = Command::new(env!("CARGO_BIN_EXE_hutong")).args(["certify", "--no-out", "--lang", "fr"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Loads `page` in headless Chromium: the dumped DOM, and the console messages.
fn load_in_chromium(chromium: &Path, page: &Path, work: &Path) -> (String, Vec<String>) {
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
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("start chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    let console = String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

fn screenshot(chromium: &Path, page: &Path, png: &Path, work: &Path) {
    let profile = tempfile::tempdir_in(work).unwrap();
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars", "--window-size=1280,2400"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("start chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000, "a real screenshot");
}

#[test]
fn html_report_loads_in_headless_chromium_without_console_messages() {
    let Some(chromium) = support::chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let faults = hutong_reference::catalog().expect("fault catalog");
    let fault = faults.first().expect("a declared fault");
    let shown_count = regex::Regex::new(r#"id="shown-count"[^>]*>[^<]*\d"#).unwrap();
    for (lang, dir) in [("en", "run-en"), ("zh", "run-zh")] {
        let dir = tmp.path().join(dir);
        certify(&dir, &["--lang", lang, "--reference-fault", &fault.name]);
        let page = dir.join("report.html");
        let (dom, console) = load_in_chromium(&chromium, &page, tmp.path());
        assert!(console.is_empty(), "console messages: {console:#?}");
        assert!(dom.contains("data-ready=\"yes\""), "the report's script ran");
        assert!(shown_count.is_match(&dom), "the filter count is rendered");
        screenshot(&chromium, &page, &dir.join("report.png"), tmp.path());

        // The evidence viewer shows the exchange that decided the failure, highlighted.
        let report = read_json(&dir.join("report.json"));
        let failed = report["requirements"].as_array().unwrap().iter().find(|r| r["outcome"] == "fail").expect("the fault fails a requirement");
        let reference = failed["evidence"][0].as_str().unwrap();
        let (file, index) = reference.split_once("#/").unwrap();
        let exchange = &read_json(&dir.join(file))[index.parse::<usize>().unwrap()];
        let mut deep_link = page.clone().into_os_string();
        deep_link.push(format!("#ev={reference}"));
        let (dom, console) = load_in_chromium(&chromium, Path::new(&deep_link), tmp.path());
        assert!(console.is_empty(), "console messages: {console:#?}");
        let decisive = dom.split("class=\"exchange decisive\"").nth(1).expect("a highlighted exchange");
        let url = exchange["url"].as_str().unwrap().replace('&', "&amp;");
        assert!(decisive.contains(&format!("#{index} {} {url}", exchange["method"].as_str().unwrap())), "viewer shows {url}");
    }

    // A report whose texts from the target carry markup and script: shown as text, never run.
    let dir = tmp.path().join("run-en");
    let mut report: hutong_model::Report = serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    let evil = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
    report.target.platform_name = Some(evil.to_string());
    for r in &mut report.requirements {
        r.message = format!("{evil} {}", r.message);
    }
    let mut evidence = std::collections::BTreeMap::new();
    for e in &report.evidence {
        let mut v = read_json(&dir.join(&e.path));
        if let Some(first) = v.as_array_mut().and_then(|a| a.first_mut()) {
            first["url"] = serde_json::json!(format!("http://x/</script><script>document.title='pwned'</script>"));
        }
        evidence.insert(e.path.clone(), v);
    }
    let page = tmp.path().join("evil.html");
    std::fs::write(&page, hutong_report::html_report(&report, &evidence, hutong_report::Lang::En)).unwrap();
    let (dom, console) = load_in_chromium(&chromium, &page, tmp.path());
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(!dom.contains("<title>pwned</title>") && dom.contains("data-ready=\"yes\""));
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "the markup is shown as text");
    screenshot(&chromium, &page, &tmp.path().join("evil.png"), tmp.path());
}

/// The width and height of a PNG (its IHDR chunk).
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && &png[12..16] == b"IHDR", "a PNG");
    (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()))
}

/// Measures the report in a 1280×800 window: a copy of the page, without its
/// Content-Security-Policy, gets a script that writes the layout of the overall verdict and of
/// the first failed requirement into attributes of `<html>` (after the page's own script ran),
/// then clicks that requirement's evidence button and records what the viewer highlights.
fn measure_first_screen(chromium: &Path, page: &Path, work: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    let csp = regex::Regex::new(r#"<meta http-equiv="Content-Security-Policy"[^>]*>"#).unwrap();
    assert!(csp.is_match(&html), "the report has a CSP");
    let probe = r##"<script>
window.addEventListener("load", function(){
  var d = document.documentElement, first = document.querySelector("[data-attention-id]"), overall = document.getElementById("overall");
  function rect(e){ var r = e.getBoundingClientRect(); return Math.round(r.top) + "," + Math.round(r.bottom); }
  d.setAttribute("data-viewport", window.innerWidth + "x" + window.innerHeight);
  d.setAttribute("data-overall-rect", overall ? rect(overall) : "none");
  d.setAttribute("data-first-rect", first ? rect(first) : "none");
  d.setAttribute("data-first-id", first ? first.getAttribute("data-attention-id") : "none");
  var msg = first && first.querySelector(".att-msg");
  d.setAttribute("data-message-rect", msg ? rect(msg) : "none");
  var button = first && first.querySelector("button.ev");
  if (button) { button.click(); var x = document.querySelector("#viewer .exchange.decisive strong"); d.setAttribute("data-clicked", x ? x.textContent : "nothing highlighted"); }
});
</script>"##;
    let measured = csp.replace(&html, "").replace("</body>", &format!("{probe}</body>"));
    let copy = page.with_file_name("measure.html");
    std::fs::write(&copy, measured).unwrap();
    let profile = tempfile::tempdir_in(work).unwrap();
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars", "--window-size=1280,800", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", copy.display()))
        .output()
        .expect("start chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn attribute<'a>(dom: &'a str, name: &str) -> &'a str {
    let start = dom.find(&format!("{name}=\"")).unwrap_or_else(|| panic!("{name} was not measured")) + name.len() + 2;
    &dom[start..start + dom[start..].find('"').unwrap()]
}

fn top_bottom(value: &str) -> (i64, i64) {
    let (t, b) = value.split_once(',').unwrap_or_else(|| panic!("not measured: {value}"));
    (t.parse().unwrap(), b.parse().unwrap())
}

/// See: issue 17 — after a failed run, a person sees the verdict and the failure on the first
/// screen (1280×800), with its message, its policy clause and the decisive exchange one click
/// away, in English and in Chinese — the message too, rendered from its ID and parameters.
#[test]
fn a_failed_run_shows_its_failure_above_the_fold() {
    let Some(chromium) = support::chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    for (lang, verdict, heading, clause) in [
        ("en", "not conformant", "Failed and undecided requirements", "an orderly, open platform ecosystem"),
        ("zh", "不符合", "不通过与无法判定的要求", "建立有序开放的平台生态"),
    ] {
        let dir = tmp.path().join(lang);
        let out = certify(&dir, &["--lang", lang, "--reference-fault", "errors-plain-text"]);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let report = read_json(&dir.join("report.json"));
        let failed = report["requirements"].as_array().unwrap().iter().find(|r| r["outcome"] == "fail").expect("the fault fails a requirement");
        let id = failed["id"].as_str().unwrap();
        // The message as the report's language renders it from its ID and parameters.
        let text: hutong_model::Message = serde_json::from_value(failed["text"].clone()).expect("the message has an ID and parameters");
        let locale = if lang == "zh" { hutong_model::Locale::Zh } else { hutong_model::Locale::En };
        let message = text.render_checked(locale).unwrap_or_else(|(t, p)| panic!("{lang}: {t}: {p:?}"));
        assert_eq!(text.render(hutong_model::Locale::En), failed["message"].as_str().unwrap(), "message is the English rendering");
        if lang == "zh" {
            assert!(text.verbatim_parts().is_empty(), "every part of the message has a template: {text:?}");
            let cjk = message.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
            assert!(cjk >= 4, "the decisive sentence is in Chinese: {message}");
        }
        let message = message.as_str();
        let page = dir.join("report.html");

        // The screenshot is of the first screen.
        let png = dir.join("first-screen.png");
        let profile = tempfile::tempdir_in(tmp.path()).unwrap();
        let shot = Command::new(&chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1280,800"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        assert!(shot.status.success(), "{}", String::from_utf8_lossy(&shot.stderr));
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(png_size(&bytes), (1280, 800), "{lang}: a first-screen screenshot");
        assert!(bytes.len() > 10_000, "{lang}: a real screenshot");

        // The layout of that screen: the verdict, then the failing requirement with its message.
        let dom = measure_first_screen(&chromium, &page, tmp.path());
        let (width, height) = attribute(&dom, "data-viewport").split_once('x').map(|(w, h)| (w.parse::<i64>().unwrap(), h.parse::<i64>().unwrap())).unwrap();
        assert!(width == 1280 && (600..=800).contains(&height), "{lang}: viewport {width}x{height}");
        let (_, overall_bottom) = top_bottom(attribute(&dom, "data-overall-rect"));
        assert!(overall_bottom <= height, "{lang}: the overall verdict ends at {overall_bottom}px, below the fold ({height}px)");
        assert_eq!(attribute(&dom, "data-first-id"), id, "{lang}: the failing requirement comes first");
        let (first_top, _) = top_bottom(attribute(&dom, "data-first-rect"));
        let (_, message_bottom) = top_bottom(attribute(&dom, "data-message-rect"));
        assert!(first_top >= overall_bottom && message_bottom <= height, "{lang}: {id}'s message ends at {message_bottom}px, below the fold ({height}px)");
        let item = dom.split(&format!("data-attention-id=\"{id}\"")).nth(1).and_then(|rest| rest.split("</li>").next()).expect("the failing requirement's item");
        let as_text = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(item.contains(&as_text(message)) && item.contains(clause), "{lang}: the item shows the message and the policy clause: {item}");
        let overall = dom.split("id=\"overall\"").nth(1).and_then(|rest| rest.split("</div>").next()).unwrap();
        assert!(overall.contains(verdict), "{lang}: overall verdict {verdict}: {overall}");
        assert!(dom.contains(heading), "{lang}: heading {heading}");
        // One click shows the exchange that decided it.
        let reference = failed["evidence"][0].as_str().unwrap();
        let (file, index) = reference.split_once("#/").unwrap();
        let exchange = &read_json(&dir.join(file))[index.parse::<usize>().unwrap()];
        let clicked = attribute(&dom, "data-clicked");
        assert!(clicked.starts_with(&format!("#{index} {} ", exchange["method"].as_str().unwrap())), "{lang}: the click highlights exchange {index}: {clicked}");
    }
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hutong")).args(["certify", "--out"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.contains(&b'\r') && !out.stdout.windows(2).any(|w| w == b"\x1b["), "no bar, no colour on a pipe");
}

#[test]
fn an_unreachable_target_still_gets_every_format_and_a_valid_report() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    drop(listener);
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hutong")).args(["certify", "--quiet", &url, "--out"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    for f in FILES {
        assert!(tmp.path().join(f).is_file(), "{f}");
    }
    let report = read_json(&tmp.path().join("report.json"));
    hutong_checks::schema::SchemaSet::embedded().check("report.schema.json", &report, hutong_model::Message::verbatim("report.json")).unwrap_or_else(|f| panic!("{}", f.message));
    assert!(report["requirements"].as_array().unwrap().iter().all(|r| r["outcome"] == "error"));
}

/// The PNG and JPEG samples the harness uploads for the open-formats requirement (AI-14) are
/// real images: Chromium's decoders open them at their declared size. (The reference platform
/// only compares bytes, so without this a malformed sample would go unnoticed.)
#[test]
fn sample_images_decode_in_a_real_browser() {
    let Some(chromium) = support::chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("sample.png"), hutong_checks::formats::sample_png(7)).unwrap();
    std::fs::write(tmp.path().join("sample.jpg"), hutong_checks::formats::sample_jpeg(7)).unwrap();
    let page = tmp.path().join("images.html");
    std::fs::write(
        &page,
        r#"<!doctype html><html><body><img id="png" src="sample.png"><img id="jpeg" src="sample.jpg">
<pre id="out">pending</pre><script>
window.addEventListener("load", () => {
  document.getElementById("out").textContent = ["png", "jpeg"].map(id => {
    const img = document.getElementById(id);
    return id + "=" + (img.complete && img.naturalWidth ? img.naturalWidth + "x" + img.naturalHeight : "broken");
  }).join(" ");
});
</script></body></html>"#,
    )
    .unwrap();
    let (dom, console) = load_in_chromium(&chromium, &page, tmp.path());
    assert!(dom.contains("png=4x4 jpeg=8x8"), "decoded sizes: {}", dom.lines().find(|l| l.contains("id=\"out\"")).unwrap_or(&dom));
    assert!(console.is_empty(), "console: {console:?}");
}

/// The committed example run (`reports/examples/`, regenerated by
/// `scripts/regenerate-example-report.sh`) still matches the report schema, and its signature
/// and evidence digests still verify (the suite hash and the judging-code digest may lag behind
/// the suite and the code: those checks are the only ones allowed to fail, and then the example
/// is due for regeneration).
#[test]
fn the_committed_example_report_matches_the_schema_and_its_signature() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../reports/examples/link-block-one-domain");
    let report = read_json(&dir.join("report.json"));
    hutong_checks::schema::SchemaSet::embedded().check("report.schema.json", &report, hutong_model::Message::verbatim("report.json")).unwrap_or_else(|f| panic!("{}", f.message));
    // The example certifies the profiles core and anti-incompatibility: every requirement of both.
    let registry = opis_spec::Registry::embedded();
    let expected = registry.all().iter().filter(|r| matches!(r.profile, opis_spec::Profile::Core | opis_spec::Profile::AntiIncompatibility)).count();
    assert_eq!(report["requirements"].as_array().map(Vec::len), Some(expected));
    assert_failure_points_at(&dir, &report, "AI-01", "www.taobao.com");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong")).arg("verify").arg(&dir).arg("--key").arg(dir.join("signing-key.pub")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let problems: Vec<&str> = text.lines().filter(|l| !l.starts_with("ok") && !l.starts_with("verified") && !l.starts_with("NOT VERIFIED") && !l.trim().is_empty()).collect();
    assert!(problems.iter().all(|l| l.contains("suite hash") || l.contains("judging code")), "the example no longer verifies: {problems:?}");
}

/// The evidence of `id` in `report` (written to `dir`) names only exchanges labelled with `what`.
fn assert_failure_points_at(dir: &Path, report: &serde_json::Value, id: &str, what: &str) {
    let result = report["requirements"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("{id} in the report"));
    assert_eq!(result["outcome"], "fail", "{id}");
    let refs: Vec<&str> = result["evidence"].as_array().unwrap().iter().filter_map(|e| e.as_str()).collect();
    assert!(!refs.is_empty(), "{id} names its evidence");
    for reference in refs {
        let (file, index) = reference.split_once("#/").expect("file#/index");
        let exchanges = read_json(&dir.join(file));
        let label = exchanges[index.parse::<usize>().unwrap()]["label"].as_str().unwrap_or_default().to_string();
        assert!(label.contains(what), "{reference} is {label:?}, not about {what}");
    }
}

/// A neutrality failure points at the exchanges of the domain or app treated differently, not at
/// whatever the scenario sent last.
#[test]
fn neutrality_failures_point_at_the_exchanges_of_who_was_treated_differently() {
    for (fault, id, what) in [("link-block-one-domain", "AI-01", "www.taobao.com"), ("client-degrade-one-app", "AI-02", "douyin")] {
        let tmp = tempfile::tempdir().unwrap();
        let out = certify(tmp.path(), &["--reference-fault", fault, "--tags", &format!("@req:{id}")]);
        assert_eq!(out.status.code(), Some(1), "{fault}: {}", String::from_utf8_lossy(&out.stderr));
        assert_failure_points_at(tmp.path(), &read_json(&tmp.path().join("report.json")), id, what);
    }
}

/// A finding of the evidence sweep (an error answer no OE-03 scenario asked for) counts in the
/// requirement's outcome, cites the answer itself, validates against the report schema and shows
/// in every format.
#[test]
fn evidence_sweep_findings_count_cite_their_answer_and_show_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    // CORE-02's probe of every declared endpoint receives the HTML page; OE-03's own probes do not.
    let out = certify(tmp.path(), &["--reference-fault", "errors-html-on-one-endpoint", "--tags", "@req:OE-03 or @req:CORE-02"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report = read_json(&tmp.path().join("report.json"));
    hutong_checks::schema::SchemaSet::embedded().check("report.schema.json", &report, hutong_model::Message::verbatim("report.json")).unwrap_or_else(|f| panic!("{}", f.message));
    let result = report["requirements"].as_array().unwrap().iter().find(|r| r["id"] == "OE-03").expect("OE-03 in the report");
    assert_eq!(result["outcome"], "fail");
    let sweep = result["scenarios"].as_array().unwrap().iter().find(|s| s["feature"] == "(evidence sweep)").expect("a sweep result");
    assert_eq!(sweep["outcome"], "fail");
    for reference in result["evidence"].as_array().unwrap().iter().filter_map(|e| e.as_str()) {
        let (file, index) = reference.split_once("#/").expect("file#/index");
        let exchange = &read_json(&tmp.path().join(file))[index.parse::<usize>().unwrap()];
        assert!(exchange["url"].as_str().unwrap_or_default().contains("/links/open"), "{reference}: {exchange}");
        assert_eq!(exchange["status"], 400);
    }
    for format in ["summary.md", "junit.xml", "cucumber.json", "report.html"] {
        let text = std::fs::read_to_string(tmp.path().join(format)).unwrap();
        assert!(text.contains("/links/open"), "{format} does not show the sweep's finding");
    }
    let core = report["requirements"].as_array().unwrap().iter().find(|r| r["id"] == "CORE-02").unwrap();
    assert_eq!(core["outcome"], "pass", "the fault breaks OE-03 only");
}
