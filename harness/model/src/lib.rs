//! The harness's vocabulary: outcomes, findings, verdicts, the canonical report and exit codes.
//!
//! This crate does no I/O. Everything a run produces is expressed in these types, and every
//! report format is derived from [`Report`].
#![forbid(unsafe_code)]

pub mod exit_codes;
mod history;
mod outcome;
mod report;
mod waiver;

pub use history::{DisclosureSeen, HistoryRun, HistoryUse, Observations, RunHistory, HISTORY_FORMAT, HISTORY_RUNS};
pub use outcome::{Finding, FindingKind, NotApplicableReason, Outcome, ProfileVerdict};
pub use report::{
    decisive_evidence, mark_blocked, redact_report, EvidenceRef, ProfileResult, Report, RequirementResult,
    ScenarioResult, SuiteInfo, TargetInfo, Totals, REPORT_FORMAT_VERSION,
};
pub use waiver::{parse_waivers, Waiver, WaiverError};
pub use hutong_i18n::{comma_listed, joined, msg, Arg, Locale, Message};

/// Text echoed from the target made safe for a terminal or a one-line message: control
/// characters (ANSI escapes included) and bidirectional overrides (which reorder what a reader
/// sees) are replaced and the length is capped.
pub fn sanitize_line(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i >= max_chars {
            out.push('…');
            break;
        }
        let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        out.push(if c.is_control() || bidi { '\u{FFFD}' } else { c });
    }
    out
}
