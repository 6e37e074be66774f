//! A migration as a report: the canonical [`Report`] of a certification, so that the writers
//! (`report.json`, JUnit, Cucumber JSON, summary, HTML, CSV), the signature and `hutong verify`
//! treat a migration like a run. The report decides the one requirement the migration verifies
//! (CM-13 between buckets; between two OPIS platforms CM-21, the source's export imported into the
//! destination and read back record by record), is `partial` at best (a migration is not a
//! certification: `tag_filter` names that requirement alone), and keeps every missing, extra or
//! altered item in `evidence/migration.json`.

use super::{MigrateError, MigrationOptions, MigrationOutcome, BY_CONTENT, BY_LISTINGS};
use hutong_model::{msg, Message, Outcome, ProfileResult, Report, RequirementResult, ScenarioResult, SuiteInfo, TargetInfo, Totals};
use opis_spec::{Profile, Registry};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// The requirement a migration between two buckets verifies.
pub const BUCKET_REQUIREMENT: &str = "CM-13";
/// The requirement a migration between two OPIS platforms verifies (the destination's import).
pub const PLATFORM_REQUIREMENT: &str = "CM-21";
/// The evidence file holding the whole result.
pub const MIGRATION_EVIDENCE: &str = "evidence/migration.json";
/// Items of each kind named in the requirement's message (all are in the evidence).
const NAMED: usize = 5;

/// The current time, RFC 3339.
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn is_bucket(target: &str) -> bool {
    target.starts_with("s3+http://") || target.starts_with("s3+https://")
}

/// Lists at most [`NAMED`] items and how many more.
fn some(items: &[Value]) -> Message {
    let text = |v: Option<&Value>, max: usize| hutong_model::sanitize_line(v.and_then(Value::as_str).unwrap_or("?"), max);
    let mut shown: Vec<Message> = items
        .iter()
        .take(NAMED)
        .map(|v| match v {
            // An altered item: its ID and what differs, on one line of about 300 characters.
            Value::Array(pair) => {
                let id = text(pair.first(), 300);
                let max = 300usize.saturating_sub(id.chars().count() + 3);
                let why = hutong_checks::fidelity::altered_message(pair, max);
                msg!("migrate-report-altered-item", id = id, difference = why)
            }
            other => Message::verbatim(hutong_model::sanitize_line(&other.as_str().map_or_else(|| other.to_string(), str::to_string), 300)),
        })
        .collect();
    if items.len() > NAMED {
        shown.push(msg!("migrate-report-and-more", count = items.len() - NAMED));
    }
    hutong_model::comma_listed(shown).unwrap_or_else(|| Message::verbatim(""))
}

/// What differs, in a sentence each, from a `missing`/`extra`/`altered` object.
fn differences(d: &Value) -> Vec<Message> {
    ["missing", "extra", "altered"]
        .iter()
        .filter_map(|kind| {
            let items = d.get(*kind).and_then(Value::as_array).filter(|a| !a.is_empty())?;
            let (count, items) = (items.len(), some(items));
            Some(match *kind {
                "missing" => msg!("migrate-report-missing", count = count, items = items),
                "extra" => msg!("migrate-report-extra", count = count, items = items),
                _ => msg!("migrate-report-altered", count = count, items = items),
            })
        })
        .collect()
}

/// How a bucket migration's objects were compared, from its summary's `verification`.
fn compared_by(verification: Option<&str>) -> Message {
    match verification {
        Some(BY_CONTENT) | None => msg!("migrate-report-by-content"),
        Some(BY_LISTINGS) => msg!("migrate-report-by-listings"),
        Some(other) => Message::verbatim(other),
    }
}

/// The message of a completed migration.
fn message(outcome: &MigrationOutcome) -> Message {
    let s = &outcome.summary;
    let found: Vec<Message> = if outcome.buckets {
        differences(&s["objects"])
    } else {
        s["entities"]
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(entity, d)| differences(d).into_iter().map(move |m| msg!("migrate-report-entity", entity = entity, detail = m)))
            .collect()
    };
    if outcome.complete {
        if outcome.buckets {
            msg!("migrate-report-objects-unchanged", objects = s["objects"]["source_objects"].to_string(), compared_by = compared_by(s["verification"].as_str()))
        } else {
            msg!("migrate-report-records-unchanged", records = s["records_migrated"].to_string())
        }
    } else {
        msg!("migrate-report-incomplete", evidence = MIGRATION_EVIDENCE, differences = hutong_model::joined(found).unwrap_or_else(|| Message::verbatim("")))
    }
}

/// The report of one `migrate-check` run (started at `started_at`, taking `took`) and its
/// evidence files; the caller writes them with the report writers.
pub fn migration_report(
    args: &MigrationOptions,
    result: &Result<MigrationOutcome, MigrateError>,
    started_at: String,
    took: Duration,
) -> (Report, BTreeMap<String, Value>) {
    let buckets = is_bucket(&args.from) && is_bucket(&args.to);
    let id = if buckets { BUCKET_REQUIREMENT } else { PLATFORM_REQUIREMENT };
    let req = Registry::embedded().get(id).expect("the migration's requirement is in the registry");
    let (outcome, text, summary) = match result {
        Ok(o) if o.complete => (Outcome::Pass, message(o), o.summary.clone()),
        Ok(o) => (Outcome::Fail, message(o), o.summary.clone()),
        Err(e) => (Outcome::Error, msg!("migrate-report-not-performed", detail = e.0.clone()), json!({"from": args.from, "to": args.to, "error": e.to_string()})),
    };
    let message = text.en();
    let limitation_texts = if args.listings_only { vec![msg!("migrate-report-listings-only")] } else { Vec::new() };
    let limitations = limitation_texts.iter().map(Message::en).collect();
    let scenario = ScenarioResult {
        feature: "(migrate-check)".to_string(),
        name: hutong_model::sanitize_line(&format!("Migration from {} to {}, verified {}", args.from, args.to, if buckets { "object by object" } else { "record by record" }), 400),
        line: 0,
        outcome,
        message: message.clone(),
        text: Some(text.clone()),
        exchanges: 0,
        evidence: Some(MIGRATION_EVIDENCE.to_string()),
        decisive_exchanges: Vec::new(),
        duration_ms: took.as_millis() as u64,
        needs: Vec::new(),
    };
    let scenarios = vec![scenario];
    let requirement = RequirementResult {
        id: req.id.clone(),
        profile: req.profile,
        level: req.level,
        title_en: req.title.en.clone(),
        title_zh: req.title.zh.clone(),
        policy: req.traces.policy.clone(),
        outcome,
        not_applicable_reason: None,
        message,
        text: Some(text),
        evidence: hutong_model::decisive_evidence(outcome, &scenarios),
        scenarios,
        limitation_texts,
        limitations,
        blocked_by: Vec::new(),
    };
    let results = vec![requirement];
    let profile = Profile::CloudMigration;
    let tag_filter = format!("@req:{id}");
    let mut report = Report {
        format_version: hutong_model::REPORT_FORMAT_VERSION.to_string(),
        suite: SuiteInfo {
            opis_version: opis_spec::OPIS_VERSION.to_string(),
            suite_hash: opis_spec::SUITE_HASH.to_string(),
            harness_version: env!("CARGO_PKG_VERSION").to_string(),
            judging_digest: Some(crate::runner::JUDGING_DIGEST.to_string()),
        },
        target: TargetInfo {
            base_url: args.to.strip_prefix("s3+").unwrap_or(&args.to).to_string(),
            platform_name: Some(hutong_model::sanitize_line(&format!("migration from {} to {}", args.from, args.to), 400)),
            claimed_profiles: Vec::new(),
            builtin_reference: None,
            opis_version: None,
        },
        selected_profiles: vec![profile],
        tag_filter: Some(tag_filter),
        configuration: json!({
            "command": "migrate-check",
            "from": args.from,
            "to": args.to,
            "role": args.role,
            "verify_only": args.verify_only,
            "listings_only": args.listings_only,
            "concurrency": args.concurrency,
            "insecure": args.insecure,
            "limits": args.limits,
            "run_budget": args.run_budget,
        }),
        started_at,
        finished_at: now_rfc3339(),
        totals: Totals::of(&results),
        profiles: vec![ProfileResult {
            profile,
            verdict: Report::verdict_for(&results, profile, true, true, &[]),
            totals: Totals::of(&results),
            limitations: ProfileResult::limitations_of(&results, profile),
        }],
        requirements: results,
        evidence: Vec::new(),
        waivers: Vec::new(),
        history: None,
    };
    let mut evidence = BTreeMap::from([(MIGRATION_EVIDENCE.to_string(), summary)]);
    redact(args, &mut report, &mut evidence);
    (report, evidence)
}

/// Removes the secrets the migration was given (S3 secret keys, a target file's secrets) from
/// every string of the report and its evidence, should a message have echoed one.
fn redact(args: &MigrationOptions, report: &mut Report, evidence: &mut BTreeMap<String, Value>) {
    let redactor = hutong_http::Redactor::new();
    for side in ["FROM", "TO"] {
        if let Ok(secret) = std::env::var(format!("HUTONG_S3_{side}_SECRET_KEY")) {
            redactor.insert_secret(secret);
        }
    }
    for target in [&args.from, &args.to] {
        if let Ok(file) = crate::target::TargetFile::load(std::path::Path::new(target.as_str())) {
            for s in file.secret_values() {
                redactor.insert_secret(s);
            }
        }
    }
    hutong_model::redact_report(report, |s| redactor.redact_str(s));
    for v in evidence.values_mut() {
        redactor.redact_json(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket_outcome(complete: bool) -> MigrationOutcome {
        let missing: Vec<String> = if complete { vec![] } else { (0..7).map(|i| format!("k{i}")).collect() };
        MigrationOutcome {
            buckets: true,
            complete,
            summary: json!({"verification": "content", "objects": {"source_objects": 9, "destination_objects": 2, "missing": missing, "extra": [], "altered": [["a", "size 1 in the destination, 2 in the source"]]}}),
        }
    }

    #[test]
    fn a_bucket_migration_decides_cm_13_and_is_partial_at_best() {
        let args = MigrationOptions::new("s3+http://a.example/src", "s3+http://b.example/dst");
        let (report, evidence) = migration_report(&args, &Ok(bucket_outcome(true)), now_rfc3339(), Duration::from_secs(1));
        assert_eq!(report.requirements.len(), 1);
        assert_eq!(report.requirements[0].id, "CM-13");
        assert_eq!(report.requirements[0].outcome, Outcome::Pass);
        assert_eq!(report.overall_verdict(), hutong_model::ProfileVerdict::Partial);
        assert!(evidence.contains_key(MIGRATION_EVIDENCE));

        let (report, evidence) = migration_report(&args, &Ok(bucket_outcome(false)), now_rfc3339(), Duration::from_secs(1));
        let r = &report.requirements[0];
        assert_eq!(r.outcome, Outcome::Fail);
        assert!(r.message.contains("7 missing: k0, k1, k2, k3, k4, and 2 more") && r.message.contains("1 altered: a (size 1"), "{}", r.message);
        assert_eq!(evidence[MIGRATION_EVIDENCE]["objects"]["missing"].as_array().unwrap().len(), 7, "every item is in the evidence");
        assert_eq!(report.overall_verdict(), hutong_model::ProfileVerdict::NotConformant);

        let (report, _) = migration_report(&args, &Err(MigrateError::new(Message::verbatim("timed out"))), now_rfc3339(), Duration::from_secs(1));
        assert_eq!(report.requirements[0].outcome, Outcome::Error);
        assert_eq!(report.overall_verdict(), hutong_model::ProfileVerdict::Inconclusive);
    }

    #[test]
    fn the_messages_render_in_chinese_and_a_platforms_error_names_what_it_needs() {
        let args = MigrationOptions { listings_only: true, ..MigrationOptions::new("s3+http://a.example/src", "s3+http://b.example/dst") };
        let (report, _) = migration_report(&args, &Ok(bucket_outcome(false)), now_rfc3339(), Duration::from_secs(1));
        let r = &report.requirements[0];
        let zh = r.text.as_ref().expect("a message with an ID").render_checked(hutong_model::Locale::Zh).expect("every template in Chinese");
        assert!(zh.contains("缺失 7 项：k0、k1、k2、k3、k4、另有 2 项"), "{zh}");
        assert_eq!(r.limitations, r.limitation_texts.iter().map(Message::en).collect::<Vec<_>>());
        assert_eq!(r.limitation_texts.len(), 1);

        let e = MigrateError::on("http://a.example/", msg!("migrate-job-failed")).needing(vec!["CM-02".to_string()]);
        assert_eq!(e.to_string(), "http://a.example/: the export job failed");
        assert_eq!(e.needs_of("http://a.example"), ["CM-02"]);
        assert!(e.needs_of("http://b.example/").is_empty() && MigrateError::new(msg!("migrate-job-failed")).needs_of("http://a.example").is_empty());
    }

    #[test]
    fn a_platform_migration_decides_the_destinations_import() {
        let args = MigrationOptions::new("http://a.example/", "http://b.example/");
        let outcome = MigrationOutcome { buckets: false, complete: false, summary: json!({"records_migrated": 3, "entities": {"products": {"missing": ["p_1"], "extra": [], "altered": [], "compared": 2}}}) };
        let (report, _) = migration_report(&args, &Ok(outcome), now_rfc3339(), Duration::from_secs(1));
        assert_eq!(report.requirements[0].id, "CM-21");
        assert!(report.requirements[0].message.contains("products: 1 missing: p_1"), "{}", report.requirements[0].message);
    }
}
