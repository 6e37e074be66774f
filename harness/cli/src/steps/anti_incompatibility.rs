//! Steps of `features/anti-incompatibility/`: link and client neutrality here, the other areas
//! in the submodules.

mod formats;
mod interconnect;
mod payment;
mod proprietary_channel;

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::corpus::OutsideDomain;
use hutong_checks::differential::{check_volatile_fields, first_difference, normalize};
use hutong_checks::links::{check_link_delivered, check_opens_directly, delayed, is_rendered_clickable, DELAY_TOLERANCE_SECONDS};
use hutong_checks::paging;
use hutong_model::Finding;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde_json::{json, Value};
use std::time::Duration;

/// A seeded random generator for this run and this purpose.
pub(crate) fn rng(w: &PlatformWorld, purpose: &str) -> rand_chacha::ChaCha8Rng {
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
    let mut clickable = Vec::new();
    for i in 0..3 {
        let link = format!("https://{own}/item/{}?n={i}", w.ctx().persona.probe_id("own-link"));
        let text = format!("Own-domain link {link} end");
        match send_and_read_back(w, &text, "own-domain link").await {
            Ok((message, _)) => {
                clickable.push(is_rendered_clickable(&message, &link));
                if let Err(e) = check_link_delivered(&text, &link, &message) {
                    problems.push(e);
                }
            }
            Err(e) => problems.push(e),
        }
    }
    w.scratch.insert("own_problems", json!(problems));
    w.scratch.insert("own_clickable", json!(clickable));
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
        let first = w.rec.len();
        let outcome = send_and_read_back(w, &text, &format!("link to {}", d.host)).await;
        let exchanges: Vec<usize> = (first..w.rec.len()).collect();
        let entry = match outcome {
            Ok((message, _)) => json!({
                "host": d.host, "operator": d.operator,
                "problem": check_link_delivered(&text, &link, &message).err(),
                "clickable": is_rendered_clickable(&message, &link),
                "exchanges": exchanges,
            }),
            Err(e) => json!({ "host": d.host, "operator": d.operator, "problem": e, "clickable": null, "exchanges": exchanges }),
        };
        results.push(entry);
    }
    w.scratch.insert("outside_results", json!(results));
}

/// Raises a `fail` naming every outside domain in `differing`, if any, pointing the report at
/// the exchanges of those domains.
fn fail_naming_domains(differing: &[String], exchanges: Vec<usize>) {
    if !differing.is_empty() {
        raise(
            Finding::fail(format!("{} outside domain(s) treated differently from the platform's own: {}", differing.len(), differing.join("; ")))
                .with_exchanges(exchanges),
        );
    }
}

/// The recorded exchanges of result entries (their `exchanges` member).
fn entry_exchanges<'a>(entries: impl IntoIterator<Item = &'a Value>) -> Vec<usize> {
    entries.into_iter().flat_map(|r| exchange_indexes(&r["exchanges"])).collect()
}

/// The indexes in a stored JSON list of exchange indexes.
fn exchange_indexes(list: &Value) -> impl Iterator<Item = usize> + '_ {
    list.as_array().into_iter().flatten().filter_map(Value::as_u64).map(|i| i as usize)
}

fn who(r: &Value) -> String {
    format!("{} ({})", r["host"].as_str().unwrap_or_default(), r["operator"].as_str().unwrap_or_default())
}

#[then("every outside link is delivered unchanged like the own-domain links")]
fn outside_links_ok(w: &mut PlatformWorld) {
    let results = w.scratch("outside_results").as_array().cloned().unwrap_or_default();
    let bad: Vec<&Value> = results.iter().filter(|r| r["problem"].is_string()).collect();
    let differing: Vec<String> = bad.iter().map(|r| format!("{}: {}", who(r), r["problem"].as_str().unwrap_or_default())).collect();
    fail_naming_domains(&differing, entry_exchanges(bad));
}

// --- AI-04: links rendered clickable ------------------------------------------------------------

#[then("every outside link is rendered as a clickable anchor when own-domain links are")]
fn outside_links_clickable(w: &mut PlatformWorld) {
    let own: Vec<bool> = w.scratch("own_clickable").as_array().into_iter().flatten().filter_map(Value::as_bool).collect();
    if own.is_empty() || !own.iter().all(|c| *c) {
        // Without clickable own links there is no baseline to compare with.
        raise(Finding::error("links to the platform's own domain are not rendered as clickable anchors: no baseline"));
    }
    let results = w.scratch("outside_results").as_array().cloned().unwrap_or_default();
    if let Some(r) = results.iter().find(|r| r["clickable"].is_null()) {
        raise(Finding::error(format!("the message with the link to {} could not be read: {}", who(r), r["problem"].as_str().unwrap_or_default())));
    }
    let bad: Vec<&Value> = results.iter().filter(|r| r["clickable"] == json!(false)).collect();
    let differing: Vec<String> = bad.iter().map(|r| format!("{}: rendered as plain text while own-domain links are clickable anchors", who(r))).collect();
    fail_naming_domains(&differing, entry_exchanges(bad));
}

// --- AI-03: links open directly ---------------------------------------------------------------

/// Opens `link` with the link-opening operation, without following redirects.
async fn open_link(w: &mut PlatformWorld, link: &str, label: &str) -> Result<(), String> {
    let url = w.endpoint("links_open");
    let request = w.request(http::Method::GET, url.as_str()).query(&[("url", link)]).follow_redirects(false).label(label.to_string());
    let response = w.send(request).await;
    check_opens_directly(link, response.status, response.header("location"), response.content_type().as_deref())
}

#[when("the client opens links to the platform's own domain")]
async fn open_own_links(w: &mut PlatformWorld) {
    let own = own_domain(w);
    let mut problems = Vec::new();
    for i in 0..3 {
        let link = format!("https://{own}/item/{}?n={i}", w.ctx().persona.probe_id("own-link"));
        if let Err(e) = open_link(w, &link, "open own-domain link").await {
            problems.push(format!("{link}: {e}"));
        }
    }
    w.scratch.insert("own_open_problems", json!(problems));
}

#[then("every own-domain link opens with a redirect straight to it")]
fn own_links_open(w: &mut PlatformWorld) {
    let problems = w.scratch("own_open_problems").as_array().cloned().unwrap_or_default();
    if let Some(first) = problems.first() {
        raise(Finding::fail(format!("even links to the platform's own domain do not open directly: {}", first.as_str().unwrap_or_default())));
    }
}

#[when("the client opens one link per outside domain, in random order")]
async fn open_outside_links(w: &mut PlatformWorld) {
    let mut domains: Vec<OutsideDomain> = w.ctx().corpus.domains.clone();
    domains.shuffle(&mut rng(w, "link-opening"));
    let mut results = Vec::new();
    for d in &domains {
        let first = w.rec.len();
        let problem = open_link(w, &d.link(), &format!("open link to {}", d.host)).await.err();
        let exchanges: Vec<usize> = (first..w.rec.len()).collect();
        results.push(json!({ "host": d.host, "operator": d.operator, "problem": problem, "exchanges": exchanges }));
    }
    w.scratch.insert("open_results", json!(results));
}

#[then("every outside link opens with a redirect straight to it")]
fn outside_links_open(w: &mut PlatformWorld) {
    let results = w.scratch("open_results").as_array().cloned().unwrap_or_default();
    let bad: Vec<&Value> = results.iter().filter(|r| r["problem"].is_string()).collect();
    let differing: Vec<String> = bad.iter().map(|r| format!("{}: {}", who(r), r["problem"].as_str().unwrap_or_default())).collect();
    fail_naming_domains(&differing, entry_exchanges(bad));
}

// --- AI-05: no delay --------------------------------------------------------------------------

/// Sends a message with `link` and returns how long delivery took, in seconds.
async fn timed_delivery(w: &mut PlatformWorld, link: &str, label: String) -> f64 {
    let url = w.endpoint("messages");
    let request = w.request(http::Method::POST, url.as_str()).json(&json!({ "text": format!("Timing {link} end") })).label(label);
    let response = w.send(request).await;
    if response.status != 201 && response.status != 200 {
        // Refusal is judged by AI-01; here only timing counts.
        raise(Finding::error(format!("a timed message was refused with HTTP {}", response.status)));
    }
    response.elapsed.as_secs_f64()
}

#[when(expr = "the client times {int} deliveries per outside link, each paired with an own-domain delivery, in random order")]
async fn time_deliveries(w: &mut PlatformWorld, samples: usize) {
    let samples = samples.clamp(1, 10);
    let own = own_domain(w);
    let mut plan: Vec<(OutsideDomain, usize, bool)> = Vec::new();
    let mut order = rng(w, "link-delay");
    for d in &w.ctx().corpus.domains {
        for i in 0..samples {
            // Which member of the pair goes first is random too.
            plan.push((d.clone(), i, rand::Rng::random_bool(&mut order, 0.5)));
        }
    }
    plan.shuffle(&mut order);
    let mut differences: std::collections::BTreeMap<String, Vec<f64>> = std::collections::BTreeMap::new();
    let mut exchanges: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
    for (d, i, own_first) in &plan {
        let first = w.rec.len();
        let own_link = format!("https://{own}/item/{}?n={i}", w.ctx().persona.probe_id("own-timing-link"));
        let (own_seconds, outside_seconds) = if *own_first {
            let a = timed_delivery(w, &own_link, "timed own-domain link".to_string()).await;
            (a, timed_delivery(w, &d.link(), format!("timed link to {}", d.host)).await)
        } else {
            let b = timed_delivery(w, &d.link(), format!("timed link to {}", d.host)).await;
            (timed_delivery(w, &own_link, "timed own-domain link".to_string()).await, b)
        };
        differences.entry(d.host.clone()).or_default().push(outside_seconds - own_seconds);
        exchanges.entry(d.host.clone()).or_default().extend(first..w.rec.len());
    }
    w.scratch.insert("delay_differences", json!(differences));
    w.scratch.insert("delay_exchanges", json!(exchanges));
}

#[then("no outside domain is delivered slower than the own domain beyond the tolerance")]
fn no_delay(w: &mut PlatformWorld) {
    let differences = w.scratch("delay_differences").clone();
    let exchanges = w.scratch("delay_exchanges").clone();
    let mut differing = Vec::new();
    let mut shown = Vec::new();
    for d in &w.ctx().corpus.domains {
        let series: Vec<f64> = differences[d.host.as_str()].as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
        if let Some(smallest) = delayed(&series) {
            differing.push(format!(
                "{} ({}): delivered at least {:.0} ms later than the own-domain link sent next to it, in each of {} pairs (tolerance {:.0} ms)",
                d.host,
                d.operator,
                smallest * 1000.0,
                series.len(),
                DELAY_TOLERANCE_SECONDS * 1000.0
            ));
            shown.extend(exchange_indexes(&exchanges[d.host.as_str()]));
        }
    }
    fail_naming_domains(&differing, shown);
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
    check_volatile_fields(&volatile, pages.iter().map(|p| &p.body))?;
    let bodies: Vec<Value> = pages.iter().map(|p| normalize(p.body.clone(), &volatile)).collect();
    Ok(json!({ "statuses": statuses, "pages": bodies }))
}

/// Which headers of an app identity a client-neutrality scenario sends.
#[derive(Clone, Copy)]
enum IdentityHeaders {
    /// `User-Agent` only (AI-02).
    UserAgent,
    /// `Referer` and `Origin` only, with the harness's own User-Agent (AI-06).
    RefererAndOrigin,
}

async fn list_as_each_app(w: &mut PlatformWorld, endpoint: &str, which: IdentityHeaders) {
    let url = w.endpoint(endpoint).to_string();
    let baseline = observed(w, &url, &[], "baseline (harness identity)").await.or_raise();
    let mut apps = w.ctx().corpus.apps.clone();
    apps.shuffle(&mut rng(w, "client-neutrality"));
    let mut results = Vec::new();
    for app in &apps {
        let mut headers: Vec<(&str, &str)> = Vec::new();
        match which {
            IdentityHeaders::UserAgent => headers.push(("user-agent", app.user_agent.as_str())),
            IdentityHeaders::RefererAndOrigin => {
                if let Some(r) = &app.referer {
                    headers.push(("referer", r));
                }
                if let Some(o) = &app.origin {
                    headers.push(("origin", o));
                }
            }
        }
        if headers.is_empty() {
            continue;
        }
        let names: Vec<&str> = headers.iter().map(|(n, _)| *n).collect();
        let first = w.rec.len();
        let seen = observed(w, &url, &headers, &format!("as {} ({})", app.name, names.join(", "))).await.or_raise();
        let exchanges: Vec<usize> = (first..w.rec.len()).collect();
        let app_label = format!("{} ({})", app.name, names.join(", "));
        results.push(json!({ "app": app_label, "difference": first_difference(&baseline, &seen), "exchanges": exchanges }));
    }
    if results.is_empty() {
        raise(Finding::error("no app identity of the corpus carries the headers this scenario varies"));
    }
    w.scratch.insert("app_results", json!(results));
}

#[when(expr = "the client lists {string} with each app's User-Agent, in random order")]
async fn list_with_each_user_agent(w: &mut PlatformWorld, endpoint: String) {
    list_as_each_app(w, &endpoint, IdentityHeaders::UserAgent).await;
}

#[when(expr = "the client lists {string} with each app's Referer and Origin, in random order")]
async fn list_with_each_referer(w: &mut PlatformWorld, endpoint: String) {
    list_as_each_app(w, &endpoint, IdentityHeaders::RefererAndOrigin).await;
}

#[then("every app identity gets the same status and body as the baseline, after normalisation")]
fn apps_equal(w: &mut PlatformWorld) {
    let results = w.scratch("app_results").as_array().cloned().unwrap_or_default();
    let bad: Vec<&Value> = results.iter().filter(|r| r["difference"].is_string()).collect();
    let differing: Vec<String> = bad.iter().map(|r| format!("{}: {}", r["app"].as_str().unwrap_or_default(), r["difference"].as_str().unwrap_or_default())).collect();
    if !differing.is_empty() {
        raise(Finding::fail(format!("{} app identit(ies) answered differently: {}", differing.len(), differing.join("; "))).with_exchanges(entry_exchanges(bad)));
    }
}
