//! AI-15: a delivered message carries exactly the links sent (no link, parameter or affiliate
//! code added, 流量劫持); AI-16: outside links get previews like own-domain links.

use super::{entry_exchanges, fail_naming_domains, own_domain, rng, send_and_read_back, who, Delivered};
use crate::runner::world::{raise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::links::{check_exact_links, check_preview_parity};
use hutong_model::Finding;
use rand::seq::SliceRandom;
use serde_json::{json, Value};

/// The platform's own domains, as discovery declares them (else the host of the discovery URL).
fn own_domains(w: &PlatformWorld) -> Vec<String> {
    let declared = w.ctx().discovery.own_domains.clone();
    if declared.is_empty() { vec![own_domain(w)] } else { declared }
}

#[when(expr = "the client sends {int} rounds of messages with one or two links, own-domain and outside, in random order")]
async fn send_link_rounds(w: &mut PlatformWorld, rounds: usize) {
    let rounds = rounds.clamp(1, 10);
    let own = own_domain(w);
    let probe = w.ctx().persona.probe_id("own-link");
    let domains = w.ctx().corpus.domains.clone();
    let own_domains = own_domains(w);
    let mut order = rng(w, "exact-links");
    let mut results = Vec::new();
    // Per round: an own-domain link alone, and per outside domain one message with its link,
    // alone in even rounds and beside an own-domain link in odd ones (so that a platform rewriting
    // only some messages, only one of two links, or only after the client has sent a number of
    // messages is seen). A round's messages are sent at once, in random order.
    for round in 0..rounds {
        let own_link = format!("https://{own}/item/{probe}?n={round}");
        let mut messages: Vec<(String, Option<usize>, Vec<String>)> = vec![(format!("own-domain link, round {round}"), None, vec![own_link.clone()])];
        for (i, d) in domains.iter().enumerate() {
            messages.push(if round % 2 == 0 {
                (format!("link to {}, round {round}", d.host), Some(i), vec![d.link()])
            } else {
                (format!("own-domain link and link to {}, round {round}", d.host), Some(i), vec![own_link.clone(), d.link()])
            });
        }
        messages.shuffle(&mut order);
        let world = &*w;
        let delivered = futures::future::join_all(messages.iter().map(|(label, _, links)| async move {
            send_and_read_back(world, &format!("Links: {} end", links.join(" and ")), label).await
        }))
        .await;
        for ((label, domain, links), outcome) in messages.iter().zip(delivered) {
            let (host, operator) = match domain {
                Some(i) => (domains[*i].host.clone(), domains[*i].operator.clone()),
                None => (own.clone(), "the platform's own domain".to_string()),
            };
            let (problem, exchanges) = match outcome {
                Ok(Delivered { message, exchanges, .. }) => (check_exact_links(links, &own_domains, &message).err(), exchanges),
                // Loss and refusal are AI-01's to judge; here an unreadable message is no evidence.
                Err(e) => raise(Finding::error(format!("{label}: the message could not be read back: {e}"))),
            };
            results.push(json!({ "host": host, "operator": operator, "label": label, "problem": problem, "exchanges": exchanges }));
        }
    }
    w.ai.exact_results = Some(json!(results));
}

#[then("every delivered message carries exactly the links sent")]
fn exactly_the_links_sent(w: &mut PlatformWorld) {
    let results = earlier!(w.ai.exact_results).as_array().cloned().unwrap_or_default();
    let bad: Vec<&Value> = results.iter().filter(|r| r["problem"].is_string()).collect();
    if bad.is_empty() {
        return;
    }
    let differing: Vec<String> = bad
        .iter()
        .take(8)
        .map(|r| format!("{} ({}): {}", r["label"].as_str().unwrap_or_default(), r["operator"].as_str().unwrap_or_default(), r["problem"].as_str().unwrap_or_default()))
        .collect();
    let more = if bad.len() > differing.len() { format!("; and {} more", bad.len() - differing.len()) } else { String::new() };
    raise(
        Finding::fail(format!(
            "{} of {} delivered message(s) do not carry exactly the links sent: {}{more}",
            bad.len(),
            results.len(),
            differing.join("; ")
        ))
        .with_exchanges(entry_exchanges(bad.iter().take(8).copied())),
    );
}

#[then("every outside link gets a preview like the own-domain links, without a warning")]
fn previews_alike(w: &mut PlatformWorld) {
    let own: Vec<Value> = earlier!(w.ai.own_previews).as_array().cloned().unwrap_or_default();
    let own: Vec<Value> = own.into_iter().filter(|p| !p.is_null()).collect();
    if own.is_empty() {
        // The platform declares link previews, yet shows none for its own links: there is no
        // baseline, and no pass either.
        raise(Finding::error("the platform declares `capabilities.link_previews`, but no link to its own domain got a preview in the delivered message's `previews`: no baseline to compare outside links with"));
    }
    let results = earlier!(w.ai.outside_results).as_array().cloned().unwrap_or_default();
    if let Some(r) = results.iter().find(|r| r["clickable"].is_null()) {
        raise(Finding::error(format!("the message with the link to {} could not be read: {}", who(r), r["problem"].as_str().unwrap_or_default())));
    }
    let judged: Vec<(&Value, String)> = results
        .iter()
        .filter_map(|r| {
            let preview = Some(&r["preview"]).filter(|p| !p.is_null());
            check_preview_parity(&own, preview).err().map(|e| (r, e))
        })
        .collect();
    let differing: Vec<String> = judged.iter().map(|(r, e)| format!("{}: {e}", who(r))).collect();
    fail_naming_domains(&differing, entry_exchanges(judged.iter().map(|(r, _)| *r)));
}
