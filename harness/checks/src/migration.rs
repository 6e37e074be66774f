//! Cloud migration: switching terms against the EU Data Act art. 25 bounds, byte ranges
//! (RFC 9110 §14), and record-by-record comparison of two exports modulo an ID mapping.

use crate::fidelity::{record_id, Described};
use hutong_model::{joined, msg, sanitize_line, Arg, Finding, Message};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Longest notice period accepted: two months (EU Data Act art. 25(2)(d)), read as the shortest
/// two consecutive calendar months so that every reading of "two months" holds.
pub const MAX_NOTICE_DAYS: u64 = 59;
/// Longest transitional period (EU Data Act art. 25(2)(a)).
pub const MAX_TRANSITION_DAYS: u64 = 30;
/// Shortest data-retrieval period (EU Data Act art. 25(2)(g)).
pub const MIN_RETRIEVAL_DAYS: u64 = 30;
/// Charges the switching terms must state (EU Data Act art. 29).
pub const REQUIRED_CHARGES: [&str; 2] = ["switching", "egress"];

/// Reads a period in days from the switching terms; absent or not a whole number is an `error`
/// of the calling check (the schema requirement judges the document's shape).
pub fn period_days(terms: &Value, field: &str) -> Result<u64, Finding> {
    terms
        .get(field)
        .and_then(Value::as_u64)
        .ok_or_else(|| Finding::error(msg!("migration-no-period", field = field)))
}

/// `field` is at most `max` days, as `rule` (the provision, e.g. "EU Data Act art. 25(2)(a)") says.
pub fn check_at_most(terms: &Value, field: &str, max: u64, rule: impl Into<Message>) -> Result<(), Finding> {
    let days = period_days(terms, field)?;
    if days > max {
        return Err(Finding::fail(msg!("migration-period-too-long", field = field, days = days.to_string(), rule = rule.into(), max = max)));
    }
    Ok(())
}

/// `field` is at least `min` days, as `rule` says.
pub fn check_at_least(terms: &Value, field: &str, min: u64, rule: impl Into<Message>) -> Result<(), Finding> {
    let days = period_days(terms, field)?;
    if days < min {
        return Err(Finding::fail(msg!("migration-period-too-short", field = field, days = days.to_string(), rule = rule.into(), min = min)));
    }
    Ok(())
}

/// `a and b and c`: names joined in a sentence.
fn and_list(names: &[&str]) -> Arg {
    names
        .iter()
        .map(|n| Arg::from(*n))
        .reduce(|first, next| msg!("migration-and", first = first, next = next).into())
        .unwrap_or_else(|| Arg::from(""))
}

/// Every charge of [`REQUIRED_CHARGES`] is stated with amount, currency and unit.
pub fn check_charges(terms: &Value) -> Result<(), Finding> {
    let charges = terms.get("charges").and_then(Value::as_array).ok_or_else(|| Finding::fail(msg!("migration-no-charges")))?;
    let stated = |kind: &str| {
        charges.iter().any(|c| {
            c.get("kind").and_then(Value::as_str) == Some(kind)
                && ["amount", "currency", "unit"].iter().all(|k| c.get(*k).and_then(Value::as_str).is_some_and(|s| !s.is_empty()))
        })
    };
    let missing: Vec<&str> = REQUIRED_CHARGES.iter().copied().filter(|k| !stated(k)).collect();
    if !missing.is_empty() {
        return Err(Finding::fail(msg!("migration-charges-not-stated", charges = and_list(&missing))));
    }
    // A charge the customer cannot avoid when switching is a switching charge whatever it is
    // called (EU Data Act art. 2(36)): another kind must be optional, or zero.
    let renamed: Vec<String> = charges
        .iter()
        .filter(|c| c.get("kind").and_then(Value::as_str).is_some_and(|k| !REQUIRED_CHARGES.contains(&k)))
        .filter(|c| c.get("optional").and_then(Value::as_bool) != Some(true))
        .filter(|c| c.get("amount").and_then(Value::as_str).is_none_or(|a| a.parse::<f64>().map_or(true, |n| n != 0.0)))
        .map(|c| {
            let field = |k: &str| sanitize_line(c.get(k).and_then(Value::as_str).unwrap_or("?"), 40);
            format!("`{}` ({} {} {})", field("kind"), field("amount"), field("currency"), field("unit"))
        })
        .collect();
    if !renamed.is_empty() {
        return Err(Finding::fail(msg!("migration-charges-renamed", charges = renamed.join(", "))));
    }
    Ok(())
}

/// The first day on which no switching charge may be imposed (EU Data Act art. 29(1)).
pub const NO_SWITCHING_CHARGES_FROM: time::Date = time::macros::date!(2027 - 01 - 12);

/// Whether a charge's `amount` is zero (an amount that does not parse is not zero).
fn is_zero(charge: &Value) -> bool {
    charge.get("amount").and_then(Value::as_str).and_then(|a| a.parse::<f64>().ok()).is_some_and(|n| n == 0.0)
}

/// CM-15: on or after [`NO_SWITCHING_CHARGES_FROM`] the `switching` and `egress` charges are
/// zero; before it each is zero or marked `basis: "cost"` (no more than the costs directly linked
/// to switching, EU Data Act art. 29(3)). `today` is the UTC date of the run.
pub fn check_charges_within_bound(terms: &Value, today: time::Date) -> Result<(), Finding> {
    let charges = terms.get("charges").and_then(Value::as_array).ok_or_else(|| Finding::error(msg!("migration-precondition-no-charges")))?;
    let mut problems = Vec::new();
    // A charge the terms do not state is CM-12's failure; this bound judges those stated, and
    // needs at least one.
    if !REQUIRED_CHARGES.iter().any(|kind| charges.iter().any(|c| c.get("kind").and_then(Value::as_str) == Some(*kind))) {
        return Err(Finding::error(msg!("migration-precondition-no-required-charge")));
    }
    for kind in REQUIRED_CHARGES {
        let Some(charge) = charges.iter().find(|c| c.get("kind").and_then(Value::as_str) == Some(kind)) else { continue };
        if is_zero(charge) {
            continue;
        }
        let field = |k: &str| sanitize_line(charge.get(k).and_then(Value::as_str).unwrap_or("?"), 40);
        let stated = format!("{} {} {}", field("amount"), field("currency"), field("unit"));
        let date = NO_SWITCHING_CHARGES_FROM.to_string();
        if today >= NO_SWITCHING_CHARGES_FROM {
            problems.push(msg!("migration-charge-after-deadline", kind = kind, stated = stated, date = date));
        } else if charge.get("basis").and_then(Value::as_str) != Some("cost") {
            problems.push(msg!("migration-charge-not-cost-based", kind = kind, stated = stated, date = date));
        }
    }
    match joined(problems) {
        None => Ok(()),
        Some(problems) => Err(Finding::fail(problems)),
    }
}

/// CM-16: the formats register (already valid against `formats-register.schema.json`) lists
/// exactly the entities of the export manifest, each with the manifest's media type and the same
/// JSON Schema.
pub fn check_formats_register(register: &Value, manifest: &crate::export::Manifest) -> Result<(), Finding> {
    let listed: BTreeMap<&str, &Value> = register
        .get("entities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| Some((e.get("name")?.as_str()?, e)))
        .collect();
    let mut problems = Vec::new();
    for entity in &manifest.entities {
        match listed.get(entity.name.as_str()) {
            None => problems.push(msg!("migration-register-lacks-entity", entity = sanitize_line(&entity.name, 64))),
            Some(e) => {
                if e.get("media_type").and_then(Value::as_str) != Some(manifest.format.as_str()) {
                    problems.push(msg!(
                        "migration-register-media-type",
                        entity = sanitize_line(&entity.name, 64),
                        listed = format!("{:?}", sanitize_line(e.get("media_type").and_then(Value::as_str).unwrap_or("?"), 60)),
                        exported = format!("{:?}", sanitize_line(&manifest.format, 60))
                    ));
                }
                if e.get("schema") != Some(&entity.schema) {
                    problems.push(msg!("migration-register-schema", entity = sanitize_line(&entity.name, 64)));
                }
            }
        }
    }
    let exported: std::collections::BTreeSet<&str> = manifest.entities.iter().map(|e| e.name.as_str()).collect();
    for name in listed.keys().filter(|n| !exported.contains(*n)) {
        problems.push(msg!("migration-register-extra-entity", entity = sanitize_line(name, 64)));
    }
    match joined(problems) {
        None => Ok(()),
        Some(problems) => Err(Finding::fail(msg!("migration-register-mismatch", problems = problems))),
    }
}

/// CM-17: the switching terms state when exportable data is erased (`erasure.after`, the end of
/// the data-retrieval period or the completion of switching) and within how many days
/// (`erasure.within_days`).
pub fn check_erasure(terms: &Value) -> Result<(), Finding> {
    let Some(erasure) = terms.get("erasure").filter(|e| e.is_object()) else {
        return Err(Finding::fail(msg!("migration-no-erasure")));
    };
    let after = erasure.get("after").and_then(Value::as_str);
    if !matches!(after, Some("retrieval_period" | "switching_completed")) {
        return Err(Finding::fail(match after {
            None => msg!("migration-erasure-after-absent"),
            Some(a) => msg!("migration-erasure-after", value = format!("{:?}", sanitize_line(a, 40))),
        }));
    }
    if erasure.get("within_days").and_then(Value::as_u64).is_none() {
        return Err(Finding::fail(msg!("migration-erasure-within-days")));
    }
    Ok(())
}

/// CM-18: `infrastructure.jurisdictions` are ISO 3166-1 alpha-2 codes, at least one;
/// `infrastructure.data_leaves_china` is stated and true when any jurisdiction is not `CN`;
/// `infrastructure.access_safeguards` describes the measures against governmental access from
/// other jurisdictions.
pub fn check_infrastructure(terms: &Value) -> Result<(), Finding> {
    let Some(infra) = terms.get("infrastructure").filter(|e| e.is_object()) else {
        return Err(Finding::fail(msg!("migration-no-infrastructure")));
    };
    let codes: Vec<&str> = infra.get("jurisdictions").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if codes.is_empty() {
        return Err(Finding::fail(msg!("migration-no-jurisdictions")));
    }
    let unknown: Vec<String> = codes.iter().filter(|c| celes::Country::from_alpha2(c).is_err()).map(|c| format!("{:?}", sanitize_line(c, 20))).collect();
    if !unknown.is_empty() {
        return Err(Finding::fail(msg!("migration-unknown-jurisdictions", codes = unknown.join(", "))));
    }
    let Some(leaves) = infra.get("data_leaves_china").and_then(Value::as_bool) else {
        return Err(Finding::fail(msg!("migration-data-leaves-china-unstated")));
    };
    let abroad: Vec<&str> = codes.iter().copied().filter(|c| *c != "CN").collect();
    if !leaves && !abroad.is_empty() {
        return Err(Finding::fail(msg!("migration-data-held-abroad", codes = abroad.join(", "))));
    }
    if infra.get("access_safeguards").and_then(Value::as_str).is_none_or(|s| s.trim().is_empty()) {
        return Err(Finding::fail(msg!("migration-no-access-safeguards")));
    }
    Ok(())
}

/// CM-19: the switching procedure (`procedure.steps`, at least one, and `procedure.url`, an
/// absolute http(s) URL of the page describing it) and the known limitations (`limitations`, an
/// array, empty when none is known). Returns the procedure page's URL, which the caller fetches
/// without credentials.
pub fn check_procedure(terms: &Value) -> Result<url::Url, Finding> {
    let Some(procedure) = terms.get("procedure").filter(|e| e.is_object()) else {
        return Err(Finding::fail(msg!("migration-no-procedure")));
    };
    let steps = procedure.get("steps").and_then(Value::as_array).map_or(0, |s| s.iter().filter(|x| x.as_str().is_some_and(|t| !t.trim().is_empty())).count());
    if steps == 0 {
        return Err(Finding::fail(msg!("migration-no-procedure-steps")));
    }
    let url = procedure
        .get("url")
        .and_then(Value::as_str)
        .and_then(|u| url::Url::parse(u).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| Finding::fail(msg!("migration-procedure-url")))?;
    if !terms.get("limitations").is_some_and(Value::is_array) {
        return Err(Finding::fail(msg!("migration-no-limitations")));
    }
    Ok(url)
}

/// A parsed `Content-Range: bytes first-last/complete` (RFC 9110 §14.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentRange {
    /// First byte position.
    pub first: u64,
    /// Last byte position (inclusive).
    pub last: u64,
    /// Complete length, when known.
    pub complete: Option<u64>,
}

/// Parses a `Content-Range` header of a `206` answer.
pub fn parse_content_range(value: &str) -> Option<ContentRange> {
    let rest = value.trim().strip_prefix("bytes ")?;
    let (range, complete) = rest.split_once('/')?;
    let (first, last) = range.split_once('-')?;
    let complete = if complete.trim() == "*" { None } else { Some(complete.trim().parse().ok()?) };
    let (first, last): (u64, u64) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
    (first <= last && complete.is_none_or(|c| last < c)).then_some(ContentRange { first, last, complete })
}

/// How two sets of records differ, by ID.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordDiff {
    /// Source IDs with no record at their destination ID.
    pub missing: Vec<String>,
    /// Destination IDs that no source record maps to.
    pub extra: Vec<String>,
    /// Source IDs whose destination record differs, with the first difference: the member and
    /// both values (OPIS §16: strings byte for byte, numbers by value). Written as
    /// `[id, English text, message]` ([`crate::fidelity::altered_with_messages`]).
    #[serde(serialize_with = "crate::fidelity::altered_with_messages")]
    pub altered: Vec<(String, Described)>,
    /// Records compared.
    pub compared: usize,
}

impl RecordDiff {
    /// No difference.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.altered.is_empty()
    }

    /// One line per kind of difference, at most `per_kind` IDs each.
    pub fn describe(&self, per_kind: usize) -> Described {
        let ids = |ids: &[String]| ids.iter().take(per_kind).map(Arg::from).collect();
        describe_kinds(
            per_kind,
            [
                (self.missing.len(), ids(&self.missing)),
                (self.extra.len(), ids(&self.extra)),
                (self.altered.len(), self.altered.iter().take(per_kind).map(|(id, field)| altered_item(id, field.message().clone())).collect()),
            ],
        )
    }
}

/// `{id} at {field}`: an altered record and its first difference.
fn altered_item(id: &str, field: Message) -> Arg {
    msg!("migration-diff-altered-item", id = id, field = field).into()
}

/// `{count} {kind} ({first, …, and N more})` for each kind (missing, extra, altered) that has any,
/// joined by `; `: the text of [`RecordDiff::describe`] and [`DiffTally::describe`], so that a
/// comparison held in memory and one streamed from disk say the same.
fn describe_kinds(per_kind: usize, [missing, extra, altered]: [(usize, Vec<Arg>); 3]) -> Described {
    let listed = |(count, first): (usize, Vec<Arg>)| -> Option<(usize, Arg)> {
        if count == 0 {
            return None;
        }
        let mut shown: Vec<Arg> = first.into_iter().take(per_kind).collect();
        let more = count.saturating_sub(per_kind);
        if more > 0 {
            shown.push(msg!("migration-and-more", more = more).into());
        }
        let records = shown.into_iter().reduce(|first, next| msg!("migration-list", first = first, next = next).into()).unwrap_or_else(|| Arg::from(""));
        Some((count, records))
    };
    let parts = [
        listed(missing).map(|(count, records)| msg!("migration-diff-missing", count = count, records = records)),
        listed(extra).map(|(count, records)| msg!("migration-diff-extra", count = count, records = records)),
        listed(altered).map(|(count, records)| msg!("migration-diff-altered", count = count, records = records)),
    ];
    // No difference: nothing to say, in any language.
    Described::new(joined(parts.into_iter().flatten()).unwrap_or_else(|| Message::verbatim("")))
}

/// The first `keep` items of a list by a key, and how many the list holds: what a message that
/// names a few of many differences needs, in memory that does not grow with the list (the
/// comparisons of exports of any size, which find differences in another order than the one
/// they are named in). Items offered with equal keys keep the order they were offered in.
#[derive(Debug, Clone)]
pub struct FirstFew<K, T> {
    keep: usize,
    total: usize,
    /// At most `keep`, sorted by key.
    items: Vec<(K, T)>,
}

impl<K: Ord, T> FirstFew<K, T> {
    /// Keeps the first `keep` items.
    pub fn new(keep: usize) -> FirstFew<K, T> {
        FirstFew { keep, total: 0, items: Vec::new() }
    }

    /// Counts `item` and keeps it if it is among the first `keep` by `key` so far.
    pub fn offer(&mut self, key: K, item: T) {
        self.total += 1;
        if self.items.len() >= self.keep && self.items.last().is_none_or(|(last, _)| *last <= key) {
            return;
        }
        let at = self.items.partition_point(|(k, _)| *k <= key);
        self.items.insert(at, (key, item));
        self.items.truncate(self.keep);
    }

    /// How many items were offered.
    pub fn total(&self) -> usize {
        self.total
    }

    /// No item was offered.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The items kept, first key first.
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.items.iter().map(|(_, item)| item)
    }
}

/// A [`RecordDiff`] kept in bounded memory: the counts, and the first few IDs of each kind in
/// the order the caller gives — the source's order for missing and altered records, as
/// [`diff_records_with`] lists them, and the order of arrival for extra ones, which a comparison
/// by sorted ID finds in the order of their IDs. [`DiffTally::describe`] then says what
/// [`RecordDiff::describe`] says of the same differences, for `per_kind` up to the number kept.
#[derive(Debug, Clone)]
pub struct DiffTally {
    missing: FirstFew<u64, String>,
    /// Keyed alike: kept in the order they come.
    extra: FirstFew<u64, String>,
    /// `{id} at {field}`.
    altered: FirstFew<u64, Arg>,
    /// Records compared.
    pub compared: usize,
}

impl DiffTally {
    /// A tally that keeps the first `keep` IDs of each kind.
    pub fn new(keep: usize) -> DiffTally {
        DiffTally { missing: FirstFew::new(keep), extra: FirstFew::new(keep), altered: FirstFew::new(keep), compared: 0 }
    }

    /// The source record `id`, at position `order` of the source, has no destination record.
    pub fn missing(&mut self, order: u64, id: String) {
        self.missing.offer(order, id);
    }

    /// The destination record `id` is extra; extra records are named in the order they come.
    pub fn extra(&mut self, id: String) {
        self.extra.offer(0, id);
    }

    /// The source record `id`, at position `order`, differs from its destination record at
    /// `field` (the first difference, described: [`crate::fidelity::Difference::describe`]).
    pub fn altered(&mut self, order: u64, id: String, field: impl Into<Message>) {
        self.altered.offer(order, altered_item(&id, field.into()));
    }

    /// No difference.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.altered.is_empty()
    }

    /// One line per kind of difference, at most `per_kind` IDs each, as [`RecordDiff::describe`].
    pub fn describe(&self, per_kind: usize) -> Described {
        let ids = |few: &FirstFew<u64, String>| few.items().map(Arg::from).collect();
        describe_kinds(
            per_kind,
            [(self.missing.total(), ids(&self.missing)), (self.extra.total(), ids(&self.extra)), (self.altered.total(), self.altered.items().cloned().collect())],
        )
    }
}

/// Replaces every string equal to a key of `id_map` by its mapped value, recursively: IDs and
/// references to IDs become the destination's.
pub fn remap(value: &Value, id_map: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) => Value::String(id_map.get(s).cloned().unwrap_or_else(|| s.clone())),
        Value::Array(a) => Value::Array(a.iter().map(|v| remap(v, id_map)).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), remap(v, id_map))).collect()),
        other => other.clone(),
    }
}

/// Compares `source` records, mapped through `id_map`, with `destination` records. Destination
/// records in `preexisting` (IDs the destination held before) are neither extra nor compared.
pub fn diff_records(
    source: &[Value],
    destination: &[Value],
    id_map: &BTreeMap<String, String>,
    preexisting: &std::collections::HashSet<String>,
) -> RecordDiff {
    diff_records_with(source, destination, id_map, preexisting, &[])
}

/// [`diff_records`], member by member as OPIS §16 compares records, skipping the declared
/// volatile `pointers` (OPIS §8.2 (4)).
pub fn diff_records_with(
    source: &[Value],
    destination: &[Value],
    id_map: &BTreeMap<String, String>,
    preexisting: &std::collections::HashSet<String>,
    volatile: &[String],
) -> RecordDiff {
    let by_id: BTreeMap<String, &Value> = destination.iter().filter_map(|r| record_id(r).map(|id| (id, r))).collect();
    let mut diff = RecordDiff::default();
    let mut matched = std::collections::HashSet::new();
    for record in source {
        let Some(id) = record_id(record) else { continue };
        let target_id = id_map.get(&id).cloned().unwrap_or_else(|| id.clone());
        match by_id.get(&target_id) {
            None => diff.missing.push(id),
            Some(found) => {
                matched.insert(target_id);
                diff.compared += 1;
                if let Some(d) = crate::fidelity::record_difference(found, &remap(record, id_map), volatile) {
                    diff.altered.push((id, d.describe(msg!("migration-side-destination"), msg!("migration-side-source"))));
                }
            }
        }
    }
    diff.extra = by_id.keys().filter(|id| !matched.contains(*id) && !preexisting.contains(*id)).cloned().collect();
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn content_ranges_parse() {
        for (text, expected) in [
            ("bytes 0-9/100", Some(ContentRange { first: 0, last: 9, complete: Some(100) })),
            ("bytes 90-99/*", Some(ContentRange { first: 90, last: 99, complete: None })),
            ("bytes 9-0/100", None),
            ("bytes 0-100/100", None),
            ("items 0-1/2", None),
        ] {
            assert_eq!(parse_content_range(text), expected, "{text}");
        }
    }

    #[test]
    fn diff_reports_missing_extra_and_altered_modulo_the_id_map() {
        let source = vec![
            json!({"id": "m_1", "name": "a"}),
            json!({"id": "p_1", "merchant_id": "m_1", "stock": 3}),
            json!({"id": "p_2", "merchant_id": "m_1", "stock": 4}),
        ];
        let map: BTreeMap<String, String> =
            [("m_1", "m_9"), ("p_1", "p_91"), ("p_2", "p_92")].into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let destination = vec![
            json!({"id": "m_9", "name": "a"}),
            json!({"id": "p_91", "merchant_id": "m_9", "stock": 0}),
            json!({"id": "p_77", "merchant_id": "m_9", "stock": 1}),
            json!({"id": "p_00", "merchant_id": "x", "stock": 1}),
        ];
        let before = ["p_00".to_string()].into_iter().collect();
        let diff = diff_records(&source, &destination, &map, &before);
        assert_eq!(diff.missing, vec!["p_2"]);
        assert_eq!(diff.extra, vec!["p_77"]);
        assert_eq!(diff.altered.len(), 1);
        assert_eq!((diff.altered[0].0.as_str(), diff.altered[0].1.as_str()), ("p_1", "/stock is 0 in the destination, 3 in the source"));
        assert_eq!(diff.compared, 2);
    }

    #[test]
    fn the_first_few_are_kept_by_key_in_order_offered_and_all_are_counted() {
        let mut few = FirstFew::new(3);
        for (key, item) in [(5, "e"), (1, "a"), (3, "c1"), (9, "x"), (3, "c2"), (0, "z"), (3, "c3")] {
            few.offer(key, item);
        }
        assert_eq!(few.items().copied().collect::<Vec<_>>(), ["z", "a", "c1"]);
        assert_eq!(few.total(), 7);
        let mut none: FirstFew<u8, &str> = FirstFew::new(0);
        none.offer(1, "a");
        assert_eq!((none.items().count(), none.total()), (0, 1));
    }

    /// A tally fed in another order than the source's says what the full diff says.
    #[test]
    fn a_tally_describes_as_the_full_diff_describes() {
        let source: Vec<Value> = (0..40).map(|i| json!({"id": format!("s{:02}", 39 - i), "v": i})).collect();
        let destination: Vec<Value> = (0..40)
            .filter(|i| i % 3 != 0)
            .map(|i| json!({"id": format!("s{:02}", 39 - i), "v": if i % 4 == 0 { -1 } else { i }}))
            .chain((0..9).map(|i| json!({"id": format!("x{i}"), "v": 0})))
            .collect();
        let none = BTreeMap::new();
        let full = diff_records(&source, &destination, &none, &Default::default());
        let mut tally = DiffTally::new(5);
        // The differences as a sorted walk finds them: by ID, not in source order.
        let by_id: BTreeMap<String, &Value> = destination.iter().map(|r| (record_id(r).unwrap(), r)).collect();
        let mut sources: Vec<(u64, &Value)> = source.iter().enumerate().map(|(i, r)| (i as u64, r)).collect();
        sources.sort_by_key(|(_, r)| record_id(r));
        for (order, record) in sources {
            let id = record_id(record).unwrap();
            match by_id.get(&id) {
                None => tally.missing(order, id),
                Some(found) => {
                    tally.compared += 1;
                    if let Some(d) = crate::fidelity::record_difference(found, record, &[]) {
                        tally.altered(order, id, d.describe(msg!("migration-side-destination"), msg!("migration-side-source")));
                    }
                }
            }
        }
        for id in by_id.keys().filter(|id| id.starts_with('x')) {
            tally.extra(id.clone());
        }
        assert!(full.missing.len() > 5 && full.altered.len() > 5 && full.extra.len() > 5);
        assert_eq!(tally.describe(5), full.describe(5));
        assert_eq!(tally.describe(5).message(), full.describe(5).message());
        assert!(full.describe(5).contains(", and ") && full.describe(5).contains(" at /v is "), "{}", full.describe(5));
        assert_eq!(tally.compared, full.compared);
        assert!(!tally.is_clean() && DiffTally::new(5).is_clean());
    }

    #[test]
    fn switching_bounds_follow_data_act_article_25() {
        let terms = json!({"notice_period_days": 60, "transition_period_days": 30, "data_retrieval_period_days": 29,
            "charges": [{"kind": "switching", "amount": "0", "currency": "EUR", "unit": "per switch"}]});
        assert!(check_at_most(&terms, "notice_period_days", MAX_NOTICE_DAYS, Message::verbatim("art. 25(2)(d)")).is_err());
        assert!(check_at_most(&terms, "transition_period_days", MAX_TRANSITION_DAYS, Message::verbatim("art. 25(2)(a)")).is_ok());
        assert!(check_at_least(&terms, "data_retrieval_period_days", MIN_RETRIEVAL_DAYS, Message::verbatim("art. 25(2)(g)")).is_err());
        assert!(check_charges(&terms).unwrap_err().message.contains("egress"));
    }

    #[test]
    fn a_mandatory_charge_under_another_name_fails() {
        let with = |extra: Value| {
            json!({"charges": [
                {"kind": "switching", "amount": "0.00", "currency": "CNY", "unit": "per switch"},
                {"kind": "egress", "amount": "0.00", "currency": "CNY", "unit": "per GiB"},
                extra,
            ]})
        };
        let optional = with(json!({"kind": "assisted-migration", "amount": "800.00", "currency": "CNY", "unit": "per project", "optional": true}));
        assert!(check_charges(&optional).is_ok());
        let free = with(json!({"kind": "data-extraction", "amount": "0", "currency": "CNY", "unit": "per GiB"}));
        assert!(check_charges(&free).is_ok());
        let renamed = with(json!({"kind": "data-extraction", "amount": "0.12", "currency": "CNY", "unit": "per GiB"}));
        let message = check_charges(&renamed).unwrap_err().message;
        assert!(message.contains("`data-extraction` (0.12 CNY per GiB)") && message.contains("art. 2(36)"), "{message}");
        let not_optional = with(json!({"kind": "data-extraction", "amount": "0.12", "currency": "CNY", "unit": "per GiB", "optional": false}));
        assert!(check_charges(&not_optional).is_err());
    }
}
