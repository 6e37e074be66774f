//! Snapshot tests of every writer on one fixed report (a clean pass, a failure, a harness error,
//! a requirement not applicable), with redactions for times, ports and paths; and the escaping of
//! text echoed from the target (`<script>` in a message must stay text).

use hutong_model::{
    EvidenceRef, Outcome, ProfileResult, Report, RequirementResult, ScenarioResult, SuiteInfo, TargetInfo, Totals,
};
use hutong_report::{cucumber_json, html_report, junit_xml, markdown_summary, requirements_csv, Lang};
use opis_spec::{Level, Profile};
use serde_json::json;
use std::collections::BTreeMap;

const EVIL: &str = "<script>document.title='pwned'</script><img src=x onerror=alert(1)> | [x](javascript:alert(2)) & `code` ]]></failure>";

fn scenario(feature: &str, name: &str, line: usize, outcome: Outcome, message: &str, exchanges: usize) -> ScenarioResult {
    let evidence = format!("evidence/{}--{line}.json", feature.trim_start_matches("features/").trim_end_matches(".feature").replace('/', "-"));
    ScenarioResult {
        feature: feature.to_string(),
        name: name.to_string(),
        line,
        outcome,
        message: message.to_string(),
        text: None,
        exchanges,
        evidence: Some(evidence),
        decisive_exchanges: match outcome {
            Outcome::Pass => (0..exchanges).collect(),
            Outcome::Fail | Outcome::Error => vec![exchanges - 1],
            Outcome::NotApplicable => vec![],
        },
        duration_ms: 12,
        needs: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn requirement(id: &str, profile: Profile, title: (&str, &str), policy: &[&str], outcome: Outcome, message: &str, scenarios: Vec<ScenarioResult>) -> RequirementResult {
    RequirementResult {
        id: id.to_string(),
        profile,
        level: Level::Must,
        title_en: title.0.to_string(),
        title_zh: title.1.to_string(),
        policy: policy.iter().map(|s| s.to_string()).collect(),
        outcome,
        not_applicable_reason: (outcome == Outcome::NotApplicable).then_some(hutong_model::NotApplicableReason::ProfileNotClaimed),
        message: message.to_string(),
        // What a check said is the test's text; the pass is the runner's own message.
        text: Some(if message.starts_with("as required: every step of") {
            hutong_model::msg!("scenario-passed", scenario = "The discovery document is published", exchanges = 2)
        } else {
            hutong_model::Message::verbatim(message)
        }),
        evidence: hutong_model::decisive_evidence(outcome, &scenarios),
        scenarios,
        limitation_texts: Vec::new(),
        limitations: Vec::new(),
        blocked_by: Vec::new(),
    }
}

/// A fixed report; `message` goes into the failing requirement (and the platform name).
fn fixed_report(message: &str) -> Report {
    let requirements = vec![
        requirement(
            "CORE-01",
            Profile::Core,
            ("Discovery document published", "发布互通发现文档"),
            &["seed:9", "seed:7"],
            Outcome::Pass,
            "as required: every step of \"The discovery document is published\" passed (2 HTTP exchanges checked)",
            vec![scenario("features/core/discovery.feature", "The discovery document is published", 7, Outcome::Pass, "as required", 2)],
        ),
        requirement(
            "OE-01",
            Profile::OpenEcosystem,
            ("Published, valid API description", "发布有效的接口描述"),
            &["seed:9", "seed:2", "seed:13"],
            Outcome::Fail,
            message,
            vec![scenario("features/open-ecosystem/openapi.feature", "The API description is published", 9, Outcome::Fail, message, 3)],
        ),
        requirement(
            "OE-02",
            Profile::OpenEcosystem,
            ("Self-service access without manual approval", "无需人工审批的自助接入"),
            &["seed:9"],
            Outcome::Error,
            "expected a token response within 15s, saw a timeout after 15s",
            vec![scenario("features/open-ecosystem/access.feature", "A client registers itself", 5, Outcome::Error, "expected a token response within 15s, saw a timeout after 15s", 1)],
        ),
        requirement(
            "CM-01",
            Profile::CloudMigration,
            ("Asynchronous bulk export job with manifest", "带清单的异步批量导出任务"),
            &["seed:9"],
            Outcome::NotApplicable,
            "the platform does not claim the cloud-migration profile",
            vec![],
        ),
    ];
    let profiles = [Profile::Core, Profile::OpenEcosystem, Profile::CloudMigration]
        .into_iter()
        .map(|p| {
            let of: Vec<_> = requirements.iter().filter(|r| r.profile == p).cloned().collect();
            ProfileResult { profile: p, verdict: Report::verdict_for(&requirements, p, p != Profile::CloudMigration, false, &[]), totals: Totals::of(&of), limitations: Vec::new() }
        })
        .collect();
    Report {
        format_version: "1".to_string(),
        suite: SuiteInfo { opis_version: "0.1.0".into(), suite_hash: format!("sha256:{}", "ab".repeat(32)), harness_version: "0.1.0".into(), judging_digest: None },
        target: TargetInfo {
            base_url: "http://127.0.0.1:40123/".into(),
            platform_name: Some(format!("Mall {}", if message == EVIL { EVIL } else { "Example" })),
            claimed_profiles: vec![Profile::OpenEcosystem],
            builtin_reference: None,
            opis_version: Some("0.1.0".into()),
        },
        selected_profiles: vec![Profile::Core, Profile::OpenEcosystem, Profile::CloudMigration],
        tag_filter: None,
        configuration: json!({ "target_file": "/tmp/.tmpAbC123/target.toml", "credentials": { "third-party-a": { "client_secret_env": "A_SECRET" } } }),
        started_at: "2026-11-28T12:51:30.60207166Z".into(),
        finished_at: "2026-11-28T12:51:30.747725899Z".into(),
        totals: Totals::of(&requirements),
        requirements,
        profiles,
        evidence: vec![EvidenceRef { path: "evidence/open-ecosystem-openapi--9.json".into(), sha256: "cd".repeat(32) }],
        waivers: Vec::new(),
        history: None,
    }
}

fn evidence(body: &str) -> BTreeMap<String, serde_json::Value> {
    let exchange = |seq: usize, status: u16| {
        json!({
            "seq": seq, "label": null, "method": "GET", "url": "http://127.0.0.1:40123/openapi.json",
            "request_headers": [["authorization", "Bearer [REDACTED]"]], "request_body": null,
            "status": status, "response_headers": [["content-type", "application/json"]],
            "response_body": { "content_type": "application/json", "bytes": body.len(), "sha256": "ef".repeat(32), "text": body, "truncated": false },
            "redirects": [], "started_at": "2026-11-28T12:51:30.7Z", "elapsed_ms": 1.25, "error": null
        })
    };
    BTreeMap::from([("evidence/open-ecosystem-openapi--9.json".to_string(), json!([exchange(0, 200), exchange(1, 200), exchange(2, 500)]))])
}

const FAIL_MESSAGE: &str = "expected the OpenAPI description to validate against OpenAPI 3.1, saw: /paths/~1products/get/responses: missing \"200\"";

/// Redactions for times, ports and paths, as insta filters would.
fn redact(text: &str) -> String {
    let rules = [
        (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", "[time]"),
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
        (r"/tmp/[^\s\x22<]*", "[path]"),
    ];
    rules.iter().fold(text.to_string(), |t, (re, with)| regex::Regex::new(re).unwrap().replace_all(&t, *with).into_owned())
}

#[test]
fn report_json_snapshot() {
    let value = serde_json::to_value(fixed_report(FAIL_MESSAGE)).unwrap();
    insta::assert_json_snapshot!("report_json", value, {
        ".started_at" => "[time]",
        ".finished_at" => "[time]",
        ".target.base_url" => "[base url]",
        ".configuration.target_file" => "[path]",
    });
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!("junit_xml", redact(&junit_xml(&fixed_report(FAIL_MESSAGE))));
}

#[test]
fn cucumber_snapshot() {
    insta::assert_snapshot!("cucumber_json", redact(&serde_json::to_string_pretty(&cucumber_json(&fixed_report(FAIL_MESSAGE))).unwrap()));
}

#[test]
fn markdown_snapshots() {
    for lang in [Lang::En, Lang::Zh] {
        insta::assert_snapshot!(format!("summary_md_{}", lang.code()), redact(&markdown_summary(&fixed_report(FAIL_MESSAGE), lang)));
    }
}

#[test]
fn html_snapshots() {
    for lang in [Lang::En, Lang::Zh] {
        insta::assert_snapshot!(format!("report_html_{}", lang.code()), redact(&html_report(&fixed_report(FAIL_MESSAGE), &evidence("{\"openapi\": \"3.1.0\"}"), lang)));
    }
}

#[test]
fn csv_snapshots() {
    for lang in [Lang::En, Lang::Zh] {
        insta::assert_snapshot!(format!("report_csv_{}", lang.code()), requirements_csv(&fixed_report(FAIL_MESSAGE), lang));
    }
}

/// The CSV is RFC 4180: a reader gets back every field, line breaks, quotes and commas included,
/// and a formula from the target stays text.
#[test]
fn csv_reads_back_field_for_field() {
    let message = "=cmd|' /C calc'!A0, \"quoted\"\nsecond line";
    let text = requirements_csv(&fixed_report(message), Lang::En);
    assert!(text.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), hutong_report::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let failing = rows.iter().find(|r| &r[0] == "OE-01").unwrap();
    assert_eq!((&failing[4], &failing[6]), ("fail", format!("'{message}").as_str()));
    assert_eq!(&failing[8], "evidence/open-ecosystem-openapi--9.json#/2");
}

/// A waived requirement keeps its outcome and is shown as waived in every format; the verdict is
/// conformant with waivers.
#[test]
fn a_waiver_shows_in_every_format() {
    let mut report = fixed_report(FAIL_MESSAGE);
    report.requirements.retain(|r| r.id != "OE-02");
    report.waivers = vec![hutong_model::Waiver {
        requirement: "OE-01".into(),
        reason: "OpenAPI 3.2 migration under way".into(),
        link: "https://registry.example/waivers/17".into(),
        granted_by: "OPIS board".into(),
        expires: "2099-12-31".into(),
    }];
    for p in &mut report.profiles {
        p.verdict = Report::verdict_for(&report.requirements, p.profile, p.profile != Profile::CloudMigration, false, &report.waivers);
    }
    let oe = report.profiles.iter().find(|p| p.profile == Profile::OpenEcosystem).unwrap();
    assert_eq!(oe.verdict, hutong_model::ProfileVerdict::ConformantWithWaivers);
    assert_eq!(report.requirement("OE-01").unwrap().outcome, Outcome::Fail, "keeps its real outcome");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["waivers"][0]["requirement"], "OE-01");
    assert_eq!(json["profiles"][1]["verdict"], "conformant_with_waivers");
    let xml = junit_xml(&report);
    assert!(xml.contains("waived=\"true\"") && xml.contains("<property name=\"waiver\" value=\"OE-01: granted by OPIS board") && xml.contains("value=\"conformant_with_waivers\""), "{xml}");
    let csv = requirements_csv(&report, Lang::En);
    assert!(csv.lines().any(|l| l.starts_with("OE-01,") && l.contains("granted by OPIS board until 2099-12-31")), "{csv}");
    for (lang, verdict, waived) in [(Lang::En, "conformant with waivers", "waived"), (Lang::Zh, "符合（含豁免）", "已豁免")] {
        let md = markdown_summary(&report, lang);
        assert!(md.contains(verdict) && md.contains(waived) && md.contains("registry.example/waivers/17"), "{md}");
        assert!(md.contains(&format!("| open-ecosystem | **{verdict}** |")), "{md}");
        let html = html_report(&report, &evidence("{}"), lang);
        assert!(html.contains(verdict) && html.contains(&format!("<span class=\"waived\">{waived}</span>")) && html.contains("href=\"https://registry.example/waivers/17\""));
    }
}

#[test]
fn text_from_the_target_is_escaped_in_every_format() {
    let report = fixed_report(EVIL);
    let ev = evidence(&format!("</script><script>document.title='pwned2'</script>{EVIL}"));
    for lang in [Lang::En, Lang::Zh] {
        let html = html_report(&report, &ev, lang);
        assert_eq!(html.matches("<script").count(), 3, "only the report's own three script elements: {html}");
        assert_eq!(html.matches("</script>").count(), 3);
        for bad in ["<img", "onerror=alert(1)>", "pwned'</"] {
            assert!(!html.contains(bad), "{bad} in the HTML report");
        }
        assert!(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"), "the message is shown as text");
        let md = markdown_summary(&report, lang);
        for bad in ["<script", "<img", "](javascript", " | [x]"] {
            assert!(!md.contains(bad), "{bad} in the Markdown summary: {md}");
        }
    }
    let xml = junit_xml(&report);
    assert!(!xml.contains("<script") && !xml.contains("]]></failure>"), "{xml}");
    let cucumber = serde_json::to_string(&cucumber_json(&report)).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&cucumber).unwrap();
    assert!(parsed.to_string().contains("<script>document.title"), "JSON carries the text as data");
}

#[test]
fn junit_counts_one_testcase_per_requirement() {
    let xml = junit_xml(&fixed_report(FAIL_MESSAGE));
    assert_eq!(xml.matches("<testcase ").count(), 4);
    assert!(xml.contains("tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\""), "{xml}");
}

#[test]
fn cucumber_has_one_element_per_scenario_and_a_step_per_requirement() {
    let value = cucumber_json(&fixed_report(FAIL_MESSAGE));
    let features = value.as_array().unwrap();
    assert_eq!(features.len(), 3);
    let statuses: Vec<&str> = features
        .iter()
        .flat_map(|f| f["elements"].as_array().unwrap())
        .flat_map(|e| e["steps"].as_array().unwrap())
        .map(|s| s["result"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["passed", "failed", "failed"]);
}
