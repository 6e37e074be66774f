//! OE-07: the rate-limit policy is published and a 429 says when to retry.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_model::Finding;
use serde_json::json;

#[when("the client fetches the published rate-limit policy")]
async fn fetch_policy(w: &mut PlatformWorld) {
    let url = w.endpoint("rate_limit_policy");
    let request = w.request(hutong_http::http::Method::GET, url.as_str()).label("rate-limit policy");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, "the rate-limit policy").or_raise();
    let policy = hutong_checks::json_body(&response, "the rate-limit policy").or_raise();
    w.oe.policy = Some(policy);
}

#[then("it is a valid rate-limit policy that names a probe operation and its limit")]
fn valid_policy(w: &mut PlatformWorld) {
    let probe = hutong_checks::rate_limit::probe_of(earlier!(w.oe.policy)).or_raise();
    w.oe.probe = Some(json!({ "method": probe.method, "url": probe.url, "limit": probe.limit }));
}

/// Longest `Retry-After` the harness waits for before trying a burst again (an early 429 may be
/// left over from requests before the run).
const MAX_RETRY_WAIT_SECS: u64 = 120;

/// What one client's burst against the probe showed.
enum Burst {
    /// A 429 after exactly `limit` accepted requests: that answer.
    RefusedOverLimit(Box<hutong_http::Response>),
    /// A 429 after only `accepted` accepted requests; `retry_after` is what it said, in seconds.
    RefusedEarly { accepted: u64, retry_after: Option<u64> },
    /// `limit + 1` requests all accepted.
    NeverRefused,
}

/// Calls the probe `limit + 1` times as `token` (stops at the first 429).
async fn burst(w: &mut PlatformWorld, role: &str, token: &str, method: &hutong_http::http::Method, url: &str, limit: u64) -> Burst {
    for i in 0..=limit {
        let request = w.ctx().http.request(method.clone(), url).bearer(token).label(format!("rate-limit probe #{} as {role}", i + 1));
        let response = w.send(request).await;
        if response.status == 429 {
            if i < limit {
                let retry_after = response.header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
                return Burst::RefusedEarly { accepted: i, retry_after };
            }
            return Burst::RefusedOverLimit(Box::new(response));
        }
        if !response.is_success() {
            raise(Finding::fail(format!("the probe operation answered {role} HTTP {}{}", response.status, hutong_checks::body_hint(&response))));
        }
    }
    Burst::NeverRefused
}

#[when("every client calls the probe operation up to its published limit and once more")]
async fn exceed_probe(w: &mut PlatformWorld) {
    let probe = earlier!(w.oe.probe).clone();
    let limit = probe["limit"].as_u64().unwrap_or_default();
    if limit > 100 {
        raise(Finding::fail(format!("the probe's published limit is {limit}; a probe operation must have a low limit (at most 100)")));
    }
    let method = if probe["method"] == "GET" { hutong_http::http::Method::GET } else { hutong_http::http::Method::POST };
    let url = probe["url"].as_str().unwrap_or_default().to_string();
    let mut roles = vec!["third-party-a", "third-party-b"];
    if w.ctx().credentials.contains_key("affiliated") {
        roles.push("affiliated");
    } else {
        w.note_limitation(
            "the affiliated client's credentials were not supplied (target file [credentials.affiliated]): the published limit was checked for unrelated third parties only",
        );
    }
    // First burst for every client; those refused early (requests from before the run may still
    // count in the window) try once more after waiting as their Retry-After told, all at once.
    let mut results = Vec::new();
    for role in roles {
        w.authenticate(role).await;
        let token = w.token.clone().unwrap_or_default();
        let outcome = burst(w, role, &token, &method, &url, limit).await;
        results.push((role, token, outcome, w.rec.len().saturating_sub(1)));
    }
    let waits: Vec<u64> = results.iter().filter_map(|(_, _, o, _)| if let Burst::RefusedEarly { retry_after: Some(s), .. } = o { Some(*s) } else { None }).collect();
    let longest = waits.iter().copied().max().unwrap_or(0);
    let retrying = results.iter().any(|(_, _, o, _)| matches!(o, Burst::RefusedEarly { retry_after: Some(s), .. } if *s <= MAX_RETRY_WAIT_SECS));
    if retrying {
        // The wait stays within the scenario's time budget; past it the harness cannot decide.
        let wait = std::time::Duration::from_secs(longest.min(MAX_RETRY_WAIT_SECS) + 1);
        if w.rec.deadline().is_some_and(|d| std::time::Instant::now() + wait + std::time::Duration::from_secs(5) >= d) {
            raise(Finding::error(format!(
                "a client was refused with 429 within the published limit, and waiting the {longest} s its Retry-After asks for, to try again in a fresh window, would pass the scenario's time budget (raise run_deadline_secs)"
            )));
        }
        tokio::time::sleep(wait).await;
        for (role, token, outcome, last) in &mut results {
            if matches!(outcome, Burst::RefusedEarly { retry_after: Some(s), .. } if *s <= MAX_RETRY_WAIT_SECS) {
                *outcome = burst(w, role, token, &method, &url, limit).await;
                *last = w.rec.len().saturating_sub(1);
            }
        }
    }
    let mut problems = Vec::new();
    for (role, _, outcome, last) in results {
        match outcome {
            Burst::RefusedOverLimit(response) => {
                if let Err(f) = hutong_checks::rate_limit::check_retry_after(&response) {
                    problems.push((last, format!("{role}: {}", f.message)));
                }
            }
            Burst::RefusedEarly { accepted, retry_after } => problems.push((
                last,
                format!(
                    "{role} was refused with 429 after only {accepted} requests, within the published limit of {limit}{}",
                    match retry_after {
                        Some(s) if retrying && s <= MAX_RETRY_WAIT_SECS => format!(", again after waiting the {longest} s its Retry-After asked for"),
                        Some(s) => format!(" (its Retry-After of {s} s is longer than the {MAX_RETRY_WAIT_SECS} s the harness waits)"),
                        None => String::new(),
                    }
                ),
            )),
            Burst::NeverRefused => problems.push((
                last,
                format!("{} requests of {role} to the probe, over its published limit of {limit}, were all accepted: the published limit is not the one applied", limit + 1),
            )),
        }
    }
    let problems: Vec<_> = problems.into_iter().map(|(exchange, text)| json!({ "exchange": exchange, "text": text })).collect();
    w.oe.rate_limit_problems = Some(json!(problems));
}

#[then("no client is refused within the published limit, and each is refused with 429 and Retry-After over it")]
fn limit_applied_both_ways(w: &mut PlatformWorld) {
    let problems = earlier!(w.oe.rate_limit_problems).as_array().cloned().unwrap_or_default();
    if !problems.is_empty() {
        let exchanges: Vec<usize> = problems.iter().filter_map(|p| p["exchange"].as_u64().map(|i| i as usize)).collect();
        let text: Vec<&str> = problems.iter().filter_map(|p| p["text"].as_str()).collect();
        raise(Finding::fail(text.join("; ")).with_exchanges(exchanges));
    }
}
