//! The embedded features: parsing, selection by profile, and tag expressions.

use gherkin::tagexpr::TagOperation;
use gherkin::{Feature, GherkinEnv};
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
pub fn parse_tag_expression(expr: &str) -> Result<TagOperation, String> {
    expr.parse::<TagOperation>().map_err(|e| format!("invalid tag expression {expr:?}: {e}"))
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
}
