//! Steps shared by every profile.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then};
use hutong_model::Finding;

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
    hutong_checks::expect_status(response, status, "the answer").or_raise();
    let seen = response.content_type().unwrap_or_default();
    if seen != media {
        raise(Finding::fail(format!("served as {:?}, expected {media:?}", if seen.is_empty() { "no Content-Type" } else { &seen })));
    }
}

#[then(expr = "the body validates against the schema {string}")]
fn body_validates(w: &mut PlatformWorld, schema: String) {
    let body = hutong_checks::json_body(w.last(), "the answer").or_raise();
    hutong_checks::schema::SchemaSet::embedded().check(&schema, &body, "the answer").or_raise();
}
