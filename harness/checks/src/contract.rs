//! Contract checking over the platform's own OpenAPI description: every safe (GET/HEAD) operation
//! it declares is called, with path parameters filled from the platform's own list results, and
//! each live answer is checked against the responses the operation declares.

use hutong_http::http;
use hutong_http::{HttpClient, Recorder, Response};
use hutong_model::{msg, sanitize_line, Finding, Message};
use jsonschema::{Draft, Retrieve, Uri, Validator};
use serde_json::{Map, Value};
use std::collections::HashMap;
use url::Url;

/// Most operations one contract run calls.
pub const MAX_OPERATIONS: usize = 500;

/// A safe operation of an OpenAPI document.
#[derive(Debug, Clone)]
pub struct SafeOperation {
    /// `GET` or `HEAD`.
    pub method: http::Method,
    /// The path template (`/items/{id}`).
    pub template: String,
    /// The operation object.
    pub operation: Value,
    /// Parameters of the path item and the operation, `$ref`s resolved.
    pub parameters: Vec<Value>,
}

impl SafeOperation {
    /// `GET /items/{id}`.
    pub fn name(&self) -> String {
        format!("{} {}", self.method, self.template)
    }

    /// Whether the operation identifies its caller: its `security` (else the document's) lists a
    /// requirement that is not empty (OpenAPI 3.1.0 §4.8.10, §4.8.30).
    pub fn identifies_client(&self, doc: &Value) -> bool {
        let security = self.operation.get("security").or_else(|| doc.get("security"));
        security
            .and_then(Value::as_array)
            .is_some_and(|alternatives| !alternatives.is_empty() && alternatives.iter().all(|r| r.as_object().is_some_and(|o| !o.is_empty())))
    }

    /// Whether the document marks the operation `deprecated: true`.
    pub fn deprecated(&self) -> bool {
        self.operation.get("deprecated").and_then(Value::as_bool).unwrap_or(false)
    }
}

/// Resolves a local `$ref` (`#/components/...`) once; other values are returned as they are.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => doc.pointer(pointer).unwrap_or(value),
        None => value,
    }
}

/// Every GET and HEAD operation of `doc`, in document order.
pub fn safe_operations(doc: &Value) -> Vec<SafeOperation> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return Vec::new() };
    let mut out = Vec::new();
    for (template, item) in paths {
        let item = resolve(doc, item);
        let shared: Vec<Value> = item.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        for (key, method) in [("get", http::Method::GET), ("head", http::Method::HEAD)] {
            let Some(operation) = item.get(key) else { continue };
            let mut parameters: Vec<Value> = shared.iter().map(|p| resolve(doc, p).clone()).collect();
            for p in operation.get("parameters").and_then(Value::as_array).into_iter().flatten() {
                let p = resolve(doc, p).clone();
                parameters.retain(|q| !(q.get("name") == p.get("name") && q.get("in") == p.get("in")));
                parameters.push(p);
            }
            out.push(SafeOperation { method: method.clone(), template: template.clone(), operation: operation.clone(), parameters });
        }
    }
    out
}

/// The base URL operations are relative to: the document's first server (relative server URLs
/// are resolved against the document's own URL), else the document's origin.
pub fn server_base(doc: &Value, document_url: &Url) -> Url {
    let server = doc.pointer("/servers/0/url").and_then(Value::as_str).unwrap_or("/");
    document_url.join(server).unwrap_or_else(|_| document_url.join("/").expect("a path joins"))
}

/// `base` + `path`, keeping the base's own path as a prefix.
pub fn join_path(base: &Url, path: &str) -> String {
    format!("{}{}", base.as_str().trim_end_matches('/'), path)
}

/// A value for query parameter `p` when it is required: its example, default or first enum value.
fn query_value(p: &Value) -> Option<String> {
    let schema = p.get("schema").cloned().unwrap_or(Value::Null);
    let v = p
        .get("example")
        .or_else(|| schema.get("example"))
        .or_else(|| schema.get("default"))
        .or_else(|| schema.pointer("/enum/0"))
        .or_else(|| schema.pointer("/examples/0"))?;
    Some(match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// The value of member `name` (else `id`) of the first object in the first array of `body`:
/// how a list result names the items a path parameter selects.
pub fn value_from_list(body: &Value, name: &str) -> Option<String> {
    let arrays: Vec<&Vec<Value>> = match body {
        Value::Array(a) => vec![a],
        Value::Object(o) => o.values().filter_map(Value::as_array).collect(),
        _ => Vec::new(),
    };
    let scalar = |v: &Value| match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    for key in [name, "id"] {
        for array in &arrays {
            if let Some(v) = array.iter().filter_map(Value::as_object).find_map(|o| o.get(key).and_then(scalar)) {
                return Some(v);
            }
        }
    }
    None
}

fn encode_segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>().replace('+', "%20")
}

/// One safe operation as called.
#[derive(Debug, Clone)]
pub struct Exercised {
    /// The operation.
    pub operation: SafeOperation,
    /// The concrete URL called.
    pub url: String,
    /// The live answer.
    pub response: Response,
}

/// The result of calling every safe operation.
#[derive(Debug, Clone, Default)]
pub struct Exercise {
    /// Operations called.
    pub exercised: Vec<Exercised>,
    /// Operations not called, with why (`GET /x/{id}: ...`; the operation is the `operation` parameter).
    pub not_exercised: Vec<Message>,
}

/// Calls every safe operation of `doc` once, with the bearer `token` if any. A path parameter is
/// filled from the answer of the GET operation at the path before it (`/items` for
/// `/items/{id}`); an operation whose parameters cannot be filled is listed in `not_exercised`.
pub async fn exercise(http: &HttpClient, rec: &Recorder, doc: &Value, base: &Url, token: Option<&str>) -> Result<Exercise, Finding> {
    exercise_selected(http, rec, doc, base, token, |_| true).await
}

/// [`exercise`] for the operations `select` accepts (the lists that fill their path parameters
/// are still fetched as needed).
pub async fn exercise_selected(
    http: &HttpClient,
    rec: &Recorder,
    doc: &Value,
    base: &Url,
    token: Option<&str>,
    select: impl Fn(&SafeOperation) -> bool,
) -> Result<Exercise, Finding> {
    let mut operations: Vec<SafeOperation> = safe_operations(doc).into_iter().filter(|o| select(o)).collect();
    operations.truncate(MAX_OPERATIONS);
    // Fewer parameters first, so that lists are fetched before the items they name.
    operations.sort_by_key(|o| o.template.matches('{').count());
    let mut bodies: HashMap<String, Value> = HashMap::new();
    let mut out = Exercise::default();
    for op in operations {
        let mut path = String::new();
        let mut unfilled = None;
        for segment in op.template.split('/').filter(|s| !s.is_empty()) {
            let is_param = segment.starts_with('{') && segment.ends_with('}') && segment.matches('{').count() == 1;
            if !is_param {
                if segment.contains('{') {
                    unfilled = Some(msg!("contract-segment-mixed", segment = format!("{segment:?}")));
                    break;
                }
                path.push('/');
                path.push_str(segment);
                continue;
            }
            let name = &segment[1..segment.len() - 1];
            let parent = if path.is_empty() { "/".to_string() } else { path.clone() };
            let body = match bodies.get(&parent) {
                Some(b) => Some(b.clone()),
                None if doc.pointer(&format!("/paths/{}/get", parent_template_pointer(doc, &parent))).is_some() => {
                    let url = join_path(base, &parent);
                    let mut request = http.get(&url).label(format!("contract: list for {{{name}}}"));
                    if let Some(t) = token {
                        request = request.bearer(t);
                    }
                    let response = request.send(rec).await.map_err(crate::transport)?;
                    let body = response.json_value().unwrap_or(Value::Null);
                    bodies.insert(parent.clone(), body.clone());
                    Some(body)
                }
                None => None,
            };
            match body.as_ref().and_then(|b| value_from_list(b, name)) {
                Some(v) => {
                    path.push('/');
                    path.push_str(&encode_segment(&v));
                }
                None => {
                    unfilled = Some(msg!("contract-no-list-value", parent = parent, name = name));
                    break;
                }
            }
        }
        if op.template.ends_with('/') && !path.ends_with('/') {
            path.push('/');
        }
        let mut query = Vec::new();
        for p in op.parameters.iter().filter(|p| p.get("in").and_then(Value::as_str) == Some("query")) {
            if p.get("required").and_then(Value::as_bool) != Some(true) {
                continue;
            }
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
            match query_value(p) {
                Some(v) => query.push((name, v)),
                None => {
                    unfilled = Some(msg!("contract-query-no-value", name = name));
                }
            }
        }
        if let Some(reason) = unfilled {
            let text = msg!("contract-not-exercised", operation = op.name(), reason = reason);
            out.not_exercised.push(text);
            continue;
        }
        let url = join_path(base, if path.is_empty() { "/" } else { &path });
        let mut request = http.request(op.method.clone(), &url).label(format!("contract: {}", op.name()));
        if !query.is_empty() {
            request = request.query(&query);
        }
        if let Some(t) = token {
            request = request.bearer(t);
        }
        let response = request.send(rec).await.map_err(crate::transport)?;
        if op.method == http::Method::GET && response.status == 200 {
            bodies.insert(path.clone(), response.json_value().unwrap_or(Value::Null));
        }
        out.exercised.push(Exercised { operation: op, url, response });
    }
    Ok(out)
}

/// The `paths` key (JSON-Pointer-escaped) of the template matching the concrete `path`.
fn parent_template_pointer(doc: &Value, path: &str) -> String {
    let template = doc
        .get("paths")
        .and_then(Value::as_object)
        .and_then(|paths| paths.keys().find(|t| crate::openapi::template_matches(t, path)).cloned())
        .unwrap_or_else(|| path.to_string());
    template.replace('~', "~0").replace('/', "~1")
}

/// Resolves `$ref`s to the suite's embedded schemas; the platform's description is untrusted,
/// so nothing is fetched from the network.
struct SuiteSchemasOnly;

impl Retrieve for SuiteSchemasOnly {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .as_str()
            .strip_prefix(crate::schema::SCHEMA_BASE)
            .ok_or_else(|| format!("{} is outside the document (remote references are not fetched)", uri.as_str()))?;
        opis_spec::schema(name).ok_or_else(|| format!("no schema {name} in spec/schemas/").into())
    }
}

/// Checks live answers against an OpenAPI document's declared responses, compiling each declared
/// schema once.
pub struct ContractChecker<'a> {
    doc: &'a Value,
    validators: HashMap<String, Result<Validator, String>>,
}

/// The media type is JSON (`application/json` or a `+json` suffix).
fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

impl<'a> ContractChecker<'a> {
    /// A checker over `doc`.
    pub fn new(doc: &'a Value) -> Self {
        ContractChecker { doc, validators: HashMap::new() }
    }

    /// The schema at `schema`, with the document's `components` beside it so that local
    /// `#/components/...` references resolve.
    fn compile(&mut self, key: &str, schema: &Value) -> Result<&Validator, String> {
        if !self.validators.contains_key(key) {
            let root = match schema {
                Value::Object(o) => {
                    let mut root: Map<String, Value> = o.clone();
                    if let Some(c) = self.doc.get("components") {
                        root.entry("components").or_insert_with(|| c.clone());
                    }
                    Value::Object(root)
                }
                other => other.clone(),
            };
            let compiled = jsonschema::options()
                .with_draft(Draft::Draft202012)
                .should_validate_formats(true)
                .with_retriever(SuiteSchemasOnly)
                .build(&root)
                .map_err(|e| sanitize_line(&e.to_string(), 200));
            self.validators.insert(key.to_string(), compiled);
        }
        match self.validators.get(key).expect("just inserted") {
            Ok(v) => Ok(v),
            Err(e) => Err(e.clone()),
        }
    }

    /// Checks one live answer against `operation`'s declared responses. `Ok(None)`: conforms;
    /// `Ok(Some(violation))`: the platform's answer breaks its own description; `Err`: the
    /// harness cannot decide (a declared schema it cannot compile).
    pub fn check(&mut self, operation: &SafeOperation, response: &Response) -> Result<Option<Message>, Finding> {
        let status = response.status.to_string();
        let Some(responses) = operation.operation.get("responses").and_then(Value::as_object) else {
            return Ok(Some(msg!("contract-no-responses")));
        };
        let range = format!("{}XX", &status[..1]);
        let found = responses
            .iter()
            .find(|(k, _)| **k == status)
            .or_else(|| responses.iter().find(|(k, _)| k.eq_ignore_ascii_case(&range)))
            .or_else(|| responses.iter().find(|(k, _)| *k == "default"));
        let Some((key, declared)) = found else {
            let listed: Vec<&str> = responses.keys().map(String::as_str).collect();
            return Ok(Some(msg!("contract-undeclared-status", status = response.status, declared = listed.join(", "))));
        };
        let declared = resolve(self.doc, declared);
        let Some(content) = declared.get("content").and_then(Value::as_object).filter(|c| !c.is_empty()) else {
            return Ok(None);
        };
        if operation.method == http::Method::HEAD {
            return Ok(None);
        }
        let media = response.content_type().unwrap_or_default().to_ascii_lowercase();
        let (top, _) = media.split_once('/').unwrap_or((media.as_str(), ""));
        let matched = content
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&media))
            .or_else(|| content.iter().find(|(k, _)| k.eq_ignore_ascii_case(&format!("{top}/*"))))
            .or_else(|| content.iter().find(|(k, _)| *k == "*/*"));
        let Some((media_key, media_object)) = matched else {
            let listed: Vec<&str> = content.keys().map(String::as_str).collect();
            return Ok(Some(if media.is_empty() {
                msg!("contract-undeclared-no-content-type", status = response.status, declared = listed.join(", "))
            } else {
                msg!("contract-undeclared-media-type", status = response.status, media_type = format!("{media:?}"), declared = listed.join(", "))
            }));
        };
        if !is_json(&media) {
            return Ok(None);
        }
        let Some(schema) = media_object.get("schema") else { return Ok(None) };
        let body = match response.json_value() {
            Ok(b) => b,
            Err(e) => {
                return Ok(Some(msg!("contract-body-not-json", status = response.status, media_type = media, error = sanitize_line(&e.to_string(), 120))));
            }
        };
        let cache_key = format!("{} {key} {media_key}", operation.name());
        let validator = self
            .compile(&cache_key, schema)
            .map_err(|e| Finding::error(msg!("contract-schema-uncompilable", operation = operation.name(), response = key.as_str(), error = e)))?;
        Ok(crate::schema::describe_errors(validator, &body).map(|errors| msg!("contract-schema-mismatch", status = response.status, errors = errors)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "openapi": "3.1.0",
            "paths": {
                "/items": { "get": { "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/Item" } } } } } } } } } },
                "/items/{id}": { "parameters": [{ "name": "id", "in": "path", "required": true }],
                    "get": { "responses": { "2XX": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } } } } },
                "/things": { "post": { "responses": {} } }
            },
            "components": { "schemas": { "Item": { "type": "object", "required": ["id"], "properties": { "id": { "type": "string" }, "n": { "type": "integer" } } } } }
        })
    }

    fn answer(status: u16, media: &str, body: &str) -> Response {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, media.parse().unwrap());
        Response::new(status, headers, body.to_string(), Url::parse("http://x/items/1").unwrap())
    }

    #[test]
    fn only_safe_operations_are_listed() {
        let ops = safe_operations(&doc());
        let names: Vec<String> = ops.iter().map(SafeOperation::name).collect();
        assert_eq!(names, ["GET /items", "GET /items/{id}"]);
        assert_eq!(ops[1].parameters.len(), 1);
        assert!(!ops[0].identifies_client(&doc()));
        let mut secured = doc();
        secured["security"] = json!([{ "bearer": [] }]);
        assert!(ops[0].identifies_client(&secured));
        secured["paths"]["/items"]["get"]["security"] = json!([]);
        assert!(!safe_operations(&secured)[0].identifies_client(&secured));
    }

    #[test]
    fn answers_are_judged_against_the_declared_responses() {
        let d = doc();
        let ops = safe_operations(&d);
        let mut checker = ContractChecker::new(&d);
        let cases: &[(u16, &str, &str, bool)] = &[
            (200, "application/json", r#"{"id": "a", "n": 1}"#, true),
            (201, "application/json", r#"{"id": "a"}"#, true),
            (200, "application/json", r#"{"id": "a", "n": "one"}"#, false),
            (200, "application/json", r#"{"n": 1}"#, false),
            (200, "text/plain", "a", false),
            (404, "application/json", "{}", false),
        ];
        for (status, media, body, conforms) in cases {
            let verdict = checker.check(&ops[1], &answer(*status, media, body)).unwrap();
            assert_eq!(verdict.is_none(), *conforms, "{status} {media} {body}: {verdict:?}");
        }
    }

    #[test]
    fn path_values_come_from_list_results() {
        let cases = [
            (json!({"items": [{"id": "p1"}, {"id": "p2"}]}), "id", Some("p1")),
            (json!({"kind": "x", "versions": [{"version": "v2"}]}), "version", Some("v2")),
            (json!({"documents": [{"kind": "fees", "id": 3}]}), "kind", Some("fees")),
            (json!([{"id": 7}]), "slug", Some("7")),
            (json!({"items": []}), "id", None),
        ];
        for (body, name, expected) in cases {
            assert_eq!(value_from_list(&body, name).as_deref(), expected, "{body}");
        }
    }
}
