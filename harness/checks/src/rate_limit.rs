//! Rate limits: the published policy (`rate-limit-policy.schema.json`) and the 429 answer
//! (RFC 6585 §4, `Retry-After` per RFC 9110 §10.2.3).

use crate::schema::SchemaSet;
use hutong_http::Response;
use hutong_model::{joined, msg, sanitize_line, Finding};
use serde_json::Value;

/// The probe operation a policy names, with its published limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// `GET` or `POST`.
    pub method: String,
    /// Absolute URL.
    pub url: String,
    /// Requests allowed per window.
    pub limit: u64,
    /// The window of that limit, in seconds.
    pub window_seconds: u64,
}

/// Validates a policy document and returns its probe.
pub fn probe_of(policy: &Value) -> Result<Probe, Finding> {
    SchemaSet::embedded().check("rate-limit-policy.schema.json", policy, msg!("rate-limit-the-policy"))?;
    let id = policy.pointer("/probe/limit").and_then(Value::as_str).unwrap_or_default();
    let listed = policy.get("limits").and_then(Value::as_array).into_iter().flatten().find(|l| l.get("id").and_then(Value::as_str) == Some(id));
    let window_seconds = listed.and_then(|l| l.get("window_seconds")).and_then(Value::as_u64).unwrap_or_default();
    let limit = listed
        .and_then(|l| l.get("requests").and_then(Value::as_u64))
        .ok_or_else(|| Finding::fail(msg!("rate-limit-probe-limit-unlisted", limit = format!("{:?}", sanitize_line(id, 60)))))?;
    Ok(Probe {
        method: policy.pointer("/probe/method").and_then(Value::as_str).unwrap_or("POST").to_string(),
        url: policy.pointer("/probe/url").and_then(Value::as_str).unwrap_or_default().to_string(),
        limit,
        window_seconds,
    })
}

/// Checks that a 429 answer says when to retry: `Retry-After` as delta-seconds or an HTTP-date
/// (RFC 9110 §10.2.3), as RFC 6585 §4 allows and OPIS requires.
pub fn check_retry_after(response: &Response) -> Result<(), Finding> {
    let value = response
        .header("retry-after")
        .ok_or_else(|| Finding::fail(msg!("rate-limit-no-retry-after")))?
        .trim();
    let delta = !value.is_empty() && value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit());
    if delta || crate::deprecation::parse_http_date(value).is_some() {
        Ok(())
    } else {
        Err(Finding::fail(msg!("rate-limit-retry-after-invalid", value = format!("{:?}", sanitize_line(value, 60)))))
    }
}

/// Where one client's calls of the probe, sent in a row alongside the other clients', were cut off
/// (OE-19).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct CutOff {
    /// The client's role, for findings.
    pub client: String,
    /// Calls accepted before the first 429 (`limit + 1` when none was refused).
    pub accepted: u64,
    /// Whether the call right after the first 429 was refused too (`None`: not sent).
    pub refused_again: Option<bool>,
    /// The first 429's `Retry-After`, in seconds from the answer (`None`: absent or unreadable).
    pub retry_after_secs: Option<u64>,
}

/// Checks that every client was cut off after the same number of requests within the same window,
/// as published (OE-19): each accepted exactly `limit` calls, was refused again on the call after
/// its first 429 (a refusal does not start a new window), and was told to retry no later than the
/// published window allows (`Retry-After` at most `window_seconds`, RFC 9110 §10.2.3).
pub fn check_same_cut_off(cut_offs: &[CutOff], limit: u64, window_seconds: u64) -> Result<(), Finding> {
    let mut problems = Vec::new();
    let counts = hutong_model::comma_listed(cut_offs.iter().map(|c| msg!("rate-limit-count", client = &c.client, accepted = c.accepted)));
    if let Some(counts) = counts.filter(|_| cut_offs.iter().any(|c| c.accepted != limit)) {
        problems.push(msg!("rate-limit-not-all-refused", limit = limit, counts = counts));
    }
    for c in cut_offs {
        if c.refused_again == Some(false) {
            problems.push(msg!("rate-limit-served-again", client = &c.client));
        }
        if let Some(secs) = c.retry_after_secs
            && window_seconds > 0
            && secs > window_seconds
        {
            problems.push(msg!("rate-limit-retry-too-late", client = &c.client, secs = secs, window = window_seconds));
        }
    }
    match joined(problems) {
        None => Ok(()),
        Some(problems) => Err(Finding::fail(problems)),
    }
}

/// The seconds a `Retry-After` asks for: delta-seconds, or an HTTP-date less the answer's `Date`
/// (RFC 9110 §10.2.3, §6.6.1); `None` when neither can be read.
pub fn retry_after_secs(response: &Response) -> Option<u64> {
    let value = response.header("retry-after")?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs);
    }
    let at = crate::deprecation::parse_http_date(value)?;
    let now = crate::deprecation::parse_http_date(response.header("date")?.trim())?;
    Some(u64::try_from(at - now).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn too_many(retry_after: Option<&str>) -> Response {
        let mut map = hutong_http::http::HeaderMap::new();
        if let Some(v) = retry_after {
            map.insert("retry-after", v.parse().unwrap());
        }
        Response::new(429, map, "", url::Url::parse("http://x/").unwrap())
    }

    #[test]
    fn retry_after_forms() {
        for (value, ok) in [(Some("30"), true), (Some("Sun, 06 Nov 1994 08:49:37 GMT"), true), (Some("soon"), false), (Some("-1"), false), (None, false)] {
            assert_eq!(check_retry_after(&too_many(value)).is_ok(), ok, "{value:?}");
        }
    }

    #[test]
    fn the_probe_limit_is_read_from_the_policy() {
        let policy = json!({
            "version": "1",
            "limits": [{ "id": "probe", "requests": 5, "window_seconds": 60, "scope": "per-client", "operations": ["POST /p"] }],
            "probe": { "method": "POST", "url": "https://x/p", "limit": "probe" }
        });
        assert_eq!(probe_of(&policy).unwrap().limit, 5);
        let mut wrong = policy.clone();
        wrong["probe"]["limit"] = json!("other");
        assert!(probe_of(&wrong).is_err());
        assert!(probe_of(&json!({"limits": []})).is_err());
    }
}
