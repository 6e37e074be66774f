use crate::{NotApplicableReason, Outcome, ProfileVerdict, Waiver};
use opis_spec::{Level, Profile};
use serde::{Deserialize, Serialize};

/// Version of the `report.json` format.
pub const REPORT_FORMAT_VERSION: &str = "1";

/// The canonical certification report (`report.json`). Every other format is derived from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Version of this format.
    pub format_version: String,
    /// Which suite produced it.
    pub suite: SuiteInfo,
    /// What was certified.
    pub target: TargetInfo,
    /// Profiles selected for this run (`core` included).
    pub selected_profiles: Vec<Profile>,
    /// Tag expression that filtered scenarios, if any; a filtered run is partial and supports no
    /// claim of conformance (OPIS §11.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_filter: Option<String>,
    /// The run's configuration with every secret removed.
    pub configuration: serde_json::Value,
    /// RFC 3339 start time.
    pub started_at: String,
    /// RFC 3339 end time.
    pub finished_at: String,
    /// One result per requirement of the selected profiles, in registry order.
    pub requirements: Vec<RequirementResult>,
    /// One verdict per selected profile.
    pub profiles: Vec<ProfileResult>,
    /// Counts of outcomes.
    pub totals: Totals,
    /// Evidence files written beside the report, with their digests.
    #[serde(default)]
    pub evidence: Vec<EvidenceRef>,
    /// Waivers given to the run (`certify --waivers`): each waived requirement keeps its real
    /// outcome, and a verdict that relies on one is `conformant_with_waivers`. Signed with the
    /// report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// How the run used the run history of its target (`certify --history`): absent when no
    /// history was kept; otherwise the requirements judged against earlier runs and those runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<crate::HistoryUse>,
}

/// Which suite produced a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuiteInfo {
    /// OPIS version implemented.
    pub opis_version: String,
    /// SHA-256 over `spec/` and `features/` as embedded in the harness.
    pub suite_hash: String,
    /// Version of the `hutong` harness.
    pub harness_version: String,
    /// SHA-256 over the harness's judging code (OPIS §18): two builds whose checks differ give
    /// different digests, so a report names the code that decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judging_digest: Option<String>,
}

/// What was certified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetInfo {
    /// Base URL of the platform.
    pub base_url: String,
    /// Platform name from discovery, if it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_name: Option<String>,
    /// Profiles the platform claims in discovery.
    pub claimed_profiles: Vec<Profile>,
    /// Set when the platform certified is hutong's own built-in reference platform (no target
    /// was given): what was run, e.g. the faults injected. Every output says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin_reference: Option<String>,
    /// OPIS version the platform declares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opis_version: Option<String>,
}

/// The result of one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementResult {
    /// Registry ID.
    pub id: String,
    /// Profile.
    pub profile: Profile,
    /// MUST, SHOULD or MAY.
    pub level: Level,
    /// English title.
    pub title_en: String,
    /// Chinese title.
    pub title_zh: String,
    /// Policy clauses it traces to.
    pub policy: Vec<String>,
    /// Combined outcome of its scenarios.
    pub outcome: Outcome,
    /// Why it does not apply, when `outcome` is `not_applicable`: one of the reasons OPIS §10.1
    /// admits. A `not_applicable` without a reason counts as `error` in every verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable_reason: Option<NotApplicableReason>,
    /// What was expected and what was seen (for pass: what was checked), in English.
    pub message: String,
    /// The same as a message ID and parameters (`hutong_i18n`), which the human formats render in
    /// the report's language and any later tool can render again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<hutong_i18n::Message>,
    /// The scenarios that verified it.
    pub scenarios: Vec<ScenarioResult>,
    /// Comparisons its scenarios could not make (e.g. no affiliated client's credentials): the
    /// outcome holds only for what was compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<String>,
    /// The same limitations as messages (ID and parameters), in the same order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitation_texts: Vec<hutong_i18n::Message>,
    /// The evidence that decided it: `evidence/<file>.json` (every exchange of a passing
    /// scenario) or `evidence/<file>.json#/N` (RFC 6901 pointer to the exchange a failing or
    /// erroring scenario stopped at).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// For an `error`: the requirements that failed in the same run and judge a precondition its
    /// scenarios could not get past (OPIS §10.2); it is undecided because of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<String>,
}

impl RequirementResult {
    /// The outcome as verdicts count it: a `not_applicable` without an admitted reason
    /// (OPIS §10.1) is `error`, never a silent pass.
    pub fn counted_outcome(&self) -> Outcome {
        match (self.outcome, &self.not_applicable_reason) {
            (Outcome::NotApplicable, None) => Outcome::Error,
            (o, _) => o,
        }
    }
}

impl Report {
    /// What keeps a person from reading every message of this report in either language: a
    /// requirement or scenario without `text`, a template missing or given the wrong parameters,
    /// text without a template. None for a report of this harness (the selftest checks it).
    pub fn text_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |at: String, text: Option<&hutong_i18n::Message>| {
            let Some(t) = text else {
                out.push(format!("{at}: no message ID"));
                return;
            };
            for locale in hutong_i18n::Locale::ALL {
                if let Err((_, problems)) = t.render_checked(locale) {
                    out.push(format!("{at}: {}", problems.join("; ")));
                }
            }
            for v in t.verbatim_parts() {
                out.push(format!("{at}: no template for {:?}", crate::sanitize_line(v, 160)));
            }
        };
        for r in &self.requirements {
            check(r.id.clone(), r.text.as_ref());
            for s in &r.scenarios {
                check(format!("{} ({}:{})", r.id, s.feature, s.line), s.text.as_ref());
            }
            for t in &r.limitation_texts {
                check(format!("{} (limitation)", r.id), Some(t));
            }
        }
        out
    }
}

/// Marks the `error`s that a failed precondition explains (OPIS §10.2): a requirement is blocked
/// by the requirements its erroring scenarios `needs` that failed in the same run, when every
/// erroring scenario names such a precondition. Its outcome stays `error`; `blocked_by` names
/// them and the message says so first.
pub fn mark_blocked(results: &mut [RequirementResult]) {
    let failed: std::collections::BTreeSet<String> = results.iter().filter(|r| r.outcome == Outcome::Fail).map(|r| r.id.clone()).collect();
    for r in results.iter_mut().filter(|r| r.outcome == Outcome::Error) {
        let erring: Vec<&ScenarioResult> = r.scenarios.iter().filter(|s| s.outcome == Outcome::Error).collect();
        let explained = |s: &&ScenarioResult| s.needs.iter().any(|n| failed.contains(n) && *n != r.id);
        if erring.is_empty() || !erring.iter().all(explained) {
            continue;
        }
        let mut blocked: Vec<String> = erring.iter().flat_map(|s| s.needs.iter()).filter(|n| failed.contains(*n) && **n != r.id).cloned().collect();
        blocked.sort();
        blocked.dedup();
        let detail = r.text.clone().unwrap_or_else(|| hutong_i18n::Message::verbatim(r.message.clone()));
        let text = hutong_i18n::msg!("blocked-by", requirements = blocked.join(", "), detail = detail);
        r.message = text.en();
        r.text = Some(text);
        r.blocked_by = blocked;
    }
}

/// The result of one scenario for one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Feature file path.
    pub feature: String,
    /// Scenario name.
    pub name: String,
    /// Line of the scenario in the feature file.
    pub line: usize,
    /// Outcome for this requirement.
    pub outcome: Outcome,
    /// Finding message, or what passed, in English.
    pub message: String,
    /// The same as a message ID and parameters (see [`RequirementResult::text`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<hutong_i18n::Message>,
    /// Number of HTTP exchanges recorded.
    pub exchanges: usize,
    /// Evidence file (relative to the report) with those exchanges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Indexes (in the evidence file) of the exchanges that decided the outcome: all of them for
    /// a pass, the last one before the finding for a fail or an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisive_exchanges: Vec<usize>,
    /// Wall time of the scenario in milliseconds.
    pub duration_ms: u64,
    /// For an `error`: the requirements judging the precondition the scenario could not get past.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
}

/// The verdict on one profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileResult {
    /// Profile.
    pub profile: Profile,
    /// Verdict.
    pub verdict: ProfileVerdict,
    /// Outcome counts over the profile's requirements.
    pub totals: Totals,
    /// What limits the verdict: `ID: comparison not made` for each MUST of the profile (or of
    /// `core`) whose scenarios could not compare everything. A verdict with limitations is
    /// reported as limited in every format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<String>,
}

impl ProfileResult {
    /// The limitations of `profile`'s verdict in `results`.
    pub fn limitations_of(results: &[RequirementResult], profile: Profile) -> Vec<String> {
        results
            .iter()
            .filter(|r| (r.profile == profile || r.profile == Profile::Core) && r.level == Level::Must)
            .flat_map(|r| r.limitations.iter().map(move |l| Self::limitation_line(&r.id, l)))
            .collect()
    }

    /// How a profile lists a limitation of requirement `id`: `ID: comparison not made`.
    pub fn limitation_line(id: &str, limitation: &str) -> String {
        format!("{id}: {limitation}")
    }
}

/// Outcome counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Requirements counted.
    pub requirements: usize,
    /// Passed.
    pub pass: usize,
    /// Failed.
    pub fail: usize,
    /// Errored.
    pub error: usize,
    /// Not applicable.
    pub not_applicable: usize,
}

impl Totals {
    /// Counts the outcomes of `results`.
    pub fn of<'a>(results: impl IntoIterator<Item = &'a RequirementResult>) -> Totals {
        let mut t = Totals::default();
        for r in results {
            t.requirements += 1;
            match r.outcome {
                Outcome::Pass => t.pass += 1,
                Outcome::Fail => t.fail += 1,
                Outcome::Error => t.error += 1,
                Outcome::NotApplicable => t.not_applicable += 1,
            }
        }
        t
    }
}

/// An evidence file written beside the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    /// Path relative to the report.
    pub path: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

impl Report {
    /// The verdict on `profile` given the results of this report, whether it is claimed, whether
    /// the run was partial (a tag filter) and the run's waivers: OPIS §11.1, the one place it is
    /// decided.
    ///
    /// A MUST that is `not_applicable` without an admitted reason counts as `error`; a partial
    /// run is never `conformant`. A waived MUST of `core` or of `profile` does not count against
    /// the verdict whatever its outcome, but a profile with a waived MUST in scope is at best
    /// `conformant_with_waivers` (the waiver file, not the run, says what was accepted), never
    /// plain `conformant`. Waivers of SHOULD and MAY requirements change nothing.
    pub fn verdict_for(results: &[RequirementResult], profile: Profile, claimed: bool, partial: bool, waivers: &[Waiver]) -> ProfileVerdict {
        if !claimed && profile != Profile::Core {
            return ProfileVerdict::NotClaimed;
        }
        let waived = |r: &RequirementResult| waivers.iter().any(|w| w.requirement == r.id);
        let musts: Vec<&RequirementResult> =
            results.iter().filter(|r| (r.profile == profile || r.profile == Profile::Core) && r.level == Level::Must).collect();
        let any_waived = musts.iter().any(|r| waived(r));
        let worst = musts.iter().filter(|r| !waived(r)).map(|r| r.counted_outcome()).max().unwrap_or(Outcome::Pass);
        match worst {
            Outcome::Fail => ProfileVerdict::NotConformant,
            Outcome::Error => ProfileVerdict::Inconclusive,
            Outcome::Pass | Outcome::NotApplicable if partial => ProfileVerdict::Partial,
            Outcome::Pass | Outcome::NotApplicable if any_waived => ProfileVerdict::ConformantWithWaivers,
            Outcome::Pass | Outcome::NotApplicable => ProfileVerdict::Conformant,
        }
    }

    /// The verdict of the whole run as people read it first: the worst of the profiles' (see
    /// [`ProfileVerdict::severity`]); `inconclusive` for a run without profiles.
    pub fn overall_verdict(&self) -> ProfileVerdict {
        self.profiles.iter().map(|p| p.verdict).max_by_key(|v| v.severity()).unwrap_or(ProfileVerdict::Inconclusive)
    }

    /// The waiver of requirement `id`, if the run has one.
    pub fn waiver_for(&self, id: &str) -> Option<&Waiver> {
        self.waivers.iter().find(|w| w.requirement == id)
    }

    /// Whether the run was partial (a tag filter selected scenarios): it supports no claim.
    pub fn is_partial(&self) -> bool {
        self.tag_filter.is_some()
    }

    /// The exit code this report gives (see [`crate::exit_codes`]).
    pub fn exit_code(&self) -> i32 {
        use crate::exit_codes::*;
        let verdicts = self.profiles.iter().map(|p| p.verdict);
        let mut code = CONFORMANT;
        for v in verdicts {
            match v {
                ProfileVerdict::NotConformant | ProfileVerdict::NotClaimed => return NOT_CONFORMANT,
                ProfileVerdict::Inconclusive => code = HARNESS_ERROR,
                ProfileVerdict::Conformant | ProfileVerdict::ConformantWithWaivers | ProfileVerdict::Partial => {}
            }
        }
        code
    }

    /// The result of requirement `id`.
    pub fn requirement(&self, id: &str) -> Option<&RequirementResult> {
        self.requirements.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(id: &str, profile: Profile, level: Level, outcome: Outcome, reason: Option<NotApplicableReason>) -> RequirementResult {
        RequirementResult {
            id: id.into(),
            profile,
            level,
            title_en: "t".into(),
            title_zh: "t".into(),
            policy: vec!["seed:9".into()],
            outcome,
            not_applicable_reason: reason,
            message: "m".into(),
            text: None,
            scenarios: Vec::new(),
            limitation_texts: Vec::new(),
            limitations: Vec::new(),
            blocked_by: Vec::new(),
            evidence: Vec::new(),
        }
    }

    const AI: Profile = Profile::AntiIncompatibility;

    fn erring(needs: &[&str]) -> ScenarioResult {
        ScenarioResult {
            feature: "f".into(),
            name: "s".into(),
            line: 1,
            outcome: Outcome::Error,
            message: "cannot act as a newly registered client".into(),
            text: None,
            exchanges: 0,
            evidence: None,
            decisive_exchanges: Vec::new(),
            duration_ms: 0,
            needs: needs.iter().map(|n| n.to_string()).collect(),
        }
    }

    fn with(mut r: RequirementResult, scenarios: Vec<ScenarioResult>) -> RequirementResult {
        r.scenarios = scenarios;
        r
    }

    /// A report of `requirements` and `profiles`, the rest empty.
    fn report_of(requirements: Vec<RequirementResult>, profiles: Vec<ProfileResult>) -> Report {
        Report {
            format_version: REPORT_FORMAT_VERSION.into(),
            suite: SuiteInfo { opis_version: "0.1.0".into(), suite_hash: String::new(), harness_version: "0.1.0".into(), judging_digest: None },
            target: TargetInfo { base_url: String::new(), platform_name: None, claimed_profiles: Vec::new(), builtin_reference: None, opis_version: None },
            selected_profiles: Vec::new(),
            tag_filter: None,
            configuration: serde_json::Value::Null,
            started_at: String::new(),
            finished_at: String::new(),
            requirements,
            profiles,
            totals: Totals::default(),
            evidence: Vec::new(),
            waivers: Vec::new(),
            history: None,
        }
    }

    #[test]
    fn an_error_is_blocked_only_by_a_precondition_that_failed_in_the_same_run() {
        let oe = Profile::OpenEcosystem;
        let mut results = vec![
            result("OE-02", oe, Level::Must, Outcome::Fail, None),
            with(result("OE-16", oe, Level::Must, Outcome::Error, None), vec![erring(&["OE-02"])]),
            // One erring scenario without a precondition: its own reason stands.
            with(result("OE-21", oe, Level::Must, Outcome::Error, None), vec![erring(&["OE-02"]), erring(&[])]),
            // A precondition that did not fail blocks nothing.
            with(result("CM-21", Profile::CloudMigration, Level::Must, Outcome::Error, None), vec![erring(&["CM-02"])]),
            result("CM-02", Profile::CloudMigration, Level::Must, Outcome::Error, None),
        ];
        mark_blocked(&mut results);
        assert_eq!(results[1].blocked_by, ["OE-02"]);
        assert_eq!(results[1].outcome, Outcome::Error, "a blocked requirement stays undecided");
        assert!(results[1].message.starts_with("not decided: blocked by OE-02"), "{}", results[1].message);
        assert!(results[2].blocked_by.is_empty() && results[2].message == "m");
        assert!(results[3].blocked_by.is_empty());
        assert!(results[0].blocked_by.is_empty());
    }

    // See: issue 17 — a message reads in Chinese too, nested parts included; a report names
    // every message a person could not read in both languages.
    #[test]
    fn messages_render_in_both_languages_and_text_without_a_template_is_named() {
        let oe = Profile::OpenEcosystem;
        let mut results = vec![result("OE-02", oe, Level::Must, Outcome::Fail, None), with(result("OE-16", oe, Level::Must, Outcome::Error, None), vec![erring(&["OE-02"])])];
        results[1].text = Some(crate::msg!("no-scenario-verified"));
        mark_blocked(&mut results);
        let text = results[1].text.clone().unwrap();
        assert_eq!(text.en(), results[1].message);
        let zh = text.render(crate::Locale::Zh);
        assert!(zh.starts_with("未判定：受 OE-02 阻断") && zh.ends_with("本套件没有任何场景验证该要求"), "{zh}");
        results[0].text = Some(crate::Message::verbatim("platform said no"));
        results[1].scenarios[0].text = Some(crate::Message::new(String::from("no-such-template")));
        let report = report_of(results, Vec::new());
        let problems = report.text_problems();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].starts_with("OE-02: no template for \"platform said no\""), "{problems:#?}");
        assert!(problems[1].starts_with("OE-16 (") && problems[1].contains("no-such-template"), "{problems:#?}");
    }

    // See: issue 11 — a `not_applicable` MUST counted as conformant whatever made it so (an
    // unknown open-protocol key, no payment method flagged `own`).
    #[test]
    fn a_must_that_does_not_apply_without_an_admitted_reason_is_undecided() {
        let results = [
            result("CORE-01", Profile::Core, Level::Must, Outcome::Pass, None),
            result("AI-08", AI, Level::Must, Outcome::NotApplicable, None),
        ];
        assert_eq!(Report::verdict_for(&results, AI, true, false, &[]), ProfileVerdict::Inconclusive);
        for reason in [
            NotApplicableReason::NotTested,
            NotApplicableReason::CapabilityNotDeclared { capability: "checkout".into() },
        ] {
            let results = [
                result("CORE-01", Profile::Core, Level::Must, Outcome::Pass, None),
                result("AI-11", AI, Level::Must, Outcome::NotApplicable, Some(reason)),
            ];
            assert_eq!(Report::verdict_for(&results, AI, true, false, &[]), ProfileVerdict::Conformant);
        }
    }

    // See: issue 11 — a tag-filtered run reported `conformant` in the signed report.json.
    #[test]
    fn a_partial_run_is_never_conformant_but_still_reports_what_failed() {
        let passing = [result("CORE-01", Profile::Core, Level::Must, Outcome::Pass, None), result("AI-01", AI, Level::Must, Outcome::Pass, None)];
        assert_eq!(Report::verdict_for(&passing, AI, true, true, &[]), ProfileVerdict::Partial);
        assert_eq!(Report::verdict_for(&passing, Profile::Core, true, true, &[]), ProfileVerdict::Partial);
        let failing = [result("AI-01", AI, Level::Must, Outcome::Fail, None)];
        assert_eq!(Report::verdict_for(&failing, AI, true, true, &[]), ProfileVerdict::NotConformant);
        let erroring = [result("AI-01", AI, Level::Must, Outcome::Error, None)];
        assert_eq!(Report::verdict_for(&erroring, AI, true, true, &[]), ProfileVerdict::Inconclusive);
        assert_eq!(Report::verdict_for(&passing, AI, false, true, &[]), ProfileVerdict::NotClaimed);
    }

    #[test]
    fn exit_codes_follow_the_verdicts() {
        let report = |verdicts: &[ProfileVerdict]| {
            report_of(Vec::new(), verdicts.iter().map(|v| ProfileResult { profile: AI, verdict: *v, totals: Totals::default(), limitations: Vec::new() }).collect())
        };
        use crate::exit_codes::*;
        assert_eq!(report(&[ProfileVerdict::Conformant, ProfileVerdict::Partial]).exit_code(), CONFORMANT);
        assert_eq!(report(&[ProfileVerdict::Partial, ProfileVerdict::Inconclusive]).exit_code(), HARNESS_ERROR);
        assert_eq!(report(&[ProfileVerdict::Inconclusive, ProfileVerdict::NotConformant]).exit_code(), NOT_CONFORMANT);
        assert_eq!(report(&[ProfileVerdict::NotClaimed]).exit_code(), NOT_CONFORMANT);
        assert_eq!(report(&[ProfileVerdict::ConformantWithWaivers, ProfileVerdict::Conformant]).exit_code(), CONFORMANT);
        assert_eq!(report(&[ProfileVerdict::Conformant, ProfileVerdict::ConformantWithWaivers]).overall_verdict(), ProfileVerdict::ConformantWithWaivers);
        assert_eq!(report(&[ProfileVerdict::ConformantWithWaivers, ProfileVerdict::Partial]).overall_verdict(), ProfileVerdict::Partial);
        assert_eq!(report(&[ProfileVerdict::NotConformant, ProfileVerdict::Inconclusive]).overall_verdict(), ProfileVerdict::NotConformant);
        assert_eq!(report(&[]).overall_verdict(), ProfileVerdict::Inconclusive);
    }

    fn waiver(id: &str) -> Waiver {
        Waiver { requirement: id.into(), reason: "r".into(), link: "https://x.example/w".into(), granted_by: "board".into(), expires: "2099-01-01".into() }
    }

    // See: issue 17 — a waived requirement keeps its outcome, and the verdict is never plain
    // conformant.
    #[test]
    fn a_waived_must_is_excused_but_the_verdict_says_so() {
        let results = [
            result("CORE-01", Profile::Core, Level::Must, Outcome::Pass, None),
            result("AI-01", AI, Level::Must, Outcome::Fail, None),
            result("AI-02", AI, Level::Must, Outcome::Pass, None),
            result("AI-03", AI, Level::Should, Outcome::Fail, None),
        ];
        assert_eq!(Report::verdict_for(&results, AI, true, false, &[]), ProfileVerdict::NotConformant);
        assert_eq!(Report::verdict_for(&results, AI, true, false, &[waiver("AI-01")]), ProfileVerdict::ConformantWithWaivers);
        // A waiver of a MUST that passed still caps the verdict: the waiver file says what was
        // accepted, not the run.
        assert_eq!(Report::verdict_for(&results[..1], Profile::Core, true, false, &[waiver("CORE-01")]), ProfileVerdict::ConformantWithWaivers);
        // Waiving one MUST does not excuse another, nor an undecided one.
        let mut erroring = results.to_vec();
        erroring[2].outcome = Outcome::Error;
        assert_eq!(Report::verdict_for(&erroring, AI, true, false, &[waiver("AI-01")]), ProfileVerdict::Inconclusive);
        assert_eq!(Report::verdict_for(&erroring, AI, true, false, &[waiver("AI-01"), waiver("AI-02")]), ProfileVerdict::ConformantWithWaivers);
        // A waived core MUST caps every profile; a waiver of a SHOULD or of another profile's
        // requirement changes nothing; partial and not claimed win over waivers.
        assert_eq!(Report::verdict_for(&results[..1], AI, true, false, &[waiver("CORE-01")]), ProfileVerdict::ConformantWithWaivers);
        let passing = [results[0].clone(), results[2].clone(), results[3].clone()];
        assert_eq!(Report::verdict_for(&passing, AI, true, false, &[waiver("AI-03")]), ProfileVerdict::Conformant);
        assert_eq!(Report::verdict_for(&passing, Profile::Core, true, false, &[waiver("AI-02")]), ProfileVerdict::Conformant);
        assert_eq!(Report::verdict_for(&results, AI, true, true, &[waiver("AI-01")]), ProfileVerdict::Partial);
        assert_eq!(Report::verdict_for(&results, AI, false, false, &[waiver("AI-01")]), ProfileVerdict::NotClaimed);
    }
}

/// The evidence that decided a requirement with `outcome`, from the scenarios that verified it
/// (see [`RequirementResult::evidence`]).
pub fn decisive_evidence(outcome: Outcome, scenarios: &[ScenarioResult]) -> Vec<String> {
    let mut out = Vec::new();
    for s in scenarios.iter().filter(|s| s.outcome == outcome && outcome != Outcome::NotApplicable) {
        let Some(file) = &s.evidence else { continue };
        match outcome {
            Outcome::Pass => out.push(file.clone()),
            _ => out.extend(s.decisive_exchanges.iter().map(|i| format!("{file}#/{i}"))),
        }
    }
    out.dedup();
    out
}

/// Applies `redact` to every string of `report` (messages, target, configuration): the last
/// guard that no secret value echoed by the target or the configuration reaches a report.
pub fn redact_report(report: &mut Report, redact: impl Fn(&str) -> String) {
    fn walk(v: &mut serde_json::Value, redact: &dyn Fn(&str) -> String) {
        match v {
            serde_json::Value::String(s) => {
                let r = redact(s);
                if r != *s {
                    *s = r;
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| walk(i, redact)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|i| walk(i, redact)),
            _ => {}
        }
    }
    walk(&mut report.configuration, &redact);
    report.target.base_url = redact(&report.target.base_url);
    if let Some(name) = &mut report.target.platform_name {
        *name = redact(name);
    }
    if let Some(tags) = &mut report.tag_filter {
        *tags = redact(tags);
    }
    for r in &mut report.requirements {
        r.message = redact(&r.message);
        if let Some(t) = &mut r.text {
            t.map_text(&redact);
        }
        for l in &mut r.limitations {
            *l = redact(l);
        }
        for t in &mut r.limitation_texts {
            t.map_text(&redact);
        }
        for s in &mut r.scenarios {
            s.message = redact(&s.message);
            if let Some(t) = &mut s.text {
                t.map_text(&redact);
            }
            s.name = redact(&s.name);
        }
    }
}
