//! Record-by-record comparison of exports of any size within a fixed memory budget: records
//! are written to sorted runs on disk (an external merge sort keyed by entity, the key a record
//! is compared at — its destination ID — and the order it was added in), then the sides of a
//! comparison are walked together in key order. Memory holds one run being filled per side (at
//! most the budget), one buffered reader per run while merging, the records of one key being
//! compared and what the caller keeps of the differences — never an export.
//!
//! [`RecordComparison`] compares a migration's source with its destination as
//! [`hutong_checks::migration::diff_records_with`] compares them (member by member, OPIS §16) and
//! gives the same [`RecordDiff`] (lists sorted by ID), for `migrate-check`. The cloud-migration
//! steps (CM-06, CM-07, CM-20) build their own walks from [`SortedRecords`], [`SortedReader`] and
//! [`next_key`], and keep what they read more than once in a [`Spool`].

use hutong_checks::fidelity::record_id;
use hutong_checks::migration::{remap, RecordDiff};
use hutong_model::msg;
use serde_json::Value;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Default bytes of records held in memory before a run is sorted and written to disk.
pub const DEFAULT_RUN_BUDGET: usize = 64 * 1024 * 1024;
/// Most runs merged at once (one buffered reader each); more are merged in passes.
const FAN_IN: usize = 64;
/// Bookkeeping counted per entry besides its bytes (three strings' headers, the order and the
/// vector's header).
const ENTRY_OVERHEAD: usize = 104;
/// Buffer of each run reader and writer.
const IO_BUFFER: usize = 64 * 1024;

/// One record (or one ID alone) in a run. Runs give records back ordered by entity, key and
/// `seq`: of several records at one key, in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Keyed {
    /// The entity.
    pub entity: String,
    /// Where the record is compared (its destination ID, for a source record).
    pub key: String,
    /// The record's position in what it was read from (the caller's numbering).
    pub seq: u64,
    /// The ID reported (the source ID of a source record).
    pub id: String,
    /// The record as JSON (empty for an ID alone).
    payload: Vec<u8>,
}

fn write_field(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(|_| io::Error::other("a record longer than 4 GiB"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)
}

fn read_field(r: &mut impl Read, first: bool) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    if first {
        // End of the run only between entries.
        match r.read(&mut len[..1])? {
            0 => return Ok(None),
            _ => r.read_exact(&mut len[1..])?,
        }
    } else {
        r.read_exact(&mut len)?;
    }
    let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
    r.read_exact(&mut bytes)?;
    Ok(Some(bytes))
}

fn text(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

impl Keyed {
    /// The record (an error for an ID alone, which has none).
    pub fn record(&self) -> io::Result<Value> {
        serde_json::from_slice(&self.payload).map_err(io::Error::other)
    }

    fn write(&self, w: &mut impl Write) -> io::Result<()> {
        write_field(w, self.entity.as_bytes())?;
        write_field(w, self.key.as_bytes())?;
        w.write_all(&self.seq.to_le_bytes())?;
        write_field(w, self.id.as_bytes())?;
        write_field(w, &self.payload)
    }

    fn read(r: &mut impl Read) -> io::Result<Option<Keyed>> {
        let Some(entity) = read_field(r, true)? else { return Ok(None) };
        let key = text(read_field(r, false)?.unwrap_or_default())?;
        let mut seq = [0u8; 8];
        r.read_exact(&mut seq)?;
        let id = text(read_field(r, false)?.unwrap_or_default())?;
        let payload = read_field(r, false)?.unwrap_or_default();
        Ok(Some(Keyed { entity: text(entity)?, key, seq: u64::from_le_bytes(seq), id, payload }))
    }

    fn size(&self) -> usize {
        self.entity.len() + self.key.len() + self.id.len() + self.payload.len() + ENTRY_OVERHEAD
    }

    fn at(&self) -> (&str, &str) {
        (self.entity.as_str(), self.key.as_str())
    }
}

/// Records sorted on disk: added in any order and any amount, read back in order
/// ([`SortedReader`]). At most about `budget` bytes of records are held before they are sorted
/// and written as a run.
#[derive(Debug)]
pub struct SortedRecords {
    dir: PathBuf,
    name: &'static str,
    budget: usize,
    buffer: Vec<Keyed>,
    buffered: usize,
    runs: Vec<PathBuf>,
    written: usize,
}

impl SortedRecords {
    /// Records whose runs are files `NAME-N.run` in the existing directory `dir` (one name per
    /// set of records there; the caller removes the directory).
    pub fn new(dir: &Path, name: &'static str, budget: usize) -> SortedRecords {
        SortedRecords { dir: dir.to_path_buf(), name, budget, buffer: Vec::new(), buffered: 0, runs: Vec::new(), written: 0 }
    }

    fn next_path(&mut self) -> PathBuf {
        self.written += 1;
        self.dir.join(format!("{}-{}.run", self.name, self.written))
    }

    /// Adds `record` (or, with `None`, the ID alone) of `entity`, compared at `key`, reported as
    /// `id`, at position `seq` of what it was read from.
    pub fn push(&mut self, entity: &str, key: &str, seq: u64, id: &str, record: Option<&Value>) -> io::Result<()> {
        let payload = record.map(serde_json::to_vec).transpose().map_err(io::Error::other)?.unwrap_or_default();
        self.push_entry(Keyed { entity: entity.to_string(), key: key.to_string(), seq, id: id.to_string(), payload })
    }

    fn push_entry(&mut self, entry: Keyed) -> io::Result<()> {
        self.buffered += entry.size();
        self.buffer.push(entry);
        if self.buffered >= self.budget {
            self.flush()?;
        }
        Ok(())
    }

    /// Sorts what is buffered and writes it as a run (the memory is given back): a caller that
    /// fills several sets of records one after the other holds one buffer at a time.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let mut buffer = std::mem::take(&mut self.buffer);
        self.buffered = 0;
        buffer.sort_unstable();
        let path = self.next_path();
        let mut w = BufWriter::with_capacity(IO_BUFFER, File::create(&path)?);
        for e in &buffer {
            e.write(&mut w)?;
        }
        w.into_inner().map_err(io::IntoInnerError::into_error)?.sync_data().ok();
        self.runs.push(path);
        Ok(())
    }

    /// Every record, in order.
    pub fn into_reader(mut self) -> io::Result<SortedReader> {
        self.flush()?;
        // Merge in passes while there are more runs than readers allowed at once.
        while self.runs.len() > FAN_IN {
            let group: Vec<PathBuf> = self.runs.drain(..FAN_IN).collect();
            let path = self.next_path();
            let mut w = BufWriter::with_capacity(IO_BUFFER, File::create(&path)?);
            let mut merge = SortedReader::open(&group)?;
            while let Some(e) = merge.next_entry()? {
                e.write(&mut w)?;
            }
            w.flush()?;
            drop(merge);
            for p in group {
                let _ = std::fs::remove_file(p);
            }
            self.runs.push(path);
        }
        SortedReader::open(&self.runs)
    }
}

/// The records of a [`SortedRecords`] in order: a k-way merge of its runs, read one record at a
/// time.
pub struct SortedReader {
    readers: Vec<BufReader<File>>,
    heap: BinaryHeap<Reverse<(Keyed, usize)>>,
    peeked: Option<Keyed>,
}

impl SortedReader {
    fn open(runs: &[PathBuf]) -> io::Result<SortedReader> {
        let mut readers = Vec::with_capacity(runs.len());
        let mut heap = BinaryHeap::new();
        for (i, p) in runs.iter().enumerate() {
            let mut r = BufReader::with_capacity(IO_BUFFER, File::open(p)?);
            if let Some(e) = Keyed::read(&mut r)? {
                heap.push(Reverse((e, i)));
            }
            readers.push(r);
        }
        Ok(SortedReader { readers, heap, peeked: None })
    }

    fn next_entry(&mut self) -> io::Result<Option<Keyed>> {
        if let Some(e) = self.peeked.take() {
            return Ok(Some(e));
        }
        let Some(Reverse((e, i))) = self.heap.pop() else { return Ok(None) };
        if let Some(next) = Keyed::read(&mut self.readers[i])? {
            self.heap.push(Reverse((next, i)));
        }
        Ok(Some(e))
    }

    fn peek(&mut self) -> io::Result<Option<&Keyed>> {
        if self.peeked.is_none() {
            self.peeked = self.next_entry()?;
        }
        Ok(self.peeked.as_ref())
    }

    /// The entity and key of the next record, if any.
    pub fn peek_key(&mut self) -> io::Result<Option<(&str, &str)>> {
        Ok(self.peek()?.map(Keyed::at))
    }

    /// The next record, if it is at `at` (entity, key).
    pub fn next_at(&mut self, at: (&str, &str)) -> io::Result<Option<Keyed>> {
        if self.peek()?.is_some_and(|e| e.at() == at) {
            self.next_entry()
        } else {
            Ok(None)
        }
    }

    /// The last record added at `at`, reading past the others there one at a time (of several
    /// records with one ID, the last listed is the one that counts, as in a map filled in order).
    pub fn last_at(&mut self, at: (&str, &str)) -> io::Result<Option<Keyed>> {
        let mut last = None;
        while let Some(e) = self.next_at(at)? {
            last = Some(e);
        }
        Ok(last)
    }

    /// Whether a record is at `at`, reading past those before it (the reader is only ever asked
    /// about keys in increasing order).
    pub fn holds(&mut self, at: (&str, &str)) -> io::Result<bool> {
        while self.peek()?.is_some_and(|e| e.at() < at) {
            self.next_entry()?;
        }
        Ok(self.peek()?.is_some_and(|e| e.at() == at))
    }
}

/// The smallest entity and key at which one of `readers` has its next record: walking these in
/// turn, and reading each reader's records there, visits every key of those readers once.
pub fn next_key(readers: &mut [&mut SortedReader]) -> io::Result<Option<(String, String)>> {
    let mut least: Option<(String, String)> = None;
    for r in readers.iter_mut() {
        if let Some((entity, key)) = r.peek_key()?
            && least.as_ref().is_none_or(|(e, k)| (entity, key) < (e.as_str(), k.as_str()))
        {
            least = Some((entity.to_string(), key.to_string()));
        }
    }
    Ok(least)
}

/// A comparison of exported records under way: the source's records (mapped to destination
/// IDs), the destination's, and the IDs the destination held before the import, each added in
/// any order and any amount.
pub struct RecordComparison {
    _dir: tempfile::TempDir,
    source: SortedRecords,
    destination: SortedRecords,
    preexisting: SortedRecords,
    /// Records added to each side so far: their order among records of one key.
    added: [u64; 3],
    entities: Vec<String>,
    volatile: Vec<String>,
}

impl RecordComparison {
    /// A comparison whose runs are written under `parent` (a fresh directory, removed when the
    /// comparison is dropped), holding at most about `budget` bytes of records in memory per
    /// side being filled; the members at the `volatile` JSON pointers are not compared.
    pub fn new(parent: &Path, budget: usize, volatile: &[String]) -> io::Result<RecordComparison> {
        let dir = tempfile::Builder::new().prefix("hutong-compare-").tempdir_in(parent)?;
        let at = dir.path().to_path_buf();
        Ok(RecordComparison {
            source: SortedRecords::new(&at, "source", budget),
            destination: SortedRecords::new(&at, "destination", budget),
            preexisting: SortedRecords::new(&at, "before", budget),
            _dir: dir,
            added: [0; 3],
            entities: Vec::new(),
            volatile: volatile.to_vec(),
        })
    }

    fn entity(&mut self, entity: &str) {
        if !self.entities.iter().any(|e| e == entity) {
            self.entities.push(entity.to_string());
        }
    }

    fn next_seq(&mut self, side: usize) -> u64 {
        self.added[side] += 1;
        self.added[side]
    }

    /// A record the destination held before the import (neither compared nor extra).
    pub fn add_preexisting(&mut self, entity: &str, record: &Value) -> io::Result<()> {
        let Some(id) = record_id(record) else { return Ok(()) };
        let seq = self.next_seq(2);
        self.preexisting.push(entity, &id, seq, &id, None)
    }

    /// A source record, compared at the ID `id_map` maps its ID to, with its IDs and references
    /// mapped. A record without an ID is not compared.
    pub fn add_source(&mut self, entity: &str, record: &Value, id_map: &BTreeMap<String, String>) -> io::Result<()> {
        self.entity(entity);
        let Some(id) = record_id(record) else { return Ok(()) };
        let key = id_map.get(&id).cloned().unwrap_or_else(|| id.clone());
        let seq = self.next_seq(0);
        self.source.push(entity, &key, seq, &id, Some(&remap(record, id_map)))
    }

    /// A destination record.
    pub fn add_destination(&mut self, entity: &str, record: &Value) -> io::Result<()> {
        let Some(id) = record_id(record) else { return Ok(()) };
        let seq = self.next_seq(1);
        self.destination.push(entity, &id, seq, &id, Some(record))
    }

    /// Ends one side's input: what it buffered goes to disk, so that only one side's buffer is
    /// ever in memory.
    pub fn seal(&mut self) -> io::Result<()> {
        self.source.flush()?;
        self.destination.flush()?;
        self.preexisting.flush()
    }

    /// Walks the three sides in key order; the differences per entity of the source (a
    /// destination entity the source does not have is reported too, its records extra).
    pub fn finish(self) -> io::Result<BTreeMap<String, RecordDiff>> {
        // The directory of the runs lives until the walk is done.
        let RecordComparison { _dir, source, destination, preexisting, entities, volatile, .. } = self;
        let mut out: BTreeMap<String, RecordDiff> = entities.iter().map(|e| (e.clone(), RecordDiff::default())).collect();
        let (mut source, mut destination, mut before) = (source.into_reader()?, destination.into_reader()?, preexisting.into_reader()?);
        while let Some((entity, key)) = next_key(&mut [&mut source, &mut destination])? {
            let at = (entity.as_str(), key.as_str());
            let found = destination.last_at(at)?.map(|f| f.record()).transpose()?;
            let held_before = before.holds(at)?;
            let diff = out.entry(entity.clone()).or_default();
            let mut sources = 0usize;
            // Source records one at a time: many with one ID are not held together.
            while let Some(s) = source.next_at(at)? {
                sources += 1;
                match &found {
                    None => diff.missing.push(s.id),
                    Some(found) => {
                        diff.compared += 1;
                        if let Some(d) = hutong_checks::fidelity::record_difference(found, &s.record()?, &volatile) {
                            diff.altered.push((s.id, d.describe(msg!("migration-side-destination"), msg!("migration-side-source"))));
                        }
                    }
                }
            }
            if sources == 0 && found.is_some() && !held_before {
                diff.extra.push(key.clone());
            }
        }
        for diff in out.values_mut() {
            diff.missing.sort();
            diff.extra.sort();
            diff.altered.sort();
        }
        Ok(out)
    }
}

/// Records on disk, one JSON Lines file per entity in the order they were added: what a step
/// reads more than once (to import it, then to compare it) without holding it. The directory is
/// removed when the spool is dropped.
#[derive(Debug)]
pub struct Spool {
    dir: tempfile::TempDir,
    entities: Vec<SpooledEntity>,
}

/// One entity's records in a [`Spool`].
#[derive(Debug)]
pub struct SpooledEntity {
    /// The entity.
    pub name: String,
    /// Records written.
    pub records: u64,
    path: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl Spool {
    /// An empty spool in a fresh directory under `parent`.
    pub fn new(parent: &Path) -> io::Result<Spool> {
        Ok(Spool { dir: tempfile::Builder::new().prefix("hutong-spool-").tempdir_in(parent)?, entities: Vec::new() })
    }

    /// The directory of the spool, where a comparison of its records may put its runs too.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn index(&mut self, entity: &str) -> io::Result<usize> {
        if let Some(i) = self.entities.iter().position(|e| e.name == entity) {
            return Ok(i);
        }
        let path = self.dir.path().join(format!("entity-{}.jsonl", self.entities.len()));
        let writer = BufWriter::with_capacity(IO_BUFFER, File::create(&path)?);
        self.entities.push(SpooledEntity { name: entity.to_string(), records: 0, path, writer: Some(writer) });
        Ok(self.entities.len() - 1)
    }

    /// Lists `entity`, with or without records.
    pub fn declare(&mut self, entity: &str) -> io::Result<()> {
        self.index(entity).map(|_| ())
    }

    /// Appends `record` to `entity`'s file.
    pub fn append(&mut self, entity: &str, record: &Value) -> io::Result<()> {
        let i = self.index(entity)?;
        let e = &mut self.entities[i];
        let w = e.writer.as_mut().ok_or_else(|| io::Error::other("the spool is closed"))?;
        serde_json::to_writer(&mut *w, record).map_err(io::Error::other)?;
        w.write_all(b"\n")?;
        e.records += 1;
        Ok(())
    }

    /// Ends the writing: every file is complete on disk.
    pub fn close(&mut self) -> io::Result<()> {
        for e in &mut self.entities {
            if let Some(mut w) = e.writer.take() {
                w.flush()?;
            }
        }
        Ok(())
    }

    /// The entities, in the order first listed.
    pub fn entities(&self) -> &[SpooledEntity] {
        &self.entities
    }

    /// The entity `name`, if listed.
    pub fn entity(&self, name: &str) -> Option<&SpooledEntity> {
        self.entities.iter().find(|e| e.name == name)
    }
}

impl SpooledEntity {
    /// The file as it is: one JSON Lines document (an import's body).
    pub fn bytes(&self) -> io::Result<Vec<u8>> {
        std::fs::read(&self.path)
    }

    /// Hands each record to `each` with its position (from 0), in the order written.
    pub fn for_each(&self, mut each: impl FnMut(u64, Value) -> io::Result<()>) -> io::Result<()> {
        let mut file = BufReader::with_capacity(IO_BUFFER, File::open(&self.path)?);
        let mut line = Vec::new();
        let mut seq = 0u64;
        loop {
            line.clear();
            if file.read_until(b'\n', &mut line)? == 0 {
                return Ok(());
            }
            each(seq, serde_json::from_slice(&line).map_err(io::Error::other)?)?;
            seq += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hutong_checks::migration::diff_records;
    use serde_json::json;

    fn sorted(mut d: RecordDiff) -> RecordDiff {
        d.missing.sort();
        d.extra.sort();
        d.altered.sort();
        d
    }

    /// The same differences as the in-memory comparison, with a budget so small that every
    /// record is a run of its own and the runs are merged in several passes.
    #[test]
    fn sorted_runs_give_the_in_memory_differences() {
        let n = 300;
        let source: Vec<Value> = (0..n).map(|i| json!({"id": format!("s{i:04}"), "ref": format!("s{:04}", (i + 1) % n), "v": i})).collect();
        let map: BTreeMap<String, String> = (0..n).filter(|i| i % 7 != 0).map(|i| (format!("s{i:04}"), format!("d{i:04}"))).collect();
        let mut destination: Vec<Value> = source
            .iter()
            .filter(|r| map.contains_key(r["id"].as_str().unwrap()))
            .map(|r| {
                let mut r = remap(r, &map);
                if r["v"].as_i64().unwrap() % 11 == 0 {
                    r["v"] = json!(-1);
                }
                r
            })
            .collect();
        destination.push(json!({"id": "x1", "v": 0}));
        destination.push(json!({"id": "old", "v": 0}));
        destination.reverse();
        let before = ["old".to_string()].into_iter().collect();
        let expected = sorted(diff_records(&source, &destination, &map, &before));
        assert!(!expected.missing.is_empty() && !expected.altered.is_empty() && expected.extra == ["x1"]);

        let dir = tempfile::tempdir().unwrap();
        let mut c = RecordComparison::new(dir.path(), 1, &[]).unwrap();
        c.add_preexisting("things", &json!({"id": "old"})).unwrap();
        for r in destination.iter() {
            c.add_destination("things", r).unwrap();
        }
        for r in source.iter().rev() {
            c.add_source("things", r, &map).unwrap();
        }
        let runs = c.source.runs.len() + c.destination.runs.len();
        assert!(runs > 2 * FAN_IN, "{runs} runs: the merge needs more than one pass");
        let got = c.finish().unwrap();
        assert_eq!(got.keys().collect::<Vec<_>>(), ["things"]);
        assert_eq!(got["things"], expected);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "the runs are removed");
    }

    #[test]
    fn entities_are_compared_apart() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = RecordComparison::new(dir.path(), DEFAULT_RUN_BUDGET, &[]).unwrap();
        let none = BTreeMap::new();
        c.add_source("a", &json!({"id": "1", "x": 1}), &none).unwrap();
        c.add_source("b", &json!({"id": "1", "x": 1}), &none).unwrap();
        c.add_destination("a", &json!({"id": "1", "x": 1})).unwrap();
        c.add_destination("c", &json!({"id": "1", "x": 1})).unwrap();
        let got = c.finish().unwrap();
        assert!(got["a"].is_clean() && got["a"].compared == 1);
        assert_eq!(got["b"].missing, ["1"]);
        assert_eq!(got["c"].extra, ["1"]);
    }

    // The in-memory comparison keeps the last destination record listed under an ID (a map
    // filled in order); the runs did once keep the one whose JSON sorted last instead.
    #[test]
    fn of_repeated_destination_ids_the_last_listed_is_compared() {
        let source = vec![json!({"id": "1", "v": "b"})];
        let destination = vec![json!({"id": "1", "v": "b"}), json!({"id": "1", "v": "a"})];
        let none = BTreeMap::new();
        let expected = diff_records(&source, &destination, &none, &Default::default());
        assert_eq!(expected.altered.len(), 1);
        for budget in [1, DEFAULT_RUN_BUDGET] {
            let dir = tempfile::tempdir().unwrap();
            let mut c = RecordComparison::new(dir.path(), budget, &[]).unwrap();
            c.add_source("t", &source[0], &none).unwrap();
            for r in &destination {
                c.add_destination("t", r).unwrap();
            }
            assert_eq!(c.finish().unwrap()["t"], expected, "budget {budget}");
        }
    }

    /// A few MiB of records compared with a budget of a few KiB (about a thousand runs a side,
    /// merged in passes) find what the in-memory comparison finds: memory holds one small run
    /// and the readers of one merge pass, not the export.
    #[test]
    fn a_budget_far_below_the_export_gives_the_in_memory_result() {
        let n = 6000;
        let filler = "x".repeat(400);
        let source: Vec<Value> =
            (0..n).map(|i| json!({"id": format!("r{:05}", (i * 7919) % n), "n": i, "text": filler, "nested": {"a": [i, i + 1]}})).collect();
        let map: BTreeMap<String, String> = source.iter().map(|r| record_id(r).unwrap()).map(|id| (id.clone(), format!("m-{id}"))).collect();
        let mut destination: Vec<Value> = source
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 17 && *i != 4211)
            .map(|(i, r)| {
                let mut r = remap(r, &map);
                if i == 2500 {
                    r["nested"]["a"][1] = json!(-1);
                }
                r
            })
            .collect();
        destination.push(json!({"id": "m-extra", "n": -1}));
        destination.reverse();
        let bytes: usize = source.iter().chain(&destination).map(|r| r.to_string().len()).sum();
        assert!(bytes > 4 * 1024 * 1024, "{bytes} bytes of records");
        let expected = sorted(diff_records(&source, &destination, &map, &Default::default()));
        let missing: Vec<String> = [17, 4211].iter().map(|i| record_id(&source[*i]).unwrap()).collect();
        assert_eq!(expected.missing, { let mut m = missing; m.sort(); m });
        assert_eq!((expected.altered.len(), expected.extra.as_slice()), (1, &["m-extra".to_string()][..]));
        assert!(expected.altered[0].1.contains("/nested/a/1"), "{:?}", expected.altered);

        let budget = 4 * 1024;
        let dir = tempfile::tempdir().unwrap();
        let mut c = RecordComparison::new(dir.path(), budget, &[]).unwrap();
        for r in &source {
            c.add_source("things", r, &map).unwrap();
        }
        c.seal().unwrap();
        for r in &destination {
            c.add_destination("things", r).unwrap();
        }
        assert!(c.source.runs.len() > FAN_IN * 4, "{} runs", c.source.runs.len());
        assert!(c.source.buffer.is_empty() && c.destination.buffered < budget, "at most one run a side in memory");
        assert_eq!(c.finish().unwrap()["things"], expected);
    }

    #[test]
    fn a_spool_gives_back_each_entity_in_order() {
        let parent = tempfile::tempdir().unwrap();
        let mut spool = Spool::new(parent.path()).unwrap();
        spool.declare("empty").unwrap();
        for i in 0..3 {
            spool.append("b", &json!({"id": i})).unwrap();
            spool.append("a", &json!({"id": format!("a{i}"), "t": "e\u{301}"})).unwrap();
        }
        spool.close().unwrap();
        let names: Vec<&str> = spool.entities().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["empty", "b", "a"]);
        let mut seen = Vec::new();
        spool.entity("a").unwrap().for_each(|seq, r| {
            seen.push((seq, r));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, [(0, json!({"id": "a0", "t": "e\u{301}"})), (1, json!({"id": "a1", "t": "e\u{301}"})), (2, json!({"id": "a2", "t": "e\u{301}"}))]);
        assert_eq!(spool.entity("b").unwrap().bytes().unwrap(), b"{\"id\":0}\n{\"id\":1}\n{\"id\":2}\n");
        assert_eq!((spool.entity("empty").unwrap().records, spool.entity("b").unwrap().records), (0, 3));
        let dir = spool.dir().to_path_buf();
        drop(spool);
        assert!(!dir.exists(), "the spool is removed");
    }
}
