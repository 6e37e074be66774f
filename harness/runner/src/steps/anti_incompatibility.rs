//! Steps of `features/anti-incompatibility/`: link and client neutrality here, the other areas
//! in the submodules.

mod formats;
mod interconnect;
mod links_added;
mod payment;
mod proprietary_channel;

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::corpus::OutsideDomain;
use hutong_checks::differential::{check_volatile_fields, first_difference, normalize};
use hutong_checks::links::{check_html_hrefs, check_link_delivered, check_opens_directly, is_rendered_clickable};
use hutong_checks::stats::{slower_than_baseline, OPIS_LATENCY_RULE};
use hutong_checks::paging;
use hutong_model::{joined, msg, Arg, Finding, Message};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde_json::{json, Value};
use std::time::Duration;

/// What the steps of `features/anti-incompatibility/` pass to later steps of the same scenario: one typed
/// field per value, set by the step that obtains it and read with [`crate::earlier!`].
#[derive(Debug, Default)]
pub struct State {
    /// `app_results`, stored by an earlier step.
    pub app_results: Option<serde_json::Value>,
    /// `channel_results`, stored by an earlier step.
    pub channel_results: Option<serde_json::Value>,
    /// `checkout_item`, stored by an earlier step.
    pub checkout_item: Option<serde_json::Value>,
    /// `checkouts`, stored by an earlier step.
    pub checkouts: Option<serde_json::Value>,
    /// `content_url`, stored by an earlier step.
    pub content_url: Option<serde_json::Value>,
    /// `delay_exchanges`, stored by an earlier step.
    pub delay_exchanges: Option<serde_json::Value>,
    /// `delivery_times`, stored by an earlier step.
    pub delivery_times: Option<serde_json::Value>,
    /// `media_results`, stored by an earlier step.
    pub media_results: Option<serde_json::Value>,
    /// `media_types`, stored by an earlier step.
    pub media_types: Option<serde_json::Value>,
    /// `oembed_url`, stored by an earlier step.
    pub oembed_url: Option<serde_json::Value>,
    /// `open_protocols`, stored by an earlier step.
    pub open_protocols: Option<serde_json::Value>,
    /// `open_results`, stored by an earlier step.
    pub open_results: Option<serde_json::Value>,
    /// `outbox`, stored by an earlier step.
    pub outbox: Option<serde_json::Value>,
    /// `outside_results`, stored by an earlier step.
    pub outside_results: Option<serde_json::Value>,
    /// `own_clickable`, stored by an earlier step.
    pub own_clickable: Option<serde_json::Value>,
    /// `own_delivery_times`, stored by an earlier step.
    pub own_delivery_times: Option<serde_json::Value>,
    /// `own_open_problems`, stored by an earlier step.
    pub own_open_problems: Option<Vec<Message>>,
    /// `own_problems`, stored by an earlier step.
    pub own_problems: Option<Vec<Message>>,
    /// `payment_methods`, stored by an earlier step.
    pub payment_methods: Option<serde_json::Value>,
    /// `webfinger_resource`, stored by an earlier step.
    pub webfinger_resource: Option<serde_json::Value>,
    /// The previews given to own-domain links (AI-16): each the preview object or `null`.
    pub own_previews: Option<serde_json::Value>,
    /// Each message of AI-15 with the links sent and what was wrong with its links, if anything.
    pub exact_results: Option<serde_json::Value>,
    /// The checkout sent without a payment method (AI-17): status and answer.
    pub default_checkout: Option<serde_json::Value>,
}


/// The message stored in a JSON member of a step's results (`None` for `null`).
pub(crate) fn message_in(value: &Value) -> Option<Message> {
    serde_json::from_value(value.clone()).ok().flatten()
}

/// A seeded random generator for this run and this purpose.
pub(crate) fn rng(w: &PlatformWorld, purpose: &str) -> rand_chacha::ChaCha8Rng {
    let salt = purpose.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    rand_chacha::ChaCha8Rng::seed_from_u64(w.ctx().seed ^ salt)
}

// --- AI-01: link neutrality -----------------------------------------------------------------

#[given("the outside-domain corpus")]
fn domain_corpus(w: &mut PlatformWorld) {
    if w.ctx().corpus.domains.is_empty() {
        raise(Finding::error(msg!("steps-ai-no-outside-domains")));
    }
}

/// Longest the harness waits for a sent message to reach its recipient.
const DELIVERY_DEADLINE: Duration = Duration::from_secs(5);
/// First pause between reads of a message not yet delivered; it doubles up to
/// [`DELIVERY_POLL_MAX`].
const DELIVERY_POLL_FIRST: Duration = Duration::from_millis(2);
/// Longest pause between reads of a message not yet delivered: the resolution of the delivery
/// time, well below the 20 ms OPIS §8.4 counts.
const DELIVERY_POLL_MAX: Duration = Duration::from_millis(10);

/// A message as its recipient reads it, and when it could first be read.
struct Delivered {
    /// The message as read, or as the send operation answered when it names no message to read.
    message: Value,
    /// From sending until the recipient could read it (`None`: the answer named no message to
    /// read, so only the send operation's answer is known).
    delivered_after: Option<Duration>,
    /// The recorded exchanges: the send and every read.
    exchanges: Vec<usize>,
}

/// Sends `text` through the messaging operation and reads the message where the recipient reads
/// it — its `Location` (or `messages/{id}`), as the OpenAPI document's `getMessage` locates it —
/// until it is there (404 meanwhile: not yet delivered), for at most [`DELIVERY_DEADLINE`].
async fn send_and_read_back(w: &PlatformWorld, text: &str, label: &str) -> Result<Delivered, Message> {
    let url = w.endpoint("messages");
    let request = w.request(http::Method::POST, url.as_str()).json(&json!({ "text": text })).label(label.to_string());
    let sent = std::time::Instant::now();
    let response = request.send(&w.rec).await.or_raise();
    let mut exchanges = vec![response.exchange];
    if response.status != 201 && response.status != 200 {
        return Err(msg!("steps-ai-send-refused", status = response.status, hint = hutong_checks::body_hint(&response)));
    }
    let posted = response.json_value().map_err(|e| msg!("steps-ai-answer-not-json", error = e.to_string()))?;
    let location = response
        .header("location")
        .map(str::to_string)
        .or_else(|| posted.get("id").and_then(Value::as_str).map(|id| format!("{}/{id}", url.as_str().trim_end_matches('/'))));
    let Some(location) = location else { return Ok(Delivered { message: posted, delivered_after: None, exchanges }) };
    let location = response.url.join(&location).map_err(|e| msg!("steps-ai-bad-location", error = e.to_string()))?;
    let mut pause = DELIVERY_POLL_FIRST;
    loop {
        let request = w.request(http::Method::GET, location.as_str()).label(format!("{label} (read by the recipient)"));
        let read = request.send(&w.rec).await.or_raise();
        exchanges.push(read.exchange);
        match read.status {
            200 => {
                let delivered_after = sent.elapsed();
                let message = read.json_value().map_err(|e| msg!("steps-ai-read-back-not-json", error = e.to_string()))?;
                return Ok(Delivered { message, delivered_after: Some(delivered_after), exchanges });
            }
            404 if sent.elapsed() < DELIVERY_DEADLINE => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(DELIVERY_POLL_MAX);
            }
            404 => return Err(msg!("steps-ai-not-delivered", seconds = DELIVERY_DEADLINE.as_secs())),
            status => return Err(msg!("steps-ai-read-back-status", status = status)),
        }
    }
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
    let mut previews = Vec::new();
    for i in 0..3 {
        let link = format!("https://{own}/item/{}?n={i}", w.ctx().persona.probe_id("own-link"));
        let text = format!("Own-domain link {link} end");
        match send_and_read_back(w, &text, "own-domain link").await {
            Ok(Delivered { message, .. }) => {
                clickable.push(is_rendered_clickable(&message, &link));
                previews.push(preview_of(&message, &link));
                if let Err(e) = delivered_unchanged(&text, &link, &message) {
                    problems.push(e);
                }
            }
            Err(e) => problems.push(e),
        }
    }
    w.ai.own_problems = Some(problems);
    w.ai.own_clickable = Some(json!(clickable));
    w.ai.own_previews = Some(json!(previews));
}

/// How a delivered message treated `link`, in `links` and in the anchors of the rendered `html`
/// alike (AI-01), or `Ok` when it was delivered unchanged.
fn delivered_unchanged(text: &str, link: &str, message: &Value) -> Result<(), Message> {
    check_link_delivered(text, link, message)?;
    check_html_hrefs(message, link)
}

/// The preview a delivered message gives `link` (the member of `previews` whose `url` is the
/// link), or `null` (AI-16).
fn preview_of(message: &Value, link: &str) -> Value {
    message.get("previews").and_then(Value::as_array).into_iter().flatten().find(|p| p.get("url").and_then(Value::as_str) == Some(link)).cloned().unwrap_or(Value::Null)
}

#[then("every own-domain link is delivered unchanged")]
fn own_links_ok(w: &mut PlatformWorld) {
    if let Some(first) = earlier!(w.ai.own_problems).first() {
        raise(Finding::fail(msg!("steps-ai-own-links-not-delivered", problem = first.clone())));
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
            Ok(Delivered { message, .. }) => json!({
                "host": d.host, "operator": d.operator,
                "problem": delivered_unchanged(&text, &link, &message).err(),
                "clickable": is_rendered_clickable(&message, &link),
                "preview": preview_of(&message, &link),
                "exchanges": exchanges,
            }),
            Err(e) => json!({ "host": d.host, "operator": d.operator, "problem": e, "clickable": null, "exchanges": exchanges }),
        };
        results.push(entry);
    }
    w.ai.outside_results = Some(json!(results));
}

/// Raises a `fail` naming every outside domain in `differing`, if any, pointing the report at
/// the exchanges of those domains.
fn fail_naming_domains(differing: Vec<Message>, exchanges: Vec<usize>) {
    let count = differing.len();
    if let Some(domains) = joined(differing) {
        raise(Finding::fail(msg!("steps-ai-domains-treated-differently", count = count, domains = domains)).with_exchanges(exchanges));
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

/// An outside domain of a result entry: its host and operator.
fn who(r: &Value) -> Message {
    msg!("steps-ai-domain", host = r["host"].as_str().unwrap_or_default(), operator = r["operator"].as_str().unwrap_or_default())
}

/// What was wrong with the outside domain of a result entry (its `problem`).
fn domain_problem(r: &Value, problem: impl Into<Arg>) -> Message {
    msg!("steps-ai-domain-problem", domain = who(r), problem = problem)
}

/// The `error` of a result entry whose message could not be read (AI-04, AI-16).
fn unreadable(r: &Value) -> Finding {
    let problem = message_in(&r["problem"]).unwrap_or_else(|| Message::verbatim(String::new()));
    Finding::error(msg!("steps-ai-link-message-unreadable", domain = who(r), problem = problem))
}

/// The result entries with a `problem`, and what each says about its domain.
fn domain_problems(results: &[Value]) -> (Vec<&Value>, Vec<Message>) {
    let bad: Vec<&Value> = results.iter().filter(|r| !r["problem"].is_null()).collect();
    let differing = bad.iter().filter_map(|r| message_in(&r["problem"]).map(|p| domain_problem(r, p))).collect();
    (bad, differing)
}

#[then("every outside link is delivered unchanged like the own-domain links")]
fn outside_links_ok(w: &mut PlatformWorld) {
    let results = earlier!(w.ai.outside_results).as_array().cloned().unwrap_or_default();
    let (bad, differing) = domain_problems(&results);
    fail_naming_domains(differing, entry_exchanges(bad));
}

// --- AI-04: links rendered clickable ------------------------------------------------------------

#[then("every outside link is rendered as a clickable anchor when own-domain links are")]
fn outside_links_clickable(w: &mut PlatformWorld) {
    let own: Vec<bool> = earlier!(w.ai.own_clickable).as_array().into_iter().flatten().filter_map(Value::as_bool).collect();
    if own.is_empty() || !own.iter().all(|c| *c) {
        // Without clickable own links there is no baseline to compare with.
        raise(Finding::error(msg!("steps-ai-own-links-not-clickable")));
    }
    let results = earlier!(w.ai.outside_results).as_array().cloned().unwrap_or_default();
    if let Some(r) = results.iter().find(|r| r["clickable"].is_null()) {
        raise(unreadable(r));
    }
    let bad: Vec<&Value> = results.iter().filter(|r| r["clickable"] == json!(false)).collect();
    let differing: Vec<Message> = bad.iter().map(|r| msg!("steps-ai-rendered-plain", domain = who(r))).collect();
    fail_naming_domains(differing, entry_exchanges(bad));
}

// --- AI-03: links open directly ---------------------------------------------------------------

/// Opens `link` with the link-opening operation, without following redirects.
async fn open_link(w: &mut PlatformWorld, link: &str, label: &str) -> Result<(), Message> {
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
            problems.push(msg!("steps-ai-own-link-problem", link = link, problem = e));
        }
    }
    w.ai.own_open_problems = Some(problems);
}

#[then("every own-domain link opens with a redirect straight to it")]
fn own_links_open(w: &mut PlatformWorld) {
    if let Some(first) = earlier!(w.ai.own_open_problems).first() {
        raise(Finding::fail(msg!("steps-ai-own-links-not-opened", problem = first.clone())));
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
    w.ai.open_results = Some(json!(results));
}

#[then("every outside link opens with a redirect straight to it")]
fn outside_links_open(w: &mut PlatformWorld) {
    let results = earlier!(w.ai.open_results).as_array().cloned().unwrap_or_default();
    let (bad, differing) = domain_problems(&results);
    fail_naming_domains(differing, entry_exchanges(bad));
}

// --- AI-05: no delay --------------------------------------------------------------------------

/// Sends a message with `link` and returns how long it took to reach the recipient, in ms, and
/// the exchanges that show it.
async fn timed_delivery(w: &PlatformWorld, link: &str, label: String) -> (f64, Vec<usize>) {
    match send_and_read_back(w, &format!("Timing {link} end"), &label).await {
        Ok(Delivered { delivered_after: Some(after), exchanges, .. }) => (after.as_secs_f64() * 1000.0, exchanges),
        // The send operation's answer alone says nothing about delivery.
        Ok(Delivered { delivered_after: None, .. }) => {
            raise(Finding::error(msg!("steps-ai-delivery-untimed")))
        }
        // Refusal and loss are judged by AI-01; here only timing counts.
        Err(e) => raise(Finding::error(msg!("steps-ai-timed-not-delivered", problem = e))),
    }
}

#[when(expr = "the client times {int} deliveries to the recipient per outside domain and of own-domain links, interleaved in random order")]
async fn time_deliveries(w: &mut PlatformWorld, samples: usize) {
    let samples = samples.clamp(1, 60);
    let own = own_domain(w);
    let domains = w.ctx().corpus.domains.clone();
    let mut order = rng(w, "link-delay");
    // Rounds: in each, one own-domain message and one per outside domain are sent at once, in
    // random order, so that load and drift affect every context alike (OPIS §8.1). Times in ms.
    let mut own_ms: Vec<f64> = Vec::new();
    let mut outside_ms: std::collections::BTreeMap<String, Vec<f64>> = std::collections::BTreeMap::new();
    let mut exchanges: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
    for round in 0..samples {
        let mut contexts: Vec<Option<&OutsideDomain>> = std::iter::once(None).chain(domains.iter().map(Some)).collect();
        contexts.shuffle(&mut order);
        let (world, own, timing_id) = (&*w, own.as_str(), w.ctx().persona.probe_id("own-timing-link"));
        let timing_id = timing_id.as_str();
        let timed = futures::future::join_all(contexts.iter().map(|context| async move {
            match context {
                None => timed_delivery(world, &format!("https://{own}/item/{timing_id}?n={round}"), "timed own-domain link".to_string()).await,
                Some(d) => timed_delivery(world, &d.link(), format!("timed link to {}", d.host)).await,
            }
        }))
        .await;
        for (context, (ms, shown)) in contexts.iter().zip(timed) {
            match context {
                None => own_ms.push(ms),
                Some(d) => {
                    outside_ms.entry(d.host.clone()).or_default().push(ms);
                    exchanges.entry(d.host.clone()).or_default().extend(shown);
                }
            }
        }
    }
    w.ai.own_delivery_times = Some(json!(own_ms));
    w.ai.delivery_times = Some(json!(outside_ms));
    w.ai.delay_exchanges = Some(json!(exchanges));
}

#[then("no outside domain is delivered significantly slower than the own domain (OPIS §8.4)")]
fn no_delay(w: &mut PlatformWorld) {
    let times = earlier!(w.ai.delivery_times).clone();
    let exchanges = earlier!(w.ai.delay_exchanges).clone();
    let floats = |v: &Value| -> Vec<f64> { v.as_array().into_iter().flatten().filter_map(Value::as_f64).collect() };
    let own = floats(earlier!(w.ai.own_delivery_times));
    let domains = w.ctx().corpus.domains.clone();
    let tested: Vec<(String, Vec<f64>, Vec<f64>)> = domains.iter().map(|d| (d.host.clone(), floats(&times[d.host.as_str()]), own.clone())).collect();
    let slower = slower_than_baseline(&tested, OPIS_LATENCY_RULE).unwrap_or_else(|e| raise(Finding::error(msg!("steps-ai-too-few-times", error = e))));
    let mut differing = Vec::new();
    let mut shown = Vec::new();
    for s in &slower {
        let operator = domains.iter().find(|d| d.host == s.slower).map(|d| d.operator.as_str()).unwrap_or_default();
        differing.push(msg!(
            "steps-ai-delivered-slower",
            domain = msg!("steps-ai-domain", host = s.slower.clone(), operator = operator),
            median_ms = format!("{:.0}", s.medians_ms.0),
            own_median_ms = format!("{:.0}", s.medians_ms.1),
            samples = tested.iter().find(|t| t.0 == s.slower).map_or(0, |t| t.1.len()),
            u = format!("{:.0}", s.test.u),
            p = format!("{:.2e}", s.test.p),
            alpha = OPIS_LATENCY_RULE.alpha.to_string(),
            domains = tested.len(),
            min_ms = format!("{:.0}", OPIS_LATENCY_RULE.min_median_difference_ms),
        ));
        shown.extend(exchange_indexes(&exchanges[s.slower.as_str()]));
    }
    fail_naming_domains(differing, shown);
}

// --- AI-02: client neutrality ---------------------------------------------------------------

#[given("the app-identity corpus")]
fn app_corpus(w: &mut PlatformWorld) {
    if w.ctx().corpus.apps.is_empty() {
        raise(Finding::error(msg!("steps-ai-no-apps")));
    }
}

/// A collection walked with extra headers, reduced to what is compared.
async fn observed(w: &PlatformWorld, url: &str, headers: &[(&str, &str)], label: &str) -> Result<Value, Finding> {
    observe_into(&w.ctx(), &w.rec, w.token.as_deref(), url, headers, label).await
}

/// [`observed`], recording into `rec`.
async fn observe_into(
    ctx: &crate::runner::world::RunContext,
    rec: &hutong_http::Recorder,
    token: Option<&str>,
    url: &str,
    headers: &[(&str, &str)],
    label: &str,
) -> Result<Value, Finding> {
    let pages = paging::walk(&ctx.http, rec, url, token, headers, label).await?;
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
    let jobs: Vec<(String, Message, Vec<(String, String)>)> = apps
        .iter()
        .filter_map(|app| {
            let mut headers: Vec<(String, String)> = Vec::new();
            match which {
                IdentityHeaders::UserAgent => headers.push(("user-agent".into(), app.user_agent.clone())),
                IdentityHeaders::RefererAndOrigin => {
                    headers.extend(app.referer.iter().map(|r| ("referer".to_string(), r.clone())));
                    headers.extend(app.origin.iter().map(|o| ("origin".to_string(), o.clone())));
                }
            }
            let names = headers.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ");
            let identity = msg!("steps-ai-app-identity", app = app.name.clone(), headers = names);
            (!headers.is_empty()).then(|| (identity.en(), identity, headers))
        })
        .collect();
    // Every identity walks the listing at the same time, in the random order above, each into its
    // own recorder; the exchanges are then added to the scenario's evidence identity by identity.
    let ctx = w.ctx();
    let token = w.token.clone();
    let walked = futures::future::join_all(jobs.iter().map(|(label, _, headers)| {
        let (ctx, token, url, rec) = (ctx.clone(), token.clone(), url.clone(), w.side_recorder());
        async move {
            let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let seen = observe_into(&ctx, &rec, token.as_deref(), &url, &headers, &format!("as {label}")).await;
            (seen, rec.take())
        }
    }))
    .await;
    let mut results = Vec::new();
    for ((_, identity, _), (seen, exchanges)) in jobs.iter().zip(walked) {
        let exchanges = w.adopt(exchanges);
        let seen = seen.or_raise();
        results.push(json!({ "app": identity, "difference": first_difference(&baseline, &seen), "exchanges": exchanges }));
    }
    if results.is_empty() {
        raise(Finding::error(msg!("steps-ai-no-app-headers")));
    }
    w.ai.app_results = Some(json!(results));
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
    let results = earlier!(w.ai.app_results).as_array().cloned().unwrap_or_default();
    let bad: Vec<&Value> = results.iter().filter(|r| !r["difference"].is_null()).collect();
    let differing: Vec<Message> = bad
        .iter()
        .filter_map(|r| Some(msg!("steps-ai-app-difference", app = message_in(&r["app"])?, difference = message_in(&r["difference"])?)))
        .collect();
    let count = differing.len();
    if let Some(apps) = joined(differing) {
        raise(Finding::fail(msg!("steps-ai-apps-differ", count = count, apps = apps)).with_exchanges(entry_exchanges(bad)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_stored_in_a_result_entry_comes_back_as_its_message_in_either_language() {
        let problem = msg!("steps-ai-send-refused", status = 503u16, hint = " (busy)");
        let entry = json!({ "host": "example.org", "operator": "Example", "problem": problem.clone() });
        assert_eq!(message_in(&entry["problem"]), Some(problem));
        assert_eq!(message_in(&Value::Null), None);
        let results = [entry, json!({ "host": "ok.example", "operator": "OK", "problem": null })];
        let (bad, differing) = domain_problems(&results);
        assert_eq!(bad.len(), 1);
        assert_eq!(differing[0].en(), "example.org (Example): sending was refused with HTTP 503 (busy)");
        assert_eq!(differing[0].render(hutong_model::Locale::Zh), "example.org（Example）：发送被拒绝，HTTP 503 (busy)");
    }
}
