//! Merchant data (OPIS §16c): the merchant-data document, the range of a dataset's records three
//! years back (MD-01), the absence of charges (MD-02) and the comparison of what a tool the
//! merchant authorised and the platform's own tool get (MD-03).

use crate::fidelity::{record_difference, record_id};
use crate::schema::SchemaSet;
use hutong_model::{joined, msg, sanitize_line, Arg, Finding};
use serde_json::Value;
use std::collections::BTreeMap;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// How far back a merchant's data MUST reach: three years, a leap day included (MD-01).
pub const THREE_YEARS_DAYS: i64 = 1096;

/// The length of the range MD-01 lists at the far end of the three years.
pub const WINDOW_DAYS: i64 = 31;

/// The datasets every merchant-data document names (OPIS §16c).
pub const DATASETS: [&str; 4] = ["orders", "settlements", "reviews", "statistics"];

/// The suite schema of the merchant-data document.
pub const DOCUMENT_SCHEMA: &str = "merchant-data.schema.json";

/// A merchant-data document, validated.
#[derive(Debug, Clone)]
pub struct MerchantData {
    /// The merchant the token acts for.
    pub merchant_id: String,
    /// When the merchant started trading on the platform.
    pub active_since: OffsetDateTime,
    /// The listing URL of each dataset, by name.
    pub datasets: BTreeMap<String, String>,
    /// The collection of the merchant's export jobs, if declared.
    pub exports: Option<String>,
    /// The document as received.
    pub document: Value,
}

/// `value` as an RFC 3339 date-time; `what` (a member's name, or a message) names it.
fn time(value: &str, what: impl Into<Arg>) -> Result<OffsetDateTime, Finding> {
    OffsetDateTime::parse(value, &Rfc3339)
        .map_err(|_| Finding::error(msg!("merchant-data-not-date-time", what = what, value = format!("{:?}", sanitize_line(value, 60)))))
}

/// Validates a merchant-data document against `merchant-data.schema.json` and reads it. An
/// invalid document is a `fail`.
pub fn check_document(doc: &Value) -> Result<MerchantData, Finding> {
    SchemaSet::embedded().check(DOCUMENT_SCHEMA, doc, msg!("merchant-data-the-document"))?;
    let text = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let active_since = OffsetDateTime::parse(&text("active_since"), &Rfc3339)
        .map_err(|_| Finding::fail(msg!("merchant-data-active-since-invalid")))?;
    let datasets = doc["datasets"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, d)| d.get("url").and_then(Value::as_str).map(|u| (name.clone(), u.to_string())))
        .collect();
    Ok(MerchantData {
        merchant_id: text("merchant_id"),
        active_since,
        datasets,
        exports: doc.get("exports").and_then(Value::as_str).map(str::to_string),
        document: doc.clone(),
    })
}

/// The range MD-01 lists, `[run − 1096 days, run − 1096 days + 31 days)`, as RFC 3339 strings.
pub fn far_window(run_start: OffsetDateTime) -> (String, String) {
    let from = (run_start - Duration::days(THREE_YEARS_DAYS)).replace_nanosecond(0).unwrap_or(run_start);
    let to = from + Duration::days(WINDOW_DAYS);
    (from.format(&Rfc3339).unwrap_or_default(), to.format(&Rfc3339).unwrap_or_default())
}

/// MD-01's precondition: the test merchant has traded for at least three years before the run
/// (`active_since` ≤ `run_start` − 1096 days). A younger merchant cannot show three years of
/// data: an `error` naming the date, never a pass.
pub fn check_history(active_since: &str, run_start: &str) -> Result<(), Finding> {
    let (since, run) = (time(active_since, "active_since")?, time(run_start, msg!("merchant-data-run-start"))?);
    let needed = run - Duration::days(THREE_YEARS_DAYS);
    if since > needed {
        return Err(Finding::error(msg!("merchant-data-merchant-too-young", since = active_since, days = THREE_YEARS_DAYS)));
    }
    Ok(())
}

/// MD-01: the records a dataset's listing served for `[from, to)`: at least one, and every one
/// with an `occurred_at` within the range.
pub fn check_range(dataset: &str, items: &[Value], from: &str, to: &str) -> Result<(), Finding> {
    let (start, end) = (time(from, "from")?, time(to, "to")?);
    if items.is_empty() {
        return Err(Finding::fail(msg!("merchant-data-range-empty", dataset = dataset, from = from, to = to)));
    }
    let mut outside = Vec::new();
    for item in items {
        let id: Arg = match record_id(item) {
            Some(id) => sanitize_line(&id, 80).into(),
            None => msg!("merchant-data-no-id").into(),
        };
        match item.get("occurred_at").and_then(Value::as_str).map(|s| OffsetDateTime::parse(s, &Rfc3339)) {
            Some(Ok(at)) if at >= start && at < end => {}
            Some(Ok(_)) => outside.push(msg!("merchant-data-record-at", id = id, at = item["occurred_at"].as_str().unwrap_or_default())),
            _ => outside.push(msg!("merchant-data-record-undated", id = id)),
        }
    }
    let n = outside.len();
    outside.truncate(5);
    if let Some(shown) = joined(outside) {
        return Err(Finding::fail(msg!("merchant-data-records-outside-range", count = n, total = items.len(), dataset = dataset, from = from, to = to, records = shown)));
    }
    Ok(())
}

/// MD-02: the document states no charge for the merchant's own data (`charges` empty or every
/// `amount` zero).
pub fn check_free(doc: &Value) -> Result<(), Finding> {
    let charges = doc.get("charges").and_then(Value::as_array).ok_or_else(|| Finding::fail(msg!("merchant-data-no-charges")))?;
    let charged: Vec<String> = charges
        .iter()
        .filter(|c| c.get("amount").and_then(Value::as_str).is_none_or(|a| a.parse::<f64>().map_or(true, |n| n != 0.0)))
        .map(|c| {
            let f = |k: &str| sanitize_line(c.get(k).and_then(Value::as_str).unwrap_or("?"), 60);
            format!("`{}` {} {} {}", f("name"), f("amount"), f("currency"), f("unit"))
        })
        .collect();
    if !charged.is_empty() {
        return Err(Finding::fail(msg!("merchant-data-charged", charges = charged.join(", "))));
    }
    Ok(())
}

/// MD-03: the records an outside tool the merchant authorised got (`outside`) and the records the
/// platform's own tool got (`own`) for the same listing: the same `id`s in the same order, each
/// equal member by member (declared volatile fields aside).
pub fn check_same_records(dataset: &str, outside: &[Value], own: &[Value], volatile: &[String]) -> Result<(), Finding> {
    if outside.len() != own.len() {
        return Err(Finding::fail(msg!("merchant-data-record-counts-differ", dataset = dataset, outside = outside.len(), own = own.len())));
    }
    let mut problems = Vec::new();
    for (i, (a, b)) in outside.iter().zip(own).enumerate() {
        let (ida, idb) = (record_id(a), record_id(b));
        if ida != idb {
            problems.push(msg!(
                "merchant-data-record-ids-differ",
                index = i,
                outside = format!("{:?}", ida.unwrap_or_default()),
                own = format!("{:?}", idb.unwrap_or_default())
            ));
        } else if let Some(d) = record_difference(a, b, volatile) {
            let described = d.describe(msg!("merchant-data-outside-copy"), msg!("merchant-data-own-copy"));
            problems.push(msg!("merchant-data-record-differs", id = sanitize_line(&ida.unwrap_or_default(), 80), difference = described.message().clone()));
        }
        if problems.len() >= 5 {
            break;
        }
    }
    if let Some(problems) = joined(problems) {
        return Err(Finding::fail(msg!("merchant-data-records-differ", dataset = dataset, problems = problems)));
    }
    Ok(())
}
