//! Rate limits: the published policy (`rate-limit-policy.schema.json`) and the 429 answer
//! (RFC 6585 §4, `Retry-After` per RFC 9110 §10.2.3).

use crate::schema::SchemaSet;
use hutong_http::Response;
use hutong_model::{sanitize_line, Finding};
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
}

/// Validates a policy document and returns its probe.
pub fn probe_of(policy: &Value) -> Result<Probe, Finding> {
    SchemaSet::embedded().check("rate-limit-policy.schema.json", policy, "the rate-limit policy")?;
    let id = policy.pointer("/probe/limit").and_then(Value::as_str).unwrap_or_default();
    let limit = policy
        .get("limits")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|l| l.get("id").and_then(Value::as_str) == Some(id))
        .and_then(|l| l.get("requests").and_then(Value::as_u64))
        .ok_or_else(|| Finding::fail(format!("the policy's probe names limit {:?}, which the policy does not list", sanitize_line(id, 60))))?;
    Ok(Probe {
        method: policy.pointer("/probe/method").and_then(Value::as_str).unwrap_or("POST").to_string(),
        url: policy.pointer("/probe/url").and_then(Value::as_str).unwrap_or_default().to_string(),
        limit,
    })
}

/// Checks that a 429 answer says when to retry: `Retry-After` as delta-seconds or an HTTP-date
/// (RFC 9110 §10.2.3), as RFC 6585 §4 allows and OPIS requires.
pub fn check_retry_after(response: &Response) -> Result<(), Finding> {
    let value = response
        .header("retry-after")
        .ok_or_else(|| Finding::fail("the 429 answer has no Retry-After header (RFC 6585 §4, RFC 9110 §10.2.3)"))?
        .trim();
    let delta = !value.is_empty() && value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit());
    if delta || crate::deprecation::parse_http_date(value).is_some() {
        Ok(())
    } else {
        Err(Finding::fail(format!("Retry-After {:?} is neither delta-seconds nor an HTTP-date (RFC 9110 §10.2.3)", sanitize_line(value, 60))))
    }
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
