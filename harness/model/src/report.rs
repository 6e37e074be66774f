use crate::{Outcome, ProfileVerdict};
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
    /// Tag expression that filtered scenarios, if any; a filtered run is partial.
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
    /// What was expected and what was seen (for pass: what was checked).
    pub message: String,
    /// The scenarios that verified it.
    pub scenarios: Vec<ScenarioResult>,
    /// The evidence that decided it: `evidence/<file>.json` (every exchange of a passing
    /// scenario) or `evidence/<file>.json#/N` (RFC 6901 pointer to the exchange a failing or
    /// erroring scenario stopped at).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
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
    /// Finding message, or what passed.
    pub message: String,
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
    /// The verdict on `profile` given the results of this report and whether it is claimed.
    pub fn verdict_for(results: &[RequirementResult], profile: Profile, claimed: bool) -> ProfileVerdict {
        if !claimed && profile != Profile::Core {
            return ProfileVerdict::NotClaimed;
        }
        let musts = results.iter().filter(|r| {
            (r.profile == profile || r.profile == Profile::Core) && r.level == Level::Must
        });
        let worst = musts.map(|r| r.outcome).max().unwrap_or(Outcome::Pass);
        match worst {
            Outcome::Fail => ProfileVerdict::NotConformant,
            Outcome::Error => ProfileVerdict::Inconclusive,
            Outcome::Pass | Outcome::NotApplicable => ProfileVerdict::Conformant,
        }
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
                ProfileVerdict::Conformant => {}
            }
        }
        code
    }

    /// The result of requirement `id`.
    pub fn requirement(&self, id: &str) -> Option<&RequirementResult> {
        self.requirements.iter().find(|r| r.id == id)
    }
}
