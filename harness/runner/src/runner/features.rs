//! The embedded features: parsing, selection by profile, and tag expressions.

use gherkin::tagexpr::TagOperation;
use gherkin::{Feature, GherkinEnv};
use hutong_model::{msg, Message};
use opis_spec::Profile;
use std::path::PathBuf;

/// Every embedded feature, parsed, with its repository path.
pub fn all_features() -> Result<Vec<Feature>, String> {
    opis_spec::files_under("features/")
        .filter(|f| f.path.ends_with(".feature"))
        .map(|f| {
            let mut feature = Feature::parse(f.contents, GherkinEnv::default()).map_err(|e| format!("{}: {e}", f.path))?;
            feature.path = Some(PathBuf::from(f.path));
            Ok(feature)
        })
        .collect()
}

/// The profile a feature belongs to: its folder under `features/`.
pub fn feature_profile(feature: &Feature) -> Option<Profile> {
    let path = feature.path.as_ref()?.to_str()?;
    let folder = path.strip_prefix("features/")?.split('/').next()?;
    Profile::from_name(folder)
}

/// Requirement IDs a scenario verifies: its `@req:ID` tags.
pub fn requirement_tags(tags: &[String]) -> Vec<String> {
    tags.iter().filter_map(|t| t.trim_start_matches('@').strip_prefix("req:")).map(str::to_string).collect()
}

/// Parses a tag expression (`@a and not @b`).
pub fn parse_tag_expression(expr: &str) -> Result<TagOperation, Message> {
    expr.parse::<TagOperation>().map_err(|e| msg!("runner-invalid-tag-expression", expression = format!("{expr:?}"), error = e.to_string()))
}

/// Checks a selection before any request is sent: the tag expression parses and, with the
/// profiles asked for (every profile when none), selects at least one scenario. The error says
/// what to write instead.
pub fn check_selection(tags: Option<&str>, profiles: &[Profile]) -> Result<(), String> {
    let Some(expr) = tags else { return Ok(()) };
    let op = parse_tag_expression(expr).map_err(|e| {
        format!("{e}; write tags joined by `and`, `or`, `not` and parentheses, e.g. '@req:AI-01 or @profile:core'")
    })?;
    let features = all_features()?;
    let count = features
        .iter()
        .filter(|f| profiles.is_empty() || feature_profile(f).is_some_and(|p| p == Profile::Core || profiles.contains(&p)))
        .map(|f| {
            scenarios(f)
                .filter(|s| {
                    let tags: Vec<String> = f.tags.iter().chain(&s.tags).cloned().collect();
                    tags_match(&op, &tags)
                })
                .count()
        })
        .sum::<usize>();
    if count == 0 {
        return Err(format!(
            "the tag expression {expr:?} selects no scenario{}; `hutong requirements` lists the IDs (tags are @req:ID and @profile:NAME)",
            if profiles.is_empty() { String::new() } else { " of the selected profiles".to_string() }
        ));
    }
    Ok(())
}

/// Every scenario of `feature`, rules included.
pub fn scenarios(feature: &Feature) -> impl Iterator<Item = &gherkin::Scenario> {
    feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()))
}

/// Whether `tags` satisfy `op`.
pub fn tags_match(op: &TagOperation, tags: &[String]) -> bool {
    match op {
        TagOperation::And(a, b) => tags_match(a, tags) && tags_match(b, tags),
        TagOperation::Or(a, b) => tags_match(a, tags) || tags_match(b, tags),
        TagOperation::Not(a) => !tags_match(a, tags),
        TagOperation::Tag(t) => {
            let t = t.trim_start_matches('@');
            tags.iter().any(|x| x.trim_start_matches('@') == t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_expressions() {
        let op = parse_tag_expression("@req:AI-01 or (@profile:core and not @slow)").unwrap();
        assert!(tags_match(&op, &["req:AI-01".into()]));
        assert!(tags_match(&op, &["profile:core".into()]));
        assert!(!tags_match(&op, &["profile:core".into(), "slow".into()]));
    }

    // See: issue 11 — `--tags '@req:OE-99'` selected nothing and exited 0; a malformed
    // expression was noticed only after contacting the target.
    #[test]
    fn selections_that_select_nothing_or_do_not_parse_are_refused() {
        assert!(check_selection(Some("@req:CORE-01"), &[]).is_ok());
        assert!(check_selection(None, &[]).is_ok());
        let none = check_selection(Some("@req:OE-99"), &[]).unwrap_err();
        assert!(none.contains("selects no scenario"), "{none}");
        let bad = check_selection(Some("@req:AI-01 and"), &[]).unwrap_err();
        assert!(bad.contains("invalid tag expression"), "{bad}");
        let other_profile = check_selection(Some("@req:AI-01"), &[Profile::CloudMigration]).unwrap_err();
        assert!(other_profile.contains("of the selected profiles"), "{other_profile}");
    }
}
