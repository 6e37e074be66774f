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

/// Progress of a bucket copy and its verification, on stderr: a bar on a terminal, otherwise a
/// line every 1,000 objects and at the end of each stage.
pub struct BucketProgress {
    bar: Option<indicatif::ProgressBar>,
    /// Objects done when a line was last printed (without a terminal), so that per-part
    /// updates print no duplicate lines.
    last_line: std::sync::Mutex<(&'static str, usize)>,
}

impl BucketProgress {
    /// Progress for the current stderr.
    pub fn new() -> BucketProgress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        BucketProgress { bar, last_line: std::sync::Mutex::new(("", usize::MAX)) }
    }

    /// Shows how far the copy or verification has got (objects, and bytes: a large object
    /// advances part by part).
    pub fn update(&self, p: hutong_runner::migrate::Progress) {
        match &self.bar {
            Some(bar) => {
                bar.set_length(p.total_bytes);
                bar.set_position(p.bytes);
                bar.set_message(format!("{} {}/{} objects", p.stage, p.done, p.total));
            }
            None if p.done == p.total || (p.done % 1000 == 0 && p.done > 0) => {
                let mut last = self.last_line.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if *last != (p.stage, p.done) {
                    *last = (p.stage, p.done);
                    eprintln!("{} {}/{} objects ({} bytes)", p.stage, p.done, p.total, p.bytes);
                }
            }
            None => {}
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The verdict per profile.
pub fn print_verdicts(report: &Report) {
    for p in &report.profiles {
        let t = p.totals;
        say!(
            "{:<22} {:<16} pass {:>3}  fail {:>3}  error {:>3}  n/a {:>3}{}",
            p.profile.name(),
            p.verdict.as_str(),
            t.pass,
            t.fail,
            t.error,
            t.not_applicable,
            if p.limitations.is_empty() { "" } else { "  (limited)" }
        );
    }
    let limits: std::collections::BTreeSet<&String> = report.profiles.iter().flat_map(|p| p.limitations.iter()).collect();
    for l in limits {
        say!("limited: {}", sanitize_line(l, 300));
    }
}

/// What `--quiet` prints: what was certified when it is the built-in reference, whether the run
/// was partial, and the verdicts.
pub fn print_quiet(report: &Report) {
    if let Some(reference) = &report.target.builtin_reference {
        say!("target: {reference}");
    }
    if report.tag_filter.is_some() {
        say!("partial run: supports no claim of conformance");
    }
    print_verdicts(report);
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
    if let Some(reference) = &report.target.builtin_reference {
        say!("target: {reference}");
    }
    if let Some(tags) = &report.tag_filter {
        say!("partial run (tags {}): supports no claim of conformance", sanitize_line(tags, 200));
    }
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
        let mut notes = vec![r.traces.policy.join(", ")];
        if !r.traces.law.is_empty() {
            notes.push(r.traces.law.join("; "));
        }
        if let Some(capability) = &r.conditional_on {
            notes.push(format!("if capabilities.{capability}"));
        }
        notes.push(format!("{n} scenario(s)"));
        say!(
            "{:<7} {:<22} {:<6} {:<12} {} / {}  [{}]",
            r.id,
            r.profile.name(),
            r.level.to_string(),
            format!("{:?}", r.method).to_lowercase(),
            r.title.en,
            r.title.zh,
            notes.join(" · ")
        );
    }
}

/// Prints a `migrate-check` result: JSON, or one line per entity and one per difference (at
/// most `show` per kind and entity).
pub fn print_migration(summary: &serde_json::Value, as_json: bool, show: usize) {
    if as_json {
        println!("{}", serde_json::to_string_pretty(summary).unwrap_or_default());
        return;
    }
    println!(
        "hutong migrate-check {} -> {} (export {}): {} record(s) migrated",
        summary["from"].as_str().unwrap_or_default(),
        summary["to"].as_str().unwrap_or_default(),
        summary["export_id"].as_str().unwrap_or_default(),
        summary["records_migrated"]
    );
    for (entity, diff) in summary["entities"].as_object().into_iter().flatten() {
        let count = |k: &str| diff[k].as_array().map_or(0, Vec::len);
        println!(
            "  {entity:<12} compared {:>7}  missing {:>5}  extra {:>5}  altered {:>5}",
            diff["compared"].as_u64().unwrap_or(0), count("missing"), count("extra"), count("altered")
        );
        print_differences(diff, show, 200, |key, at| format!("{key} (first difference at {at})"));
    }
    println!("verdict: {}", summary["verdict"].as_str().unwrap_or_default());
}

/// Prints a `migrate-check` result between two S3 buckets.
pub fn print_bucket_migration(summary: &serde_json::Value, as_json: bool, show: usize) {
    if as_json {
        println!("{}", serde_json::to_string_pretty(summary).unwrap_or_default());
        return;
    }
    let o = &summary["objects"];
    println!("hutong migrate-check {} -> {}", summary["from"].as_str().unwrap_or_default(), summary["to"].as_str().unwrap_or_default());
    if let Some(c) = summary["copied"].as_object() {
        println!(
            "  copied   {} object(s), {} by multipart, {} bytes in {:.2} s",
            c["objects"], c["multipart"], c["bytes"], summary["copy_seconds"].as_f64().unwrap_or(0.0)
        );
    }
    let count = |k: &str| o[k].as_array().map_or(0, Vec::len);
    println!(
        "  verified {} source / {} destination object(s) in {:.2} s: missing {}, extra {}, altered {}",
        o["source_objects"], o["destination_objects"], summary["verify_seconds"].as_f64().unwrap_or(0.0), count("missing"), count("extra"), count("altered")
    );
    println!("  compared {}", summary["verification"].as_str().unwrap_or_default());
    if let Some(n) = summary["compared_by_size_only"].as_u64().filter(|n| *n > 0) {
        println!("  {n} object(s) without comparable MD5 ETags (multipart, or not listed) were compared by size only");
    }
    print_differences(o, show, 240, |key, why| format!("{key}: {why}"));
    println!("verdict: {}", summary["verdict"].as_str().unwrap_or_default());
}

/// Prints at most `show` of each kind of difference (`missing` and `extra` keys, `altered`
/// pairs of key and detail, the pair written by `altered`), sanitised to `max_chars`.
fn print_differences(diff: &serde_json::Value, show: usize, max_chars: usize, altered: impl Fn(&str, &str) -> String) {
    for kind in ["missing", "extra", "altered"] {
        for item in diff[kind].as_array().into_iter().flatten().take(show) {
            let line = match item {
                serde_json::Value::Array(pair) => altered(pair[0].as_str().unwrap_or("?"), pair[1].as_str().unwrap_or("?")),
                other => other.as_str().unwrap_or("?").to_string(),
            };
            println!("    {kind:<8} {}", hutong_model::sanitize_line(&line, max_chars));
        }
    }
}
