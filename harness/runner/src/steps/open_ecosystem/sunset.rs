//! OE-20: a deprecated operation keeps answering until its `Sunset` (RFC 8594 §3), and a later run
//! never sees an earlier `Sunset` than an earlier run saw (the run history, OPIS §12).

use super::contract::{openapi_document, precondition};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::contract;
use hutong_checks::deprecation::{check_served_until_sunset, check_sunset_kept, parse_http_date};
use hutong_model::{msg, Finding};

/// What one deprecated operation answered in this run.
#[derive(Debug, Clone)]
pub struct SunsetSeen {
    /// `GET /path?query`, without the origin: the key of the run history.
    pub operation: String,
    /// Its status.
    pub status: u16,
    /// The `Sunset` it sent, if any.
    pub sunset: Option<i64>,
    /// The exchange.
    pub exchange: usize,
}

/// The key of an operation in the run history: method and the URL called, without the origin.
fn key(method: &http::Method, url: &url::Url) -> String {
    match url.query() {
        Some(q) => format!("{method} {}?{q}", url.path()),
        None => format!("{method} {}", url.path()),
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[given("the run history holds an earlier run of this target")]
fn history_held(w: &mut PlatformWorld) {
    let held = w.ctx().history.as_ref().is_some_and(|h| !h.runs.is_empty());
    if !held {
        raise(Finding::not_applicable(msg!("steps-oe-sunset-no-earlier-run")));
    }
}

#[when("the harness calls every safe operation the OpenAPI document marks deprecated, keeping the Sunset each sends")]
async fn call_and_keep(w: &mut PlatformWorld) {
    // Which operations are deprecated is read from the OpenAPI document; its validity is OE-01's.
    let (doc, url) = openapi_document(w).await.map_err(precondition).or_raise();
    let base = contract::server_base(&doc, &url);
    let ctx = w.ctx();
    let all = contract::exercise_selected(&ctx.http, &w.rec, &doc, &base, w.token.as_deref(), |o| o.deprecated()).await.or_raise();
    let mut seen = Vec::new();
    for e in all.exercised.iter().filter(|e| e.operation.deprecated()) {
        let sunset = e.response.header("sunset").and_then(parse_http_date);
        let operation = key(&e.operation.method, &e.response.url);
        if let (true, Some(s)) = (e.response.is_success(), sunset) {
            ctx.observations.lock().unwrap_or_else(|p| p.into_inner()).saw_sunset(&operation, s);
        }
        seen.push(SunsetSeen { operation, status: e.response.status, sunset, exchange: e.response.exchange });
    }
    w.oe.sunsets_seen = Some(seen);
}

#[then("each whose Sunset is still ahead answers with success")]
fn served_until_sunset(w: &mut PlatformWorld) {
    let now = now();
    for s in earlier!(w.oe.sunsets_seen) {
        check_served_until_sunset(&s.operation, s.status, s.sunset, now).map_err(|f| f.with_exchanges([s.exchange])).or_raise();
    }
}

#[then("no operation announces an earlier Sunset than an earlier run saw, and each whose earlier Sunset is still ahead still answers with success")]
async fn sunset_kept(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    let Some(history) = ctx.history.clone() else { raise(Finding::error(msg!("steps-oe-sunset-no-history"))) };
    ctx.history_used.lock().unwrap_or_else(|p| p.into_inner()).insert("OE-20".to_string());
    let seen = earlier!(w.oe.sunsets_seen).clone();
    let now = now();
    for operation in history.sunset_operations() {
        let Some((promised, run)) = history.latest_sunset(&operation) else { continue };
        if promised <= now {
            continue;
        }
        // Seen in this run among the deprecated operations, or called now at the path an earlier
        // run called (an operation no longer marked deprecated still has to answer).
        let (status, sunset, exchange) = match seen.iter().find(|s| s.operation == operation) {
            Some(s) => (s.status, s.sunset, s.exchange),
            None => {
                let Some((method, target)) = operation.split_once(' ') else { continue };
                if method != "GET" {
                    continue;
                }
                let url = ctx.base_url.join(target).map_err(|e| Finding::error(msg!("steps-oe-sunset-history-operation", operation = format!("{operation:?}"), error = e.to_string()))).or_raise();
                let request = w.request(http::Method::GET, url.as_str()).label("an operation an earlier run saw deprecated");
                let response = w.send(request).await;
                (response.status, response.header("sunset").and_then(parse_http_date), response.exchange)
            }
        };
        check_sunset_kept(&operation, promised, run, status, sunset, now).map_err(|f| f.with_exchanges([exchange])).or_raise();
    }
}
