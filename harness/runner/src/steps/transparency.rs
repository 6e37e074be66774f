//! Steps of `features/transparency/`: the transparency disclosures, search (paid placements,
//! orderings, self-operated marking), merchants' licence information and fee quotes.

use crate::identities::{PersonKind, PERSONAS};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_http::{RequestBuilder, Response};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::SeedableRng;
use hutong_checks::disclosure;
use hutong_checks::transparency as tp;
use hutong_model::{msg, Finding, Message};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Most merchants whose licence information and fee quote a scenario reads (the first listed).
pub const MAX_MERCHANTS: usize = 100;

/// Results asked of each search (`limit`).
const SEARCH_LIMIT: &str = "100";

/// Results of the price ordering whose price is compared with `getProduct`.
const PRICE_CHECKS: usize = 20;

/// What the steps of `features/transparency/` pass to later steps of the same scenario.
#[derive(Debug, Default)]
pub struct State {
    /// Current disclosure documents by kind (`null` for an optional kind not published).
    pub documents: BTreeMap<String, Value>,
    /// Searches made: `{query, sort, items}`.
    pub searches: Option<Vec<Value>>,
    /// The merchants listed (at most [`MAX_MERCHANTS`]).
    pub merchants: Option<Vec<Value>>,
    /// Licence information per listed merchant: `{merchant_id, status, body}`.
    pub licences: Option<Vec<Value>>,
    /// Fee quotes per listed merchant: `{merchant_id, status, body}`.
    pub quotes: Option<Vec<Value>>,
    /// The tokens of `persona-a` (through `third-party-a`) and `persona-b` (through
    /// `third-party-b`), once their histories are built.
    pub personas: Option<[String; 2]>,
    /// Rounds of answers to the two personas: `{what, a, b}` (TP-02) or `{a, b}` (TP-04).
    pub rounds: Option<Value>,
    /// The personas' default (personalised) recommendations, asked at the same time (TP-02).
    pub defaults: Option<Value>,
    /// What TP-03 saw: `{after_off, non_personalised, deleted, tags_after}`.
    pub off: Option<Value>,
}

/// GET `url` without credentials (disclosures are public): the status and the JSON body.
async fn get_public(w: &mut PlatformWorld, url: &str, what: Message) -> (u16, Value) {
    let request = w.ctx().http.get(url).label(what.en());
    let response = w.send(request).await;
    let body = if response.status == 200 { hutong_checks::json_body(&response, what).or_raise() } else { Value::Null };
    (response.status, body)
}

async fn current_document(w: &mut PlatformWorld, kind: &str, optional: bool) -> Value {
    let url = w.endpoint("disclosures");
    let (status, index) = get_public(w, url.as_str(), msg!("steps-transparency-the-index")).await;
    if status != 200 {
        raise(Finding::fail(msg!("steps-transparency-index-status", status = status)));
    }
    let listed = disclosure::listed(&index);
    let Some(d) = listed.iter().find(|d| d.kind == kind) else {
        if optional {
            return Value::Null;
        }
        raise(Finding::fail(msg!("steps-transparency-index-lists-no", kind = kind)));
    };
    let (status, doc) = get_public(w, &d.current, msg!("steps-transparency-current", kind = kind)).await;
    if status != 200 {
        raise(Finding::fail(msg!("steps-transparency-document-status", kind = kind, status = status)));
    }
    disclosure::check_document(&doc, kind, msg!("steps-transparency-current-document", kind = kind)).or_raise();
    doc
}

#[when(expr = "the harness fetches the current {string} disclosure")]
async fn fetch_disclosure(w: &mut PlatformWorld, kind: String) {
    let doc = current_document(w, &kind, false).await;
    w.tp.documents.insert(kind, doc);
}

#[when(expr = "the harness fetches the current {string} disclosure, if the platform publishes one")]
async fn fetch_optional_disclosure(w: &mut PlatformWorld, kind: String) {
    let doc = current_document(w, &kind, true).await;
    w.tp.documents.insert(kind, doc);
}

fn document<'a>(w: &'a PlatformWorld, kind: &str) -> &'a Value {
    w.tp.documents.get(kind).unwrap_or_else(|| raise(Finding::error(msg!("steps-transparency-no-document", kind = kind))))
}

/// One search: `q`, and `sort` when given; a non-200 answer is a `fail`.
async fn search(w: &mut PlatformWorld, q: &str, sort: Option<&str>) -> Value {
    let url = w.endpoint("search");
    let mut query: Vec<(&str, &str)> = vec![("q", q), ("limit", SEARCH_LIMIT)];
    if let Some(s) = sort {
        query.push(("sort", s));
    }
    let named = match sort {
        Some(s) => msg!("steps-transparency-search-ordered", query = format!("{q:?}"), sort = s),
        None => msg!("steps-transparency-search", query = format!("{q:?}")),
    };
    let request = w.request(http::Method::GET, url.as_str()).query(&query).label(named.en());
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, named.clone()).or_raise();
    let body = hutong_checks::json_body(&response, named.clone()).or_raise();
    let items = body.get("items").filter(|i| i.is_array()).cloned().unwrap_or_else(|| raise(Finding::fail(msg!("steps-transparency-no-items")).context(named)));
    json!({ "query": q, "sort": sort, "items": items })
}

fn searches(w: &PlatformWorld) -> Vec<Value> {
    earlier!(w.tp.searches).clone()
}

/// Every result of every search of the scenario, in order.
fn all_results(w: &PlatformWorld) -> Value {
    Value::Array(searches(w).iter().flat_map(|s| s["items"].as_array().cloned().unwrap_or_default()).collect())
}

#[when("the harness searches for the query of every declared sandbox paid placement, and for everything")]
async fn search_placements(w: &mut PlatformWorld) {
    let declared = hutong_checks::capabilities::test_resources(&w.discovery().capabilities).or_raise().sponsored_placements;
    let mut queries: Vec<String> = declared.iter().flatten().map(|p| p.query.clone()).collect();
    queries.dedup();
    let mut done = vec![search(w, "", None).await];
    for q in queries {
        done.push(search(w, &q, None).await);
    }
    w.tp.searches = Some(done);
}

#[when("the harness searches for everything ordered by price, by sales and by rating")]
async fn search_orderings(w: &mut PlatformWorld) {
    let mut done = w.tp.searches.take().unwrap_or_default();
    for (sort, _, _) in tp::SORTS {
        done.push(search(w, "", Some(sort)).await);
    }
    w.tp.searches = Some(done);
}

#[then("every result flagged sponsored is labelled 广告, and every declared placement appears so")]
fn sponsored_labelled(w: &mut PlatformWorld) {
    let declared = hutong_checks::capabilities::test_resources(&w.discovery().capabilities).or_raise().sponsored_placements;
    let declared = match declared {
        Some(list) => serde_json::to_value(list).unwrap_or_default(),
        None => Value::Null,
    };
    tp::check_sponsored(&declared, &Value::Array(searches(w))).or_raise();
}

#[then("each ordering is in its order, sponsored results aside")]
fn orderings(w: &mut PlatformWorld) {
    for s in searches(w) {
        if let Some(sort) = s["sort"].as_str() {
            tp::check_order(sort, &s["items"]).or_raise();
        }
    }
}

#[then("the first results of the price ordering carry the prices the product API serves")]
async fn prices_served(w: &mut PlatformWorld) {
    let by_price = searches(w).into_iter().find(|s| s["sort"] == "price").unwrap_or_else(|| raise(Finding::error(msg!("steps-transparency-no-price-ordering"))));
    let first: Vec<Value> = by_price["items"].as_array().into_iter().flatten().take(PRICE_CHECKS).cloned().collect();
    let products = w.endpoint("products");
    let mut served = Map::new();
    for r in &first {
        let Some(id) = r.get("product_id").and_then(Value::as_str) else { continue };
        let url = sub_url(&products, id, None);
        let request = w.request(http::Method::GET, &url).label(format!("product {id}"));
        let response = w.send(request).await;
        if response.status != 200 {
            raise(Finding::fail(msg!("steps-transparency-product-status", product = format!("{id:?}"), status = response.status)));
        }
        let body = hutong_checks::json_body(&response, msg!("steps-transparency-the-product")).or_raise();
        served.insert(id.to_string(), body.get("price_cents").cloned().unwrap_or(Value::Null));
    }
    tp::check_result_prices(&Value::Array(first), &Value::Object(served)).or_raise();
}

/// `{collection}/{id}[/{tail}]`, the ID percent-encoded as a path segment.
fn sub_url(collection: &url::Url, id: &str, tail: Option<&str>) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
    let base = collection.as_str().trim_end_matches('/');
    match tail {
        Some(t) => format!("{base}/{}/{t}", encoded.replace('+', "%20")),
        None => format!("{base}/{}", encoded.replace('+', "%20")),
    }
}

async fn listed_merchants(w: &mut PlatformWorld) -> Vec<Value> {
    if let Some(m) = &w.tp.merchants {
        return m.clone();
    }
    let url = w.endpoint("merchants");
    let ctx = w.ctx();
    let mut merchants = Vec::new();
    hutong_checks::paging::walk_each(&ctx.http, &w.rec, url.as_str(), w.token.as_deref(), &[], "list merchants", |page| {
        if page.status != 200 {
            return Err(Finding::error(msg!("steps-transparency-merchants-status", status = page.status)));
        }
        for m in page.body.get("items").and_then(Value::as_array).into_iter().flatten() {
            if merchants.len() < MAX_MERCHANTS {
                merchants.push(m.clone());
            }
        }
        Ok(())
    })
    .await
    .or_raise();
    if merchants.is_empty() {
        raise(Finding::error(msg!("steps-transparency-no-merchant")));
    }
    w.tp.merchants = Some(merchants.clone());
    merchants
}

/// GET `{merchants}/{id}/{tail}` for every listed merchant: `{merchant_id, status, body}`.
async fn per_merchant(w: &mut PlatformWorld, tail: &str, what: Message) -> Vec<Value> {
    let merchants = listed_merchants(w).await;
    let collection = w.endpoint("merchants");
    let mut out = Vec::new();
    for m in merchants {
        let Some(id) = m.get("id").and_then(Value::as_str) else { continue };
        let request = w.request(http::Method::GET, &sub_url(&collection, id, Some(tail))).label(format!("{tail} of merchant {id}"));
        let response = w.send(request).await;
        let body = if response.status == 200 { hutong_checks::json_body(&response, what.clone()).or_raise() } else { Value::Null };
        out.push(json!({ "merchant_id": id, "status": response.status, "body": body }));
    }
    out
}

#[when("the harness reads the licence information of the listed merchants")]
async fn read_licences(w: &mut PlatformWorld) {
    let licences = per_merchant(w, "licence", msg!("steps-transparency-licence-information")).await;
    w.tp.licences = Some(licences);
}

#[when("the harness reads the fee quote of each listed merchant")]
async fn read_quotes(w: &mut PlatformWorld) {
    let quotes = per_merchant(w, "fee-quote", msg!("steps-transparency-fee-quote")).await;
    w.tp.quotes = Some(quotes);
}

/// The bodies of the answers that were `200`; the others are named in a `fail` (saying `what` was
/// not served) when `strict`.
fn answered(list: &[Value], what: Message, strict: bool) -> Value {
    let missing: Vec<String> = list.iter().filter(|e| e["status"] != 200).map(|e| format!("{} (HTTP {})", e["merchant_id"], e["status"])).collect();
    if strict && !missing.is_empty() {
        raise(Finding::fail(msg!("steps-transparency-not-served", what = what, merchants = missing.join(", "))));
    }
    Value::Array(list.iter().filter(|e| e["status"] == 200).map(|e| e["body"].clone()).collect())
}

#[then("it explains the principle, purpose and mechanism of recommendation and of search ranking")]
fn ranking_rules(w: &mut PlatformWorld) {
    tp::check_ranking_rules(document(w, "algorithmic-rules")).or_raise();
}

#[then("self_operated is true exactly for the declared self-operated merchants and their results")]
fn self_operated(w: &mut PlatformWorld) {
    // A licence that is not served is TP-10's to judge; here only the served ones are compared.
    let licences = answered(earlier!(w.tp.licences), msg!("steps-transparency-licence-information"), false);
    tp::check_self_operated(document(w, "operator-identity"), &licences, &all_results(w)).or_raise();
}

#[then("every action was published within the declared days and cites a section of the platform rules")]
async fn enforcement(w: &mut PlatformWorld) {
    let doc = document(w, "enforcement-actions").clone();
    let mut rules = Map::new();
    for url in tp::enforcement_rule_urls(&doc) {
        let parsed = url::Url::parse(&url).ok().filter(|u| crate::runner::world::is_on_platform(&w.ctx(), u));
        let fetched = match parsed {
            Some(u) => get_public(w, u.as_str(), msg!("steps-transparency-enforcement-rule")).await.1,
            None => Value::Null,
        };
        rules.insert(url, fetched);
    }
    tp::check_enforcement_actions(&doc, &Value::Object(rules)).or_raise();
}

#[then("it states its rules and a rating scale that every served rating lies within")]
fn credit(w: &mut PlatformWorld) {
    tp::check_credit_evaluation(document(w, "credit-evaluation"), &all_results(w)).or_raise();
}

#[then("it names the operator with a valid unified social credit code and its licences")]
fn operator(w: &mut PlatformWorld) {
    tp::check_operator_identity(document(w, "operator-identity")).or_raise();
}

#[then("every listed merchant's licence information is served, with a valid unified social credit code")]
fn merchant_licences(w: &mut PlatformWorld) {
    let licences = earlier!(w.tp.licences).clone();
    answered(&licences, msg!("steps-transparency-licence-information"), true);
    for l in &licences {
        tp::check_merchant_licence(l["merchant_id"].as_str().unwrap_or_default(), &l["body"]).or_raise();
    }
}

#[then("it lists the algorithm filings, each with its number and an https link")]
fn filings(w: &mut PlatformWorld) {
    tp::check_algorithm_filings(document(w, "operator-identity")).or_raise();
}

#[then("it lists every fee completely, and every quoted fee is one it lists")]
fn fee_list(w: &mut PlatformWorld) {
    // A quote that is not served is TP-13's to judge; the fees of the served ones are compared.
    let quotes = answered(earlier!(w.tp.quotes), msg!("steps-transparency-fee-quote"), false);
    tp::check_fee_list(document(w, "fee-schedule"), &quotes).or_raise();
}

#[then("every merchant is quoted the schedule's fees for its category and tier")]
fn fee_quotes(w: &mut PlatformWorld) {
    let quotes = answered(earlier!(w.tp.quotes), msg!("steps-transparency-fee-quote"), true);
    let categories: Map<String, Value> = earlier!(w.tp.merchants)
        .iter()
        .filter_map(|m| Some((m.get("id")?.as_str()?.to_string(), m.get("category")?.clone())))
        .collect();
    tp::check_fee_quotes(document(w, "fee-schedule"), &quotes, &Value::Object(categories)).or_raise();
}

#[then("a published programme says who is eligible, in published tiers, and what support they get")]
fn small_merchants(w: &mut PlatformWorld) {
    let schedule = w.tp.documents.get("fee-schedule").cloned().unwrap_or(Value::Null);
    tp::check_small_merchant_support(document(w, "small-merchant-support"), &schedule).or_raise();
}

// --- TP-02, TP-03, TP-04: persons -----------------------------------------------------------

/// Products `persona-a` reads to build its history (TP-02, TP-04).
const LONG_HISTORY: usize = 10;
/// Products `persona-b` reads.
const SHORT_HISTORY: usize = 2;
/// Rounds of the differential comparisons of TP-02 and TP-04.
const ROUNDS: usize = 3;
/// The delivery location of TP-04's quotes (GB/T 2260: 北京市朝阳区).
const DELIVERY_LOCATION: &str = "110105";
/// The client role each persona acts through.
const ROLES: [&str; 2] = ["third-party-a", "third-party-b"];

/// A seeded random generator for this run and this purpose.
fn rng(w: &PlatformWorld, purpose: &str) -> rand_chacha::ChaCha8Rng {
    let salt = purpose.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    rand_chacha::ChaCha8Rng::seed_from_u64(w.ctx().seed ^ salt)
}

/// A `User-Agent` of the harness-identities corpus other than the run's own: `persona-b`'s
/// device (TP-04). `None` when the corpus has no other.
fn other_user_agent(w: &PlatformWorld) -> Option<String> {
    let ctx = w.ctx();
    // A target file that fixes one User-Agent for every request (a firewall lets only it through,
    // OPIS §5.3) is obeyed: persona-b's device is then the same as persona-a's, and the quotes
    // still differ in history and client.
    if ctx.http.config().user_agent != ctx.persona.user_agent {
        return Some(ctx.http.config().user_agent.clone());
    }
    let others: Vec<&String> = ctx.corpus.harness.user_agent.iter().map(|e| &e.value).filter(|v| **v != ctx.persona.user_agent).collect();
    let mut r = rng(w, "tp-device");
    others.choose(&mut r).map(|s| s.to_string())
}

/// Sends `requests` at once, started in a random order; the answers in the order given.
async fn at_once(w: &PlatformWorld, requests: Vec<RequestBuilder>, r: &mut rand_chacha::ChaCha8Rng) -> Vec<Response> {
    let mut indexed: Vec<(usize, RequestBuilder)> = requests.into_iter().enumerate().collect();
    indexed.shuffle(r);
    let rec = w.side_recorder();
    let mut sent = futures::future::join_all(indexed.into_iter().map(|(i, request)| {
        let rec = &rec;
        async move { (i, request.send(rec).await) }
    }))
    .await;
    w.adopt(rec.take());
    sent.sort_by_key(|(i, _)| *i);
    sent.into_iter().map(|(_, r)| r.or_raise()).collect()
}

fn personas(w: &PlatformWorld) -> [String; 2] {
    earlier!(w.tp.personas).clone()
}

#[given("persona-a and persona-b have different histories, built through the product API")]
async fn build_histories(w: &mut PlatformWorld) {
    let mut tokens = Vec::new();
    for (label, role) in PERSONAS.iter().zip(ROLES) {
        tokens.push(w.person(PersonKind::User, label, role, None).await.access_token);
    }
    let products = w.endpoint("products");
    let request = w.request(http::Method::GET, products.as_str()).bearer(&tokens[0]).label("list products as persona-a");
    let response = w.send(request).await;
    if response.status != 200 {
        raise(Finding::error(msg!("steps-transparency-products-as-persona-status", status = response.status)));
    }
    let page = response.json_value().unwrap_or_default();
    let ids: Vec<String> = page["items"].as_array().into_iter().flatten().filter_map(|p| p.get("id").and_then(Value::as_str).map(str::to_string)).collect();
    if ids.len() < LONG_HISTORY + SHORT_HISTORY {
        raise(Finding::error(msg!("steps-transparency-too-few-products", listed = ids.len(), needed = LONG_HISTORY + SHORT_HISTORY)));
    }
    let mut reads: Vec<(usize, String)> = ids[..LONG_HISTORY].iter().map(|id| (0, id.clone())).collect();
    reads.extend(ids[ids.len() - SHORT_HISTORY..].iter().map(|id| (1, id.clone())));
    reads.shuffle(&mut rng(w, "tp-history"));
    for (who, id) in reads {
        let url = sub_url(&products, &id, None);
        let request = w.ctx().http.get(&url).bearer(&tokens[who]).label(format!("{} reads product {id}", PERSONAS[who]));
        let response = w.send(request).await;
        if response.status != 200 {
            raise(Finding::error(msg!("steps-transparency-read-product-status", persona = PERSONAS[who], product = id.as_str(), status = response.status)));
        }
    }
    w.tp.personas = Some([tokens[0].clone(), tokens[1].clone()]);
}

fn list_of(response: &Response, what: Message) -> Value {
    hutong_checks::expect_status(response, 200, what.clone()).or_raise();
    hutong_checks::json_body(response, what).or_raise()
}

#[when("both personas ask for non-personalised recommendations at once, in 3 rounds")]
async fn ask_non_personalised(w: &mut PlatformWorld) {
    let tokens = personas(w);
    let url = w.endpoint("recommendations");
    let mut r = rng(w, "tp-02");
    let ctx = w.ctx();
    let mut rounds = Vec::new();
    for round in 1..=ROUNDS {
        let requests = (0..2).map(|i| ctx.http.get(url.as_str()).query(&[("personalised", "false")]).bearer(&tokens[i]).label(format!("non-personalised recommendations for {} (round {round})", PERSONAS[i]))).collect();
        let answers = at_once(w, requests, &mut r).await;
        let what = msg!("steps-transparency-non-personalised-round", round = round);
        rounds.push(json!({ "what": json!(what.clone()), "a": list_of(&answers[0], what.clone()), "b": list_of(&answers[1], what) }));
    }
    let requests = (0..2).map(|i| ctx.http.get(url.as_str()).bearer(&tokens[i]).label(format!("default recommendations for {}", PERSONAS[i]))).collect();
    let answers = at_once(w, requests, &mut r).await;
    w.tp.defaults = Some(json!({ "a": list_of(&answers[0], msg!("steps-transparency-default-recommendations")), "b": list_of(&answers[1], msg!("steps-transparency-default-recommendations")) }));
    w.tp.rounds = Some(Value::Array(rounds));
}

#[then("the non-personalised lists are the same for both personas")]
fn same_non_personalised(w: &mut PlatformWorld) {
    let defaults = earlier!(w.tp.defaults).clone();
    let ids = |v: &Value| v["items"].as_array().map(|a| a.iter().map(|i| i["product_id"].clone()).collect::<Vec<_>>()).unwrap_or_default();
    if ids(&defaults["a"]) == ids(&defaults["b"]) {
        w.note_limitation(msg!("steps-transparency-defaults-same"));
    }
    tp::check_same_results(earlier!(w.tp.rounds)).or_raise();
}

#[when("persona-a turns personalisation off and asks for recommendations")]
async fn turn_off(w: &mut PlatformWorld) {
    let token = personas(w)[0].clone();
    let url = w.endpoint("personalisation");
    let recommendations = w.endpoint("recommendations");
    let ctx = w.ctx();
    let response = w.send(ctx.http.put(url.as_str()).bearer(&token).json(&json!({ "enabled": false })).label("persona-a turns personalisation off")).await;
    if !(200..300).contains(&response.status) {
        raise(Finding::fail(msg!("steps-transparency-off-status", status = response.status)));
    }
    let after_off = list_of(&w.send(ctx.http.get(recommendations.as_str()).bearer(&token).label("recommendations right after turning it off")).await, msg!("steps-transparency-after-off"));
    let non_personalised = list_of(&w.send(ctx.http.get(recommendations.as_str()).query(&[("personalised", "false")]).bearer(&token).label("non-personalised recommendations")).await, msg!("steps-transparency-non-personalised"));
    // Back on, whatever was seen: the person's setting is restored for the rest of the run.
    let restored = w.send(ctx.http.put(url.as_str()).bearer(&token).json(&json!({ "enabled": true })).label("persona-a turns personalisation back on")).await;
    if !(200..300).contains(&restored.status) {
        raise(Finding::fail(msg!("steps-transparency-on-status", status = restored.status)));
    }
    w.tp.off = Some(json!({ "after_off": after_off, "non_personalised": non_personalised }));
}

#[when("persona-a lists its tags and deletes the first")]
async fn delete_tag(w: &mut PlatformWorld) {
    let token = personas(w)[0].clone();
    let base = w.endpoint("personalisation");
    let tags_url = format!("{}/tags", base.as_str().trim_end_matches('/'));
    let ctx = w.ctx();
    let tags = list_of(&w.send(ctx.http.get(&tags_url).bearer(&token).label("persona-a's tags")).await, msg!("steps-transparency-tags-of-persona-a"));
    let Some(first) = tags["items"].as_array().and_then(|i| i.first()).and_then(|t| t.get("id")).and_then(Value::as_str).map(str::to_string) else {
        if !tags["items"].is_array() {
            raise(Finding::fail(msg!("steps-transparency-tags-no-items")));
        }
        w.note_limitation(msg!("steps-transparency-no-tag"));
        let off = w.tp.off.get_or_insert_with(|| json!({}));
        off["deleted"] = json!("");
        off["tags_after"] = tags;
        return;
    };
    let encoded: String = url::form_urlencoded::byte_serialize(first.as_bytes()).collect();
    let response = w.send(ctx.http.delete(format!("{tags_url}/{}", encoded.replace('+', "%20"))).bearer(&token).label("persona-a deletes a tag")).await;
    if !(200..300).contains(&response.status) {
        raise(Finding::fail(msg!("steps-transparency-delete-tag-status", tag = format!("{first:?}"), status = response.status)));
    }
    let after = list_of(&w.send(ctx.http.get(&tags_url).bearer(&token).label("persona-a's tags after the deletion")).await, msg!("steps-transparency-tags-after-deletion"));
    let off = w.tp.off.get_or_insert_with(|| json!({}));
    off["deleted"] = json!(first);
    off["tags_after"] = after;
}

#[then("the first recommendations after turning it off were not personalised, and the deleted tag is gone")]
fn off_took_effect(w: &mut PlatformWorld) {
    let off = earlier!(w.tp.off).clone();
    tp::check_personalisation_off(&off["after_off"], &off["non_personalised"], off["deleted"].as_str().unwrap_or_default(), &off["tags_after"]).or_raise();
}

#[when("both personas ask for a price quote for the first listed product at once, in 3 rounds")]
async fn ask_quotes(w: &mut PlatformWorld) {
    let tokens = personas(w);
    let products = w.endpoint("products");
    let request = w.ctx().http.get(products.as_str()).bearer(&tokens[0]).label("list products as persona-a");
    let response = w.send(request).await;
    if response.status != 200 {
        raise(Finding::error(msg!("steps-transparency-products-status", status = response.status)));
    }
    let product = response.json_value().ok().and_then(|p| p["items"][0]["id"].as_str().map(str::to_string)).unwrap_or_else(|| raise(Finding::error(msg!("steps-transparency-no-product"))));
    let device = other_user_agent(w).unwrap_or_else(|| raise(Finding::error(msg!("steps-transparency-no-second-user-agent"))));
    let url = w.endpoint("price_quotes");
    let body = json!({ "product_id": product, "quantity": 1, "delivery_location": DELIVERY_LOCATION });
    let mut r = rng(w, "tp-04");
    let ctx = w.ctx();
    let mut rounds = Vec::new();
    for round in 1..=ROUNDS {
        let a = ctx.http.post(url.as_str()).bearer(&tokens[0]).json(&body).label(format!("price quote for persona-a (round {round})"));
        let b = ctx.http.post(url.as_str()).bearer(&tokens[1]).header("user-agent", device.as_str()).json(&body).label(format!("price quote for persona-b (round {round})"));
        let answers = at_once(w, vec![a, b], &mut r).await;
        rounds.push(json!({ "a": list_of(&answers[0], msg!("steps-transparency-price-quote-of", persona = PERSONAS[0])), "b": list_of(&answers[1], msg!("steps-transparency-price-quote-of", persona = PERSONAS[1])) }));
    }
    w.tp.rounds = Some(Value::Array(rounds));
}

#[then("they are quoted the same price, any difference itemised with a published rule")]
async fn same_price(w: &mut PlatformWorld) {
    let rounds = earlier!(w.tp.rounds).clone();
    let mut rules = Map::new();
    for url in tp::price_rule_urls(&rounds) {
        let parsed = url::Url::parse(&url).ok().filter(|u| crate::runner::world::is_on_platform(&w.ctx(), u));
        let fetched = match parsed {
            Some(u) => get_public(w, u.as_str(), msg!("steps-transparency-price-rule")).await.1,
            None => Value::Null,
        };
        rules.insert(url, fetched);
    }
    tp::check_same_price(&rounds, &Value::Object(rules)).or_raise();
}
