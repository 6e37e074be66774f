//! CM-21: migration between two platforms — the platform's data into a partner platform that the
//! target file names, and the partner's into the platform, each verified record by record as
//! `hutong migrate-check` verifies it (OPIS §16).

use super::comma_listed;
use crate::migrate::{migrate, MigrationOptions};
use crate::runner::world::{raise, MigrationPair, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_model::{joined, msg, sanitize_line, Finding, Message};
use serde_json::Value;

#[given("the migration partner the target file names")]
fn partner_named(w: &mut PlatformWorld) {
    let Some(pair) = w.ctx().migration.clone() else {
        raise(Finding::error(msg!("steps-cm-partner-none")))
    };
    w.cm.partner = Some(pair);
}

#[when("the client migrates the platform's data to the partner, and the partner's data to the platform")]
async fn migrate_both_ways(w: &mut PlatformWorld) {
    let MigrationPair { platform, partner } = earlier!(w.cm.partner).clone();
    let insecure = w.ctx().insecure;
    let mut outcomes = Vec::new();
    for (direction, from, to) in [(msg!("steps-cm-partner-to-partner"), &platform, &partner), (msg!("steps-cm-partner-to-platform"), &partner, &platform)] {
        let options = MigrationOptions { role: "third-party-a".to_string(), insecure, ..MigrationOptions::new(from.clone(), to.clone()) };
        let outcome = migrate(&options)
            .await
            .map_err(|e| Finding {
                needs: e.needs_of(&platform).to_vec(),
                ..Finding::error(msg!("steps-cm-partner-not-performed", direction = direction.clone(), detail = e.0.clone()))
            })
            .or_raise();
        outcomes.push((direction, outcome.summary));
    }
    w.cm.partner_migrations = Some(outcomes);
}

/// The differences of one direction's summary, as a sentence, or `None` when it is complete.
fn differences(summary: &Value) -> Option<Message> {
    if summary["verdict"].as_str() == Some("complete") {
        return None;
    }
    let mut parts = Vec::new();
    for (entity, diff) in summary["entities"].as_object().into_iter().flatten() {
        let listed = |kind: &str| -> Option<Message> {
            let items = diff[kind].as_array().filter(|a| !a.is_empty())?;
            let first = comma_listed(items.iter().take(3).map(|i| match i {
                Value::Array(pair) => msg!(
                    "steps-cm-partner-altered-item",
                    id = sanitize_line(pair[0].as_str().unwrap_or("?"), 60),
                    difference = hutong_checks::fidelity::altered_message(pair, 120)
                ),
                other => Message::verbatim(sanitize_line(other.as_str().unwrap_or("?"), 60)),
            }))?;
            Some(match kind {
                "missing" => msg!("steps-cm-partner-missing", count = items.len(), examples = first),
                "extra" => msg!("steps-cm-partner-extra", count = items.len(), examples = first),
                _ => msg!("steps-cm-partner-altered", count = items.len(), examples = first),
            })
        };
        if let Some(kinds) = comma_listed(["missing", "extra", "altered"].iter().filter_map(|k| listed(k))) {
            parts.push(msg!("steps-cm-partner-entity", entity = sanitize_line(entity, 64), differences = kinds));
        }
    }
    Some(joined(parts).unwrap_or_else(|| msg!("steps-cm-partner-incomplete")))
}

#[then("every record arrives complete and equal in both directions")]
fn complete_both_ways(w: &mut PlatformWorld) {
    let outcomes = earlier!(w.cm.partner_migrations);
    let problems = outcomes
        .iter()
        .filter_map(|(direction, summary)| differences(summary).map(|d| msg!("steps-cm-partner-direction", direction = direction.clone(), differences = d)))
        .reduce(|first, next| msg!("steps-cm-partner-both-directions", first = first, next = next));
    if let Some(problems) = problems {
        raise(Finding::fail(msg!("steps-cm-partner-not-equal", problems = problems)));
    }
}
