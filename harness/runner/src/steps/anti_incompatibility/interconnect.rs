//! AI-08, AI-09, AI-10: open interconnection protocols (oEmbed, WebFinger, ActivityPub) declared
//! in `capabilities.open_protocols` of discovery.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_checks::interconnect as checks;
use hutong_model::{msg, Finding};
use serde_json::Value;

#[given("the declared open protocols")]
fn declared_protocols(w: &mut PlatformWorld) {
    let capabilities = w.discovery().capabilities;
    let declared = checks::declared_protocols(&capabilities).or_raise();
    w.ai.open_protocols = Some(declared);
}

#[then("every declared open protocol is one OPIS knows")]
fn known_protocols(w: &mut PlatformWorld) {
    checks::check_known_protocols(earlier!(w.ai.open_protocols)).or_raise();
}

/// The declaration of `protocol`. AI-09 and AI-10 run only when theirs is declared (registry
/// `conditional_on`), so a missing one here is the harness's `error`.
fn declaration(w: &PlatformWorld, protocol: &str) -> Value {
    match earlier!(w.ai.open_protocols).get(protocol) {
        Some(d) => d.clone(),
        None => raise(Finding::error(msg!("steps-ai-interconnect-undeclared", protocol = protocol))),
    }
}

/// Whether oEmbed is declared. AI-08 requires at least one declared protocol (checked with the
/// declaration) and that a declared oEmbed provider works; a platform offering only WebFinger or
/// ActivityPub passes AI-08 without the oEmbed steps, which then check nothing.
fn oembed_declared(w: &PlatformWorld) -> bool {
    earlier!(w.ai.open_protocols).get("oembed").is_some()
}

// --- AI-08: oEmbed ----------------------------------------------------------------------------

#[when("the harness reads the declared oEmbed content page")]
async fn read_content_page(w: &mut PlatformWorld) {
    if !oembed_declared(w) {
        return;
    }
    let page = declaration(w, "oembed")["content_url"].as_str().unwrap_or_default().to_string();
    let request = w.ctx().http.get(&page).header("accept", "text/html").label("oEmbed content page");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-interconnect-content-page")).or_raise();
    w.ai.content_url = Some(Value::String(page));
}

#[then("the page advertises a JSON oEmbed endpoint")]
fn page_advertises_oembed(w: &mut PlatformWorld) {
    if !oembed_declared(w) {
        return;
    }
    let html = String::from_utf8_lossy(&w.last().body).into_owned();
    let href = checks::oembed_discovery_link(&html).or_raise();
    let absolute = w.last().url.join(&href).map_err(|e| Finding::fail(msg!("steps-ai-interconnect-href-not-url", error = e.to_string()))).or_raise();
    w.ai.oembed_url = Some(Value::String(absolute.to_string()));
}

#[when("the harness requests the advertised oEmbed representation")]
async fn request_oembed(w: &mut PlatformWorld) {
    if !oembed_declared(w) {
        return;
    }
    let url = earlier!(w.ai.oembed_url).as_str().unwrap_or_default().to_string();
    let request = w.ctx().http.get(&url).label("oEmbed representation");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-interconnect-oembed-endpoint")).or_raise();
}

#[then("it is a valid oEmbed JSON response for that page")]
fn valid_oembed(w: &mut PlatformWorld) {
    if !oembed_declared(w) {
        return;
    }
    let response = w.last();
    if !checks::media_type_is(response.content_type().as_deref(), "application/json") {
        raise(Finding::fail(msg!(
            "steps-ai-interconnect-oembed-media-type",
            content_type = format!("{:?}", response.content_type().unwrap_or_default())
        )));
    }
    let doc = hutong_checks::json_body(response, msg!("steps-ai-interconnect-oembed-response")).or_raise();
    checks::check_oembed_response(&doc).or_raise();
}

// --- AI-09: WebFinger -------------------------------------------------------------------------

/// The WebFinger endpoint: the declared one, or the well-known URI on the platform's origin
/// (RFC 7033 §4).
fn webfinger_url(w: &PlatformWorld) -> String {
    let discovery = w.discovery();
    if discovery.has_endpoint("webfinger") {
        return w.endpoint("webfinger").to_string();
    }
    let base = w.ctx().base_url.clone();
    base.join("/.well-known/webfinger").map(|u| u.to_string()).unwrap_or_default()
}

#[when("the harness looks up the declared WebFinger resource")]
async fn look_up_resource(w: &mut PlatformWorld) {
    let resource = declaration(w, "webfinger")["resource"].as_str().unwrap_or_default().to_string();
    let request = w.ctx().http.get(webfinger_url(w)).query(&[("resource", resource.as_str())]).header("origin", "https://other-platform.example").label("WebFinger lookup");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-interconnect-webfinger-lookup")).or_raise();
    w.ai.webfinger_resource = Some(Value::String(resource));
}

#[then("the answer is a JRD for that resource, served as application/jrd+json to any origin")]
fn answer_is_jrd(w: &mut PlatformWorld) {
    let resource = earlier!(w.ai.webfinger_resource).as_str().unwrap_or_default().to_string();
    let response = w.last();
    let jrd = hutong_checks::json_body(response, msg!("steps-ai-interconnect-webfinger-answer")).or_raise();
    checks::check_jrd(&resource, response.content_type().as_deref(), response.header("access-control-allow-origin"), &jrd).or_raise();
}

#[when("the harness sends a WebFinger request without a resource")]
async fn lookup_without_resource(w: &mut PlatformWorld) {
    let request = w.ctx().http.get(webfinger_url(w)).label("WebFinger without resource");
    w.send(request).await;
}

#[then("the WebFinger service answers 400")]
fn answers_400(w: &mut PlatformWorld) {
    hutong_checks::expect_status(w.last(), 400, msg!("steps-ai-interconnect-webfinger-no-resource")).or_raise();
}

// --- AI-10: ActivityPub -----------------------------------------------------------------------

#[when("the harness follows the account's ActivityPub self link")]
async fn follow_self_link(w: &mut PlatformWorld) {
    let _ = declaration(w, "activitypub");
    let resource = earlier!(w.ai.open_protocols)["webfinger"]["resource"].as_str().map(str::to_string);
    let Some(resource) = resource else {
        raise(Finding::fail(msg!("steps-ai-interconnect-no-webfinger-resource")));
    };
    // A precondition read leniently: WebFinger's own conformance is AI-09's.
    let request = w.ctx().http.get(webfinger_url(w)).query(&[("resource", resource.as_str())]).label("WebFinger lookup for the actor");
    let response = w.send(request).await;
    let jrd = response.json_value().map_err(|e| Finding::error(msg!("steps-ai-interconnect-jrd-unreadable", error = e.to_string()))).or_raise();
    let Some(actor_url) = checks::activitypub_self_link(&jrd) else {
        raise(Finding::fail(msg!("steps-ai-interconnect-no-self-link")));
    };
    let request = w.ctx().http.get(&actor_url).header("accept", "application/activity+json").label("ActivityPub actor");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-interconnect-actor")).or_raise();
}

#[then("the actor document has an id, a type, an inbox and an outbox")]
fn actor_complete(w: &mut PlatformWorld) {
    let response = w.last();
    let actor = hutong_checks::json_body(response, msg!("steps-ai-interconnect-actor-document")).or_raise();
    let outbox = checks::check_actor(response.content_type().as_deref(), &actor).or_raise();
    let outbox = response.url.join(&outbox).map_err(|e| Finding::fail(msg!("steps-ai-interconnect-outbox-not-url", error = e.to_string()))).or_raise();
    w.ai.outbox = Some(Value::String(outbox.to_string()));
}

#[then("the actor's outbox is an ordered collection")]
async fn outbox_ordered(w: &mut PlatformWorld) {
    let url = earlier!(w.ai.outbox).as_str().unwrap_or_default().to_string();
    let request = w.ctx().http.get(&url).header("accept", "application/activity+json").label("ActivityPub outbox");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, msg!("steps-ai-interconnect-outbox")).or_raise();
    let outbox = hutong_checks::json_body(&response, msg!("steps-ai-interconnect-outbox-document")).or_raise();
    checks::check_outbox(response.content_type().as_deref(), &outbox).or_raise();
}
