//! A migration as a report: the canonical [`Report`] of a certification, so that the writers
//! (`report.json`, JUnit, Cucumber JSON, summary, HTML, CSV), the signature and `hutong verify`
//! treat a migration like a run. The report decides the one requirement the migration verifies
//! (CM-13 between buckets; between two OPIS platforms CM-21, the source's export imported into the
//! destination and read back record by record), is `partial` at best (a migration is not a
//! certification: `tag_filter` names that requirement alone), and keeps every missing, extra or
//! altered item in `evidence/migration.json`.

use super::{MigrateError, MigrationOptions, MigrationOutcome};
use hutong_model::{Outcome, ProfileResult, Report, RequirementResult, ScenarioResult, SuiteInfo, TargetInfo, Totals};
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
fn some(items: &[Value]) -> String {
    let mut shown: Vec<String> = items
        .iter()
        .take(NAMED)
        .map(|v| match v {
            Value::Array(pair) => format!("{} ({})", pair.first().and_then(Value::as_str).unwrap_or("?"), pair.get(1).and_then(Value::as_str).unwrap_or("?")),
            other => other.as_str().map_or_else(|| other.to_string(), str::to_string),
        })
        .map(|s| hutong_model::sanitize_line(&s, 300))
        .collect();
    if items.len() > NAMED {
        shown.push(format!("and {} more", items.len() - NAMED));
    }
    shown.join(", ")
}

/// What differs, in a sentence, from a `missing`/`extra`/`altered` object.
fn differences(prefix: &str, d: &Value) -> Vec<String> {
    ["missing", "extra", "altered"]
        .iter()
        .filter_map(|kind| {
            let items = d.get(*kind).and_then(Value::as_array).filter(|a| !a.is_empty())?;
            Some(format!("{prefix}{} {kind}: {}", items.len(), some(items)))
        })
        .collect()
}

/// The message of a completed migration.
fn message(outcome: &MigrationOutcome) -> String {
    let s = &outcome.summary;
    let found: Vec<String> = if outcome.buckets {
        differences("", &s["objects"])
    } else {
        s["entities"].as_object().into_iter().flatten().flat_map(|(entity, d)| differences(&format!("{entity}: "), d)).collect()
    };
    if outcome.complete {
        if outcome.buckets {
            format!(
                "every object arrived unchanged: {} objects compared by {}",
                s["objects"]["source_objects"],
                s["verification"].as_str().unwrap_or("content")
            )
        } else {
            format!("every record arrived unchanged: {} records imported, read back record by record", s["records_migrated"])
        }
    } else {
        format!("the migration is not complete ({}): {}", MIGRATION_EVIDENCE, found.join("; "))
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
    let (outcome, message, summary) = match result {
        Ok(o) if o.complete => (Outcome::Pass, message(o), o.summary.clone()),
        Ok(o) => (Outcome::Fail, message(o), o.summary.clone()),
        Err(e) => (Outcome::Error, format!("the migration could not be performed or verified: {e}"), json!({"from": args.from, "to": args.to, "error": e.to_string()})),
    };
    let limitations = if args.listings_only {
        vec!["compared from the listings (keys, sizes, MD5 ETags where both services give one), not by content".to_string()]
    } else {
        Vec::new()
    };
    let scenario = ScenarioResult {
        feature: "(migrate-check)".to_string(),
        name: hutong_model::sanitize_line(&format!("Migration from {} to {}, verified {}", args.from, args.to, if buckets { "object by object" } else { "record by record" }), 400),
        line: 0,
        outcome,
        message: message.clone(),
        text: None,
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
        text: None,
        evidence: hutong_model::decisive_evidence(outcome, &scenarios),
        scenarios,
        limitation_texts: Vec::new(),
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

        let (report, _) = migration_report(&args, &Err(MigrateError::new("timed out")), now_rfc3339(), Duration::from_secs(1));
        assert_eq!(report.requirements[0].outcome, Outcome::Error);
        assert_eq!(report.overall_verdict(), hutong_model::ProfileVerdict::Inconclusive);
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
