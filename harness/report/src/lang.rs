//! The languages of the human-readable formats and their labels.

use hutong_model::{Outcome, ProfileVerdict};

/// Language of `summary.md` and `report.html`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language with code `code` (`en` or `zh`).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The language's code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub(crate) fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language of the templates (`hutong_i18n`).
    pub fn locale(self) -> hutong_model::Locale {
        match self {
            Lang::En => hutong_model::Locale::En,
            Lang::Zh => hutong_model::Locale::Zh,
        }
    }

    /// A result's message in this language: its `text` rendered, or the English `message` of a
    /// report written before messages had IDs.
    pub(crate) fn message(self, message: &str, text: Option<&hutong_model::Message>) -> String {
        match text {
            Some(t) => t.render(self.locale()),
            None => message.to_string(),
        }
    }

    /// The limitations of every profile's verdict (`ID: comparison not made`), each rendered in
    /// this language from its requirement's `limitation_texts` when the report has them.
    pub(crate) fn limitations(self, report: &hutong_model::Report) -> Vec<String> {
        let rendered: std::collections::BTreeMap<String, String> = report
            .requirements
            .iter()
            .flat_map(|r| {
                r.limitations.iter().zip(&r.limitation_texts).map(move |(en, t)| {
                    (hutong_model::ProfileResult::limitation_line(&r.id, en), hutong_model::ProfileResult::limitation_line(&r.id, &t.render(self.locale())))
                })
            })
            .collect();
        let all: std::collections::BTreeSet<&String> = report.profiles.iter().flat_map(|p| p.limitations.iter()).collect();
        all.into_iter().map(|l| rendered.get(l).cloned().unwrap_or_else(|| l.clone())).collect()
    }

    /// The line describing the built-in reference platform a run certified, in this language:
    /// rebuilt from the run's configuration (`reference_shape`, `reference_faults`) when it has
    /// them, else `target.builtin_reference` as written.
    pub(crate) fn builtin_reference(self, report: &hutong_model::Report) -> Option<String> {
        let written = report.target.builtin_reference.as_ref()?;
        let config = &report.configuration;
        let (Some(shape), Some(faults)) = (config["reference_shape"].as_str(), config["reference_faults"].as_array()) else {
            return Some(written.clone());
        };
        let faults: Vec<&str> = faults.iter().filter_map(|f| f.as_str()).collect();
        let text = if faults.is_empty() {
            hutong_model::msg!("builtin-reference", shape = shape)
        } else {
            hutong_model::msg!("builtin-reference-with-faults", shape = shape, faults = faults.join(", "))
        };
        Some(text.render(self.locale()))
    }

    /// Picks the English or the Chinese text.
    pub(crate) fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// An outcome's label.
    pub(crate) fn outcome(self, o: Outcome) -> &'static str {
        match (self, o) {
            (Lang::En, Outcome::Pass) => "pass",
            (Lang::En, Outcome::Fail) => "fail",
            (Lang::En, Outcome::Error) => "error",
            (Lang::En, Outcome::NotApplicable) => "not applicable",
            (Lang::Zh, Outcome::Pass) => "通过",
            (Lang::Zh, Outcome::Fail) => "不通过",
            (Lang::Zh, Outcome::Error) => "无法判定",
            (Lang::Zh, Outcome::NotApplicable) => "不适用",
        }
    }

    /// The mark of a waived requirement.
    pub(crate) fn waived(self) -> &'static str {
        self.pick("waived", "已豁免")
    }

    /// The totals as one line: `Requirements: N · pass N · fail N · error N · n/a N`.
    /// The line that says how a run used its target's run history (OPIS §12): which requirements
    /// compared with earlier runs, and which runs those were. Text only; callers escape it.
    pub(crate) fn history_line(self, h: &hutong_model::HistoryUse) -> String {
        let runs = if h.runs.is_empty() { self.pick("none yet (the first run of this target)", "尚无（该目标的首次运行）").to_string() } else { h.runs.join(", ") };
        let used = if h.requirements.is_empty() { self.pick("none", "无").to_string() } else { h.requirements.join(", ") };
        format!(
            "{}: {} {} · {} {}",
            self.pick("Run history", "运行历史"),
            self.pick("requirements judged against earlier runs:", "依据以往运行判定的要求："),
            used,
            self.pick("earlier runs of this target:", "该目标的以往运行："),
            runs
        )
    }

    pub(crate) fn totals_line(self, t: &hutong_model::Totals) -> String {
        format!(
            "{}: {} · {} {} · {} {} · {} {} · {} {}",
            self.pick("Requirements", "要求"),
            t.requirements,
            self.outcome(Outcome::Pass),
            t.pass,
            self.outcome(Outcome::Fail),
            t.fail,
            self.outcome(Outcome::Error),
            t.error,
            self.outcome(Outcome::NotApplicable),
            t.not_applicable
        )
    }

    /// The verdict of `p` as people read it: with ", limited" when comparisons could not be made.
    pub(crate) fn verdict_of(self, p: &hutong_model::ProfileResult) -> String {
        if p.limitations.is_empty() {
            self.verdict(p.verdict).to_string()
        } else {
            format!("{}{}", self.verdict(p.verdict), self.pick(", limited", "（有限）"))
        }
    }

    /// A verdict's label.
    pub(crate) fn verdict(self, v: ProfileVerdict) -> &'static str {
        match (self, v) {
            (Lang::En, ProfileVerdict::Conformant) => "conformant",
            (Lang::En, ProfileVerdict::ConformantWithWaivers) => "conformant with waivers",
            (Lang::En, ProfileVerdict::NotConformant) => "not conformant",
            (Lang::En, ProfileVerdict::Inconclusive) => "inconclusive",
            (Lang::En, ProfileVerdict::NotClaimed) => "not claimed",
            (Lang::En, ProfileVerdict::Partial) => "partial run, supports no claim",
            (Lang::Zh, ProfileVerdict::Conformant) => "符合",
            (Lang::Zh, ProfileVerdict::ConformantWithWaivers) => "符合（含豁免）",
            (Lang::Zh, ProfileVerdict::NotConformant) => "不符合",
            (Lang::Zh, ProfileVerdict::Inconclusive) => "无法判定",
            (Lang::Zh, ProfileVerdict::NotClaimed) => "未声明",
            (Lang::Zh, ProfileVerdict::Partial) => "部分运行，不支持符合性声明",
        }
    }
}
