//! CM-20: an export a destination provider's client starts for the customer (a token of the
//! authorization-code grant) completes free of charge and equals the customer's own export.

use super::{compare_dir, error_text, fetch_manifest, name_first, on_disk, poll_job, precondition, spool_export, NAMED_DIFFERENCES, RUN_BUDGET};
use crate::identities::PersonKind;
use crate::records::{next_key, SortedRecords, Spool};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::export::Manifest;
use hutong_checks::fidelity::{record_difference, record_id};
use hutong_checks::migration::FirstFew;
use hutong_model::{msg, Finding, Message};
use serde_json::json;
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

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
        w.note_limitation(msg!("steps-cm-destination-no-affiliated-client"));
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
        (402, _) => Err(Finding::fail(msg!("steps-cm-destination-charged"))),
        (202, Some(location)) => {
            let job = response.url.join(location).map_err(|e| Finding::fail(msg!("steps-cm-destination-bad-job-location", error = e.to_string())))?;
            let manifest_url = poll_job(w, job.as_str()).await?;
            fetch_manifest(w, &manifest_url).await
        }
        (200, _) => response.json_value().map_err(|e| Finding::fail(error_text(e))).and_then(|v| Manifest::parse(&v)),
        (status, _) => Err(Finding::fail(msg!("steps-cm-destination-export-status", status = status, hint = hutong_checks::body_hint(&response)))),
    }
}

#[when("the customer's own client and the destination provider each export the customer's data")]
async fn both_export(w: &mut PlatformWorld) {
    let own_token = earlier!(w.cm.own_token).clone();
    let destination_token = earlier!(w.cm.destination_token).clone();
    // The customer's own export first: it is the baseline, so a problem with it is an `error`.
    w.token = Some(own_token);
    let own_export = |f: Finding| -> Finding { precondition(f.text.in_context(msg!("steps-cm-destination-own-export"))) };
    let own = export(w).await.unwrap_or_else(|f| raise(own_export(f)));
    // Both exports are spooled to disk and compared by sorted runs: exports of any size.
    let own = spool_export(w, &own).await.unwrap_or_else(|f| raise(own_export(f)));
    w.token = Some(destination_token);
    let destination = match export(w).await {
        Ok(manifest) => spool_export(w, &manifest).await.map_err(|f| Finding::fail(msg!("steps-cm-destination-unreadable", detail = f.text))),
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
    let own = earlier!(w.cm.own_export);
    let Ok(destination) = earlier!(w.cm.destination_export) else { raise(Finding::error(msg!("steps-cm-destination-nothing-to-compare"))) };
    let volatile = w.ctx().discovery.volatile_fields();
    let dir = compare_dir().or_raise();
    let mut problems = FirstFew::new(NAMED_DIFFERENCES);
    compare_exports(destination, own, dir.path(), RUN_BUDGET, &volatile, &mut problems).map_err(on_disk).or_raise();
    if !problems.is_empty() {
        raise(Finding::fail(msg!("steps-cm-destination-differs", differences = name_first(&problems))));
    }
}

/// Offers `problems` the differences between the destination provider's export and the
/// customer's own, found by sorted runs of `budget` bytes under `dir`, keyed in the order they
/// are named: by entity, then an entity in only one export, a different record count, each
/// record of the destination provider's export in its order (absent from the customer's own or
/// different from the last record there with its ID), and last each ID of the customer's own
/// export that the other lacks, by ID.
fn compare_exports(
    destination: &Spool,
    own: &Spool,
    dir: &Path,
    budget: usize,
    volatile: &[String],
    problems: &mut FirstFew<(String, u8, u64), Message>,
) -> io::Result<()> {
    let names: BTreeSet<&str> = own.entities().iter().chain(destination.entities()).map(|e| e.name.as_str()).collect();
    let mut compared = Vec::new();
    for name in names {
        let (Some(a), Some(b)) = (destination.entity(name), own.entity(name)) else {
            problems.offer((name.to_string(), 0, 0), msg!("steps-cm-destination-entity-in-one", entity = name));
            continue;
        };
        if a.records != b.records {
            problems.offer((name.to_string(), 1, 0), msg!("steps-cm-destination-record-count", entity = name, destination = a.records, own = b.records));
        }
        compared.push((a, b));
    }
    // One side at a time, so that one side's buffer is in memory.
    let mut sides = [SortedRecords::new(dir, "destination", budget), SortedRecords::new(dir, "own", budget)];
    for (i, side) in sides.iter_mut().enumerate() {
        for (a, b) in &compared {
            let entity = if i == 0 { a } else { b };
            entity.for_each(|seq, r| match record_id(&r) {
                Some(id) => side.push(&entity.name, &id, seq, &id, Some(&r)),
                None => Ok(()),
            })?;
        }
        side.flush()?;
    }
    let [a, b] = sides;
    let (mut a, mut b) = (a.into_reader()?, b.into_reader()?);
    let mut missing = 0u64;
    while let Some((name, id)) = next_key(&mut [&mut a, &mut b])? {
        let at = (name.as_str(), id.as_str());
        let theirs = b.last_at(at)?.map(|r| r.record()).transpose()?;
        let mut listed = false;
        while let Some(record) = a.next_at(at)? {
            listed = true;
            let problem = match &theirs {
                None => msg!("steps-cm-destination-only-in-destination", entity = &name, id = &id),
                Some(theirs) => match record_difference(&record.record()?, theirs, volatile) {
                    Some(d) => {
                        let difference = d.describe(msg!("steps-cm-destination-side-provider"), msg!("steps-cm-destination-side-own"));
                        msg!("steps-cm-destination-record-differs", entity = &name, id = &id, difference = difference)
                    }
                    None => continue,
                },
            };
            problems.offer((name.clone(), 2, record.seq), problem);
        }
        if !listed && theirs.is_some() {
            missing += 1;
            problems.offer((name.clone(), 3, missing), msg!("steps-cm-destination-missing", entity = &name, id = &id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// CM-20's comparison as it was written over both exports in memory.
    fn compare_in_memory(destination: &BTreeMap<String, Vec<Value>>, own: &BTreeMap<String, Vec<Value>>, volatile: &[String]) -> Vec<String> {
        let mut problems = Vec::new();
        for name in own.keys().chain(destination.keys()).collect::<BTreeSet<_>>() {
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
                        if let Some(d) = record_difference(record, theirs, volatile) {
                            problems.push(format!("{name} {id}: {}", d.describe(msg!("steps-cm-destination-side-provider"), msg!("steps-cm-destination-side-own"))));
                        }
                    }
                }
            }
            let ids: std::collections::HashSet<String> = a.iter().filter_map(record_id).collect();
            for id in by_id.keys().filter(|id| !ids.contains(*id)) {
                problems.push(format!("{name} {id} is missing from the destination provider's export"));
            }
        }
        problems
    }

    fn spool_of(parent: &Path, export: &BTreeMap<String, Vec<Value>>) -> Spool {
        let mut spool = Spool::new(parent).unwrap();
        for (name, records) in export {
            spool.declare(name).unwrap();
            for r in records {
                spool.append(name, r).unwrap();
            }
        }
        spool.close().unwrap();
        spool
    }

    // See: issue 13: both exports were held in memory and were an `error` above 64 MiB.
    #[test]
    fn exports_compared_by_sorted_runs_differ_as_in_memory() {
        let own: BTreeMap<String, Vec<Value>> = [
            ("merchants", (0..20).map(|i| json!({"id": format!("m{:03}", (i * 7) % 20), "n": i})).collect::<Vec<_>>()),
            ("products", (0..90).map(|i| json!({"id": format!("p{:03}", (i * 37) % 90), "n": i, "at": "t0"})).collect()),
            ("reviews", vec![json!({"id": "r1"})]),
        ]
        .map(|(k, v)| (k.to_string(), v))
        .into_iter()
        .collect();
        let mut destination = own.clone();
        destination.remove("reviews");
        destination.insert("extra-entity".into(), vec![json!({"id": "e1"})]);
        let products = destination.get_mut("products").unwrap();
        products.retain(|r| r["n"].as_u64().unwrap() % 10 != 4);
        for r in products.iter_mut().filter(|r| r["n"].as_u64().unwrap() % 9 == 2) {
            r["n"] = json!(-1);
        }
        for r in products.iter_mut() {
            r["at"] = json!("t1");
        }
        products.push(json!({"id": "p900", "n": 0}));
        products.push(json!({"no_id": true}));
        products.reverse();
        destination.get_mut("merchants").unwrap().truncate(19);
        let volatile = vec!["/at".to_string()];
        let expected = compare_in_memory(&destination, &own, &volatile);
        assert!(expected.len() > NAMED_DIFFERENCES && expected.iter().any(|p| p.contains("missing from")), "{expected:?}");

        let parent = tempfile::tempdir().unwrap();
        let (a, b) = (spool_of(parent.path(), &destination), spool_of(parent.path(), &own));
        for keep in [NAMED_DIFFERENCES, usize::MAX] {
            let dir = tempfile::tempdir().unwrap();
            let mut got = FirstFew::new(keep);
            compare_exports(&a, &b, dir.path(), 256, &volatile, &mut got).unwrap();
            assert_eq!(got.total(), expected.len());
            let expected_texts: Vec<Message> = expected.iter().map(Message::verbatim).collect();
            assert_eq!(name_first(&got).en(), super::super::name_some(&expected_texts).en());
            if keep == usize::MAX {
                // Every problem, in the order the in-memory comparison named them.
                assert_eq!(got.items().map(Message::en).collect::<Vec<_>>(), expected);
            }
        }
    }
}
