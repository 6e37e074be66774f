//! OE-10 to OE-14: disclosure documents (信息公示).

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::disclosure::{self, Listed};
use hutong_model::Finding;
use serde_json::{json, Value};

/// GET `url` without credentials: disclosures are public.
async fn fetch_public(w: &mut PlatformWorld, url: &str, what: &str) -> Value {
    let request = w.ctx().http.get(url).label(what.to_string());
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, what).or_raise();
    hutong_checks::json_body(&response, what).or_raise()
}

fn listed(w: &PlatformWorld) -> Vec<Listed> {
    disclosure::listed(earlier!(w.oe.disclosure_index))
}

#[when("the harness fetches the disclosure index without credentials")]
async fn fetch_index(w: &mut PlatformWorld) {
    let url = w.endpoint("disclosures");
    let index = fetch_public(w, url.as_str(), "the disclosure index").await;
    w.oe.disclosure_index = Some(index);
}

#[then("the index is valid and lists the platform rules, the fee schedule and the algorithmic rules")]
fn index_complete(w: &mut PlatformWorld) {
    disclosure::check_index(earlier!(w.oe.disclosure_index)).or_raise();
}

#[then("the current version of each listed document is a valid disclosure document")]
async fn current_versions_valid(w: &mut PlatformWorld) {
    for d in listed(w) {
        let doc = fetch_public(w, &d.current, &format!("the current `{}`", d.kind)).await;
        disclosure::check_document(&doc, &d.kind, &format!("the current `{}` document", d.kind)).or_raise();
    }
}

#[when("the harness fetches the history of every required disclosure document")]
async fn fetch_histories(w: &mut PlatformWorld) {
    let documents = listed(w);
    let mut histories = Vec::new();
    for kind in disclosure::REQUIRED_KINDS {
        let d = disclosure::find(&documents, kind).or_raise().clone();
        let history = fetch_public(w, &d.history, &format!("the history of `{kind}`")).await;
        let versions = disclosure::check_history(&history, kind).or_raise();
        histories.push(json!({ "kind": kind, "versions": versions }));
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
    let short: Vec<String> = histories(w).iter().flat_map(|(kind, versions)| disclosure::short_notices(versions, kind)).collect();
    if !short.is_empty() {
        raise(Finding::fail(format!("changes announced less than 7 days before taking effect (E-Commerce Law art. 34): {}", short.join("; "))));
    }
}

#[then("every listed version, superseded ones included, is retrievable and is the version listed, with the dates listed")]
async fn versions_retrievable(w: &mut PlatformWorld) {
    let mut problems = Vec::new();
    for (kind, versions) in histories(w) {
        for v in versions {
            let version = v["version"].as_str().unwrap_or_default().to_string();
            let url = v["url"].as_str().unwrap_or_default().to_string();
            let request = w.ctx().http.get(&url).label(format!("{kind} version {version}"));
            let response = w.send(request).await;
            if response.status != 200 {
                problems.push(format!("{kind} {version}: HTTP {}", response.status));
                continue;
            }
            let doc = match response.json_value() {
                Ok(d) => d,
                Err(e) => {
                    problems.push(format!("{kind} {version}: not JSON ({e})"));
                    continue;
                }
            };
            if let Err(f) = disclosure::check_document(&doc, &kind, &format!("{kind} {version}")) {
                problems.push(f.message);
            } else if let Some(p) = disclosure::listed_version_disagreement(&v, &doc, &kind) {
                problems.push(p);
            }
        }
    }
    if !problems.is_empty() {
        raise(Finding::fail(format!("the versions the histories list are not retrievable as listed: {}", problems.join("; "))));
    }
}

#[when(expr = "the harness fetches the current {string} document")]
async fn fetch_current(w: &mut PlatformWorld, kind: String) {
    let documents = listed(w);
    let d = disclosure::find(&documents, &kind).or_raise().clone();
    let doc = fetch_public(w, &d.current, &format!("the current `{kind}`")).await;
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
