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

/// OPIS §17: a law trace names the act with the year of the version cited, and never cites
/// guidance that was not formally published.
#[test]
fn law_traces_name_the_year_of_each_chinese_act() {
    const ACTS: &[&str] = &[
        "E-Commerce Law",
        "Anti-Unfair Competition Law",
        "Anti-Monopoly Law",
        "Personal Information Protection Law",
        "Algorithm Recommendation Provisions",
        "Network Data Security Management Regulations",
    ];
    let year = regex::Regex::new(r"^ \((19|20)[0-9]{2}\) art\. ").unwrap();
    for r in Registry::load().unwrap().all() {
        for citation in &r.traces.law {
            assert!(!citation.contains("MIIT link-blocking guidance"), "{}: {citation:?} was never formally published (OPIS §17)", r.id);
            for act in ACTS {
                if let Some(rest) = citation.strip_prefix(act) {
                    assert!(year.is_match(rest), "{}: {citation:?} does not name the year of the act (OPIS §17)", r.id);
                }
            }
        }
    }
}

/// Issue 14: no normative sentence of a profile section describes a duty without a requirement
/// ID. In the sections from `core` to the last profile, every duty bullet (`- **…**`) cites an ID,
/// and every sentence with an RFC 2119 keyword in capitals cites one itself or stands in a bullet
/// or paragraph that does.
#[test]
fn every_duty_of_a_profile_section_cites_a_requirement_id() {
    let spec = opis_spec::file("spec/opis.md").unwrap().contents;
    let start = spec.find("\n## 13. Profile `core`").expect("the core profile section");
    let end = spec.find("\n## 17. Traceability").expect("the traceability section");
    let sections = &spec[start..end];
    let id = regex::Regex::new(r"\b(CORE|OE|AI|CM|TP|PD|MD)-[0-9]{2}\b").unwrap();
    let keyword = regex::Regex::new(r"\b(MUST|SHOULD|SHALL|REQUIRED|RECOMMENDED|MAY)\b").unwrap();
    let item_start = regex::Regex::new(r"\n(\n|- |[0-9]+\. |#)").unwrap();
    let mut wrong = Vec::new();
    let mut last = 0;
    let mut items = Vec::new();
    for m in item_start.find_iter(sections) {
        items.push(&sections[last..m.start()]);
        last = m.start() + 1;
    }
    items.push(&sections[last..]);
    for item in items {
        let text = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.starts_with('#') || text.starts_with('|') || text.starts_with("```") {
            continue;
        }
        let cited = id.is_match(&text);
        if text.starts_with("- **") && !cited {
            wrong.push(format!("duty bullet without an ID: {}", text.chars().take(120).collect::<String>()));
            continue;
        }
        if !cited && keyword.is_match(&text) {
            wrong.push(format!("normative text without an ID: {}", text.chars().take(160).collect::<String>()));
        }
    }
    assert!(wrong.is_empty(), "profile sections of opis.md (issue 14):\n{}", wrong.join("\n"));
}

/// OPIS §17: every law trace names one place in one of four forms (issue 14: one citation format).
#[test]
fn law_traces_follow_one_citation_format() {
    let forms = [
        // An act: `<English name> (<year>) art. <n>[(<n>)][(<letter>)][ para. <n>][ item <n>]`.
        r"^[A-Z][A-Za-z0-9' -]*[A-Za-z0-9] \((19|20)[0-9]{2}\) art\. [0-9]+(\([0-9]+\))?(\([a-z]\))?( para\. [0-9]+)?( item [0-9]+)?$",
        // A document without articles: `<English name> (<year>), <document number>`.
        r"^[A-Z][A-Za-z' -]*[a-z] \((19|20)[0-9]{2}\), [^ ,]+$",
        // An RFC, or an Internet-Draft with its revision.
        r"^(RFC [0-9]{3,5}|draft-[a-z0-9-]+-[0-9]{2}) §[0-9]+(\.[0-9]+)*$",
        // Another standard: `<name and version> §<section>` or `<name> Annex <letter>`.
        r"^[A-Za-z][A-Za-z0-9/ .()-]*[A-Za-z0-9)] (§[0-9]+(\.[0-9]+)*|Annex [A-Z](\.[0-9]+)*)$",
    ]
    .map(|f| regex::Regex::new(f).unwrap());
    let mut wrong = Vec::new();
    for r in Registry::load().unwrap().all() {
        for citation in &r.traces.law {
            if !forms.iter().any(|f| f.is_match(citation)) {
                wrong.push(format!("{}: {citation:?}", r.id));
            }
        }
    }
    assert!(wrong.is_empty(), "law traces not in one of the forms of OPIS §17:\n{}", wrong.join("\n"));
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

/// Whitespace runs collapsed to one space, so that wrapped text compares equal.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_scenario_quotes_the_statement_of_each_requirement_it_tags() {
    // ARCHITECTURE.md: scenarios quote the normative sentence; the registry holds it (issue 11).
    let registry = Registry::load().unwrap();
    let mut problems = Vec::new();
    for (path, feature) in features() {
        for s in feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| r.scenarios.iter())) {
            let description = squash(s.description.as_deref().unwrap_or_default());
            for id in s.tags.iter().filter_map(|t| t.trim_start_matches('@').strip_prefix("req:")) {
                let Some(req) = registry.get(id) else { continue };
                if !description.contains(&squash(&req.statement)) {
                    problems.push(format!(
                        "{path}: scenario {:?} tags @req:{id} but its description does not quote {id}'s statement; write the `statement` of {id} from spec/requirements/{}.toml verbatim (wrapped as you like) under `Scenario:`, or fix the statement there if the scenario checks more",
                        s.name,
                        req.profile
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The Rust sources of the steps and checks, as (repository-relative path, text).
fn harness_sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    let mut out = Vec::new();
    for dir in ["harness/runner/src", "harness/checks/src"] {
        walk(&root.join(dir), &root, &mut out);
    }
    assert!(out.len() > 10, "the harness sources were not found under {}", root.display());
    out
}

/// Every match of `pattern`'s first group in the harness sources, with where it was read.
fn reads(sources: &[(String, String)], pattern: &str) -> BTreeMap<String, BTreeSet<String>> {
    let re = regex::Regex::new(pattern).unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources {
        for c in re.captures_iter(text) {
            out.entry(c[1].to_string()).or_default().insert(path.clone());
        }
    }
    out
}

/// The text of section `heading` of `spec/opis.md` (up to the next heading of any level).
fn opis_section(heading: &str) -> &'static str {
    let text = opis_spec::file("spec/opis.md").unwrap().contents;
    let start = text.find(heading).unwrap_or_else(|| panic!("spec/opis.md has no section {heading:?}"));
    let rest = &text[start + heading.len()..];
    &rest[..rest.find("\n#").unwrap_or(rest.len())]
}

/// The keys of the endpoint table of OPIS §6.4 (rows starting with a backquoted key).
fn opis_endpoint_keys() -> BTreeSet<String> {
    let row = regex::Regex::new(r"(?m)^\| `([a-z_][a-z0-9_]*)` \|").unwrap();
    row.captures_iter(opis_section("### 6.4 Endpoints")).map(|c| c[1].to_string()).collect()
}

fn schema_member_names(pointer: &str) -> BTreeSet<String> {
    let schema = opis_spec::schema("discovery.schema.json").unwrap();
    schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("discovery.schema.json has no object at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn the_endpoint_table_and_the_discovery_schema_define_the_same_keys() {
    let table = opis_endpoint_keys();
    let schema = schema_member_names("/properties/endpoints/properties");
    assert!(table.len() >= 10, "the §6.4 table was not found in spec/opis.md");
    for key in table.difference(&schema) {
        panic!("spec/opis.md §6.4 defines endpoint `{key}` but spec/schemas/discovery.schema.json does not: add `\"{key}\": {{ \"description\": …, \"type\": \"string\", \"format\": \"uri\" }}` under `endpoints.properties`");
    }
    for key in schema.difference(&table) {
        panic!("spec/schemas/discovery.schema.json defines endpoint `{key}` but spec/opis.md §6.4 does not: add a row `| `{key}` | requirements | what it locates | operation or schema of its answer |` to the table");
    }
}

#[test]
fn every_discovery_endpoint_the_harness_reads_is_defined_in_the_spec() {
    // A platform written from spec/ alone must be able to pass (issue 11).
    let sources = harness_sources();
    let mut read = reads(&sources, r#"(?:\bendpoint|has_endpoint|endpoints\s*\.\s*get)\(\s*"([^"]+)"\s*\)"#);
    // Lists of endpoint keys a step walks are named `…ENDPOINTS`.
    let lists = regex::Regex::new(r#"const [A-Z_]*ENDPOINTS: &\[&str\] = &\[([^\]]*)\]"#).unwrap();
    let item = regex::Regex::new(r#""([^"]+)""#).unwrap();
    for (path, text) in &sources {
        for list in lists.captures_iter(text) {
            for key in item.captures_iter(&list[1]) {
                read.entry(key[1].to_string()).or_default().insert(path.clone());
            }
        }
    }
    // Steps whose quoted argument is an endpoint key.
    let steps = regex::Regex::new(r#"(?:lists|can list|fetches a) "([^"]+)""#).unwrap();
    for (path, feature) in features() {
        for s in feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| r.scenarios.iter())) {
            for step in &s.steps {
                for c in steps.captures_iter(&step.value) {
                    read.entry(c[1].to_string()).or_default().insert(path.clone());
                }
            }
        }
    }
    assert!(read.contains_key("products") && read.contains_key("exports"), "the endpoint scan found too little: {read:?}");
    let table = opis_endpoint_keys();
    let schema = schema_member_names("/properties/endpoints/properties");
    let mut problems = Vec::new();
    for (key, places) in &read {
        let places = places.iter().cloned().collect::<Vec<_>>().join(", ");
        if !table.contains(key) {
            problems.push(format!("{places} read(s) discovery endpoint `{key}`, which spec/opis.md §6.4 does not define: add a row for `{key}` to the table (the requirements using it, what it locates, the operation in spec/openapi.json or the schema in spec/schemas/ that defines its answer)"));
        }
        if !schema.contains(key) {
            problems.push(format!("{places} read(s) discovery endpoint `{key}`, which spec/schemas/discovery.schema.json does not define: add `\"{key}\"` (an absolute URI string) to `endpoints.properties`"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_capability_the_harness_reads_is_defined_in_the_spec() {
    let sources = harness_sources();
    let mut read = reads(&sources, r#"capabilities\s*\.\s*get\(\s*"([^"]+)"\s*\)"#);
    for (name, places) in reads(&sources, r#"declares_capability\(\s*"([^"]+)"\s*\)"#) {
        let first = name.split('.').next().unwrap_or_default().to_string();
        read.entry(first).or_default().extend(places);
    }
    assert!(read.contains_key("volatile_fields"), "the capability scan found too little: {read:?}");
    let schema = schema_member_names("/properties/capabilities/properties");
    let opis = opis_spec::file("spec/opis.md").unwrap().contents;
    let mut problems = Vec::new();
    for (name, places) in &read {
        let places = places.iter().cloned().collect::<Vec<_>>().join(", ");
        if !schema.contains(name) {
            problems.push(format!("{places} read(s) capability `{name}`, which spec/schemas/discovery.schema.json does not define: add `\"{name}\"` with its shape and a description under `capabilities.properties`"));
        }
        if !opis.contains(&format!("`capabilities.{name}`")) {
            problems.push(format!("{places} read(s) capability `{name}`, which spec/opis.md does not define: describe `capabilities.{name}` in §6.5 (what it declares and which requirements are conditional on it)"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_conditional_on_names_a_capability_of_the_discovery_schema() {
    // Checks only the first segment of a dotted name (`open_protocols.oembed`): the schema of a
    // capability's members may be another file's (open-protocols.schema.json).
    let registry = Registry::load().unwrap();
    let schema = schema_member_names("/properties/capabilities/properties");
    for r in registry.all() {
        let Some(name) = &r.conditional_on else { continue };
        let first = name.split('.').next().unwrap_or_default();
        assert!(
            schema.contains(first),
            "{}: conditional_on = {name:?}, but spec/schemas/discovery.schema.json defines no `capabilities.{first}`: add it under `capabilities.properties` (and describe it in spec/opis.md §6.5), or correct conditional_on in spec/requirements/{}.toml",
            r.id,
            r.profile
        );
    }
}
