//! Everything printed on the terminal. Text echoed from the target is sanitised first.

use hutong_model::{sanitize_line, Outcome, Report};
use opis_spec::Requirement;
use std::collections::BTreeMap;
use std::io::IsTerminal as _;

/// `println!` that ignores a closed stdout (`hutong certify | head`): the run still writes its
/// report and exits with its verdict instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
pub(crate) use say;

fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn paint(text: &str, code: &str) -> String {
    if colour() { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
}

fn outcome_label(o: Outcome) -> String {
    match o {
        Outcome::Pass => paint("pass", "32"),
        Outcome::Fail => paint("FAIL", "31;1"),
        Outcome::Error => paint("ERROR", "33;1"),
        Outcome::NotApplicable => paint("n/a", "2"),
    }
}

/// A progress bar on stderr.
pub fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} scenarios {pos}/{len} {wide_bar} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The verdict per profile.
pub fn print_verdicts(report: &Report) {
    for p in &report.profiles {
        let t = p.totals;
        say!(
            "{:<22} {:<16} pass {:>3}  fail {:>3}  error {:>3}  n/a {:>3}",
            p.profile.name(),
            p.verdict.as_str(),
            t.pass,
            t.fail,
            t.error,
            t.not_applicable
        );
    }
}

/// The outcome per requirement, then the verdicts.
pub fn print_report(report: &Report) {
    say!(
        "hutong certify {} — {} (OPIS {}, suite {})",
        sanitize_line(&report.target.base_url, 200),
        sanitize_line(report.target.platform_name.as_deref().unwrap_or("unknown platform"), 100),
        report.suite.opis_version,
        &report.suite.suite_hash[..report.suite.suite_hash.len().min(19)]
    );
    say!();
    for r in &report.requirements {
        say!("  {:<7} {:<6} {:<6} {}", r.id, r.level.to_string(), outcome_label(r.outcome), r.title_en);
        if r.outcome != Outcome::Pass {
            say!("                         {}", sanitize_line(&r.message, 400));
        }
    }
    say!();
    print_verdicts(report);
}

/// The registry as a table.
pub fn print_requirements(requirements: &[&Requirement], scenarios: &BTreeMap<String, Vec<String>>) {
    for r in requirements {
        let n = scenarios.get(&r.id).map_or(0, Vec::len);
        say!(
            "{:<7} {:<22} {:<6} {:<12} {} / {}  [{}; {} scenario(s)]",
            r.id,
            r.profile.name(),
            r.level.to_string(),
            format!("{:?}", r.method).to_lowercase(),
            r.title.en,
            r.title.zh,
            r.traces.policy.join(", "),
            n
        );
    }
}
