//! Payment neutrality (policy （五）): every declared payment method offered at checkout, third
//! parties' at the same price and through the same flow as the platform's own; merchant terms
//! without exclusivity ("choose one of two", 二选一).

use hutong_model::Finding;
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
}

/// The declared payment methods from the payment-methods answer (`{"items": [{"id", "own"}]}`).
/// Whether an own method and a third-party one are declared is judged by the steps.
pub fn parse_methods(doc: &Value) -> Result<Vec<PaymentMethod>, Finding> {
    let items = doc.get("items").and_then(Value::as_array).ok_or_else(|| Finding::fail("the payment methods answer has no `items` array"))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str).ok_or_else(|| Finding::fail(format!("payment method {i} has no `id`")))?;
        let own = item.get("own").and_then(Value::as_bool).ok_or_else(|| Finding::fail(format!("payment method {id:?} does not say whether it is the platform's own (`own`)")))?;
        out.push(PaymentMethod { id: id.to_string(), own });
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
/// one, as a sentence, or `None` when they match.
pub fn compare_checkouts(own: &Value, third_party: &Value) -> Option<String> {
    let (a, b) = (price_and_flow(own), price_and_flow(third_party));
    if a["total"] != b["total"] {
        return Some(format!("costs {} against {} with the platform's own method", compact(&b["total"]), compact(&a["total"])));
    }
    for key in ["state", "next_action", "steps"] {
        if a[key] != b[key] {
            return Some(format!("follows another flow: {key} is {} against {} with the platform's own method", compact(&b[key]), compact(&a[key])));
        }
    }
    None
}

fn compact(v: &Value) -> String {
    hutong_model::sanitize_line(&v.to_string(), 100)
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
    /// `exclusivity`, `payment-tying` or `price-parity`.
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

/// The first phrase of `phrases` a clause text contains.
pub fn restriction_in<'a>(text: &str, phrases: &'a [RestrictionPhrase]) -> Option<&'a RestrictionPhrase> {
    let text = normalised(text);
    phrases.iter().find(|p| text.contains(&normalised(&p.text)))
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
        problems.push("the terms declare exclusivity_required: true".to_string());
    }
    for clause in terms.get("clauses").and_then(Value::as_array).into_iter().flatten() {
        let id = hutong_model::sanitize_line(clause.get("id").and_then(Value::as_str).unwrap_or("?"), 40);
        let text = clause.get("text").and_then(Value::as_str).unwrap_or_default();
        if clause.get("restricts_trading_elsewhere").and_then(Value::as_bool) == Some(true) {
            problems.push(format!("clause {id} restricts trading elsewhere: {:?}", hutong_model::sanitize_line(text, 160)));
        } else if let Some(p) = restriction_in(text, phrases) {
            problems.push(format!(
                "clause {id} is declared `restricts_trading_elsewhere: false` but its text contains the {} wording {:?} ({:?})",
                p.kind,
                p.text,
                hutong_model::sanitize_line(text, 160)
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Finding::fail(format!("the merchant terms restrict trading elsewhere (E-Commerce Law art. 35): {}", problems.join("; "))))
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
        assert!(compare_checkouts(&own, &dearer).unwrap().contains("costs"));
        assert!(compare_checkouts(&own, &longer).unwrap().contains("steps"));
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
        for kind in ["exclusivity", "payment-tying", "price-parity"] {
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
        ] {
            assert!(check_no_exclusivity(&clause(text)).is_ok(), "{text}");
        }
    }
}
