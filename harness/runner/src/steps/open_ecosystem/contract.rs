//! OE-04 (contract checking) and the safe-operation pool that OE-05 and OE-06 draw from.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::contract::{self, ContractChecker};
use hutong_model::{joined, msg, Finding, Message};
use serde_json::{json, Value};
use url::Url;

/// The OpenAPI document linked from discovery and its URL. A platform claiming the profile must
/// publish one: a missing or unreadable document is a `fail` of the requirement about it, and an
/// `error` where it is only a precondition (see [`precondition`]).
pub(super) async fn openapi_document(w: &mut PlatformWorld) -> Result<(Value, Url), Finding> {
    let url = w.ctx().discovery.endpoint("openapi")?;
    let request = w.ctx().http.get(url.as_str()).label("openapi");
    let response = request.send(&w.rec).await.map_err(hutong_checks::transport)?;
    hutong_checks::expect_status(&response, 200, msg!("steps-oe-contract-openapi-document"))?;
    let doc = hutong_checks::json_body(&response, msg!("steps-oe-contract-openapi-document"))?;
    Ok((doc, url))
}

/// A finding about something a scenario only needs, not the requirement it verifies: the
/// scenario cannot decide, so it is an `error`.
pub(super) fn precondition(finding: Finding) -> Finding {
    Finding::error(msg!("steps-oe-contract-precondition", problem = finding.text))
}

/// Calls every safe operation of the document with the scenario's token.
async fn exercise(w: &mut PlatformWorld) -> Result<(Value, contract::Exercise), Finding> {
    let (doc, url) = openapi_document(w).await?;
    let base = contract::server_base(&doc, &url);
    let ctx = w.ctx();
    let exercise = contract::exercise(&ctx.http, &w.rec, &doc, &base, w.token.as_deref()).await?;
    Ok((doc, exercise))
}

#[when("the harness calls every safe operation of the OpenAPI document")]
async fn call_every_safe_operation(w: &mut PlatformWorld) {
    let (doc, exercise) = exercise(w).await.or_raise();
    if exercise.exercised.is_empty() {
        raise(Finding::error(match joined(exercise.not_exercised.iter().cloned()) {
            Some(reasons) => msg!("steps-oe-contract-none-called", reasons = reasons),
            None => msg!("steps-oe-contract-none-declared"),
        }));
    }
    let mut checker = ContractChecker::new(&doc);
    let mut violations = Vec::new();
    for e in &exercise.exercised {
        if let Some(v) = checker.check(&e.operation, &e.response).or_raise() {
            violations.push(msg!("steps-oe-contract-violation", operation = e.operation.name(), url = hutong_model::sanitize_line(&e.url, 120), violation = v));
        }
    }
    w.oe.contract_violations = Some(violations);
    w.oe.contract_checked = Some(exercise.exercised.len());
    w.oe.contract_not_exercised = Some(exercise.not_exercised);
}

#[then("every answer has a declared status, a declared media type and a body valid against the declared schema")]
fn every_answer_conforms(w: &mut PlatformWorld) {
    let violations: Vec<Message> = earlier!(w.oe.contract_violations).clone();
    let count = violations.len();
    if let Some(violations) = joined(violations) {
        let checked = *earlier!(w.oe.contract_checked);
        raise(Finding::fail(match joined(earlier!(w.oe.contract_not_exercised).clone()) {
            None => msg!("steps-oe-contract-violations", count = count, checked = checked, violations = violations),
            Some(not_exercised) => {
                msg!("steps-oe-contract-violations-not-exercised", count = count, checked = checked, violations = violations, not_exercised = not_exercised)
            }
        }));
    }
}

#[given("the safe operations of the OpenAPI document, with path parameters filled from list results")]
async fn safe_operation_pool(w: &mut PlatformWorld) {
    let (doc, exercise) = exercise(w).await.map_err(precondition).or_raise();
    let pool: Vec<Value> = exercise
        .exercised
        .iter()
        .filter(|e| e.operation.method == hutong_http::http::Method::GET)
        .map(|e| json!({ "name": e.operation.name(), "url": e.url, "identifies_client": e.operation.identifies_client(&doc) }))
        .collect();
    if pool.is_empty() {
        raise(Finding::error(msg!("steps-oe-contract-empty-pool")));
    }
    w.oe.safe_pool = Some(json!(pool));
}
