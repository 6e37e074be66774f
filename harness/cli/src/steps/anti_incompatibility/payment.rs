//! AI-11, AI-12, AI-13: payment neutrality and merchant terms without exclusivity.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::payment::{compare_checkouts, parse_methods, check_no_exclusivity};
use hutong_model::Finding;
use serde_json::{json, Value};

#[given("the declared payment methods and a product to buy")]
async fn methods_and_product(w: &mut PlatformWorld) {
    let url = w.endpoint("payment_methods");
    let request = w.request(http::Method::GET, url.as_str()).label("payment methods");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, "the declared payment methods").or_raise();
    let methods = parse_methods(&hutong_checks::json_body(&response, "the declared payment methods").or_raise()).or_raise();
    if !methods.iter().any(|m| m.own) {
        raise(Finding::not_applicable("the platform declares no payment method of its own: nothing to compare third-party methods with"));
    }
    if !methods.iter().any(|m| !m.own) {
        raise(Finding::fail("the platform declares no third-party payment method: buyers can pay only with the platform's own"));
    }
    // A precondition: any product the catalogue lists.
    let url = w.endpoint("products");
    let request = w.request(http::Method::GET, url.as_str()).query(&[("limit", "1")]).label("a product to buy");
    let response = w.send(request).await;
    let product = response
        .json_value()
        .ok()
        .and_then(|b| b["items"][0]["id"].as_str().map(str::to_string))
        .unwrap_or_else(|| raise(Finding::error("the product list gave no product to check out")));
    w.scratch.insert("payment_methods", json!(methods.iter().map(|m| json!({ "id": m.id, "own": m.own })).collect::<Vec<_>>()));
    w.scratch.insert("checkout_product", Value::String(product));
}

#[when("the client checks the product out once with each declared payment method")]
async fn checkout_with_each(w: &mut PlatformWorld) {
    let url = w.endpoint("checkout");
    let product = w.scratch("checkout_product").clone();
    let methods = w.scratch("payment_methods").as_array().cloned().unwrap_or_default();
    let mut results = Vec::new();
    for m in &methods {
        let id = m["id"].as_str().unwrap_or_default();
        let body = json!({ "product_id": product, "quantity": 1, "payment_method": id });
        let request = w.request(http::Method::POST, url.as_str()).json(&body).label(format!("checkout with {id}"));
        let response = w.send(request).await;
        let order = response.json_value().unwrap_or(Value::Null);
        let accepted = response.status == 201 || response.status == 200;
        let refusal = (!accepted).then(|| {
            let detail = order.get("detail").and_then(Value::as_str).map(|d| format!(": {}", hutong_model::sanitize_line(d, 160))).unwrap_or_default();
            format!("HTTP {}{detail}", response.status)
        });
        results.push(json!({ "method": id, "own": m["own"], "refusal": refusal, "order": order }));
    }
    w.scratch.insert("checkouts", json!(results));
}

#[then("every declared payment method is accepted")]
fn every_method_accepted(w: &mut PlatformWorld) {
    let refused = w.scratch_entries_with("checkouts", "refusal", |r, p| format!("{} refused with {p}", r["method"].as_str().unwrap_or_default()));
    if !refused.is_empty() {
        raise(Finding::fail(format!("checkout does not offer every declared payment method: {}", refused.join("; "))));
    }
}

#[then("every accepted third-party checkout has the same price and flow as the platform's own")]
fn same_price_and_flow(w: &mut PlatformWorld) {
    let checkouts = w.scratch("checkouts").as_array().cloned().unwrap_or_default();
    let Some(own) = checkouts.iter().find(|c| c["own"] == json!(true) && c["refusal"].is_null()) else {
        raise(Finding::error("the checkout with the platform's own payment method was refused: no baseline to compare with"));
    };
    let differing: Vec<String> = checkouts
        .iter()
        .filter(|c| c["own"] == json!(false) && c["refusal"].is_null())
        .filter_map(|c| compare_checkouts(&own["order"], &c["order"]).map(|d| format!("{} {d}", c["method"].as_str().unwrap_or_default())))
        .collect();
    if !differing.is_empty() {
        raise(Finding::fail(format!(
            "third-party payment methods are treated differently from the platform's own ({}): {}",
            own["method"].as_str().unwrap_or_default(),
            differing.join("; ")
        )));
    }
}

#[when("the harness fetches the merchant terms declared in discovery")]
async fn fetch_terms(w: &mut PlatformWorld) {
    let url = w.endpoint("merchant_terms");
    let request = w.ctx().http.get(url.as_str()).label("merchant terms");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, "the merchant terms").or_raise();
}

#[then("the merchant terms require no exclusivity")]
fn no_exclusivity(w: &mut PlatformWorld) {
    let terms = hutong_checks::json_body(w.last(), "the merchant terms").or_raise();
    check_no_exclusivity(&terms).or_raise();
}
