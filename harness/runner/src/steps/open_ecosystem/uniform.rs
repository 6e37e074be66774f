//! OE-05, OE-06, OE-08: one uniform rule for every client (differential testing).

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::differential::{check_volatile_fields, first_difference, normalize};
use hutong_checks::stats::{self, OPIS_LATENCY_RULE};
use hutong_model::Finding;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::SeedableRng;
use serde_json::{json, Value};

/// Extra random draws after every pool operation has been sent once (OE-05).
const EXTRA_DRAWS: usize = 8;
/// Pages of one listing the comparison follows through `next` (OE-05); more is an `error`.
const MAX_FOLLOWED_PAGES: usize = 100;
/// Interleaved latency rounds per client, after one warm-up round (OE-06).
const LATENCY_ROUNDS: usize = 40;

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
        w.note_limitation(
            "the affiliated client's credentials were not supplied (target file [credentials.affiliated]): only unrelated third parties were compared, so a better treatment of the platform's own client cannot be seen",
        );
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
fn pool(w: &PlatformWorld, identifying_only: bool) -> Vec<(String, String)> {
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
                raise(Finding::error(format!(
                    "#{i} {name}: the listing has more than {MAX_FOLLOWED_PAGES} pages; the comparison follows at most that many"
                )));
            }
            let label = if page == 0 { format!("#{i} {name}") } else { format!("#{i} {name} page {}", page + 1) };
            // This page for every client at once (started in a fresh random order, OPIS §8.1),
            // each into its own recorder, added to the evidence client by client.
            let mut order: Vec<usize> = (0..clients.len()).collect();
            order.shuffle(&mut r);
            let mut due = Vec::new();
            for &c in &order {
                let (role, _) = &clients[c];
                match urls[c].take() {
                    None => seen[c].push(json!({ "request": label, "status": "no such page: the listing ended before" })),
                    Some(target) => {
                        if !visited[c].insert(target.clone()) {
                            raise(Finding::fail(format!("#{i} {name}: pagination loops for {role}: {} was linked as `next` twice", hutong_model::sanitize_line(&target, 200))));
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
                seen[c].push(json!({ "request": label, "status": response.status, "body": body, "ratelimit_policy": policy, "exchange": recorded.last() }));
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
    let Some((first, rest)) = all.split_first() else { raise(Finding::error("no answers were collected")) };
    let mut differences = Vec::new();
    let mut exchanges = Vec::new();
    for other in rest {
        let pairs = first["answers"].as_array().into_iter().flatten().zip(other["answers"].as_array().into_iter().flatten());
        for (a, b) in pairs {
            let request = a["request"].as_str().unwrap_or_default();
            let differs = if a["status"] != b["status"] {
                differences.push(format!("{request}: HTTP {} for {} against {} for {}", a["status"], role_of(first), b["status"], role_of(other)));
                true
            } else if let Some(d) = first_difference(&a["body"], &b["body"]) {
                differences.push(format!("{request}: bodies for {} and {} differ at {d}", role_of(first), role_of(other)));
                true
            } else {
                false
            };
            if differs {
                exchanges.extend([&a["exchange"], &b["exchange"]].into_iter().filter_map(|e| e.as_u64().map(|e| e as usize)));
            }
        }
    }
    if !differences.is_empty() {
        let shown: Vec<String> = differences.iter().take(5).cloned().collect();
        raise(
            Finding::fail(format!(
                "{} answer(s) differ between clients: {}{}",
                differences.len(),
                shown.join("; "),
                if differences.len() > shown.len() { "; ..." } else { "" }
            ))
            .with_exchanges(exchanges.into_iter().take(20)),
        );
    }
}

/// OE-02 (registration metadata): the `RateLimit-Policy` header field (draft-ietf-httpapi-
/// ratelimit-headers), where sent, is the same for every client on every request of the sequence.
#[then("every client is told the same RateLimit-Policy on every request")]
fn same_ratelimit_policy(w: &mut PlatformWorld) {
    let all = earlier!(w.oe.uniform_answers).as_array().cloned().unwrap_or_default();
    let Some((first, rest)) = all.split_first() else { raise(Finding::error("no answers were collected")) };
    let mut differences = Vec::new();
    let mut exchanges = Vec::new();
    for other in rest {
        let pairs = first["answers"].as_array().into_iter().flatten().zip(other["answers"].as_array().into_iter().flatten());
        for (a, b) in pairs.filter(|(a, b)| a["ratelimit_policy"] != b["ratelimit_policy"]) {
            differences.push(format!(
                "{}: RateLimit-Policy {} for {} against {} for {}",
                a["request"].as_str().unwrap_or_default(),
                a["ratelimit_policy"],
                role_of(first),
                b["ratelimit_policy"],
                role_of(other)
            ));
            exchanges.extend([&a["exchange"], &b["exchange"]].into_iter().filter_map(|e| e.as_u64().map(|e| e as usize)));
        }
    }
    if !differences.is_empty() {
        let shown: Vec<&String> = differences.iter().take(3).collect();
        raise(
            Finding::fail(format!(
                "clients are told different rate limits on {} request(s): {}{}",
                differences.len(),
                shown.iter().map(|d| d.as_str()).collect::<Vec<_>>().join("; "),
                if differences.len() > shown.len() { "; ..." } else { "" }
            ))
            .with_exchanges(exchanges.into_iter().take(20)),
        );
    }
}

// --- OE-06 ----------------------------------------------------------------------------------

#[when("every client sends interleaved rounds of the same randomised safe request")]
async fn interleaved_rounds(w: &mut PlatformWorld) {
    // Only operations that identify the client can treat clients differently.
    let pool = pool(w, true);
    let clients = clients(w);
    let mut r = rng(w, "uniform-latency");
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); clients.len()];
    for round in 0..=LATENCY_ROUNDS {
        let (name, url) = pool.choose(&mut r).expect("the pool is not empty").clone();
        let mut order: Vec<usize> = (0..clients.len()).collect();
        order.shuffle(&mut r);
        for i in order {
            let (role, token) = &clients[i];
            let response = get_as(w, &url, token, format!("latency round {round} {name} as {role}")).await;
            if round > 0 {
                samples[i].push(response.elapsed.as_secs_f64() * 1000.0);
            }
        }
    }
    let named: Vec<Value> = clients.iter().zip(samples).map(|((role, _), s)| json!({ "role": role, "ms": s })).collect();
    w.oe.latency_samples = Some(json!(named));
}

#[then("no client is served measurably slower than another")]
fn no_client_slower(w: &mut PlatformWorld) {
    let samples: Vec<(String, Vec<f64>)> = earlier!(w.oe.latency_samples)
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| (c["role"].as_str().unwrap_or_default().to_string(), c["ms"].as_array().into_iter().flatten().filter_map(Value::as_f64).collect()))
        .collect();
    if let Some((role, s)) = samples.iter().find(|(_, s)| s.len() < stats::MIN_LATENCY_SAMPLES) {
        raise(Finding::error(format!(
            "only {} latency samples were collected for {role}; OPIS §8.4 needs at least {} per client",
            s.len(),
            stats::MIN_LATENCY_SAMPLES
        )));
    }
    let slower = stats::slower_clients(&samples, OPIS_LATENCY_RULE);
    if !slower.is_empty() {
        let described: Vec<String> = slower
            .iter()
            .map(|s| {
                format!(
                    "{} is slower than {} (median {:.1} ms against {:.1} ms; one-sided Mann–Whitney U = {:.0}, p = {:.2e})",
                    s.slower, s.than, s.medians_ms.0, s.medians_ms.1, s.test.u, s.test.p
                )
            })
            .collect();
        raise(Finding::fail(format!(
            "latency differs between clients (α = {} family-wise, ≥ {} ms on medians, {} samples each): {}",
            OPIS_LATENCY_RULE.alpha,
            OPIS_LATENCY_RULE.min_median_difference_ms,
            LATENCY_ROUNDS,
            described.join("; ")
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
        hutong_checks::expect_status(&response, 200, &format!("the rate-limit policy as {role}")).or_raise();
        let body = hutong_checks::json_body(&response, "the rate-limit policy").or_raise();
        check_volatile_fields(&volatile, [&body]).or_raise();
        let header = response.header("ratelimit-policy").map(str::to_string);
        seen.push(json!({ "role": role, "policy": normalize(body, &volatile), "header": header }));
    }
    w.oe.policies = Some(json!(seen));
}

#[then("every client is shown the same policy, in the document and in the RateLimit-Policy header")]
fn same_policy(w: &mut PlatformWorld) {
    let all = earlier!(w.oe.policies).as_array().cloned().unwrap_or_default();
    let Some((first, rest)) = all.split_first() else { raise(Finding::error("no policy was collected")) };
    let mut differences = Vec::new();
    for other in rest {
        if let Some(d) = first_difference(&first["policy"], &other["policy"]) {
            differences.push(format!("the policy documents for {} and {} differ at {d}", role_of(first), role_of(other)));
        }
        if first["header"] != other["header"] {
            differences.push(format!(
                "RateLimit-Policy is {} for {} and {} for {}",
                first["header"], role_of(first), other["header"], role_of(other)
            ));
        }
    }
    if !differences.is_empty() {
        raise(Finding::fail(format!("clients are shown different rate limits: {}", differences.join("; "))));
    }
}
