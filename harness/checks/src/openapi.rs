//! OpenAPI descriptions a platform publishes: validity and coverage of declared endpoints.

use hutong_model::Finding;
use serde_json::Value;

/// Discovery endpoint names that are not operations (a base URL, not a path of the API).
pub const NOT_OPERATIONS: &[&str] = &["api_base"];

/// Checks that `doc` is a valid OpenAPI 3.x document: 3.1 documents are parsed in full (`oas3`);
/// 3.0 documents must have the required top-level members (OpenAPI 3.0.3 §4.7.1).
pub fn check_document(doc: &Value) -> Result<(), Finding> {
    let version = doc.get("openapi").and_then(Value::as_str).unwrap_or_default();
    if !version.starts_with("3.") {
        return Err(Finding::fail(format!("`openapi` is {version:?}, not an OpenAPI 3.x version")));
    }
    if version.starts_with("3.1") {
        let text = doc.to_string();
        oas3::from_json(&text).map_err(|e| Finding::fail(format!("the OpenAPI 3.1 document is invalid: {}", hutong_model::sanitize_line(&e.to_string(), 300))))?;
    }
    let info_ok = doc.get("info").is_some_and(|i| i.get("title").is_some_and(Value::is_string) && i.get("version").is_some_and(Value::is_string));
    if !info_ok {
        return Err(Finding::fail("the OpenAPI document has no info.title and info.version"));
    }
    if !doc.get("paths").is_some_and(Value::is_object) {
        return Err(Finding::fail("the OpenAPI document has no `paths` object"));
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

    #[test]
    fn templates() {
        assert!(template_matches("/api/v1/products/{id}", "/api/v1/products/p_1"));
        assert!(!template_matches("/api/v1/products/{id}", "/api/v1/products"));
    }
}
