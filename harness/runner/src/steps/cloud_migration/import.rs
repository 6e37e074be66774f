//! CM-06 and CM-07: importing the export format, and the export → import → export round trip.

use super::{export_precondition, export_records, live_list_url, manifest, name_some, note_created, read_live};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::export::Manifest;
use hutong_checks::fidelity::{record_difference, record_id};
use hutong_checks::migration::{diff_records_with, remap};
use hutong_model::Finding;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

/// What one import request answered.
struct ImportAnswer {
    entity: String,
    sent: usize,
    sent_ids: Vec<String>,
    /// The records sent, as exported.
    rows: Vec<Value>,
    status: u16,
    body: Value,
}

/// Uploads every file of `manifest` (whose records are `records`), entity by entity in manifest
/// order, in one import session.
async fn import_all(w: &mut PlatformWorld, manifest: &Manifest, records: &BTreeMap<String, Vec<Value>>) -> Result<Vec<ImportAnswer>, Finding> {
    let url = w.endpoint("imports");
    let mut session: Option<String> = None;
    let mut answers = Vec::new();
    for entity in &manifest.entities {
        let rows = records.get(&entity.name).cloned().unwrap_or_default();
        let mut body = Vec::new();
        for r in &rows {
            serde_json::to_writer(&mut body, r).expect("records serialise");
            body.push(b'\n');
        }
        let mut query = vec![("entity", entity.name.clone())];
        if let Some(s) = &session {
            query.push(("session", s.clone()));
        }
        let response = w
            .request(http::Method::POST, url.as_str())
            .query(&query)
            .body(body, "application/jsonl")
            .label(format!("import {}", entity.name))
            .send(&w.rec)
            .await
            .map_err(hutong_checks::transport)?;
        let parsed = response.json_value().unwrap_or(Value::Null);
        if session.is_none() {
            session = parsed.get("import_id").and_then(Value::as_str).map(str::to_string);
        }
        answers.push(ImportAnswer {
            entity: entity.name.clone(),
            sent: rows.len(),
            sent_ids: rows.iter().filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_string)).collect(),
            rows,
            status: response.status,
            body: parsed,
        });
        note_created(&w.ctx(), id_map(&answers.last().expect("just pushed").body).into_values());
    }
    Ok(answers)
}

fn id_map(body: &Value) -> BTreeMap<String, String> {
    body.get("id_map")
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string()))).collect())
        .unwrap_or_default()
}

#[when("the client imports every file of the export")]
async fn import_files(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let records = export_records(w, &manifest).await.or_raise();
    let answers = import_all(w, &manifest, &records).await.or_raise();
    let mut problems = Vec::new();
    for a in &answers {
        if !(200..300).contains(&a.status) {
            problems.push(format!("importing {} answered HTTP {}", a.entity, a.status));
            continue;
        }
        let reported = a.body.get("records").and_then(Value::as_u64);
        if reported != Some(a.sent as u64) {
            problems.push(format!("importing {} records of {} reported `records` {:?}", a.sent, a.entity, reported));
        }
        let map = id_map(&a.body);
        let unmapped: Vec<&String> = a.sent_ids.iter().filter(|id| !map.contains_key(*id)).collect();
        if !unmapped.is_empty() {
            problems.push(format!("the import of {} maps no new ID for {} record(s), e.g. {}", a.entity, unmapped.len(), unmapped[0]));
        }
        let distinct: HashSet<&String> = map.values().collect();
        if distinct.len() != map.len() {
            problems.push(format!("the import of {} maps two records to the same new ID", a.entity));
        }
    }
    if problems.is_empty() {
        problems.extend(read_back(w, &manifest, &answers).await.or_raise());
    }
    w.cm.import_problems = Some(problems);
}

/// CM-06 read-back (OPIS §16): every mapped ID, read through the live API, serves the record
/// imported under it — the record sent, with IDs and references replaced by the session's
/// mapping. A mapped ID the live API does not serve, or that serves another record, is named
/// with the member and both values.
async fn read_back(w: &PlatformWorld, manifest: &Manifest, answers: &[ImportAnswer]) -> Result<Vec<String>, Finding> {
    let mut session_map = BTreeMap::new();
    for a in answers {
        session_map.extend(id_map(&a.body));
    }
    let volatile = w.ctx().discovery.volatile_fields();
    let mut problems = Vec::new();
    for (a, entity) in answers.iter().zip(&manifest.entities) {
        let map = id_map(&a.body);
        // A listing that cannot be read is judged by CM-02 and OE-05; here it leaves the
        // read-back undecided.
        let unreadable = |f: Finding| Finding::error(format!("the imported records cannot be read back: {}", f.message));
        let url = live_list_url(&w.ctx(), entity).map_err(unreadable)?;
        let wanted: HashSet<String> = map.values().cloned().collect();
        let (_, live) = read_live(w, &entity.name, &url, &wanted).await.map_err(unreadable)?;
        for row in &a.rows {
            let Some(source) = record_id(row) else { continue };
            let Some(target) = map.get(&source) else { continue };
            match live.get(target) {
                None => problems.push(format!("{} {source} is mapped to {target}, which the live API does not serve", a.entity)),
                Some(served) => {
                    if let Some(d) = record_difference(served, &remap(row, &session_map), &volatile) {
                        problems.push(format!(
                            "{} {source} is mapped to {target}, but there {}",
                            a.entity,
                            d.describe("the live API", "the imported record")
                        ));
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![format!("{} mapped ID(s) do not serve the imported record: {}", problems.len(), name_some(&problems))])
}

#[then("each import reports the records imported and one distinct new ID per record, each serving the imported record")]
fn import_reported(w: &mut PlatformWorld) {
    let problems: Vec<String> = earlier!(w.cm.import_problems).clone();
    if !problems.is_empty() {
        raise(Finding::fail(format!("the import does not report what it imported, or its mapping does not serve it: {}", problems.join("; "))));
    }
}

/// Raises what a precondition could not obtain as an `error`.
fn precondition<T>(f: Finding) -> T {
    raise(Finding::error(format!("precondition: {}", f.message)))
}

#[given("every file of the export has been imported")]
async fn imported(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let records = export_records(w, &manifest).await.unwrap_or_else(precondition);
    // The source of truth of the round trip, read before anything is imported: what the live API
    // serves for each exported record, not the platform's export of it, where an alteration made
    // on export and again on import would cancel out (OPIS §16).
    let mut sources = serde_json::Map::new();
    for entity in &manifest.entities {
        let exported = records.get(&entity.name).map(Vec::as_slice).unwrap_or_default();
        let ids: HashSet<String> = exported.iter().filter_map(record_id).collect();
        let url = live_list_url(&w.ctx(), entity).unwrap_or_else(precondition);
        let (_, live) = read_live(w, &entity.name, &url, &ids).await.unwrap_or_else(|f| precondition(f.context("the source records")));
        let mut served = Vec::with_capacity(exported.len());
        for id in exported.iter().filter_map(record_id) {
            match live.get(&id) {
                Some(record) => served.push(record.clone()),
                None => raise(Finding::error(format!(
                    "precondition: {} {id} of the export is not served by the live API, so its round trip cannot be judged",
                    entity.name
                ))),
            }
        }
        sources.insert(entity.name.clone(), Value::Array(served));
    }
    w.cm.sources = Some(sources);
    let answers = import_all(w, &manifest, &records).await.unwrap_or_else(precondition);
    let mut map = BTreeMap::new();
    for a in &answers {
        if !(200..300).contains(&a.status) {
            raise(Finding::error(format!("precondition: importing {} answered HTTP {}", a.entity, a.status)));
        }
        map.extend(id_map(&a.body));
    }
    w.cm.id_map = Some(map);
}

#[when("the client takes another export")]
async fn second_export(w: &mut PlatformWorld) {
    let second = export_precondition(w, &json!({})).await;
    w.cm.second = Some(second);
}

#[then("every record of the first export is in the second under its mapped ID, unchanged")]
async fn round_trip(w: &mut PlatformWorld) {
    let first = manifest(w);
    let second: Manifest = earlier!(w.cm.second).clone();
    let map: BTreeMap<String, String> = earlier!(w.cm.id_map).clone();
    let sources = Value::Object(earlier!(w.cm.sources).clone());
    let b = export_records(w, &second).await.or_raise();
    let volatile = w.ctx().discovery.volatile_fields();
    let mut problems = Vec::new();
    for entity in &first.entities {
        let sources: Vec<Value> = sources.get(&entity.name).and_then(Value::as_array).cloned().unwrap_or_default();
        let before: HashSet<String> = sources.iter().filter_map(record_id).collect();
        let diff = diff_records_with(&sources, b.get(&entity.name).map(Vec::as_slice).unwrap_or_default(), &map, &before, &volatile);
        if !diff.is_clean() {
            problems.push(format!("{}: {}", entity.name, diff.describe(5)));
        }
    }
    if !problems.is_empty() {
        raise(Finding::fail(format!(
            "export → import → export does not give back what the live API serves for the source records, modulo the ID mapping: {}",
            problems.join("; ")
        )));
    }
}
