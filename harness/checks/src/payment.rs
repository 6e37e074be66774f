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

/// Phrases that name an exclusivity obligation in clause texts.
const EXCLUSIVITY_PHRASES: &[&str] = &["二选一", "choose one of two"];

/// Checks a schema-valid merchant terms declaration for exclusivity: `exclusivity_required` must
/// be `false`, and no clause may restrict trading elsewhere or name "choose one of two".
pub fn check_no_exclusivity(terms: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    if terms.get("exclusivity_required").and_then(Value::as_bool) != Some(false) {
        problems.push("the terms declare exclusivity_required: true".to_string());
    }
    for clause in terms.get("clauses").and_then(Value::as_array).into_iter().flatten() {
        let id = clause.get("id").and_then(Value::as_str).unwrap_or("?");
        let text = clause.get("text").and_then(Value::as_str).unwrap_or_default();
        if clause.get("restricts_trading_elsewhere").and_then(Value::as_bool) == Some(true) {
            problems.push(format!("clause {id} restricts trading elsewhere: {:?}", hutong_model::sanitize_line(text, 160)));
        } else if let Some(p) = EXCLUSIVITY_PHRASES.iter().find(|p| text.to_lowercase().contains(*p)) {
            problems.push(format!("clause {id} names {p:?} but is not declared as restricting trading elsewhere"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Finding::fail(format!("the merchant terms impose exclusivity (E-Commerce Law art. 35): {}", problems.join("; "))))
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
}
