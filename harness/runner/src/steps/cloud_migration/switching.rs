//! CM-08 to CM-12 and CM-15 to CM-19: the switching-terms declaration and the EU Data Act
//! art. 25, 26, 28 and 29 duties it states.

use super::precondition;
use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::migration::{
    check_at_least, check_at_most, check_charges, check_charges_within_bound, check_erasure, check_formats_register, check_infrastructure, check_procedure, MAX_NOTICE_DAYS,
    MAX_TRANSITION_DAYS, MIN_RETRIEVAL_DAYS,
};
use hutong_checks::schema::SchemaSet;
use hutong_model::{msg, Finding};
use serde_json::Value;

#[when("the client fetches the switching terms")]
async fn fetch_terms(w: &mut PlatformWorld) {
    let url = w.endpoint("switching_terms");
    let response = w.request(http::Method::GET, url.as_str()).label("switching terms").send(&w.rec).await.or_raise();
    hutong_checks::expect_status(&response, 200, msg!("steps-cm-switching-the-terms")).or_raise();
    let terms = hutong_checks::json_body(&response, msg!("steps-cm-switching-the-terms")).or_raise();
    w.cm.terms = Some(terms);
}

#[then(expr = "the terms validate against {string}")]
fn terms_valid(w: &mut PlatformWorld, schema: String) {
    SchemaSet::embedded().check(&schema, earlier!(w.cm.terms), msg!("steps-cm-switching-the-terms")).or_raise();
}

#[given("the platform's published switching terms")]
async fn published_terms(w: &mut PlatformWorld) {
    let url = w.ctx().discovery.endpoint("switching_terms").unwrap_or_else(|f| raise(precondition(f.text)));
    let response = w.request(http::Method::GET, url.as_str()).label("switching terms").send(&w.rec).await.or_raise();
    let terms: Value = match response.status {
        200 => response.json_value().unwrap_or_else(|e| raise(precondition(msg!("steps-cm-switching-terms-not-json", error = e.to_string())))),
        s => raise(precondition(msg!("steps-cm-switching-terms-status", status = s))),
    };
    w.cm.terms = Some(terms);
}

#[then("the notice period is at most two months")]
fn notice(w: &mut PlatformWorld) {
    check_at_most(earlier!(w.cm.terms), "notice_period_days", MAX_NOTICE_DAYS, msg!("steps-cm-switching-rule-notice")).or_raise();
}

#[then("the transition period is at most 30 days")]
fn transition(w: &mut PlatformWorld) {
    check_at_most(earlier!(w.cm.terms), "transition_period_days", MAX_TRANSITION_DAYS, msg!("steps-cm-switching-rule-transition")).or_raise();
}

#[then("the data-retrieval period is at least 30 days")]
fn retrieval(w: &mut PlatformWorld) {
    check_at_least(earlier!(w.cm.terms), "data_retrieval_period_days", MIN_RETRIEVAL_DAYS, msg!("steps-cm-switching-rule-retrieval")).or_raise();
}

#[then("the switching and egress charges are stated, and no other charge is mandatory")]
fn charges(w: &mut PlatformWorld) {
    check_charges(earlier!(w.cm.terms)).or_raise();
}

#[then("the switching and egress charges are within the bound of the run's date")]
fn charges_within_bound(w: &mut PlatformWorld) {
    // The bound depends on the day the platform is judged (EU Data Act art. 29(1)): the UTC date
    // of this step.
    check_charges_within_bound(earlier!(w.cm.terms), time::OffsetDateTime::now_utc().date()).or_raise();
}

/// A URL the switching terms declare, which the harness fetches only on the platform's origins.
fn declared_url(w: &PlatformWorld, member: &str) -> url::Url {
    let terms = earlier!(w.cm.terms);
    let pointer = format!("/{}", member.replace('.', "/"));
    let url = terms
        .pointer(&pointer)
        .and_then(Value::as_str)
        .and_then(|u| url::Url::parse(u).ok())
        .unwrap_or_else(|| raise(Finding::fail(msg!("steps-cm-switching-no-url", member = member))));
    crate::runner::world::check_on_platform(&w.ctx(), &url, msg!("steps-cm-switching-terms-member", member = member)).or_raise();
    url
}

#[when("the client fetches the formats register the terms link, without credentials")]
async fn fetch_register(w: &mut PlatformWorld) {
    let url = declared_url(w, "formats_register");
    let response = w.ctx().http.get(url.as_str()).label("formats register (no credentials)").send(&w.rec).await.or_raise();
    hutong_checks::expect_status(&response, 200, msg!("steps-cm-switching-register-without-credentials")).or_raise();
    w.cm.register = Some(hutong_checks::json_body(&response, msg!("steps-cm-switching-the-register")).or_raise());
}

#[then(expr = "the register validates against {string}")]
fn register_valid(w: &mut PlatformWorld, schema: String) {
    SchemaSet::embedded().check(&schema, earlier!(w.cm.register), msg!("steps-cm-switching-the-register")).or_raise();
}

#[then("the register lists exactly the export's entities, with their media type and schema")]
fn register_matches_export(w: &mut PlatformWorld) {
    check_formats_register(earlier!(w.cm.register), earlier!(w.cm.manifest)).or_raise();
}

#[then("the terms state when and within how many days exportable data is erased")]
fn erasure(w: &mut PlatformWorld) {
    check_erasure(earlier!(w.cm.terms)).or_raise();
}

#[then("the terms state the jurisdictions of the infrastructure, consistently with whether data leaves China")]
fn infrastructure(w: &mut PlatformWorld) {
    check_infrastructure(earlier!(w.cm.terms)).or_raise();
}

#[then("the terms describe the switching procedure and list the known limitations")]
fn procedure(w: &mut PlatformWorld) {
    let url = check_procedure(earlier!(w.cm.terms)).or_raise();
    w.cm.procedure_url = Some(url);
}

#[when("the client opens the procedure page without credentials")]
async fn open_procedure(w: &mut PlatformWorld) {
    let url = earlier!(w.cm.procedure_url).clone();
    crate::runner::world::check_on_platform(&w.ctx(), &url, msg!("steps-cm-switching-terms-member", member = "procedure.url")).or_raise();
    let request = w.ctx().http.get(url.as_str()).label("switching procedure page (no credentials)");
    w.send(request).await;
}

#[then("the procedure page answers 200")]
fn procedure_answered(w: &mut PlatformWorld) {
    let response = w.last();
    if response.status != 200 {
        raise(Finding::fail(msg!("steps-cm-switching-procedure-status", status = response.status, hint = hutong_checks::body_hint(response))));
    }
}
