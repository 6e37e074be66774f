//! Open interconnection protocols: oEmbed (<https://oembed.com>), WebFinger (RFC 7033) and
//! ActivityPub (W3C, 2018). Each check takes what the harness received and names the clause it
//! applies.

use crate::schema::SchemaSet;
use hutong_model::{msg, Finding};
use scraper::{Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

/// The protocols declared in `capabilities.open_protocols` of discovery, validated against
/// `open-protocols.schema.json`. Declaring none is a `fail`: at least one is required.
pub fn declared_protocols(capabilities: &Value) -> Result<Value, Finding> {
    let declared = capabilities
        .get("open_protocols")
        .ok_or_else(|| Finding::fail(msg!("interconnect-none-declared")))?;
    SchemaSet::embedded().check("open-protocols.schema.json", declared, msg!("interconnect-the-declaration"))?;
    Ok(declared.clone())
}

/// The open interconnection protocols OPIS knows (OPIS §15), by their `open_protocols` key.
pub const KNOWN_PROTOCOLS: &[&str] = &["oembed", "webfinger", "activitypub"];

/// AI-08's "at least one open interconnection protocol": every key of `declared` must be one
/// OPIS knows ([`KNOWN_PROTOCOLS`]), and at least one must be there. A declaration the harness
/// cannot probe is a `fail` naming its key, never a vacuous pass or `not_applicable`.
pub fn check_known_protocols(declared: &Value) -> Result<(), Finding> {
    let keys: Vec<&String> = declared.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    let unknown: Vec<String> = keys
        .iter()
        .filter(|k| !KNOWN_PROTOCOLS.contains(&k.as_str()))
        .map(|k| format!("{:?}", hutong_model::sanitize_line(k, 60)))
        .collect();
    if !unknown.is_empty() {
        return Err(Finding::fail(msg!("interconnect-unknown-protocols", unknown = unknown.join(", "), known = KNOWN_PROTOCOLS.join(", "))));
    }
    if keys.is_empty() {
        return Err(Finding::fail(msg!("interconnect-no-known-protocol", known = KNOWN_PROTOCOLS.join(", "))));
    }
    Ok(())
}

/// The JSON oEmbed endpoint a content page advertises (oEmbed §4: a `<link rel="alternate"
/// type="application/json+oembed" href="...">` element), or a `fail`. The page is parsed as a
/// browser would (`scraper`/`html5ever`): names in any case, attribute values quoted or not,
/// character references decoded, comments ignored.
pub fn oembed_discovery_link(html: &str) -> Result<String, Finding> {
    static LINKS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("link").expect("a valid selector"));
    let page = Html::parse_document(html);
    let discovery = page.select(&LINKS).map(|l| l.value()).find(|l| {
        let rel = l.attr("rel").unwrap_or_default();
        rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("alternate"))
            && l.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json+oembed"))
    });
    match discovery {
        Some(link) => link
            .attr("href")
            .map(|h| h.trim().to_string())
            .ok_or_else(|| Finding::fail(msg!("interconnect-oembed-link-no-href"))),
        None => Err(Finding::fail(msg!("interconnect-oembed-no-link"))),
    }
}

fn positive_integer(doc: &Value, key: &str) -> bool {
    doc.get(key).and_then(Value::as_u64).is_some_and(|n| n > 0)
}

/// Checks an oEmbed JSON response (oEmbed §2.3.4): `version` "1.0", `type` one of photo, video,
/// link, rich, and the parameters that type requires.
pub fn check_oembed_response(doc: &Value) -> Result<(), Finding> {
    if !doc.is_object() {
        return Err(Finding::fail(msg!("interconnect-oembed-not-object")));
    }
    match doc.get("version").and_then(Value::as_str) {
        Some("1.0") => {}
        Some(v) => return Err(Finding::fail(msg!("interconnect-oembed-version", version = format!("{v:?}")))),
        None => return Err(Finding::fail(msg!("interconnect-oembed-no-version"))),
    }
    let kind = doc.get("type").and_then(Value::as_str).unwrap_or_default();
    let required: &[&str] = match kind {
        "photo" => &["url", "width", "height"],
        "video" | "rich" => &["html", "width", "height"],
        "link" => &[],
        "" => return Err(Finding::fail(msg!("interconnect-oembed-no-type"))),
        other => return Err(Finding::fail(msg!("interconnect-oembed-unknown-type", kind = format!("{other:?}")))),
    };
    for key in required {
        let ok = match *key {
            "width" | "height" => positive_integer(doc, key),
            _ => doc.get(*key).and_then(Value::as_str).is_some_and(|s| !s.is_empty()),
        };
        if !ok {
            let section: u32 = match kind {
                "photo" => 1,
                "video" => 2,
                _ => 4,
            };
            return Err(Finding::fail(msg!("interconnect-oembed-missing-parameter", kind = kind, key = *key, section = section)));
        }
    }
    Ok(())
}

/// Whether `content_type` names `media` (parameters ignored).
pub fn media_type_is(content_type: Option<&str>, media: &str) -> bool {
    content_type.and_then(|c| c.split(';').next()).is_some_and(|e| e.trim().eq_ignore_ascii_case(media))
}

/// Checks a WebFinger answer for `resource` (RFC 7033): served as `application/jrd+json`
/// (§4.2, §10.2), readable cross-origin (§5), a JRD whose `subject` is the resource and whose
/// links carry `rel` (§4.4).
pub fn check_jrd(resource: &str, content_type: Option<&str>, allow_origin: Option<&str>, jrd: &Value) -> Result<(), Finding> {
    if !media_type_is(content_type, "application/jrd+json") {
        return Err(Finding::fail(match content_type {
            Some(c) => msg!("interconnect-jrd-media-type", content_type = format!("{c:?}")),
            None => msg!("interconnect-jrd-no-content-type"),
        }));
    }
    if allow_origin.is_none() {
        return Err(Finding::fail(msg!("interconnect-jrd-no-cors")));
    }
    let subject = jrd.get("subject").and_then(Value::as_str).unwrap_or_default();
    if subject != resource {
        return Err(Finding::fail(msg!(
            "interconnect-jrd-subject",
            subject = format!("{:?}", hutong_model::sanitize_line(subject, 120)),
            resource = format!("{resource:?}")
        )));
    }
    let links = jrd.get("links").and_then(Value::as_array).ok_or_else(|| Finding::fail(msg!("interconnect-jrd-no-links")))?;
    if let Some(i) = links.iter().position(|l| !l.get("rel").is_some_and(Value::is_string)) {
        return Err(Finding::fail(msg!("interconnect-jrd-link-no-rel", index = i)));
    }
    Ok(())
}

/// The `href` of the JRD's `self` link of type `application/activity+json` (the ActivityPub
/// actor of the account), if any.
pub fn activitypub_self_link(jrd: &Value) -> Option<String> {
    jrd.get("links")?.as_array()?.iter().find_map(|l| {
        let rel = l.get("rel").and_then(Value::as_str)?;
        let kind = l.get("type").and_then(Value::as_str).unwrap_or_default();
        let activity = kind == "application/activity+json" || kind.starts_with("application/ld+json");
        (rel == "self" && activity).then(|| l.get("href").and_then(Value::as_str).map(str::to_string)).flatten()
    })
}

/// Whether `content_type` is an ActivityStreams media type (ActivityPub §3.2).
pub fn is_activity_json(content_type: Option<&str>) -> bool {
    media_type_is(content_type, "application/activity+json")
        || (media_type_is(content_type, "application/ld+json") && content_type.is_some_and(|c| c.contains("https://www.w3.org/ns/activitystreams")))
}

/// Checks an ActivityPub actor document (ActivityPub §4.1: `inbox` and `outbox` MUST be present;
/// §3.1: objects have `id` and `type`) and returns the outbox URL.
pub fn check_actor(content_type: Option<&str>, actor: &Value) -> Result<String, Finding> {
    if !is_activity_json(content_type) {
        return Err(Finding::fail(match content_type {
            Some(c) => msg!("interconnect-actor-media-type", content_type = format!("{c:?}")),
            None => msg!("interconnect-actor-no-content-type"),
        }));
    }
    let missing: Vec<&str> = ["id", "type", "inbox", "outbox"].into_iter().filter(|k| !actor.get(*k).is_some_and(Value::is_string)).collect();
    if !missing.is_empty() {
        return Err(Finding::fail(msg!("interconnect-actor-missing", members = missing.join(", "))));
    }
    Ok(actor["outbox"].as_str().unwrap_or_default().to_string())
}

/// Checks an actor's outbox: an `OrderedCollection` (ActivityPub §5.1), served as ActivityStreams.
pub fn check_outbox(content_type: Option<&str>, outbox: &Value) -> Result<(), Finding> {
    if !is_activity_json(content_type) {
        return Err(Finding::fail(match content_type {
            Some(c) => msg!("interconnect-outbox-media-type", content_type = format!("{c:?}")),
            None => msg!("interconnect-outbox-no-content-type"),
        }));
    }
    match outbox.get("type").and_then(Value::as_str) {
        Some("OrderedCollection" | "OrderedCollectionPage") => Ok(()),
        // `Some("…")` and `None`, as the English has always shown them.
        Some(other) => Err(Finding::fail(msg!("interconnect-outbox-type", kind = format!("{other:?}")))),
        None => Err(Finding::fail(msg!("interconnect-outbox-no-type"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue 11, "vacuous declarations": an unknown key made AI-08 `not_applicable`.
    #[test]
    fn unknown_or_no_known_protocol_is_a_fail_naming_it() {
        assert!(check_known_protocols(&serde_json::json!({"oembed": {"content_url": "https://a/p"}, "activitypub": {}})).is_ok());
        let unknown = check_known_protocols(&serde_json::json!({"gopher": {}, "webfinger": {"resource": "acct:a@b"}})).unwrap_err();
        assert_eq!(unknown.outcome(), hutong_model::Outcome::Fail);
        assert!(unknown.message.contains("\"gopher\""), "{}", unknown.message);
        let none = check_known_protocols(&serde_json::json!({})).unwrap_err();
        assert_eq!(none.outcome(), hutong_model::Outcome::Fail);
    }
    use serde_json::json;

    #[test]
    fn oembed_discovery_is_found() {
        let html = r#"<head><link rel="stylesheet" href="/a.css"><LINK type="application/json+oembed" rel="alternate" href="https://x.example/oembed?url=a&amp;format=json"></head>"#;
        assert_eq!(oembed_discovery_link(html).unwrap(), "https://x.example/oembed?url=a&format=json");
        assert!(oembed_discovery_link("<head></head>").is_err());
    }

    /// `<link>` elements the string-matching reader missed or misread: `>` inside a quoted
    /// attribute, numeric character references, a link only inside a comment, an attribute name
    /// that merely ends in `href`.
    #[test]
    fn oembed_discovery_is_read_as_html() {
        let want = "https://x.example/oembed?url=a&format=json";
        for html in [
            "<HEAD><LINK TITLE=\"a > b\" REL=\"alternate\" TYPE=\"application/json+oembed\" HREF=\"https://x.example/oembed?url=a&amp;format=json\"></HEAD>",
            "<head><link\n rel='alternate'\n type='application/json+oembed'\n href='https://x.example/oembed?url=a&#38;format=json'></head>",
            "<head><link rel=alternate type=application/json+oembed data-href=https://evil.example/ href=https://x.example/oembed?url=a&#x26;format=json></head>",
        ] {
            assert_eq!(oembed_discovery_link(html).ok().as_deref(), Some(want), "{html}");
        }
        let commented = "<head><!-- <link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://x.example/oembed\"> --></head>";
        assert!(oembed_discovery_link(commented).is_err(), "a commented-out link advertises nothing");
    }

    #[test]
    fn oembed_responses() {
        let cases = [
            (json!({"version": "1.0", "type": "rich", "html": "<i>x</i>", "width": 10, "height": 10}), true),
            (json!({"version": "1.0", "type": "link"}), true),
            (json!({"type": "link"}), false),
            (json!({"version": "1.0", "type": "photo", "url": "u", "width": 1}), false),
            (json!({"version": "1.0", "type": "movie"}), false),
            (json!({"version": "2.0", "type": "link"}), false),
        ];
        for (doc, ok) in cases {
            assert_eq!(check_oembed_response(&doc).is_ok(), ok, "{doc}");
        }
    }

    #[test]
    fn jrd_checks() {
        let jrd = json!({"subject": "acct:a@x", "links": [{"rel": "self", "type": "application/activity+json", "href": "https://x/a"}]});
        assert!(check_jrd("acct:a@x", Some("application/jrd+json"), Some("*"), &jrd).is_ok());
        assert!(check_jrd("acct:a@x", Some("application/json"), Some("*"), &jrd).is_err());
        assert!(check_jrd("acct:a@x", Some("application/jrd+json"), None, &jrd).is_err());
        assert!(check_jrd("acct:b@x", Some("application/jrd+json"), Some("*"), &jrd).is_err());
        assert_eq!(activitypub_self_link(&jrd).as_deref(), Some("https://x/a"));
    }

    #[test]
    fn actors() {
        let actor = json!({"id": "i", "type": "Person", "inbox": "a", "outbox": "b"});
        assert_eq!(check_actor(Some("application/activity+json"), &actor).unwrap(), "b");
        assert!(check_actor(Some("application/activity+json"), &json!({"id": "i", "type": "Person", "inbox": "a"})).is_err());
        assert!(check_actor(Some("application/json"), &actor).is_err());
        assert!(check_outbox(Some("application/activity+json"), &json!({"type": "OrderedCollection"})).is_ok());
    }
}
