//! Record-by-record comparison of exports of any size within a fixed memory budget: records
//! are written to sorted runs on disk (an external merge sort keyed by entity and destination
//! ID), then the source, the destination and the IDs the destination held before are walked
//! together in key order. Memory holds one run being filled (at most the budget), one buffered
//! reader per run while merging, the two records being compared and the differences found —
//! never an export.
//!
//! Records are compared as [`hutong_checks::migration::diff_records_with`] compares them
//! (member by member, OPIS §16), and give the same [`RecordDiff`] (lists sorted by ID).

use hutong_checks::fidelity::record_id;
use hutong_checks::migration::{remap, RecordDiff};
use serde_json::Value;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Default bytes of records held in memory before a run is sorted and written to disk.
pub const DEFAULT_RUN_BUDGET: usize = 64 * 1024 * 1024;
/// Most runs merged at once (one buffered reader each); more are merged in passes.
const FAN_IN: usize = 64;
/// Bookkeeping counted per entry besides its bytes (three strings' headers and the vector's).
const ENTRY_OVERHEAD: usize = 96;
/// Buffer of each run reader and writer.
const IO_BUFFER: usize = 64 * 1024;

/// One record (or one ID) in a run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    entity: String,
    /// Where the record is compared: its destination ID.
    key: String,
    /// The ID reported (the source ID of a source record).
    id: String,
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

impl Entry {
    fn write(&self, w: &mut impl Write) -> io::Result<()> {
        write_field(w, self.entity.as_bytes())?;
        write_field(w, self.key.as_bytes())?;
        write_field(w, self.id.as_bytes())?;
        write_field(w, &self.payload)
    }

    fn read(r: &mut impl Read) -> io::Result<Option<Entry>> {
        let Some(entity) = read_field(r, true)? else { return Ok(None) };
        let mut next = || read_field(r, false).map(Option::unwrap_or_default);
        Ok(Some(Entry { entity: text(entity)?, key: text(next()?)?, id: text(next()?)?, payload: next()? }))
    }

    fn size(&self) -> usize {
        self.entity.len() + self.key.len() + self.id.len() + self.payload.len() + ENTRY_OVERHEAD
    }
}

/// Entries sorted on disk: filled in any order, read back in order.
struct SortedRuns {
    dir: PathBuf,
    name: &'static str,
    budget: usize,
    buffer: Vec<Entry>,
    buffered: usize,
    runs: Vec<PathBuf>,
    written: usize,
}

impl SortedRuns {
    fn new(dir: &Path, name: &'static str, budget: usize) -> SortedRuns {
        SortedRuns { dir: dir.to_path_buf(), name, budget, buffer: Vec::new(), buffered: 0, runs: Vec::new(), written: 0 }
    }

    fn next_path(&mut self) -> PathBuf {
        self.written += 1;
        self.dir.join(format!("{}-{}.run", self.name, self.written))
    }

    fn push(&mut self, entry: Entry) -> io::Result<()> {
        self.buffered += entry.size();
        self.buffer.push(entry);
        if self.buffered >= self.budget {
            self.flush()?;
        }
        Ok(())
    }

    /// Sorts what is buffered and writes it as a run (the memory is given back).
    fn flush(&mut self) -> io::Result<()> {
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

    /// Every entry, in order.
    fn into_sorted(mut self) -> io::Result<Merge> {
        self.flush()?;
        // Merge in passes while there are more runs than readers allowed at once.
        while self.runs.len() > FAN_IN {
            let group: Vec<PathBuf> = self.runs.drain(..FAN_IN).collect();
            let path = self.next_path();
            let mut w = BufWriter::with_capacity(IO_BUFFER, File::create(&path)?);
            let mut merge = Merge::open(&group)?;
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
        Merge::open(&self.runs)
    }
}

/// A k-way merge of sorted runs.
struct Merge {
    readers: Vec<BufReader<File>>,
    heap: BinaryHeap<Reverse<(Entry, usize)>>,
    peeked: Option<Entry>,
}

impl Merge {
    fn open(runs: &[PathBuf]) -> io::Result<Merge> {
        let mut readers = Vec::with_capacity(runs.len());
        let mut heap = BinaryHeap::new();
        for (i, p) in runs.iter().enumerate() {
            let mut r = BufReader::with_capacity(IO_BUFFER, File::open(p)?);
            if let Some(e) = Entry::read(&mut r)? {
                heap.push(Reverse((e, i)));
            }
            readers.push(r);
        }
        Ok(Merge { readers, heap, peeked: None })
    }

    fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        if let Some(e) = self.peeked.take() {
            return Ok(Some(e));
        }
        let Some(Reverse((e, i))) = self.heap.pop() else { return Ok(None) };
        if let Some(next) = Entry::read(&mut self.readers[i])? {
            self.heap.push(Reverse((next, i)));
        }
        Ok(Some(e))
    }

    fn peek(&mut self) -> io::Result<Option<&Entry>> {
        if self.peeked.is_none() {
            self.peeked = self.next_entry()?;
        }
        Ok(self.peeked.as_ref())
    }

    /// The entries of the next (entity, key), when it is `at`.
    fn take_group(&mut self, at: (&str, &str)) -> io::Result<Vec<Entry>> {
        let mut group = Vec::new();
        while self.peek()?.is_some_and(|e| (e.entity.as_str(), e.key.as_str()) == at) {
            group.extend(self.next_entry()?);
        }
        Ok(group)
    }
}

/// A comparison of exported records under way: the source's records (mapped to destination
/// IDs), the destination's, and the IDs the destination held before the import, each added in
/// any order and any amount.
pub struct RecordComparison {
    _dir: tempfile::TempDir,
    source: SortedRuns,
    destination: SortedRuns,
    preexisting: SortedRuns,
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
            source: SortedRuns::new(&at, "source", budget),
            destination: SortedRuns::new(&at, "destination", budget),
            preexisting: SortedRuns::new(&at, "before", budget),
            _dir: dir,
            entities: Vec::new(),
            volatile: volatile.to_vec(),
        })
    }

    fn entity(&mut self, entity: &str) {
        if !self.entities.iter().any(|e| e == entity) {
            self.entities.push(entity.to_string());
        }
    }

    /// A record the destination held before the import (neither compared nor extra).
    pub fn add_preexisting(&mut self, entity: &str, record: &Value) -> io::Result<()> {
        let Some(id) = record_id(record) else { return Ok(()) };
        self.preexisting.push(Entry { entity: entity.to_string(), key: id.clone(), id, payload: Vec::new() })
    }

    /// A source record, compared at the ID `id_map` maps its ID to, with its IDs and references
    /// mapped. A record without an ID is not compared.
    pub fn add_source(&mut self, entity: &str, record: &Value, id_map: &BTreeMap<String, String>) -> io::Result<()> {
        self.entity(entity);
        let Some(id) = record_id(record) else { return Ok(()) };
        let key = id_map.get(&id).cloned().unwrap_or_else(|| id.clone());
        let payload = serde_json::to_vec(&remap(record, id_map)).map_err(io::Error::other)?;
        self.source.push(Entry { entity: entity.to_string(), key, id, payload })
    }

    /// A destination record.
    pub fn add_destination(&mut self, entity: &str, record: &Value) -> io::Result<()> {
        let Some(id) = record_id(record) else { return Ok(()) };
        let payload = serde_json::to_vec(record).map_err(io::Error::other)?;
        self.destination.push(Entry { entity: entity.to_string(), key: id.clone(), id, payload })
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
    pub fn finish(mut self) -> io::Result<BTreeMap<String, RecordDiff>> {
        self.seal()?;
        let mut out: BTreeMap<String, RecordDiff> = self.entities.iter().map(|e| (e.clone(), RecordDiff::default())).collect();
        let (mut source, mut destination, mut before) = (
            std::mem::replace(&mut self.source, SortedRuns::new(Path::new("."), "-", 0)).into_sorted()?,
            std::mem::replace(&mut self.destination, SortedRuns::new(Path::new("."), "-", 0)).into_sorted()?,
            std::mem::replace(&mut self.preexisting, SortedRuns::new(Path::new("."), "-", 0)).into_sorted()?,
        );
        loop {
            let at = match (source.peek()?.map(|e| (e.entity.clone(), e.key.clone())), destination.peek()?.map(|e| (e.entity.clone(), e.key.clone()))) {
                (None, None) => break,
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (Some(a), Some(b)) => a.min(b),
            };
            let here = (at.0.as_str(), at.1.as_str());
            let sources = source.take_group(here)?;
            let destinations = destination.take_group(here)?;
            while before.peek()?.is_some_and(|e| (e.entity.as_str(), e.key.as_str()) < here) {
                before.next_entry()?;
            }
            let held_before = before.peek()?.is_some_and(|e| (e.entity.as_str(), e.key.as_str()) == here);
            let diff = out.entry(at.0.clone()).or_default();
            // Of several destination records with one ID, the last listed is the one compared.
            match destinations.last() {
                None => diff.missing.extend(sources.into_iter().map(|s| s.id)),
                Some(found) if sources.is_empty() => {
                    if !held_before {
                        diff.extra.push(found.key.clone());
                    }
                }
                Some(found) => {
                    let found: Value = serde_json::from_slice(&found.payload).map_err(io::Error::other)?;
                    for s in sources {
                        diff.compared += 1;
                        let record: Value = serde_json::from_slice(&s.payload).map_err(io::Error::other)?;
                        if let Some(d) = hutong_checks::fidelity::record_difference(&found, &record, &self.volatile) {
                            diff.altered.push((s.id, d.describe("the destination", "the source")));
                        }
                    }
                }
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
}
