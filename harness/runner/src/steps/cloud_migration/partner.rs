//! CM-21: migration between two platforms — the platform's data into a partner platform that the
//! target file names, and the partner's into the platform, each verified record by record as
//! `hutong migrate-check` verifies it (OPIS §16).

use crate::migrate::{migrate, MigrationOptions};
use crate::runner::world::{raise, MigrationPair, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_model::{sanitize_line, Finding};
use serde_json::Value;

#[given("the migration partner the target file names")]
fn partner_named(w: &mut PlatformWorld) {
    let Some(pair) = w.ctx().migration.clone() else {
        raise(Finding::error(
            "no migration partner: name another platform claiming cloud-migration in the target file as `migration_partner = \"partner.toml\"` (a base URL, or a target file with its credentials) to judge CM-21",
        ))
    };
    w.cm.partner = Some(pair);
}

#[when("the client migrates the platform's data to the partner, and the partner's data to the platform")]
async fn migrate_both_ways(w: &mut PlatformWorld) {
    let MigrationPair { platform, partner } = earlier!(w.cm.partner).clone();
    let insecure = w.ctx().insecure;
    let mut outcomes = Vec::new();
    for (direction, from, to) in [("platform → partner", &platform, &partner), ("partner → platform", &partner, &platform)] {
        let options = MigrationOptions { role: "third-party-a".to_string(), insecure, ..MigrationOptions::new(from.clone(), to.clone()) };
        let outcome = migrate(&options)
            .await
            .map_err(|e| Finding { needs: e.needs_of(&platform).to_vec(), ..Finding::error(format!("the migration {direction} could not be performed or verified: {}", e.0)) })
            .or_raise();
        outcomes.push((direction.to_string(), outcome.summary));
    }
    w.cm.partner_migrations = Some(outcomes);
}

/// The differences of one direction's summary, as a sentence, or `None` when it is complete.
fn differences(summary: &Value) -> Option<String> {
    if summary["verdict"].as_str() == Some("complete") {
        return None;
    }
    let mut parts = Vec::new();
    for (entity, diff) in summary["entities"].as_object().into_iter().flatten() {
        let listed = |kind: &str| -> Option<String> {
            let items = diff[kind].as_array().filter(|a| !a.is_empty())?;
            let first: Vec<String> = items
                .iter()
                .take(3)
                .map(|i| match i {
                    Value::Array(pair) => format!("{} ({})", sanitize_line(pair[0].as_str().unwrap_or("?"), 60), sanitize_line(pair.get(1).and_then(Value::as_str).unwrap_or(""), 120)),
                    other => sanitize_line(other.as_str().unwrap_or("?"), 60),
                })
                .collect();
            Some(format!("{} {kind} (e.g. {})", items.len(), first.join(", ")))
        };
        let kinds: Vec<String> = ["missing", "extra", "altered"].iter().filter_map(|k| listed(k)).collect();
        if !kinds.is_empty() {
            parts.push(format!("`{}`: {}", sanitize_line(entity, 64), kinds.join(", ")));
        }
    }
    Some(if parts.is_empty() { "the migration was not complete".to_string() } else { parts.join("; ") })
}

#[then("every record arrives complete and equal in both directions")]
fn complete_both_ways(w: &mut PlatformWorld) {
    let outcomes = earlier!(w.cm.partner_migrations);
    let problems: Vec<String> = outcomes.iter().filter_map(|(direction, summary)| differences(summary).map(|d| format!("{direction}: {d}"))).collect();
    if !problems.is_empty() {
        raise(Finding::fail(format!("data migrated between the platform and its partner did not arrive complete and equal: {}", problems.join(" | "))));
    }
}
