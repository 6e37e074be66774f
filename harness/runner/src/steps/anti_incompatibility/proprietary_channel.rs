//! AI-07: every interop operation works over plain HTTP(S) with a standard bearer token.
//!
//! The harness is itself the proof: its requests carry only standard headers (`Authorization:
//! Bearer`, `Accept`, `User-Agent`) and no SDK header, signature or device binding.

use super::message_in;
use crate::runner::world::{raise, PlatformWorld};
use cucumber::{then, when};
use hutong_model::{joined, msg, Finding, Message};
use serde_json::{json, Value};

/// Declared endpoints that are collections read with `GET` (their first item is read too).
const COLLECTION_ENDPOINTS: &[&str] = &["merchants", "products"];

/// Declared endpoints read with a plain `GET`: the API root every platform declares, so that
/// AI-07 depends on no optional capability, and those of the capabilities declared.
const READ_ENDPOINTS: &[&str] = &["api_base", "payment_methods", "merchant_terms"];

/// What a plain call of `url` gave: its status, `None` on success, else the problem, and the body.
async fn call(w: &mut PlatformWorld, url: &str, label: &str) -> (u16, Option<Message>, Value) {
    call_with(w, http::Method::GET, url, None, label).await
}

/// Like [`call`], with a method and an optional JSON body.
async fn call_with(w: &mut PlatformWorld, method: http::Method, url: &str, body: Option<Value>, label: &str) -> (u16, Option<Message>, Value) {
    let mut request = w.request(method, url).header("accept", "application/json").label(label.to_string());
    if let Some(b) = body {
        request = request.json(&b);
    }
    let response = w.send(request).await;
    let body = response.json_value().unwrap_or(Value::Null);
    if (200..300).contains(&response.status) {
        (response.status, None, body)
    } else {
        let problem = match body.get("detail").and_then(Value::as_str) {
            Some(d) => msg!("steps-ai-proprietary-channel-status-detail", status = response.status, detail = hutong_model::sanitize_line(d, 160)),
            None => msg!("steps-ai-proprietary-channel-status", status = response.status),
        };
        (response.status, Some(problem), body)
    }
}

#[when("the client calls every declared read operation, one item of each collection and the messaging operation with only a bearer token")]
async fn call_every_operation(w: &mut PlatformWorld) {
    let discovery = w.discovery();
    let mut results = Vec::new();
    for name in COLLECTION_ENDPOINTS.iter().filter(|n| discovery.has_endpoint(n)) {
        let url = w.endpoint(name).to_string();
        let (_, problem, body) = call(w, &url, &format!("list {name}")).await;
        results.push(json!({ "operation": format!("GET {name}"), "problem": problem }));
        let first = body.get("items").and_then(Value::as_array).and_then(|a| a.first()).and_then(|i| i.get("id")).and_then(Value::as_str);
        if let Some(id) = first {
            let item = format!("{}/{}", url.trim_end_matches('/'), id);
            let (_, problem, _) = call(w, &item, &format!("read one of {name}")).await;
            results.push(json!({ "operation": format!("GET {name}/{{id}}"), "problem": problem }));
        }
    }
    for name in READ_ENDPOINTS.iter().filter(|n| discovery.has_endpoint(n)) {
        let url = w.endpoint(name).to_string();
        let (status, problem, _) = call(w, &url, &format!("read {name}")).await;
        // An API root that is missing altogether is CORE-02's finding, not a proprietary channel.
        if *name == "api_base" && status == 404 {
            continue;
        }
        results.push(json!({ "operation": format!("GET {name}"), "problem": problem }));
    }
    if discovery.has_endpoint("messages") {
        let url = w.endpoint("messages").to_string();
        let body = json!({ "text": "A plain message sent with a bearer token and standard headers only" });
        let (_, problem, _) = call_with(w, http::Method::POST, &url, Some(body), "send a message").await;
        results.push(json!({ "operation": "POST messages", "problem": problem }));
    }
    if results.is_empty() {
        raise(Finding::error(msg!("steps-ai-proprietary-channel-none-declared")));
    }
    w.ai.channel_results = Some(json!(results));
}

#[then("every operation answers with success")]
fn every_operation_succeeds(w: &mut PlatformWorld) {
    let results = earlier!(w.ai.channel_results).as_array().cloned().unwrap_or_default();
    let failing = results.iter().filter_map(|r| {
        Some(msg!("steps-ai-proprietary-channel-answered", operation = r["operation"].as_str().unwrap_or_default(), problem = message_in(&r["problem"])?))
    });
    if let Some(failing) = joined(failing) {
        raise(Finding::fail(msg!("steps-ai-proprietary-channel-refused", operations = failing)));
    }
}
