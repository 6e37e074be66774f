//! Steps of `features/merchant-data/` (OPIS §16c): the merchant-data document, its datasets three
//! years back (MD-01), free (MD-02), the same for an outside tool as for the platform's own (MD-03),
//! and merchant exports in the bulk-export format (MD-04).

use crate::identities::PersonKind;
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::export::{JsonlVerifier, Manifest};
use hutong_checks::merchant_data::{self as md, MerchantData};
use hutong_checks::paging;
use hutong_model::{msg, Finding, Message};
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
    pub payment_asked: Vec<Message>,
    /// The merchant export's creation answer: status and job URL.
    pub export_created: Option<(u16, Option<String>)>,
    /// The merchant export's manifest.
    pub manifest: Option<Manifest>,
    /// Differences between the outside tool's records and the platform's own (MD-03).
    pub differences: Option<Vec<Message>>,
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
        w.note_limitation(msg!("steps-merchant-data-no-affiliated"));
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
        w.md.payment_asked.push(msg!("steps-merchant-data-the-document"));
    }
    let doc = hutong_checks::expect_status(&response, 200, msg!("steps-merchant-data-the-document"))
        .and_then(|_| hutong_checks::json_body(&response, msg!("steps-merchant-data-the-document")))
        .and_then(|doc| md::check_document(&doc))
        .unwrap_or_else(|f| raise(f.context(msg!("steps-merchant-data-precondition"))));
    w.md.doc = Some(doc);
}

/// Every dataset's records for `[from, to)` (every page), listed with `token` by `who`; a
/// transport problem is an `error`, and a `402` is noted for MD-02.
async fn list_all(w: &mut PlatformWorld, token: &str, from: &str, to: Option<&str>, who: Message) -> BTreeMap<String, (u16, Vec<Value>)> {
    let doc = earlier!(w.md.doc).clone();
    let ctx = w.ctx();
    let mut out = BTreeMap::new();
    for name in md::DATASETS {
        let Some(base) = doc.datasets.get(name) else { raise(Finding::error(msg!("steps-merchant-data-no-dataset", dataset = name))) };
        let mut url = url::Url::parse(base).unwrap_or_else(|e| raise(Finding::fail(msg!("steps-merchant-data-dataset-url", dataset = name, error = e.to_string()))));
        crate::runner::world::check_on_platform(&ctx, &url, msg!("steps-merchant-data-dataset", dataset = name)).or_raise();
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
            w.md.payment_asked.push(msg!("steps-merchant-data-listing-by", dataset = name, who = who.clone()));
        }
        out.insert(name.to_string(), (status, records));
    }
    out
}

#[when("the merchant lists every dataset for the 31 days that start three years before the run")]
async fn list_far_window(w: &mut PlatformWorld) {
    let (from, to) = md::far_window(OffsetDateTime::now_utc());
    let token = earlier!(w.md.merchant_token).clone();
    let listed = list_all(w, &token, &from, Some(&to), msg!("steps-merchant-data-the-merchant")).await;
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
            problems.push(msg!("steps-merchant-data-range-status", dataset = name, from = from.as_str(), to = to.as_str(), status = status));
        } else if let Err(f) = md::check_range(name, records, &from, &to) {
            if f.kind != hutong_model::FindingKind::Fail {
                raise(f);
            }
            problems.push(f.text);
        }
    }
    if let Some(problems) = hutong_model::joined(problems) {
        raise(Finding::fail(problems));
    }
}

#[when("the merchant starts an export of its data")]
async fn start_export(w: &mut PlatformWorld) {
    let doc = earlier!(w.md.doc).clone();
    let Some(exports) = doc.exports.clone() else {
        w.md.export_created = Some((0, None));
        return;
    };
    let url = url::Url::parse(&exports).unwrap_or_else(|e| raise(Finding::fail(msg!("steps-merchant-data-exports-not-url", error = e.to_string()))));
    crate::runner::world::check_on_platform(&w.ctx(), &url, msg!("steps-merchant-data-exports")).or_raise();
    let response = w.request(http::Method::POST, url.as_str()).json(&json!({})).label("create merchant export").send(&w.rec).await.or_raise();
    if response.status == 402 {
        w.md.payment_asked.push(msg!("steps-merchant-data-the-export"));
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
    let asked = hutong_model::comma_listed(w.md.payment_asked.iter().cloned());
    if let Some(asked) = asked {
        raise(Finding::fail(msg!("steps-merchant-data-payment-asked", answers = asked)));
    }
}

#[when("both tools list every dataset from three years before the run to the run's start")]
async fn both_list(w: &mut PlatformWorld) {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or(OffsetDateTime::now_utc());
    let from = (now - time::Duration::days(md::THREE_YEARS_DAYS)).format(&Rfc3339).unwrap_or_default();
    let to = now.format(&Rfc3339).unwrap_or_default();
    let outside_token = earlier!(w.md.merchant_token).clone();
    let own_token = earlier!(w.md.own_token).clone();
    let outside = list_all(w, &outside_token, &from, Some(&to), msg!("steps-merchant-data-the-outside-tool")).await;
    let own = list_all(w, &own_token, &from, Some(&to), msg!("steps-merchant-data-the-own-tool")).await;
    let volatile = w.ctx().discovery.volatile_fields();
    let mut differences = Vec::new();
    for name in md::DATASETS {
        let ((sa, ra), (sb, rb)) = (&outside[name], &own[name]);
        if sa != sb {
            differences.push(msg!("steps-merchant-data-status-differs", dataset = name, outside = sa, own = sb));
            continue;
        }
        if let Err(f) = hutong_checks::differential::check_volatile_fields(&volatile, ra.iter().chain(rb)) {
            raise(f);
        }
        if let Err(f) = md::check_same_records(name, ra, rb, &volatile) {
            differences.push(f.text);
        }
    }
    w.md.window = Some((from, to));
    w.md.differences = Some(differences);
}

#[then("both tools get the same status and the same records for every dataset")]
fn same_for_both(w: &mut PlatformWorld) {
    if let Some(differences) = hutong_model::joined(earlier!(w.md.differences).iter().cloned()) {
        raise(Finding::fail(differences));
    }
}

#[when("the merchant polls its export until it completes")]
async fn poll_export(w: &mut PlatformWorld) {
    let (status, job) = earlier!(w.md.export_created).clone();
    if status == 0 {
        raise(Finding::fail(msg!("steps-merchant-data-no-exports")));
    }
    if status != 202 {
        raise(Finding::fail(msg!("steps-merchant-data-export-status", status = status)));
    }
    let Some(job) = job else { raise(Finding::fail(msg!("steps-merchant-data-export-no-location"))) };
    let manifest_url = crate::steps::cloud_migration::poll_job(w, &job).await.or_raise();
    let manifest = crate::steps::cloud_migration::fetch_manifest(w, &manifest_url).await.or_raise();
    w.md.manifest = Some(manifest);
}

#[then(expr = "the merchant's export manifest validates against {string} and lists every dataset")]
fn manifest_lists_datasets(w: &mut PlatformWorld, schema: String) {
    // `fetch_manifest` validated it against the suite's manifest schema.
    if schema != hutong_checks::export::MANIFEST_SCHEMA {
        raise(Finding::error(msg!("steps-merchant-data-wrong-schema", schema = schema, read_against = hutong_checks::export::MANIFEST_SCHEMA)));
    }
    let manifest = earlier!(w.md.manifest);
    let missing: Vec<&str> = md::DATASETS.iter().copied().filter(|d| !manifest.entities.iter().any(|e| e.name == *d)).collect();
    if !missing.is_empty() {
        raise(Finding::fail(msg!("steps-merchant-data-manifest-missing", entities = missing.join(", "))));
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
            let url = url::Url::parse(&file.url).unwrap_or_else(|e| raise(Finding::fail(msg!("steps-merchant-data-file-url", file = file.name.as_str(), error = e.to_string()))));
            crate::runner::world::check_on_platform(&ctx, &url, msg!("steps-merchant-data-file", file = file.name.as_str())).or_raise();
            let (declared, mut received) = (file.bytes, 0u64);
            let mut oversized = false;
            let mut sink = |chunk: &[u8]| {
                received = received.saturating_add(chunk.len() as u64);
                if received > declared {
                    oversized = true;
                    return Err(format!("more than the {declared} bytes the manifest declares"));
                }
                verifier.feed(chunk)
            };
            let meta = match w.request(http::Method::GET, url.as_str()).label(format!("download {}", file.name)).download(&w.rec, &mut sink).await {
                Ok(m) => m,
                Err(hutong_http::HttpError::Sink(_)) if oversized => {
                    problems.push(msg!("steps-merchant-data-file-oversized", file = file.name.as_str(), declared = declared));
                    continue;
                }
                Err(hutong_http::HttpError::Sink(e)) => {
                    // The verifier's own words about the file's lines (hutong_checks::export).
                    problems.push(msg!("steps-merchant-data-file-problem", file = file.name.as_str(), problem = e));
                    continue;
                }
                Err(e) => raise(hutong_checks::transport(e)),
            };
            if meta.status != 200 {
                problems.push(msg!("steps-merchant-data-download-status", file = file.name.as_str(), status = meta.status));
            } else if meta.bytes != file.bytes || meta.sha256_hex != file.sha256 {
                problems.push(msg!(
                    "steps-merchant-data-file-mismatch",
                    file = file.name.as_str(),
                    bytes = meta.bytes,
                    sha256 = meta.sha256_hex.as_str(),
                    declared_bytes = file.bytes,
                    declared_sha256 = file.sha256.as_str()
                ));
            }
        }
        if let Err(f) = verifier.finish() {
            problems.push(f.text);
        }
    }
    if let Some(problems) = hutong_model::joined(problems) {
        raise(Finding::fail(msg!("steps-merchant-data-files-mismatch", problems = problems)));
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
            raise(Finding::error(msg!("steps-merchant-data-count-listing-status", dataset = entity.name.as_str(), status = status)));
        }
        if count != entity.record_count {
            problems.push(msg!("steps-merchant-data-count-differs", dataset = entity.name.as_str(), exported = entity.record_count, listed = count));
        }
    }
    if let Some(problems) = hutong_model::joined(problems) {
        raise(Finding::fail(msg!("steps-merchant-data-counts-differ", problems = problems)));
    }
}
