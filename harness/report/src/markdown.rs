//! A Markdown summary for a CI job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request comment:
//! verdicts, the requirements that did not pass, and every requirement in a collapsed table.

use crate::escape::markdown as md;
use crate::lang::Lang;
use crate::policy;
use hutong_model::{Outcome, Report};
use std::fmt::Write as _;

/// Characters of a message shown in a table cell.
const MESSAGE_CHARS: usize = 400;

fn icon(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✅",
        Outcome::Fail => "❌",
        Outcome::Error => "⚠️",
        Outcome::NotApplicable => "➖",
    }
}

fn clauses(policy: &[String]) -> String {
    policy.iter().map(|p| policy::clause(p).map(|c| c.label).unwrap_or_else(|| md(p, 40))).collect::<Vec<_>>().join("")
}

/// The report as a Markdown summary in `lang`.
pub fn markdown_summary(report: &Report, lang: Lang) -> String {
    let l = |en, zh| lang.pick(en, zh);
    let mut out = String::new();
    let platform = report.target.platform_name.as_deref().unwrap_or(l("unknown platform", "未知平台"));
    let _ = writeln!(out, "## {} — {}\n", l("hutong certification", "hutong 互通认证"), md(platform, 200));
    let _ = writeln!(
        out,
        "{}: {} · OPIS {} · {}: `{}` · hutong {}\n",
        l("Target", "目标"),
        md(&report.target.base_url, 300),
        report.suite.opis_version,
        l("suite hash", "套件哈希"),
        report.suite.suite_hash.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ':').collect::<String>(),
        report.suite.harness_version
    );
    let _ = writeln!(out, "{}: **{}**\n", l("Overall verdict", "总体结论"), lang.verdict(report.overall_verdict()));
    if let Some(reference) = lang.builtin_reference(report) {
        let _ = writeln!(out, "> {}: {}\n", l("Built-in reference platform", "内置参考平台"), md(&reference, 300));
    }
    if let Some(tags) = &report.tag_filter {
        let _ = writeln!(
            out,
            "> {}: {}\n",
            l("Partial run (supports no claim of conformance), scenarios filtered by", "部分运行（不支持符合性声明），场景筛选条件"),
            md(tags, 200)
        );
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|",
        l("Profile", "配置"),
        l("Verdict", "结论"),
        lang.outcome(Outcome::Pass),
        lang.outcome(Outcome::Fail),
        lang.outcome(Outcome::Error),
        lang.outcome(Outcome::NotApplicable)
    );
    for p in &report.profiles {
        let t = p.totals;
        let _ = writeln!(
            out,
            "| {} | **{}** | {} | {} | {} | {} |",
            p.profile,
            lang.verdict_of(p),
            t.pass,
            t.fail,
            t.error,
            t.not_applicable
        );
    }
    let t = report.totals;
    let _ = writeln!(out, "\n{}\n", lang.totals_line(&t));
    if let Some(h) = &report.history {
        let _ = writeln!(out, "{}\n", md(&lang.history_line(h), 2000));
    }
    let limits = lang.limitations(report);
    if !limits.is_empty() {
        let _ = writeln!(out, "**{}**\n", l("Limited: comparisons that could not be made", "有限：未能进行的比较"));
        for item in limits {
            let _ = writeln!(out, "- {}", md(&item, 400));
        }
        out.push('\n');
    }
    if !report.waivers.is_empty() {
        let _ = writeln!(
            out,
            "**{}** — {}\n",
            l("Waivers", "豁免"),
            l("a waived requirement keeps its real outcome; a verdict that relies on one is “conformant with waivers”", "被豁免的要求保留其实际结果；依赖豁免的结论为“符合（含豁免）”")
        );
        for w in &report.waivers {
            let _ = writeln!(
                out,
                "- {} — {} ({} {}, {} {}, {})",
                md(&w.requirement, 20),
                md(&w.reason, 400),
                l("granted by", "批准方"),
                md(&w.granted_by, 200),
                l("expires", "到期"),
                md(&w.expires, 20),
                md(&w.link, 300)
            );
        }
        out.push('\n');
    }
    let title = |r: &hutong_model::RequirementResult| md(lang.pick(&r.title_en, &r.title_zh), 200);
    let waived = |r: &hutong_model::RequirementResult| if report.waiver_for(&r.id).is_some() { format!(" ({})", lang.waived()) } else { String::new() };
    let not_passed: Vec<_> = report.requirements.iter().filter(|r| matches!(r.outcome, Outcome::Fail | Outcome::Error)).collect();
    if not_passed.is_empty() {
        let _ = writeln!(out, "{}\n", l("Every requirement that ran passed or does not apply.", "所有已运行的要求均通过或不适用。"));
    } else {
        let _ = writeln!(out, "### {}\n", l("Not passed", "未通过"));
        let _ = writeln!(
            out,
            "| ID | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
            l("Level", "级别"),
            l("Outcome", "结果"),
            l("Title", "标题"),
            l("Expected and seen", "预期与实际"),
            l("Evidence", "证据")
        );
        for r in not_passed {
            let evidence = r.evidence.iter().map(|e| md(e, 200)).collect::<Vec<_>>().join("<br>");
            let _ = writeln!(
                out,
                "| {} | {} | {} {}{} | {} | {} | {} |",
                r.id,
                r.level,
                icon(r.outcome),
                lang.outcome(r.outcome),
                waived(r),
                title(r),
                md(&lang.message(&r.message, r.text.as_ref()), MESSAGE_CHARS),
                evidence
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "<details><summary>{} ({})</summary>\n", l("All requirements", "全部要求"), report.requirements.len());
    let _ = writeln!(out, "| ID | {} | {} | {} | {} |\n|---|---|---|---|---|", l("Profile", "配置"), l("Level", "级别"), l("Outcome", "结果"), l("Title", "标题") );
    for r in &report.requirements {
        let _ = writeln!(out, "| {} | {} | {} | {} {}{} | {} {} |", r.id, r.profile, r.level, icon(r.outcome), lang.outcome(r.outcome), waived(r), title(r), clauses(&r.policy));
    }
    let _ = writeln!(out, "\n</details>");
    out
}
