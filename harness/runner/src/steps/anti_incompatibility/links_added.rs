//! AI-15: a delivered message carries exactly the links sent (no link, parameter or affiliate
//! code added, 流量劫持); AI-16: outside links get previews like own-domain links.

use super::{domain_problem, entry_exchanges, fail_naming_domains, message_in, own_domain, rng, send_and_read_back, unreadable, Delivered};
use crate::runner::world::{raise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::links::{check_exact_links, check_preview_parity};
use hutong_model::{joined, msg, Arg, Finding, Message};
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
        let mut messages: Vec<(Message, Option<usize>, Vec<String>)> = vec![(msg!("steps-ai-links-added-own", round = round), None, vec![own_link.clone()])];
        for (i, d) in domains.iter().enumerate() {
            messages.push(if round % 2 == 0 {
                (msg!("steps-ai-links-added-outside", host = d.host.clone(), round = round), Some(i), vec![d.link()])
            } else {
                (msg!("steps-ai-links-added-both", host = d.host.clone(), round = round), Some(i), vec![own_link.clone(), d.link()])
            });
        }
        messages.shuffle(&mut order);
        let world = &*w;
        let delivered = futures::future::join_all(messages.iter().map(|(label, _, links)| async move {
            send_and_read_back(world, &format!("Links: {} end", links.join(" and ")), &label.en()).await
        }))
        .await;
        for ((label, domain, links), outcome) in messages.iter().zip(delivered) {
            // The operator of an outside domain; none for the platform's own.
            let (host, operator) = match domain {
                Some(i) => (domains[*i].host.clone(), Some(domains[*i].operator.clone())),
                None => (own.clone(), None),
            };
            let (problem, exchanges) = match outcome {
                Ok(Delivered { message, exchanges, .. }) => (check_exact_links(links, &own_domains, &message).err(), exchanges),
                // Loss and refusal are AI-01's to judge; here an unreadable message is no evidence.
                Err(e) => raise(Finding::error(msg!("steps-ai-links-added-unreadable", message = label.clone(), problem = e))),
            };
            results.push(json!({ "host": host, "operator": operator, "label": label, "problem": problem, "exchanges": exchanges }));
        }
    }
    w.ai.exact_results = Some(json!(results));
}

#[then("every delivered message carries exactly the links sent")]
fn exactly_the_links_sent(w: &mut PlatformWorld) {
    let results = earlier!(w.ai.exact_results).as_array().cloned().unwrap_or_default();
    let bad: Vec<&Value> = results.iter().filter(|r| !r["problem"].is_null()).collect();
    let member = |r: &Value, key: &str| message_in(&r[key]).unwrap_or_else(|| Message::verbatim(String::new()));
    let mut differing: Vec<Message> = bad
        .iter()
        .take(8)
        .map(|r| {
            let operator: Arg = match r["operator"].as_str() {
                Some(o) => o.into(),
                None => msg!("steps-ai-links-added-own-operator").into(),
            };
            msg!("steps-ai-links-added-message-problem", message = member(r, "label"), operator = operator, problem = member(r, "problem"))
        })
        .collect();
    if bad.len() > differing.len() {
        differing.push(msg!("steps-ai-links-added-more", count = bad.len() - differing.len()));
    }
    let Some(differing) = joined(differing) else { return };
    raise(
        Finding::fail(msg!("steps-ai-links-added-not-exact", count = bad.len(), total = results.len(), messages = differing))
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
        raise(Finding::error(msg!("steps-ai-links-added-no-own-preview")));
    }
    let results = earlier!(w.ai.outside_results).as_array().cloned().unwrap_or_default();
    if let Some(r) = results.iter().find(|r| r["clickable"].is_null()) {
        raise(unreadable(r));
    }
    let judged: Vec<_> = results
        .iter()
        .filter_map(|r| {
            let preview = Some(&r["preview"]).filter(|p| !p.is_null());
            check_preview_parity(&own, preview).err().map(|e| (r, e))
        })
        .collect();
    let differing: Vec<Message> = judged.iter().map(|(r, e)| domain_problem(r, e.clone())).collect();
    fail_naming_domains(differing, entry_exchanges(judged.iter().map(|(r, _)| *r)));
}
