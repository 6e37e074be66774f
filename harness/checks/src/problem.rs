//! RFC 9457 problem details.

use hutong_http::Response;
use hutong_model::{msg, Finding};

/// Checks that an error answer is RFC 9457 problem details: media type
/// `application/problem+json` (§3), a JSON object whose `status` equals the HTTP status (§3.1.2),
/// a `title` string (§3.1.3) and a `type` URI reference (§3.1.1).
pub fn check_problem_details(response: &Response) -> Result<(), Finding> {
    let status = response.status;
    let media = response.content_type().unwrap_or_default();
    if media != "application/problem+json" {
        return Err(Finding::fail(if media.is_empty() {
            msg!("problem-no-media-type", status = status)
        } else {
            msg!("problem-wrong-media-type", status = status, media = format!("{media:?}"))
        }));
    }
    let body = crate::json_body(response, msg!("problem-details-of", status = status))?;
    let object = body
        .as_object()
        .ok_or_else(|| Finding::fail(msg!("problem-not-object", status = status)))?;
    match object.get("status").and_then(|s| s.as_u64()) {
        Some(s) if s == u64::from(status) => {}
        other => return Err(Finding::fail(msg!("problem-status-differs", found = format!("{other:?}"), status = status))),
    }
    if !object.get("title").is_some_and(|t| t.is_string()) {
        return Err(Finding::fail(msg!("problem-no-title")));
    }
    match object.get("type").and_then(|t| t.as_str()) {
        Some(t) if url::Url::parse(t).is_ok() || t.starts_with('/') => Ok(()),
        other => Err(Finding::fail(msg!("problem-type-not-uri", found = format!("{:?}", other.map(|t| hutong_model::sanitize_line(t, 100)))))),
    }
}

/// Statuses of a denial: the answers that must cite the rule they apply (OE-16, OPIS §9).
pub const DENIAL_STATUSES: [u16; 3] = [403, 429, 451];

/// The published rule a denial cites (OE-16): a document of the disclosure index and the `id` of
/// one of its sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedRule {
    /// The `kind` of the listed document.
    pub kind: String,
    /// The listed `current` URL, fetched without credentials.
    pub document: String,
    /// The fragment: a section `id`.
    pub section: String,
}

/// Checks that a denial (`403`, `429`, `451`) cites a published rule (OE-16, OPIS §9): problem
/// details (RFC 9457 §3) whose `type` is an absolute URI (RFC 3986 §4.3), `https` unless the
/// discovery document itself came over `http` (`http_allowed`), that is, without its fragment,
/// the `current` URL of a document the disclosure index lists, with a fragment (RFC 3986 §3.5)
/// naming the section. Returns the rule to fetch and look the section up in.
pub fn check_cites_rule(response: &Response, listed: &[crate::disclosure::Listed], http_allowed: bool) -> Result<CitedRule, Finding> {
    let status = response.status;
    check_problem_details(response)?;
    let body = crate::json_body(response, msg!("problem-details-of", status = status))?;
    let raw = body.get("type").and_then(|t| t.as_str()).unwrap_or_default();
    let shown = format!("{:?}", hutong_model::sanitize_line(raw, 120));
    let uri = url::Url::parse(raw).map_err(|_| Finding::fail(msg!("problem-denial-type-not-absolute", status = status, uri = &shown)))?;
    if uri.scheme() != "https" && !(http_allowed && uri.scheme() == "http") {
        return Err(Finding::fail(msg!("problem-denial-type-not-https", status = status, uri = &shown)));
    }
    let Some(section) = uri.fragment().filter(|f| !f.is_empty()).map(str::to_string) else {
        return Err(Finding::fail(msg!("problem-denial-type-no-fragment", status = status, uri = &shown)));
    };
    let mut document = uri.clone();
    document.set_fragment(None);
    let listed_doc = listed.iter().find(|d| url::Url::parse(&d.current).is_ok_and(|c| c == document)).ok_or_else(|| {
        Finding::fail(msg!(
            "problem-denial-type-not-listed",
            status = status,
            uri = &shown,
            listed = listed.iter().map(|d| hutong_model::sanitize_line(&d.current, 120)).collect::<Vec<_>>().join(", ")
        ))
    })?;
    Ok(CitedRule { kind: listed_doc.kind.clone(), document: document.to_string(), section })
}

/// Checks that the document a denial cites, as fetched without credentials, is a disclosure
/// document of the listed kind with a section whose `id` is the cited fragment (OE-16).
pub fn check_cited_section(doc: &serde_json::Value, rule: &CitedRule) -> Result<(), Finding> {
    let what = msg!("problem-cited-document", url = hutong_model::sanitize_line(&rule.document, 120));
    crate::disclosure::check_document(doc, &rule.kind, what.clone())?;
    let sections = doc.pointer("/content/sections").and_then(|s| s.as_array()).cloned().unwrap_or_default();
    if sections.iter().any(|s| s.get("id").and_then(|i| i.as_str()) == Some(rule.section.as_str())) {
        return Ok(());
    }
    let ids: Vec<String> = sections.iter().filter_map(|s| s.get("id").and_then(|i| i.as_str())).map(|i| format!("{:?}", hutong_model::sanitize_line(i, 40))).collect();
    let section = format!("{:?}", hutong_model::sanitize_line(&rule.section, 60));
    Err(Finding::fail(if ids.is_empty() {
        msg!("problem-cited-section-missing-no-ids", section = section, document = what)
    } else {
        msg!("problem-cited-section-missing", section = section, document = what, ids = ids.join(", "))
    }))
}
