//! OE-15: one uniform rule over a write path — the same order (the declared sandbox item, OPIS
//! §6.6) checked out by every client of the uniform-rule comparison, with every declared payment
//! method, gets the same answer and the same next action.

use super::uniform::{clients, rng};
use super::{registered_role, role_text};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::capabilities::test_resources;
use hutong_checks::differential::check_volatile_fields;
use hutong_checks::payment::{compare_next_actions_by_client, comparable_order, order_differences, parse_methods, without_order_id, NextActionOpened};
use hutong_model::{joined, msg, Finding, Message};
use rand::seq::SliceRandom;
use serde_json::{json, Value};

/// A precondition that cannot be set up is an `error` here (the payment methods are AI-11's).
fn precondition(f: Finding) -> Finding {
    Finding::error(msg!("steps-oe-uniform-checkout-precondition", problem = f.text))
}

#[given("a third party registered with the metadata of a well-known app joins the comparison")]
async fn competitor_joins(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let Some(rival) = ctx.persona.competitor_registration(&ctx.corpus.apps, &ctx.corpus.domains) else {
        w.note_limitation(msg!("steps-oe-uniform-checkout-no-well-known-app"));
        return;
    };
    // The app's name, without the metadata in full.
    let who = match rival.looks_like.args.get("app") {
        Some(hutong_model::Arg::Text(app)) => msg!("steps-oe-uniform-checkout-app-metadata", app = app.clone()),
        _ => rival.looks_like.clone(),
    };
    // Registration is OE-02's to judge; here a refused one only narrows the comparison.
    let outcome = match crate::oauth::metadata(&ctx, &w.rec).await {
        Ok(metadata) => crate::oauth::register_as(&ctx, &w.rec, &metadata, &rival).await.0,
        Err(f) => Err(f),
    };
    match outcome {
        Ok(token) => {
            let mut clients = earlier!(w.oe.clients).as_array().cloned().unwrap_or_default();
            let role_text = registered_role(who);
            clients.push(json!({ "role": role_text.en(), "role_text": role_text, "token": token }));
            w.oe.clients = Some(json!(clients));
        }
        Err(f) => w.note_limitation(msg!("steps-oe-uniform-checkout-not-registered", app = who, problem = f.text)),
    }
}

#[given("the payment methods and the first declared sandbox item")]
async fn methods_and_item(w: &mut PlatformWorld) {
    let item = test_resources(&w.discovery().capabilities).and_then(|r| r.sandbox_item().cloned()).map_err(precondition).or_raise();
    let url = w.endpoint("payment_methods");
    let request = w.request(http::Method::GET, url.as_str()).label("payment methods");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-oe-uniform-checkout-declared-methods")).map_err(precondition).or_raise();
    let body = hutong_checks::json_body(&response, msg!("steps-oe-uniform-checkout-declared-methods")).map_err(precondition).or_raise();
    let methods = parse_methods(&body).map_err(precondition).or_raise();
    if methods.is_empty() {
        raise(Finding::error(msg!("steps-oe-uniform-checkout-no-methods")));
    }
    w.oe.payment_methods = Some(methods.iter().map(|m| m.id.clone()).collect::<Vec<_>>());
    w.oe.checkout_item = Some(json!({ "product_id": item.product_id, "quantity": item.quantity }));
}

#[when("every client checks the sandbox item out once with each declared payment method, interleaved")]
async fn every_client_checks_out(w: &mut PlatformWorld) {
    let url = w.endpoint("checkout");
    let item = earlier!(w.oe.checkout_item).clone();
    let mut methods = earlier!(w.oe.payment_methods).clone();
    let clients = clients(w);
    let volatile = w.ctx().discovery.volatile_fields();
    let mut r = rng(w, "uniform-checkout");
    methods.shuffle(&mut r);
    let mut orders = Vec::new();
    // Method by method, the clients in a fresh random order each time (OPIS §8.1).
    for method in &methods {
        let mut order: Vec<usize> = (0..clients.len()).collect();
        order.shuffle(&mut r);
        for c in order {
            let (role, token) = &clients[c];
            let body = json!({ "product_id": item["product_id"], "quantity": item["quantity"], "payment_method": method });
            let request = w.ctx().http.post(url.as_str()).bearer(token).json(&body).label(format!("checkout with {method} as {role}"));
            let response = request.send(&w.rec).await.or_raise();
            let answer = response.json_value().ok();
            let id = answer.as_ref().and_then(|a| a.get("id")).and_then(Value::as_str).map(str::to_string);
            let compared = match &answer {
                Some(a) => {
                    check_volatile_fields(&volatile, [a]).or_raise();
                    comparable_order(a, &volatile)
                }
                None => json!({ "non-json-bytes": response.body.len() }),
            };
            orders.push(json!({
                "method": method, "client": c, "role": role,
                "status": response.status,
                "body": compared,
                "location": response.header("location").map(|l| without_order_id(l, id.as_deref())),
                "order": answer,
                "exchanges": [response.exchange],
            }));
        }
    }
    if !orders.iter().any(|o| o["status"].as_u64().is_some_and(|s| (200..300).contains(&s))) {
        // Not one order was taken: the sandbox item is unusable, which says nothing about how
        // clients are treated (OPIS §10.1).
        raise(Finding::error(msg!("steps-oe-uniform-checkout-unpurchasable", item = hutong_model::sanitize_line(&item["product_id"].to_string(), 80))));
    }
    w.oe.client_orders = Some(json!(orders));
}

#[when("every client opens the next action of each of its orders")]
async fn every_client_opens_next_actions(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let base = w.endpoint("checkout");
    let mut orders = earlier!(w.oe.client_orders).as_array().cloned().unwrap_or_default();
    for o in orders.iter_mut().filter(|o| o["order"].is_object()) {
        let label = format!("next action of the checkout with {} as {}", o["method"].as_str().unwrap_or_default(), o["role"].as_str().unwrap_or_default());
        let first = w.rec.len();
        let opened = crate::steps::common::open_next_action(&ctx, &w.rec, &base, &o["order"], label).await;
        o["next_action_opened"] = json!(opened);
        let shown: Vec<usize> = (first..w.rec.len()).collect();
        if let Some(list) = o["exchanges"].as_array_mut() {
            list.extend(shown.into_iter().map(|i| json!(i)));
        }
    }
    w.oe.client_orders = Some(json!(orders));
}

/// The client every other is compared with: the affiliated client when the target supplies it
/// (the platform's own treatment is the baseline), else the first.
fn baseline(w: &PlatformWorld) -> usize {
    clients(w).iter().position(|(role, _)| role == "affiliated").unwrap_or(0)
}

/// For every payment method, each client's order against the baseline client's, by `differs`;
/// raises a `fail` naming every difference (method, client, what differs).
fn compare_per_method(w: &PlatformWorld, what: Message, differs: impl Fn(&Value, &Value) -> Option<Message>) {
    let orders = earlier!(w.oe.client_orders).as_array().cloned().unwrap_or_default();
    let base = baseline(w);
    let mut differences = Vec::new();
    let mut exchanges = Vec::new();
    for method in earlier!(w.oe.payment_methods).clone() {
        let of_method: Vec<&Value> = orders.iter().filter(|o| o["method"] == json!(method)).collect();
        let Some(reference) = of_method.iter().find(|o| o["client"] == json!(base)) else { continue };
        for other in of_method.iter().filter(|o| o["client"] != json!(base)) {
            if let Some(d) = differs(reference, other) {
                differences.push(msg!(
                    "steps-oe-uniform-checkout-difference",
                    method = method.clone(),
                    role = role_text(w, other["role"].as_str().unwrap_or_default()),
                    difference = d,
                    other_role = role_text(w, reference["role"].as_str().unwrap_or_default())
                ));
                for o in [reference, other] {
                    exchanges.extend(o["exchanges"].as_array().into_iter().flatten().filter_map(Value::as_u64).map(|i| i as usize));
                }
            }
        }
    }
    let count = differences.len();
    let more = (count > 6).then(|| msg!("steps-oe-uniform-checkout-more"));
    if let Some(shown) = joined(differences.into_iter().take(6).chain(more)) {
        raise(Finding::fail(msg!("steps-oe-uniform-checkout-differences", what = what, count = count, differences = shown)).with_exchanges(exchanges));
    }
}

use hutong_model::comma_listed as listed;

#[then("every client gets the same order, with the same total, fees and steps, for each payment method")]
fn same_orders(w: &mut PlatformWorld) {
    compare_per_method(w, msg!("steps-oe-uniform-checkout-different-terms"), |a, b| {
        if a["status"] != b["status"] {
            Some(msg!("steps-oe-uniform-checkout-status-differs", status = b["status"].to_string(), other_status = a["status"].to_string()))
        } else if let Some(d) = listed(order_differences(&b["body"], &a["body"])) {
            Some(msg!("steps-oe-uniform-checkout-differs-at", members = d))
        } else if a["location"] != b["location"] {
            Some(msg!("steps-oe-uniform-checkout-located-at", location = b["location"].to_string(), other_location = a["location"].to_string()))
        } else {
            None
        }
    });
}

#[then("every client gets the same answer when opening the next action")]
fn same_next_actions(w: &mut PlatformWorld) {
    let opened = |o: &Value| serde_json::from_value::<Option<NextActionOpened>>(o["next_action_opened"].clone()).ok().flatten();
    compare_per_method(w, msg!("steps-oe-uniform-checkout-next-action-differs"), |a, b| match (opened(a), opened(b)) {
        (Some(x), Some(y)) => compare_next_actions_by_client(&x, &y),
        // Whether a next action is named at all is part of the order, compared above.
        _ => None,
    });
}
