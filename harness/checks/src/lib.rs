//! The shared checks of the suite: what step definitions call to judge a platform's answers.
//!
//! Every check takes what the harness received over HTTP (never the reference platform's code
//! or state) and returns `Ok` or a [`Finding`]: `fail` when the platform broke a requirement,
//! `error` when the harness could not decide. Steps stay thin; the judgement lives here.
#![forbid(unsafe_code)]

pub mod capabilities;
pub mod contract;
pub mod corpus;
pub mod deprecation;
pub mod differential;
pub mod disclosure;
pub mod discovery;
pub mod export;
pub mod fidelity;
pub mod formats;
pub mod interconnect;
pub mod links;
pub mod merchant_data;
pub mod oauth;
pub mod migration;
pub mod openapi;
pub mod paging;
pub mod payment;
pub mod problem;
pub mod rate_limit;
pub mod s3;
pub mod schema;
pub mod stats;
pub mod strict_json;
pub mod sweep;
pub mod transparency;
pub mod wellknown;

pub use hutong_model::Finding;
use hutong_model::{msg, Message};

/// Turns a transport failure into an `error` finding: the harness could not obtain or bound an
/// answer, so it cannot judge the requirement.
pub fn transport(error: hutong_http::HttpError) -> Finding {
    Finding::error(msg!("checks-transport", error = error.to_string()))
}

/// Expects `status` from `response`, or fails saying what was seen. `what` names the request
/// (a message, e.g. `msg!(…)`; English text is shown as it is).
pub fn expect_status(response: &hutong_http::Response, expected: u16, what: impl Into<Message>) -> Result<(), Finding> {
    if response.status == expected {
        return Ok(());
    }
    let what: Message = what.into();
    Err(Finding::fail(match body_excerpt(response) {
        None => msg!("checks-unexpected-status", what = what, expected = expected, status = response.status),
        Some(body) => msg!("checks-unexpected-status-with-body", what = what, expected = expected, status = response.status, body = body),
    }))
}

/// A short, sanitised excerpt of a response body for a message, `None` for an empty body.
pub fn body_excerpt(response: &hutong_http::Response) -> Option<String> {
    if response.body.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(&response.body[..response.body.len().min(200)]).into_owned();
    Some(hutong_model::sanitize_line(&text, 160))
}

/// A short, sanitised excerpt of a response body for a message: ` (excerpt)`, or nothing for an
/// empty body (see [`body_excerpt`]).
pub fn body_hint(response: &hutong_http::Response) -> String {
    body_excerpt(response).map(|e| format!(" ({e})")).unwrap_or_default()
}

/// Parses a response body as JSON; a body that is not JSON, or not I-JSON (a member name repeated
/// in one object, RFC 7493 §2.3), is a `fail` of the operation that promised JSON. `what` names
/// the answer (a message, e.g. `msg!(…)`; English text is shown as it is).
pub fn json_body(response: &hutong_http::Response, what: impl Into<Message>) -> Result<serde_json::Value, Finding> {
    let what: Message = what.into();
    let value = response
        .json_value()
        .map_err(|e| Finding::fail(msg!("checks-body-not-json", what = what.clone(), error = e.to_string())))?;
    strict_json::check_unique_keys(&response.body).map_err(|e| Finding::fail(msg!("checks-body-not-ijson", what = what, error = e)))?;
    Ok(value)
}
