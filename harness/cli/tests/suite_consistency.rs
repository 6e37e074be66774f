//! The suite lints itself: features, registry, schemas and the fault catalog agree.
//!
//! Data-driven over the embedded files, so a new feature, requirement, schema or fault is
//! checked without touching this file.

use gherkin::{Feature, GherkinEnv};
use opis_spec::{Level, Profile, Registry};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn features() -> Vec<(String, Feature)> {
    opis_spec::files_under("features/")
        .filter(|f| f.path.ends_with(".feature"))
        .map(|f| {
            let feature = Feature::parse(f.contents, GherkinEnv::default())
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", f.path));
            (f.path.to_string(), feature)
        })
        .collect()
}

/// (feature path, scenario name, all tags)
fn scenarios() -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for (path, feature) in features() {
        for s in feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| r.scenarios.iter())) {
            let tags = feature.tags.iter().chain(&s.tags).map(|t| t.trim_start_matches('@').to_string()).collect();
            out.push((path.clone(), s.name.clone(), tags));
        }
    }
    out
}

fn req_tags(tags: &[String]) -> Vec<&str> {
    tags.iter().filter_map(|t| t.strip_prefix("req:")).collect()
}

#[test]
fn every_feature_parses_and_lives_in_a_profile_folder() {
    let all = features();
    assert!(!all.is_empty());
    for (path, feature) in &all {
        let folder = path.strip_prefix("features/").and_then(|p| p.split('/').next()).unwrap();
        let profile = Profile::from_name(folder).unwrap_or_else(|| panic!("{path}: folder {folder} is not a profile"));
        let tag = format!("profile:{}", profile.name());
        assert!(
            feature.tags.iter().any(|t| t.trim_start_matches('@') == tag),
            "{path}: the feature must be tagged @{tag}"
        );
    }
}

#[test]
fn every_scenario_verifies_a_requirement_of_its_own_profile() {
    let registry = Registry::load().unwrap();
    for (path, name, tags) in scenarios() {
        let ids = req_tags(&tags);
        assert!(!ids.is_empty(), "{path}: scenario {name:?} has no @req: tag");
        let folder = path.strip_prefix("features/").and_then(|p| p.split('/').next()).unwrap();
        for id in ids {
            let req = registry.get(id).unwrap_or_else(|| panic!("{path}: scenario {name:?} names unknown requirement {id}"));
            assert_eq!(req.profile.name(), folder, "{path}: {id} belongs to profile {}", req.profile);
        }
    }
}

#[test]
fn every_requirement_has_a_scenario_or_a_reason() {
    let registry = Registry::load().unwrap();
    let covered: BTreeSet<String> =
        scenarios().iter().flat_map(|(_, _, t)| req_tags(t).into_iter().map(str::to_string).collect::<Vec<_>>()).collect();
    for r in registry.all() {
        if r.deprecated {
            continue;
        }
        match (&r.not_tested_reason, covered.contains(&r.id)) {
            (None, false) => panic!("{} ({}) has no scenario and no not_tested_reason", r.id, r.level),
            (Some(_), true) => panic!("{} has a scenario but also a not_tested_reason", r.id),
            _ => {}
        }
        if r.level == Level::Must && r.not_tested_reason.is_none() {
            assert!(covered.contains(&r.id));
        }
    }
}

#[test]
fn every_profile_has_at_least_two_requirements() {
    let registry = Registry::load().unwrap();
    for p in Profile::ALL {
        assert!(registry.profile(p).count() >= 2, "profile {p} has fewer than two requirements");
    }
}

#[test]
fn every_requirement_traces_to_a_policy_clause_and_a_law_or_rfc() {
    let registry = Registry::load().unwrap();
    // The policy's clauses run from （一） to （十七）.
    for r in registry.all() {
        assert!(!r.traces.policy.is_empty(), "{} has no policy trace", r.id);
        for clause in &r.traces.policy {
            let n: u32 = clause
                .strip_prefix("seed:")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{}: bad trace {clause}", r.id));
            assert!((1..=17).contains(&n), "{}: clause {n} does not exist", r.id);
        }
        assert!(!r.traces.law.is_empty(), "{} has no law or RFC trace", r.id);
    }
}

#[test]
fn every_schema_is_valid_2020_12() {
    let mut n = 0;
    for (name, text) in opis_spec::schemas() {
        let schema: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
        assert_eq!(
            schema.get("$schema").and_then(Value::as_str),
            Some("https://json-schema.org/draft/2020-12/schema"),
            "{name} must declare draft 2020-12"
        );
        assert_eq!(
            schema.get("$id").and_then(Value::as_str).map(str::to_string),
            Some(format!("https://opis.hutong.dev/schemas/{name}")),
            "{name}: $id must match its file name"
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{name} is not a valid 2020-12 schema: {e}");
        }
        n += 1;
    }
    assert!(n >= 2);
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::options().should_validate_formats(true).build(&opis_spec::schema(name).unwrap()).unwrap()
}

fn toml_as_json(text: &str) -> Value {
    let v: toml::Value = toml::from_str(text).unwrap();
    serde_json::to_value(v).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
}

#[test]
fn registry_files_validate_against_their_schema() {
    let v = validator("requirements.schema.json");
    for f in opis_spec::files_under("spec/requirements/") {
        assert_valid(&v, &toml_as_json(f.contents), f.path);
    }
}

#[test]
fn fault_catalog_is_valid_and_covers_every_testable_requirement() {
    let registry = Registry::load().unwrap();
    let v = validator("fault-catalog.schema.json");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/reference/faults");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        assert_valid(&v, &toml_as_json(&std::fs::read_to_string(&path).unwrap()), &path.display().to_string());
    }
    let catalog = hutong_reference::catalog().unwrap();
    let mut names = BTreeSet::new();
    let mut broken: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in &catalog {
        assert!(names.insert(f.name.as_str()), "fault {} is defined twice", f.name);
        for id in &f.breaks {
            assert!(registry.get(id).is_some(), "fault {} breaks unknown requirement {id}", f.name);
            broken.entry(id.as_str()).or_default().push(&f.name);
        }
    }
    for r in registry.all().iter().filter(|r| r.not_tested_reason.is_none() && !r.deprecated) {
        assert!(
            broken.contains_key(r.id.as_str()) != r.reference_exemption.is_some(),
            "{}: needs a fault that breaks it, or a reference_exemption (not both)",
            r.id
        );
    }
}
