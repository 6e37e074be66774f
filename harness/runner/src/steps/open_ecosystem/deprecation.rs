//! OE-09: deprecated operations announce their sunset with enough notice.

use super::contract::{openapi_document, precondition};
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::contract;
use hutong_checks::deprecation::{check_deprecation_headers, check_sunset_not_passed, declared_notice_days};
use hutong_model::{joined, msg, Finding, Message};

#[when("the harness calls every safe operation the OpenAPI document marks deprecated")]
async fn call_deprecated(w: &mut PlatformWorld) {
    let declared = declared_notice_days(&w.ctx().discovery.capabilities).or_raise();
    // The deprecated operations are found in the OpenAPI document; whether that document is
    // valid is OE-01's and OE-04's business.
    let (doc, url) = openapi_document(w).await.map_err(precondition).or_raise();
    let base = contract::server_base(&doc, &url);
    let ctx = w.ctx();
    let deprecated: Vec<_> = contract::safe_operations(&doc).into_iter().filter(|o| o.deprecated()).collect();
    let mut problems = Vec::new();
    if !deprecated.is_empty() {
        let all = contract::exercise_selected(&ctx.http, &w.rec, &doc, &base, w.token.as_deref(), |o| o.deprecated()).await.or_raise();
        for e in all.exercised.iter().filter(|e| e.operation.deprecated()) {
            if !e.response.is_success() {
                problems.push(msg!("steps-oe-deprecation-status", operation = e.operation.name(), status = e.response.status));
            } else if let Err(p) = check_deprecation_headers(&e.response, declared)
                .and_then(|()| check_sunset_not_passed(&e.response, time::OffsetDateTime::now_utc().unix_timestamp()))
            {
                problems.push(msg!("steps-oe-deprecation-problem", operation = e.operation.name(), problem = p));
            }
        }
        // `contract-not-exercised` names the operation as its `operation` parameter.
        let operation_of = |n: &Message| match n.args.get("operation") {
            Some(hutong_model::Arg::Text(op)) => Some(op.clone()),
            _ => None,
        };
        for n in all.not_exercised.iter().filter(|n| operation_of(n).is_some_and(|op| deprecated.iter().any(|d| d.name() == op))) {
            problems.push(msg!("steps-oe-deprecation-not-called", operation = n.clone()));
        }
    }
    w.oe.deprecation_problems = Some(problems);
}

#[then("each answers with Deprecation and Sunset headers giving at least the declared notice and at least 180 days, and none is served after its Sunset")]
fn enough_notice(w: &mut PlatformWorld) {
    let problems: Vec<Message> = earlier!(w.oe.deprecation_problems).clone();
    if let Some(problems) = joined(problems) {
        raise(Finding::fail(msg!("steps-oe-deprecation-not-announced", problems = problems)));
    }
}
