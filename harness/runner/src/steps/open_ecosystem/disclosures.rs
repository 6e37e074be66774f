//! OE-10 to OE-14, OE-17, OE-18, OE-22, OE-23: disclosure documents (信息公示), the interop terms,
//! the public consultation on each version, the worker topics and the complaint channels.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::disclosure::{self, Listed};
use hutong_model::{joined, msg, Finding, Message};
use serde_json::{json, Value};

/// GET `url` without credentials: disclosures are public.
async fn fetch_public(w: &mut PlatformWorld, url: &str, what: Message) -> Value {
    let request = w.ctx().http.get(url).label(what.en());
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, what.clone()).or_raise();
    hutong_checks::json_body(&response, what).or_raise()
}

fn listed(w: &PlatformWorld) -> Vec<Listed> {
    disclosure::listed(earlier!(w.oe.disclosure_index))
}

#[when("the harness fetches the disclosure index without credentials")]
async fn fetch_index(w: &mut PlatformWorld) {
    let url = w.endpoint("disclosures");
    let index = fetch_public(w, url.as_str(), msg!("steps-oe-disclosures-index")).await;
    w.oe.disclosure_index = Some(index);
}

#[then("the index is valid and lists the platform rules, the fee schedule and the algorithmic rules")]
fn index_complete(w: &mut PlatformWorld) {
    disclosure::check_index(earlier!(w.oe.disclosure_index)).or_raise();
}

#[then("the current version of each listed document is a valid disclosure document")]
async fn current_versions_valid(w: &mut PlatformWorld) {
    for d in listed(w) {
        let doc = fetch_public(w, &d.current, msg!("steps-oe-disclosures-current", kind = d.kind.clone())).await;
        disclosure::check_document(&doc, &d.kind, msg!("steps-oe-disclosures-current-document", kind = d.kind.clone())).or_raise();
    }
}

/// Every document the index lists: OE-11 and OE-12 hold for each, the required kinds, the interop
/// terms and any other alike (whether the required kinds are listed is OE-10's to judge).
#[when("the harness fetches the history of every listed disclosure document")]
async fn fetch_histories(w: &mut PlatformWorld) {
    let documents = listed(w);
    if documents.is_empty() {
        raise(Finding::fail(msg!("steps-oe-disclosures-none-listed")));
    }
    let mut histories = Vec::new();
    for d in documents {
        let history = fetch_public(w, &d.history, msg!("steps-oe-disclosures-history", kind = d.kind.clone())).await;
        let versions = disclosure::check_history(&history, &d.kind).or_raise();
        histories.push(json!({ "kind": d.kind, "versions": versions }));
    }
    w.oe.histories = Some(json!(histories));
}

fn histories(w: &PlatformWorld) -> Vec<(String, Vec<Value>)> {
    earlier!(w.oe.histories)
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| (h["kind"].as_str().unwrap_or_default().to_string(), h["versions"].as_array().cloned().unwrap_or_default()))
        .collect()
}

#[then("every version was announced at least 7 days before it took effect")]
fn seven_days_notice(w: &mut PlatformWorld) {
    let short: Vec<Message> = histories(w).iter().flat_map(|(kind, versions)| disclosure::short_notices(versions, kind)).collect();
    if let Some(short) = joined(short) {
        raise(Finding::fail(msg!("steps-oe-disclosures-short-notice", versions = short)));
    }
}

#[then("every listed version, superseded ones included, is retrievable and is the version listed, with the dates listed")]
async fn versions_retrievable(w: &mut PlatformWorld) {
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for (kind, versions) in histories(w) {
        for v in versions {
            let version = v["version"].as_str().unwrap_or_default().to_string();
            let url = v["url"].as_str().unwrap_or_default().to_string();
            let request = w.ctx().http.get(&url).label(format!("{kind} version {version}"));
            let response = w.send(request).await;
            if response.status != 200 {
                problems.push(msg!("steps-oe-disclosures-version-status", kind = kind.clone(), version = version.clone(), status = response.status));
                continue;
            }
            let doc = match response.json_value() {
                Ok(d) => d,
                Err(e) => {
                    problems.push(msg!("steps-oe-disclosures-version-not-json", kind = kind.clone(), version = version.clone(), error = e.to_string()));
                    continue;
                }
            };
            if let Err(f) = disclosure::check_document(&doc, &kind, msg!("steps-oe-disclosures-version", kind = kind.clone(), version = version.clone())) {
                problems.push(f.text);
            } else if let Some(p) = disclosure::listed_version_disagreement(&v, &doc, &kind) {
                problems.push(p);
            } else {
                // What a later run finds unchanged (OPIS §12).
                let origin = w.ctx().base_url.origin().ascii_serialization();
                seen.insert(format!("{kind}@{version}"), disclosure::seen_version(&doc, &origin));
            }
        }
    }
    {
        let ctx = w.ctx();
        let mut observations = ctx.observations.lock().unwrap_or_else(|p| p.into_inner());
        observations.disclosures.extend(seen.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    w.oe.versions_seen = Some(seen);
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(msg!("steps-oe-disclosures-not-retrievable", problems = problems)));
    }
}

#[then("no version an earlier run retrieved was rewritten, backdated or withdrawn from its history")]
fn versions_kept(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let Some(history) = ctx.history.clone() else { raise(Finding::error(msg!("steps-oe-disclosures-no-history"))) };
    ctx.history_used.lock().unwrap_or_else(|p| p.into_inner()).insert("OE-12".to_string());
    let earlier: Vec<(String, hutong_model::DisclosureSeen, String)> = history
        .disclosure_versions()
        .into_iter()
        .filter_map(|key| history.latest_disclosure(&key).map(|(seen, run)| (key.clone(), seen.clone(), run.to_string())))
        .collect();
    disclosure::check_versions_kept(&earlier, earlier!(w.oe.versions_seen)).or_raise();
}

#[when(expr = "the harness fetches the current {string} document")]
async fn fetch_current(w: &mut PlatformWorld, kind: String) {
    let documents = listed(w);
    let d = disclosure::find(&documents, &kind).or_raise().clone();
    let doc = fetch_public(w, &d.current, msg!("steps-oe-disclosures-current", kind = kind.clone())).await;
    w.oe.disclosure_document = Some(doc);
}

#[then("it has a rule on order allocation, piece rates and commission ratios, each naming whom it affects")]
fn algorithm_topics(w: &mut PlatformWorld) {
    disclosure::check_algorithmic_rules(earlier!(w.oe.disclosure_document)).or_raise();
}

#[then("it states commission rates and payment-settlement rates as fractions")]
fn fee_rates(w: &mut PlatformWorld) {
    disclosure::check_fee_schedule(earlier!(w.oe.disclosure_document)).or_raise();
}

#[then("it is a valid disclosure document stating admission criteria, review criteria, a review deadline and grounds for suspension, each citing a section it contains")]
fn interop_terms_complete(w: &mut PlatformWorld) {
    let doc = earlier!(w.oe.disclosure_document);
    disclosure::check_document(doc, disclosure::INTEROP_TERMS, msg!("steps-oe-disclosures-current-document", kind = disclosure::INTEROP_TERMS)).or_raise();
    disclosure::check_interop_terms(doc).or_raise();
}

#[then("its history lists it as the version in effect now")]
async fn current_in_history(w: &mut PlatformWorld) {
    let doc = earlier!(w.oe.disclosure_document).clone();
    let kind = doc.get("kind").and_then(Value::as_str).unwrap_or_default().to_string();
    let d = disclosure::find(&listed(w), &kind).or_raise().clone();
    let history = fetch_public(w, &d.history, msg!("steps-oe-disclosures-history", kind = kind.clone())).await;
    let versions = disclosure::check_history(&history, &kind).or_raise();
    disclosure::check_current_listed(&doc, &versions, &kind, time::OffsetDateTime::now_utc()).or_raise();
}

#[then("every listed version records a public consultation that closed before the version was announced")]
fn consultations_recorded(w: &mut PlatformWorld) {
    let now = time::OffsetDateTime::now_utc();
    let problems = histories(w).iter().filter_map(|(kind, versions)| disclosure::check_consultations(versions, kind, now).err()).map(|f| f.text).collect::<Vec<_>>();
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(problems));
    }
}

/// GET `url` without credentials if it is on the platform's origins: its status and body, or a
/// problem saying why it was not fetched.
async fn fetch_page(w: &mut PlatformWorld, url: &str, what: Message) -> Result<(u16, String), Message> {
    let parsed = url::Url::parse(url)
        .map_err(|e| msg!("steps-oe-disclosures-page-not-url", what = what.clone(), url = hutong_model::sanitize_line(url, 80), error = e.to_string()))?;
    crate::runner::world::check_on_platform(&w.ctx(), &parsed, what.clone()).map_err(|f| f.text)?;
    let request = w.ctx().http.get(url).label(what.en());
    let response = w.send(request).await;
    Ok((response.status, response.text().map(str::to_string).unwrap_or_default()))
}

#[then("every version's document records the same consultation, and its channel names the version")]
async fn consultations_agree(w: &mut PlatformWorld) {
    let mut problems = Vec::new();
    for (kind, versions) in histories(w) {
        for v in versions {
            let version = v["version"].as_str().unwrap_or_default().to_string();
            let url = v["url"].as_str().unwrap_or_default().to_string();
            let request = w.ctx().http.get(&url).label(format!("{kind} version {version}"));
            let response = w.send(request).await;
            // Whether the version is retrievable is OE-12's to judge (it fails there): a version
            // that is not is compared no further; one that is must record the same consultation.
            if response.status == 200
                && let Ok(doc) = response.json_value()
                && let Some(p) = disclosure::consultation_disagreement(&v, &doc, &kind)
            {
                problems.push(p);
            }
            let Some(channel) = v.pointer("/consultation/url").and_then(Value::as_str) else { continue };
            let what = msg!("steps-oe-disclosures-consultation-channel", kind = kind.clone(), version = version.clone());
            let channel_url = hutong_model::sanitize_line(channel, 80);
            match fetch_page(w, channel, what).await {
                Err(p) => problems.push(p),
                Ok((200, body)) if disclosure::page_names_version(&body, &version) => {}
                Ok((200, _)) => problems.push(msg!("steps-oe-disclosures-channel-unnamed", kind = kind.clone(), version = version.clone(), url = channel_url)),
                Ok((status, _)) => {
                    problems.push(msg!("steps-oe-disclosures-channel-status", kind = kind.clone(), version = version.clone(), url = channel_url, status = status))
                }
            }
        }
    }
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(msg!("steps-oe-disclosures-consultations-unsupported", problems = problems)));
    }
}

#[then("it has a rule on pay composition, working time, and rewards and penalties, each naming workers as affected")]
fn worker_topics(w: &mut PlatformWorld) {
    disclosure::check_worker_rules(earlier!(w.oe.disclosure_document)).or_raise();
}

#[then("it is a valid disclosure document giving channels for complaints and appeals open to third parties, merchants and users, the processing steps and a time limit")]
fn complaints_complete(w: &mut PlatformWorld) {
    let doc = earlier!(w.oe.disclosure_document);
    disclosure::check_document(doc, disclosure::COMPLAINTS, msg!("steps-oe-disclosures-current-document", kind = disclosure::COMPLAINTS)).or_raise();
    disclosure::check_complaints(doc).or_raise();
}

#[then("every complaint channel answers")]
async fn complaint_channels_answer(w: &mut PlatformWorld) {
    let urls = disclosure::check_complaints(earlier!(w.oe.disclosure_document)).or_raise();
    let mut problems = Vec::new();
    for url in urls {
        match fetch_page(w, &url, msg!("steps-oe-disclosures-complaint-channel")).await {
            Err(p) => problems.push(p),
            Ok((200, _)) => {}
            Ok((status, _)) => problems.push(msg!("steps-oe-disclosures-complaint-status", url = hutong_model::sanitize_line(&url, 80), status = status)),
        }
    }
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(msg!("steps-oe-disclosures-complaints-silent", problems = problems)));
    }
}
