//! `hutong requirements`.

use crate::Exit;
use opis_spec::{Profile, Registry};
use std::collections::BTreeMap;

/// Options of `requirements`.
#[derive(Debug, clap::Args)]
pub struct RequirementsArgs {
    /// Only this profile (repeatable).
    #[arg(long = "profile", value_name = "P", value_parser = crate::commands::certify::parse_profile)]
    pub profiles: Vec<Profile>,
    /// Print JSON (each requirement with its scenarios) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Scenarios (`feature:line name`) by requirement ID, from the embedded features.
pub fn scenarios_by_requirement() -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for feature in hutong_runner::runner::features::all_features()? {
        let path = feature.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        for scenario in feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| r.scenarios.iter())) {
            let tags: Vec<String> = feature.tags.iter().chain(&scenario.tags).cloned().collect();
            for id in hutong_runner::runner::features::requirement_tags(&tags) {
                map.entry(id).or_default().push(format!("{path}:{} {}", scenario.position.line, scenario.name));
            }
        }
    }
    Ok(map)
}

/// Prints the registry.
pub fn run(args: RequirementsArgs) -> Result<i32, Exit> {
    let registry = Registry::load().map_err(Exit::harness)?;
    let scenarios = scenarios_by_requirement().map_err(Exit::harness)?;
    let selected: Vec<_> = registry.all().iter().filter(|r| args.profiles.is_empty() || args.profiles.contains(&r.profile)).collect();
    if args.json {
        let items: Vec<serde_json::Value> = selected
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).expect("requirements serialise");
                v["scenarios"] = serde_json::json!(scenarios.get(&r.id).cloned().unwrap_or_default());
                // Always present, `null` for an unconditional requirement (issue 14): a reader
                // need not know that an absent member means "applies to every platform".
                v["conditional_on"] = serde_json::json!(r.conditional_on);
                v
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&items).expect("JSON"));
    } else {
        crate::output::print_requirements(&selected, &scenarios);
    }
    Ok(hutong_model::exit_codes::CONFORMANT)
}
