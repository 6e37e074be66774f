//! JUnit XML: a test suite per profile, a test case per requirement. Built from the report, not
//! from cucumber's writer, so a retried scenario is one test case with its final outcome (retries
//! are not counted as failures).

use hutong_model::{Outcome, Report};
use crate::escape;
use std::fmt::Write as _;

/// The report as JUnit XML. `fail` is a `<failure>`, `error` an `<error>`, `not_applicable` a
/// `<skipped>` with its reason. A waived requirement keeps its outcome; its test case carries
/// `waived="true"` and its message begins with the waiver, and the suite lists the waivers as
/// `waiver` properties.
pub fn junit_xml(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let t = report.totals;
    let _ = writeln!(
        out,
        "<testsuites name=\"hutong certify\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
        t.requirements, t.fail, t.error, t.not_applicable
    );
    for profile in &report.profiles {
        let reqs: Vec<_> = report.requirements.iter().filter(|r| r.profile == profile.profile).collect();
        let pt = profile.totals;
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            profile.profile, pt.requirements, pt.fail, pt.error, pt.not_applicable
        );
        let _ = write!(out, "    <properties><property name=\"verdict\" value=\"{}\"/>", profile.verdict);
        for limitation in &profile.limitations {
            let _ = write!(out, "<property name=\"limitation\" value=\"{}\"/>", crate::escape::xml(limitation));
        }
        for w in report.waivers.iter().filter(|w| report.requirement(&w.requirement).is_some_and(|r| r.profile == profile.profile)) {
            let _ = write!(
                out,
                "<property name=\"waiver\" value=\"{}\"/>",
                crate::escape::xml(&format!("{}: granted by {} until {}: {} ({})", w.requirement, w.granted_by, w.expires, w.reason, w.link))
            );
        }
        if let Some(reference) = &report.target.builtin_reference {
            let _ = write!(out, "<property name=\"builtin_reference\" value=\"{}\"/>", crate::escape::xml(reference));
        }
        let _ = writeln!(out, "</properties>");
        for r in reqs {
            let seconds = r.scenarios.iter().map(|s| s.duration_ms).sum::<u64>() as f64 / 1000.0;
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{} [{}] {}\" time=\"{seconds:.3}\"",
                profile.profile,
                r.id,
                r.level,
                escape::xml(&r.title_en)
            );
            let waived = report.waiver_for(&r.id).map(|w| format!("waived (granted by {} until {}): ", w.granted_by, w.expires)).unwrap_or_default();
            if !waived.is_empty() {
                out.push_str(" waived=\"true\"");
            }
            let message = escape::xml(&format!("{waived}{}", r.message));
            let evidence = if r.evidence.is_empty() {
                String::new()
            } else {
                format!("\n      <system-out>evidence: {}</system-out>", escape::xml(&r.evidence.join(" ")))
            };
            match r.outcome {
                Outcome::Pass if !waived.is_empty() => {
                    let _ = writeln!(out, ">\n      <system-out>{message}</system-out>\n    </testcase>");
                }
                Outcome::Pass => out.push_str("/>\n"),
                Outcome::Fail => {
                    let _ = writeln!(out, ">\n      <failure message=\"{message}\" type=\"fail\">{message}</failure>{evidence}\n    </testcase>");
                }
                Outcome::Error => {
                    let _ = writeln!(out, ">\n      <error message=\"{message}\" type=\"error\">{message}</error>{evidence}\n    </testcase>");
                }
                Outcome::NotApplicable => {
                    let _ = writeln!(out, ">\n      <skipped message=\"{message}\"/>\n    </testcase>");
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
