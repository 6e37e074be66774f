//! Check cases as data (`harness/checks/cases/<module>.<check>/*.json`): each case is one input
//! a platform could send — an HTTP answer or a document —, the outcome the check must give and
//! the section of the spec (or RFC) that decides it. This test replays every case through its
//! check, and requires every public `check_*` function of this crate to have cases that pass and
//! cases that do not, so that a new check comes with its cases.
//!
//! A case file:
//! ```json
//! { "spec": "OPIS §… / RFC …", "note": "what the case shows",
//!   "input": { … arguments of the check, by name … },
//!   "expect": "pass" | "fail" | "error" | "not_applicable", "message_contains": "optional text" }
//! ```
//! `{"$spec": "openapi.json"}` anywhere in an input stands for that file of `spec/` (the OPIS
//! OpenAPI description, a schema), so that large documents are not copied into cases.
//! An HTTP answer is written `{"status": 404, "headers": {"content-type": "…"}, "body": …}` (a
//! string body is sent as is, any other JSON value serialised).

use hutong_checks as checks;
use hutong_http::Response;
use hutong_model::{Finding, FindingKind};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use url::Url;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cases")
}

/// What a check said, normalised: `Ok` is a pass; a `Finding` keeps its kind; a `String` problem
/// (the checks that return one) is a fail.
enum Said {
    Pass,
    Finding(Finding),
    Problem(String),
}

impl Said {
    fn kind(&self) -> &'static str {
        match self {
            Said::Pass => "pass",
            Said::Finding(f) => match f.kind {
                FindingKind::Fail => "fail",
                FindingKind::Error => "error",
                FindingKind::NotApplicable => "not_applicable",
            },
            Said::Problem(_) => "fail",
        }
    }

    fn message(&self) -> String {
        match self {
            Said::Pass => String::new(),
            Said::Finding(f) => f.message.clone(),
            Said::Problem(p) => p.clone(),
        }
    }
}

fn finding<T>(r: Result<T, Finding>) -> Said {
    r.map_or_else(Said::Finding, |_| Said::Pass)
}

fn problem<T, E: std::fmt::Display>(r: Result<T, E>) -> Said {
    r.map_or_else(|e| Said::Problem(e.to_string()), |_| Said::Pass)
}

fn s<'a>(input: &'a Value, key: &str) -> &'a str {
    input[key].as_str().unwrap_or_else(|| panic!("input `{key}` must be a string"))
}

fn opt<'a>(input: &'a Value, key: &str) -> Option<&'a str> {
    input.get(key).and_then(Value::as_str)
}

fn u(input: &Value, key: &str) -> u64 {
    input[key].as_u64().unwrap_or_else(|| panic!("input `{key}` must be an unsigned integer"))
}

fn url(input: &Value, key: &str) -> Url {
    Url::parse(s(input, key)).unwrap_or_else(|e| panic!("input `{key}` must be a URL: {e}"))
}

fn body_bytes(v: &Value) -> Vec<u8> {
    match v {
        Value::Null => Vec::new(),
        Value::String(text) => text.as_bytes().to_vec(),
        other => serde_json::to_vec(other).expect("JSON serialises"),
    }
}

fn response(v: &Value) -> Response {
    let mut headers = http::HeaderMap::new();
    for (name, value) in v["headers"].as_object().into_iter().flatten() {
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for value in values {
            let value = value.as_str().expect("header values are strings");
            headers.append(http::HeaderName::from_bytes(name.as_bytes()).expect("a header name"), http::HeaderValue::from_str(value).expect("a header value"));
        }
    }
    let at = v.get("url").and_then(Value::as_str).unwrap_or("https://platform.example/api/v1/resource");
    Response::new(v["status"].as_u64().expect("a status") as u16, headers, body_bytes(&v["body"]), Url::parse(at).expect("a URL"))
}

/// Bytes of a format round trip: a string, or `{"sample": "png"|"jpeg"|"text", "seed": N}`
/// (the harness's own samples), optionally `"truncate": N` bytes.
fn bytes(v: &Value) -> Vec<u8> {
    if let Some(sample) = v.get("sample").and_then(Value::as_str) {
        let seed = v["seed"].as_u64().unwrap_or(1);
        let mut b = match sample {
            "png" => checks::formats::sample_png(seed),
            "jpeg" => checks::formats::sample_jpeg(seed),
            "text" => checks::formats::sample_text(seed),
            other => panic!("unknown sample {other}"),
        };
        if let Some(n) = v.get("truncate").and_then(Value::as_u64) {
            b.truncate(n as usize);
        }
        return b;
    }
    body_bytes(v)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().map(|x| x.as_str().expect("strings").to_string()).collect()
}

fn auth_method(name: &str) -> checks::oauth::TokenAuthMethod {
    match name {
        "client_secret_basic" => checks::oauth::TokenAuthMethod::ClientSecretBasic,
        "client_secret_post" => checks::oauth::TokenAuthMethod::ClientSecretPost,
        other => panic!("unknown token_endpoint_auth_method {other}"),
    }
}

/// `input` with every `{"$spec": PATH}` replaced by that file of `spec/`, parsed.
fn resolve(input: &Value) -> Value {
    match input {
        Value::Object(map) if map.len() == 1 && map.contains_key("$spec") => {
            let path = map["$spec"].as_str().expect("$spec names a file");
            let file = opis_spec::file(&format!("spec/{path}")).unwrap_or_else(|| panic!("spec/{path} is not embedded"));
            serde_json::from_str(file.contents).unwrap_or_else(|e| panic!("spec/{path}: {e}"))
        }
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), resolve(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(resolve).collect()),
        other => other.clone(),
    }
}

/// Runs check `name` (`module.function`) on `input`; `None` for a name no check has.
fn judge(name: &str, i: &Value) -> Option<Said> {
    use checks::*;
    let resolved = resolve(i);
    let i = &resolved;
    Some(match name {
        "capabilities.check_declared_or_absent" => match discovery::Discovery::parse(&i["discovery"]) {
            Ok(d) => finding(capabilities::check_declared_or_absent(&d, &i["openapi"], &url(i, "openapi_url"))),
            Err(f) => Said::Finding(f),
        },
        "deprecation.check_deprecation_headers" => problem(deprecation::check_deprecation_headers(&response(&i["response"]), i["declared_days"].as_i64().expect("declared_days"))),
        "deprecation.check_sunset_not_passed" => {
            let now = time::OffsetDateTime::parse(s(i, "now"), &time::format_description::well_known::Rfc3339).expect("`now` is RFC 3339");
            problem(deprecation::check_sunset_not_passed(&response(&i["response"]), now.unix_timestamp()))
        }
        "deprecation.check_served_until_sunset" => {
            let at = |k: &str| time::OffsetDateTime::parse(s(i, k), &time::format_description::well_known::Rfc3339).expect("RFC 3339").unix_timestamp();
            finding(deprecation::check_served_until_sunset(s(i, "operation"), u(i, "status") as u16, opt(i, "sunset").map(|_| at("sunset")), at("now")))
        }
        "deprecation.check_sunset_kept" => {
            let at = |k: &str| time::OffsetDateTime::parse(s(i, k), &time::format_description::well_known::Rfc3339).expect("RFC 3339").unix_timestamp();
            finding(deprecation::check_sunset_kept(s(i, "operation"), at("promised"), s(i, "promised_in"), u(i, "status") as u16, opt(i, "sunset_now").map(|_| at("sunset_now")), at("now")))
        }
        "differential.check_volatile_fields" => finding(differential::check_volatile_fields(&strings(&i["pointers"]), i["bodies"].as_array().expect("bodies").iter())),
        "disclosure.check_index" => finding(disclosure::check_index(&i["index"])),
        "disclosure.check_document" => finding(disclosure::check_document(&i["doc"], s(i, "kind"), hutong_model::Message::verbatim(s(i, "what")))),
        "disclosure.check_history" => finding(disclosure::check_history(&i["history"], s(i, "kind"))),
        "disclosure.check_algorithmic_rules" => finding(disclosure::check_algorithmic_rules(&i["doc"])),
        "disclosure.check_fee_schedule" => finding(disclosure::check_fee_schedule(&i["doc"])),
        "discovery.check_endpoint_origins" => match discovery::Discovery::parse(&i["discovery"]) {
            Ok(d) => finding(d.check_endpoint_origins(&url(i, "base"))),
            Err(f) => Said::Finding(f),
        },
        "discovery.check_version_compatible" => finding(discovery::check_version_compatible(s(i, "declared"))),
        "export.check_complete" | "export.check_not_empty" => match export::Manifest::parse(&i["manifest"]) {
            Ok(m) => match name {
                "export.check_complete" => finding(m.check_complete(&strings(&i["collections"]))),
                _ => finding(m.check_not_empty()),
            },
            Err(f) => Said::Finding(f),
        },
        "formats.check_round_trip" => problem(formats::check_round_trip(s(i, "media"), &bytes(&i["sent"]), opt(i, "content_type"), &bytes(&i["received"]))),
        "interconnect.check_known_protocols" => finding(interconnect::check_known_protocols(&i["declared"])),
        "interconnect.check_oembed_response" => finding(interconnect::check_oembed_response(&i["doc"])),
        "interconnect.check_jrd" => finding(interconnect::check_jrd(s(i, "resource"), opt(i, "content_type"), opt(i, "allow_origin"), &i["jrd"])),
        "interconnect.check_actor" => finding(interconnect::check_actor(opt(i, "content_type"), &i["actor"])),
        "interconnect.check_outbox" => finding(interconnect::check_outbox(opt(i, "content_type"), &i["outbox"])),
        "links.check_link_delivered" => problem(links::check_link_delivered(s(i, "sent_text"), s(i, "link"), &i["message"])),
        "links.check_html_hrefs" => problem(links::check_html_hrefs(&i["message"], s(i, "link"))),
        "links.check_exact_links" => problem(links::check_exact_links(&strings(&i["sent"]), &strings(&i["own_domains"]), &i["message"])),
        "links.check_preview_parity" => problem(links::check_preview_parity(i["own"].as_array().expect("own"), i.get("outside").filter(|v| !v.is_null()))),
        "payment.check_method_kinds" => match payment::parse_methods(&i["methods"]) {
            Ok(m) => finding(payment::check_method_kinds(&m)),
            Err(f) => Said::Finding(f),
        },
        "payment.check_default_method" => match payment::parse_methods(&i["methods"]) {
            Ok(m) => finding(payment::check_default_method(u(i, "status") as u16, &i["order"], &m)),
            Err(f) => Said::Finding(f),
        },
        "payment.check_no_enrolment" => match payment::parse_methods(&i["methods"]) {
            Ok(m) => finding(payment::check_no_enrolment(s(i, "requested"), &i["order"], &m)),
            Err(f) => Said::Finding(f),
        },
        "export.check_deletion_reflected" => problem(export::check_deletion_reflected(s(i, "id"), i["export"].as_array().expect("export"), i["incremental"].as_array().expect("incremental"))),
        "links.check_opens_directly" => problem(links::check_opens_directly(s(i, "link"), u(i, "status") as u16, opt(i, "location"), opt(i, "content_type"))),
        "merchant_data.check_document" => finding(merchant_data::check_document(&i["doc"])),
        "merchant_data.check_history" => finding(merchant_data::check_history(s(i, "active_since"), s(i, "run_start"))),
        "merchant_data.check_range" => finding(merchant_data::check_range(s(i, "dataset"), i["items"].as_array().expect("items"), s(i, "from"), s(i, "to"))),
        "merchant_data.check_free" => finding(merchant_data::check_free(&i["doc"])),
        "merchant_data.check_same_records" => finding(merchant_data::check_same_records(
            s(i, "dataset"),
            i["outside"].as_array().expect("outside"),
            i["own"].as_array().expect("own"),
            &strings(&i["volatile"]),
        )),
        "migration.check_at_most" => finding(migration::check_at_most(&i["terms"], s(i, "field"), u(i, "max"), hutong_model::Message::verbatim(s(i, "rule")))),
        "migration.check_at_least" => finding(migration::check_at_least(&i["terms"], s(i, "field"), u(i, "min"), hutong_model::Message::verbatim(s(i, "rule")))),
        "migration.check_charges" => finding(migration::check_charges(&i["terms"])),
        "migration.check_charges_within_bound" => {
            let today = time::Date::parse(s(i, "today"), &time::format_description::well_known::Iso8601::DATE).expect("`today` is YYYY-MM-DD");
            finding(migration::check_charges_within_bound(&i["terms"], today))
        }
        "migration.check_formats_register" => {
            let manifest = checks::export::Manifest::parse(&i["manifest"]).expect("`manifest` is a valid export manifest");
            finding(migration::check_formats_register(&i["register"], &manifest))
        }
        "migration.check_erasure" => finding(migration::check_erasure(&i["terms"])),
        "migration.check_infrastructure" => finding(migration::check_infrastructure(&i["terms"])),
        "migration.check_procedure" => finding(migration::check_procedure(&i["terms"])),
        "oauth.check_self_service_metadata" => finding(oauth::check_self_service_metadata(&i["metadata"])),
        "oauth.check_issuer" => finding(oauth::check_issuer(&i["metadata"], &url(i, "metadata_url"))),
        "oauth.check_registration" => finding(oauth::check_registration(&i["requested"], u(i, "status") as u16, &i["answer"])),
        "oauth.check_token_response" => finding(oauth::check_token_response(u(i, "status") as u16, i.get("body"), auth_method(s(i, "method")))),
        "oauth.check_unknown_login_hint_refused" => finding(oauth::check_unknown_login_hint_refused(u(i, "status") as u16, opt(i, "location"))),
        "oauth.check_pkce_required" => finding(oauth::check_pkce_required(u(i, "status") as u16, opt(i, "location"), s(i, "redirect_uri"))),
        "oauth.check_wrong_verifier_refused" => finding(oauth::check_wrong_verifier_refused(u(i, "status") as u16, i.get("body"))),
        "openapi.check_document" => finding(openapi::check_document(&i["doc"])),
        "payment.check_no_exclusivity" => finding(payment::check_no_exclusivity(&i["terms"])),
        "problem.check_problem_details" => finding(problem::check_problem_details(&response(&i["response"]))),
        "paging.check_page_links" => {
            let r = response(&i["response"]);
            let body = r.json_value().unwrap_or(Value::Null);
            finding(paging::check_page_links(&r, &body))
        }
        "paging.check_each_once" => finding(paging::check_each_once(&strings(&i["ids"]), hutong_model::Message::verbatim(s(i, "what")))),
        "problem.check_cites_rule" => finding(problem::check_cites_rule(&response(&i["response"]), &checks::disclosure::listed(&i["index"]), i["http_allowed"].as_bool().unwrap_or(false))),
        "problem.check_cited_section" => finding(problem::check_cited_section(
            &i["doc"],
            &problem::CitedRule { kind: s(&i["rule"], "kind").to_string(), document: s(&i["rule"], "document").to_string(), section: s(&i["rule"], "section").to_string() },
        )),
        "rate_limit.check_same_cut_off" => finding(rate_limit::check_same_cut_off(
            &serde_json::from_value::<Vec<rate_limit::CutOff>>(i["cut_offs"].clone()).expect("cut_offs"),
            u(i, "limit"),
            u(i, "window_seconds"),
        )),
        "rate_limit.check_retry_after" => finding(rate_limit::check_retry_after(&response(&i["response"]))),
        "wellknown.check_security_txt" => {
            let now = time::OffsetDateTime::parse(s(i, "now"), &time::format_description::well_known::Rfc3339).expect("`now` is RFC 3339");
            finding(wellknown::check_security_txt(opt(i, "content_type"), s(i, "text"), now))
        }
        "wellknown.check_api_catalog" => {
            let required: Vec<(hutong_model::Message, Url)> = i["required"].as_object().expect("required").iter().map(|(k, v)| (hutong_model::Message::verbatim(k.clone()), Url::parse(v.as_str().expect("a URL")).expect("a URL"))).collect();
            finding(wellknown::check_api_catalog(opt(i, "content_type"), &i["catalog"], &url(i, "catalog_url"), &required))
        }
        "strict_json.check_unique_keys" => problem(strict_json::check_unique_keys(s(i, "text").as_bytes())),
        "disclosure.check_versions_kept" => {
            let seen = |v: &Value| hutong_model::DisclosureSeen {
                announced_at: s(v, "announced_at").to_string(),
                effective_at: s(v, "effective_at").to_string(),
                content_sha256: s(v, "content_sha256").to_string(),
            };
            let earlier: Vec<_> = i["earlier"].as_array().expect("earlier").iter().map(|e| (e[0].as_str().unwrap().to_string(), seen(&e[1]), e[2].as_str().unwrap().to_string())).collect();
            let now = i["now"].as_object().expect("now").iter().map(|(k, v)| (k.clone(), seen(v))).collect();
            finding(disclosure::check_versions_kept(&earlier, &now))
        }
        "disclosure.check_interop_terms" => finding(disclosure::check_interop_terms(&i["doc"])),
        "disclosure.check_current_listed" => {
            let now = time::OffsetDateTime::parse(s(i, "now"), &time::format_description::well_known::Rfc3339).expect("`now` is RFC 3339");
            finding(disclosure::check_current_listed(&i["current"], i["versions"].as_array().expect("versions"), s(i, "kind"), now))
        }
        "disclosure.check_consultations" => {
            let now = time::OffsetDateTime::parse(s(i, "now"), &time::format_description::well_known::Rfc3339).expect("`now` is RFC 3339");
            finding(disclosure::check_consultations(i["versions"].as_array().expect("versions"), s(i, "kind"), now))
        }
        "disclosure.check_worker_rules" => finding(disclosure::check_worker_rules(&i["doc"])),
        "disclosure.check_complaints" => finding(disclosure::check_complaints(&i["doc"])),
        "payment.check_no_price_parity" => finding(payment::check_no_price_parity(&i["terms"])),
        "payment.check_ranking_declaration" => finding(payment::check_ranking_declaration(&i["terms"])),
        "capabilities.check_disclosed_capabilities" => match discovery::Discovery::parse(&i["discovery"]) {
            Ok(d) => finding(capabilities::check_disclosed_capabilities(&d, i.get("algorithmic_rules"), i.get("fee_schedule"))),
            Err(f) => Said::Finding(f),
        },
        "transparency.check_ranking_rules" => finding(transparency::check_ranking_rules(&i["doc"])),
        "transparency.check_sponsored" => finding(transparency::check_sponsored(&i["declared"], &i["searches"])),
        "transparency.check_order" => finding(transparency::check_order(s(i, "sort"), &i["results"])),
        "transparency.check_result_prices" => finding(transparency::check_result_prices(&i["results"], &i["served"])),
        "transparency.check_self_operated" => finding(transparency::check_self_operated(&i["identity"], &i["licences"], &i["results"])),
        "transparency.check_enforcement_actions" => finding(transparency::check_enforcement_actions(&i["doc"], &i["rules"])),
        "transparency.check_credit_evaluation" => finding(transparency::check_credit_evaluation(&i["doc"], &i["results"])),
        "transparency.check_operator_identity" => finding(transparency::check_operator_identity(&i["doc"])),
        "transparency.check_merchant_licence" => finding(transparency::check_merchant_licence(s(i, "merchant_id"), &i["licence"])),
        "transparency.check_algorithm_filings" => finding(transparency::check_algorithm_filings(&i["doc"])),
        "transparency.check_fee_list" => finding(transparency::check_fee_list(&i["schedule"], &i["quotes"])),
        "transparency.check_fee_quotes" => finding(transparency::check_fee_quotes(&i["schedule"], &i["quotes"], &i["categories"])),
        "transparency.check_small_merchant_support" => finding(transparency::check_small_merchant_support(&i["doc"], &i["schedule"])),
        "transparency.check_same_results" => finding(transparency::check_same_results(&i["rounds"])),
        "transparency.check_personalisation_off" => finding(transparency::check_personalisation_off(&i["after_off"], &i["non_personalised"], s(i, "deleted"), &i["tags_after"])),
        "transparency.check_same_price" => finding(transparency::check_same_price(&i["rounds"], &i["rules"])),
        _ => return None,
    })
}

/// Every public `check_*` function of the crate (outside its tests), as `module.function`.
fn public_checks() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src").flatten() {
        let path = entry.path();
        let Some(module) = path.file_stem().and_then(|m| m.to_str()).map(str::to_string) else { continue };
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in text.lines() {
            if let Some(rest) = line.trim_start().strip_prefix("pub fn check_") {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.push(format!("{module}.check_{name}"));
            }
        }
    }
    out.sort();
    out
}

fn cases() -> BTreeMap<String, Vec<(PathBuf, Value)>> {
    let mut out: BTreeMap<String, Vec<(PathBuf, Value)>> = BTreeMap::new();
    for dir in std::fs::read_dir(cases_dir()).expect("harness/checks/cases").flatten() {
        let name = dir.file_name().to_string_lossy().to_string();
        for file in std::fs::read_dir(dir.path()).expect("a case folder").flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).expect("a readable case");
                let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.entry(name.clone()).or_default().push((path, case));
            }
        }
    }
    out
}

#[test]
fn every_case_gives_its_expected_outcome() {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (name, list) in cases() {
        for (path, case) in list {
            let expect = case["expect"].as_str().unwrap_or_else(|| panic!("{}: no `expect`", path.display()));
            assert!(case["spec"].as_str().is_some_and(|s| !s.is_empty()), "{}: every case names the spec section that decides it", path.display());
            let said = judge(&name, &case["input"]).unwrap_or_else(|| panic!("{}: no check named {name}", path.display()));
            replayed += 1;
            let file = path.file_name().unwrap_or_default().to_string_lossy().to_string();
            if said.kind() != expect {
                failures.push(format!("{name}/{file}: expected {expect}, got {} ({})", said.kind(), said.message()));
            } else if let Some(text) = case.get("message_contains").and_then(Value::as_str) {
                if !said.message().contains(text) {
                    failures.push(format!("{name}/{file}: message {:?} does not contain {text:?}", said.message()));
                }
            }
        }
    }
    assert!(replayed > 0, "no cases found");
    assert!(failures.is_empty(), "{} of {replayed} cases did not give their outcome:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_public_check_has_cases_that_pass_and_cases_that_do_not() {
    let cases = cases();
    let mut missing = Vec::new();
    for check in public_checks() {
        let list = cases.get(&check).map(Vec::as_slice).unwrap_or_default();
        let passes = list.iter().any(|(_, c)| c["expect"] == "pass");
        let others = list.iter().any(|(_, c)| c["expect"] != "pass");
        if !passes || !others {
            missing.push(format!("{check} (passing case: {passes}, non-passing case: {others})"));
        }
    }
    assert!(missing.is_empty(), "checks without cases in harness/checks/cases/:\n{}", missing.join("\n"));
}
