//! Report writers. `report.json` is canonical; every other format is derived from [`Report`].
//!
//! One module per format: [`junit_xml`], [`cucumber_json`], [`markdown_summary`],
//! [`html_report`], [`requirements_csv`]; [`sign`] signs and verifies a written report;
//! [`registry`] builds the public registry site of `hutong index`.
#![forbid(unsafe_code)]

mod cucumber;
mod table_csv;
mod escape;
mod html;
mod junit;
mod lang;
mod markdown;
pub mod policy;
pub mod registry;
pub mod sign;

use hutong_model::{EvidenceRef, Report};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use cucumber::cucumber_json;
pub use table_csv::{requirements_csv, CSV_COLUMNS};
pub use html::html_report;
pub use junit::junit_xml;
pub use lang::Lang;
pub use markdown::markdown_summary;

/// Name of the canonical report file in an output directory.
pub const REPORT_FILE: &str = "report.json";

/// A report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file could not be created or written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A document could not be serialised.
    #[error("cannot serialise {what}: {source}")]
    Serialise {
        /// The document.
        what: String,
        /// The cause.
        source: serde_json::Error,
    },
}

/// How the derived formats are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Language of the human-readable formats (`summary.md`, `report.html`).
    pub lang: Lang,
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| WriteError::Io { path: parent.to_path_buf(), source })?;
    }
    std::fs::write(path, bytes).map_err(|source| WriteError::Io { path: path.to_path_buf(), source })
}

fn to_json<T: Serialize>(value: &T, what: &str) -> Result<Vec<u8>, WriteError> {
    let bytes = serde_json::to_vec_pretty(value).map_err(|source| WriteError::Serialise { what: what.to_string(), source })?;
    Ok(escape_markup(&bytes))
}

/// Escapes `<`, `>` and `&` in serialised JSON as `\u003c`, `\u003e` and `\u0026` (the same
/// document to a JSON parser), so that text echoed from the target cannot become markup or script
/// in a page that embeds a report. Outside strings JSON has none of these characters.
fn escape_markup(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + 1);
    for &b in json {
        match b {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            _ => out.push(b),
        }
    }
    out.push(b'\n');
    out
}

/// [`write_outputs_with`] with the default options (English).
pub fn write_outputs<E: Serialize>(dir: &Path, report: &mut Report, evidence: &BTreeMap<String, E>) -> Result<Vec<PathBuf>, WriteError> {
    write_outputs_with(dir, report, evidence, WriteOptions::default())
}

/// Writes the evidence files, records their digests in `report.evidence`, then writes
/// `report.json`, `junit.xml`, `cucumber.json`, `summary.md`, `report.html` and `report.csv`
/// into `dir`. Returns the paths written.
///
/// Only `report.json` and the evidence files are signed (the report lists the evidence digests);
/// the other formats are derived from `report.json` and can be rebuilt from it.
pub fn write_outputs_with<E: Serialize>(
    dir: &Path,
    report: &mut Report,
    evidence: &BTreeMap<String, E>,
    options: WriteOptions,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut written = Vec::new();
    report.evidence.clear();
    let mut evidence_values = BTreeMap::new();
    for (name, exchanges) in evidence {
        let bytes = to_json(exchanges, name)?;
        let path = dir.join(name);
        write(&path, &bytes)?;
        report.evidence.push(EvidenceRef { path: name.clone(), sha256: hex::encode(Sha256::digest(&bytes)) });
        let value = serde_json::to_value(exchanges).map_err(|source| WriteError::Serialise { what: name.clone(), source })?;
        evidence_values.insert(name.clone(), value);
        written.push(path);
    }
    let report_path = dir.join(REPORT_FILE);
    write(&report_path, &to_json(report, REPORT_FILE)?)?;
    written.push(report_path);
    let derived: [(&str, Vec<u8>); 5] = [
        ("junit.xml", junit_xml(report).into_bytes()),
        ("cucumber.json", to_json(&cucumber_json(report), "cucumber.json")?),
        ("summary.md", markdown_summary(report, options.lang).into_bytes()),
        ("report.html", html_report(report, &evidence_values, options.lang).into_bytes()),
        ("report.csv", requirements_csv(report, options.lang).into_bytes()),
    ];
    for (name, bytes) in derived {
        let path = dir.join(name);
        write(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

