//! Disclosure documents (信息公示): the index, versions and histories of the platform rules, the
//! fee schedule and the algorithmic rules (E-Commerce Law art. 33–34; policy （二）（八）（十）).

use crate::schema::SchemaSet;
use hutong_model::{joined, msg, sanitize_line, Arg, Finding, Message};
use serde_json::Value;
use time::OffsetDateTime;

/// Document kinds every platform of the profile publishes.
pub const REQUIRED_KINDS: &[&str] = &["platform-rules", "fee-schedule", "algorithmic-rules"];

/// Topics the algorithmic rules cover (policy （十）).
pub const REQUIRED_ALGORITHM_TOPICS: &[&str] = &["order-allocation", "piece-rates", "commission-ratios"];

/// Shortest time between announcing a change and its taking effect (E-Commerce Law art. 34).
pub const MIN_NOTICE_SECONDS: i64 = 7 * 86_400;

/// One document the index lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Kind (`fee-schedule`).
    pub kind: String,
    /// URL of the version in effect.
    pub current: String,
    /// URL of the history.
    pub history: String,
}

/// The documents an index lists, without judging it (a precondition read leniently).
pub fn listed(index: &Value) -> Vec<Listed> {
    index
        .get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| {
            Some(Listed {
                kind: d.get("kind")?.as_str()?.to_string(),
                current: d.get("current")?.as_str()?.to_string(),
                history: d.get("history")?.as_str()?.to_string(),
            })
        })
        .collect()
}

/// The listed document of `kind`, or a `fail` naming the missing kind.
pub fn find<'a>(documents: &'a [Listed], kind: &str) -> Result<&'a Listed, Finding> {
    documents
        .iter()
        .find(|d| d.kind == kind)
        .ok_or_else(|| Finding::fail(msg!("disclosure-index-lacks-kind", kind = kind)))
}

/// Checks the index against its schema and for every required kind.
pub fn check_index(index: &Value) -> Result<Vec<Listed>, Finding> {
    SchemaSet::embedded().check("disclosure-index.schema.json", index, msg!("disclosure-the-index"))?;
    let documents = listed(index);
    let missing: Vec<&str> = REQUIRED_KINDS.iter().copied().filter(|k| !documents.iter().any(|d| d.kind == *k)).collect();
    if !missing.is_empty() {
        return Err(Finding::fail(msg!("disclosure-index-lacks-kinds", kinds = missing.join(", "))));
    }
    Ok(documents)
}

/// Checks one document version against its schema and that it is the `kind` expected. `what`
/// names the document in messages.
pub fn check_document(doc: &Value, kind: &str, what: impl Into<Message>) -> Result<(), Finding> {
    let what = what.into();
    SchemaSet::embedded().check("disclosure-document.schema.json", doc, what.clone())?;
    let seen = doc.get("kind").and_then(Value::as_str).unwrap_or_default();
    if seen != kind {
        return Err(Finding::fail(msg!("disclosure-document-wrong-kind", what = what, seen = format!("{:?}", sanitize_line(seen, 60)), kind = format!("{kind:?}"))));
    }
    Ok(())
}

fn timestamp(v: &Value, member: &str) -> Option<OffsetDateTime> {
    let text = v.get(member)?.as_str()?;
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

/// Checks a history against its schema; returns its versions.
pub fn check_history(history: &Value, kind: &str) -> Result<Vec<Value>, Finding> {
    SchemaSet::embedded().check("disclosure-history.schema.json", history, msg!("disclosure-history-of", kind = kind))?;
    Ok(history.get("versions").and_then(Value::as_array).cloned().unwrap_or_default())
}

/// Versions of a history announced less than 7 days before they take effect, described.
pub fn short_notices(versions: &[Value], kind: &str) -> Vec<Message> {
    versions
        .iter()
        .filter_map(|v| {
            let version = v.get("version").and_then(Value::as_str).unwrap_or("?");
            match (timestamp(v, "announced_at"), timestamp(v, "effective_at")) {
                (Some(announced), Some(effective)) => {
                    let notice = (effective - announced).whole_seconds();
                    (notice < MIN_NOTICE_SECONDS).then(|| {
                        msg!(
                            "disclosure-short-notice",
                            kind = kind,
                            version = version,
                            announced = announced.to_string(),
                            effective = effective.to_string(),
                            days = format!("{:.1}", notice as f64 / 86_400.0)
                        )
                    })
                }
                _ => Some(msg!("disclosure-notice-dates-invalid", kind = kind, version = version)),
            }
        })
        .collect()
}

/// `first, and next, and …` (the differences of one version).
fn and_joined(items: Vec<Message>) -> Option<Message> {
    items.into_iter().reduce(|first, next| msg!("disclosure-and", first = first, next = next))
}

/// A member's text for a message, or "(none)".
fn member_or_none(v: &Value, member: &str, max: usize) -> Arg {
    match v.get(member).and_then(Value::as_str) {
        Some(s) => Arg::Text(sanitize_line(s, max)),
        None => msg!("disclosure-none").into(),
    }
}

/// Checks that the document a history entry points to is the version the entry lists: the same
/// `version`, and the same instants `announced_at` and `effective_at` (RFC 3339, compared as
/// times, so that offsets may differ). A history that dates an announcement earlier than the
/// document itself does would let OE-11 judge a notice the platform never gave (OPIS §14).
pub fn listed_version_disagreement(listed: &Value, doc: &Value, kind: &str) -> Option<Message> {
    let version = listed.get("version").and_then(Value::as_str).unwrap_or("?");
    if doc.get("version").and_then(Value::as_str) != Some(version) {
        return Some(msg!("disclosure-listed-other-version", kind = kind, version = version, found = sanitize_line(&doc["version"].to_string(), 60)));
    }
    let mut differences = Vec::new();
    for member in ["announced_at", "effective_at"] {
        let (a, b) = (timestamp(listed, member), timestamp(doc, member));
        if a.is_none() || a != b {
            differences.push(msg!("disclosure-listed-date-differs", member = member, listed = member_or_none(listed, member, 40), document = member_or_none(doc, member, 40)));
        }
    }
    and_joined(differences).map(|d| msg!("disclosure-version-problem", kind = kind, version = version, problem = d))
}


/// `Ok` without problems, else a `fail` with the problems joined (`a; b`) put into `summary`.
fn fail_if(problems: Vec<Message>, summary: impl FnOnce(Message) -> Message) -> Result<(), Finding> {
    match joined(problems) {
        None => Ok(()),
        Some(problems) => Err(Finding::fail(summary(problems))),
    }
}

/// Checks the algorithmic rules cover every required topic, each naming whom it affects and
/// summarising its principle.
pub fn check_algorithmic_rules(doc: &Value) -> Result<(), Finding> {
    let rules: Vec<&Value> = doc.pointer("/content/rules").and_then(Value::as_array).into_iter().flatten().collect();
    let mut problems = Vec::new();
    for topic in REQUIRED_ALGORITHM_TOPICS {
        let Some(rule) = rules.iter().find(|r| r.get("topic").and_then(Value::as_str) == Some(topic)) else {
            problems.push(msg!("disclosure-no-rule-on", topic = *topic));
            continue;
        };
        let affects: Vec<&str> = rule.get("affects").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        if !affects.iter().any(|a| *a == "merchants" || *a == "workers") {
            problems.push(msg!("disclosure-rule-affects-neither", topic = *topic));
        }
        if rule.get("summary").and_then(Value::as_str).is_none_or(|s| s.trim().is_empty()) {
            problems.push(msg!("disclosure-rule-no-summary", topic = *topic));
        }
    }
    fail_if(problems, |p| msg!("disclosure-algorithmic-rules-incomplete", problems = p))
}

/// Checks the fee schedule states commission and payment-settlement rates as fractions.
pub fn check_fee_schedule(doc: &Value) -> Result<(), Finding> {
    let mut problems = Vec::new();
    for (member, label, key) in [
        ("commission_rates", msg!("disclosure-commission"), "category"),
        ("payment_settlement_rates", msg!("disclosure-payment-settlement"), "method"),
    ] {
        let rates: Vec<&Value> = doc.pointer(&format!("/content/{member}")).and_then(Value::as_array).into_iter().flatten().collect();
        if rates.is_empty() {
            problems.push(msg!("disclosure-no-rate", label = label.clone(), member = member));
        }
        for r in rates {
            let rate = r.get("rate").and_then(Value::as_f64);
            let applies = r.get(key).and_then(Value::as_str).is_some_and(|s| !s.is_empty());
            if !rate.is_some_and(|x| (0.0..=1.0).contains(&x)) || !applies {
                problems.push(msg!("disclosure-rate-invalid", label = label.clone(), rate = sanitize_line(&r.to_string(), 80), key = key));
            }
        }
    }
    fail_if(problems, |p| msg!("disclosure-fee-schedule-incomplete", problems = p))
}

/// Kind of the interop (developer) terms (OE-17).
pub const INTEROP_TERMS: &str = "interop-terms";

/// Kind of the complaint and appeal channels (OE-23).
pub const COMPLAINTS: &str = "complaints";

/// Topics the algorithmic rules of a platform with workers cover besides OE-13's (OE-22;
/// Algorithm Recommendation Provisions (2021) art. 20).
pub const WORKER_TOPICS: &[&str] = &["pay-composition", "working-time", "rewards-penalties"];

/// Who a complaint channel must be open to, and what it must handle (OE-23).
pub const COMPLAINT_AUDIENCES: &[&str] = &["third-parties", "merchants", "users"];

/// What the complaint channels must handle between them (OE-23).
pub const COMPLAINT_HANDLES: &[&str] = &["complaints", "appeals"];

/// An instant as RFC 3339, for messages.
fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| t.to_string())
}

fn strs<'a>(v: Option<&'a Value>) -> Vec<&'a str> {
    v.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect()
}

/// Checks that a schema-valid `interop-terms` document states admission criteria, review criteria,
/// a review deadline and grounds for suspension, each citing a section the document contains
/// (OE-17). A criterion citing no existing section points at nothing a developer could read.
pub fn check_interop_terms(doc: &Value) -> Result<(), Finding> {
    let content = doc.get("content").unwrap_or(&Value::Null);
    let sections: Vec<&str> =
        content.get("sections").and_then(Value::as_array).into_iter().flatten().filter_map(|s| s.get("id").and_then(Value::as_str)).collect();
    let mut problems = Vec::new();
    for (pointer, what) in [
        ("/admission_criteria", msg!("disclosure-admission-criterion")),
        ("/review/criteria", msg!("disclosure-review-criterion")),
        ("/suspension_grounds", msg!("disclosure-suspension-ground")),
    ] {
        let items: Vec<&Value> = content.pointer(pointer).and_then(Value::as_array).into_iter().flatten().collect();
        if items.is_empty() {
            problems.push(msg!("disclosure-no-criterion", what = what.clone(), path = format!("content{}", pointer.replace('/', "."))));
        }
        for item in items {
            let section = item.get("section").and_then(Value::as_str).unwrap_or_default();
            if item.get("text").and_then(Value::as_str).is_none_or(|t| t.trim().is_empty()) {
                problems.push(msg!("disclosure-criterion-no-text", what = what.clone()));
            }
            if !sections.contains(&section) {
                problems.push(msg!("disclosure-criterion-cites-missing-section", what = what.clone(), section = format!("{:?}", sanitize_line(section, 40))));
            }
        }
    }
    if !content.pointer("/review/deadline_days").and_then(Value::as_u64).is_some_and(|d| d >= 1) {
        problems.push(msg!("disclosure-no-review-deadline"));
    }
    fail_if(problems, |p| msg!("disclosure-interop-terms-incomplete", problems = p))
}

/// Checks that a history lists the current document as the version in effect at `now`: the
/// listed version with the latest `effective_at` not after `now` has the current document's
/// `version`, `announced_at` and `effective_at` (the same instants), and it was announced no later
/// than `now` (OE-17, OE-23: a document is versioned, and a current version the history does not
/// know, or one dated in the future, was not published as OE-11 and OE-12 require).
pub fn check_current_listed(current: &Value, versions: &[Value], kind: &str, now: OffsetDateTime) -> Result<(), Finding> {
    let version = sanitize_line(current.get("version").and_then(Value::as_str).unwrap_or("?"), 60);
    if timestamp(current, "announced_at").is_none_or(|a| a > now) {
        return Err(Finding::fail(msg!(
            "disclosure-current-announced-later",
            kind = kind,
            version = version,
            announced = member_or_none(current, "announced_at", 40),
            now = rfc3339(now)
        )));
    }
    let in_effect = versions.iter().filter(|v| timestamp(v, "effective_at").is_some_and(|e| e <= now)).max_by_key(|v| timestamp(v, "effective_at"));
    let Some(listed) = in_effect else {
        return Err(Finding::fail(msg!("disclosure-current-not-in-history", kind = kind, version = version)));
    };
    if let Some(p) = listed_version_disagreement(listed, current, kind) {
        return Err(Finding::fail(msg!("disclosure-current-not-listed-version", kind = kind, problem = p)));
    }
    Ok(())
}

/// Checks the consultation each listed version records (OE-18): present, opened before it closed,
/// closed no later than the version's `announced_at` and not after `now`, with an absolute URL.
/// Whether the URL answers and the version's document agrees is checked over HTTP by the step.
pub fn check_consultations(versions: &[Value], kind: &str, now: OffsetDateTime) -> Result<(), Finding> {
    let mut problems = Vec::new();
    for v in versions {
        let version = sanitize_line(v.get("version").and_then(Value::as_str).unwrap_or("?"), 60);
        let Some(c) = v.get("consultation").filter(|c| c.is_object()) else {
            problems.push(msg!("disclosure-no-consultation", kind = kind, version = version));
            continue;
        };
        let (opened, closed, announced) = (timestamp(c, "opened_at"), timestamp(c, "closed_at"), timestamp(v, "announced_at"));
        let (Some(opened), Some(closed), Some(announced)) = (opened, closed, announced) else {
            problems.push(msg!("disclosure-consultation-dates-invalid", kind = kind, version = version));
            continue;
        };
        if opened >= closed {
            problems.push(msg!("disclosure-consultation-opened-after-closed", kind = kind, version = version.clone(), opened = rfc3339(opened), closed = rfc3339(closed)));
        }
        if closed > announced {
            problems.push(msg!("disclosure-consultation-closed-after-announcement", kind = kind, version = version.clone(), closed = rfc3339(closed), announced = rfc3339(announced)));
        }
        if closed > now {
            problems.push(msg!("disclosure-consultation-closes-after-run", kind = kind, version = version.clone(), closed = rfc3339(closed), now = rfc3339(now)));
        }
        if c.get("url").and_then(Value::as_str).is_none_or(|u| url::Url::parse(u).is_err()) {
            problems.push(msg!("disclosure-consultation-url-not-absolute", kind = kind, version = version));
        }
    }
    fail_if(problems, |p| msg!("disclosure-consultations-missing", problems = p))
}

/// How the consultation a version's own document records differs from the one its history lists
/// (instants compared as times, the URL exactly), described; `None` when they agree (OE-18).
pub fn consultation_disagreement(listed: &Value, doc: &Value, kind: &str) -> Option<Message> {
    let version = sanitize_line(listed.get("version").and_then(Value::as_str).unwrap_or("?"), 60);
    let (a, b) = (listed.get("consultation"), doc.get("consultation"));
    let Some(b) = b.filter(|b| b.is_object()) else {
        return Some(msg!("disclosure-document-records-no-consultation", kind = kind, version = version));
    };
    let a = a.unwrap_or(&Value::Null);
    let mut differences = Vec::new();
    for member in ["opened_at", "closed_at"] {
        if timestamp(a, member).is_none() || timestamp(a, member) != timestamp(b, member) {
            differences.push(member);
        }
    }
    if a.get("url") != b.get("url") {
        differences.push("url");
    }
    (!differences.is_empty()).then(|| msg!("disclosure-document-records-other-consultation", kind = kind, version = version, members = differences.join(", ")))
}


/// Whether a consultation page names the version consulted on (contains its `version` string).
pub fn page_names_version(body: &str, version: &str) -> bool {
    !version.is_empty() && body.contains(version)
}

/// Checks that the algorithmic rules of a platform with workers cover pay composition, working
/// time and rewards and penalties, each naming workers as affected and summarised (OE-22).
pub fn check_worker_rules(doc: &Value) -> Result<(), Finding> {
    let rules: Vec<&Value> = doc.pointer("/content/rules").and_then(Value::as_array).into_iter().flatten().collect();
    let mut problems = Vec::new();
    for topic in WORKER_TOPICS {
        let Some(rule) = rules.iter().find(|r| r.get("topic").and_then(Value::as_str) == Some(topic)) else {
            problems.push(msg!("disclosure-no-rule-on", topic = *topic));
            continue;
        };
        if !strs(rule.get("affects")).contains(&"workers") {
            problems.push(msg!("disclosure-rule-not-for-workers", topic = *topic));
        }
        if rule.get("summary").and_then(Value::as_str).is_none_or(|s| s.trim().is_empty()) {
            problems.push(msg!("disclosure-rule-no-summary", topic = *topic));
        }
    }
    fail_if(problems, |p| msg!("disclosure-worker-rules-incomplete", problems = p))
}

/// Checks that a schema-valid `complaints` document gives channels for complaints and appeals
/// open to third parties, merchants and users, processing steps and a response time limit
/// (OE-23). Whether each channel answers is checked over HTTP by the step; returns the channels'
/// URLs.
pub fn check_complaints(doc: &Value) -> Result<Vec<String>, Finding> {
    let content = doc.get("content").unwrap_or(&Value::Null);
    let channels: Vec<&Value> = content.get("channels").and_then(Value::as_array).into_iter().flatten().collect();
    let mut problems = Vec::new();
    for audience in COMPLAINT_AUDIENCES {
        if !channels.iter().any(|c| strs(c.get("audiences")).contains(audience)) {
            problems.push(msg!("disclosure-no-channel-open-to", audience = *audience));
        }
    }
    for handles in COMPLAINT_HANDLES {
        if !channels.iter().any(|c| strs(c.get("handles")).contains(handles)) {
            problems.push(msg!("disclosure-no-channel-takes", handles = *handles));
        }
    }
    if !strs(content.get("steps")).iter().any(|s| !s.trim().is_empty()) {
        problems.push(msg!("disclosure-no-processing-steps"));
    }
    if !content.get("response_days").and_then(Value::as_u64).is_some_and(|d| d >= 1) {
        problems.push(msg!("disclosure-no-response-time-limit"));
    }
    let urls: Vec<String> = channels.iter().filter_map(|c| c.get("url").and_then(Value::as_str)).map(str::to_string).collect();
    for u in &urls {
        if url::Url::parse(u).is_err() {
            problems.push(msg!("disclosure-channel-url-not-absolute", url = format!("{:?}", sanitize_line(u, 80))));
        }
    }
    fail_if(problems, |p| msg!("disclosure-complaints-incomplete", problems = p))?;
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn notice_of_seven_days_is_required() {
        let versions = [
            json!({"version": "a", "announced_at": "2026-01-01T00:00:00Z", "effective_at": "2026-01-08T00:00:00Z"}),
            json!({"version": "b", "announced_at": "2026-01-01T00:00:01Z", "effective_at": "2026-01-08T00:00:00Z"}),
            json!({"version": "c", "announced_at": "2026-01-01", "effective_at": "2026-01-08T00:00:00Z"}),
        ];
        let short = short_notices(&versions, "fees");
        assert_eq!(short.len(), 2, "{short:?}");
        assert!(short[0].en().starts_with("fees b"));
    }

    #[test]
    fn the_listed_version_is_the_document() {
        let listed = json!({"version": "2027-01", "announced_at": "2026-11-20T00:00:00Z", "effective_at": "2027-01-01T00:00:00Z", "url": "x"});
        let same = json!({"version": "2027-01", "announced_at": "2026-11-20T08:00:00+08:00", "effective_at": "2027-01-01T00:00:00Z"});
        assert_eq!(listed_version_disagreement(&listed, &same, "fee-schedule"), None);
        let later = json!({"version": "2027-01", "announced_at": "2026-12-29T00:00:00Z", "effective_at": "2027-01-01T00:00:00Z"});
        let message = listed_version_disagreement(&listed, &later, "fee-schedule").unwrap().en();
        assert!(message.contains("announced_at 2026-11-20T00:00:00Z") && message.contains("2026-12-29T00:00:00Z"), "{message}");
        let other = json!({"version": "2026-01", "announced_at": "2026-11-20T00:00:00Z", "effective_at": "2027-01-01T00:00:00Z"});
        assert!(listed_version_disagreement(&listed, &other, "fee-schedule").unwrap().en().contains("is version"));
    }

    #[test]
    fn algorithmic_topics_are_required() {
        let complete = json!({"content": {"rules": [
            {"topic": "order-allocation", "affects": ["workers"], "summary": "nearest"},
            {"topic": "piece-rates", "affects": ["workers"], "summary": "per delivery"},
            {"topic": "commission-ratios", "affects": ["merchants"], "summary": "5 %"}
        ]}});
        assert!(check_algorithmic_rules(&complete).is_ok());
        let mut missing = complete.clone();
        missing["content"]["rules"].as_array_mut().unwrap().remove(1);
        assert!(check_algorithmic_rules(&missing).unwrap_err().message.contains("piece-rates"));
        let mut consumers_only = complete.clone();
        consumers_only["content"]["rules"][0]["affects"] = json!(["consumers"]);
        assert!(check_algorithmic_rules(&consumers_only).is_err());
    }

    #[test]
    fn fee_schedule_needs_both_rates() {
        let cases = [
            (json!({"content": {"commission_rates": [{"category": "tea", "rate": 0.05}], "payment_settlement_rates": [{"method": "card", "rate": 0.006}]}}), true),
            (json!({"content": {"commission_rates": [{"category": "tea", "rate": 0.05}], "payment_settlement_rates": []}}), false),
            (json!({"content": {"commission_rates": [{"category": "tea", "rate": 5}], "payment_settlement_rates": [{"method": "card", "rate": 0.006}]}}), false),
            (json!({"content": {"payment_settlement_rates": [{"method": "card", "rate": 0.006}]}}), false),
        ];
        for (doc, ok) in cases {
            assert_eq!(check_fee_schedule(&doc).is_ok(), ok, "{doc}");
        }
    }
}

/// `value` serialised with the members of every object sorted by name (for a digest that does
/// not depend on member order).
fn canonical(value: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&m[k]))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// What a run keeps of a disclosure version it retrieved (OE-12 over time): its dates and the
/// SHA-256 of its `content`, with the platform's origin (`origin`, e.g. `https://host:port`)
/// replaced by `{origin}` — a platform that moves to another origin has not rewritten its rules.
pub fn seen_version(doc: &Value, origin: &str) -> hutong_model::DisclosureSeen {
    use sha2::Digest as _;
    let text = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let content = doc.get("content").map(canonical).unwrap_or_default();
    let content = if origin.is_empty() { content } else { content.replace(origin, "{origin}") };
    hutong_model::DisclosureSeen {
        announced_at: text("announced_at"),
        effective_at: text("effective_at"),
        content_sha256: hex::encode(sha2::Sha256::digest(content.as_bytes())),
    }
}

/// OE-12 over time: every disclosure version an earlier run retrieved (`earlier`: key
/// `kind@version` → what it saw and the start of that run) is still listed, with the same
/// `announced_at` and `effective_at`, and the same content (`now`: what this run retrieved). A
/// version is a published text: it is never rewritten, backdated or withdrawn from the history.
pub fn check_versions_kept(earlier: &[(String, hutong_model::DisclosureSeen, String)], now: &std::collections::BTreeMap<String, hutong_model::DisclosureSeen>) -> Result<(), Finding> {
    let mut problems = Vec::new();
    for (key, before, run) in earlier {
        let key_s = sanitize_line(key, 80);
        let Some(seen) = now.get(key) else {
            problems.push(msg!("disclosure-version-no-longer-listed", key = key_s, run = run));
            continue;
        };
        for (what, a, b) in [("announced_at", &before.announced_at, &seen.announced_at), ("effective_at", &before.effective_at, &seen.effective_at)] {
            if a != b {
                problems.push(msg!("disclosure-version-date-changed", key = key_s.clone(), member = what, now = sanitize_line(b, 40), before = sanitize_line(a, 40), run = run));
            }
        }
        if before.content_sha256 != seen.content_sha256 {
            problems.push(msg!(
                "disclosure-version-content-changed",
                key = key_s,
                now = &seen.content_sha256[..12.min(seen.content_sha256.len())],
                before = &before.content_sha256[..12.min(before.content_sha256.len())],
                run = run
            ));
        }
    }
    fail_if(problems, |p| msg!("disclosure-versions-changed", problems = p))
}
