//! Transparency and fair pricing (profile `transparency`, OPIS §16a): the ranking and
//! recommendation rules, paid placements (广告), search orderings, self-operated items,
//! enforcement actions, credit-evaluation rules, licence information, algorithm filings, the fee
//! schedule and the fees quoted to merchants. Declarations are judged together with the
//! behaviour they describe: the self-operated merchants declared against the flags served, the
//! rating scale against the ratings served, the fee schedule against the fees quoted.

use hutong_model::{joined, msg, sanitize_line, Arg, Finding, Message};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Topics of the algorithmic rules TP-01 asks for, and the members each must state.
pub const RANKING_TOPICS: &[&str] = &["recommendation", "search-ranking"];
const RANKING_MEMBERS: &[&str] = &["principle", "purpose", "mechanism"];

/// The label a paid placement carries (E-Commerce Law (2018) art. 40: 显著标明“广告”).
pub const AD_LABEL: &str = "广告";

/// The orderings search offers (TP-06): the `sort` value, the member ordered by, ascending.
pub const SORTS: &[(&str, &str, bool)] = &[("price", "price_cents", true), ("sales", "sales", false), ("rating", "rating", false)];

/// Measures against merchants TP-08 knows.
pub const MEASURES: &[&str] = &["warning", "suspension", "termination"];

/// Fee kinds of the fee schedule (TP-12).
pub const FEE_KINDS: &[&str] = &["commission", "payment-settlement", "fixed", "periodic", "deposit", "guarantee-deposit"];

fn non_empty(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty())
}

fn short(v: &Value) -> String {
    sanitize_line(&v.to_string(), 80)
}

fn items(v: &Value) -> Vec<&Value> {
    v.as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

/// A string quoted as Rust's `{:?}` shows it (the form the messages have always used).
fn quoted(s: &str) -> String {
    format!("{s:?}")
}

fn fail_if(problems: Vec<Message>, what: Message) -> Result<(), Finding> {
    let total = problems.len();
    let Some(shown) = joined(problems.into_iter().take(8)) else {
        return Ok(());
    };
    if total > 8 {
        Err(Finding::fail(msg!("transparency-problems-more", what = what, problems = shown, more = total - 8)))
    } else {
        Err(Finding::fail(msg!("transparency-problems", what = what, problems = shown)))
    }
}

/// TP-01: the current `algorithmic-rules` document has a `recommendation` and a `search-ranking`
/// rule, each with a non-empty `principle`, `purpose` and `mechanism`.
pub fn check_ranking_rules(doc: &Value) -> Result<(), Finding> {
    let rules = items(doc.pointer("/content/rules").unwrap_or(&Value::Null));
    let mut problems = Vec::new();
    for topic in RANKING_TOPICS {
        let Some(rule) = rules.iter().find(|r| r.get("topic").and_then(Value::as_str) == Some(topic)) else {
            problems.push(msg!("transparency-no-rule-of-topic", topic = *topic));
            continue;
        };
        for member in RANKING_MEMBERS {
            if !non_empty(rule.get(*member)) {
                problems.push(msg!("transparency-rule-states-no", topic = *topic, member = *member));
            }
        }
    }
    fail_if(problems, msg!("transparency-ranking-rules-unexplained"))
}

/// TP-05: every search result flagged `sponsored` is labelled 广告, and every declared sandbox
/// placement appears flagged and labelled among the results of its query. `declared` is
/// `capabilities.test_resources.sponsored_placements` (an empty list: the platform sells no
/// placement); `searches` is a list of `{query, items}`, one per search the harness made.
pub fn check_sponsored(declared: &Value, searches: &Value) -> Result<(), Finding> {
    let Some(declared) = declared.as_array() else {
        return Err(Finding::error(msg!("transparency-no-sponsored-declaration")));
    };
    let mut problems = Vec::new();
    for search in items(searches) {
        let query = search.get("query").and_then(Value::as_str).unwrap_or_default();
        for r in items(search.get("items").unwrap_or(&Value::Null)) {
            let sponsored = r.get("sponsored").and_then(Value::as_bool) == Some(true);
            let labelled = r.get("label").and_then(Value::as_str) == Some(AD_LABEL);
            let id = r.get("product_id").map(short).unwrap_or_default();
            if sponsored && declared.is_empty() {
                problems.push(msg!("transparency-sponsored-but-none-sold", id = id, query = quoted(query)));
            } else if sponsored && !labelled {
                problems.push(match r.get("label") {
                    Some(label) => msg!("transparency-sponsored-mislabelled", id = id, query = quoted(query), label = short(label)),
                    None => msg!("transparency-sponsored-unlabelled", id = id, query = quoted(query)),
                });
            }
        }
    }
    for placement in declared {
        let query = placement.get("query").and_then(Value::as_str).unwrap_or_default();
        let product = placement.get("product_id").and_then(Value::as_str).unwrap_or_default();
        let Some(search) = items(searches).into_iter().find(|s| s.get("query").and_then(Value::as_str) == Some(query)) else {
            return Err(Finding::error(msg!("transparency-placement-not-searched", query = quoted(query))));
        };
        let found: Vec<&Value> = items(search.get("items").unwrap_or(&Value::Null))
            .into_iter()
            .filter(|r| r.get("product_id").and_then(Value::as_str) == Some(product))
            .collect();
        if found.is_empty() {
            problems.push(msg!("transparency-placement-missing", product = quoted(product), query = quoted(query)));
        } else if !found.iter().any(|r| r.get("sponsored").and_then(Value::as_bool) == Some(true) && r.get("label").and_then(Value::as_str) == Some(AD_LABEL)) {
            problems.push(msg!("transparency-placement-unmarked", product = quoted(product), query = quoted(query)));
        }
    }
    fail_if(problems, msg!("transparency-sponsored-unlabelled-summary"))
}

/// TP-06: the results of ordering `sort` not flagged `sponsored` are in its order.
pub fn check_order(sort: &str, results: &Value) -> Result<(), Finding> {
    let Some((_, member, ascending)) = SORTS.iter().find(|(s, _, _)| *s == sort) else {
        return Err(Finding::error(msg!("transparency-unknown-ordering", sort = quoted(sort))));
    };
    let organic: Vec<&Value> = items(results).into_iter().filter(|r| r.get("sponsored").and_then(Value::as_bool) != Some(true)).collect();
    if organic.len() < 2 {
        return Err(Finding::error(msg!("transparency-too-few-results", sort = sort, count = organic.len())));
    }
    let mut problems = Vec::new();
    let values: Vec<Option<f64>> = organic.iter().map(|r| r.get(*member).and_then(Value::as_f64)).collect();
    for (i, v) in values.iter().enumerate() {
        if v.is_none() {
            problems.push(msg!("transparency-result-not-numeric", position = i + 1, member = *member));
        }
    }
    for (i, pair) in values.windows(2).enumerate() {
        if let [Some(a), Some(b)] = pair {
            let in_order = if *ascending { a <= b } else { a >= b };
            if !in_order {
                problems.push(msg!("transparency-result-out-of-order", position = i + 1, member = *member, value = a.to_string(), next = i + 2, next_value = b.to_string()));
            }
        }
    }
    let order = if *ascending { "ascending" } else { "descending" };
    fail_if(problems, msg!("transparency-not-ordered", sort = sort, member = *member, order = order))
}

/// TP-06: every result's `price_cents` is the price the product API serves (`served`: product ID
/// to the `price_cents` of `getProduct`).
pub fn check_result_prices(results: &Value, served: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    for r in items(results) {
        let id = r.get("product_id").and_then(Value::as_str).unwrap_or_default();
        let Some(price) = served.get(id) else {
            return Err(Finding::error(msg!("transparency-price-not-read", id = quoted(id))));
        };
        if r.get("price_cents") != Some(price) {
            problems.push(msg!("transparency-price-differs", id = quoted(id), listed = r.get("price_cents").map(short).unwrap_or_default(), served = short(price)));
        }
    }
    fail_if(problems, msg!("transparency-prices-not-served"))
}

/// TP-07: `self_operated` on licences and search results agrees with the merchants the
/// `operator-identity` document declares as self-operated.
pub fn check_self_operated(identity: &Value, licences: &Value, results: &Value) -> Result<(), Finding> {
    let Some(declared) = identity.pointer("/content/self_operated_merchants").and_then(Value::as_array) else {
        return Err(Finding::fail(msg!("transparency-no-self-operated-merchants")));
    };
    let declared: BTreeSet<&str> = declared.iter().filter_map(Value::as_str).collect();
    let mut problems = Vec::new();
    for l in items(licences) {
        let id = l.get("merchant_id").and_then(Value::as_str).unwrap_or_default();
        match l.get("self_operated").and_then(Value::as_bool) {
            None => problems.push(msg!("transparency-licence-no-self-operated", id = quoted(id))),
            Some(flag) if flag != declared.contains(id) => problems.push(if flag {
                msg!("transparency-merchant-marked-not-declared", id = quoted(id))
            } else {
                msg!("transparency-merchant-declared-not-marked", id = quoted(id))
            }),
            Some(_) => {}
        }
    }
    for r in items(results) {
        let id = r.get("product_id").and_then(Value::as_str).unwrap_or_default();
        let merchant = r.get("merchant_id").and_then(Value::as_str).unwrap_or_default();
        match r.get("self_operated").and_then(Value::as_bool) {
            None => problems.push(msg!("transparency-result-no-self-operated", id = quoted(id))),
            Some(flag) if flag != declared.contains(merchant) => problems.push(if flag {
                msg!("transparency-result-marked-not-declared", id = quoted(id), merchant = quoted(merchant))
            } else {
                msg!("transparency-result-declared-not-marked", id = quoted(id), merchant = quoted(merchant))
            }),
            Some(_) => {}
        }
    }
    fail_if(problems, msg!("transparency-self-operated-unmarked"))
}

/// URL without its fragment, and the fragment.
fn split_fragment(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (url, None),
    }
}

/// TP-08: the URLs (without fragment) of the `platform-rules` documents the actions cite, for
/// the step to fetch.
pub fn enforcement_rule_urls(doc: &Value) -> Vec<String> {
    let urls: BTreeSet<String> = items(doc.pointer("/content/actions").unwrap_or(&Value::Null))
        .into_iter()
        .filter_map(|a| a.get("rule").and_then(Value::as_str))
        .map(|u| split_fragment(u).0.to_string())
        .collect();
    urls.into_iter().collect()
}

fn instant(v: Option<&Value>) -> Option<time::OffsetDateTime> {
    let text = v?.as_str()?;
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

/// An RFC 3339 `date-time`, or a `full-date` (RFC 3339 §5.6) taken as 00:00 UTC; with whether it
/// was a full-date.
fn moment(v: Option<&Value>) -> Option<(time::OffsetDateTime, bool)> {
    if let Some(t) = instant(v) {
        return Some((t, false));
    }
    let date = time::Date::parse(v?.as_str()?, &time::macros::format_description!("[year]-[month]-[day]")).ok()?;
    Some((date.midnight().assume_utc(), true))
}

/// TP-08: the enforcement actions are complete, published within the declared days and cite a
/// section of a `platform-rules` document. `rules` maps each URL of
/// [`enforcement_rule_urls`] to the document fetched there (`null` when it did not answer one).
pub fn check_enforcement_actions(doc: &Value, rules: &Value) -> Result<(), Finding> {
    let days = doc.pointer("/content/publication_days").and_then(Value::as_u64).filter(|d| *d > 0);
    let Some(days) = days else {
        return Err(Finding::fail(msg!("transparency-no-publication-days")));
    };
    let Some(actions) = doc.pointer("/content/actions").and_then(Value::as_array) else {
        return Err(Finding::fail(msg!("transparency-no-actions")));
    };
    let mut problems = Vec::new();
    for (i, a) in actions.iter().enumerate() {
        let name = match a.get("merchant_id") {
            Some(m) => msg!("transparency-action", number = i + 1, merchant = short(m)),
            None => msg!("transparency-action-no-merchant-id", number = i + 1),
        };
        if !non_empty(a.get("merchant_id")) {
            problems.push(msg!("transparency-action-names-no-merchant", action = name.clone()));
        }
        if !a.get("measure").and_then(Value::as_str).is_some_and(|m| MEASURES.contains(&m)) {
            problems.push(msg!("transparency-action-unknown-measure", action = name.clone(), measure = a.get("measure").map(short).unwrap_or_default(), measures = MEASURES.join(", ")));
        }
        match (moment(a.get("date")), moment(a.get("published_at"))) {
            (Some(d), Some(p)) => {
                // A full-date on either side compares calendar days (UTC), not instants.
                let late = if d.1 || p.1 {
                    i64::from(p.0.date().to_julian_day() - d.0.date().to_julian_day()) - days as i64
                } else {
                    (p.0 - d.0).whole_seconds() - (days as i64) * 86_400
                };
                let (d, p) = (d.0, p.0);
                if late > 0 {
                    problems.push(msg!("transparency-action-published-late", action = name.clone(), date = short(&a["date"]), published = short(&a["published_at"]), days = days));
                } else if p < d {
                    problems.push(msg!("transparency-action-published-before-taken", action = name.clone()));
                }
            }
            _ => problems.push(msg!("transparency-action-dates-invalid", action = name.clone())),
        }
        let Some(rule) = a.get("rule").and_then(Value::as_str) else {
            problems.push(msg!("transparency-action-cites-no-rule", action = name));
            continue;
        };
        let (url, fragment) = split_fragment(rule);
        let cited = rules.get(url).filter(|d| d.get("kind").and_then(Value::as_str) == Some("platform-rules"));
        match (cited, fragment) {
            (None, _) => problems.push(msg!("transparency-action-cites-non-rules", action = name, url = sanitize_line(url, 100))),
            (_, None) => problems.push(msg!("transparency-action-cites-no-section", action = name, url = sanitize_line(url, 100))),
            (Some(d), Some(f)) => {
                if !items(d.pointer("/content/sections").unwrap_or(&Value::Null)).iter().any(|s| s.get("id").and_then(Value::as_str) == Some(f)) {
                    problems.push(msg!("transparency-action-cites-unknown-section", action = name, section = quoted(&sanitize_line(f, 40))));
                }
            }
        }
    }
    fail_if(problems, msg!("transparency-enforcement-unpublished"))
}

/// TP-09: the credit-evaluation rules are stated, with a scale every served rating lies within.
pub fn check_credit_evaluation(doc: &Value, results: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    let rules = items(doc.pointer("/content/rules").unwrap_or(&Value::Null));
    if rules.is_empty() {
        problems.push(msg!("transparency-no-credit-rule"));
    }
    for (i, r) in rules.iter().enumerate() {
        if !non_empty(r.get("summary")) {
            problems.push(msg!("transparency-credit-rule-no-summary", number = i + 1));
        }
    }
    let min = doc.pointer("/content/scale/min").and_then(Value::as_f64);
    let max = doc.pointer("/content/scale/max").and_then(Value::as_f64);
    match (min, max) {
        (Some(lo), Some(hi)) if lo < hi => {
            for r in items(results) {
                let rating = r.get("rating").and_then(Value::as_f64);
                if !rating.is_some_and(|x| (lo..=hi).contains(&x)) {
                    let id = r.get("product_id").map(short).unwrap_or_default();
                    problems.push(match r.get("rating") {
                        Some(rating) => msg!("transparency-rating-outside-scale", id = id, rating = short(rating), min = lo.to_string(), max = hi.to_string()),
                        None => msg!("transparency-rating-missing", id = id, min = lo.to_string(), max = hi.to_string()),
                    });
                }
            }
        }
        _ => problems.push(msg!("transparency-no-rating-scale")),
    }
    fail_if(problems, msg!("transparency-credit-rules-unpublished"))
}

/// Whether `code` is a unified social credit code (统一社会信用代码) with a valid check character
/// (GB 32100-2015: 18 characters of `0-9A-Z` without I, O, S, V, Z; weights 3^i mod 31).
pub fn valid_uscc(code: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let values: Option<Vec<u32>> = code.chars().map(|c| CHARS.find(c).map(|i| i as u32)).collect();
    let Some(values) = values else { return false };
    if values.len() != 18 {
        return false;
    }
    let sum: u32 = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31 == values[17]
}

/// TP-10: the operator's identity: name, a valid unified social credit code and licences.
pub fn check_operator_identity(doc: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    if !non_empty(doc.pointer("/content/name")) {
        problems.push(msg!("transparency-no-operator-name"));
    }
    let code = doc.pointer("/content/unified_social_credit_code").and_then(Value::as_str).unwrap_or_default();
    if !valid_uscc(code) {
        problems.push(msg!("transparency-uscc-invalid", code = quoted(&sanitize_line(code, 30))));
    }
    let licences = items(doc.pointer("/content/licences").unwrap_or(&Value::Null));
    if licences.is_empty() {
        problems.push(msg!("transparency-no-member", member = "licences"));
    }
    for l in licences {
        if !non_empty(l.get("name")) || !non_empty(l.get("number")) {
            problems.push(msg!("transparency-licence-incomplete", licence = short(l)));
        }
    }
    fail_if(problems, msg!("transparency-operator-licences-incomplete"))
}

/// TP-10: the licence information served for merchant `merchant_id`.
pub fn check_merchant_licence(merchant_id: &str, licence: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    if licence.get("merchant_id").and_then(Value::as_str) != Some(merchant_id) {
        problems.push(match licence.get("merchant_id") {
            Some(other) => msg!("transparency-licence-other-merchant", merchant = short(other)),
            None => msg!("transparency-licence-no-merchant"),
        });
    }
    if !non_empty(licence.get("name")) {
        problems.push(msg!("transparency-no-member", member = "name"));
    }
    let code = licence.get("unified_social_credit_code").and_then(Value::as_str).unwrap_or_default();
    if !valid_uscc(code) {
        problems.push(msg!("transparency-uscc-invalid", code = quoted(&sanitize_line(code, 30))));
    }
    if !licence.get("licences").is_some_and(Value::is_array) {
        problems.push(msg!("transparency-no-licences-list"));
    }
    fail_if(problems, msg!("transparency-merchant-licence-incomplete", merchant = quoted(&sanitize_line(merchant_id, 60))))
}

/// TP-11: the algorithm filings of the `operator-identity` document.
pub fn check_algorithm_filings(doc: &Value) -> Result<(), Finding> {
    let Some(filings) = doc.pointer("/content/algorithm_filings").and_then(Value::as_array) else {
        return Err(Finding::fail(msg!("transparency-no-algorithm-filings")));
    };
    let mut problems = Vec::new();
    for f in filings {
        let url_ok = f.get("url").and_then(Value::as_str).and_then(|u| url::Url::parse(u).ok()).is_some_and(|u| u.scheme() == "https");
        if !non_empty(f.get("algorithm")) || !non_empty(f.get("number")) || !url_ok {
            problems.push(msg!("transparency-filing-incomplete", filing = short(f)));
        }
    }
    fail_if(problems, msg!("transparency-algorithm-filings-incomplete"))
}

/// The fee entries of a fee schedule, by `id`.
fn fee_entries(schedule: &Value) -> BTreeMap<&str, &Value> {
    items(schedule.pointer("/content/fees").unwrap_or(&Value::Null))
        .into_iter()
        .filter_map(|f| Some((f.get("id")?.as_str()?, f)))
        .collect()
}

/// The amount of a fee entry or quoted fee: its `rate` or its `amount_cents`.
fn amount(v: &Value) -> Option<(&'static str, f64)> {
    if let Some(r) = v.get("rate").and_then(Value::as_f64) {
        return Some(("rate", r));
    }
    v.get("amount_cents").and_then(Value::as_f64).map(|a| ("amount_cents", a))
}

/// An amount as a parameter of a message: `rate 0.05`, or `no amount`.
fn amount_arg(v: &Value) -> Arg {
    match amount(v) {
        Some((k, a)) => Arg::Text(format!("{k} {a}")),
        None => msg!("transparency-no-amount").into(),
    }
}

/// TP-12: the fee schedule lists every fee, each complete, and every quoted fee is listed.
/// `quotes` are the fee quotes of `{merchants}/{id}/fee-quote`.
pub fn check_fee_list(schedule: &Value, quotes: &Value) -> Result<(), Finding> {
    let Some(fees) = schedule.pointer("/content/fees").and_then(Value::as_array).filter(|f| !f.is_empty()) else {
        return Err(Finding::fail(msg!("transparency-no-fees")));
    };
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for f in fees {
        let id = f.get("id").and_then(Value::as_str).unwrap_or_default();
        if id.is_empty() || !ids.insert(id) {
            problems.push(msg!("transparency-fee-id-missing-or-repeated", fee = short(f)));
        }
        if !non_empty(f.get("name")) {
            problems.push(msg!("transparency-fee-no-name", id = quoted(id)));
        }
        let kind = f.get("kind").and_then(Value::as_str).unwrap_or_default();
        if !FEE_KINDS.contains(&kind) {
            problems.push(msg!("transparency-fee-unknown-kind", id = quoted(id), kind = quoted(kind), kinds = FEE_KINDS.join(", ")));
        }
        match amount(f) {
            Some(("rate", r)) if !(0.0..=1.0).contains(&r) => problems.push(msg!("transparency-fee-rate-not-fraction", id = quoted(id), rate = r.to_string())),
            Some(("amount_cents", a)) if a < 0.0 || a.fract() != 0.0 => problems.push(msg!("transparency-fee-amount-not-integer", id = quoted(id), amount = a.to_string())),
            None => problems.push(msg!("transparency-fee-no-amount", id = quoted(id))),
            _ => {}
        }
        if kind == "periodic" && !non_empty(f.get("period")) {
            problems.push(msg!("transparency-fee-no-period", id = quoted(id)));
        }
        if (kind == "deposit" || kind == "guarantee-deposit") && !non_empty(f.get("refund_conditions")) {
            problems.push(msg!("transparency-deposit-no-refund-conditions", kind = kind, id = quoted(id)));
        }
    }
    for q in items(quotes) {
        let merchant = q.get("merchant_id").map(short).unwrap_or_default();
        for f in items(q.get("fees").unwrap_or(&Value::Null)) {
            let id = f.get("id").and_then(Value::as_str).unwrap_or_default();
            if !ids.contains(id) {
                problems.push(msg!("transparency-quoted-fee-unlisted", merchant = merchant.clone(), id = quoted(&sanitize_line(id, 60))));
            }
        }
    }
    fail_if(problems, msg!("transparency-fee-list-incomplete"))
}

/// Whether fee entry `f` applies to a merchant of `category` and `tier`.
fn applies(f: &Value, category: &str, tier: &str) -> bool {
    let scope = |member: &str, value: &str| f.get(member).and_then(Value::as_str).is_none_or(|s| s == value);
    scope("category", category) && scope("tier", tier)
}

/// TP-13: every quote names the merchant's category (`categories`: merchant ID to the category
/// `getMerchant` serves) and a published tier, and quotes exactly the applying fees of the
/// schedule at its values. Fees the schedule does not list are TP-12's and ignored here.
pub fn check_fee_quotes(schedule: &Value, quotes: &Value, categories: &Value) -> Result<(), Finding> {
    let entries = fee_entries(schedule);
    let tiers: BTreeSet<&str> = items(schedule.pointer("/content/tiers").unwrap_or(&Value::Null))
        .into_iter()
        .filter(|t| non_empty(t.get("criteria")))
        .filter_map(|t| t.get("id")?.as_str())
        .collect();
    if tiers.is_empty() {
        return Err(Finding::fail(msg!("transparency-no-tiers")));
    }
    let mut problems = Vec::new();
    let mut groups: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    for q in items(quotes) {
        let merchant = q.get("merchant_id").and_then(Value::as_str).unwrap_or_default();
        let category = q.get("category").and_then(Value::as_str).unwrap_or_default();
        let tier = q.get("tier").and_then(Value::as_str).unwrap_or_default();
        let Some(served) = categories.get(merchant).and_then(Value::as_str) else {
            return Err(Finding::error(msg!("transparency-category-not-read", merchant = quoted(merchant))));
        };
        if category != served {
            problems.push(msg!("transparency-quote-wrong-category", merchant = quoted(merchant), category = quoted(category), served = quoted(served)));
        }
        if !tiers.contains(tier) {
            problems.push(msg!("transparency-quote-unknown-tier", merchant = quoted(merchant), tier = quoted(tier)));
        }
        let quoted_fees: BTreeMap<&str, &Value> = items(q.get("fees").unwrap_or(&Value::Null))
            .into_iter()
            .filter_map(|f| Some((f.get("id")?.as_str()?, f)))
            .filter(|(id, _)| entries.contains_key(id))
            .collect();
        for (id, entry) in &entries {
            let due = applies(entry, category, tier);
            match (due, quoted_fees.get(id)) {
                (true, None) => problems.push(msg!("transparency-fee-not-quoted", merchant = quoted(merchant), id = quoted(id), category = category, tier = tier)),
                (false, Some(_)) => problems.push(msg!("transparency-fee-quoted-out-of-scope", merchant = quoted(merchant), id = quoted(id))),
                (true, Some(f)) if amount(f) != amount(entry) => problems.push(msg!(
                    "transparency-fee-quoted-differently",
                    merchant = quoted(merchant),
                    category = category,
                    tier = tier,
                    id = quoted(id),
                    quoted = amount_arg(f),
                    schedule = amount(entry).map(|(k, v)| format!("{k} {v}")).unwrap_or_default()
                )),
                _ => {}
            }
        }
        let signature = quoted_fees.iter().map(|(id, f)| format!("{id}={:?}", amount(f))).collect::<Vec<_>>().join(",");
        groups.entry((category.to_string(), tier.to_string())).or_default().push((merchant.to_string(), signature));
    }
    for ((category, tier), members) in &groups {
        if members.iter().any(|(_, s)| *s != members[0].1) {
            let names: Vec<&str> = members.iter().map(|(m, _)| m.as_str()).collect();
            problems.push(msg!("transparency-group-quoted-differently", category = category, tier = tier, merchants = names.join(", ")));
        }
    }
    fail_if(problems, msg!("transparency-fee-quotes-unexplained"))
}

/// TP-14: a published small-merchant programme names who is eligible, published tiers, and the
/// support given. `doc` is `null` when the platform publishes none (a MAY: nothing to judge).
pub fn check_small_merchant_support(doc: &Value, schedule: &Value) -> Result<(), Finding> {
    if doc.is_null() {
        return Ok(());
    }
    let tiers: BTreeSet<&str> = items(schedule.pointer("/content/tiers").unwrap_or(&Value::Null)).into_iter().filter_map(|t| t.get("id")?.as_str()).collect();
    let mut problems = Vec::new();
    if !non_empty(doc.pointer("/content/eligibility")) {
        problems.push(msg!("transparency-no-member", member = "eligibility"));
    }
    if !non_empty(doc.pointer("/content/support")) {
        problems.push(msg!("transparency-no-member", member = "support"));
    }
    let named = items(doc.pointer("/content/tiers").unwrap_or(&Value::Null));
    if named.is_empty() {
        problems.push(msg!("transparency-no-member", member = "tiers"));
    }
    for t in named {
        if !t.as_str().is_some_and(|t| tiers.contains(t)) {
            problems.push(msg!("transparency-support-tier-unpublished", tier = short(t)));
        }
    }
    fail_if(problems, msg!("transparency-small-merchant-support-incomplete"))
}

/// The product IDs of a result list, in order.
fn product_ids(items_: &Value) -> Vec<String> {
    items(items_.get("items").unwrap_or(items_)).into_iter().map(|r| r.get("product_id").and_then(Value::as_str).unwrap_or_default().to_string()).collect()
}

/// Where two lists of product IDs first differ.
fn first_difference(a: &[String], b: &[String]) -> Option<Message> {
    if a == b {
        return None;
    }
    let i = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let at = |l: &[String]| -> Arg {
        match l.get(i) {
            Some(s) => Arg::Text(quoted(&sanitize_line(s, 40))),
            None => msg!("transparency-nothing").into(),
        }
    };
    Some(msg!("transparency-lists-differ-at", position = i + 1, first = at(a), second = at(b), first_count = a.len(), second_count = b.len()))
}

/// What a round of compared results is: the round's `what` (text, or a message as JSON), else
/// "results".
fn round_what(r: &Value) -> Arg {
    match r.get("what") {
        Some(Value::String(s)) => Arg::Text(s.clone()),
        Some(v @ Value::Object(_)) => match serde_json::from_value::<Message>(v.clone()) {
            Ok(m) => m.into(),
            Err(_) => msg!("transparency-results").into(),
        },
        _ => msg!("transparency-results").into(),
    }
}

/// TP-02: the non-personalised results two personas received at the same time, round by round
/// (`rounds`: a list of `{what, a, b}`, each answer a result list; `what` is text or a message
/// as JSON), are identical.
pub fn check_same_results(rounds: &Value) -> Result<(), Finding> {
    let rounds = items(rounds);
    if rounds.is_empty() {
        return Err(Finding::error(msg!("transparency-no-results-compared")));
    }
    let mut problems = Vec::new();
    for r in rounds {
        if let Some(d) = first_difference(&product_ids(&r["a"]), &product_ids(&r["b"])) {
            problems.push(msg!("transparency-personas-results-differ", what = round_what(r), difference = d));
        }
    }
    fail_if(problems, msg!("transparency-non-personalised-differs"))
}

/// TP-03: once personalisation is off, the next default recommendations (`after_off`) are the
/// non-personalised ones (`non_personalised`), and the deleted tag (`deleted`) is no longer
/// listed among the persona's tags (`tags_after`).
pub fn check_personalisation_off(after_off: &Value, non_personalised: &Value, deleted: &str, tags_after: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    if let Some(d) = first_difference(&product_ids(after_off), &product_ids(non_personalised)) {
        problems.push(msg!("transparency-still-personalised", difference = d));
    }
    let listed = items(tags_after.get("items").unwrap_or(tags_after));
    if listed.iter().any(|t| t.get("id").and_then(Value::as_str) == Some(deleted)) {
        problems.push(msg!("transparency-tag-still-listed", tag = quoted(&sanitize_line(deleted, 60))));
    }
    fail_if(problems, msg!("transparency-personalisation-off-ignored"))
}

/// TP-04: the URLs (without fragment) of the rules the price quotes' adjustments cite.
pub fn price_rule_urls(rounds: &Value) -> Vec<String> {
    let urls: BTreeSet<String> = items(rounds)
        .into_iter()
        .flat_map(|r| [r.get("a"), r.get("b")])
        .flatten()
        .flat_map(|q| items(q.get("adjustments").unwrap_or(&Value::Null)))
        .filter_map(|a| a.get("rule").and_then(Value::as_str))
        .map(|u| split_fragment(u).0.to_string())
        .collect();
    urls.into_iter().collect()
}

/// TP-04: in every round (`{a, b}`, the price quotes two personas received at the same time for
/// the same item, quantity and delivery location), the totals are equal once the itemised
/// adjustments are taken out, and every adjustment cites a section of a published
/// `platform-rules` document (`rules`: URL without fragment to the document fetched there).
pub fn check_same_price(rounds: &Value, rules: &Value) -> Result<(), Finding> {
    let rounds = items(rounds);
    if rounds.is_empty() {
        return Err(Finding::error(msg!("transparency-no-price-quotes-compared")));
    }
    let mut problems = Vec::new();
    for (n, r) in rounds.iter().enumerate() {
        let mut base = Vec::new();
        for side in ["a", "b"] {
            let q = &r[side];
            let Some(total) = q.get("total_cents").and_then(Value::as_i64) else {
                problems.push(msg!("transparency-quote-no-total", round = n + 1, persona = side));
                continue;
            };
            let mut adjusted = 0i64;
            for a in items(q.get("adjustments").unwrap_or(&Value::Null)) {
                adjusted += a.get("amount_cents").and_then(Value::as_i64).unwrap_or_default();
                let rule = a.get("rule").and_then(Value::as_str).unwrap_or_default();
                let (url, fragment) = split_fragment(rule);
                let cited = rules.get(url).filter(|d| d.get("kind").and_then(Value::as_str) == Some("platform-rules"));
                let section = cited.zip(fragment).is_some_and(|(d, f)| items(d.pointer("/content/sections").unwrap_or(&Value::Null)).iter().any(|s| s.get("id").and_then(Value::as_str) == Some(f)));
                if !section {
                    problems.push(msg!("transparency-adjustment-cites-no-section", round = n + 1, persona = side, adjustment = short(a)));
                }
            }
            base.push(total - adjusted);
        }
        if let [a, b] = base[..]
            && a != b
        {
            let (total_a, total_b) = (r["a"]["total_cents"].to_string(), r["b"]["total_cents"].to_string());
            let adjusted = a != r["a"]["total_cents"].as_i64().unwrap_or(a) || b != r["b"]["total_cents"].as_i64().unwrap_or(b);
            problems.push(if adjusted {
                msg!("transparency-personas-quoted-differently-unexplained", round = n + 1, first = total_a, second = total_b)
            } else {
                msg!("transparency-personas-quoted-differently", round = n + 1, first = total_a, second = total_b)
            });
        }
    }
    fail_if(problems, msg!("transparency-price-discrimination"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_social_credit_codes() {
        // Published example codes of GB 32100-2015 (check character last).
        assert!(valid_uscc("91350100M000100Y43"));
        assert!(!valid_uscc("91350100M000100Y44"));
        assert!(!valid_uscc("91350100M000100Y4"));
        assert!(!valid_uscc("91350100M000100YI3"));
    }
}
