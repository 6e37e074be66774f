//! Walking a paginated collection: `{"items": [...], "next": URL}` or RFC 8288 `Link: rel="next"`,
//! bounded in pages and protected against cycles.

use hutong_http::{HttpClient, Recorder};
use hutong_model::{msg, Finding, Message};
use serde_json::Value;
use std::collections::HashSet;

/// Most pages followed in one collection.
pub const MAX_PAGES: usize = 10_000;

/// One page as received.
#[derive(Debug, Clone)]
pub struct Page {
    /// HTTP status.
    pub status: u16,
    /// Parsed body (`Value::Null` when not JSON).
    pub body: Value,
}

/// Extra request headers for a walk, e.g. another app's `User-Agent`.
pub type ExtraHeaders<'a> = &'a [(&'a str, &'a str)];

/// Follows a collection from `first` to its last page. Stops at a non-200 page (returned as the
/// last page). A cycle or more than [`MAX_PAGES`] pages is a `fail` of the platform.
pub async fn walk(
    http: &HttpClient,
    rec: &Recorder,
    first: &str,
    token: Option<&str>,
    headers: ExtraHeaders<'_>,
    label: &str,
) -> Result<Vec<Page>, Finding> {
    let mut pages = Vec::new();
    walk_each(http, rec, first, token, headers, label, |page| {
        pages.push(page);
        Ok(())
    })
    .await?;
    Ok(pages)
}

/// [`walk`], handing each page to `each` as it arrives instead of keeping them: memory holds one
/// page. An error of `each` ends the walk with it.
pub async fn walk_each(
    http: &HttpClient,
    rec: &Recorder,
    first: &str,
    token: Option<&str>,
    headers: ExtraHeaders<'_>,
    label: &str,
    mut each: impl FnMut(Page) -> Result<(), Finding>,
) -> Result<(), Finding> {
    let mut seen = HashSet::new();
    let mut count = 0usize;
    let mut next = Some(first.to_string());
    while let Some(url) = next.take() {
        if !seen.insert(url.clone()) {
            return Err(Finding::fail(msg!("paging-loops", url = hutong_model::sanitize_line(&url, 200))));
        }
        if count >= MAX_PAGES {
            return Err(Finding::fail(msg!("paging-too-many-pages", max = MAX_PAGES)));
        }
        let mut request = http.get(&url).label(label);
        if let Some(t) = token {
            request = request.bearer(t);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send(rec).await.map_err(crate::transport)?;
        let body = response.json_value().unwrap_or(Value::Null);
        if response.status == 200 {
            next = next_page(&response, &body)?;
        }
        count += 1;
        each(Page { status: response.status, body })?;
    }
    Ok(())
}

/// The absolute URL of the page after `response` (whose parsed body is `body`): its `next` member,
/// else its RFC 8288 `Link: rel="next"`, resolved against the page's URL. `None` on the last page;
/// a `next` that is not a URL is a `fail`.
pub fn next_page(response: &hutong_http::Response, body: &Value) -> Result<Option<String>, Finding> {
    let next = body.get("next").and_then(Value::as_str).map(str::to_string).or_else(|| response.header("link").and_then(next_from_link_header));
    next.map(|n| {
        response.url.join(&n).map(|u| u.to_string()).map_err(|_| Finding::fail(msg!("paging-next-not-url", next = hutong_model::sanitize_line(&n, 200))))
    })
    .transpose()
}

/// The `rel="next"` target of an RFC 8288 `Link` header.
pub fn next_from_link_header(value: &str) -> Option<String> {
    value.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        params
            .split(';')
            .any(|p| {
                let p = p.trim().replace(' ', "");
                p == "rel=\"next\"" || p == "rel=next"
            })
            .then(|| target.to_string())
    })
}

/// The items of every page, in order.
pub fn items(pages: &[Page]) -> Vec<Value> {
    pages.iter().flat_map(|p| p.body.get("items").and_then(Value::as_array).cloned().unwrap_or_default()).collect()
}

/// How a page of a list operation links the next one (OE-21): by its `next` member (the OPIS page
/// shape, `null` or absent on the last page) and by an RFC 8288 `Link` header field of relation
/// `next` (§3.3), each resolved against the page's URL; when both are present they name the same
/// page. Returns the next page's URL, `None` on the last page. A body without an `items` array, or
/// a `next` member that is neither a string nor `null`, is a `fail`.
pub fn check_page_links(response: &hutong_http::Response, body: &Value) -> Result<Option<String>, Finding> {
    if !body.get("items").is_some_and(Value::is_array) {
        return Err(Finding::fail(msg!("paging-no-items", page = hutong_model::sanitize_line(response.url.as_str(), 160))));
    }
    let resolve = |raw: &str, what: Message| {
        response
            .url
            .join(raw)
            .map(|u| u.to_string())
            .map_err(|_| Finding::fail(msg!("paging-not-uri-reference", what = what, value = hutong_model::sanitize_line(raw, 200))))
    };
    let member = match body.get("next") {
        None | Some(Value::Null) => None,
        Some(Value::String(raw)) => Some(resolve(raw, msg!("paging-next-member"))?),
        Some(other) => return Err(Finding::fail(msg!("paging-next-not-string", value = other.to_string()))),
    };
    let link = response.header("link").and_then(next_from_link_header).map(|raw| resolve(&raw, msg!("paging-link-target"))).transpose()?;
    match (member, link) {
        (Some(m), Some(l)) if m != l => Err(Finding::fail(msg!(
            "paging-two-next-pages",
            page = hutong_model::sanitize_line(response.url.as_str(), 160),
            next = hutong_model::sanitize_line(&m, 160),
            link = hutong_model::sanitize_line(&l, 160)
        ))),
        (m, l) => Ok(m.or(l)),
    }
}

/// The `id` of every item of a page (strings as they are, numbers written out); an item without
/// one is a `fail` (OE-21 counts items by `id`).
pub fn item_ids(body: &Value) -> Result<Vec<String>, Finding> {
    body.get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|item| match item.get("id") {
            Some(Value::String(id)) => Ok(id.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            _ => Err(Finding::fail(msg!("paging-item-without-id"))),
        })
        .collect()
}

/// Checks that a walk from the first page to the last yielded no item twice (OE-21); `what`
/// names the walk.
pub fn check_each_once(ids: &[String], what: impl Into<Message>) -> Result<(), Finding> {
    let mut seen = HashSet::new();
    let twice: Vec<String> = ids.iter().filter(|id| !seen.insert(id.as_str())).map(|id| format!("{:?}", hutong_model::sanitize_line(id, 60))).collect();
    if twice.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = twice.iter().take(10).cloned().collect();
    let listed = format!("{}{}", shown.join(", "), if twice.len() > shown.len() { ", …" } else { "" });
    Err(Finding::fail(msg!("paging-repeated-items", what = what.into(), count = twice.len(), ids = listed)))
}

/// The IDs of `earlier` that `later` lacks, in `earlier`'s order.
pub fn missing_from(earlier: &[String], later: &[String]) -> Vec<String> {
    let later: HashSet<&str> = later.iter().map(String::as_str).collect();
    earlier.iter().filter(|id| !later.contains(id.as_str())).cloned().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn link_header() {
        assert_eq!(super::next_from_link_header("<https://a/x?c=2>; rel=\"next\", <https://a/x>; rel=\"first\"").as_deref(), Some("https://a/x?c=2"));
        assert_eq!(super::next_from_link_header("<https://a/x>; rel=\"prev\""), None);
    }
}
