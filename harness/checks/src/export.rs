//! Bulk export: manifest parsing and streaming verification of JSON Lines files.

use crate::fidelity::{SampleSpec, Sampler};
use crate::schema::{compile_declared, describe_errors, SchemaSet};
use hutong_model::{joined, msg, Arg, Finding, Message};
use jsonschema::Validator;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A parsed, schema-valid export manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Export ID.
    pub export_id: String,
    /// Media type of the files.
    pub format: String,
    /// Creation time.
    pub created_at: String,
    /// Cursor the export started from.
    #[serde(default)]
    pub since_cursor: Option<String>,
    /// Cursor of the next incremental export.
    pub next_cursor: String,
    /// Exported entities.
    pub entities: Vec<Entity>,
}

/// One exported entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Entity name.
    pub name: String,
    /// Records over all files.
    pub record_count: u64,
    /// JSON Schema of a record.
    pub schema: Value,
    /// Live API collection.
    #[serde(default)]
    pub list_url: Option<String>,
    /// Files.
    pub files: Vec<ExportFile>,
}

/// One exported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    /// File name (no path).
    pub name: String,
    /// Download URL.
    pub url: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Records in the file.
    pub records: u64,
}

/// The suite schema of an export manifest.
pub const MANIFEST_SCHEMA: &str = "export-manifest.schema.json";

/// The collections OPIS's OpenAPI description (`spec/openapi.json`) serves for listing — `GET`
/// operations of the interop API, not deprecated and without path parameters, that answer a page
/// of `items` with a `next` link — by name (the last path segment), leaving out those of an
/// optional capability (`x-opis-capability`) for which `declared` is false. A complete export has
/// an entity for each.
pub fn collections_for_export(declared: impl Fn(&str) -> bool) -> Vec<String> {
    let Some(doc) = opis_spec::file("spec/openapi.json").and_then(|f| serde_json::from_str::<Value>(f.contents).ok()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        if !path.starts_with("/api/") || path.contains('{') {
            continue;
        }
        let operation = &item["get"];
        let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
        let paged = schema["properties"]["items"]["type"] == "array" && schema["properties"].get("next").is_some();
        let offered = operation["x-opis-capability"].as_str().is_none_or(&declared);
        if paged && operation["deprecated"] != true && offered {
            out.extend(path.rsplit('/').next().map(str::to_string));
        }
    }
    out.sort();
    out
}

impl Manifest {
    /// CM-01: the manifest lists every entity the live API serves — at least each collection of
    /// `collections` ([`collections_for_export`]). An empty `entities` list is a `fail` naming it:
    /// an export of nothing verifies nothing.
    pub fn check_complete(&self, collections: &[String]) -> Result<(), Finding> {
        if self.entities.is_empty() {
            return Err(Finding::fail(msg!("export-no-entities")));
        }
        let missing: Vec<&str> =
            collections.iter().filter(|c| !self.entities.iter().any(|e| &e.name == *c)).map(String::as_str).collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Finding::fail(msg!("export-collections-missing", collections = missing.join(", "))))
        }
    }

    /// For the checks that compare an export with something: a manifest without entities leaves
    /// nothing to compare, an `error` (its incompleteness is CM-01's `fail`).
    pub fn check_not_empty(&self) -> Result<(), Finding> {
        if self.entities.is_empty() {
            Err(Finding::error(msg!("export-nothing-to-compare")))
        } else {
            Ok(())
        }
    }

    /// Validates `value` against `export-manifest.schema.json` and parses it.
    pub fn parse(value: &Value) -> Result<Manifest, Finding> {
        Manifest::parse_against(value, MANIFEST_SCHEMA)
    }

    /// Validates `value` against the suite schema `schema` (a file of `spec/schemas/`; one the
    /// suite lacks is an `error`) and parses it as a manifest.
    pub fn parse_against(value: &Value, schema: &str) -> Result<Manifest, Finding> {
        SchemaSet::embedded().check(schema, value, msg!("export-the-manifest"))?;
        let manifest: Manifest = serde_json::from_value(value.clone())
            .map_err(|e| Finding::fail(msg!("export-manifest-unreadable", error = e.to_string())))?;
        for entity in &manifest.entities {
            let name = hutong_model::sanitize_line(&entity.name, 80);
            if let Some(file) = entity.files.iter().find(|f| !is_plain_file_name(&f.name)) {
                return Err(Finding::fail(msg!(
                    "export-file-name-not-plain",
                    entity = name,
                    file = format!("{:?}", hutong_model::sanitize_line(&file.name, 120))
                )));
            }
            // Checked: absurd counts must not overflow (a panic in a debug build).
            let sum = entity.files.iter().try_fold(0u64, |acc, f| acc.checked_add(f.records));
            if sum != Some(entity.record_count) {
                let held: Arg = sum.map_or_else(|| msg!("export-more-than-2-64").into(), |s| s.to_string().into());
                return Err(Finding::fail(msg!("export-record-count", entity = name, declared = entity.record_count.to_string(), held = held)));
            }
        }
        Ok(manifest)
    }
}

/// Whether `name` names a file and nothing else: not empty, not `.` or `..`, no path separator,
/// no control character, at most 255 bytes. The manifest schema says as much; this holds even if
/// the schema changes, before a name is ever used as a path.
pub fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name != "."
        && name != ".."
        && !name.chars().any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
}

/// Whether a line of an export file is a tombstone (OPIS §16): exactly `id` and `deleted: true`.
pub fn is_tombstone(line: &Value) -> bool {
    line.as_object().is_some_and(|o| o.len() == 2 && o.get("id").is_some_and(Value::is_string) && o.get("deleted") == Some(&Value::Bool(true)))
}

/// CM-14: the record `id`, deleted while the export ran, does not outlive the export and the
/// incremental export from its `next_cursor`: of the lines both hold for `id` (`export` first,
/// then `incremental`, each in file order), the last, if any, is its tombstone. `Err` says how it
/// outlives them.
pub fn check_deletion_reflected(id: &str, export: &[Value], incremental: &[Value]) -> Result<(), Message> {
    let lines = export.iter().map(|l| (false, l)).chain(incremental.iter().map(|l| (true, l)));
    let last = lines.filter(|(_, l)| l.get("id").and_then(Value::as_str) == Some(id)).last();
    let id = hutong_model::sanitize_line(id, 80);
    match last {
        None => Ok(()),
        Some((_, line)) if is_tombstone(line) => Ok(()),
        Some((_, line)) if line.get("deleted") == Some(&Value::Bool(true)) => {
            Err(msg!("export-deleted-not-tombstone", id = &id, line = hutong_model::sanitize_line(&line.to_string(), 160)))
        }
        Some((incremental, _)) => Err(msg!(
            "export-deleted-outlives",
            id = &id,
            place = if incremental { msg!("export-in-incremental-export") } else { msg!("export-in-export") },
            tombstone = format!("{{\"id\": \"{id}\", \"deleted\": true}}")
        )),
    }
}

/// Splits a JSON Lines download into records as its chunks arrive, refusing to read past the
/// size the manifest declares or to hold a line longer than [`MAX_LINE_BYTES`]: memory holds one
/// chunk and one line whatever the size of the export, so that the record-by-record comparisons
/// (incremental exports, round trips, `migrate-check`) take exports of any size.
pub struct RecordLines<'a> {
    file: &'a str,
    declared: u64,
    received: u64,
    line: Vec<u8>,
    line_number: u64,
    /// Why [`RecordLines::feed`] refused a chunk, as a message.
    problem: Option<Message>,
}

impl<'a> RecordLines<'a> {
    /// Lines of file `file`, which its manifest says has `declared` bytes.
    pub fn new(file: &'a str, declared: u64) -> Self {
        RecordLines { file, declared, received: 0, line: Vec::new(), line_number: 0, problem: None }
    }

    /// Takes the next chunk; complete lines become records. `Err` is in English, for a download
    /// sink; [`RecordLines::problem`] gives it as a message.
    pub fn feed(&mut self, chunk: &[u8], records: &mut Vec<Value>) -> Result<(), String> {
        self.take_chunk(chunk, records).map_err(|m| {
            let text = m.en();
            self.problem = Some(m);
            text
        })
    }

    /// Why the last chunk was refused, if one was.
    pub fn problem(&self) -> Option<&Message> {
        self.problem.as_ref()
    }

    fn take_chunk(&mut self, chunk: &[u8], records: &mut Vec<Value>) -> Result<(), Message> {
        self.received = self.received.saturating_add(chunk.len() as u64);
        if self.received > self.declared {
            return Err(msg!("export-file-too-long", file = self.file, declared = self.declared.to_string()));
        }
        let mut rest = chunk;
        while let Some(end) = rest.iter().position(|b| *b == b'\n') {
            self.extend_line(&rest[..end])?;
            rest = &rest[end + 1..];
            self.take_line(records)?;
        }
        self.extend_line(rest)
    }

    fn extend_line(&mut self, bytes: &[u8]) -> Result<(), Message> {
        if self.line.len() + bytes.len() > MAX_LINE_BYTES {
            return Err(msg!("export-file-line-too-long", file = self.file, line = self.line_number + 1, max = MAX_LINE_BYTES));
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    fn take_line(&mut self, records: &mut Vec<Value>) -> Result<(), Message> {
        self.line_number += 1;
        let line = std::mem::take(&mut self.line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            let record = serde_json::from_slice(&line)
                .map_err(|e| msg!("export-file-line-not-json", file = self.file, line = self.line_number, error = e.to_string()))?;
            records.push(record);
        }
        Ok(())
    }

    /// Ends the file: its last line, if any, becomes a record.
    pub fn finish(mut self, records: &mut Vec<Value>) -> Result<(), Message> {
        self.take_line(records)
    }
}

/// How many record-level problems a verifier keeps for its message.
const MAX_PROBLEMS: usize = 5;
/// Longest line accepted in a JSON Lines file.
pub const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;
/// Blocks of whole lines queued for the validating thread; with the block size of the feeder
/// this bounds the memory held in flight.
const QUEUE_BLOCKS: usize = 4;

/// Parses one record into a [`Value`] like `serde_json::from_slice`, but with every object's map
/// allocated for a few members up front: JSON announces no member count, and growing the
/// ordered map member by member was a tenth of the verifier's time on millions of records.
fn parse_record(line: &[u8]) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(line);
    let value = serde::de::DeserializeSeed::deserialize(PresizedValue, &mut de)?;
    de.end()?;
    Ok(value)
}

/// A [`Value`] deserialised with pre-sized maps (see [`parse_record`]).
struct PresizedValue;

impl<'de> serde::de::DeserializeSeed<'de> for PresizedValue {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for PresizedValue {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(PresizedValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = serde_json::Map::with_capacity(map.size_hint().unwrap_or(8));
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(PresizedValue)?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

/// What the validating thread found.
#[derive(Default)]
struct Tally {
    records: u64,
    /// The records kept for comparison with the live API (CM-02), when asked for.
    sample: Option<Sampler>,
    /// A 64-bit hash of every record ID, sorted and searched for repeats at the end: 8 bytes a
    /// record, so ID uniqueness over millions of records stays in tens of MiB.
    id_hashes: Vec<u64>,
    /// The first problems, with the line each is about.
    problems: Vec<(u64, Message)>,
    problem_count: u64,
}

impl Tally {
    fn problem(&mut self, line: u64, problem: Message) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push((line, problem));
        }
    }

    /// Checks the record on line `n` (1-based) of the file.
    fn record(&mut self, validator: &Validator, line: &[u8], n: u64) {
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        self.records += 1;
        let value: Value = match parse_record(line) {
            Ok(v) => v,
            Err(e) => return self.problem(n, msg!("export-line-not-json", line = n, error = e.to_string())),
        };
        if !validator.is_valid(&value)
            && let Some(errors) = describe_errors(validator, &value) {
                self.problem(n, msg!("export-line-not-valid", line = n, errors = errors));
            }
        let mut h = DefaultHasher::new();
        match value.get("id") {
            Some(Value::String(id)) => id.hash(&mut h),
            Some(other) => other.to_string().hash(&mut h),
            None => return self.problem(n, msg!("export-line-without-id", line = n)),
        }
        self.id_hashes.push(h.finish());
        if let Some(sample) = &mut self.sample
            && let Some(id) = crate::fidelity::record_id(&value)
        {
            sample.offer(id, value);
        }
    }

    /// Checks a block of whole lines whose first line is line `first` of the file.
    fn block(&mut self, validator: &Validator, block: &[u8], first: u64) {
        for (i, line) in block.split(|b| *b == b'\n').enumerate() {
            self.record(validator, line, first + i as u64);
        }
    }

    fn merge(&mut self, mut other: Tally) {
        self.records += other.records;
        if self.id_hashes.len() < other.id_hashes.len() {
            std::mem::swap(&mut self.id_hashes, &mut other.id_hashes);
        }
        self.id_hashes.append(&mut other.id_hashes);
        for p in other.problems {
            if self.problems.len() < MAX_PROBLEMS {
                self.problems.push(p);
            }
        }
        self.problem_count += other.problem_count;
        match (&mut self.sample, other.sample) {
            (Some(mine), Some(theirs)) => mine.merge(theirs),
            (None, theirs) => self.sample = theirs,
            _ => {}
        }
    }
}

/// Threads that parse and validate records: the machine's parallelism, at most 4.
fn worker_count() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 4)
}

/// Verifies a JSON Lines file as it streams in: every line a JSON object valid against the
/// entity's schema, IDs unique within the entity. Blocks of whole lines are parsed and validated
/// on worker threads while the caller goes on downloading and hashing; memory stays bounded by a
/// few queued blocks per worker, one partial line and 8 bytes per record ID.
pub struct JsonlVerifier {
    entity: String,
    line: Vec<u8>,
    /// Lines handed to the workers so far.
    lines_sent: u64,
    /// Which worker gets the next block.
    next: usize,
    queues: Vec<std::sync::mpsc::SyncSender<(Vec<u8>, u64)>>,
    workers: Vec<std::thread::JoinHandle<Tally>>,
    /// Emptied blocks the workers hand back for reuse (no allocation per block).
    spare: std::sync::mpsc::Receiver<Vec<u8>>,
    /// Why [`JsonlVerifier::feed`] refused a chunk, as a message.
    problem: Option<Message>,
}

impl JsonlVerifier {
    /// A verifier for records of `entity` against its declared `schema`.
    pub fn new(entity: &Entity) -> Result<Self, Finding> {
        Self::build(entity, None)
    }

    /// A verifier that also keeps the sample `spec` of the records (OPIS §16, CM-02), returned by
    /// [`JsonlVerifier::finish_with_sample`]; memory grows by the sample only.
    pub fn sampling(entity: &Entity, spec: SampleSpec) -> Result<Self, Finding> {
        Self::build(entity, Some(std::sync::Arc::new(spec)))
    }

    fn build(entity: &Entity, sample: Option<std::sync::Arc<SampleSpec>>) -> Result<Self, Finding> {
        let validator = std::sync::Arc::new(compile_declared(&entity.schema, msg!("export-entity-schema", entity = &entity.name))?);
        let workers = worker_count();
        let (spare_tx, spare) = std::sync::mpsc::sync_channel::<Vec<u8>>(workers * (QUEUE_BLOCKS + 1));
        let mut verifier =
            JsonlVerifier { entity: entity.name.clone(), line: Vec::new(), lines_sent: 0, next: 0, queues: Vec::new(), workers: Vec::new(), spare, problem: None };
        for i in 0..workers {
            let (queue, blocks) = std::sync::mpsc::sync_channel::<(Vec<u8>, u64)>(QUEUE_BLOCKS);
            let validator = validator.clone();
            let spare_tx = spare_tx.clone();
            let sample = sample.clone();
            let worker = std::thread::Builder::new()
                .name(format!("verify-{}-{i}", entity.name))
                .spawn(move || {
                    let mut tally = Tally { sample: sample.map(Sampler::new), ..Tally::default() };
                    for (mut block, first) in blocks {
                        tally.block(&validator, &block, first);
                        block.clear();
                        let _ = spare_tx.try_send(block);
                    }
                    tally
                })
                .map_err(|e| Finding::error(msg!("export-verifier-not-started", error = e.to_string())))?;
            verifier.queues.push(queue);
            verifier.workers.push(worker);
        }
        Ok(verifier)
    }

    fn send(&mut self, block: Vec<u8>) -> Result<(), Message> {
        let lines = block.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        let first = self.lines_sent + 1;
        self.lines_sent += lines;
        let queue = &self.queues[self.next % self.queues.len()];
        self.next += 1;
        queue.send((block, first)).map_err(|_| msg!("export-verifier-stopped", entity = &self.entity))
    }

    /// Feeds the next chunk of the file. `Err` is in English, for a download sink;
    /// [`JsonlVerifier::problem`] gives it as a message.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), String> {
        self.take_chunk(chunk).map_err(|m| {
            let text = m.en();
            self.problem = Some(m);
            text
        })
    }

    /// Why the last chunk was refused, if one was.
    pub fn problem(&self) -> Option<&Message> {
        self.problem.as_ref()
    }

    fn take_chunk(&mut self, chunk: &[u8]) -> Result<(), Message> {
        match chunk.iter().rposition(|b| *b == b'\n') {
            Some(last) => {
                let mut block = self.spare.try_recv().unwrap_or_default();
                block.extend_from_slice(&self.line);
                block.extend_from_slice(&chunk[..last]);
                self.line.clear();
                self.line.extend_from_slice(&chunk[last + 1..]);
                self.send(block)?;
            }
            None => self.line.extend_from_slice(chunk),
        }
        if self.line.len() > MAX_LINE_BYTES {
            return Err(msg!("export-entity-line-too-long", entity = &self.entity, max = MAX_LINE_BYTES));
        }
        Ok(())
    }

    /// Ends the file: the records counted, or a `fail` listing the problems.
    pub fn finish(self) -> Result<u64, Finding> {
        self.finish_with_sample().map(|(records, _)| records)
    }

    /// Ends the file: the records counted and the sample kept (empty when none was asked for),
    /// or a `fail` listing the problems.
    pub fn finish_with_sample(mut self) -> Result<(u64, Vec<Value>), Finding> {
        let rest = std::mem::take(&mut self.line);
        if !rest.is_empty() {
            self.send(rest).map_err(Finding::error)?;
        }
        self.queues.clear();
        let mut tally = Tally::default();
        let mut tallies = Vec::new();
        for worker in self.workers.drain(..) {
            tallies.push(worker.join().map_err(|_| Finding::error(msg!("export-verifier-failed", entity = &self.entity)))?);
        }
        // Problems in file order: a worker's first problems are its earliest lines.
        let mut problems: Vec<(u64, Message)> = Vec::new();
        for t in tallies {
            problems.extend(t.problems.iter().cloned());
            tally.merge(t);
        }
        problems.sort_by_key(|(line, _)| *line);
        problems.truncate(MAX_PROBLEMS);
        tally.problems = problems;
        tally.id_hashes.sort_unstable();
        let repeats = tally.id_hashes.windows(2).filter(|w| w[0] == w[1]).count();
        if repeats > 0 {
            tally.problem(u64::MAX, msg!("export-repeated-ids", count = repeats));
        }
        if let Some(problems) = joined(std::mem::take(&mut tally.problems).into_iter().map(|(_, p)| p)) {
            return Err(Finding::fail(msg!("export-record-problems", entity = &self.entity, count = tally.problem_count, problems = problems)));
        }
        Ok((tally.records, tally.sample.map(Sampler::into_records).unwrap_or_default()))
    }
}

impl Drop for JsonlVerifier {
    fn drop(&mut self) {
        // An abandoned verifier (download failed) stops its threads.
        self.queues.clear();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entity() -> Entity {
        Entity {
            name: "things".into(),
            record_count: 0,
            schema: json!({"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}),
            list_url: None,
            files: Vec::new(),
        }
    }

    fn verify(chunks: &[&[u8]]) -> Result<u64, Finding> {
        let mut v = JsonlVerifier::new(&entity()).unwrap();
        for c in chunks {
            v.feed(c).unwrap();
        }
        v.finish()
    }

    #[test]
    fn records_parse_as_serde_json_parses_them() {
        for text in [
            r#"{"id":"a","n":-3,"u":18446744073709551615,"f":1.5e3,"t":true,"z":null,"s":"\u4e92\"x","a":[1,[2,{"b":{}}]],"id":"dup"}"#,
            "[]",
            "\"text\"",
            "  {\"k\" : [ ] }  ",
        ] {
            assert_eq!(parse_record(text.as_bytes()).unwrap(), serde_json::from_str::<Value>(text).unwrap(), "{text}");
        }
        for bad in ["{\"a\":1} x", "{\"a\":", "NaN", "", &format!("{}{}", "[".repeat(200), "]".repeat(200))] {
            assert!(parse_record(bad.as_bytes()).is_err(), "{bad}");
            assert!(serde_json::from_str::<Value>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_sampling_verifier_keeps_every_record_of_a_small_export_as_it_was_sent() {
        let spec = crate::fidelity::SampleSpec::new(7, Default::default());
        let mut v = JsonlVerifier::sampling(&entity(), spec).unwrap();
        for chunk in [r#"{"id":"a","t":"e\u0301"}"#, "\n{\"id", "\":\"b\",\"n\":9007199254740993}\n"] {
            v.feed(chunk.as_bytes()).unwrap();
        }
        let (count, mut sample) = v.finish_with_sample().unwrap();
        sample.sort_by_key(|r| r["id"].as_str().unwrap().to_string());
        assert_eq!(count, 2);
        assert_eq!(sample, vec![json!({"id": "a", "t": "e\u{301}"}), json!({"id": "b", "n": 9_007_199_254_740_993u64})]);
    }

    #[test]
    fn records_split_across_chunks_are_counted_once() {
        assert_eq!(verify(&[b"{\"id\":\"a\"}\n{\"id", b"\":\"b\"}\n", b"{\"id\":\"c\"}"]).unwrap(), 3);
    }

    #[test]
    fn repeats_invalid_records_and_non_json_are_reported() {
        for (input, expected) in [
            (&b"{\"id\":\"a\"}\n{\"id\":\"a\"}\n"[..], "repeat the ID"),
            (&b"{\"id\":1}\n"[..], "does not match"),
            (&b"{\"id\":\"a\"}\nnot json\n"[..], "not JSON"),
            (&b"{\"x\":\"a\"}\n"[..], "no `id`"),
        ] {
            let err = verify(&[input]).unwrap_err();
            assert!(err.message.contains(expected), "{}: {}", String::from_utf8_lossy(input), err.message);
        }
    }
}

#[cfg(test)]
mod file_name_tests {
    use super::is_plain_file_name;

    #[test]
    fn file_names_are_plain() {
        for (name, ok) in [
            ("products-0001.jsonl", true),
            ("../../etc/passwd", false),
            ("..", false),
            (".", false),
            ("", false),
            ("a\\b", false),
            ("C:evil", false),
            ("line\nbreak", false),
            ("/etc/passwd", false),
        ] {
            assert_eq!(is_plain_file_name(name), ok, "{name:?}");
        }
    }
}

#[cfg(test)]
mod record_lines_tests {
    use super::RecordLines;

    #[test]
    fn records_split_across_chunks_are_parsed_once() {
        let text = b"{\"id\":\"a\"}\n{\"id\":\"b\"}\n\n{\"id\":\"c\"}";
        let mut records = Vec::new();
        let mut lines = RecordLines::new("things.jsonl", text.len() as u64);
        for chunk in text.chunks(5) {
            lines.feed(chunk, &mut records).unwrap();
        }
        lines.finish(&mut records).unwrap();
        let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn a_file_longer_than_declared_is_cut_and_bad_lines_are_named() {
        let mut records = Vec::new();
        let err = RecordLines::new("f.jsonl", 4).feed(b"{\"id\":1}\n", &mut records).unwrap_err();
        assert!(err.contains("past the 4 bytes"), "{err}");
        let mut lines = RecordLines::new("f.jsonl", 100);
        let err = lines.feed(b"{\"id\":1}\nnot json\n", &mut records).unwrap_err();
        assert!(err.contains("f.jsonl line 2: not JSON"), "{err}");
        assert_eq!(lines.problem().map(|m| m.en()), Some(err));
        assert!(RecordLines::new("f.jsonl", 100).finish(&mut records).is_ok());
        let mut lines = RecordLines::new("f.jsonl", 100);
        lines.feed(b"{", &mut records).unwrap();
        assert!(lines.finish(&mut records).unwrap_err().en().starts_with("f.jsonl line 1: not JSON: "));
    }

    // A line that never ends is refused at the line bound, not held up to the declared size.
    #[test]
    fn a_line_longer_than_the_bound_is_refused_in_pieces() {
        let mut records = Vec::new();
        let mut lines = RecordLines::new("f.jsonl", u64::MAX);
        lines.feed(b"{\"id\":1}\n", &mut records).unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        let err = (0..5).find_map(|_| lines.feed(&chunk, &mut records).err()).expect("refused");
        assert!(err.contains("f.jsonl line 2: longer than"), "{err}");
        assert_eq!(records.len(), 1);
    }
}

#[cfg(test)]
mod completeness_tests {
    use super::*;
    use serde_json::json;

    fn manifest(entities: Value) -> Value {
        json!({"export_id": "e1", "format": "application/jsonl", "created_at": "2026-01-01T00:00:00Z", "next_cursor": "c", "entities": entities})
    }

    // See: issue 11, "vacuous declarations": `"entities": []` passed CM-01, CM-02, CM-06, CM-07.
    #[test]
    fn an_empty_manifest_is_a_fail_of_cm_01_and_nothing_to_compare_elsewhere() {
        let empty = Manifest::parse(&manifest(json!([]))).expect("schema-valid");
        let f = empty.check_complete(&collections_for_export(|_| true)).unwrap_err();
        assert_eq!(f.outcome(), hutong_model::Outcome::Fail);
        assert!(f.message.contains("`entities` is empty"), "{}", f.message);
        assert_eq!(empty.check_not_empty().unwrap_err().outcome(), hutong_model::Outcome::Error);
    }

    #[test]
    fn every_collection_of_the_openapi_document_is_required() {
        assert_eq!(collections_for_export(|_| true), ["merchants", "products"]);
        // A collection of an optional capability the platform does not declare is not required.
        assert_eq!(collections_for_export(|c| c != "merchants"), ["products"]);
        let one = json!([{"name": "products", "record_count": 0, "schema": {}, "files": []}]);
        let partial = Manifest::parse(&manifest(one)).unwrap();
        assert!(partial.check_complete(&collections_for_export(|_| true)).unwrap_err().message.contains("merchants"));
        assert!(partial.check_not_empty().is_ok());
    }

    // See: issue 11, "steps that cannot fail": the step ignored the schema it names.
    #[test]
    fn the_named_schema_is_the_one_validated_against() {
        let valid = manifest(json!([]));
        assert!(Manifest::parse_against(&valid, MANIFEST_SCHEMA).is_ok());
        let other = Manifest::parse_against(&valid, "switching-terms.schema.json").unwrap_err();
        assert_eq!(other.outcome(), hutong_model::Outcome::Fail);
        assert!(other.message.contains("switching-terms.schema.json"), "{}", other.message);
        let unknown = Manifest::parse_against(&valid, "no-such.schema.json").unwrap_err();
        assert_eq!(unknown.outcome(), hutong_model::Outcome::Error);
    }
}
