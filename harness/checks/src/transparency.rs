//! Transparency and fair pricing (profile `transparency`, OPIS §16a): the ranking and
//! recommendation rules, paid placements (广告), search orderings, self-operated items,
//! enforcement actions, credit-evaluation rules, licence information, algorithm filings, the fee
//! schedule and the fees quoted to merchants. Declarations are judged together with the
//! behaviour they describe: the self-operated merchants declared against the flags served, the
//! rating scale against the ratings served, the fee schedule against the fees quoted.

use hutong_model::{sanitize_line, Finding};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Topics of the algorithmic rules TP-01 asks for, and the members each must state.
pub const RANKING_TOPICS: &[&str] = &["recommendation", "search-ranking"];
const RANKING_MEMBERS: &[(&str, &str)] = &[("principle", "basic principle"), ("purpose", "purpose"), ("mechanism", "main mechanism")];

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

fn fail_if(problems: Vec<String>, what: &str) -> Result<(), Finding> {
    if problems.is_empty() {
        Ok(())
    } else {
        let shown: Vec<String> = problems.iter().take(8).cloned().collect();
        let more = if problems.len() > 8 { format!(" (and {} more)", problems.len() - 8) } else { String::new() };
        Err(Finding::fail(format!("{what}: {}{more}", shown.join("; "))))
    }
}

/// TP-01: the current `algorithmic-rules` document has a `recommendation` and a `search-ranking`
/// rule, each with a non-empty `principle`, `purpose` and `mechanism`.
pub fn check_ranking_rules(doc: &Value) -> Result<(), Finding> {
    let rules = items(doc.pointer("/content/rules").unwrap_or(&Value::Null));
    let mut problems = Vec::new();
    for topic in RANKING_TOPICS {
        let Some(rule) = rules.iter().find(|r| r.get("topic").and_then(Value::as_str) == Some(topic)) else {
            problems.push(format!("no rule of topic `{topic}`"));
            continue;
        };
        for (member, words) in RANKING_MEMBERS {
            if !non_empty(rule.get(*member)) {
                problems.push(format!("the `{topic}` rule states no {words} (`{member}`)"));
            }
        }
    }
    fail_if(problems, "the algorithmic rules do not explain recommendation and search ranking (Algorithm Recommendation Provisions (2021) art. 16)")
}

/// TP-05: every search result flagged `sponsored` is labelled 广告, and every declared sandbox
/// placement appears flagged and labelled among the results of its query. `declared` is
/// `capabilities.test_resources.sponsored_placements` (an empty list: the platform sells no
/// placement); `searches` is a list of `{query, items}`, one per search the harness made.
pub fn check_sponsored(declared: &Value, searches: &Value) -> Result<(), Finding> {
    let Some(declared) = declared.as_array() else {
        return Err(Finding::error("the platform declares no `capabilities.test_resources.sponsored_placements` (OPIS §6.6): no sandbox paid placement to look for"));
    };
    let mut problems = Vec::new();
    for search in items(searches) {
        let query = search.get("query").and_then(Value::as_str).unwrap_or_default();
        for r in items(search.get("items").unwrap_or(&Value::Null)) {
            let sponsored = r.get("sponsored").and_then(Value::as_bool) == Some(true);
            let labelled = r.get("label").and_then(Value::as_str) == Some(AD_LABEL);
            let id = r.get("product_id").map(short).unwrap_or_default();
            if sponsored && declared.is_empty() {
                problems.push(format!("result {id} for {query:?} is flagged sponsored, but the platform declares that it sells no placement"));
            } else if sponsored && !labelled {
                problems.push(format!("sponsored result {id} for {query:?} is labelled {}, not \"{AD_LABEL}\"", r.get("label").map(short).unwrap_or_else(|| "nothing".into())));
            }
        }
    }
    for placement in declared {
        let query = placement.get("query").and_then(Value::as_str).unwrap_or_default();
        let product = placement.get("product_id").and_then(Value::as_str).unwrap_or_default();
        let Some(search) = items(searches).into_iter().find(|s| s.get("query").and_then(Value::as_str) == Some(query)) else {
            return Err(Finding::error(format!("no search for the declared placement's query {query:?} was made")));
        };
        let found: Vec<&Value> = items(search.get("items").unwrap_or(&Value::Null))
            .into_iter()
            .filter(|r| r.get("product_id").and_then(Value::as_str) == Some(product))
            .collect();
        if found.is_empty() {
            problems.push(format!("the declared paid placement of {product:?} for {query:?} is not among the results"));
        } else if !found.iter().any(|r| r.get("sponsored").and_then(Value::as_bool) == Some(true) && r.get("label").and_then(Value::as_str) == Some(AD_LABEL)) {
            problems.push(format!("the declared paid placement of {product:?} for {query:?} is served without `sponsored: true` and the label \"{AD_LABEL}\""));
        }
    }
    fail_if(problems, "paid placements are not flagged and labelled 广告 (E-Commerce Law (2018) art. 40)")
}

/// TP-06: the results of ordering `sort` not flagged `sponsored` are in its order.
pub fn check_order(sort: &str, results: &Value) -> Result<(), Finding> {
    let Some((_, member, ascending)) = SORTS.iter().find(|(s, _, _)| *s == sort) else {
        return Err(Finding::error(format!("unknown ordering {sort:?}")));
    };
    let organic: Vec<&Value> = items(results).into_iter().filter(|r| r.get("sponsored").and_then(Value::as_bool) != Some(true)).collect();
    if organic.len() < 2 {
        return Err(Finding::error(format!("the `{sort}` ordering returned {} unsponsored result(s): too few to judge an order", organic.len())));
    }
    let mut problems = Vec::new();
    let values: Vec<Option<f64>> = organic.iter().map(|r| r.get(*member).and_then(Value::as_f64)).collect();
    for (i, v) in values.iter().enumerate() {
        if v.is_none() {
            problems.push(format!("result {} has no numeric `{member}`", i + 1));
        }
    }
    for (i, pair) in values.windows(2).enumerate() {
        if let [Some(a), Some(b)] = pair {
            let in_order = if *ascending { a <= b } else { a >= b };
            if !in_order {
                problems.push(format!("result {} (`{member}` {a}) comes before result {} ({b})", i + 1, i + 2));
            }
        }
    }
    fail_if(problems, &format!("search with `sort={sort}` is not ordered by {member} ({}) (E-Commerce Law (2018) art. 40)", if *ascending { "ascending" } else { "descending" }))
}

/// TP-06: every result's `price_cents` is the price the product API serves (`served`: product ID
/// to the `price_cents` of `getProduct`).
pub fn check_result_prices(results: &Value, served: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    for r in items(results) {
        let id = r.get("product_id").and_then(Value::as_str).unwrap_or_default();
        let Some(price) = served.get(id) else {
            return Err(Finding::error(format!("the price of product {id:?} was not read from the product API")));
        };
        if r.get("price_cents") != Some(price) {
            problems.push(format!("{id:?} is listed at {} but the product API serves {}", r.get("price_cents").map(short).unwrap_or_default(), short(price)));
        }
    }
    fail_if(problems, "search results do not carry the prices the product API serves, so their order says nothing")
}

/// TP-07: `self_operated` on licences and search results agrees with the merchants the
/// `operator-identity` document declares as self-operated.
pub fn check_self_operated(identity: &Value, licences: &Value, results: &Value) -> Result<(), Finding> {
    let Some(declared) = identity.pointer("/content/self_operated_merchants").and_then(Value::as_array) else {
        return Err(Finding::fail("the `operator-identity` document lists no `self_operated_merchants`"));
    };
    let declared: BTreeSet<&str> = declared.iter().filter_map(Value::as_str).collect();
    let mut problems = Vec::new();
    for l in items(licences) {
        let id = l.get("merchant_id").and_then(Value::as_str).unwrap_or_default();
        match l.get("self_operated").and_then(Value::as_bool) {
            None => problems.push(format!("the licence information of merchant {id:?} carries no `self_operated`")),
            Some(flag) if flag != declared.contains(id) => problems.push(format!(
                "merchant {id:?} is marked self_operated: {flag}, but it is {}among the declared self-operated merchants",
                if flag { "not " } else { "" }
            )),
            Some(_) => {}
        }
    }
    for r in items(results) {
        let id = r.get("product_id").and_then(Value::as_str).unwrap_or_default();
        let merchant = r.get("merchant_id").and_then(Value::as_str).unwrap_or_default();
        match r.get("self_operated").and_then(Value::as_bool) {
            None => problems.push(format!("search result {id:?} carries no `self_operated`")),
            Some(flag) if flag != declared.contains(merchant) => problems.push(format!(
                "search result {id:?} of merchant {merchant:?} is marked self_operated: {flag}, but its merchant is {}declared self-operated",
                if flag { "not " } else { "" }
            )),
            Some(_) => {}
        }
    }
    fail_if(problems, "self-operated business is not marked as declared (E-Commerce Law (2018) art. 37)")
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
        return Err(Finding::fail("the `enforcement-actions` document declares no `publication_days` (a positive integer)"));
    };
    let Some(actions) = doc.pointer("/content/actions").and_then(Value::as_array) else {
        return Err(Finding::fail("the `enforcement-actions` document lists no `actions`"));
    };
    let mut problems = Vec::new();
    for (i, a) in actions.iter().enumerate() {
        let name = format!("action {} ({})", i + 1, a.get("merchant_id").map(short).unwrap_or_else(|| "no merchant_id".into()));
        if !non_empty(a.get("merchant_id")) {
            problems.push(format!("{name} names no merchant"));
        }
        if !a.get("measure").and_then(Value::as_str).is_some_and(|m| MEASURES.contains(&m)) {
            problems.push(format!("{name}: measure {} is not one of {}", a.get("measure").map(short).unwrap_or_default(), MEASURES.join(", ")));
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
                    problems.push(format!("{name}: taken {} and published {}, later than the declared {days} day(s)", short(&a["date"]), short(&a["published_at"])));
                } else if p < d {
                    problems.push(format!("{name}: published before it was taken"));
                }
            }
            _ => problems.push(format!("{name}: `date` and `published_at` are not both RFC 3339 dates (`2024-11-04`) or date-times (`2024-11-04T09:00:00Z`)")),
        }
        let Some(rule) = a.get("rule").and_then(Value::as_str) else {
            problems.push(format!("{name} cites no rule"));
            continue;
        };
        let (url, fragment) = split_fragment(rule);
        let cited = rules.get(url).filter(|d| d.get("kind").and_then(Value::as_str) == Some("platform-rules"));
        match (cited, fragment) {
            (None, _) => problems.push(format!("{name} cites {}, which is not a platform-rules document", sanitize_line(url, 100))),
            (_, None) => problems.push(format!("{name} cites {} without the section applied (a fragment)", sanitize_line(url, 100))),
            (Some(d), Some(f)) => {
                if !items(d.pointer("/content/sections").unwrap_or(&Value::Null)).iter().any(|s| s.get("id").and_then(Value::as_str) == Some(f)) {
                    problems.push(format!("{name} cites section {:?}, which the platform rules do not have", sanitize_line(f, 40)));
                }
            }
        }
    }
    fail_if(problems, "measures against merchants are not published as declared (E-Commerce Law (2018) art. 36)")
}

/// TP-09: the credit-evaluation rules are stated, with a scale every served rating lies within.
pub fn check_credit_evaluation(doc: &Value, results: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    let rules = items(doc.pointer("/content/rules").unwrap_or(&Value::Null));
    if rules.is_empty() {
        problems.push("no credit-evaluation rule (`rules`)".to_string());
    }
    for (i, r) in rules.iter().enumerate() {
        if !non_empty(r.get("summary")) {
            problems.push(format!("rule {} has no summary", i + 1));
        }
    }
    let min = doc.pointer("/content/scale/min").and_then(Value::as_f64);
    let max = doc.pointer("/content/scale/max").and_then(Value::as_f64);
    match (min, max) {
        (Some(lo), Some(hi)) if lo < hi => {
            for r in items(results) {
                let rating = r.get("rating").and_then(Value::as_f64);
                if !rating.is_some_and(|x| (lo..=hi).contains(&x)) {
                    problems.push(format!("result {} is rated {}, outside the published scale {lo}..{hi}", r.get("product_id").map(short).unwrap_or_default(), r.get("rating").map(short).unwrap_or_else(|| "nothing".into())));
                }
            }
        }
        _ => problems.push("no rating scale (`scale` with `min` less than `max`)".to_string()),
    }
    fail_if(problems, "the credit-evaluation rules are not published as served (E-Commerce Law (2018) art. 39)")
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
        problems.push("no operator `name`".to_string());
    }
    let code = doc.pointer("/content/unified_social_credit_code").and_then(Value::as_str).unwrap_or_default();
    if !valid_uscc(code) {
        problems.push(format!("`unified_social_credit_code` {:?} is not a valid 统一社会信用代码 (GB 32100-2015)", sanitize_line(code, 30)));
    }
    let licences = items(doc.pointer("/content/licences").unwrap_or(&Value::Null));
    if licences.is_empty() {
        problems.push("no `licences`".to_string());
    }
    for l in licences {
        if !non_empty(l.get("name")) || !non_empty(l.get("number")) {
            problems.push(format!("licence {} lacks a `name` or a `number`", short(l)));
        }
    }
    fail_if(problems, "the operator's licence information is incomplete (E-Commerce Law (2018) art. 15)")
}

/// TP-10: the licence information served for merchant `merchant_id`.
pub fn check_merchant_licence(merchant_id: &str, licence: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    if licence.get("merchant_id").and_then(Value::as_str) != Some(merchant_id) {
        problems.push(format!("it names merchant {} instead", licence.get("merchant_id").map(short).unwrap_or_else(|| "no".into())));
    }
    if !non_empty(licence.get("name")) {
        problems.push("no `name`".to_string());
    }
    let code = licence.get("unified_social_credit_code").and_then(Value::as_str).unwrap_or_default();
    if !valid_uscc(code) {
        problems.push(format!("`unified_social_credit_code` {:?} is not a valid 统一社会信用代码 (GB 32100-2015)", sanitize_line(code, 30)));
    }
    if !licence.get("licences").is_some_and(Value::is_array) {
        problems.push("no `licences` list".to_string());
    }
    fail_if(problems, &format!("the licence information of merchant {:?} is incomplete (E-Commerce Law (2018) art. 15)", sanitize_line(merchant_id, 60)))
}

/// TP-11: the algorithm filings of the `operator-identity` document.
pub fn check_algorithm_filings(doc: &Value) -> Result<(), Finding> {
    let Some(filings) = doc.pointer("/content/algorithm_filings").and_then(Value::as_array) else {
        return Err(Finding::fail("the `operator-identity` document lists no `algorithm_filings` (Algorithm Recommendation Provisions (2021) art. 26); a platform with no filed algorithm lists an empty list"));
    };
    let mut problems = Vec::new();
    for f in filings {
        let url_ok = f.get("url").and_then(Value::as_str).and_then(|u| url::Url::parse(u).ok()).is_some_and(|u| u.scheme() == "https");
        if !non_empty(f.get("algorithm")) || !non_empty(f.get("number")) || !url_ok {
            problems.push(format!("filing {} lacks an `algorithm`, a `number` or an https `url`", short(f)));
        }
    }
    fail_if(problems, "the algorithm filings are incomplete (Algorithm Recommendation Provisions (2021) art. 26)")
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

/// TP-12: the fee schedule lists every fee, each complete, and every quoted fee is listed.
/// `quotes` are the fee quotes of `{merchants}/{id}/fee-quote`.
pub fn check_fee_list(schedule: &Value, quotes: &Value) -> Result<(), Finding> {
    let Some(fees) = schedule.pointer("/content/fees").and_then(Value::as_array).filter(|f| !f.is_empty()) else {
        return Err(Finding::fail("the fee schedule lists no `fees`"));
    };
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for f in fees {
        let id = f.get("id").and_then(Value::as_str).unwrap_or_default();
        if id.is_empty() || !ids.insert(id) {
            problems.push(format!("fee {} has no `id` or one used twice", short(f)));
        }
        if !non_empty(f.get("name")) {
            problems.push(format!("fee {id:?} has no `name`"));
        }
        let kind = f.get("kind").and_then(Value::as_str).unwrap_or_default();
        if !FEE_KINDS.contains(&kind) {
            problems.push(format!("fee {id:?} is of kind {kind:?}, not one of {}", FEE_KINDS.join(", ")));
        }
        match amount(f) {
            Some(("rate", r)) if !(0.0..=1.0).contains(&r) => problems.push(format!("fee {id:?}: rate {r} is not a fraction from 0 to 1")),
            Some(("amount_cents", a)) if a < 0.0 || a.fract() != 0.0 => problems.push(format!("fee {id:?}: amount_cents {a} is not a non-negative integer")),
            None => problems.push(format!("fee {id:?} states neither a `rate` nor an `amount_cents`")),
            _ => {}
        }
        if kind == "periodic" && !non_empty(f.get("period")) {
            problems.push(format!("periodic fee {id:?} states no `period`"));
        }
        if (kind == "deposit" || kind == "guarantee-deposit") && !non_empty(f.get("refund_conditions")) {
            problems.push(format!("{kind} {id:?} states no `refund_conditions`"));
        }
    }
    for q in items(quotes) {
        let merchant = q.get("merchant_id").map(short).unwrap_or_default();
        for f in items(q.get("fees").unwrap_or(&Value::Null)) {
            let id = f.get("id").and_then(Value::as_str).unwrap_or_default();
            if !ids.contains(id) {
                problems.push(format!("merchant {merchant} is quoted fee {:?}, which the schedule does not list", sanitize_line(id, 60)));
            }
        }
    }
    fail_if(problems, "the fee schedule does not list every fee charged to merchants (E-Commerce Law (2018) art. 33, 35)")
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
        return Err(Finding::fail("the fee schedule publishes no `tiers` with `criteria`"));
    }
    let mut problems = Vec::new();
    let mut groups: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    for q in items(quotes) {
        let merchant = q.get("merchant_id").and_then(Value::as_str).unwrap_or_default();
        let category = q.get("category").and_then(Value::as_str).unwrap_or_default();
        let tier = q.get("tier").and_then(Value::as_str).unwrap_or_default();
        let Some(served) = categories.get(merchant).and_then(Value::as_str) else {
            return Err(Finding::error(format!("the category of merchant {merchant:?} was not read from the merchants endpoint")));
        };
        if category != served {
            problems.push(format!("merchant {merchant:?} is quoted as category {category:?}, but the merchants endpoint serves {served:?}"));
        }
        if !tiers.contains(tier) {
            problems.push(format!("merchant {merchant:?} is quoted in tier {tier:?}, which the fee schedule does not publish"));
        }
        let quoted: BTreeMap<&str, &Value> = items(q.get("fees").unwrap_or(&Value::Null))
            .into_iter()
            .filter_map(|f| Some((f.get("id")?.as_str()?, f)))
            .filter(|(id, _)| entries.contains_key(id))
            .collect();
        for (id, entry) in &entries {
            let due = applies(entry, category, tier);
            match (due, quoted.get(id)) {
                (true, None) => problems.push(format!("merchant {merchant:?} is not quoted fee {id:?}, which applies to {category}/{tier}")),
                (false, Some(_)) => problems.push(format!("merchant {merchant:?} is quoted fee {id:?}, which the schedule scopes to another category or tier")),
                (true, Some(f)) if amount(f) != amount(entry) => problems.push(format!(
                    "merchant {merchant:?} ({category}/{tier}) is quoted {id:?} at {}, but the schedule says {}",
                    amount(f).map(|(k, v)| format!("{k} {v}")).unwrap_or_else(|| "no amount".into()),
                    amount(entry).map(|(k, v)| format!("{k} {v}")).unwrap_or_default()
                )),
                _ => {}
            }
        }
        let signature = quoted.iter().map(|(id, f)| format!("{id}={:?}", amount(f))).collect::<Vec<_>>().join(",");
        groups.entry((category.to_string(), tier.to_string())).or_default().push((merchant.to_string(), signature));
    }
    for ((category, tier), members) in &groups {
        if members.iter().any(|(_, s)| *s != members[0].1) {
            let names: Vec<&str> = members.iter().map(|(m, _)| m.as_str()).collect();
            problems.push(format!("merchants of {category}/{tier} are quoted different fees: {}", names.join(", ")));
        }
    }
    fail_if(problems, "merchants are quoted fees the published schedule and tiers do not explain (E-Commerce Law (2018) art. 35)")
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
        problems.push("no `eligibility`".to_string());
    }
    if !non_empty(doc.pointer("/content/support")) {
        problems.push("no `support`".to_string());
    }
    let named = items(doc.pointer("/content/tiers").unwrap_or(&Value::Null));
    if named.is_empty() {
        problems.push("no `tiers`".to_string());
    }
    for t in named {
        if !t.as_str().is_some_and(|t| tiers.contains(t)) {
            problems.push(format!("tier {} is not one the fee schedule publishes", short(t)));
        }
    }
    fail_if(problems, "the small-merchant support programme does not say who is eligible and what they get")
}

/// The product IDs of a result list, in order.
fn product_ids(items_: &Value) -> Vec<String> {
    items(items_.get("items").unwrap_or(items_)).into_iter().map(|r| r.get("product_id").and_then(Value::as_str).unwrap_or_default().to_string()).collect()
}

/// Where two lists of product IDs first differ, in words.
fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    if a == b {
        return None;
    }
    let i = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let at = |l: &[String]| l.get(i).map(|s| format!("{:?}", sanitize_line(s, 40))).unwrap_or_else(|| "nothing".into());
    Some(format!("position {}: {} against {} ({} and {} results)", i + 1, at(a), at(b), a.len(), b.len()))
}

/// TP-02: the non-personalised results two personas received at the same time, round by round
/// (`rounds`: a list of `{what, a, b}`, each answer a result list), are identical.
pub fn check_same_results(rounds: &Value) -> Result<(), Finding> {
    let rounds = items(rounds);
    if rounds.is_empty() {
        return Err(Finding::error("no non-personalised results were compared"));
    }
    let mut problems = Vec::new();
    for r in rounds {
        let what = r.get("what").and_then(Value::as_str).unwrap_or("results");
        if let Some(d) = first_difference(&product_ids(&r["a"]), &product_ids(&r["b"])) {
            problems.push(format!("{what} differ between the two personas at {d}"));
        }
    }
    fail_if(problems, "the non-personalised option gives personas with different histories different results (E-Commerce Law (2018) art. 18; Algorithm Recommendation Provisions (2021) art. 17)")
}

/// TP-03: once personalisation is off, the next default recommendations (`after_off`) are the
/// non-personalised ones (`non_personalised`), and the deleted tag (`deleted`) is no longer
/// listed among the persona's tags (`tags_after`).
pub fn check_personalisation_off(after_off: &Value, non_personalised: &Value, deleted: &str, tags_after: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    if let Some(d) = first_difference(&product_ids(after_off), &product_ids(non_personalised)) {
        problems.push(format!("the first recommendations after turning personalisation off are still personalised (they differ from the non-personalised list at {d})"));
    }
    let listed = items(tags_after.get("items").unwrap_or(tags_after));
    if listed.iter().any(|t| t.get("id").and_then(Value::as_str) == Some(deleted)) {
        problems.push(format!("tag {:?} is still listed after it was deleted", sanitize_line(deleted, 60)));
    }
    fail_if(problems, "turning personalisation off or deleting a tag did not take effect on the next request (Algorithm Recommendation Provisions (2021) art. 17; Network Data Security Management Regulations (2024) art. 42)")
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
        return Err(Finding::error("no price quotes were compared"));
    }
    let mut problems = Vec::new();
    for (n, r) in rounds.iter().enumerate() {
        let mut base = Vec::new();
        for side in ["a", "b"] {
            let q = &r[side];
            let Some(total) = q.get("total_cents").and_then(Value::as_i64) else {
                problems.push(format!("round {}: persona {side}'s quote has no integer `total_cents`", n + 1));
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
                    problems.push(format!("round {}: persona {side}'s adjustment {} cites no section of a published platform-rules document", n + 1, short(a)));
                }
            }
            base.push(total - adjusted);
        }
        if let [a, b] = base[..]
            && a != b
        {
            problems.push(format!(
                "round {}: the personas are quoted {} and {} (total_cents) for the same item, quantity, place and time{}",
                n + 1,
                r["a"]["total_cents"],
                r["b"]["total_cents"],
                if a != r["a"]["total_cents"].as_i64().unwrap_or(a) || b != r["b"]["total_cents"].as_i64().unwrap_or(b) { ", a difference the itemised adjustments do not explain" } else { "" }
            ));
        }
    }
    fail_if(problems, "personas that differ only in history, device or client are quoted different prices (大数据杀熟; Personal Information Protection Law (2021) art. 24; Algorithm Recommendation Provisions (2021) art. 21)")
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
