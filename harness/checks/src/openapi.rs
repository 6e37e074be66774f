//! OpenAPI descriptions a platform publishes: validity and coverage of declared endpoints.

use crate::schema::describe_errors;
use hutong_model::{msg, Finding};
use jsonschema::{Draft, Retrieve, Uri, Validator};
use serde_json::Value;
use std::sync::OnceLock;

/// Discovery endpoint names that are not operations (a base URL, not a path of the API).
pub const NOT_OPERATIONS: &[&str] = &["api_base"];

/// Where the official OpenAPI 3.1 schema is embedded (`spec/external/README.md` names its source).
pub const OAS_3_1_SCHEMA: &str = "spec/external/openapi-3.1-schema-2022-10-07.json";

/// Refuses every reference outside the schema itself: the official schema refers only to its own
/// `$defs` and to the JSON Schema 2020-12 meta-schemas `jsonschema` carries, so nothing is fetched.
struct Offline;

impl Retrieve for Offline {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(format!("reference {} is not embedded; nothing is fetched", uri.as_str()).into())
    }
}

/// The official OpenAPI 3.1 schema (2022-10-07), compiled once; panics if it does not compile,
/// which this module's tests rule out.
fn oas_3_1() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text = opis_spec::file(OAS_3_1_SCHEMA).expect("the OpenAPI 3.1 schema is embedded").contents;
        let schema: Value = serde_json::from_str(text).expect("the OpenAPI 3.1 schema is JSON");
        jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .with_retriever(Offline)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{OAS_3_1_SCHEMA} does not compile: {e}"))
    })
}

/// Checks that `doc` is a valid OpenAPI 3.x document: 3.1 documents validate against the official
/// OpenAPI 3.1 JSON Schema (`https://spec.openapis.org/oas/3.1/schema/2022-10-07`); other 3.x
/// documents must have the required top-level members (OpenAPI 3.0.3 §4.7.1). Every version
/// must describe its operations in `paths`.
pub fn check_document(doc: &Value) -> Result<(), Finding> {
    let version = doc.get("openapi").and_then(Value::as_str).unwrap_or_default();
    if !version.starts_with("3.") {
        return Err(Finding::fail(msg!("openapi-version-not-3", version = format!("{:?}", hutong_model::sanitize_line(version, 40)))));
    }
    if version.starts_with("3.1") {
        if let Some(errors) = describe_errors(oas_3_1(), doc) {
            return Err(Finding::fail(msg!("openapi-invalid-3-1", errors = errors)));
        }
    }
    let info_ok = doc.get("info").is_some_and(|i| i.get("title").is_some_and(Value::is_string) && i.get("version").is_some_and(Value::is_string));
    if !info_ok {
        return Err(Finding::fail(msg!("openapi-no-info")));
    }
    if !doc.get("paths").is_some_and(Value::is_object) {
        return Err(Finding::fail(msg!("openapi-no-paths")));
    }
    Ok(())
}

/// The path of `url` relative to the document's first server URL (or the URL's own path).
fn relative_path(doc: &Value, url: &url::Url) -> String {
    let server_path = doc
        .pointer("/servers/0/url")
        .and_then(Value::as_str)
        .and_then(|s| url::Url::parse(s).ok())
        .map(|s| s.path().trim_end_matches('/').to_string())
        .unwrap_or_default();
    let path = url.path();
    path.strip_prefix(&server_path).filter(|p| p.starts_with('/')).unwrap_or(path).to_string()
}

/// Whether a path template (`/items/{id}`) matches a concrete path.
pub fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    t.len() == p.len() && t.iter().zip(&p).all(|(a, b)| (a.starts_with('{') && a.ends_with('}') && !b.is_empty()) || a == b)
}

/// Whether `doc` describes at least one operation at the path of `url`.
pub fn describes_url(doc: &Value, url: &str) -> bool {
    let Ok(url) = url::Url::parse(url) else { return false };
    let path = relative_path(doc, &url);
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return false };
    paths.iter().any(|(template, item)| {
        template_matches(template, &path)
            && ["get", "put", "post", "delete", "options", "head", "patch", "trace"].iter().any(|m| item.get(*m).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(paths: serde_json::Value) -> Value {
        serde_json::json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths})
    }

    /// OpenAPI 3.1 documents the member-by-member check accepted and the official schema
    /// (OAI/OpenAPI-Specification `schemas/v3.1/schema.json`, 2022-10-07) rejects.
    #[test]
    fn documents_the_official_schema_rejects_are_invalid() {
        let ok = serde_json::json!({"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok"}}}}});
        assert!(check_document(&doc(ok)).is_ok());
        let bad = [
            ("a path not starting with /", doc(serde_json::json!({"items": {}}))),
            ("a response without description", doc(serde_json::json!({"/a": {"get": {"responses": {"200": {}}}}}))),
            ("a parameter without `in`", doc(serde_json::json!({"/a": {"get": {"parameters": [{"name": "q"}], "responses": {"200": {"description": "ok"}}}}}))),
            ("a version that is not 3.1.x", serde_json::json!({"openapi": "3.1", "info": {"title": "t", "version": "1"}, "paths": {}})),
            ("a license without name", serde_json::json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1", "license": {"url": "https://x.example/"}}, "paths": {}})),
        ];
        for (what, d) in bad {
            let err = check_document(&d).expect_err(what);
            assert!(err.message.contains("OpenAPI 3.1 schema"), "{what}: {}", err.message);
        }
    }

    /// The suite's own description of the interop surface is valid by the official schema.
    #[test]
    fn the_suites_description_is_valid() {
        let text = opis_spec::file("spec/openapi.json").unwrap().contents;
        check_document(&serde_json::from_str(text).unwrap()).unwrap();
    }

    #[test]
    fn templates() {
        assert!(template_matches("/api/v1/products/{id}", "/api/v1/products/p_1"));
        assert!(!template_matches("/api/v1/products/{id}", "/api/v1/products"));
    }
}
