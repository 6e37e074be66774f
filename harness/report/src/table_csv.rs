//! `report.csv`: the requirements table for spreadsheets, RFC 4180 (written by the `csv` crate:
//! a header row, fields quoted when they hold a comma, a quote or a line break, CRLF line ends).
//!
//! Columns: `id, profile, title, level, outcome, waived, message, limitations, evidence`. The
//! title is in the report's language; `outcome` is the real outcome (a waived requirement keeps
//! it) and `waived` holds the waiver (who granted it, until when, why, where) or is empty.
//! Several limitations or evidence references are joined with ` | `.
//!
//! Text from the target cannot become a formula: a field that begins with `=`, `+`, `-`, `@`, a
//! tab or a carriage return is prefixed with `'` (OWASP, "CSV Injection"), which spreadsheets
//! show as text.

use crate::lang::Lang;
use hutong_model::Report;

/// The CSV header.
pub const CSV_COLUMNS: [&str; 9] = ["id", "profile", "title", "level", "outcome", "waived", "message", "limitations", "evidence"];

fn cell(text: &str) -> String {
    let text: String = text.chars().map(|c| if c.is_control() && !matches!(c, '\n' | '\r' | '\t') { '\u{FFFD}' } else { c }).collect();
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

/// The requirements of `report` as CSV, titles in `lang`.
pub fn requirements_csv(report: &Report, lang: Lang) -> String {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).quote_style(::csv::QuoteStyle::Necessary).from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every record has the header's length.
    let _ = writer.write_record(CSV_COLUMNS);
    for r in &report.requirements {
        let waived = report
            .waiver_for(&r.id)
            .map(|w| format!("{} {} {} {}: {} ({})", lang.pick("granted by", "批准方"), w.granted_by, lang.pick("until", "有效至"), w.expires, w.reason, w.link))
            .unwrap_or_default();
        let record = [
            r.id.clone(),
            r.profile.to_string(),
            lang.pick(&r.title_en, &r.title_zh).to_string(),
            r.level.to_string(),
            r.outcome.as_str().to_string(),
            waived,
            lang.message(&r.message, r.text.as_ref()),
            r.limitations.join(" | "),
            r.evidence.join(" | "),
        ];
        let _ = writer.write_record(record.iter().map(|f| cell(f)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_become_text() {
        assert_eq!(super::cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(super::cell("-1+1"), "'-1+1");
        assert_eq!(super::cell("expected 200, saw 500"), "expected 200, saw 500");
    }
}
