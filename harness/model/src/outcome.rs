use hutong_i18n::Message;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The outcome of a requirement or of a scenario.
///
/// Outcomes only rise when combined: `NotApplicable < Pass < Error < Fail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Not applicable: the profile is not claimed, an optional capability is not declared, or the
    /// requirement cannot be tested black-box.
    NotApplicable,
    /// The platform met the requirement.
    Pass,
    /// The harness could not decide (transport failure, timeout, unbounded or unparseable answer).
    Error,
    /// The platform broke the requirement.
    Fail,
}

impl Outcome {
    /// The outcome's name as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NotApplicable => "not_applicable",
            Outcome::Pass => "pass",
            Outcome::Error => "error",
            Outcome::Fail => "fail",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of finding stopped a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The platform broke a requirement.
    Fail,
    /// The harness could not decide.
    Error,
    /// The scenario does not apply to this platform.
    NotApplicable,
}

/// Why a scenario did not pass: raised by a step (as a panic payload) and read by the runner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Fail, error or not applicable.
    pub kind: FindingKind,
    /// What was expected and what was seen, in English (`text` rendered).
    pub message: String,
    /// The same as a message ID and parameters, which the reports render in either language.
    pub text: Message,
    /// The requirements this finding is about, when narrower than the scenario's tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// Indexes of the recorded exchanges that show the problem, when the step knows them
    /// (otherwise the report points at the scenario's last exchange).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<usize>,
    /// Whether the step that raised this finding, narrowed to `requirements`, judged every other
    /// requirement of its scenario too and found it met (e.g. two requirements read from one
    /// burst of requests): those pass instead of being left undecided.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub others_judged: bool,
    /// For an `error`: the requirements that judge the precondition this step could not get past
    /// (e.g. OE-02 for a client registration the platform refused). When one of them fails in
    /// the same run, the report says this requirement is blocked by it (OPIS §10.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
}

impl Finding {
    fn new(kind: FindingKind, text: Message) -> Self {
        Finding { kind, message: text.en(), text, requirements: Vec::new(), exchanges: Vec::new(), others_judged: false, needs: Vec::new() }
    }

    /// The platform broke the requirement.
    pub fn fail(message: impl Into<Message>) -> Self {
        Finding::new(FindingKind::Fail, message.into())
    }

    /// The harness could not decide.
    pub fn error(message: impl Into<Message>) -> Self {
        Finding::new(FindingKind::Error, message.into())
    }

    /// The scenario does not apply.
    pub fn not_applicable(message: impl Into<Message>) -> Self {
        Finding::new(FindingKind::NotApplicable, message.into())
    }

    /// Narrows the finding to one requirement of a scenario that verifies several.
    pub fn about(mut self, requirement: impl Into<String>) -> Self {
        self.requirements.push(requirement.into());
        self
    }

    /// Names a requirement that judges a precondition of this finding (see [`Finding::needs`]).
    pub fn needs(mut self, requirement: impl Into<String>) -> Self {
        let requirement = requirement.into();
        if !self.needs.contains(&requirement) {
            self.needs.push(requirement);
        }
        self
    }

    /// This finding as an `error` of a step that could not get past it, prefixed with `context`:
    /// the preconditions it names are kept, its exchanges (another scenario's, when the finding
    /// was shared) and narrowing are not.
    pub fn into_error(self, context: impl Into<Message>) -> Self {
        Finding { needs: self.needs, ..Finding::error(self.text.in_context(context)) }
    }

    /// Says that the step judged every other requirement of the scenario and found it met (see
    /// [`Finding::others_judged`]); meaningful with a finding narrowed by [`Finding::about`].
    pub fn others_judged(mut self) -> Self {
        self.others_judged = true;
        self
    }

    /// Points the report at the exchanges that show the problem (indexes in the scenario's
    /// evidence), kept in order without repeats.
    pub fn with_exchanges(mut self, exchanges: impl IntoIterator<Item = usize>) -> Self {
        self.exchanges.extend(exchanges);
        self.exchanges.sort_unstable();
        self.exchanges.dedup();
        self
    }

    /// Prefixes the message with context.
    pub fn context(mut self, context: impl Into<Message>) -> Self {
        self.text = self.text.in_context(context);
        self.message = self.text.en();
        self
    }

    /// The outcome this finding gives.
    pub fn outcome(&self) -> Outcome {
        match self.kind {
            FindingKind::Fail => Outcome::Fail,
            FindingKind::Error => Outcome::Error,
            FindingKind::NotApplicable => Outcome::NotApplicable,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.outcome(), self.message)
    }
}

/// The verdict on one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileVerdict {
    /// Claimed, and every MUST passed (or is not applicable for a stated reason).
    Conformant,
    /// Claimed, every MUST passed (or is not applicable for a stated reason) except waived ones:
    /// conformant only with the waivers the report lists (never plain conformant).
    ConformantWithWaivers,
    /// Claimed, and some MUST failed.
    NotConformant,
    /// Claimed, no MUST failed, but some MUST errored: the harness could not decide.
    Inconclusive,
    /// Selected but not claimed in the discovery document.
    NotClaimed,
    /// A run narrower than the profile (a tag filter): no selected MUST failed or errored, but
    /// not every requirement ran, so the run supports no claim of conformance (OPIS §11.1).
    Partial,
}

impl ProfileVerdict {
    /// The verdict's name as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileVerdict::Conformant => "conformant",
            ProfileVerdict::ConformantWithWaivers => "conformant_with_waivers",
            ProfileVerdict::NotConformant => "not_conformant",
            ProfileVerdict::Inconclusive => "inconclusive",
            ProfileVerdict::NotClaimed => "not_claimed",
            ProfileVerdict::Partial => "partial",
        }
    }

    /// How far the verdict is from plain conformance, for the overall verdict of a run (the worst
    /// of its profiles'): conformant < conformant with waivers < partial < inconclusive <
    /// not claimed < not conformant.
    pub fn severity(self) -> u8 {
        match self {
            ProfileVerdict::Conformant => 0,
            ProfileVerdict::ConformantWithWaivers => 1,
            ProfileVerdict::Partial => 2,
            ProfileVerdict::Inconclusive => 3,
            ProfileVerdict::NotClaimed => 4,
            ProfileVerdict::NotConformant => 5,
        }
    }
}

/// Why a requirement is `not_applicable`: the only reasons OPIS §10.1 admits. A requirement
/// that did not apply for any other reason is undecided, hence `error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotApplicableReason {
    /// The requirement's profile is not claimed by the platform.
    ProfileNotClaimed,
    /// The requirement is conditional (registry `conditional_on`) on an optional capability the
    /// platform does not declare.
    CapabilityNotDeclared {
        /// The capability, a member of the discovery document's `capabilities`.
        capability: String,
    },
    /// The registry gives a `not_tested_reason`: it cannot be checked black-box.
    NotTested,
}

impl fmt::Display for ProfileVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_only_rise() {
        let combined = [Outcome::Pass, Outcome::NotApplicable, Outcome::Error].into_iter().max();
        assert_eq!(combined, Some(Outcome::Error));
        assert!(Outcome::Fail > Outcome::Error);
        assert!(Outcome::Pass > Outcome::NotApplicable);
    }
}
