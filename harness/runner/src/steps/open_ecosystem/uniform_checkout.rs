//! OE-15: one uniform rule over a write path — the same order (the declared sandbox item, OPIS
//! §6.6) checked out by every client of the uniform-rule comparison, with every declared payment
//! method, gets the same answer and the same next action.

use super::uniform::{clients, rng};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::capabilities::test_resources;
use hutong_checks::differential::check_volatile_fields;
use hutong_checks::payment::{compare_next_actions_by_client, comparable_order, order_differences, parse_methods, without_order_id, NextActionOpened};
use hutong_model::Finding;
use rand::seq::SliceRandom;
use serde_json::{json, Value};

/// A precondition that cannot be set up is an `error` here (the payment methods are AI-11's).
fn precondition(f: Finding) -> Finding {
    Finding::error(format!("cannot set up the checkout comparison: {}", f.message))
}

#[given("a third party registered with the metadata of a well-known app joins the comparison")]
async fn competitor_joins(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let Some(rival) = ctx.persona.competitor_registration(&ctx.corpus.apps, &ctx.corpus.domains) else {
        w.note_limitation("no app of the app-identity corpus has a display_name, software_id and site: no client registered with a well-known app's metadata was compared");
        return;
    };
    let who = rival.looks_like.split(" (").next().unwrap_or_default().to_string();
    // Registration is OE-02's to judge; here a refused one only narrows the comparison.
    let outcome = match crate::oauth::metadata(&ctx, &w.rec).await {
        Ok(metadata) => crate::oauth::register_as(&ctx, &w.rec, &metadata, &rival).await.0,
        Err(f) => Err(f),
    };
    match outcome {
        Ok(token) => {
            let mut clients = earlier!(w.oe.clients).as_array().cloned().unwrap_or_default();
            clients.push(json!({ "role": format!("the client registered with {who}"), "token": token }));
            w.oe.clients = Some(json!(clients));
        }
        Err(f) => w.note_limitation(format!(
            "a client with {who} could not be registered ({}): its orders were not compared (OE-02 judges the registration)",
            hutong_model::sanitize_line(&f.message, 200)
        )),
    }
}

#[given("the payment methods and the first declared sandbox item")]
async fn methods_and_item(w: &mut PlatformWorld) {
    let item = test_resources(&w.discovery().capabilities).and_then(|r| r.sandbox_item().cloned()).map_err(precondition).or_raise();
    let url = w.endpoint("payment_methods");
    let request = w.request(http::Method::GET, url.as_str()).label("payment methods");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, "the declared payment methods").map_err(precondition).or_raise();
    let body = hutong_checks::json_body(&response, "the declared payment methods").map_err(precondition).or_raise();
    let methods = parse_methods(&body).map_err(precondition).or_raise();
    if methods.is_empty() {
        raise(Finding::error("the platform declares no payment method: there is no order to compare"));
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
        raise(Finding::error(format!(
            "the declared sandbox item {} could not be bought by any client with any declared payment method: a sandbox item must be purchasable at every run (OPIS §6.6)",
            hutong_model::sanitize_line(&item["product_id"].to_string(), 80)
        )));
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
fn compare_per_method(w: &PlatformWorld, what: &str, differs: impl Fn(&Value, &Value) -> Option<String>) {
    let orders = earlier!(w.oe.client_orders).as_array().cloned().unwrap_or_default();
    let base = baseline(w);
    let mut differences = Vec::new();
    let mut exchanges = Vec::new();
    for method in earlier!(w.oe.payment_methods).clone() {
        let of_method: Vec<&Value> = orders.iter().filter(|o| o["method"] == json!(method)).collect();
        let Some(reference) = of_method.iter().find(|o| o["client"] == json!(base)) else { continue };
        for other in of_method.iter().filter(|o| o["client"] != json!(base)) {
            if let Some(d) = differs(reference, other) {
                differences.push(format!(
                    "with {method}, the order of {} {d}, compared with {}'s",
                    other["role"].as_str().unwrap_or_default(),
                    reference["role"].as_str().unwrap_or_default()
                ));
                for o in [reference, other] {
                    exchanges.extend(o["exchanges"].as_array().into_iter().flatten().filter_map(Value::as_u64).map(|i| i as usize));
                }
            }
        }
    }
    if !differences.is_empty() {
        let shown: Vec<&String> = differences.iter().take(6).collect();
        raise(
            Finding::fail(format!(
                "{what} for {} order(s): {}{}",
                differences.len(),
                shown.iter().map(|d| d.as_str()).collect::<Vec<_>>().join("; "),
                if differences.len() > shown.len() { "; ..." } else { "" }
            ))
            .with_exchanges(exchanges),
        );
    }
}

#[then("every client gets the same order, with the same total, fees and steps, for each payment method")]
fn same_orders(w: &mut PlatformWorld) {
    compare_per_method(w, "the same order is taken on different terms from different clients", |a, b| {
        if a["status"] != b["status"] {
            Some(format!("was answered HTTP {} against HTTP {}", b["status"], a["status"]))
        } else if let Some(d) = Some(order_differences(&b["body"], &a["body"])).filter(|d| !d.is_empty()) {
            Some(format!("differs at {}", d.join(", ")))
        } else if a["location"] != b["location"] {
            Some(format!("is located at {} against {}", b["location"], a["location"]))
        } else {
            None
        }
    });
}

#[then("every client gets the same answer when opening the next action")]
fn same_next_actions(w: &mut PlatformWorld) {
    let opened = |o: &Value| serde_json::from_value::<Option<NextActionOpened>>(o["next_action_opened"].clone()).ok().flatten();
    compare_per_method(w, "the same order's next action answers differently for different clients", |a, b| match (opened(a), opened(b)) {
        (Some(x), Some(y)) => compare_next_actions_by_client(&x, &y),
        // Whether a next action is named at all is part of the order, compared above.
        _ => None,
    });
}
