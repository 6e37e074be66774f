//! Waivers: a standards body's written acceptance of a deviation from one requirement, given to
//! `certify --waivers FILE`. A waived requirement keeps its real outcome; the verdict of a profile
//! that relies on a waiver is at best `conformant_with_waivers` ([`crate::Report::verdict_for`]),
//! never plain `conformant`. The waivers are written into `report.json`, hence signed with it.
//!
//! The file is TOML, one `[[waiver]]` table per requirement:
//!
//! ```toml
//! [[waiver]]
//! requirement = "AI-01"
//! reason = "The warning page is required by a court order until the appeal is decided"
//! link = "https://registry.example/waivers/2026-17"
//! granted_by = "OPIS certification board"
//! expires = 2027-03-31
//! ```

use serde::{Deserialize, Serialize};

/// One waiver as written in the file and in `report.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiver {
    /// Registry ID of the waived requirement.
    pub requirement: String,
    /// Why the deviation is accepted.
    pub reason: String,
    /// Where the decision is published (an `http` or `https` URL).
    pub link: String,
    /// Who granted it.
    pub granted_by: String,
    /// Last day (UTC, `YYYY-MM-DD`) on which the waiver holds.
    pub expires: String,
}

/// A waiver file that cannot be used: a usage error, refused before any request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WaiverError {
    /// The file is not TOML of the expected shape.
    #[error("{file}: not a waiver file: {reason}")]
    Malformed {
        /// The file.
        file: String,
        /// What the TOML parser or the shape check said.
        reason: String,
    },
    /// A waiver names a requirement the registry does not define.
    #[error("{file}: waiver {index} names {id}, which is not a requirement of the registry")]
    UnknownRequirement {
        /// The file.
        file: String,
        /// 1-based position of the waiver in the file.
        index: usize,
        /// The ID given.
        id: String,
    },
    /// Two waivers name the same requirement.
    #[error("{file}: {id} is waived twice")]
    Duplicate {
        /// The file.
        file: String,
        /// The ID.
        id: String,
    },
    /// A field is empty or not of its form.
    #[error("{file}: waiver {index} ({id}): {reason}")]
    Invalid {
        /// The file.
        file: String,
        /// 1-based position of the waiver in the file.
        index: usize,
        /// The ID it names.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// A waiver expired before the run.
    #[error("{file}: the waiver of {id} expired on {expires} (today is {today})")]
    Expired {
        /// The file.
        file: String,
        /// The ID.
        id: String,
        /// Its last valid day.
        expires: String,
        /// The day of the run.
        today: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    waiver: Vec<RawWaiver>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiver {
    requirement: String,
    reason: String,
    link: String,
    granted_by: String,
    expires: toml::value::Datetime,
}

/// Reads the waiver file `file` (its text): every waiver names a requirement `known` accepts,
/// once, with a reason, an `http(s)` link, who granted it and an expiry date (a TOML date) not
/// before `today`. A file without waivers is malformed (an empty `--waivers` is a mistake).
pub fn parse_waivers(file: &str, text: &str, known: impl Fn(&str) -> bool, today: time::Date) -> Result<Vec<Waiver>, WaiverError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| WaiverError::Malformed { file: file.to_string(), reason: e.message().to_string() })?;
    if raw.waiver.is_empty() {
        return Err(WaiverError::Malformed { file: file.to_string(), reason: "no [[waiver]] table".to_string() });
    }
    let mut out: Vec<Waiver> = Vec::new();
    for (i, w) in raw.waiver.into_iter().enumerate() {
        let index = i + 1;
        let id = w.requirement.clone();
        let invalid = |reason: &str| WaiverError::Invalid { file: file.to_string(), index, id: id.clone(), reason: reason.to_string() };
        if !known(&w.requirement) {
            return Err(WaiverError::UnknownRequirement { file: file.to_string(), index, id: w.requirement });
        }
        if out.iter().any(|o| o.requirement == w.requirement) {
            return Err(WaiverError::Duplicate { file: file.to_string(), id: w.requirement });
        }
        for (name, value) in [("reason", &w.reason), ("granted_by", &w.granted_by), ("link", &w.link)] {
            if value.trim().is_empty() {
                return Err(invalid(&format!("{name} is empty")));
            }
        }
        if !(w.link.starts_with("https://") || w.link.starts_with("http://")) || w.link.chars().any(char::is_whitespace) {
            return Err(invalid("link is not an http or https URL"));
        }
        let date = match (w.expires.date, w.expires.time, w.expires.offset) {
            (Some(d), None, None) => time::Date::from_calendar_date(d.year.into(), time::Month::try_from(d.month).map_err(|_| invalid("expires is not a date"))?, d.day)
                .map_err(|_| invalid("expires is not a date"))?,
            _ => return Err(invalid("expires must be a TOML date such as 2027-03-31 (no time of day)")),
        };
        let expires = format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day());
        if date < today {
            let today = format!("{:04}-{:02}-{:02}", today.year(), u8::from(today.month()), today.day());
            return Err(WaiverError::Expired { file: file.to_string(), id: w.requirement, expires, today });
        }
        out.push(Waiver { requirement: w.requirement, reason: w.reason, link: w.link, granted_by: w.granted_by, expires });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> time::Date {
        time::Date::from_calendar_date(2026, time::Month::November, 29).unwrap()
    }

    fn parse(text: &str) -> Result<Vec<Waiver>, WaiverError> {
        parse_waivers("w.toml", text, |id| ["AI-01", "AI-02"].contains(&id), today())
    }

    const ONE: &str = "[[waiver]]\nrequirement = \"AI-01\"\nreason = \"court order\"\nlink = \"https://x.example/w/1\"\ngranted_by = \"board\"\nexpires = 2026-11-29\n";

    #[test]
    fn a_waiver_holds_through_its_last_day() {
        let w = parse(ONE).unwrap();
        assert_eq!(w, vec![Waiver { requirement: "AI-01".into(), reason: "court order".into(), link: "https://x.example/w/1".into(), granted_by: "board".into(), expires: "2026-11-29".into() }]);
    }

    #[test]
    fn expired_unknown_duplicate_and_malformed_waivers_are_refused() {
        assert!(matches!(parse(&ONE.replace("2026-11-29", "2026-11-28")), Err(WaiverError::Expired { .. })));
        assert!(matches!(parse(&ONE.replace("AI-01", "AI-99")), Err(WaiverError::UnknownRequirement { .. })));
        assert!(matches!(parse(&format!("{ONE}{ONE}")), Err(WaiverError::Duplicate { .. })));
        assert!(matches!(parse(&ONE.replace("\"board\"", "\" \"")), Err(WaiverError::Invalid { .. })));
        assert!(matches!(parse(&ONE.replace("https://x.example/w/1", "javascript:alert(1)")), Err(WaiverError::Invalid { .. })));
        assert!(matches!(parse(&ONE.replace("2026-11-29", "2026-11-29T10:00:00Z")), Err(WaiverError::Invalid { .. })));
        assert!(matches!(parse(&ONE.replace("2026-11-29", "\"2026-11-29\"")), Err(WaiverError::Malformed { .. })));
        assert!(matches!(parse(&format!("{ONE}extra = 1\n")), Err(WaiverError::Malformed { .. })));
        assert!(matches!(parse(""), Err(WaiverError::Malformed { .. })));
        assert!(matches!(parse("[[waiver]\n"), Err(WaiverError::Malformed { .. })));
    }
}
