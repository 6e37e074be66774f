//! The run history (OPIS §12): what `certify` saw of one target, kept between runs, so that a
//! requirement judged over time (OE-20) compares a run with the runs before it. Types only: the
//! CLI reads and writes the file, the runner reads the earlier runs and returns what it saw.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the history file format.
pub const HISTORY_FORMAT: u32 = 1;

/// Most runs a history keeps; the oldest are dropped first.
pub const HISTORY_RUNS: usize = 50;

/// Every earlier run of one target the history keeps, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunHistory {
    /// [`HISTORY_FORMAT`].
    pub format: u32,
    /// The target the runs were of (its base URL, or the built-in reference and its shape).
    pub target: String,
    /// The runs, oldest first.
    pub runs: Vec<HistoryRun>,
}

/// What one run saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryRun {
    /// When the run started (RFC 3339), as in its report.
    pub started_at: String,
    /// What it saw.
    pub observations: Observations,
}

/// What a run saw that a later run compares with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observations {
    /// The `Sunset` (RFC 8594 §3) each deprecated operation sent, as seconds since the epoch, by
    /// operation (`GET /path`, without the origin).
    #[serde(default)]
    pub sunsets: BTreeMap<String, i64>,
    /// Each disclosure version a run retrieved (OE-12), by `kind@version`: what a later run finds
    /// unchanged.
    #[serde(default)]
    pub disclosures: BTreeMap<String, DisclosureSeen>,
}

/// One disclosure version as a run retrieved it (OE-12): its dates and a digest of its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureSeen {
    /// `announced_at` as the version's document stated it.
    pub announced_at: String,
    /// `effective_at` as the version's document stated it.
    pub effective_at: String,
    /// SHA-256 (hex) of the document's `content`, serialised with its object members sorted.
    pub content_sha256: String,
}

impl Observations {
    /// Records a `Sunset` seen for `operation`; of several seen in one run, the latest is kept
    /// (the promise a later run is held to).
    pub fn saw_sunset(&mut self, operation: &str, sunset: i64) {
        let kept = self.sunsets.entry(operation.to_string()).or_insert(sunset);
        *kept = (*kept).max(sunset);
    }
}

impl RunHistory {
    /// An empty history of `target`.
    pub fn new(target: impl Into<String>) -> Self {
        RunHistory { format: HISTORY_FORMAT, target: target.into(), runs: Vec::new() }
    }

    /// Appends a run, dropping the oldest beyond [`HISTORY_RUNS`].
    pub fn record(&mut self, run: HistoryRun) {
        self.runs.push(run);
        let excess = self.runs.len().saturating_sub(HISTORY_RUNS);
        self.runs.drain(..excess);
    }

    /// The latest `Sunset` an earlier run saw for `operation`, with that run's start time.
    pub fn latest_sunset(&self, operation: &str) -> Option<(i64, &str)> {
        self.runs
            .iter()
            .filter_map(|r| r.observations.sunsets.get(operation).map(|s| (*s, r.started_at.as_str())))
            .max_by_key(|(s, _)| *s)
    }

    /// The disclosure version `key` (`kind@version`) as the latest earlier run that retrieved it
    /// saw it, with that run's start time.
    pub fn latest_disclosure(&self, key: &str) -> Option<(&DisclosureSeen, &str)> {
        self.runs.iter().rev().find_map(|r| r.observations.disclosures.get(key).map(|d| (d, r.started_at.as_str())))
    }

    /// Every disclosure version (`kind@version`) an earlier run retrieved.
    pub fn disclosure_versions(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.runs.iter().flat_map(|r| r.observations.disclosures.keys().cloned()).collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// Every operation an earlier run saw a `Sunset` for.
    pub fn sunset_operations(&self) -> Vec<String> {
        let mut ops: Vec<String> = self.runs.iter().flat_map(|r| r.observations.sunsets.keys().cloned()).collect();
        ops.sort();
        ops.dedup();
        ops
    }
}

/// How a run used the run history, written in the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryUse {
    /// Requirements judged against earlier runs in this run.
    pub requirements: Vec<String>,
    /// Start times (RFC 3339) of the earlier runs of the target the history held; empty when it
    /// held none (the first run of a target).
    pub runs: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_sunset_of_earlier_runs_is_the_promise() {
        let mut h = RunHistory::new("https://x/");
        for (at, sunset) in [("2026-01-01T00:00:00Z", 100), ("2026-02-01T00:00:00Z", 300), ("2026-03-01T00:00:00Z", 200)] {
            let mut o = Observations::default();
            o.saw_sunset("GET /a", sunset);
            h.record(HistoryRun { started_at: at.into(), observations: o });
        }
        assert_eq!(h.latest_sunset("GET /a"), Some((300, "2026-02-01T00:00:00Z")));
        assert_eq!(h.latest_sunset("GET /b"), None);
        assert_eq!(h.sunset_operations(), vec!["GET /a".to_string()]);
    }

    #[test]
    fn a_history_keeps_its_last_runs() {
        let mut h = RunHistory::new("t");
        for i in 0..HISTORY_RUNS + 5 {
            h.record(HistoryRun { started_at: i.to_string(), observations: Observations::default() });
        }
        assert_eq!(h.runs.len(), HISTORY_RUNS);
        assert_eq!(h.runs[0].started_at, "5");
    }
}
