//! JSON Schema (2020-12) validation: the suite's own schemas (`spec/schemas/`) and schemas a
//! platform declares (export entities), which are untrusted input and compiled offline.

use hutong_model::{msg, Finding, Message};
use jsonschema::{Draft, Retrieve, Uri, Validator};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// `$id` prefix of the suite's schemas.
pub const SCHEMA_BASE: &str = "https://opis.hutong.dev/schemas/";

/// How many validation errors a message lists at most.
const MAX_LISTED_ERRORS: usize = 5;

/// Resolves `$ref`s to the suite's embedded schemas; refuses everything else.
struct EmbeddedSchemas;

impl Retrieve for EmbeddedSchemas {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .as_str()
            .strip_prefix(SCHEMA_BASE)
            .ok_or_else(|| format!("reference {} is outside the suite's schemas", uri.as_str()))?;
        opis_spec::schema(name).ok_or_else(|| format!("no schema {name} in spec/schemas/").into())
    }
}

/// The suite's schemas, compiled once.
pub struct SchemaSet {
    validators: HashMap<String, Validator>,
}

impl SchemaSet {
    /// Compiles every schema of `spec/schemas/`; panics if one is invalid, which the suite's own
    /// tests rule out.
    pub fn embedded() -> &'static SchemaSet {
        static SET: OnceLock<SchemaSet> = OnceLock::new();
        SET.get_or_init(|| {
            let mut validators = HashMap::new();
            for (name, text) in opis_spec::schemas() {
                let schema: Value = serde_json::from_str(text).expect("embedded schema is JSON");
                let validator = jsonschema::options()
                    .with_draft(Draft::Draft202012)
                    .should_validate_formats(true)
                    .with_retriever(EmbeddedSchemas)
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("spec/schemas/{name} does not compile: {e}"));
                validators.insert(name.to_string(), validator);
            }
            SchemaSet { validators }
        })
    }

    /// Validates `instance` against the suite schema `name`; a mismatch is a `fail` that lists
    /// where the document is wrong.
    pub fn check(&self, name: &str, instance: &Value, what: impl Into<Message>) -> Result<(), Finding> {
        let validator = self
            .validators
            .get(name)
            .ok_or_else(|| Finding::error(msg!("schema-unknown", name = name)))?;
        match describe_errors(validator, instance) {
            None => Ok(()),
            Some(errors) => Err(Finding::fail(msg!("schema-invalid", what = what.into(), name = name, errors = errors))),
        }
    }
}

/// The validation errors of `instance`, listed, or `None` when it is valid.
pub fn describe_errors(validator: &Validator, instance: &Value) -> Option<Message> {
    let mut listed = Vec::new();
    let mut total = 0usize;
    for error in validator.iter_errors(instance) {
        total += 1;
        if listed.len() < MAX_LISTED_ERRORS {
            let path = error.instance_path().to_string();
            let path = if path.is_empty() { "/".to_string() } else { path };
            listed.push(msg!("schema-error-at", path = path, error = hutong_model::sanitize_line(&error.to_string(), 200)));
        }
    }
    let shown = listed.len();
    let errors = hutong_model::joined(listed)?;
    Some(if total > shown { msg!("schema-errors-and-more", errors = errors, more = total - shown) } else { errors })
}

/// Compiles a schema the platform declared. It is untrusted: no remote `$ref` is fetched, and a
/// schema that does not compile is the platform's `fail`.
pub fn compile_declared(schema: &Value, what: impl Into<Message>) -> Result<Validator, Finding> {
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .offline()
        .build(schema)
        .map_err(|e| Finding::fail(msg!("schema-declared-invalid", what = what.into(), error = hutong_model::sanitize_line(&e.to_string(), 200))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_suite_schema_compiles() {
        let set = SchemaSet::embedded();
        assert!(set.validators.contains_key("discovery.schema.json"));
    }

    #[test]
    fn a_mismatch_names_the_path() {
        let err = SchemaSet::embedded()
            .check("discovery.schema.json", &json!({"opis_version": "x"}), hutong_model::msg!("discovery-the-document"))
            .unwrap_err();
        assert!(err.message.contains("opis_version") || err.message.contains("at /"), "{}", err.message);
    }
}
