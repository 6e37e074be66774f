//! Steps of `features/anti-incompatibility/`.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::differential::{first_difference, normalize};
use hutong_checks::links::check_link_delivered;
use hutong_checks::paging;
use hutong_model::Finding;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde_json::{json, Value};
use std::time::Duration;

/// A seeded random generator for this run and this purpose.
fn rng(w: &PlatformWorld, purpose: &str) -> rand_chacha::ChaCha8Rng {
    let salt = purpose.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    rand_chacha::ChaCha8Rng::seed_from_u64(w.ctx().seed ^ salt)
}

// --- AI-01: link neutrality -----------------------------------------------------------------

#[given("the outside-domain corpus")]
fn domain_corpus(w: &mut PlatformWorld) {
    if w.ctx().corpus.domains.is_empty() {
        raise(Finding::error("the outside-domain corpus is empty"));
    }
}

/// Sends `text` through the messaging operation and reads the message back as delivered.
/// Returns the delivered message and how long sending took, or what went wrong.
async fn send_and_read_back(w: &mut PlatformWorld, text: &str, label: &str) -> Result<(Value, Duration), String> {
    let url = w.endpoint("messages");
    let request = w.request(http::Method::POST, url.as_str()).json(&json!({ "text": text })).label(label.to_string());
    let response = w.send(request).await;
    if response.status != 201 && response.status != 200 {
        return Err(format!("sending was refused with HTTP {}{}", response.status, hutong_checks::body_hint(&response)));
    }
    let elapsed = response.elapsed;
    let posted = response.json_value().map_err(|e| format!("the answer is not JSON: {e}"))?;
    let location = response
        .header("location")
        .map(str::to_string)
        .or_else(|| posted.get("id").and_then(Value::as_str).map(|id| format!("{}/{id}", url.as_str().trim_end_matches('/'))));
    let Some(location) = location else { return Ok((posted, elapsed)) };
    let location = response.url.join(&location).map_err(|e| format!("bad Location: {e}"))?;
    let request = w.request(http::Method::GET, location.as_str()).label(format!("{label} (read back)"));
    let read = w.send(request).await;
    if read.status != 200 {
        return Err(format!("reading the message back gave HTTP {}", read.status));
    }
    let delivered = read.json_value().map_err(|e| format!("the message read back is not JSON: {e}"))?;
    Ok((delivered, elapsed))
}

fn own_domain(w: &PlatformWorld) -> String {
    let ctx = w.ctx();
    ctx.discovery.own_domains.first().cloned().unwrap_or_else(|| ctx.base_url.host_str().unwrap_or("localhost").to_string())
}

#[when("the client sends messages with links to the platform's own domain")]
async fn send_own_links(w: &mut PlatformWorld) {
    let own = own_domain(w);
    let mut problems = Vec::new();
    let mut latencies = Vec::new();
    for i in 0..3 {
        let link = format!("https://{own}/hutong/probe?n={i}");
        let text = format!("Own-domain link {link} end");
        match send_and_read_back(w, &text, "own-domain link").await {
            Ok((message, elapsed)) => {
                latencies.push(elapsed.as_secs_f64());
                if let Err(e) = check_link_delivered(&text, &link, &message) {
                    problems.push(e);
                }
            }
            Err(e) => problems.push(e),
        }
    }
    w.scratch.insert("own_problems", json!(problems));
    w.scratch.insert("own_latencies", json!(latencies));
}

#[then("every own-domain link is delivered unchanged")]
fn own_links_ok(w: &mut PlatformWorld) {
    let problems = w.scratch("own_problems").as_array().cloned().unwrap_or_default();
    if let Some(first) = problems.first() {
        raise(Finding::fail(format!("even links to the platform's own domain are not delivered: {}", first.as_str().unwrap_or_default())));
    }
}

#[when("the client sends one message per outside domain, in random order")]
async fn send_outside_links(w: &mut PlatformWorld) {
    let mut domains = w.ctx().corpus.domains.clone();
    domains.shuffle(&mut rng(w, "link-neutrality"));
    let mut results = Vec::new();
    for d in &domains {
        let link = d.link();
        let text = format!("Have a look: {link} end");
        let outcome = send_and_read_back(w, &text, &format!("link to {}", d.host)).await;
        let entry = match outcome {
            Ok((message, elapsed)) => json!({
                "host": d.host, "operator": d.operator,
                "problem": check_link_delivered(&text, &link, &message).err(),
                "seconds": elapsed.as_secs_f64(),
            }),
            Err(e) => json!({ "host": d.host, "operator": d.operator, "problem": e, "seconds": null }),
        };
        results.push(entry);
    }
    w.scratch.insert("outside_results", json!(results));
}

/// Slowest acceptable delivery of an outside link: three times the slowest own-domain delivery,
/// plus 250 ms of slack for scheduling noise.
fn delay_threshold(own: &[f64]) -> f64 {
    own.iter().copied().fold(0.0, f64::max) * 3.0 + 0.25
}

#[then("every outside link is delivered like the own-domain links")]
fn outside_links_ok(w: &mut PlatformWorld) {
    let own: Vec<f64> = w.scratch("own_latencies").as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
    let threshold = delay_threshold(&own);
    let mut differing = Vec::new();
    for r in w.scratch("outside_results").as_array().into_iter().flatten() {
        let host = r["host"].as_str().unwrap_or_default();
        let operator = r["operator"].as_str().unwrap_or_default();
        if let Some(problem) = r["problem"].as_str() {
            differing.push(format!("{host} ({operator}): {problem}"));
        } else if let Some(s) = r["seconds"].as_f64().filter(|s| *s > threshold) {
            differing.push(format!("{host} ({operator}): delivered in {:.0} ms against at most {:.0} ms for own-domain links", s * 1000.0, threshold * 1000.0));
        }
    }
    if !differing.is_empty() {
        raise(Finding::fail(format!(
            "{} outside domain(s) treated differently from the platform's own: {}",
            differing.len(),
            differing.join("; ")
        )));
    }
}

// --- AI-02: client neutrality ---------------------------------------------------------------

#[given("the app-identity corpus")]
fn app_corpus(w: &mut PlatformWorld) {
    if w.ctx().corpus.apps.is_empty() {
        raise(Finding::error("the app-identity corpus is empty"));
    }
}

/// A collection walked with extra headers, reduced to what is compared.
async fn observed(w: &PlatformWorld, url: &str, headers: &[(&str, &str)], label: &str) -> Result<Value, Finding> {
    let ctx = w.ctx();
    let pages = paging::walk(&ctx.http, &w.rec, url, w.token.as_deref(), headers, label).await?;
    let volatile = ctx.discovery.volatile_fields();
    let statuses: Vec<u16> = pages.iter().map(|p| p.status).collect();
    let bodies: Vec<Value> = pages.iter().map(|p| normalize(p.body.clone(), &volatile)).collect();
    Ok(json!({ "statuses": statuses, "pages": bodies }))
}

#[when(expr = "the client lists {string} as each app identity, in random order")]
async fn list_as_each_app(w: &mut PlatformWorld, endpoint: String) {
    let url = w.endpoint(&endpoint).to_string();
    let baseline = observed(w, &url, &[], "baseline (harness identity)").await.or_raise();
    let mut apps = w.ctx().corpus.apps.clone();
    apps.shuffle(&mut rng(w, "client-neutrality"));
    let mut results = Vec::new();
    for app in &apps {
        let mut headers: Vec<(&str, &str)> = vec![("user-agent", app.user_agent.as_str())];
        if let Some(r) = &app.referer {
            headers.push(("referer", r));
        }
        if let Some(o) = &app.origin {
            headers.push(("origin", o));
        }
        let seen = observed(w, &url, &headers, &format!("as {}", app.name)).await.or_raise();
        results.push(json!({ "app": app.name, "difference": first_difference(&baseline, &seen) }));
    }
    w.scratch.insert("app_results", json!(results));
}

#[then("every app identity gets the same status and body as the baseline, after normalisation")]
fn apps_equal(w: &mut PlatformWorld) {
    let differing: Vec<String> = w
        .scratch("app_results")
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["difference"].as_str().map(|d| format!("{}: {d}", r["app"].as_str().unwrap_or_default())))
        .collect();
    if !differing.is_empty() {
        raise(Finding::fail(format!("{} app identit(ies) answered differently: {}", differing.len(), differing.join("; "))));
    }
}
