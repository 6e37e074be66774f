//! Steps of `features/merchant-data/` (OPIS §16c): the merchant-data document, its datasets three
//! years back (MD-01), free (MD-02), the same for an outside tool as for the platform's own (MD-03),
//! and merchant exports in the bulk-export format (MD-04).

use crate::identities::PersonKind;
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::export::{JsonlVerifier, Manifest};
use hutong_checks::merchant_data::{self as md, MerchantData};
use hutong_checks::paging;
use hutong_model::Finding;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// What the steps of `features/merchant-data/` pass to later steps of the same scenario.
#[derive(Debug, Default)]
pub struct State {
    /// The token of the authorised outside tool (`third-party-a`) acting for the test merchant.
    pub merchant_token: Option<String>,
    /// The token of the platform's own merchant tool (`affiliated`, else `third-party-b`) acting
    /// for the same merchant (MD-03).
    pub own_token: Option<String>,
    /// The merchant-data document, validated.
    pub doc: Option<MerchantData>,
    /// The range listed (`from`, `to`, RFC 3339).
    pub window: Option<(String, String)>,
    /// Per dataset, the status and the records listed for the range.
    pub listed: Option<BTreeMap<String, (u16, Vec<Value>)>>,
    /// Answers that asked for payment (`402`), named (MD-02).
    pub payment_asked: Vec<String>,
    /// The merchant export's creation answer: status and job URL.
    pub export_created: Option<(u16, Option<String>)>,
    /// The merchant export's manifest.
    pub manifest: Option<Manifest>,
    /// Differences between the outside tool's records and the platform's own (MD-03).
    pub differences: Option<Vec<String>>,
}

fn now_rfc3339() -> String {
    OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or(OffsetDateTime::now_utc()).format(&Rfc3339).unwrap_or_default()
}

#[given(expr = "the harness acts for the test merchant {string} through {string}")]
async fn act_for_merchant(w: &mut PlatformWorld, label: String, role: String) {
    let session = w.person(PersonKind::Merchant, &label, &role, None).await;
    w.token = Some(session.access_token.clone());
    w.md.merchant_token = Some(session.access_token);
}

#[given("the platform's own merchant tool acts for the same merchant")]
async fn own_tool(w: &mut PlatformWorld) {
    // The platform's own client can only be supplied (OPIS §7); without it, a second outside
    // tool stands in and the verdict says the comparison is limited.
    let role = if w.ctx().credentials.contains_key("affiliated") {
        "affiliated"
    } else {
        w.note_limitation(
            "the affiliated client's credentials were not supplied (target file [credentials.affiliated]): the merchant's data was compared between two outside tools, so a better treatment of the platform's own merchant tool cannot be seen",
        );
        "third-party-b"
    };
    let session = w.person(PersonKind::Merchant, "merchant-a", role, None).await;
    w.md.own_token = Some(session.access_token);
}

/// Reads the document with the scenario's token; a problem is an `error` (a precondition).
#[given("the merchant's merchant-data document")]
async fn document(w: &mut PlatformWorld) {
    let url = w.endpoint("merchant_data");
    let response = w.request(http::Method::GET, url.as_str()).label("merchant-data document").send(&w.rec).await.or_raise();
    if response.status == 402 {
        w.md.payment_asked.push("the merchant-data document".to_string());
    }
    let doc = hutong_checks::expect_status(&response, 200, "the merchant-data document")
        .and_then(|_| hutong_checks::json_body(&response, "the merchant-data document"))
        .and_then(|doc| md::check_document(&doc))
        .unwrap_or_else(|f| raise(f.context("precondition")));
    w.md.doc = Some(doc);
}

/// Every dataset's records for `[from, to)` (every page), listed with `token`; a transport
/// problem is an `error`, and a `402` is noted for MD-02.
async fn list_all(w: &mut PlatformWorld, token: &str, from: &str, to: Option<&str>, who: &str) -> BTreeMap<String, (u16, Vec<Value>)> {
    let doc = earlier!(w.md.doc).clone();
    let ctx = w.ctx();
    let mut out = BTreeMap::new();
    for name in md::DATASETS {
        let Some(base) = doc.datasets.get(name) else { raise(Finding::error(format!("precondition: the document names no dataset {name}"))) };
        let mut url = url::Url::parse(base).unwrap_or_else(|e| raise(Finding::fail(format!("the {name} dataset's url is not a URL: {e}"))));
        crate::runner::world::check_on_platform(&ctx, &url, &format!("the {name} dataset")).or_raise();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("from", from);
            if let Some(to) = to {
                q.append_pair("to", to);
            }
        }
        let (mut status, mut records) = (200u16, Vec::new());
        paging::walk_each(&ctx.http, &w.rec, url.as_str(), Some(token), &[], &format!("{who}: {name}"), |page| {
            status = page.status;
            records.extend(page.body.get("items").and_then(Value::as_array).cloned().unwrap_or_default());
            Ok(())
        })
        .await
        .or_raise();
        if status == 402 {
            w.md.payment_asked.push(format!("the {name} listing ({who})"));
        }
        out.insert(name.to_string(), (status, records));
    }
    out
}

#[when("the merchant lists every dataset for the 31 days that start three years before the run")]
async fn list_far_window(w: &mut PlatformWorld) {
    let (from, to) = md::far_window(OffsetDateTime::now_utc());
    let token = earlier!(w.md.merchant_token).clone();
    let listed = list_all(w, &token, &from, Some(&to), "the merchant").await;
    w.md.window = Some((from, to));
    w.md.listed = Some(listed);
}

#[then("every dataset lists at least one record of that range, and none outside it")]
fn far_window_served(w: &mut PlatformWorld) {
    let doc = earlier!(w.md.doc);
    md::check_history(&doc.active_since.format(&Rfc3339).unwrap_or_default(), &now_rfc3339()).or_raise();
    let (from, to) = earlier!(w.md.window).clone();
    let mut problems = Vec::new();
    for (name, (status, records)) in earlier!(w.md.listed) {
        if *status != 200 {
            problems.push(format!("the {name} listing for {from} to {to} answered HTTP {status}"));
        } else if let Err(f) = md::check_range(name, records, &from, &to) {
            if f.kind != hutong_model::FindingKind::Fail {
                raise(f);
            }
            problems.push(f.message);
        }
    }
    if !problems.is_empty() {
        raise(Finding::fail(problems.join("; ")));
    }
}

#[when("the merchant starts an export of its data")]
async fn start_export(w: &mut PlatformWorld) {
    let doc = earlier!(w.md.doc).clone();
    let Some(exports) = doc.exports.clone() else {
        w.md.export_created = Some((0, None));
        return;
    };
    let url = url::Url::parse(&exports).unwrap_or_else(|e| raise(Finding::fail(format!("the document's `exports` is not a URL: {e}"))));
    crate::runner::world::check_on_platform(&w.ctx(), &url, "the merchant-data document's `exports`").or_raise();
    let response = w.request(http::Method::POST, url.as_str()).json(&json!({})).label("create merchant export").send(&w.rec).await.or_raise();
    if response.status == 402 {
        w.md.payment_asked.push("the merchant export".to_string());
    }
    let job = response.header("location").and_then(|l| response.url.join(l).ok()).map(|u| u.to_string());
    w.md.export_created = Some((response.status, job));
}

#[then("the merchant-data document states no charge")]
fn no_charge(w: &mut PlatformWorld) {
    md::check_free(&earlier!(w.md.doc).document).or_raise();
}

#[then("no listing and no export was answered 402 Payment Required")]
fn no_payment_asked(w: &mut PlatformWorld) {
    if !w.md.payment_asked.is_empty() {
        raise(Finding::fail(format!(
            "the platform asked the merchant to pay (402 Payment Required) for its own data: {}",
            w.md.payment_asked.join(", ")
        )));
    }
}

#[when("both tools list every dataset from three years before the run to the run's start")]
async fn both_list(w: &mut PlatformWorld) {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or(OffsetDateTime::now_utc());
    let from = (now - time::Duration::days(md::THREE_YEARS_DAYS)).format(&Rfc3339).unwrap_or_default();
    let to = now.format(&Rfc3339).unwrap_or_default();
    let outside_token = earlier!(w.md.merchant_token).clone();
    let own_token = earlier!(w.md.own_token).clone();
    let outside = list_all(w, &outside_token, &from, Some(&to), "the outside tool").await;
    let own = list_all(w, &own_token, &from, Some(&to), "the platform's own tool").await;
    let volatile = w.ctx().discovery.volatile_fields();
    let mut differences = Vec::new();
    for name in md::DATASETS {
        let ((sa, ra), (sb, rb)) = (&outside[name], &own[name]);
        if sa != sb {
            differences.push(format!("the {name} listing answered HTTP {sa} to the outside tool, HTTP {sb} to the platform's own"));
            continue;
        }
        if let Err(f) = hutong_checks::differential::check_volatile_fields(&volatile, ra.iter().chain(rb)) {
            raise(f);
        }
        if let Err(f) = md::check_same_records(name, ra, rb, &volatile) {
            differences.push(f.message);
        }
    }
    w.md.window = Some((from, to));
    w.md.differences = Some(differences);
}

#[then("both tools get the same status and the same records for every dataset")]
fn same_for_both(w: &mut PlatformWorld) {
    let differences = earlier!(w.md.differences);
    if !differences.is_empty() {
        raise(Finding::fail(differences.join("; ")));
    }
}

#[when("the merchant polls its export until it completes")]
async fn poll_export(w: &mut PlatformWorld) {
    let (status, job) = earlier!(w.md.export_created).clone();
    if status == 0 {
        raise(Finding::fail("the merchant-data document names no `exports` collection for merchant exports"));
    }
    if status != 202 {
        raise(Finding::fail(format!("creating a merchant export answered HTTP {status}, not 202 Accepted with the job's Location")));
    }
    let Some(job) = job else { raise(Finding::fail("the merchant export's 202 answer has no Location of the job")) };
    let manifest_url = crate::steps::cloud_migration::poll_job(w, &job).await.or_raise();
    let manifest = crate::steps::cloud_migration::fetch_manifest(w, &manifest_url).await.or_raise();
    w.md.manifest = Some(manifest);
}

#[then(expr = "the merchant's export manifest validates against {string} and lists every dataset")]
fn manifest_lists_datasets(w: &mut PlatformWorld, schema: String) {
    // `fetch_manifest` validated it against the suite's manifest schema.
    if schema != hutong_checks::export::MANIFEST_SCHEMA {
        raise(Finding::error(format!("the scenario names schema {schema}, the merchant export is read against {}", hutong_checks::export::MANIFEST_SCHEMA)));
    }
    let manifest = earlier!(w.md.manifest);
    let missing: Vec<&str> = md::DATASETS.iter().copied().filter(|d| !manifest.entities.iter().any(|e| e.name == *d)).collect();
    if !missing.is_empty() {
        raise(Finding::fail(format!("the merchant export's manifest lists no entity {}", missing.join(", "))));
    }
}

#[then("every file of the merchant's export matches the manifest in size and SHA-256")]
async fn files_match(w: &mut PlatformWorld) {
    let manifest = earlier!(w.md.manifest).clone();
    let ctx = w.ctx();
    let mut problems = Vec::new();
    for entity in &manifest.entities {
        let mut verifier = JsonlVerifier::new(entity).or_raise();
        for file in &entity.files {
            let url = url::Url::parse(&file.url).unwrap_or_else(|e| raise(Finding::fail(format!("file {} has no valid URL: {e}", file.name))));
            crate::runner::world::check_on_platform(&ctx, &url, &format!("file {}", file.name)).or_raise();
            let (declared, mut received) = (file.bytes, 0u64);
            let mut sink = |chunk: &[u8]| {
                received = received.saturating_add(chunk.len() as u64);
                if received > declared {
                    return Err(format!("more than the {declared} bytes the manifest declares"));
                }
                verifier.feed(chunk)
            };
            let meta = match w.request(http::Method::GET, url.as_str()).label(format!("download {}", file.name)).download(&w.rec, &mut sink).await {
                Ok(m) => m,
                Err(hutong_http::HttpError::Sink(e)) => {
                    problems.push(format!("{}: {e}", file.name));
                    continue;
                }
                Err(e) => raise(hutong_checks::transport(e)),
            };
            if meta.status != 200 {
                problems.push(format!("{}: download answered HTTP {}", file.name, meta.status));
            } else if meta.bytes != file.bytes || meta.sha256_hex != file.sha256 {
                problems.push(format!("{}: {} bytes with SHA-256 {}, the manifest says {} bytes with {}", file.name, meta.bytes, meta.sha256_hex, file.bytes, file.sha256));
            }
        }
        if let Err(f) = verifier.finish() {
            problems.push(f.message);
        }
    }
    if !problems.is_empty() {
        raise(Finding::fail(format!("the merchant export's files do not match its manifest: {}", problems.join("; "))));
    }
}

#[then("each dataset's record count in the export equals what its listing serves")]
async fn counts_match(w: &mut PlatformWorld) {
    let manifest = earlier!(w.md.manifest).clone();
    let doc = earlier!(w.md.doc).clone();
    let ctx = w.ctx();
    let token = earlier!(w.md.merchant_token).clone();
    let mut problems = Vec::new();
    for entity in manifest.entities.iter().filter(|e| md::DATASETS.contains(&e.name.as_str())) {
        let Some(url) = doc.datasets.get(&entity.name) else { continue };
        let mut count = 0u64;
        let mut status = 200;
        paging::walk_each(&ctx.http, &w.rec, url, Some(&token), &[], &format!("count {}", entity.name), |page| {
            status = page.status;
            count += page.body.get("items").and_then(Value::as_array).map_or(0, |a| a.len() as u64);
            Ok(())
        })
        .await
        .or_raise();
        if status != 200 {
            raise(Finding::error(format!("precondition: the {} listing answered HTTP {status}", entity.name)));
        }
        if count != entity.record_count {
            problems.push(format!("{}: the export holds {} records, the listing serves {count}", entity.name, entity.record_count));
        }
    }
    if !problems.is_empty() {
        raise(Finding::fail(format!("the merchant export's record counts differ from the merchant's listings: {}", problems.join("; "))));
    }
}
