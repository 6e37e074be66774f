//! Optional capabilities (OPIS §6.5) and test resources (OPIS §6.6).
//!
//! A capability is declared or not offered: a platform that declares an endpoint of, or describes
//! in its OpenAPI description an operation of, a capability it does not declare fails CORE-02, so
//! that leaving a capability out escapes no requirement conditional on it. The operations of each
//! capability are those `spec/openapi.json` marks `x-opis-capability`.
//!
//! Test resources are the only resources the harness writes to besides its own records: writable
//! test records per entity (CM-03) and sandbox checkout items (AI-11, AI-12). A missing
//! declaration is an `error` naming it (OPIS §10.1): the harness never falls back to other records.

use crate::discovery::Discovery;
use crate::schema::SchemaSet;
use hutong_model::{joined, msg, Finding, Message};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use url::Url;

/// The discovery endpoints each optional capability brings (OPIS §6.5).
pub const CAPABILITY_ENDPOINTS: &[(&str, &[&str])] = &[
    ("catalogue", &["products", "search"]),
    ("merchants", &["merchants", "merchant_terms"]),
    ("messaging", &["messages", "links_open"]),
    ("checkout", &["checkout", "payment_methods"]),
    ("media_types", &["media"]),
    ("open_protocols.oembed", &["oembed"]),
    ("open_protocols.webfinger", &["webfinger"]),
];

/// The path under which `spec/openapi.json` places the operations relative to `api_base`.
const SPEC_API_BASE_PATH: &str = "/api/v1";

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// An operation of an optional capability, as `spec/openapi.json` defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilityOperation {
    /// The capability (`x-opis-capability`).
    pub capability: String,
    /// Lower-case HTTP method.
    pub method: String,
    /// Path template, relative to `api_base` when `under_api_base`, else from the origin's root.
    pub path: String,
    /// Whether the operation lives under `api_base`.
    pub under_api_base: bool,
    /// The operation's `operationId`.
    pub operation_id: String,
}

/// The operations `spec/openapi.json` marks with `x-opis-capability`.
pub fn spec_operations() -> Vec<CapabilityOperation> {
    let text = opis_spec::file("spec/openapi.json").map(|f| f.contents).unwrap_or("{}");
    let doc: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for (template, item) in doc.get("paths").and_then(Value::as_object).into_iter().flatten() {
        for method in METHODS {
            let Some(op) = item.get(*method) else { continue };
            let Some(capability) = op.get("x-opis-capability").and_then(Value::as_str) else { continue };
            let (path, under_api_base) = match template.strip_prefix(SPEC_API_BASE_PATH).filter(|p| p.starts_with('/')) {
                Some(rest) => (rest.to_string(), true),
                None => (template.clone(), false),
            };
            out.push(CapabilityOperation {
                capability: capability.to_string(),
                method: (*method).to_string(),
                path,
                under_api_base,
                operation_id: op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_string(),
            });
        }
    }
    out
}

/// A path template with parameter names dropped: `/items/{id}` → `/items/{}`.
fn normalise_template(template: &str) -> String {
    template
        .trim_end_matches('/')
        .split('/')
        .map(|s| if s.starts_with('{') && s.ends_with('}') { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// Checks that `discovery` declares no endpoint, and `openapi` (the platform's OpenAPI
/// description, fetched from `openapi_url`) describes no operation, of an optional capability
/// the platform does not declare. Operations are matched by `operationId`, or by method and path
/// template relative to `endpoints.api_base` (parameter names ignored).
pub fn check_declared_or_absent(discovery: &Discovery, openapi: &Value, openapi_url: &Url) -> Result<(), Finding> {
    let mut problems = Vec::new();
    for (capability, endpoints) in CAPABILITY_ENDPOINTS {
        if discovery.declares_capability(capability) {
            continue;
        }
        for name in endpoints.iter().filter(|n| discovery.has_endpoint(n)) {
            problems.push(msg!("capabilities-undeclared-endpoint", name = *name, capability = *capability));
        }
    }
    let server = crate::contract::server_base(openapi, openapi_url);
    let server_path = server.path().trim_end_matches('/').to_string();
    let api_base_path = discovery
        .endpoints
        .get("api_base")
        .and_then(|u| Url::parse(u).ok())
        .map(|u| u.path().trim_end_matches('/').to_string())
        .unwrap_or_default();
    let spec = spec_operations();
    for (template, item) in openapi.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let full = normalise_template(&format!("{server_path}{template}"));
        let relative = full.strip_prefix(api_base_path.as_str()).filter(|p| p.starts_with('/')).map(str::to_string);
        for method in METHODS {
            let Some(op) = item.get(*method) else { continue };
            let operation_id = op.get("operationId").and_then(Value::as_str).unwrap_or_default();
            let hit = spec.iter().find(|s| {
                let same_path = if s.under_api_base {
                    relative.as_deref() == Some(normalise_template(&s.path).as_str())
                } else {
                    full == normalise_template(&s.path)
                };
                (!operation_id.is_empty() && operation_id == s.operation_id) || (s.method == *method && same_path)
            });
            if let Some(s) = hit.filter(|s| !discovery.declares_capability(&s.capability)) {
                problems.push(msg!(
                    "capabilities-undeclared-operation",
                    method = method.to_uppercase(),
                    template = hutong_model::sanitize_line(template, 200),
                    operation_id = s.operation_id.as_str(),
                    capability = s.capability.as_str()
                ));
            }
        }
    }
    let mut problems: Vec<(String, Message)> = problems.into_iter().map(|p: Message| (p.en(), p)).collect();
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    problems.dedup_by(|a, b| a.0 == b.0);
    let total = problems.len();
    let Some(shown) = joined(problems.into_iter().take(8).map(|(_, p)| p)) else {
        return Ok(());
    };
    Err(Finding::fail(if total > 8 {
        msg!("capabilities-undeclared-offered-more", problems = shown, more = total - 8)
    } else {
        msg!("capabilities-undeclared-offered", problems = shown)
    }))
}

/// Checks the capabilities that bring no operation against what the platform discloses (OPIS
/// §6.5): current algorithmic rules (`algorithmic-rules`) naming `workers` among those a rule
/// affects need `workers` declared, a current fee schedule (`fee-schedule`) stating a commission or
/// payment-settlement rate (in its rate lists or as a fee of that kind) needs `commission_fees` declared, so that leaving either out escapes
/// neither OE-13, OE-22 nor OE-14. A document not given (not published or not readable; OE-10
/// judges that) is not read.
pub fn check_disclosed_capabilities(discovery: &Discovery, algorithmic_rules: Option<&Value>, fee_schedule: Option<&Value>) -> Result<(), Finding> {
    let mut problems = Vec::new();
    let names_workers = algorithmic_rules
        .and_then(|d| d.pointer("/content/rules"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| r.get("affects").and_then(Value::as_array).is_some_and(|a| a.iter().any(|x| x == "workers")))
        .filter_map(|r| r.get("topic").and_then(Value::as_str))
        .map(|t| hutong_model::sanitize_line(t, 40))
        .collect::<Vec<_>>();
    if !names_workers.is_empty() && !discovery.declares_capability("workers") {
        problems.push(msg!("capabilities-workers-undeclared", topics = names_workers.join(", ")));
    }
    // The rates of OE-14's lists, and the fees of TP-12's list that are commission or settlement
    // fees: listing them only in `fees` escapes nothing either.
    let listed: usize = ["commission_rates", "payment_settlement_rates"]
        .iter()
        .map(|m| fee_schedule.and_then(|d| d.pointer(&format!("/content/{m}"))).and_then(Value::as_array).map_or(0, Vec::len))
        .sum();
    let fees = fee_schedule
        .and_then(|d| d.pointer("/content/fees"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|f| matches!(f.get("kind").and_then(Value::as_str), Some("commission" | "payment-settlement")))
        .count();
    let rates = listed + fees;
    if rates > 0 && !discovery.declares_capability("commission_fees") {
        problems.push(msg!("capabilities-commission-fees-undeclared", rates = rates));
    }
    match joined(problems) {
        None => Ok(()),
        Some(problems) => Err(Finding::fail(msg!("capabilities-disclosed-undeclared", problems = problems))),
    }
}

/// How to change a declared test record: `PATCH` on `url` (`{id}` replaced) with `body`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeOperation {
    /// URL template with `{id}`.
    pub url: String,
    /// The JSON change.
    pub body: Value,
}

/// How to create a test record: `POST` of `body` to `url`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateOperation {
    /// The collection.
    pub url: String,
    /// The record to create.
    pub body: Value,
}

/// How to delete a test record the harness created: `DELETE` on `url` (`{id}` replaced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeleteOperation {
    /// URL template with `{id}`.
    pub url: String,
}

/// Writable test records of one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityResources {
    /// IDs of existing test records the harness may change.
    pub records: Vec<String>,
    /// How to change one.
    pub change: ChangeOperation,
    /// How to create one.
    pub create: CreateOperation,
    /// How to delete one the harness created (CM-14), if declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<DeleteOperation>,
}

impl EntityResources {
    /// The change URL for record `id` (the ID percent-encoded as a path segment).
    pub fn change_url(&self, id: &str) -> String {
        let encoded: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
        self.change.url.replace("{id}", &encoded.replace('+', "%20"))
    }

    /// The delete URL for record `id` (the ID percent-encoded as a path segment), or an `error`
    /// naming the missing declaration (CM-14).
    pub fn delete_url(&self, id: &str) -> Result<String, Finding> {
        let delete = self.delete.as_ref().ok_or_else(|| {
            Finding::error(msg!("capabilities-no-delete"))
        })?;
        let encoded: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
        Ok(delete.url.replace("{id}", &encoded.replace('+', "%20")))
    }
}

/// A sandbox item a checkout may buy at every run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SandboxItem {
    /// The item's product ID.
    pub product_id: String,
    /// Quantity to order.
    pub quantity: u32,
}

/// Sandbox checkout items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckoutResources {
    /// The items, in the platform's order.
    pub items: Vec<SandboxItem>,
}

/// The declaration `capabilities.test_resources` (`test-resources.schema.json`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TestResources {
    /// Writable test records per entity.
    #[serde(default)]
    pub entities: BTreeMap<String, EntityResources>,
    /// Sandbox checkout items.
    #[serde(default)]
    pub checkout: Option<CheckoutResources>,
    /// Sandbox paid placements (transparency TP-05): `None` when not declared, an empty list when
    /// the platform declares that it sells none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsored_placements: Option<Vec<SponsoredPlacement>>,
}

/// A sandbox paid placement: a search for `query` lists `product_id` as a paid placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SponsoredPlacement {
    /// The search query.
    pub query: String,
    /// The product placed for it.
    pub product_id: String,
}

/// Reads `capabilities.test_resources`. A missing or unusable declaration is an `error`: the
/// harness lacks a test resource (OPIS §10.1) and writes nowhere else (OPIS §5.1).
pub fn test_resources(capabilities: &Value) -> Result<TestResources, Finding> {
    let Some(declared) = capabilities.get("test_resources") else {
        return Err(Finding::error(msg!("capabilities-no-test-resources")));
    };
    SchemaSet::embedded()
        .check("test-resources.schema.json", declared, msg!("capabilities-the-test-resources"))
        .map_err(|f| Finding::error(msg!("capabilities-test-resources-unusable", detail = f.text)))?;
    serde_json::from_value(declared.clone()).map_err(|e| Finding::error(msg!("capabilities-test-resources-unreadable", error = e.to_string())))
}

impl TestResources {
    /// The first entity with writable test records (CM-03), or an `error` naming the missing
    /// declaration.
    pub fn writable_entity(&self) -> Result<(&str, &EntityResources), Finding> {
        self.entities.iter().next().map(|(n, e)| (n.as_str(), e)).ok_or_else(|| {
            Finding::error(msg!("capabilities-no-writable-record"))
        })
    }

    /// The first sandbox checkout item (AI-11, AI-12), or an `error` naming the missing
    /// declaration.
    pub fn sandbox_item(&self) -> Result<&SandboxItem, Finding> {
        self.checkout.as_ref().and_then(|c| c.items.first()).ok_or_else(|| {
            Finding::error(msg!("capabilities-no-sandbox-item"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn discovery(capabilities: Value, endpoints: Value) -> Discovery {
        let mut e = json!({ "api_base": "https://p.example/api/v1", "openapi": "https://p.example/openapi.json" });
        e.as_object_mut().unwrap().extend(endpoints.as_object().unwrap().clone());
        Discovery::parse(&json!({
            "opis_version": "0.1.0",
            "platform": { "name": "P", "homepage": "https://p.example/" },
            "profiles": ["cloud-migration"],
            "endpoints": e,
            "capabilities": capabilities,
        }))
        .unwrap()
    }

    fn openapi(paths: Value) -> Value {
        json!({ "openapi": "3.1.0", "info": { "title": "t", "version": "1" }, "servers": [{ "url": "https://p.example" }], "paths": paths })
    }

    fn url() -> Url {
        Url::parse("https://p.example/openapi.json").unwrap()
    }

    #[test]
    fn spec_marks_the_capability_operations() {
        let ops = spec_operations();
        assert!(ops.iter().any(|o| o.capability == "messaging" && o.method == "post" && o.path == "/messages" && o.under_api_base));
        assert!(ops.iter().any(|o| o.capability == "checkout" && o.operation_id == "checkout"));
        assert!(!ops.iter().any(|o| o.operation_id == "createExport"));
    }

    #[test]
    fn undeclared_operations_are_found_by_path_or_operation_id() {
        let d = discovery(json!({}), json!({}));
        let by_path = openapi(json!({ "/api/v1/checkout": { "post": { "operationId": "buy" } } }));
        let e = check_declared_or_absent(&d, &by_path, &url()).unwrap_err();
        assert!(e.message.contains("`checkout`"), "{}", e.message);
        let by_id = openapi(json!({ "/v2/chat": { "post": { "operationId": "postMessage" } } }));
        assert!(check_declared_or_absent(&d, &by_id, &url()).unwrap_err().message.contains("messaging"));
        let other_params = openapi(json!({ "/api/v1/messages/{messageId}": { "get": {} } }));
        assert!(check_declared_or_absent(&d, &other_params, &url()).is_err());
        let clean = openapi(json!({ "/api/v1/exports": { "post": { "operationId": "createExport" } } }));
        assert!(check_declared_or_absent(&d, &clean, &url()).is_ok());
    }

    #[test]
    fn declared_capabilities_and_their_endpoints_pass() {
        let d = discovery(json!({ "messaging": true }), json!({ "messages": "https://p.example/api/v1/messages" }));
        let doc = openapi(json!({ "/api/v1/messages": { "post": { "operationId": "postMessage" } } }));
        assert!(check_declared_or_absent(&d, &doc, &url()).is_ok());
        let undeclared = discovery(json!({ "messaging": false }), json!({ "messages": "https://p.example/api/v1/messages" }));
        assert!(check_declared_or_absent(&undeclared, &openapi(json!({})), &url()).unwrap_err().message.contains("endpoint `messages`"));
    }

    #[test]
    fn test_resources_are_required_and_read() {
        assert_eq!(test_resources(&json!({})).unwrap_err().kind, hutong_model::FindingKind::Error);
        let declared = json!({ "test_resources": {
            "entities": { "volumes": {
                "records": ["vol 1"],
                "change": { "url": "https://p.example/api/v1/volumes/{id}/changes", "body": { "size_gib": 20 } },
                "create": { "url": "https://p.example/api/v1/volumes", "body": { "name": "t" } }
            } },
            "checkout": { "items": [{ "product_id": "sku-test", "quantity": 1 }] }
        } });
        let t = test_resources(&declared).unwrap();
        let (name, e) = t.writable_entity().unwrap();
        assert_eq!(name, "volumes");
        assert_eq!(e.change_url("vol 1"), "https://p.example/api/v1/volumes/vol%201/changes");
        assert_eq!(t.sandbox_item().unwrap().product_id, "sku-test");
        let empty = test_resources(&json!({ "test_resources": {} })).unwrap();
        assert!(empty.writable_entity().is_err() && empty.sandbox_item().is_err());
        assert!(test_resources(&json!({ "test_resources": { "checkout": { "items": [] } } })).is_err());
    }
}
