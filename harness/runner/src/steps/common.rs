//! Steps shared by every profile.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then};
use hutong_checks::payment::{next_action_url, without_order_id, NextActionOpened};
use hutong_model::{msg, Finding};
use serde_json::Value;

#[given("the discovery document")]
fn the_discovery_document(w: &mut PlatformWorld) {
    // Read once before the scenarios; a run without a usable discovery document never gets here.
    let _ = w.discovery();
}

#[given(expr = "the harness is authenticated as {string}")]
async fn authenticated_as(w: &mut PlatformWorld, role: String) {
    w.authenticate(&role).await;
}

#[then(expr = "the answer is {int} with media type {string}")]
fn answer_with_media_type(w: &mut PlatformWorld, status: u16, media: String) {
    let response = w.last();
    hutong_checks::expect_status(response, status, msg!("steps-common-the-answer")).or_raise();
    let seen = response.content_type().unwrap_or_default();
    if seen != media {
        let expected = format!("{media:?}");
        raise(Finding::fail(if seen.is_empty() {
            msg!("steps-common-served-untyped", expected = expected)
        } else {
            msg!("steps-common-served-as", seen = format!("{seen:?}"), expected = expected)
        }));
    }
}

#[then(expr = "the body validates against the schema {string}")]
fn body_validates(w: &mut PlatformWorld, schema: String) {
    let body = hutong_checks::json_body(w.last(), msg!("steps-common-the-answer")).or_raise();
    hutong_checks::schema::SchemaSet::embedded().check(&schema, &body, msg!("steps-common-the-answer")).or_raise();
}

/// Opens the next action of `order` (`next_action.url`, resolved against `base`) as a buyer's
/// browser would, without the client's token and without following redirects; `None` when the
/// order names no next action URL. A URL off the platform's origins is not opened (OPIS §6.3).
/// Exchanges go to `rec`.
pub(crate) async fn open_next_action(
    ctx: &crate::runner::world::RunContext,
    rec: &hutong_http::Recorder,
    base: &url::Url,
    order: &Value,
    label: String,
) -> Option<NextActionOpened> {
    let raw = next_action_url(order)?;
    let url = base.join(raw).unwrap_or_else(|e| {
        raise(Finding::fail(msg!(
            "steps-common-next-action-not-url",
            url = format!("{:?}", hutong_model::sanitize_line(raw, 120)),
            error = e.to_string()
        )))
    });
    if !crate::runner::world::is_on_platform(ctx, &url) {
        return Some(NextActionOpened::OffPlatform { host: url.host_str().unwrap_or_default().to_string() });
    }
    let response = ctx.http.get(url.as_str()).follow_redirects(false).label(label).send(rec).await.or_raise();
    let id = order.get("id").and_then(Value::as_str);
    Some(NextActionOpened::Answered {
        status: response.status,
        content_type: response.content_type(),
        location: response.header("location").map(|l| without_order_id(l, id)),
    })
}
