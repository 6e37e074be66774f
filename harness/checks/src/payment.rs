//! Payment neutrality (policy （五）): every declared payment method offered at checkout, third
//! parties' at the same price and through the same flow as the platform's own; merchant terms
//! without exclusivity ("choose one of two", 二选一).

use hutong_model::{joined, msg, Finding, Message};
use serde_json::Value;

/// The capability by which discovery declares a payment method of the platform's own (OPIS
/// §6.5); AI-12 is conditional on it.
pub const OWN_METHOD_CAPABILITY: &str = "checkout.own_payment_method";

/// A payment method the platform declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentMethod {
    /// Identifier used at checkout.
    pub id: String,
    /// Whether the platform (or an affiliate) operates it.
    pub own: bool,
    /// What it is (`kind`, AI-17), if the platform says.
    pub kind: Option<String>,
}

/// The kinds of payment method OPIS knows (AI-17, OPIS §15).
pub const METHOD_KINDS: &[&str] = &["balance", "wallet", "card", "bank", "credit", "instalment", "other"];

/// The kinds that are financial products payment is not to be tied to (policy （五）, AI-17).
pub const FINANCIAL_KINDS: &[&str] = &["credit", "instalment"];

impl PaymentMethod {
    /// Whether the method is a financial product (kind `credit` or `instalment`).
    pub fn is_financial(&self) -> bool {
        self.kind.as_deref().is_some_and(|k| FINANCIAL_KINDS.contains(&k))
    }
}

/// AI-17: every declared payment method states a `kind` OPIS knows.
pub fn check_method_kinds(methods: &[PaymentMethod]) -> Result<(), Finding> {
    let bad = methods
        .iter()
        .filter(|m| !m.kind.as_deref().is_some_and(|k| METHOD_KINDS.contains(&k)))
        .map(|m| match &m.kind {
            None => msg!("payment-method-no-kind", id = compact_str(&m.id)),
            Some(k) => msg!("payment-method-unknown-kind", id = compact_str(&m.id), kind = format!("{:?}", compact_str(k))),
        });
    match joined(bad) {
        None => Ok(()),
        Some(bad) => Err(Finding::fail(msg!("payment-method-kinds-missing", kinds = METHOD_KINDS.join(", "), problems = bad))),
    }
}

/// AI-17: a checkout sent without `payment_method`, answered `status` with `order`, is refused
/// (4xx) or paid with a declared method that is not a financial product. Another status is an
/// `error`: nothing can be said about the default.
pub fn check_default_method(status: u16, order: &Value, methods: &[PaymentMethod]) -> Result<(), Finding> {
    if (400..500).contains(&status) {
        return Ok(());
    }
    if status != 200 && status != 201 {
        return Err(Finding::error(msg!("payment-default-checkout-unexpected-status", status = status)));
    }
    let Some(used) = order.get("payment_method").and_then(Value::as_str) else {
        return Err(Finding::fail(msg!("payment-default-unknown")));
    };
    match methods.iter().find(|m| m.id == used) {
        None => Err(Finding::fail(msg!("payment-default-undeclared", method = format!("{:?}", compact_str(used))))),
        Some(m) if m.is_financial() => Err(Finding::fail(msg!(
            "payment-default-financial",
            method = format!("{:?}", compact_str(used)),
            kind = m.kind.as_deref().unwrap_or_default()
        ))),
        Some(_) => Ok(()),
    }
}

/// The tokens of a step, a next action's type or URL: runs of letters, digits, `-`, `_` and `.`.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))).filter(|t| !t.is_empty())
}

/// AI-17: an order of a checkout with the method `requested` (not a financial product) is paid
/// with it, and none of its `steps`, nor its `next_action`'s `type` or `url`, names (as a token)
/// a declared method of kind `credit` or `instalment`.
pub fn check_no_enrolment(requested: &str, order: &Value, methods: &[PaymentMethod]) -> Result<(), Finding> {
    let used = order.get("payment_method").and_then(Value::as_str);
    if used != Some(requested) {
        return Err(Finding::fail(match used {
            Some(used) => msg!("payment-paid-with-other", requested = compact_str(requested), used = compact_str(used)),
            None => msg!("payment-paid-with-unnamed", requested = compact_str(requested)),
        }));
    }
    let financial: Vec<&PaymentMethod> = methods.iter().filter(|m| m.is_financial()).collect();
    let mut places: Vec<(Message, String)> = order
        .get("steps")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|s| (msg!("payment-place-step", step = compact_str(s)), s.to_string()))
        .collect();
    for member in ["type", "url"] {
        if let Some(v) = order.get("next_action").and_then(|a| a.get(member)).and_then(Value::as_str) {
            places.push((msg!("payment-place-next-action", member = member, value = compact_str(v)), v.to_string()));
        }
    }
    for (place, text) in &places {
        if let Some(m) = financial.iter().find(|m| tokens(text).any(|t| t == m.id)) {
            return Err(Finding::fail(msg!(
                "payment-enrolment-required",
                requested = compact_str(requested),
                kind = m.kind.as_deref().unwrap_or_default(),
                product = compact_str(&m.id),
                place = place.clone()
            )));
        }
    }
    Ok(())
}

/// The declared payment methods from the payment-methods answer (`{"items": [{"id", "own"}]}`).
/// Whether an own method and a third-party one are declared is judged by the steps.
pub fn parse_methods(doc: &Value) -> Result<Vec<PaymentMethod>, Finding> {
    let items = doc.get("items").and_then(Value::as_array).ok_or_else(|| Finding::fail(msg!("payment-methods-no-items")))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str).ok_or_else(|| Finding::fail(msg!("payment-method-no-id", index = i)))?;
        let own = item.get("own").and_then(Value::as_bool).ok_or_else(|| Finding::fail(msg!("payment-method-own-unstated", id = format!("{id:?}"))))?;
        let kind = item.get("kind").and_then(Value::as_str).map(str::to_string);
        out.push(PaymentMethod { id: id.to_string(), own, kind });
    }
    Ok(out)
}

/// What is compared between checkouts of the same item with different methods: the total and
/// the flow (state, kind of next action, steps).
pub fn price_and_flow(order: &Value) -> Value {
    serde_json::json!({
        "total": order.get("total"),
        "state": order.get("state"),
        "next_action": order.get("next_action").and_then(|a| a.get("type")),
        "steps": order.get("steps"),
    })
}

/// The first difference in price or flow between the platform's own checkout and a third-party
/// one (what the third-party one does, a predicate: "costs … against …"), or `None` when they
/// match.
pub fn compare_checkouts(own: &Value, third_party: &Value) -> Option<Message> {
    let (a, b) = (price_and_flow(own), price_and_flow(third_party));
    if a["total"] != b["total"] {
        return Some(msg!("payment-checkout-costs-more", theirs = compact(&b["total"]), own = compact(&a["total"])));
    }
    for key in ["state", "next_action", "steps"] {
        if a[key] != b[key] {
            return Some(msg!("payment-checkout-other-flow", key = key, theirs = compact(&b[key]), own = compact(&a[key])));
        }
    }
    None
}

/// What replaces an order's own identifier when orders of different clients are compared
/// (OPIS §8.1: a per-client value is compared as a placeholder).
pub const ORDER_ID_PLACEHOLDER: &str = "{order-id}";

/// An order answer as OE-15 compares it: normalised (OPIS §8.2, the declared `volatile` fields
/// and a top-level `generated_at` removed), its own `id` member removed, and that identifier
/// replaced by [`ORDER_ID_PLACEHOLDER`] in every other string (a next action's URL names it).
pub fn comparable_order(order: &Value, volatile: &[String]) -> Value {
    let id = order.get("id").and_then(Value::as_str).filter(|id| !id.is_empty()).map(str::to_string);
    let mut body = crate::differential::normalize(order.clone(), volatile);
    if let (Some(id), Value::Object(map)) = (&id, &mut body) {
        map.remove("id");
        replace_in_strings(&mut body, id);
    }
    body
}

/// Every top-level member in which two comparable orders (see [`comparable_order`]) differ,
/// each with its first difference (`/fees: 1 items against 0`), so that a finding names the
/// total, the fees and the steps at once; empty when they are equal.
pub fn order_differences(a: &Value, b: &Value) -> Vec<Message> {
    let (Value::Object(x), Value::Object(y)) = (a, b) else {
        return crate::differential::first_difference(a, b).into_iter().collect();
    };
    let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let pointer = format!("/{}", k.replace('~', "~0").replace('/', "~1"));
            match (x.get(k), y.get(k)) {
                (Some(va), Some(vb)) => crate::differential::first_difference_at(va, vb, &pointer),
                _ => Some(msg!("payment-order-member-one-sided", pointer = pointer)),
            }
        })
        .collect()
}

/// `text` with every occurrence of the order identifier `id` replaced by the placeholder.
pub fn without_order_id(text: &str, id: Option<&str>) -> String {
    match id.filter(|id| !id.is_empty()) {
        Some(id) => text.replace(id, ORDER_ID_PLACEHOLDER),
        None => text.to_string(),
    }
}

fn replace_in_strings(value: &mut Value, id: &str) {
    match value {
        Value::String(s) if s.contains(id) => *s = s.replace(id, ORDER_ID_PLACEHOLDER),
        Value::Array(items) => items.iter_mut().for_each(|v| replace_in_strings(v, id)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_in_strings(v, id)),
        _ => {}
    }
}

/// The URL of an order's next action (`next_action.url`), if it names one.
pub fn next_action_url(order: &Value) -> Option<&str> {
    order.get("next_action")?.get("url")?.as_str()
}

/// What opening a next action's URL gave, as compared (AI-12, OE-15).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextActionOpened {
    /// The URL is off the platform's origins: the harness sends nothing there (OPIS §6.3); the
    /// next action leads straight out, to its host.
    OffPlatform {
        /// The host it leads to.
        host: String,
    },
    /// The URL was opened (without following redirects) and answered.
    Answered {
        /// HTTP status.
        status: u16,
        /// Media type, without parameters.
        content_type: Option<String>,
        /// `Location`, the order's identifier replaced by [`ORDER_ID_PLACEHOLDER`].
        location: Option<String>,
    },
}

impl NextActionOpened {
    /// Whether it leads on to the payment without a page of the platform's: off the platform or
    /// a redirect (RFC 9110 §15.4) with a `Location`.
    pub fn leads_on(&self) -> bool {
        match self {
            NextActionOpened::OffPlatform { .. } => true,
            NextActionOpened::Answered { status, location, .. } => (300..400).contains(status) && location.is_some(),
        }
    }

    /// A short description for findings (a predicate: "leads straight to …").
    pub fn describe(&self) -> Message {
        match self {
            NextActionOpened::OffPlatform { host } => msg!("payment-next-action-leaves", host = compact_str(host)),
            NextActionOpened::Answered { status, location: Some(l), .. } if (300..400).contains(status) => {
                msg!("payment-next-action-redirects", status = *status, location = compact_str(l))
            }
            NextActionOpened::Answered { status, content_type: Some(t), .. } => msg!("payment-next-action-answers", status = *status, content_type = compact_str(t)),
            NextActionOpened::Answered { status, content_type: None, .. } => msg!("payment-next-action-answers-untyped", status = *status),
        }
    }
}

/// AI-12: how a third-party method's next action differs from the platform's own, or `None`.
/// It must lead on to the payment where the own method's does (a redirect or a URL off the
/// platform), and answer with the same status where both answer with a page.
pub fn compare_next_actions_by_method(own: &NextActionOpened, third_party: &NextActionOpened) -> Option<Message> {
    if own.leads_on() && !third_party.leads_on() {
        let interstitial = matches!(third_party, NextActionOpened::Answered { status, .. } if (200..300).contains(status));
        return Some(if interstitial {
            msg!("payment-next-action-interstitial", theirs = third_party.describe(), own = own.describe())
        } else {
            msg!("payment-next-action-differs", theirs = third_party.describe(), own = own.describe())
        });
    }
    match (own, third_party) {
        (NextActionOpened::Answered { status: a, .. }, NextActionOpened::Answered { status: b, .. }) if !own.leads_on() && a != b => {
            Some(msg!("payment-next-action-differs", theirs = third_party.describe(), own = own.describe()))
        }
        _ => None,
    }
}

/// OE-15: how one client's next action differs from another's for the same payment method, or
/// `None` when the answers are the same (status, media type, `Location` with the order's
/// identifier replaced; or the same host off the platform).
pub fn compare_next_actions_by_client(a: &NextActionOpened, b: &NextActionOpened) -> Option<Message> {
    (a != b).then(|| msg!("payment-next-action-differs-by-client", theirs = b.describe(), other = a.describe()))
}

fn compact_str(s: &str) -> String {
    hutong_model::sanitize_line(s, 100)
}

fn compact(v: &Value) -> String {
    hutong_model::sanitize_line(&v.to_string(), 100)
}

/// A clause's text as findings quote it.
fn clause_text(text: &str) -> String {
    format!("{:?}", hutong_model::sanitize_line(text, 160))
}

/// One phrase of `fixtures/corpus/restriction-phrases.toml`: wording that restricts merchants'
/// trading elsewhere (AI-13, OPIS §15).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestrictionPhrase {
    /// The phrase, compared lower-cased with white space collapsed.
    pub text: String,
    /// `zh` or `en`.
    pub lang: String,
    /// `exclusivity`, `payment-tying`, `price-parity` (restrictions, AI-13), `ranking-penalty` or
    /// `elsewhere` (AI-19: a penalty, and the trading elsewhere it is tied to).
    pub kind: String,
    /// The decision or text that describes the restriction in these words.
    pub source: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseFile {
    phrase: Vec<RestrictionPhrase>,
}

/// The embedded restriction phrases (part of the standard; a target file cannot replace them).
pub fn restriction_phrases() -> &'static [RestrictionPhrase] {
    static PHRASES: std::sync::OnceLock<Vec<RestrictionPhrase>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        let text = opis_spec::file("fixtures/corpus/restriction-phrases.toml").map(|f| f.contents).unwrap_or_default();
        toml::from_str::<PhraseFile>(text).map(|f| f.phrase).unwrap_or_default()
    })
}

/// Lower-cased, white space collapsed to single spaces.
fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Wording that, earlier in the same part of a sentence, turns a restriction phrase into a
/// denial of it ("本平台不要求商家二选一", "the platform does not require merchants to sell
/// exclusively on this platform"): such a clause states a freedom, not a restriction (issue 14).
const DENIALS: &[&str] = &[
    "不要求", "不会要求", "不得要求", "从不要求", "绝不要求", "没有要求", "不强制", "不强迫", "无需", "不需要", "不以",
    "does not require", "do not require", "will not require", "shall not require", "never require", "not required",
    "no requirement", "not obliged", "no obligation", "not be required",
];

/// What ends the part of a sentence a denial reaches: sentence and clause punctuation, and the
/// words that join a second statement ("不要求押金，但须二选一" restricts).
const PART_BREAKS: &[&str] = &[
    "。", "；", ";", "！", "!", "？", "?", "，", ",", ". ", "但", "而", "然而", "并且", "同时", " but ", " however", " and ",
    " although", " while ", " except", " unless ", " provided that",
];

/// Whether the phrase found at byte `at` of `text` stands in a part of a sentence that denies it.
fn denied(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let part_start = PART_BREAKS.iter().filter_map(|b| before.rfind(b).map(|i| i + b.len())).max().unwrap_or(0);
    let part = &before[part_start..];
    DENIALS.iter().any(|d| part.contains(d))
}

/// The kinds of phrase that are restrictions of trading elsewhere by themselves (AI-13).
pub const RESTRICTION_KINDS: &[&str] = &["exclusivity", "payment-tying", "price-parity"];

/// The first restriction phrase (of [`RESTRICTION_KINDS`]) of `phrases` a clause text contains as
/// a restriction (an occurrence that the same part of the sentence denies does not count).
pub fn restriction_in<'a>(text: &str, phrases: &'a [RestrictionPhrase]) -> Option<&'a RestrictionPhrase> {
    let text = normalised(text);
    phrases.iter().filter(|p| RESTRICTION_KINDS.contains(&p.kind.as_str())).find(|p| {
        let phrase = normalised(&p.text);
        text.match_indices(&phrase).any(|(at, _)| !denied(&text, at))
    })
}

/// Checks a schema-valid merchant terms declaration for exclusivity: `exclusivity_required` must
/// be `false`, no clause may be flagged as restricting trading elsewhere, and no clause flagged
/// otherwise may contain restriction wording of [`restriction_phrases`] (the flag is a declaration,
/// checked against the clause it describes).
pub fn check_no_exclusivity(terms: &Value) -> Result<(), Finding> {
    check_no_exclusivity_with(terms, restriction_phrases())
}

/// [`check_no_exclusivity`] with the given phrases.
pub(crate) fn check_no_exclusivity_with(terms: &Value, phrases: &[RestrictionPhrase]) -> Result<(), Finding> {
    let mut problems = Vec::new();
    if terms.get("exclusivity_required").and_then(Value::as_bool) != Some(false) {
        problems.push(msg!("payment-exclusivity-required"));
    }
    for clause in terms.get("clauses").and_then(Value::as_array).into_iter().flatten() {
        let id = hutong_model::sanitize_line(clause.get("id").and_then(Value::as_str).unwrap_or("?"), 40);
        let text = clause.get("text").and_then(Value::as_str).unwrap_or_default();
        if clause.get("restricts_trading_elsewhere").and_then(Value::as_bool) == Some(true) {
            problems.push(msg!("payment-clause-restricts-trading", clause = id, text = clause_text(text)));
        } else if let Some(p) = restriction_in(text, phrases) {
            problems.push(msg!(
                "payment-clause-hides-restriction",
                clause = id,
                kind = p.kind.as_str(),
                wording = format!("{:?}", p.text),
                text = clause_text(text)
            ));
        }
    }
    match joined(problems) {
        None => Ok(()),
        Some(p) => Err(Finding::fail(msg!("payment-terms-restrict-trading", problems = p))),
    }
}

/// The first phrase of `kind` a clause text contains.
fn restriction_of_kind<'a>(text: &str, kind: &str, phrases: &'a [RestrictionPhrase]) -> Option<&'a RestrictionPhrase> {
    let text = normalised(text);
    phrases.iter().filter(|p| p.kind == kind).find(|p| text.contains(&normalised(&p.text)))
}

/// Checks merchant terms for price parity (AI-18): `price_parity_required` must be stated `false`,
/// every clause must carry `restricts_pricing_elsewhere`, none `true`, and no clause flagged
/// `false` may contain price-parity wording of [`restriction_phrases`] (the flag is a
/// declaration, checked against the clause it describes).
pub fn check_no_price_parity(terms: &Value) -> Result<(), Finding> {
    check_no_price_parity_with(terms, restriction_phrases())
}

/// [`check_no_price_parity`] with the given phrases.
pub(crate) fn check_no_price_parity_with(terms: &Value, phrases: &[RestrictionPhrase]) -> Result<(), Finding> {
    let mut problems = Vec::new();
    match terms.get("price_parity_required").and_then(Value::as_bool) {
        Some(false) => {}
        Some(true) => problems.push(msg!("payment-price-parity-required")),
        None => problems.push(msg!("payment-price-parity-unstated")),
    }
    for clause in terms.get("clauses").and_then(Value::as_array).into_iter().flatten() {
        let id = hutong_model::sanitize_line(clause.get("id").and_then(Value::as_str).unwrap_or("?"), 40);
        let text = clause.get("text").and_then(Value::as_str).unwrap_or_default();
        match clause.get("restricts_pricing_elsewhere").and_then(Value::as_bool) {
            None => problems.push(msg!("payment-clause-pricing-unflagged", clause = id)),
            Some(true) => problems.push(msg!("payment-clause-restricts-pricing", clause = id, text = clause_text(text))),
            Some(false) => {
                if let Some(p) = restriction_of_kind(text, "price-parity", phrases) {
                    problems.push(msg!("payment-clause-hides-price-parity", clause = id, wording = format!("{:?}", p.text), text = clause_text(text)));
                }
            }
        }
    }
    match joined(problems) {
        None => Ok(()),
        Some(p) => Err(Finding::fail(msg!("payment-terms-tie-prices", problems = p))),
    }
}

/// Checks the ranking declaration of merchant terms (AI-19): `ranking` states that merchants are
/// demoted neither for selling elsewhere nor for outside payment, names an absolute `rules_url`,
/// and no clause contains both ranking-penalty wording and wording of trading elsewhere of
/// [`restriction_phrases`] (the declaration checked against the clauses). Returns `rules_url`,
/// which the step fetches.
pub fn check_ranking_declaration(terms: &Value) -> Result<String, Finding> {
    check_ranking_declaration_with(terms, restriction_phrases())
}

/// [`check_ranking_declaration`] with the given phrases.
pub(crate) fn check_ranking_declaration_with(terms: &Value, phrases: &[RestrictionPhrase]) -> Result<String, Finding> {
    let mut problems = Vec::new();
    let ranking = terms.get("ranking").filter(|r| r.is_object());
    if ranking.is_none() {
        problems.push(msg!("payment-ranking-undeclared"));
    }
    let ranking = ranking.unwrap_or(&Value::Null);
    for (member, what) in [("demotes_for_selling_elsewhere", msg!("payment-selling-elsewhere")), ("demotes_for_outside_payment", msg!("payment-outside-payment"))] {
        match ranking.get(member).and_then(Value::as_bool) {
            Some(false) => {}
            Some(true) => problems.push(msg!("payment-ranking-demotes", what = what, member = member)),
            None if ranking.is_object() => problems.push(msg!("payment-ranking-member-unstated", member = member)),
            None => {}
        }
    }
    let rules_url = ranking.get("rules_url").and_then(Value::as_str).filter(|u| url::Url::parse(u).is_ok()).map(str::to_string);
    if ranking.is_object() && rules_url.is_none() {
        problems.push(msg!("payment-ranking-rules-url-invalid"));
    }
    for clause in terms.get("clauses").and_then(Value::as_array).into_iter().flatten() {
        let id = hutong_model::sanitize_line(clause.get("id").and_then(Value::as_str).unwrap_or("?"), 40);
        let text = clause.get("text").and_then(Value::as_str).unwrap_or_default();
        // A demotion alone may be for fraud or fake reviews; tied to trading elsewhere it is a penalty.
        if let (Some(p), Some(e)) = (restriction_of_kind(text, "ranking-penalty", phrases), restriction_of_kind(text, "elsewhere", phrases)) {
            problems.push(msg!(
                "payment-clause-ranking-penalty",
                clause = id,
                penalty = format!("{:?}", p.text),
                elsewhere = format!("{:?}", e.text),
                text = clause_text(text)
            ));
        }
    }
    match (rules_url, joined(problems)) {
        (Some(u), None) => Ok(u),
        // Without a `rules_url` there is always a problem listed; the fallback only keeps the finding whole.
        (_, p) => Err(Finding::fail(msg!("payment-ranking-penalty-not-ruled-out", problems = p.unwrap_or_else(|| msg!("payment-ranking-rules-url-invalid"))))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn methods_are_parsed() {
        let m = parse_methods(&json!({"items": [{"id": "own", "own": true}, {"id": "alipay", "own": false}]})).unwrap();
        assert_eq!(m.len(), 2);
        assert!(parse_methods(&json!({"items": [{"id": "x"}]})).is_err());
    }

    #[test]
    fn checkouts_are_compared() {
        let own = json!({"id": "1", "total": {"amount_cents": 100, "currency": "CNY"}, "state": "awaiting_payment", "next_action": {"type": "redirect", "url": "a"}, "steps": ["pay"]});
        let same = json!({"id": "2", "total": {"amount_cents": 100, "currency": "CNY"}, "state": "awaiting_payment", "next_action": {"type": "redirect", "url": "b"}, "steps": ["pay"]});
        let dearer = json!({"id": "3", "total": {"amount_cents": 103, "currency": "CNY"}, "state": "awaiting_payment", "next_action": {"type": "redirect"}, "steps": ["pay"]});
        let longer = json!({"id": "4", "total": {"amount_cents": 100, "currency": "CNY"}, "state": "awaiting_payment", "next_action": {"type": "redirect"}, "steps": ["verify", "pay"]});
        assert_eq!(compare_checkouts(&own, &same), None);
        assert!(compare_checkouts(&own, &dearer).unwrap().en().contains("costs"));
        assert!(compare_checkouts(&own, &longer).unwrap().en().contains("steps"));
    }

    #[test]
    fn orders_of_different_clients_compare_without_their_ids() {
        // See: issue 12, class 3 — a fee or an extra step for third-party clients' orders passed.
        let a = json!({"id": "ord_1", "total": {"amount_cents": 100}, "fees": [], "next_action": {"type": "redirect", "url": "https://m.example/pay/ord_1"}, "steps": ["confirm", "pay"], "created_at": "x"});
        let b = json!({"id": "ord_22", "total": {"amount_cents": 100}, "fees": [], "next_action": {"type": "redirect", "url": "https://m.example/pay/ord_22"}, "steps": ["confirm", "pay"], "created_at": "y"});
        let volatile = vec!["/created_at".to_string()];
        assert_eq!(crate::differential::first_difference(&comparable_order(&a, &volatile), &comparable_order(&b, &volatile)), None);
        let fee = json!({"id": "ord_3", "total": {"amount_cents": 106}, "fees": [{"type": "service", "amount_cents": 6}], "next_action": {"type": "redirect", "url": "https://m.example/pay/ord_3"}, "steps": ["confirm", "pay"]});
        let d = crate::differential::first_difference(&comparable_order(&a, &volatile), &comparable_order(&fee, &volatile)).unwrap().en();
        assert!(d.contains("/fees") || d.contains("/total"), "{d}");
        let longer = json!({"id": "ord_4", "total": {"amount_cents": 100}, "fees": [], "next_action": {"type": "redirect", "url": "https://m.example/pay/ord_4"}, "steps": ["verify", "confirm", "pay"]});
        let d = crate::differential::first_difference(&comparable_order(&a, &volatile), &comparable_order(&longer, &volatile)).unwrap().en();
        assert!(d.contains("/steps"), "{d}");
        assert_eq!(without_order_id("https://m.example/checkout/ord_4", Some("ord_4")), "https://m.example/checkout/{order-id}");
        let both = order_differences(&comparable_order(&fee, &volatile), &comparable_order(&a, &volatile));
        assert_eq!(both.len(), 2, "{both:?}");
        assert!(both[0].en().starts_with("/fees: 1 items against 0") && both[1].en().starts_with("/total/amount_cents: 106 against 100"), "{both:?}");
        assert!(order_differences(&comparable_order(&a, &volatile), &comparable_order(&b, &volatile)).is_empty());
    }

    #[test]
    fn a_leaving_page_as_next_action_is_an_interstitial() {
        // See: issue 12, class 3 — a "you are leaving" page as a payment method's next action.
        let redirect = NextActionOpened::Answered { status: 303, content_type: None, location: Some("https://pay.example/c".into()) };
        let out = NextActionOpened::OffPlatform { host: "qr.alipay.com".into() };
        let page = NextActionOpened::Answered { status: 200, content_type: Some("text/html".into()), location: None };
        let gone = NextActionOpened::Answered { status: 404, content_type: Some("application/problem+json".into()), location: None };
        assert_eq!(compare_next_actions_by_method(&redirect, &out), None);
        assert_eq!(compare_next_actions_by_method(&out, &redirect), None);
        assert!(compare_next_actions_by_method(&redirect, &page).unwrap().en().contains("interstitial"));
        assert!(compare_next_actions_by_method(&redirect, &gone).unwrap().en().contains("HTTP 404"));
        // Both pages: only the status is compared.
        assert_eq!(compare_next_actions_by_method(&page, &page.clone()), None);
        assert!(compare_next_actions_by_method(&page, &gone).is_some());
        // Across clients, the same method: exactly the same answer.
        assert_eq!(compare_next_actions_by_client(&redirect, &redirect.clone()), None);
        assert!(compare_next_actions_by_client(&redirect, &page).unwrap().en().contains("HTTP 200"));
    }

    #[test]
    fn exclusivity_is_found() {
        let ok = json!({"exclusivity_required": false, "clauses": [{"id": "1", "text": "Sell anywhere", "restricts_trading_elsewhere": false}]});
        let flagged = json!({"exclusivity_required": true, "clauses": []});
        let hidden = json!({"exclusivity_required": false, "clauses": [{"id": "9", "text": "商家须二选一", "restricts_trading_elsewhere": false}]});
        assert!(check_no_exclusivity(&ok).is_ok());
        assert!(check_no_exclusivity(&flagged).is_err());
        assert!(check_no_exclusivity(&hidden).is_err());
    }

    fn clause(text: &str) -> Value {
        json!({"exclusivity_required": false, "clauses": [{"id": "7", "text": text, "restricts_trading_elsewhere": false}]})
    }

    #[test]
    fn the_phrase_corpus_is_sourced_and_loads() {
        let phrases = restriction_phrases();
        assert!(phrases.len() >= 20, "{}", phrases.len());
        for kind in ["exclusivity", "payment-tying", "price-parity", "ranking-penalty", "elsewhere"] {
            for lang in ["zh", "en"] {
                assert!(phrases.iter().any(|p| p.kind == kind && p.lang == lang), "no {lang} phrase of kind {kind}");
            }
        }
        assert!(phrases.iter().all(|p| !p.source.trim().is_empty() && !p.text.trim().is_empty()));
    }

    #[test]
    fn unflagged_restrictions_are_found_in_chinese_and_english() {
        for text in [
            "商家在本平台的售价不得高于其在其他平台的售价。",
            "商家应与本平台独家合作。",
            "The merchant shall not offer lower prices on any other sales channel.",
            "Merchants must not   sell on competing marketplaces while enrolled.",
            "Prices here must be AT OR BELOW THE PRICE offered elsewhere.",
            "本平台不要求商家缴纳押金，但商家须二选一。",
            "本平台不要求押金但须二选一。",
            "The platform does not require a deposit, and merchants must not sell on other marketplaces.",
        ] {
            let err = check_no_exclusivity(&clause(text)).expect_err(text);
            assert!(err.message.contains("clause 7 is declared `restricts_trading_elsewhere: false`"), "{}", err.message);
        }
    }

    #[test]
    fn freedoms_are_not_false_alarms() {
        for text in [
            "Merchants list products under their own name and set their own prices.",
            "Buyers may pay with any payment method the platform declares; merchants are not required to use the platform's own payment service.",
            "Merchants are free to sell on other platforms and through their own shops.",
            "Merchants may sell on other platforms at lower prices or on better terms.",
            "商家可自主在其他平台经营，自行定价。",
            "本平台不要求独家，商家可以在其他平台以任何价格销售。",
            "本平台不要求商家二选一。",
            "平台不得要求商家二选一，商家可以同时入驻其他平台。",
            "The platform does not require merchants to choose one of two platforms.",
            "Merchants are not required to sell exclusively on this platform.",
        ] {
            assert!(check_no_exclusivity(&clause(text)).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_demotion_is_a_penalty_only_when_tied_to_trading_elsewhere() {
        let terms = |text: &str| {
            json!({"ranking": {"rules_url": "https://m.example/rules", "demotes_for_selling_elsewhere": false, "demotes_for_outside_payment": false},
                   "clauses": [{"id": "8", "text": text}]})
        };
        for fine in ["刷单炒信的商品将被降权。", "Listings with fake reviews will be demoted.", "Merchants selling on other platforms will not be demoted."] {
            assert!(check_ranking_declaration(&terms(fine)).is_ok(), "{fine}");
            assert!(check_no_exclusivity(&clause(fine)).is_ok(), "{fine}");
        }
        for penalty in ["在其他平台参加促销的商家将被降权。", "Merchants who also sell on other platforms will be ranked lower."] {
            let err = check_ranking_declaration(&terms(penalty)).expect_err(penalty);
            assert!(err.message.contains("clause 8 ties the ranking-penalty wording"), "{}", err.message);
        }
    }
}
