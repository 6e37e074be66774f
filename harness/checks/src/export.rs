//! Bulk export: manifest parsing and streaming verification of JSON Lines files.

use crate::schema::{compile_declared, describe_errors, SchemaSet};
use hutong_model::Finding;
use jsonschema::Validator;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;
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

impl Manifest {
    /// Validates `value` against `export-manifest.schema.json` and parses it.
    pub fn parse(value: &Value) -> Result<Manifest, Finding> {
        SchemaSet::embedded().check("export-manifest.schema.json", value, "the export manifest")?;
        let manifest: Manifest = serde_json::from_value(value.clone())
            .map_err(|e| Finding::fail(format!("the export manifest cannot be read: {e}")))?;
        for entity in &manifest.entities {
            let name = hutong_model::sanitize_line(&entity.name, 80);
            if let Some(file) = entity.files.iter().find(|f| !is_plain_file_name(&f.name)) {
                return Err(Finding::fail(format!(
                    "entity {name}: file name {:?} is not a plain file name (a path or a traversal)",
                    hutong_model::sanitize_line(&file.name, 120)
                )));
            }
            // Checked: absurd counts must not overflow (a panic in a debug build).
            let sum = entity.files.iter().try_fold(0u64, |acc, f| acc.checked_add(f.records));
            if sum != Some(entity.record_count) {
                let held = sum.map_or_else(|| "more than 2^64".to_string(), |s| s.to_string());
                return Err(Finding::fail(format!(
                    "entity {name}: record_count is {} but its files hold {held} records",
                    entity.record_count
                )));
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

/// How many record-level problems a verifier keeps for its message.
const MAX_PROBLEMS: usize = 5;
/// Longest line accepted in a JSON Lines file.
const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

/// Verifies a JSON Lines file as it streams in: every line a JSON object valid against the
/// entity's schema, IDs unique within the entity. Memory stays bounded by one line plus an
/// 8-byte hash per ID.
pub struct JsonlVerifier {
    validator: Validator,
    entity: String,
    line: Vec<u8>,
    records: u64,
    ids: HashSet<u64>,
    problems: Vec<String>,
    problem_count: u64,
}

impl JsonlVerifier {
    /// A verifier for records of `entity` against its declared `schema`.
    pub fn new(entity: &Entity) -> Result<Self, Finding> {
        Ok(JsonlVerifier {
            validator: compile_declared(&entity.schema, &format!("the schema of entity {}", entity.name))?,
            entity: entity.name.clone(),
            line: Vec::new(),
            records: 0,
            ids: HashSet::new(),
            problems: Vec::new(),
            problem_count: 0,
        })
    }

    fn problem(&mut self, text: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(text);
        }
    }

    /// Feeds the next chunk of the file.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<(), String> {
        while let Some(pos) = chunk.iter().position(|b| *b == b'\n') {
            self.line.extend_from_slice(&chunk[..pos]);
            chunk = &chunk[pos + 1..];
            let line = std::mem::take(&mut self.line);
            self.record(&line);
        }
        self.line.extend_from_slice(chunk);
        if self.line.len() > MAX_LINE_BYTES {
            return Err(format!("a line of entity {} is longer than {MAX_LINE_BYTES} bytes", self.entity));
        }
        Ok(())
    }

    fn record(&mut self, line: &[u8]) {
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        self.records += 1;
        let n = self.records;
        let value: Value = match serde_json::from_slice(line) {
            Ok(v) => v,
            Err(e) => return self.problem(format!("record {n} is not JSON: {e}")),
        };
        if let Some(errors) = describe_errors(&self.validator, &value) {
            self.problem(format!("record {n} does not match the entity schema: {errors}"));
        }
        match value.get("id") {
            Some(id) => {
                let mut h = DefaultHasher::new();
                id.to_string().hash(&mut h);
                if !self.ids.insert(h.finish()) {
                    self.problem(format!("record {n} repeats id {}", hutong_model::sanitize_line(&id.to_string(), 80)));
                }
            }
            None => self.problem(format!("record {n} has no `id`")),
        }
    }

    /// Ends the file: the records counted, or a `fail` listing the problems.
    pub fn finish(mut self) -> Result<u64, Finding> {
        let rest = std::mem::take(&mut self.line);
        self.record(&rest);
        if self.problem_count > 0 {
            return Err(Finding::fail(format!(
                "entity {}: {} record problem(s): {}",
                self.entity,
                self.problem_count,
                self.problems.join("; ")
            )));
        }
        Ok(self.records)
    }

    /// Distinct IDs seen so far.
    pub fn distinct_ids(&self) -> usize {
        self.ids.len()
    }
}

#[cfg(test)]
mod tests {
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
