//! CM-06 and CM-07: importing the export format, and the export → import → export round trip.
//!
//! Exports of any size: the export is spooled to disk ([`Spool`]) and every comparison walks
//! sorted runs ([`crate::records`]), naming the first differences in the order the in-memory
//! comparison named them. What stays in memory grows with the number of records only through
//! the import's ID map, which the import API answers whole, and one entity's file while it is
//! sent (one import request per entity, OPIS §16).

use super::{
    compare_dir, export_precondition, for_each_record, live_list_url, manifest, name_first, note_created, on_disk, precondition, sort_live, spool_export, NAMED_DIFFERENCES,
    RUN_BUDGET,
};
use crate::records::{next_key, SortedRecords, Spool, SpooledEntity};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::export::Manifest;
use hutong_checks::fidelity::{record_difference, record_id};
use hutong_checks::migration::{remap, DiffTally, FirstFew};
use hutong_model::{joined, msg, Finding, Message};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::Path;

/// What one import request answered.
struct ImportAnswer {
    entity: String,
    /// Records sent.
    sent: u64,
    status: u16,
    body: Value,
}

/// Uploads every file of `manifest` (whose records are spooled in `records`), entity by entity
/// in manifest order, in one import session.
async fn import_all(w: &mut PlatformWorld, manifest: &Manifest, records: &Spool) -> Result<Vec<ImportAnswer>, Finding> {
    let url = w.endpoint("imports");
    let mut session: Option<String> = None;
    let mut answers = Vec::new();
    for entity in &manifest.entities {
        // The spool holds each record as one line of JSON, as the import takes it.
        let (body, sent) = match records.entity(&entity.name) {
            Some(e) => (e.bytes().map_err(on_disk)?, e.records),
            None => (Vec::new(), 0),
        };
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
        answers.push(ImportAnswer { entity: entity.name.clone(), sent, status: response.status, body: parsed });
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

/// Importing `entity` answered `status`.
fn import_status(entity: &str, status: u16) -> Message {
    msg!("steps-cm-import-status", entity = entity, status = status)
}

/// The records of `rows` with a string `id` that `map` does not map: how many, and the first.
fn unmapped(rows: Option<&SpooledEntity>, map: &BTreeMap<String, String>) -> io::Result<(usize, Option<String>)> {
    let (mut count, mut first) = (0usize, None);
    if let Some(rows) = rows {
        rows.for_each(|_, r| {
            if let Some(id) = r.get("id").and_then(Value::as_str).filter(|id| !map.contains_key(*id)) {
                count += 1;
                first.get_or_insert_with(|| id.to_string());
            }
            Ok(())
        })?;
    }
    Ok((count, first))
}

#[when("the client imports every file of the export")]
async fn import_files(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let records = spool_export(w, &manifest).await.or_raise();
    let answers = import_all(w, &manifest, &records).await.or_raise();
    let mut problems: Vec<Message> = Vec::new();
    for a in &answers {
        if !(200..300).contains(&a.status) {
            problems.push(import_status(&a.entity, a.status));
            continue;
        }
        let reported = a.body.get("records").and_then(Value::as_u64);
        if reported != Some(a.sent) {
            problems.push(msg!("steps-cm-import-records-reported", sent = a.sent, entity = &a.entity, reported = format!("{reported:?}")));
        }
        let map = id_map(&a.body);
        let (count, first) = unmapped(records.entity(&a.entity), &map).map_err(on_disk).or_raise();
        if let Some(first) = first {
            problems.push(msg!("steps-cm-import-unmapped", entity = &a.entity, count = count, first = first));
        }
        let distinct: HashSet<&String> = map.values().collect();
        if distinct.len() != map.len() {
            problems.push(msg!("steps-cm-import-same-new-id", entity = &a.entity));
        }
    }
    if problems.is_empty() {
        problems.extend(read_back(w, &manifest, &records, &answers).await.or_raise());
    }
    w.cm.import_problems = Some(problems);
}

/// CM-06 read-back (OPIS §16): every mapped ID, read through the live API, serves the record
/// imported under it — the record sent, with IDs and references replaced by the session's
/// mapping. A mapped ID the live API does not serve, or that serves another record, is named
/// with the member and both values.
async fn read_back(w: &PlatformWorld, manifest: &Manifest, records: &Spool, answers: &[ImportAnswer]) -> Result<Vec<Message>, Finding> {
    let mut session_map = BTreeMap::new();
    for a in answers {
        session_map.extend(id_map(&a.body));
    }
    let volatile = w.ctx().discovery.volatile_fields();
    let mut problems = FirstFew::new(NAMED_DIFFERENCES);
    for (index, (a, entity)) in answers.iter().zip(&manifest.entities).enumerate() {
        let map = id_map(&a.body);
        // A listing that cannot be read is judged by CM-02 and OE-05; here it leaves the
        // read-back undecided.
        let unreadable = |f: Finding| Finding::error(msg!("steps-cm-import-unreadable", detail = f.text));
        let url = live_list_url(&w.ctx(), entity).map_err(unreadable)?;
        let dir = compare_dir()?;
        let live = sort_live(w, &entity.name, &url, dir.path()).await.map_err(unreadable)?;
        let imported = ImportedEntity { index, name: &a.entity, rows: records.entity(&a.entity), map: &map, session_map: &session_map };
        imported.read_back(live, dir.path(), RUN_BUDGET, &volatile, &mut problems).map_err(on_disk)?;
    }
    if problems.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![msg!("steps-cm-import-mapped-ids-differ", count = problems.total(), records = name_first(&problems))])
}

/// One entity of an import, for its read-back.
struct ImportedEntity<'a> {
    /// Its place in the manifest.
    index: usize,
    name: &'a str,
    /// The records sent.
    rows: Option<&'a SpooledEntity>,
    /// The entity's ID mapping.
    map: &'a BTreeMap<String, String>,
    /// The mapping of the whole session, which references are mapped by.
    session_map: &'a BTreeMap<String, String>,
}

impl ImportedEntity<'_> {
    /// Each record sent with a mapped ID against the last item the live listing (`live`) lists
    /// at that ID, by sorted runs under `dir` (`budget` bytes a run); a problem is offered keyed
    /// by the entity's place and the record's, the order in which records were sent.
    fn read_back(&self, live: SortedRecords, dir: &Path, budget: usize, volatile: &[String], problems: &mut FirstFew<(usize, u64), Message>) -> io::Result<()> {
        let mut sent = SortedRecords::new(dir, "sent", budget);
        if let Some(rows) = self.rows {
            rows.for_each(|seq, row| {
                let Some(source) = record_id(&row) else { return Ok(()) };
                let Some(target) = self.map.get(&source) else { return Ok(()) };
                sent.push(self.name, target, seq, &source, Some(&remap(&row, self.session_map)))
            })?;
        }
        let (mut sent, mut live) = (sent.into_reader()?, live.into_reader()?);
        while let Some((entity, target)) = next_key(&mut [&mut sent])? {
            let at = (entity.as_str(), target.as_str());
            let served = if live.holds(at)? { live.last_at(at)?.map(|r| r.record()).transpose()? } else { None };
            while let Some(row) = sent.next_at(at)? {
                let (name, source) = (self.name, &row.id);
                let problem = match &served {
                    None => msg!("steps-cm-import-mapped-not-served", entity = name, source = source, target = &target),
                    Some(served) => match record_difference(served, &row.record()?, volatile) {
                        Some(d) => {
                            let difference = d.describe(msg!("steps-cm-import-side-live-api"), msg!("steps-cm-import-side-imported"));
                            msg!("steps-cm-import-mapped-differs", entity = name, source = source, target = &target, difference = difference)
                        }
                        None => continue,
                    },
                };
                problems.offer((self.index, row.seq), problem);
            }
        }
        Ok(())
    }
}

#[then("each import reports the records imported and one distinct new ID per record, each serving the imported record")]
fn import_reported(w: &mut PlatformWorld) {
    let problems: Vec<Message> = earlier!(w.cm.import_problems).clone();
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(msg!("steps-cm-import-not-reported", problems = problems)));
    }
}

/// Raises what a precondition could not obtain as an `error`.
fn precondition_failed<T>(f: Finding) -> T {
    raise(precondition(f.text))
}

#[given("every file of the export has been imported")]
async fn imported(w: &mut PlatformWorld) {
    let manifest = manifest(w);
    let records = spool_export(w, &manifest).await.unwrap_or_else(precondition_failed);
    // The source of truth of the round trip, read before anything is imported: what the live API
    // serves for each exported record, not the platform's export of it, where an alteration made
    // on export and again on import would cancel out (OPIS §16).
    let mut sources = Spool::new(&super::work_dir()).map_err(on_disk).or_raise();
    for entity in &manifest.entities {
        if sources.entity(&entity.name).is_some() {
            continue;
        }
        let url = live_list_url(&w.ctx(), entity).unwrap_or_else(precondition_failed);
        let dir = compare_dir().or_raise();
        let live = sort_live(w, &entity.name, &url, dir.path()).await.unwrap_or_else(|f| precondition_failed(f.context(msg!("steps-cm-import-source-records"))));
        let unserved = keep_sources(&entity.name, records.entity(&entity.name), live, dir.path(), RUN_BUDGET, &mut sources).map_err(on_disk).or_raise();
        if let Some(id) = unserved {
            raise(precondition(msg!("steps-cm-import-source-not-served", entity = &entity.name, id = id)));
        }
    }
    sources.close().map_err(on_disk).or_raise();
    w.cm.sources = Some(sources);
    let answers = import_all(w, &manifest, &records).await.unwrap_or_else(precondition_failed);
    let mut map = BTreeMap::new();
    for a in &answers {
        if !(200..300).contains(&a.status) {
            raise(precondition(import_status(&a.entity, a.status)));
        }
        map.extend(id_map(&a.body));
    }
    w.cm.id_map = Some(map);
}

/// CM-07's source of truth for `entity`: for each record of the export (`exported`), the last
/// item the live listing (`live`) lists at its ID, appended to `sources` as `[position in the
/// export, record]` (in ID order; the position gives back the export's order). Returns the ID
/// of the first exported record, in the export's order, that the live API does not serve. Runs
/// of `budget` bytes go under `dir`.
fn keep_sources(entity: &str, exported: Option<&SpooledEntity>, live: SortedRecords, dir: &Path, budget: usize, sources: &mut Spool) -> io::Result<Option<String>> {
    let mut ids = SortedRecords::new(dir, "exported", budget);
    if let Some(exported) = exported {
        exported.for_each(|seq, r| match record_id(&r) {
            Some(id) => ids.push(entity, &id, seq, &id, None),
            None => Ok(()),
        })?;
    }
    sources.declare(entity)?;
    let (mut ids, mut live) = (ids.into_reader()?, live.into_reader()?);
    let mut unserved: Option<(u64, String)> = None;
    while let Some((e, key)) = next_key(&mut [&mut ids])? {
        let at = (e.as_str(), key.as_str());
        let served = if live.holds(at)? { live.last_at(at)?.map(|r| r.record()).transpose()? } else { None };
        while let Some(exported) = ids.next_at(at)? {
            match &served {
                Some(record) => sources.append(entity, &json!([exported.seq, record]))?,
                None if unserved.as_ref().is_none_or(|(seq, _)| exported.seq < *seq) => unserved = Some((exported.seq, exported.id)),
                None => {}
            }
        }
    }
    Ok(unserved.map(|(_, id)| id))
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
    let sources = earlier!(w.cm.sources);
    let volatile = w.ctx().discovery.volatile_fields();
    let dir = compare_dir().or_raise();
    let mut trip = RoundTrip::new(dir.path(), RUN_BUDGET, &first.entities.iter().map(|e| e.name.clone()).collect::<Vec<_>>());
    trip.add_sources(sources, &map).map_err(on_disk).or_raise();
    for_each_record(w, &second, &mut |entity, record| trip.add_second(entity, &record).map_err(on_disk)).await.or_raise();
    let tallies = trip.finish(&volatile, NAMED_DIFFERENCES).map_err(on_disk).or_raise();
    let mut problems = Vec::new();
    for entity in &first.entities {
        if let Some(diff) = tallies.get(&entity.name).filter(|d| !d.is_clean()) {
            problems.push(msg!("steps-cm-import-entity-differences", entity = &entity.name, differences = diff.describe(5).message().clone()));
        }
    }
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(msg!("steps-cm-import-round-trip-differs", differences = problems)));
    }
}

/// CM-07's comparison by sorted runs: the source records (what the live API served for the
/// first export, [`keep_sources`]) mapped to their new IDs, against the second export; the
/// source IDs are what the platform held before the import. The same differences as
/// [`hutong_checks::migration::diff_records_with`], named in the same order, in memory that
/// does not grow with the exports.
struct RoundTrip {
    /// The entities of the first export: the only ones judged.
    entities: Vec<String>,
    source: SortedRecords,
    before: SortedRecords,
    second: SortedRecords,
    /// Records of the second export read so far.
    read: u64,
}

impl RoundTrip {
    /// A comparison of `entities` whose runs of `budget` bytes go under `dir`.
    fn new(dir: &Path, budget: usize, entities: &[String]) -> RoundTrip {
        RoundTrip {
            entities: entities.to_vec(),
            source: SortedRecords::new(dir, "source", budget),
            before: SortedRecords::new(dir, "before", budget),
            second: SortedRecords::new(dir, "second", budget),
            read: 0,
        }
    }

    /// The source records of every entity, mapped through `map`.
    fn add_sources(&mut self, sources: &Spool, map: &BTreeMap<String, String>) -> io::Result<()> {
        for entity in sources.entities() {
            entity.for_each(|_, line| {
                let (Some(seq), Some(record)) = (line.get(0).and_then(Value::as_u64), line.get(1)) else {
                    return Err(io::Error::other("a source record was not spooled as [position, record]"));
                };
                let Some(id) = record_id(record) else { return Ok(()) };
                self.before.push(&entity.name, &id, seq, &id, None)?;
                let key = map.get(&id).unwrap_or(&id);
                self.source.push(&entity.name, key, seq, &id, Some(&remap(record, map)))
            })?;
        }
        self.source.flush()?;
        self.before.flush()
    }

    /// A record of the second export.
    fn add_second(&mut self, entity: &str, record: &Value) -> io::Result<()> {
        let Some(id) = record_id(record) else { return Ok(()) };
        self.read += 1;
        self.second.push(entity, &id, self.read, &id, Some(record))
    }

    /// The differences per entity of the first export, the members at the `volatile` pointers
    /// left out, with the first `keep` IDs of each kind.
    fn finish(self, volatile: &[String], keep: usize) -> io::Result<BTreeMap<String, DiffTally>> {
        let mut tallies: BTreeMap<String, DiffTally> = self.entities.iter().map(|e| (e.clone(), DiffTally::new(keep))).collect();
        let (mut source, mut before, mut second) = (self.source.into_reader()?, self.before.into_reader()?, self.second.into_reader()?);
        while let Some((entity, key)) = next_key(&mut [&mut source, &mut second])? {
            let at = (entity.as_str(), key.as_str());
            let found = second.last_at(at)?.map(|r| r.record()).transpose()?;
            let held_before = before.holds(at)?;
            let Some(tally) = tallies.get_mut(&entity) else {
                while source.next_at(at)?.is_some() {}
                continue;
            };
            let mut sources = 0usize;
            while let Some(s) = source.next_at(at)? {
                sources += 1;
                match &found {
                    None => tally.missing(s.seq, s.id),
                    Some(found) => {
                        tally.compared += 1;
                        if let Some(d) = record_difference(found, &s.record()?, volatile) {
                            tally.altered(s.seq, s.id, d.describe(msg!("migration-side-destination"), msg!("migration-side-source")));
                        }
                    }
                }
            }
            if sources == 0 && found.is_some() && !held_before {
                tally.extra(key.clone());
            }
        }
        Ok(tallies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hutong_checks::migration::diff_records_with;

    /// A budget far below the records compared: many runs a side, merged in passes.
    const SMALL: usize = 512;

    fn spool_of(parent: &Path, entities: &[(&str, &[Value])]) -> Spool {
        let mut spool = Spool::new(parent).unwrap();
        for (name, records) in entities {
            spool.declare(name).unwrap();
            for r in *records {
                spool.append(name, r).unwrap();
            }
        }
        spool.close().unwrap();
        spool
    }

    fn listing(dir: &Path, name: &'static str, entity: &str, items: &[Value]) -> SortedRecords {
        let mut live = SortedRecords::new(dir, name, SMALL);
        for (i, item) in items.iter().enumerate() {
            let id = record_id(item).unwrap();
            live.push(entity, &id, i as u64, &id, Some(item)).unwrap();
        }
        live
    }

    /// `n` records of `entity`, listed in an order that is not their IDs'.
    fn records(prefix: &str, n: usize) -> Vec<Value> {
        (0..n).map(|i| (i * 37) % n).map(|i| json!({"id": format!("{prefix}{i:04}"), "n": i, "ref": format!("m{:04}", i % 7), "updated_at": "t0"})).collect()
    }

    // See: issue 13: the round trip held both exports in memory and was an `error` above 64 MiB.
    #[test]
    fn the_round_trip_by_sorted_runs_says_what_the_in_memory_comparison_says() {
        let parent = tempfile::tempdir().unwrap();
        let (merchants, products) = (records("m", 12), records("p", 150));
        let exported = spool_of(parent.path(), &[("merchants", &merchants), ("products", &products), ("empty", &[])]);
        // Imports get new IDs, but not every record: those left unmapped are compared at their own.
        let map: BTreeMap<String, String> =
            merchants.iter().chain(&products).filter_map(record_id).filter(|id| !id.ends_with('3')).map(|id| (id.clone(), format!("n{id}"))).collect();
        let volatile = vec!["/updated_at".to_string()];
        let mut second: Vec<(&str, Value)> = Vec::new();
        for (entity, list) in [("merchants", &merchants), ("products", &products)] {
            for (i, r) in list.iter().enumerate() {
                second.push((entity, r.clone()));
                let mut copy = remap(r, &map);
                copy["updated_at"] = json!("t1");
                match i % 17 {
                    1 => continue,
                    2 => copy["n"] = json!(-1),
                    3 => second.push((entity, json!({"id": copy["id"].clone(), "n": "overwritten"}))),
                    4 => second.push((entity, json!({"id": format!("x{i:04}"), "n": 0}))),
                    _ => {}
                }
                second.push((entity, copy));
            }
        }
        second.reverse();
        second.push(("unlisted", json!({"id": "u1"})));

        let dir = tempfile::tempdir().unwrap();
        let mut sources = Spool::new(parent.path()).unwrap();
        for (entity, list) in [("merchants", &merchants), ("products", &products), ("empty", &Vec::new())] {
            let mut live_order = list.clone();
            live_order.reverse();
            live_order.push(json!({"id": "not-exported", "n": 0}));
            let live = listing(dir.path(), "live", entity, &live_order);
            let sub = tempfile::tempdir_in(dir.path()).unwrap();
            assert_eq!(keep_sources(entity, exported.entity(entity), live, sub.path(), SMALL, &mut sources).unwrap(), None);
        }
        sources.close().unwrap();
        let entities: Vec<String> = ["merchants", "products", "empty"].map(String::from).to_vec();
        for keep in [NAMED_DIFFERENCES, usize::MAX] {
            let sub = tempfile::tempdir_in(dir.path()).unwrap();
            let mut trip = RoundTrip::new(sub.path(), SMALL, &entities);
            trip.add_sources(&sources, &map).unwrap();
            for (entity, r) in &second {
                trip.add_second(entity, r).unwrap();
            }
            let got = trip.finish(&volatile, keep).unwrap();
            let per_kind = keep.min(1000);
            for (entity, list) in [("merchants", &merchants), ("products", &products), ("empty", &Vec::new())] {
                let b: Vec<Value> = second.iter().filter(|(e, _)| e == &entity).map(|(_, r)| r.clone()).collect();
                let before: HashSet<String> = list.iter().filter_map(record_id).collect();
                let expected = diff_records_with(list, &b, &map, &before, &volatile);
                assert_eq!(got[entity].describe(per_kind), expected.describe(per_kind), "{entity}");
                assert_eq!(got[entity].compared, expected.compared, "{entity}");
            }
            let products = got["products"].describe(5);
            assert!(products.contains("missing") && products.contains("extra") && products.contains("altered") && products.contains("and "), "{products}");
            assert!(got["empty"].is_clean() && !got.contains_key("unlisted"));
        }
    }

    #[test]
    fn the_first_exported_record_the_live_api_does_not_serve_is_named() {
        let parent = tempfile::tempdir().unwrap();
        let exported = [json!({"id": "b"}), json!({"id": "z9"}), json!({"id": "a1"})];
        let spool = spool_of(parent.path(), &[("things", &exported)]);
        let live = listing(parent.path(), "live", "things", &[json!({"id": "b"})]);
        let mut sources = Spool::new(parent.path()).unwrap();
        let unserved = keep_sources("things", spool.entity("things"), live, parent.path(), SMALL, &mut sources).unwrap();
        assert_eq!(unserved.as_deref(), Some("z9"));
    }

    /// CM-06's read-back as it was written over records in memory.
    fn read_back_in_memory(entity: &str, rows: &[Value], map: &BTreeMap<String, String>, session: &BTreeMap<String, String>, live: &[Value], volatile: &[String]) -> Vec<String> {
        let live: BTreeMap<String, &Value> = live.iter().map(|r| (record_id(r).unwrap(), r)).collect();
        let mut problems = Vec::new();
        for row in rows {
            let Some(source) = record_id(row) else { continue };
            let Some(target) = map.get(&source) else { continue };
            match live.get(target) {
                None => problems.push(format!("{entity} {source} is mapped to {target}, which the live API does not serve")),
                Some(served) => {
                    if let Some(d) = record_difference(served, &remap(row, session), volatile) {
                        problems.push(format!("{entity} {source} is mapped to {target}, but there {}", d.describe(msg!("steps-cm-import-side-live-api"), msg!("steps-cm-import-side-imported"))));
                    }
                }
            }
        }
        problems
    }

    #[test]
    fn the_read_back_by_sorted_runs_names_what_the_in_memory_read_back_names() {
        let parent = tempfile::tempdir().unwrap();
        let (merchants, products) = (records("m", 9), records("p", 80));
        let spool = spool_of(parent.path(), &[("merchants", &merchants), ("products", &products)]);
        let session: BTreeMap<String, String> = merchants.iter().chain(&products).filter_map(record_id).map(|id| (id.clone(), format!("n{id}"))).collect();
        let mut expected = Vec::new();
        let mut problems = FirstFew::new(usize::MAX);
        for (index, (entity, rows)) in [("merchants", &merchants), ("products", &products)].into_iter().enumerate() {
            let map: BTreeMap<String, String> = rows.iter().filter_map(record_id).map(|id| (id.clone(), session[&id].clone())).collect();
            // The live API serves each imported record, but not all, and not all unchanged.
            let live: Vec<Value> = rows
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 11 != 5)
                .map(|(i, r)| {
                    let mut served = remap(r, &session);
                    if i % 13 == 2 {
                        served["n"] = json!(i * 1000);
                    }
                    served
                })
                .rev()
                .collect();
            expected.extend(read_back_in_memory(entity, rows, &map, &session, &live, &[]));
            let dir = tempfile::tempdir().unwrap();
            let imported = ImportedEntity { index, name: entity, rows: spool.entity(entity), map: &map, session_map: &session };
            imported.read_back(listing(dir.path(), "live", entity, &live), dir.path(), SMALL, &[], &mut problems).unwrap();
        }
        assert!(expected.len() > NAMED_DIFFERENCES, "{expected:?}");
        assert_eq!(problems.total(), expected.len());
        let expected_texts: Vec<Message> = expected.iter().map(Message::verbatim).collect();
        assert_eq!(name_first(&problems).en(), super::super::name_some(&expected_texts).en());
        assert_eq!(problems.items().map(Message::en).collect::<Vec<_>>(), expected, "every problem, in the order sent");
    }
}
