//! Cucumber JSON (the format of cucumber-jvm / cucumber-js `--format json`) for existing
//! cucumber report tools, derived from the report's scenarios: one element per scenario that ran,
//! one `Then` step per requirement it verified, whose status is that requirement's outcome in the
//! scenario. A retried scenario appears once, with its final outcome.

use hutong_model::{Outcome, Report};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn status(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "passed",
        Outcome::Fail | Outcome::Error => "failed",
        Outcome::NotApplicable => "skipped",
    }
}

fn id_of(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

/// One scenario being assembled: name, steps, tags.
type ScenarioParts = (String, Vec<Value>, Vec<String>);

/// The report as Cucumber JSON.
pub fn cucumber_json(report: &Report) -> Value {
    // feature path → scenario line → (name, duration, steps)
    let mut features: BTreeMap<&str, BTreeMap<usize, ScenarioParts>> = BTreeMap::new();
    for r in &report.requirements {
        for s in &r.scenarios {
            let entry = features.entry(s.feature.as_str()).or_default().entry(s.line).or_insert_with(|| {
                (s.name.clone(), Vec::new(), vec![format!("@profile:{}", r.profile)])
            });
            let mut result = json!({ "status": status(s.outcome), "duration": 0 });
            if entry.1.is_empty() {
                result["duration"] = json!(s.duration_ms.saturating_mul(1_000_000));
            }
            match s.outcome {
                Outcome::Fail => result["error_message"] = json!(s.message),
                Outcome::Error => result["error_message"] = json!(format!("harness error (not a platform failure): {}", s.message)),
                Outcome::NotApplicable | Outcome::Pass => {}
            }
            let mut step = json!({
                "keyword": "Then ",
                "name": format!("requirement {} [{}] {}", r.id, r.level, r.title_en),
                "line": s.line,
                "match": { "location": format!("{}:{}", s.feature, s.line) },
                "result": result,
            });
            if let Some(file) = &s.evidence {
                step["embeddings"] = json!([]);
                step["output"] = json!([format!("evidence: {file}")]);
            }
            entry.1.push(step);
            entry.2.push(format!("@req:{}", r.id));
        }
    }
    let features: Vec<Value> = features
        .into_iter()
        .map(|(path, scenarios)| {
            let name = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".feature");
            let elements: Vec<Value> = scenarios
                .into_iter()
                .map(|(line, (name, steps, tags))| {
                    json!({
                        "id": format!("{};{}", id_of(path), id_of(&name)),
                        "keyword": "Scenario",
                        "type": "scenario",
                        "name": name,
                        "description": "",
                        "line": line,
                        "tags": tags.iter().map(|t| json!({ "name": t, "line": line })).collect::<Vec<_>>(),
                        "steps": steps,
                    })
                })
                .collect();
            json!({
                "uri": path,
                "id": id_of(path),
                "keyword": "Feature",
                "name": name,
                "description": "",
                "line": 1,
                "tags": [],
                "elements": elements,
            })
        })
        .collect();
    Value::Array(features)
}
