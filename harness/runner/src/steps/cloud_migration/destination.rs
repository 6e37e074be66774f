//! CM-20: an export a destination provider's client starts for the customer (a token of the
//! authorization-code grant) completes free of charge and equals the customer's own export.

use super::{export_records, fetch_manifest, poll_job};
use crate::identities::PersonKind;
use crate::runner::world::{raise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::export::Manifest;
use hutong_checks::fidelity::{record_difference, record_id};
use hutong_model::Finding;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The customer CM-20 acts for (a test identity of kind `user`, OPIS §7).
const CUSTOMER: &str = "customer-a";

#[given(expr = "the harness acts for the test customer {string} through {string} as a destination provider")]
async fn destination(w: &mut PlatformWorld, label: String, role: String) {
    let session = w.person(PersonKind::User, &label, &role, None).await;
    w.cm.destination_token = Some(session.access_token);
}

#[given("the customer's own client acts for the same customer")]
async fn own_client(w: &mut PlatformWorld) {
    // The customer's own client is the platform's, which can only be supplied (OPIS §7); without
    // it, another client of the harness stands in and the verdict says so.
    let role = if w.ctx().credentials.contains_key("affiliated") {
        "affiliated"
    } else {
        w.note_limitation(
            "the affiliated client's credentials were not supplied (target file [credentials.affiliated]): the destination provider's export was compared with one taken through another outside client, so a better treatment of the platform's own client cannot be seen",
        );
        "third-party-a"
    };
    let session = w.person(PersonKind::User, CUSTOMER, role, None).await;
    w.cm.own_token = Some(session.access_token);
}

/// Creates an export with the scenario's token and follows it to its manifest; `402` is a charge.
async fn export(w: &mut PlatformWorld) -> Result<Manifest, Finding> {
    let url = w.endpoint("exports");
    let response = w.request(http::Method::POST, url.as_str()).json(&json!({})).label("create export").send(&w.rec).await.map_err(hutong_checks::transport)?;
    match (response.status, response.header("location")) {
        (402, _) => Err(Finding::fail("the destination provider's export was answered 402 Payment Required: it MUST be free of charge")),
        (202, Some(location)) => {
            let job = response.url.join(location).map_err(|e| Finding::fail(format!("bad job Location: {e}")))?;
            let manifest_url = poll_job(w, job.as_str()).await?;
            fetch_manifest(w, &manifest_url).await
        }
        (200, _) => response.json_value().map_err(|e| Finding::fail(e.to_string())).and_then(|v| Manifest::parse(&v)),
        (status, _) => Err(Finding::fail(format!("the destination provider's export answered HTTP {status}{}", hutong_checks::body_hint(&response)))),
    }
}

#[when("the customer's own client and the destination provider each export the customer's data")]
async fn both_export(w: &mut PlatformWorld) {
    let own_token = earlier!(w.cm.own_token).clone();
    let destination_token = earlier!(w.cm.destination_token).clone();
    // The customer's own export first: it is the baseline, so a problem with it is an `error`.
    w.token = Some(own_token);
    let own = export(w).await.unwrap_or_else(|f| raise(Finding::error(format!("precondition: the customer's own export: {}", f.message))));
    let own = export_records(w, &own).await.unwrap_or_else(|f| raise(Finding::error(format!("precondition: the customer's own export: {}", f.message))));
    w.token = Some(destination_token);
    let destination = match export(w).await {
        Ok(manifest) => export_records(w, &manifest).await.map_err(|f| Finding::fail(format!("the destination provider's export cannot be read: {}", f.message))),
        Err(f) => Err(f),
    };
    w.cm.own_export = Some(own);
    w.cm.destination_export = Some(destination);
}

#[then("the destination provider's export completed without a charge")]
fn completed(w: &mut PlatformWorld) {
    if let Err(f) = earlier!(w.cm.destination_export) {
        raise(f.clone());
    }
}

#[then("both exports list the same entities with the same records")]
fn same_records(w: &mut PlatformWorld) {
    let own = earlier!(w.cm.own_export).clone();
    let Ok(destination) = earlier!(w.cm.destination_export).clone() else { raise(Finding::error("no destination export to compare")) };
    let volatile = w.ctx().discovery.volatile_fields();
    let mut problems = Vec::new();
    for name in own.keys().chain(destination.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (Some(a), Some(b)) = (destination.get(name), own.get(name)) else {
            problems.push(format!("entity {name} is in only one of the two exports"));
            continue;
        };
        if a.len() != b.len() {
            problems.push(format!("entity {name}: {} records in the destination provider's export, {} in the customer's own", a.len(), b.len()));
        }
        let by_id: BTreeMap<String, &Value> = b.iter().filter_map(|r| record_id(r).map(|id| (id, r))).collect();
        for record in a {
            let Some(id) = record_id(record) else { continue };
            match by_id.get(&id) {
                None => problems.push(format!("{name} {id} is only in the destination provider's export")),
                Some(theirs) => {
                    if let Some(d) = record_difference(record, theirs, &volatile) {
                        problems.push(format!("{name} {id}: {}", d.describe("the destination provider's export", "the customer's own")));
                    }
                }
            }
        }
        let ids: std::collections::HashSet<String> = a.iter().filter_map(record_id).collect();
        for id in by_id.keys().filter(|id| !ids.contains(*id)) {
            problems.push(format!("{name} {id} is missing from the destination provider's export"));
        }
    }
    if !problems.is_empty() {
        raise(Finding::fail(format!(
            "the destination provider's export differs from the customer's own: {}",
            super::name_some(&problems)
        )));
    }
}
