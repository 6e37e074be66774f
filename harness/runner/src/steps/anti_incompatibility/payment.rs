//! AI-11, AI-12, AI-13, AI-18, AI-19: payment neutrality and merchant terms without exclusivity,
//! price parity or a ranking penalty for trading elsewhere. Checkouts buy
//! only the sandbox item the platform declares (`capabilities.test_resources.checkout`, OPIS §6.6).

use super::message_in;
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::capabilities::test_resources;
use hutong_checks::payment::{
    check_default_method, check_method_kinds, check_no_enrolment, check_no_exclusivity, compare_checkouts,
    compare_next_actions_by_method, parse_methods, NextActionOpened, PaymentMethod, OWN_METHOD_CAPABILITY,
};
use hutong_model::{joined, msg, Finding, Message};
use serde_json::{json, Value};

#[given("the declared payment methods and a declared sandbox item to buy")]
async fn methods_and_sandbox_item(w: &mut PlatformWorld) {
    // The harness buys only a sandbox item the platform declares (OPIS §5.1, §6.6): never the
    // first listed product, whose stock and price other scenarios or real buyers may change.
    let resources = test_resources(&w.discovery().capabilities).or_raise();
    let item = resources.sandbox_item().or_raise().clone();
    let url = w.endpoint("payment_methods");
    let request = w.request(http::Method::GET, url.as_str()).label("payment methods");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-payment-declared-methods")).or_raise();
    let methods = parse_methods(&hutong_checks::json_body(&response, msg!("steps-ai-payment-declared-methods")).or_raise()).or_raise();
    if !methods.iter().any(|m| !m.own) {
        raise(Finding::fail(msg!("steps-ai-payment-no-third-party")));
    }
    w.ai.payment_methods = Some(json!(methods.iter().map(|m| json!({ "id": m.id, "own": m.own, "kind": m.kind })).collect::<Vec<_>>()));
    w.ai.checkout_item = Some(json!({ "product_id": item.product_id, "quantity": item.quantity }));
}

#[when("the client checks the sandbox item out once with each declared payment method")]
async fn checkout_with_each(w: &mut PlatformWorld) {
    let url = w.endpoint("checkout");
    let item = earlier!(w.ai.checkout_item).clone();
    let methods = earlier!(w.ai.payment_methods).as_array().cloned().unwrap_or_default();
    let mut results = Vec::new();
    for m in &methods {
        let id = m["id"].as_str().unwrap_or_default();
        let body = json!({ "product_id": item["product_id"], "quantity": item["quantity"], "payment_method": id });
        let request = w.request(http::Method::POST, url.as_str()).json(&body).label(format!("checkout with {id}"));
        let response = w.send(request).await;
        let order = response.json_value().unwrap_or(Value::Null);
        let accepted = response.status == 201 || response.status == 200;
        let refusal: Option<Message> = (!accepted).then(|| match order.get("detail").and_then(Value::as_str) {
            Some(d) => msg!("steps-ai-payment-refusal-detail", status = response.status, detail = hutong_model::sanitize_line(d, 160)),
            None => msg!("steps-ai-payment-refusal", status = response.status),
        });
        results.push(json!({ "method": id, "own": m["own"], "refusal": refusal, "order": order }));
    }
    if !results.is_empty() && results.iter().all(|r| !r["refusal"].is_null()) {
        // Not one method could buy the declared sandbox item: the test resource is unusable,
        // which says nothing about payment neutrality (OPIS §10.1).
        raise(Finding::error(msg!(
            "steps-ai-payment-sandbox-unpurchasable",
            item = hutong_model::sanitize_line(&item["product_id"].to_string(), 80),
            refusal = message_in(&results[0]["refusal"]).unwrap_or_else(|| Message::verbatim(String::new()))
        )));
    }
    w.ai.checkouts = Some(json!(results));
}

#[then("every declared payment method is accepted")]
fn every_method_accepted(w: &mut PlatformWorld) {
    let flagged = own_methods(w);
    if !flagged.is_empty() && !w.discovery().declares_capability(OWN_METHOD_CAPABILITY) {
        raise(Finding::fail(msg!("steps-ai-payment-own-flag-undeclared", methods = flagged.join(", "), capability = OWN_METHOD_CAPABILITY)));
    }
    let checkouts = earlier!(w.ai.checkouts).as_array().cloned().unwrap_or_default();
    let refused = checkouts
        .iter()
        .filter_map(|r| Some(msg!("steps-ai-payment-method-refused", method = r["method"].as_str().unwrap_or_default(), refusal = message_in(&r["refusal"])?)));
    if let Some(refused) = joined(refused) {
        raise(Finding::fail(msg!("steps-ai-payment-not-every-method", refusals = refused)));
    }
}

#[then("every accepted third-party checkout has the same price and flow as the platform's own")]
fn same_price_and_flow(w: &mut PlatformWorld) {
    // Runs only when discovery declares an own payment method (the registry's `conditional_on`):
    // then a method flagged `own` is the baseline, and its absence is no pass.
    if own_methods(w).is_empty() {
        raise(Finding::fail(msg!("steps-ai-payment-no-own-flag", capability = OWN_METHOD_CAPABILITY)));
    }
    let checkouts = earlier!(w.ai.checkouts).as_array().cloned().unwrap_or_default();
    let Some(own) = checkouts.iter().find(|c| c["own"] == json!(true) && c["refusal"].is_null()) else {
        raise(Finding::error(msg!("steps-ai-payment-own-refused")));
    };
    let differing = checkouts
        .iter()
        .filter(|c| c["own"] == json!(false) && c["refusal"].is_null())
        .filter_map(|c| compare_checkouts(&own["order"], &c["order"]).map(|d| msg!("steps-ai-payment-method-difference", method = c["method"].as_str().unwrap_or_default(), difference = d)));
    if let Some(differing) = joined(differing) {
        raise(Finding::fail(msg!("steps-ai-payment-treated-differently", own = own["method"].as_str().unwrap_or_default(), differences = differing)));
    }
}

#[when("the client opens the next action of every accepted checkout")]
async fn open_next_actions(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let base = w.endpoint("checkout");
    let mut checkouts = earlier!(w.ai.checkouts).as_array().cloned().unwrap_or_default();
    for c in checkouts.iter_mut().filter(|c| c["refusal"].is_null()) {
        let label = format!("next action of the checkout with {}", c["method"].as_str().unwrap_or_default());
        let first = w.rec.len();
        let opened = crate::steps::common::open_next_action(&ctx, &w.rec, &base, &c["order"], label).await;
        c["next_action_opened"] = json!(opened);
        c["next_action_exchanges"] = json!((first..w.rec.len()).collect::<Vec<_>>());
    }
    w.ai.checkouts = Some(json!(checkouts));
}

#[then("every third-party method's next action leads on to the payment as the platform's own does")]
fn next_actions_lead_on(w: &mut PlatformWorld) {
    let checkouts = earlier!(w.ai.checkouts).as_array().cloned().unwrap_or_default();
    let opened = |c: &Value| serde_json::from_value::<Option<NextActionOpened>>(c["next_action_opened"].clone()).ok().flatten();
    let Some(own) = checkouts.iter().find(|c| c["own"] == json!(true) && c["refusal"].is_null()) else {
        raise(Finding::error(msg!("steps-ai-payment-own-refused")));
    };
    // Whether a next action is named at all is part of the order, compared above.
    let Some(own_opened) = opened(own) else { return };
    let mut differing = Vec::new();
    let mut exchanges = Vec::new();
    for c in checkouts.iter().filter(|c| c["own"] == json!(false) && c["refusal"].is_null()) {
        let Some(theirs) = opened(c) else { continue };
        if let Some(d) = compare_next_actions_by_method(&own_opened, &theirs) {
            differing.push(msg!("steps-ai-payment-next-action-difference", method = c["method"].as_str().unwrap_or_default(), difference = d));
            exchanges.extend(c["next_action_exchanges"].as_array().into_iter().flatten().filter_map(Value::as_u64).map(|i| i as usize));
        }
    }
    if let Some(differing) = joined(differing) {
        exchanges.extend(own["next_action_exchanges"].as_array().into_iter().flatten().filter_map(Value::as_u64).map(|i| i as usize));
        raise(
            Finding::fail(msg!("steps-ai-payment-next-action-differs", own = own["method"].as_str().unwrap_or_default(), differences = differing))
                .with_exchanges(exchanges),
        );
    }
}

/// The IDs of the declared payment methods flagged `own`.
fn own_methods(w: &PlatformWorld) -> Vec<String> {
    earlier!(w.ai.payment_methods).as_array().into_iter().flatten().filter(|m| m["own"] == json!(true)).filter_map(|m| m["id"].as_str().map(str::to_string)).collect()
}

#[when("the harness fetches the merchant terms declared in discovery")]
async fn fetch_terms(w: &mut PlatformWorld) {
    let url = w.endpoint("merchant_terms");
    let request = w.ctx().http.get(url.as_str()).label("merchant terms");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-payment-merchant-terms")).or_raise();
}

#[then("the merchant terms require no exclusivity")]
fn no_exclusivity(w: &mut PlatformWorld) {
    let terms = hutong_checks::json_body(w.last(), msg!("steps-ai-payment-merchant-terms")).or_raise();
    check_no_exclusivity(&terms).or_raise();
}

// --- AI-17: no default or required credit product ---------------------------------------------

/// The declared payment methods stored by the Given step, as the checks read them.
fn declared_methods(w: &PlatformWorld) -> Vec<PaymentMethod> {
    earlier!(w.ai.payment_methods)
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| PaymentMethod {
            id: m["id"].as_str().unwrap_or_default().to_string(),
            own: m["own"] == json!(true),
            kind: m["kind"].as_str().map(str::to_string),
        })
        .collect()
}

#[when("the client checks the sandbox item out without a payment method")]
async fn checkout_without_method(w: &mut PlatformWorld) {
    let url = w.endpoint("checkout");
    let item = earlier!(w.ai.checkout_item).clone();
    let body = json!({ "product_id": item["product_id"], "quantity": item["quantity"] });
    let request = w.request(http::Method::POST, url.as_str()).json(&body).label("checkout without a payment method");
    let response = w.send(request).await;
    let answer = response.json_value().unwrap_or(Value::Null);
    w.ai.default_checkout = Some(json!({ "status": response.status, "answer": answer, "exchange": response.exchange }));
}

#[then("every declared payment method states its kind")]
fn methods_state_kind(w: &mut PlatformWorld) {
    check_method_kinds(&declared_methods(w)).or_raise();
}

#[then("the checkout without a payment method is refused or paid with a method that is not a financial product")]
fn default_not_financial(w: &mut PlatformWorld) {
    let sent = earlier!(w.ai.default_checkout).clone();
    let status = sent["status"].as_u64().unwrap_or_default() as u16;
    let exchange = sent["exchange"].as_u64().map(|i| i as usize);
    check_default_method(status, &sent["answer"], &declared_methods(w)).map_err(|f| f.with_exchanges(exchange)).or_raise();
}

#[then("no checkout with a method that is not a financial product requires one")]
fn no_enrolment_required(w: &mut PlatformWorld) {
    let methods = declared_methods(w);
    let checkouts = earlier!(w.ai.checkouts).as_array().cloned().unwrap_or_default();
    let problems: Vec<Message> = checkouts
        .iter()
        // Refusals are AI-11's to judge; financial products may of course involve themselves.
        .filter(|c| c["refusal"].is_null())
        .filter_map(|c| {
            let id = c["method"].as_str().unwrap_or_default();
            let method = methods.iter().find(|m| m.id == id)?;
            (!method.is_financial()).then(|| check_no_enrolment(id, &c["order"], &methods).err().map(|f| f.text)).flatten()
        })
        .collect();
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(problems));
    }
}

#[then("the merchant terms require no price parity")]
fn no_price_parity(w: &mut PlatformWorld) {
    let terms = hutong_checks::json_body(w.last(), msg!("steps-ai-payment-merchant-terms")).or_raise();
    hutong_checks::payment::check_no_price_parity(&terms).or_raise();
}

#[then("the merchant terms declare no ranking penalty for selling elsewhere or paying outside, and the ranking rules they point to answer")]
async fn no_ranking_penalty(w: &mut PlatformWorld) {
    let terms = hutong_checks::json_body(w.last(), msg!("steps-ai-payment-merchant-terms")).or_raise();
    let rules_url = hutong_checks::payment::check_ranking_declaration(&terms).or_raise();
    let parsed = url::Url::parse(&rules_url).map_err(|e| Finding::error(msg!("steps-ai-payment-rules-url-invalid", error = e.to_string()))).or_raise();
    let ctx = w.ctx();
    if let Err(f) = crate::runner::world::check_on_platform(&ctx, &parsed, msg!("steps-ai-payment-ranking-rules-url")) {
        raise(Finding::fail(f.text));
    }
    let request = ctx.http.get(&rules_url).label("the ranking rules");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-payment-ranking-rules")).or_raise();
}
