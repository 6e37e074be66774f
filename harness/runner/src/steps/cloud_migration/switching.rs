//! CM-08 to CM-12: the switching-terms declaration and the EU Data Act art. 25 and 29 bounds.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::migration::{check_at_least, check_at_most, check_charges, MAX_NOTICE_DAYS, MAX_TRANSITION_DAYS, MIN_RETRIEVAL_DAYS};
use hutong_checks::schema::SchemaSet;
use hutong_model::Finding;
use serde_json::Value;

#[when("the client fetches the switching terms")]
async fn fetch_terms(w: &mut PlatformWorld) {
    let url = w.endpoint("switching_terms");
    let response = w.request(http::Method::GET, url.as_str()).label("switching terms").send(&w.rec).await.or_raise();
    hutong_checks::expect_status(&response, 200, "the switching terms").or_raise();
    let terms = hutong_checks::json_body(&response, "the switching terms").or_raise();
    w.cm.terms = Some(terms);
}

#[then(expr = "the terms validate against {string}")]
fn terms_valid(w: &mut PlatformWorld, schema: String) {
    SchemaSet::embedded().check(&schema, earlier!(w.cm.terms), "the switching terms").or_raise();
}

#[given("the platform's published switching terms")]
async fn published_terms(w: &mut PlatformWorld) {
    let url = w.ctx().discovery.endpoint("switching_terms").unwrap_or_else(|f| raise(Finding::error(format!("precondition: {}", f.message))));
    let response = w.request(http::Method::GET, url.as_str()).label("switching terms").send(&w.rec).await.or_raise();
    let terms: Value = match response.status {
        200 => response.json_value().unwrap_or_else(|e| raise(Finding::error(format!("precondition: the switching terms are not JSON: {e}")))),
        s => raise(Finding::error(format!("precondition: the switching terms answered HTTP {s}"))),
    };
    w.cm.terms = Some(terms);
}

#[then("the notice period is at most two months")]
fn notice(w: &mut PlatformWorld) {
    check_at_most(earlier!(w.cm.terms), "notice_period_days", MAX_NOTICE_DAYS, "EU Data Act art. 25(2)(d) (two months)").or_raise();
}

#[then("the transition period is at most 30 days")]
fn transition(w: &mut PlatformWorld) {
    check_at_most(earlier!(w.cm.terms), "transition_period_days", MAX_TRANSITION_DAYS, "EU Data Act art. 25(2)(a)").or_raise();
}

#[then("the data-retrieval period is at least 30 days")]
fn retrieval(w: &mut PlatformWorld) {
    check_at_least(earlier!(w.cm.terms), "data_retrieval_period_days", MIN_RETRIEVAL_DAYS, "EU Data Act art. 25(2)(g)").or_raise();
}

#[then("the switching and egress charges are stated, and no other charge is mandatory")]
fn charges(w: &mut PlatformWorld) {
    check_charges(earlier!(w.cm.terms)).or_raise();
}
