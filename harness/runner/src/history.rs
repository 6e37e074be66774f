//! The run history file (OPIS §12): one JSON file per target in a history directory
//! (`certify --history DIR`, by default `history/` beside the run directories), read before a run
//! and extended after it. The types are [`hutong_model::RunHistory`]'s.

use hutong_model::{HistoryRun, Observations, RunHistory, HISTORY_FORMAT};
use std::path::{Path, PathBuf};

/// A history file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The file exists but cannot be read, or cannot be written.
    #[error("run history {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a history of this format and target.
    #[error("run history {path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// The history file of `target` (a base URL, or the built-in reference and its shape) in `dir`:
/// its name is the target with every character but ASCII letters and digits made `-`.
pub fn file_in(dir: &Path, target: &str) -> PathBuf {
    let mut name: String = target.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    name = name.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    name.truncate(120);
    dir.join(format!("{name}.json"))
}

/// Reads the history of `target` at `path`; an absent file is an empty history (a first run).
pub fn load(path: &Path, target: &str) -> Result<RunHistory, HistoryError> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(RunHistory::new(target)),
        Err(source) => return Err(HistoryError::Io { path: shown, source }),
    };
    let history: RunHistory = serde_json::from_str(&text).map_err(|e| HistoryError::Invalid { path: shown.clone(), message: e.to_string() })?;
    if history.format != HISTORY_FORMAT {
        return Err(HistoryError::Invalid { path: shown, message: format!("format {} is not {HISTORY_FORMAT}", history.format) });
    }
    if history.target != target {
        return Err(HistoryError::Invalid { path: shown, message: format!("it is the history of {:?}, not of {target:?}", history.target) });
    }
    Ok(history)
}

/// Appends a run that started at `started_at` and saw `observations`, and writes the file
/// (creating its directory).
pub fn save(path: &Path, mut history: RunHistory, started_at: &str, observations: Observations) -> Result<(), HistoryError> {
    let shown = path.display().to_string();
    history.record(HistoryRun { started_at: started_at.to_string(), observations });
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| HistoryError::Io { path: shown.clone(), source })?;
    }
    let text = serde_json::to_string_pretty(&history).map_err(|e| HistoryError::Invalid { path: shown.clone(), message: e.to_string() })?;
    std::fs::write(path, text + "\n").map_err(|source| HistoryError::Io { path: shown, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_history_round_trips_and_names_its_target() {
        let dir = std::env::temp_dir().join(format!("hutong-history-{}", std::process::id()));
        let path = file_in(&dir, "https://Platform.example:8443/api/");
        assert_eq!(path.file_name().unwrap().to_str().unwrap(), "https-platform-example-8443-api.json");
        let empty = load(&path, "https://Platform.example:8443/api/").unwrap();
        assert!(empty.runs.is_empty());
        let mut seen = Observations::default();
        seen.saw_sunset("GET /legacy", 1_800_000_000);
        save(&path, empty, "2026-11-29T10:00:00Z", seen).unwrap();
        let again = load(&path, "https://Platform.example:8443/api/").unwrap();
        assert_eq!(again.latest_sunset("GET /legacy"), Some((1_800_000_000, "2026-11-29T10:00:00Z")));
        assert!(matches!(load(&path, "https://other.example/"), Err(HistoryError::Invalid { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
