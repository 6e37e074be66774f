//! RFC 9457 problem details.

use hutong_http::Response;
use hutong_model::Finding;

/// Checks that an error answer is RFC 9457 problem details: media type
/// `application/problem+json` (§3), a JSON object whose `status` equals the HTTP status (§3.1.2),
/// a `title` string (§3.1.3) and a `type` URI reference (§3.1.1).
pub fn check_problem_details(response: &Response) -> Result<(), Finding> {
    let status = response.status;
    let media = response.content_type().unwrap_or_default();
    if media != "application/problem+json" {
        return Err(Finding::fail(format!(
            "HTTP {status} answer is served as {:?}, not application/problem+json (RFC 9457 §3)",
            if media.is_empty() { "no Content-Type" } else { media.as_str() }
        )));
    }
    let body = crate::json_body(response, &format!("HTTP {status} problem details"))?;
    let object = body
        .as_object()
        .ok_or_else(|| Finding::fail(format!("HTTP {status} problem details are not a JSON object")))?;
    match object.get("status").and_then(|s| s.as_u64()) {
        Some(s) if s == u64::from(status) => {}
        other => {
            return Err(Finding::fail(format!(
                "problem `status` is {other:?}, but the HTTP status is {status} (RFC 9457 §3.1.2)"
            )))
        }
    }
    if !object.get("title").is_some_and(|t| t.is_string()) {
        return Err(Finding::fail("problem details carry no `title` string (RFC 9457 §3.1.3)"));
    }
    match object.get("type").and_then(|t| t.as_str()) {
        Some(t) if url::Url::parse(t).is_ok() || t.starts_with('/') => Ok(()),
        other => Err(Finding::fail(format!(
            "problem `type` is {:?}, not a URI (RFC 9457 §3.1.1)",
            other.map(|t| hutong_model::sanitize_line(t, 100))
        ))),
    }
}
