//! OE-07: the rate-limit policy is published and a 429 says when to retry; OE-19: every client is
//! cut off after the same number of requests within the same window.

use crate::runner::world::{raise, OrRaise, PlatformWorld, RunContext};
use hutong_http::Recorder;
use cucumber::{then, when};
use hutong_model::{joined, msg, Finding, Message};
use serde_json::json;

#[when("the client fetches the published rate-limit policy")]
async fn fetch_policy(w: &mut PlatformWorld) {
    let url = w.endpoint("rate_limit_policy");
    let request = w.request(hutong_http::http::Method::GET, url.as_str()).label("rate-limit policy");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-oe-rate-limits-policy")).or_raise();
    let policy = hutong_checks::json_body(&response, msg!("steps-oe-rate-limits-policy")).or_raise();
    w.oe.policy = Some(policy);
}

#[then("it is a valid rate-limit policy that names a probe operation and its limit")]
fn valid_policy(w: &mut PlatformWorld) {
    let probe = hutong_checks::rate_limit::probe_of(earlier!(w.oe.policy)).or_raise();
    w.oe.probe = Some(json!({ "method": probe.method, "url": probe.url, "limit": probe.limit, "window_seconds": probe.window_seconds }));
}

/// Longest `Retry-After` the harness waits for before trying a burst again (an early 429 may be
/// left over from requests before the run).
const MAX_RETRY_WAIT_SECS: u64 = 120;

/// What one client's burst against the probe showed.
enum Burst {
    /// A 429 after exactly `limit` accepted requests: that answer, and whether the call right
    /// after it was refused too (OE-19: a refusal does not start a new window).
    RefusedOverLimit { response: Box<hutong_http::Response>, refused_again: bool },
    /// A 429 after only `accepted` accepted requests; `retry_after` is what it said, in seconds.
    RefusedEarly { accepted: u64, retry_after: Option<u64> },
    /// `limit + 1` requests all accepted.
    NeverRefused,
    /// The probe answered neither success nor 429: a finding.
    Failed(Message),
}

/// Calls the probe `limit + 1` times as `token` (stops at the first 429, after one more call when
/// it came over the limit), recording into `rec`.
async fn burst(ctx: &RunContext, rec: &Recorder, role: &str, token: &str, method: &hutong_http::http::Method, url: &str, limit: u64) -> Burst {
    for i in 0..=limit {
        let request = ctx.http.request(method.clone(), url).bearer(token).label(format!("rate-limit probe #{} as {role}", i + 1));
        let response = request.send(rec).await.or_raise();
        if response.status == 429 {
            if i < limit {
                let retry_after = response.header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
                return Burst::RefusedEarly { accepted: i, retry_after };
            }
            let again = ctx.http.request(method.clone(), url).bearer(token).label(format!("rate-limit probe #{} as {role}, right after its 429", i + 2));
            let again = again.send(rec).await.or_raise();
            return Burst::RefusedOverLimit { response: Box::new(response), refused_again: again.status == 429 };
        }
        if !response.is_success() {
            return Burst::Failed(msg!("steps-oe-rate-limits-probe-failed", role = role, status = response.status, hint = hutong_checks::body_hint(&response)));
        }
    }
    Burst::NeverRefused
}

/// Every client's burst at once, each into its own recorder; returns the outcomes in `due`'s order
/// and the index of each client's last exchange in the scenario's evidence.
async fn bursts(w: &PlatformWorld, due: &[(String, String)], method: &hutong_http::http::Method, url: &str, limit: u64) -> Vec<(Burst, usize)> {
    let ctx = w.ctx();
    let outcomes = futures::future::join_all(due.iter().map(|(role, token)| {
        let rec = w.side_recorder();
        let ctx = ctx.clone();
        async move {
            let outcome = burst(&ctx, &rec, role, token, method, url, limit).await;
            (outcome, rec.take())
        }
    }))
    .await;
    outcomes.into_iter().map(|(outcome, exchanges)| (outcome, w.adopt(exchanges).last().copied().unwrap_or_default())).collect()
}

#[when("every client sends sustained traffic, then calls the probe operation up to its published limit and once more")]
async fn exceed_probe(w: &mut PlatformWorld) {
    let probe = earlier!(w.oe.probe).clone();
    let limit = probe["limit"].as_u64().unwrap_or_default();
    if limit > 100 {
        raise(Finding::fail(msg!("steps-oe-rate-limits-limit-too-high", limit = limit)));
    }
    let method = if probe["method"] == "GET" { hutong_http::http::Method::GET } else { hutong_http::http::Method::POST };
    let url = probe["url"].as_str().unwrap_or_default().to_string();
    let mut roles = vec!["third-party-a", "third-party-b"];
    if w.ctx().credentials.contains_key("affiliated") {
        roles.push("affiliated");
    } else {
        w.note_limitation(msg!("steps-oe-rate-limits-no-affiliated"));
    }
    let mut clients = Vec::new();
    for role in roles {
        w.authenticate(role).await;
        clients.push((role.to_string(), w.token.clone().unwrap_or_default()));
    }
    // A limit applied as published only to newcomers is not the published limit: every client
    // first sends the same sustained traffic of safe requests (OPIS §5.1), then its burst.
    // Operations that identify the client: the traffic a platform counts as the client's history.
    let pool = super::uniform::pool(w, true);
    let mut r = {
        use rand::SeedableRng as _;
        rand_chacha::ChaCha8Rng::seed_from_u64(w.ctx().seed ^ 0x5ec0_7ea7)
    };
    let volume = super::uniform::sustained_volume(w, &mut r).await;
    super::uniform::sustained_traffic(w, &pool, &clients, volume, &mut r).await;
    // Every client's burst at once; those refused early (requests from before the run may still
    // count in the window) try once more after waiting as their Retry-After told, all at once.
    let mut results: Vec<(String, String, Burst, usize)> =
        clients.iter().cloned().zip(bursts(w, &clients, &method, &url, limit).await).map(|((role, token), (outcome, last))| (role, token, outcome, last)).collect();
    let early_retry = |o: &Burst| matches!(o, Burst::RefusedEarly { retry_after: Some(s), .. } if *s <= MAX_RETRY_WAIT_SECS);
    let waits: Vec<u64> = results.iter().filter_map(|(_, _, o, _)| if let Burst::RefusedEarly { retry_after: Some(s), .. } = o { Some(*s) } else { None }).collect();
    let longest = waits.iter().copied().max().unwrap_or(0);
    let retrying = results.iter().any(|(_, _, o, _)| early_retry(o));
    if retrying {
        // The wait stays within the scenario's time budget; past it the harness cannot decide.
        let wait = std::time::Duration::from_secs(longest.min(MAX_RETRY_WAIT_SECS) + 1);
        if w.rec.deadline().is_some_and(|d| std::time::Instant::now() + wait + std::time::Duration::from_secs(5) >= d) {
            raise(Finding::error(msg!("steps-oe-rate-limits-wait-too-long", seconds = longest)));
        }
        tokio::time::sleep(wait).await;
        let again: Vec<(String, String)> = results.iter().filter(|(_, _, o, _)| early_retry(o)).map(|(role, token, _, _)| (role.clone(), token.clone())).collect();
        let mut retried = bursts(w, &again, &method, &url, limit).await.into_iter();
        for (_, _, outcome, last) in results.iter_mut().filter(|(_, _, o, _)| early_retry(o)) {
            if let Some((o, l)) = retried.next() {
                (*outcome, *last) = (o, l);
            }
        }
    }
    let mut problems = Vec::new();
    // Where each client was cut off (OE-19); a client whose probe failed otherwise is not counted.
    let mut cut_offs = Vec::new();
    let mut uncounted = false;
    for (role, _, outcome, last) in results {
        let cut_off = |accepted, refused_again, retry_after_secs| hutong_checks::rate_limit::CutOff { client: role.clone(), accepted, refused_again, retry_after_secs };
        match &outcome {
            Burst::RefusedOverLimit { response, refused_again } => {
                cut_offs.push((last, cut_off(limit, Some(*refused_again), hutong_checks::rate_limit::retry_after_secs(response))))
            }
            Burst::RefusedEarly { accepted, retry_after } => cut_offs.push((last, cut_off(*accepted, None, *retry_after))),
            Burst::NeverRefused => cut_offs.push((last, cut_off(limit + 1, None, None))),
            Burst::Failed(_) => uncounted = true,
        }
        match outcome {
            Burst::RefusedOverLimit { response, .. } => {
                if let Err(f) = hutong_checks::rate_limit::check_retry_after(&response) {
                    problems.push((last, msg!("steps-oe-rate-limits-client-problem", role = role.clone(), problem = f.text)));
                }
            }
            Burst::RefusedEarly { accepted, retry_after } => problems.push((
                last,
                match retry_after {
                    Some(s) if retrying && s <= MAX_RETRY_WAIT_SECS => msg!(
                        "steps-oe-rate-limits-refused-early-again",
                        role = role.clone(),
                        accepted = accepted,
                        limit = limit,
                        volume = volume,
                        seconds = longest
                    ),
                    Some(s) => msg!(
                        "steps-oe-rate-limits-refused-early-long-retry",
                        role = role.clone(),
                        accepted = accepted,
                        limit = limit,
                        volume = volume,
                        retry_after = s,
                        max_wait = MAX_RETRY_WAIT_SECS
                    ),
                    None => msg!("steps-oe-rate-limits-refused-early", role = role.clone(), accepted = accepted, limit = limit, volume = volume),
                },
            )),
            Burst::NeverRefused => {
                problems.push((last, msg!("steps-oe-rate-limits-never-refused", requests = limit + 1, role = role.clone(), limit = limit)))
            }
            Burst::Failed(text) => problems.push((last, text)),
        }
    }
    w.oe.rate_limit_problems = Some(problems);
    w.oe.cut_offs = Some((cut_offs, uncounted));
}

#[then("no client is refused within the published limit, each is refused with 429 and Retry-After over it, and all are cut off after the same number of requests within the same window")]
fn limit_applied_both_ways(w: &mut PlatformWorld) {
    let problems = earlier!(w.oe.rate_limit_problems).clone();
    let exchanges: Vec<usize> = problems.iter().map(|(exchange, _)| *exchange).collect();
    let text = |more: Option<Message>| joined(problems.iter().map(|(_, text)| text.clone()).chain(more)).unwrap_or_else(|| Message::verbatim(String::new()));
    // OE-07 per client, OE-19 across them: both read from the same bursts, each judged whatever
    // the other's outcome, so that a finding about one leaves the other decided.
    let probe = earlier!(w.oe.probe).clone();
    let (cut_offs, uncounted) = earlier!(w.oe.cut_offs).clone();
    let counted: Vec<_> = cut_offs.iter().map(|(_, c)| c.clone()).collect();
    let window = probe["window_seconds"].as_u64().unwrap_or_default();
    let same = hutong_checks::rate_limit::check_same_cut_off(&counted, probe["limit"].as_u64().unwrap_or_default(), window)
        .map_err(|f| f.with_exchanges(cut_offs.iter().map(|(e, _)| *e)));
    match (problems.is_empty(), same) {
        (true, Ok(())) => {}
        (true, Err(f)) => raise(f.about("OE-19").others_judged()),
        (false, Ok(())) if !uncounted => raise(Finding::fail(text(None)).with_exchanges(exchanges).about("OE-07").others_judged()),
        (false, Ok(())) => raise(Finding::fail(text(None)).with_exchanges(exchanges).about("OE-07")),
        (false, Err(f)) => raise(Finding::fail(text(Some(f.text))).with_exchanges(exchanges).with_exchanges(f.exchanges).about("OE-07").about("OE-19")),
    }
}
