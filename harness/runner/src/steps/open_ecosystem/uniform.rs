//! OE-05, OE-06, OE-08: one uniform rule for every client (differential testing).

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::differential::{check_volatile_fields, first_difference, normalize};
use hutong_checks::stats::{self, OPIS_LATENCY_RULE};
use super::role_text;
use crate::steps::anti_incompatibility::message_in;
use hutong_model::{joined, msg, Arg, Finding, Message};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng as _, SeedableRng};
use serde_json::{json, Value};

/// Extra random draws after every pool operation has been sent once (OE-05).
const EXTRA_DRAWS: usize = 8;
/// Pages of one listing the comparison follows through `next` (OE-05); more is an `error`.
const MAX_FOLLOWED_PAGES: usize = 100;

/// A seeded random generator for this run and this purpose.
pub(super) fn rng(w: &PlatformWorld, purpose: &str) -> rand_chacha::ChaCha8Rng {
    let salt = purpose.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    rand_chacha::ChaCha8Rng::seed_from_u64(w.ctx().seed ^ salt)
}

/// The clients compared: two unrelated third parties and, when the target supplies it, the
/// platform's own affiliated client (which cannot register itself).
#[given("the harness acts as every client of the uniform-rule comparison")]
async fn every_client(w: &mut PlatformWorld) {
    let mut roles = vec!["third-party-a", "third-party-b"];
    if w.ctx().credentials.contains_key("affiliated") {
        roles.push("affiliated");
    } else {
        w.note_limitation(msg!("steps-oe-uniform-no-affiliated"));
    }
    let mut clients = Vec::new();
    for role in roles {
        w.authenticate(role).await;
        clients.push(json!({ "role": role, "token": w.token.clone() }));
    }
    // Later steps that act as one client (building the request pool) act as the first.
    w.token = clients[0]["token"].as_str().map(str::to_string);
    w.oe.clients = Some(json!(clients));
}

pub(super) fn clients(w: &PlatformWorld) -> Vec<(String, String)> {
    earlier!(w.oe.clients)
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["role"].as_str()?.to_string(), c["token"].as_str()?.to_string())))
        .collect()
}

/// The safe operations as (name, URL); with `identifying_only`, only those that identify the
/// client (declared security), when there are any.
pub(crate) fn pool(w: &PlatformWorld, identifying_only: bool) -> Vec<(String, String)> {
    let entries: Vec<&Value> = earlier!(w.oe.safe_pool).as_array().into_iter().flatten().collect();
    let identifying = entries.iter().any(|e| e["identifies_client"] == true);
    entries
        .into_iter()
        .filter(|e| !(identifying_only && identifying) || e["identifies_client"] == true)
        .filter_map(|e| Some((e["name"].as_str()?.to_string(), e["url"].as_str()?.to_string())))
        .collect()
}

/// Sends GET `url` as `token`.
async fn get_as(w: &PlatformWorld, url: &str, token: &str, label: String) -> hutong_http::Response {
    w.ctx().http.get(url).bearer(token).label(label).send(&w.rec).await.or_raise()
}

/// The role name of a collected entry.
fn role_of(entry: &Value) -> &str {
    entry["role"].as_str().unwrap_or_default()
}

/// How findings name the request of a collected answer (`#3 listProducts page 2`).
fn request_of(answer: &Value) -> Message {
    message_in(&answer["request_text"]).unwrap_or_else(|| Message::verbatim(answer["request"].as_str().unwrap_or_default()))
}

/// The status of a collected answer: its number, or that the listing had ended before.
fn status_of(answer: &Value) -> Arg {
    match answer["status"].as_u64() {
        Some(status) => status.into(),
        None => msg!("steps-oe-uniform-no-page").into(),
    }
}

/// The differences found, at most `shown` of them, with `...` when there are more.
fn first_differences(differences: Vec<Message>, shown: usize) -> Option<Message> {
    let more = differences.len() > shown;
    joined(differences.into_iter().take(shown).chain(more.then(|| msg!("steps-oe-uniform-more"))))
}

// --- OE-05 ----------------------------------------------------------------------------------

#[when("every client sends the same randomised sequence of safe requests")]
async fn same_sequence(w: &mut PlatformWorld) {
    let pool = pool(w, false);
    let mut sequence = pool.clone();
    let mut r = rng(w, "uniform-sequence");
    sequence.shuffle(&mut r);
    for _ in 0..EXTRA_DRAWS {
        sequence.push(pool.choose(&mut r).expect("the pool is not empty").clone());
    }
    let volatile = w.ctx().discovery.volatile_fields();
    let clients = clients(w);
    let mut seen: Vec<Vec<Value>> = vec![Vec::new(); clients.len()];
    // Request by request, the clients in a fresh random order each time (OPIS §8.1), and every
    // listing followed through its `next` pages to the end, page by page for every client alike.
    for (i, (name, url)) in sequence.iter().enumerate() {
        let mut urls: Vec<Option<String>> = vec![Some(url.clone()); clients.len()];
        let mut visited: Vec<std::collections::HashSet<String>> = vec![Default::default(); clients.len()];
        let mut page = 0usize;
        while urls.iter().any(Option::is_some) {
            if page >= MAX_FOLLOWED_PAGES {
                raise(Finding::error(msg!("steps-oe-uniform-too-many-pages", index = i, operation = name.clone(), max = MAX_FOLLOWED_PAGES)));
            }
            let request_text = if page == 0 {
                msg!("steps-oe-uniform-request", index = i, operation = name.clone())
            } else {
                msg!("steps-oe-uniform-request-page", index = i, operation = name.clone(), page = page + 1)
            };
            let label = request_text.en();
            // This page for every client at once (started in a fresh random order, OPIS §8.1),
            // each into its own recorder, added to the evidence client by client.
            let mut order: Vec<usize> = (0..clients.len()).collect();
            order.shuffle(&mut r);
            let mut due = Vec::new();
            for &c in &order {
                let (role, _) = &clients[c];
                match urls[c].take() {
                    None => seen[c].push(json!({ "request": label, "request_text": request_text, "status": "no such page: the listing ended before" })),
                    Some(target) => {
                        if !visited[c].insert(target.clone()) {
                            raise(Finding::fail(msg!(
                                "steps-oe-uniform-pagination-loops",
                                index = i,
                                operation = name.clone(),
                                role = role_text(w, role),
                                url = hutong_model::sanitize_line(&target, 200)
                            )));
                        }
                        due.push((c, target));
                    }
                }
            }
            let ctx = w.ctx();
            let answers = futures::future::join_all(due.iter().map(|(c, target)| {
                let (role, token) = &clients[*c];
                let request = ctx.http.get(target).bearer(token).label(format!("uniform {label} as {role}"));
                let rec = w.side_recorder();
                async move {
                    let response = request.send(&rec).await;
                    (response, rec.take())
                }
            }))
            .await;
            for ((c, _), (response, exchanges)) in due.iter().zip(answers) {
                let c = *c;
                let recorded = w.adopt(exchanges);
                let response = response.or_raise();
                let json = response.json_value().ok();
                if response.status == 200 {
                    // A `next` that is not a URL ends this client's listing (the difference shows).
                    urls[c] = hutong_checks::paging::next_page(&response, json.as_ref().unwrap_or(&Value::Null)).unwrap_or(None);
                }
                let body = match json {
                    Some(b) => {
                        check_volatile_fields(&volatile, [&b]).or_raise();
                        normalize(b, &volatile)
                    }
                    None => json!({ "non-json-bytes": response.body.len() }),
                };
                let policy = response.header("ratelimit-policy").map(str::to_string);
                seen[c].push(json!({ "request": label, "request_text": request_text, "status": response.status, "body": body, "ratelimit_policy": policy, "exchange": recorded.last() }));
            }
            page += 1;
        }
    }
    let answers: Vec<Value> = clients.iter().zip(seen).map(|((role, _), answers)| json!({ "role": role, "answers": answers })).collect();
    w.oe.uniform_answers = Some(json!(answers));
}

#[then("every client gets the same status and normalised body for every request")]
fn same_answers(w: &mut PlatformWorld) {
    let all = earlier!(w.oe.uniform_answers).as_array().cloned().unwrap_or_default();
    let Some((first, rest)) = all.split_first() else { raise(Finding::error(msg!("steps-oe-uniform-no-answers"))) };
    let mut differences = Vec::new();
    let mut exchanges = Vec::new();
    for other in rest {
        let pairs = first["answers"].as_array().into_iter().flatten().zip(other["answers"].as_array().into_iter().flatten());
        for (a, b) in pairs {
            let differs = if a["status"] != b["status"] {
                differences.push(msg!(
                    "steps-oe-uniform-status-differs",
                    request = request_of(a),
                    status = status_of(a),
                    role = role_text(w, role_of(first)),
                    other_status = status_of(b),
                    other_role = role_text(w, role_of(other))
                ));
                true
            } else if let Some(d) = first_difference(&a["body"], &b["body"]) {
                differences.push(msg!(
                    "steps-oe-uniform-bodies-differ",
                    request = request_of(a),
                    role = role_text(w, role_of(first)),
                    other_role = role_text(w, role_of(other)),
                    difference = d
                ));
                true
            } else {
                false
            };
            if differs {
                exchanges.extend([&a["exchange"], &b["exchange"]].into_iter().filter_map(|e| e.as_u64().map(|e| e as usize)));
            }
        }
    }
    let count = differences.len();
    if let Some(differences) = first_differences(differences, 5) {
        raise(Finding::fail(msg!("steps-oe-uniform-answers-differ", count = count, differences = differences)).with_exchanges(exchanges.into_iter().take(20)));
    }
}

/// OE-02 (registration metadata): the `RateLimit-Policy` header field (draft-ietf-httpapi-
/// ratelimit-headers), where sent, is the same for every client on every request of the sequence.
#[then("every client is told the same RateLimit-Policy on every request")]
fn same_ratelimit_policy(w: &mut PlatformWorld) {
    let all = earlier!(w.oe.uniform_answers).as_array().cloned().unwrap_or_default();
    let Some((first, rest)) = all.split_first() else { raise(Finding::error(msg!("steps-oe-uniform-no-answers"))) };
    let mut differences = Vec::new();
    let mut exchanges = Vec::new();
    for other in rest {
        let pairs = first["answers"].as_array().into_iter().flatten().zip(other["answers"].as_array().into_iter().flatten());
        for (a, b) in pairs.filter(|(a, b)| a["ratelimit_policy"] != b["ratelimit_policy"]) {
            differences.push(msg!(
                "steps-oe-uniform-policy-header-differs",
                request = request_of(a),
                policy = a["ratelimit_policy"].to_string(),
                role = role_text(w, role_of(first)),
                other_policy = b["ratelimit_policy"].to_string(),
                other_role = role_text(w, role_of(other))
            ));
            exchanges.extend([&a["exchange"], &b["exchange"]].into_iter().filter_map(|e| e.as_u64().map(|e| e as usize)));
        }
    }
    let count = differences.len();
    if let Some(differences) = first_differences(differences, 3) {
        raise(Finding::fail(msg!("steps-oe-uniform-told-different-limits", count = count, differences = differences)).with_exchanges(exchanges.into_iter().take(20)));
    }
}

// --- OE-06 ----------------------------------------------------------------------------------

/// Rounds per latency window, after its discarded warm-up round (OE-06, OPIS §8.4).
const WINDOW_ROUNDS: usize = 30;
/// Rounds of a window in flight at once; the clients of a round are always sent at once.
const ROUNDS_IN_FLIGHT: usize = 3;
/// Longest random pause before a round starts, in ms (drawn from the seed for every round).
const ROUND_JITTER_MS: u64 = 15;
/// Sustained traffic each client sends before the window that follows it: drawn from the seed
/// between these numbers of requests (OE-06, OE-07; OPIS §5.1), and at most a quarter of the
/// smallest published per-client limit other than the probe's.
pub(crate) const SUSTAINED_TRAFFIC: (u64, u64) = (60, 90);
/// Requests of the sustained traffic in flight at once.
const TRAFFIC_IN_FLIGHT: usize = 6;
/// Time a window needs at most, kept in reserve when waiting for the run's progress.
const WINDOW_RESERVE: std::time::Duration = std::time::Duration::from_secs(20);

/// The share of the run's other scenarios finished before the middle and the end window, drawn
/// from the seed within these bounds (OPIS §5.1), so that no fixed schedule can be detected.
const MIDDLE_AT: (f64, f64) = (0.3, 0.6);
const END_AT: (f64, f64) = (0.85, 1.0);

/// How many requests of sustained traffic each client sends in this run: drawn from the seed in
/// [`SUSTAINED_TRAFFIC`], capped at a quarter of the smallest published per-client limit other
/// than the probe's (the policy is read leniently: without one, no cap).
pub(crate) async fn sustained_volume(w: &PlatformWorld, r: &mut impl rand::Rng) -> u64 {
    let drawn = r.random_range(SUSTAINED_TRAFFIC.0..=SUSTAINED_TRAFFIC.1);
    let Ok(url) = w.ctx().discovery.endpoint("rate_limit_policy") else { return drawn };
    if crate::runner::world::check_on_platform(&w.ctx(), &url, msg!("steps-oe-uniform-policy")).is_err() {
        return drawn;
    }
    let Ok(response) = w.ctx().http.get(url.as_str()).label("rate-limit policy (sustained traffic volume)").send(&w.rec).await else { return drawn };
    let Ok(policy) = response.json_value() else { return drawn };
    let probe = policy.pointer("/probe/limit").and_then(Value::as_str).unwrap_or_default().to_string();
    let smallest = policy["limits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l["scope"] == "per-client" && l["id"].as_str() != Some(probe.as_str()))
        .filter_map(|l| l["requests"].as_u64())
        .min();
    smallest.map_or(drawn, |s| drawn.min(s / 4))
}

/// Sends `volume` safe requests of `pool` as every client (the same number each), in a seeded
/// random mix, [`TRAFFIC_IN_FLIGHT`] at a time: a history of sustained use (OE-06, OE-07).
pub(crate) async fn sustained_traffic(w: &PlatformWorld, pool: &[(String, String)], clients: &[(String, String)], volume: u64, r: &mut impl rand::Rng) {
    use futures::StreamExt as _;
    let mut requests: Vec<(usize, (String, String))> =
        (0..volume).flat_map(|_| (0..clients.len()).map(|c| (c, pool.choose(r).expect("the pool is not empty").clone())).collect::<Vec<_>>()).collect();
    requests.shuffle(r);
    let ctx = w.ctx();
    let rec = w.side_recorder();
    let responses: Vec<_> = futures::stream::iter(requests.into_iter().enumerate().map(|(i, (c, (name, url)))| {
        let (role, token) = &clients[c];
        ctx.http.get(&url).bearer(token).label(format!("sustained traffic #{i} {name} as {role}")).send(&rec)
    }))
    .buffer_unordered(TRAFFIC_IN_FLIGHT)
    .collect()
    .await;
    w.adopt(rec.take());
    for response in responses {
        response.or_raise();
    }
}

/// Waits until `n` of the run's scenarios have finished, or until only [`WINDOW_RESERVE`] of the
/// scenario's time budget is left; returns how many had finished.
async fn wait_for_progress(w: &PlatformWorld, n: usize) -> usize {
    let ctx = w.ctx();
    let wait = ctx.progress.wait_for(n);
    match w.rec.deadline().and_then(|d| d.checked_sub(WINDOW_RESERVE)) {
        Some(latest) => {
            let _ = tokio::time::timeout_at(tokio::time::Instant::from_std(latest), wait).await;
        }
        None => wait.await,
    }
    ctx.progress.finished()
}

/// One window: a discarded warm-up round, then [`WINDOW_ROUNDS`] rounds of one seeded safe request
/// each, every client's copy of a round sent at once in a fresh random order after a random pause,
/// [`ROUNDS_IN_FLIGHT`] rounds at a time. Returns each client's latencies in ms, round by round.
async fn latency_window(w: &PlatformWorld, window: &str, pool: &[(String, String)], clients: &[(String, String)], r: &mut impl rand::Rng) -> Vec<Vec<f64>> {
    use futures::StreamExt as _;
    let rounds: Vec<(usize, (String, String), Vec<usize>, u64)> = (0..=WINDOW_ROUNDS)
        .map(|round| {
            let mut order: Vec<usize> = (0..clients.len()).collect();
            order.shuffle(r);
            (round, pool.choose(r).expect("the pool is not empty").clone(), order, r.random_range(0..=ROUND_JITTER_MS))
        })
        .collect();
    let ctx = w.ctx();
    let answers: Vec<_> = futures::stream::iter(rounds.into_iter().map(|(round, (name, url), order, pause)| {
        let rec = w.side_recorder();
        let requests: Vec<_> = order
            .iter()
            .map(|&c| {
                let (role, token) = &clients[c];
                (c, ctx.http.get(&url).bearer(token).label(format!("latency {window} round {round} {name} as {role}")))
            })
            .collect();
        async move {
            tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
            let sent = futures::future::join_all(requests.into_iter().map(|(c, request)| {
                let rec = &rec;
                async move { (c, request.send(rec).await) }
            }))
            .await;
            (round, sent, rec.take())
        }
    }))
    .buffered(ROUNDS_IN_FLIGHT)
    .collect()
    .await;
    let mut samples = vec![Vec::new(); clients.len()];
    for (round, sent, exchanges) in answers {
        w.adopt(exchanges);
        for (c, response) in sent {
            let response = response.or_raise();
            if round > 0 {
                samples[c].push(response.elapsed.as_secs_f64() * 1000.0);
            }
        }
    }
    samples
}

#[when("every client sends interleaved rounds of the same randomised safe request in windows across the run")]
async fn windows_across_the_run(w: &mut PlatformWorld) {
    // Only operations that identify the client can treat clients differently.
    let pool = pool(w, true);
    let clients = clients(w);
    let mut r = rng(w, "uniform-latency-windows");
    let ctx = w.ctx();
    let others = ctx.progress.total().saturating_sub(1);
    let at = |bounds: (f64, f64), r: &mut rand_chacha::ChaCha8Rng| (others as f64 * r.random_range(bounds.0..=bounds.1)).ceil() as usize;
    let (middle_at, end_at) = (at(MIDDLE_AT, &mut r), at(END_AT, &mut r));
    let mut windows = Vec::new();
    let mut record = |window: Message, finished: usize, samples: Vec<Vec<f64>>| {
        let clients: Vec<Value> = clients.iter().zip(samples).map(|((role, _), s)| json!({ "role": role, "ms": s })).collect();
        windows.push(json!({ "window": window.en(), "window_text": window, "finished": finished, "clients": clients }));
    };
    // At the start of the run, before the clients have much of a history.
    let samples = latency_window(w, "start", &pool, &clients, &mut r).await;
    record(msg!("steps-oe-uniform-window-start"), ctx.progress.finished(), samples);
    // In the middle of the run, under the load of the other scenarios.
    let finished = wait_for_progress(w, middle_at).await;
    let samples = latency_window(w, "middle", &pool, &clients, &mut r).await;
    record(msg!("steps-oe-uniform-window-middle"), finished, samples);
    // After every client has sent the same sustained traffic.
    let volume = sustained_volume(w, &mut r).await;
    sustained_traffic(w, &pool, &clients, volume, &mut r).await;
    let samples = latency_window(w, "after sustained traffic", &pool, &clients, &mut r).await;
    record(msg!("steps-oe-uniform-window-after-traffic", volume = volume), ctx.progress.finished(), samples);
    // At the end of the run.
    let finished = wait_for_progress(w, end_at).await;
    let samples = latency_window(w, "end", &pool, &clients, &mut r).await;
    record(msg!("steps-oe-uniform-window-end"), finished, samples);
    w.oe.latency_windows = Some(json!({ "others": others, "windows": windows }));
}

#[then("no client is served measurably slower than another in any window")]
fn no_client_slower(w: &mut PlatformWorld) {
    let recorded = earlier!(w.oe.latency_windows).clone();
    let others = recorded["others"].as_u64().unwrap_or_default();
    // Each window's name as the statistics name it (in English), and as findings name it.
    let mut names = std::collections::BTreeMap::new();
    let windows: Vec<stats::LatencyWindow> = recorded["windows"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|win| {
            let window = message_in(&win["window_text"]).unwrap_or_else(|| Message::verbatim(win["window"].as_str().unwrap_or_default()));
            let text = msg!("steps-oe-uniform-window", window = window, finished = win["finished"].as_u64().unwrap_or_default(), others = others);
            let name = text.en();
            names.insert(name.clone(), text);
            (name, win)
        })
        .map(|(name, win)| stats::LatencyWindow {
            name,
            clients: win["clients"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| (c["role"].as_str().unwrap_or_default().to_string(), c["ms"].as_array().into_iter().flatten().filter_map(Value::as_f64).collect()))
                .collect(),
        })
        .collect();
    let slower = stats::slower_in_windows(&windows, OPIS_LATENCY_RULE).unwrap_or_else(|e| raise(Finding::error(msg!("steps-oe-uniform-latency-unjudged", error = e))));
    let described = slower.iter().map(|s| {
        msg!(
            "steps-oe-uniform-slower",
            window = names.get(&s.window).cloned().unwrap_or_else(|| Message::verbatim(s.window.clone())),
            slower = role_text(w, &s.slower),
            than = role_text(w, &s.than),
            difference_ms = format!("{:.1}", s.median_difference_ms),
            median_ms = format!("{:.1}", s.medians_ms.0),
            other_median_ms = format!("{:.1}", s.medians_ms.1),
            w_plus = format!("{:.0}", s.test.w_plus),
            pairs = s.test.n,
            p = format!("{:.2e}", s.test.p)
        )
    });
    if let Some(described) = joined(described) {
        raise(Finding::fail(msg!(
            "steps-oe-uniform-latency-differs",
            alpha = OPIS_LATENCY_RULE.alpha.to_string(),
            tests = slower[0].family,
            windows = windows.len(),
            min_ms = OPIS_LATENCY_RULE.min_median_difference_ms.to_string(),
            rounds = WINDOW_ROUNDS,
            slower = described
        )));
    }
}

// --- OE-08 ----------------------------------------------------------------------------------

#[when("each client fetches the published rate-limit policy")]
async fn each_client_policy(w: &mut PlatformWorld) {
    let url = w.endpoint("rate_limit_policy");
    let volatile = w.ctx().discovery.volatile_fields();
    let mut seen = Vec::new();
    for (role, token) in clients(w) {
        let response = get_as(w, url.as_str(), &token, format!("rate-limit policy as {role}")).await;
        hutong_checks::expect_status(&response, 200, msg!("steps-oe-uniform-policy-as", role = role_text(w, &role))).or_raise();
        let body = hutong_checks::json_body(&response, msg!("steps-oe-uniform-policy")).or_raise();
        check_volatile_fields(&volatile, [&body]).or_raise();
        let header = response.header("ratelimit-policy").map(str::to_string);
        seen.push(json!({ "role": role, "policy": normalize(body, &volatile), "header": header }));
    }
    w.oe.policies = Some(json!(seen));
}

#[then("every client is shown the same policy, in the document and in the RateLimit-Policy header")]
fn same_policy(w: &mut PlatformWorld) {
    let all = earlier!(w.oe.policies).as_array().cloned().unwrap_or_default();
    let Some((first, rest)) = all.split_first() else { raise(Finding::error(msg!("steps-oe-uniform-no-policy"))) };
    let mut differences = Vec::new();
    for other in rest {
        if let Some(d) = first_difference(&first["policy"], &other["policy"]) {
            differences.push(msg!("steps-oe-uniform-policy-documents-differ", role = role_text(w, role_of(first)), other_role = role_text(w, role_of(other)), difference = d));
        }
        if first["header"] != other["header"] {
            differences.push(msg!(
                "steps-oe-uniform-policy-header",
                policy = first["header"].to_string(),
                role = role_text(w, role_of(first)),
                other_policy = other["header"].to_string(),
                other_role = role_text(w, role_of(other))
            ));
        }
    }
    if let Some(differences) = joined(differences) {
        raise(Finding::fail(msg!("steps-oe-uniform-shown-different-limits", differences = differences)));
    }
}
