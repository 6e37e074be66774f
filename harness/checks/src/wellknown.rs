//! Well-known resources beside discovery (OPIS §13): the security contact (`security.txt`,
//! RFC 9116, CORE-03) and the API catalog (`api-catalog`, RFC 9727 with the linkset format of
//! RFC 9264, CORE-04).

use hutong_model::{msg, sanitize_line, Finding, Message};
use serde_json::Value;
use std::collections::BTreeSet;
use url::Url;

/// Path of the security contact (RFC 9116 §3).
pub const SECURITY_TXT_PATH: &str = "/.well-known/security.txt";

/// Path of the API catalog (RFC 9727 §2).
pub const API_CATALOG_PATH: &str = "/.well-known/api-catalog";

/// The media type of a security.txt: `text/plain` with `charset=utf-8` (RFC 9116 §3).
fn is_text_plain_utf8(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else { return false };
    let mut parts = ct.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("text/plain")
        && parts.filter_map(|p| p.split_once('=')).any(|(k, v)| k.trim().eq_ignore_ascii_case("charset") && v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8"))
}

/// CORE-03: `text` is a security.txt as RFC 9116 defines it — served as `text/plain;
/// charset=utf-8` (§3), with at least one `Contact` (§2.5.3) and exactly one `Expires` that is not
/// in the past at `now` (§2.5.5); parsed by the `sectxtlib` crate.
pub fn check_security_txt(content_type: Option<&str>, text: &str, now: time::OffsetDateTime) -> Result<(), Finding> {
    if !is_text_plain_utf8(content_type) {
        return Err(Finding::fail(match content_type {
            Some(c) => msg!("wellknown-security-txt-media-type", content_type = format!("{:?}", sanitize_line(c, 80))),
            None => msg!("wellknown-security-txt-no-content-type"),
        }));
    }
    let now = chrono::DateTime::<chrono::Utc>::from_timestamp(now.unix_timestamp(), 0).unwrap_or_else(chrono::Utc::now);
    // Not strict about line endings: RFC 9116 §4 allows CRLF and LF.
    let options = sectxtlib::SecurityTxtOptions { now, strict: false };
    sectxtlib::SecurityTxt::parse_with(text, &options)
        .map(|_| ())
        .map_err(|e| Finding::fail(msg!("wellknown-security-txt-invalid", error = e.to_string())))
}

/// The media type of a JSON linkset (RFC 9264 §4.2), with or without its `profile` parameter.
fn is_linkset_json(content_type: Option<&str>) -> bool {
    content_type.and_then(|c| c.split(';').next()).is_some_and(|e| e.trim().eq_ignore_ascii_case("application/linkset+json"))
}

/// Every link target of a JSON linkset (RFC 9264 §4.2): each `href` of each relation of each
/// link context object, resolved against `base`.
pub fn linkset_targets(catalog: &Value, base: &Url) -> Result<BTreeSet<String>, Finding> {
    let contexts = catalog
        .get("linkset")
        .and_then(Value::as_array)
        .ok_or_else(|| Finding::fail(msg!("wellknown-catalog-no-linkset")))?;
    let mut out = BTreeSet::new();
    for context in contexts {
        let Some(object) = context.as_object() else {
            return Err(Finding::fail(msg!("wellknown-catalog-context-not-object")));
        };
        for (relation, targets) in object.iter().filter(|(k, _)| k.as_str() != "anchor") {
            let Some(targets) = targets.as_array() else {
                return Err(Finding::fail(msg!("wellknown-catalog-relation-not-array", relation = format!("{:?}", sanitize_line(relation, 60)))));
            };
            for href in targets.iter().filter_map(|t| t.get("href").and_then(Value::as_str)) {
                if let Ok(url) = base.join(href) {
                    out.insert(url.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// CORE-04: the API catalog is a JSON linkset (RFC 9727 §4, RFC 9264 §4.2) that links, under any
/// relation, to each URL of `required` (name → URL: the discovery document and the OpenAPI
/// description).
pub fn check_api_catalog(content_type: Option<&str>, catalog: &Value, catalog_url: &Url, required: &[(Message, Url)]) -> Result<(), Finding> {
    if !is_linkset_json(content_type) {
        return Err(Finding::fail(match content_type {
            Some(c) => msg!("wellknown-catalog-media-type", content_type = format!("{:?}", sanitize_line(c, 80))),
            None => msg!("wellknown-catalog-no-content-type"),
        }));
    }
    let targets = linkset_targets(catalog, catalog_url)?;
    let missing = required
        .iter()
        .filter(|(_, url)| !targets.contains(url.as_str()))
        .map(|(name, url)| msg!("wellknown-catalog-link", name = name.clone(), url = url.as_str()))
        .reduce(|first, next| msg!("wellknown-catalog-link-nor", first = first, next = next));
    match missing {
        None => Ok(()),
        Some(missing) => Err(Finding::fail(msg!("wellknown-catalog-missing-links", missing = missing))),
    }
}
