//! Link neutrality: a link sent through the messaging operation must come back unchanged, be
//! rendered clickable, open directly and be delivered as promptly as a link to the platform's own
//! domain.
//!
//! Each check gives what went wrong as a message.

use hutong_model::{joined, msg, Message};
use scraper::{Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

/// How a delivered message treated the link `link` sent in `sent_text`, or `Ok` when it was
/// delivered unchanged: the text intact and a link entry whose `href` is the link itself.
pub fn check_link_delivered(sent_text: &str, link: &str, message: &Value) -> Result<(), Message> {
    let text = message.get("text").and_then(Value::as_str).unwrap_or_default();
    if text != sent_text {
        return Err(msg!("links-text-altered", sent = format!("{:?}", short(sent_text)), delivered = format!("{:?}", short(text))));
    }
    let links = message.get("links").and_then(Value::as_array).cloned().unwrap_or_default();
    let hrefs: Vec<&str> = links.iter().filter_map(|l| l.get("href").and_then(Value::as_str)).collect();
    // A link delivered with a query parameter or fragment added is AI-15's to judge.
    if !hrefs.iter().any(|h| *h == link || added_to(link, h).is_some()) {
        return Err(match hrefs.first() {
            None => msg!("links-stripped"),
            Some(other) => msg!("links-rewritten", href = format!("{:?}", short(other))),
        });
    }
    Ok(())
}

/// Whether the HTML rendering of a message shows `link` as the visible text of an `<a href>`
/// element (wherever the anchor points: where it points is judged by other checks). The HTML is
/// parsed as a browser would (HTML Living Standard parsing, `scraper`/`html5ever`): tag and
/// attribute names in any case, character references decoded, comments ignored.
pub fn is_rendered_clickable(message: &Value, link: &str) -> bool {
    static ANCHORS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a[href]").expect("a valid selector"));
    let html = message.get("html").and_then(Value::as_str).unwrap_or_default();
    let fragment = Html::parse_fragment(html);
    fragment.select(&ANCHORS).any(|a| a.text().collect::<String>().trim() == link)
}

/// The anchors (`<a>`) of a message's rendered `html` whose visible text is `link`, with the
/// value of their `href` attribute (`None` for an anchor without one), parsed as a browser would
/// (`scraper`/`html5ever`: any case, character references decoded, comments ignored).
fn anchors_showing(html: &str, link: &str) -> Vec<Option<String>> {
    static ANCHORS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a").expect("a valid selector"));
    let fragment = Html::parse_fragment(html);
    fragment
        .select(&ANCHORS)
        .filter(|a| a.text().collect::<String>().trim() == link)
        .map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// AI-01 in the rendered `html`: every anchor that shows `link` must point to it, not to a
/// warning page or the platform's redirector. `Ok` when no anchor shows it (whether it is
/// rendered clickable is AI-04's question), and when it points to the link with a query
/// parameter or fragment added (AI-15's question, [`check_exact_links`]).
pub fn check_html_hrefs(message: &Value, link: &str) -> Result<(), Message> {
    let html = message.get("html").and_then(Value::as_str).unwrap_or_default();
    for href in anchors_showing(html, link) {
        match href {
            Some(h) if h == link || added_to(link, &h).is_some() => {}
            Some(h) => return Err(msg!("links-anchor-elsewhere", href = format!("{:?}", short(&h)))),
            None => return Err(msg!("links-anchor-no-href")),
        }
    }
    Ok(())
}

/// How the link-opening operation treated `link`, or `Ok` when it redirected straight to it:
/// a 3xx answer (RFC 9110 §15.4) whose `Location` is the link itself.
pub fn check_opens_directly(link: &str, status: u16, location: Option<&str>, content_type: Option<&str>) -> Result<(), Message> {
    if !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return Err(match content_type {
            Some(kind) => msg!("links-interstitial", status = status, content_type = kind),
            None => msg!("links-interstitial-no-content-type", status = status),
        });
    }
    match location {
        Some(l) if l == link => Ok(()),
        Some(l) => Err(msg!("links-detour", location = format!("{:?}", short(l)))),
        None => Err(msg!("links-no-location", status = status)),
    }
}

/// What `delivered` adds to the link `sent`, when it is the same address (scheme, user
/// information, host, port and path, RFC 3986 §3) with query parameters (§3.4) it was not sent
/// with, or a fragment (§3.5) it was not sent with: the added `name=value` pairs and `#fragment`.
/// `None` when it is the link itself, another address, or the same parameters re-encoded or
/// reordered (a rewrite, which AI-01 judges).
pub fn added_to(sent: &str, delivered: &str) -> Option<Vec<String>> {
    if sent == delivered {
        return None;
    }
    let (a, b) = (url::Url::parse(sent).ok()?, url::Url::parse(delivered).ok()?);
    let same_address = a.scheme() == b.scheme()
        && a.username() == b.username()
        && a.password() == b.password()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
        && a.path() == b.path();
    if !same_address {
        return None;
    }
    let mut remaining: Vec<(String, String)> = b.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    for pair in a.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())) {
        let i = remaining.iter().position(|p| *p == pair)?;
        remaining.remove(i);
    }
    let mut added: Vec<String> = remaining.into_iter().map(|(k, v)| if v.is_empty() { k } else { format!("{k}={v}") }).collect();
    if b.fragment().is_some_and(|f| !f.is_empty()) && a.fragment() != b.fragment() {
        added.push(format!("#{}", b.fragment().unwrap_or_default()));
    }
    (!added.is_empty()).then_some(added)
}

/// Whether `link` points to one of `own_domains` (the domain itself or a subdomain).
pub fn is_own_link(link: &str, own_domains: &[String]) -> bool {
    let host = url::Url::parse(link).ok().and_then(|u| u.host_str().map(|h| h.trim_end_matches('.').to_ascii_lowercase()));
    host.is_some_and(|h| own_domains.iter().any(|d| {
        let d = d.trim_end_matches('.').to_ascii_lowercase();
        h == d || h.ends_with(&format!(".{d}"))
    }))
}

/// The `href` of every anchor (`<a href>`) of a message's rendered `html`, parsed as a browser
/// would (`scraper`/`html5ever`).
fn anchor_hrefs(message: &Value) -> Vec<String> {
    static ANCHORS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a[href]").expect("a valid selector"));
    let html = message.get("html").and_then(Value::as_str).unwrap_or_default();
    Html::parse_fragment(html).select(&ANCHORS).filter_map(|a| a.value().attr("href").map(str::to_string)).collect()
}

/// AI-15: a delivered message carries exactly the links `sent`. In its `links` and, separately,
/// in the anchors of its rendered `html`: every delivered address is a link sent; one that is a
/// link sent with query parameters or a fragment added is a tracking or affiliate code added,
/// when the link is to an outside domain (not one of `own_domains`); one that replaces a link sent
/// (stripped or rewritten: AI-01's question) is left alone; any other is a link added.
pub fn check_exact_links(sent: &[String], own_domains: &[String], message: &Value) -> Result<(), Message> {
    let from_links: Vec<String> =
        message.get("links").and_then(Value::as_array).into_iter().flatten().filter_map(|l| l.get("href").and_then(Value::as_str).map(str::to_string)).collect();
    let mut problems = Vec::new();
    for (place, delivered) in [(msg!("links-place-links"), from_links), (msg!("links-place-html"), anchor_hrefs(message))] {
        let mut unmatched_sent: Vec<&String> = sent.iter().collect();
        let mut rest = Vec::new();
        for d in delivered {
            match unmatched_sent.iter().position(|s| **s == d) {
                Some(i) => drop(unmatched_sent.remove(i)),
                None => rest.push(d),
            }
        }
        let mut unexplained = Vec::new();
        for d in rest {
            if let Some(i) = unmatched_sent.iter().position(|s| added_to(s, &d).is_some()) {
                let s = unmatched_sent.remove(i);
                if !is_own_link(s, own_domains) {
                    let added = added_to(s, &d).unwrap_or_default().join(", ");
                    problems.push(msg!(
                        "links-tracking-added",
                        place = place.clone(),
                        link = format!("{:?}", short(s)),
                        delivered = format!("{:?}", short(&d)),
                        added = short(&added)
                    ));
                }
            } else {
                unexplained.push(d);
            }
        }
        // A delivered address that is none of the links sent replaces one that is missing
        // (AI-01: stripped or rewritten); beyond those, it is a link added.
        for d in unexplained.into_iter().skip(unmatched_sent.len()) {
            problems.push(msg!("links-link-added", place = place.clone(), link = format!("{:?}", short(&d))));
        }
    }
    match joined(problems) {
        None => Ok(()),
        Some(problems) => Err(problems),
    }
}

/// AI-16: how a link's preview differs from the previews of own-domain links, or `Ok`. `own` are
/// the previews given to own-domain links (empty: own-domain links get none, so nothing is owed);
/// `outside` is the preview given to the outside link (`None`: none). The members compared are
/// the names besides `url`; a `warning` member only the outside preview has is named as such.
pub fn check_preview_parity(own: &[Value], outside: Option<&Value>) -> Result<(), Message> {
    let Some(baseline) = own.first() else { return Ok(()) };
    let members = |v: &Value| -> std::collections::BTreeSet<String> {
        v.as_object().map(|o| o.keys().filter(|k| *k != "url").cloned().collect()).unwrap_or_default()
    };
    let Some(outside) = outside else {
        return Err(msg!("links-no-preview"));
    };
    let (want, got) = (members(baseline), members(outside));
    if got.contains("warning") && !own.iter().any(|p| members(p).contains("warning")) {
        let text = outside.get("warning").map(|w| w.as_str().map(str::to_string).unwrap_or_else(|| w.to_string())).unwrap_or_default();
        return Err(msg!("links-preview-warning", warning = format!("{:?}", short(&text))));
    }
    if want != got {
        let missing: Vec<&String> = want.difference(&got).collect();
        let extra: Vec<&String> = got.difference(&want).collect();
        return Err(msg!("links-preview-members", missing = format!("{missing:?}"), added = format!("{extra:?}")));
    }
    Ok(())
}

fn short(s: &str) -> String {
    hutong_model::sanitize_line(s, 120)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rewritten_links_are_reported() {
        let msg = json!({"text": "x https://a.example/", "links": [{"href": "https://warn.example/?u=a"}], "html": ""});
        let err = check_link_delivered("x https://a.example/", "https://a.example/", &msg).unwrap_err();
        assert!(err.en().contains("rewritten"), "{err}");
    }

    #[test]
    fn anchors_and_plain_text_are_told_apart() {
        let link = "https://a.example/?x=1&y=2";
        let anchor = json!({"html": "<p>see <a href=\"https://a.example/?x=1&amp;y=2\" rel=\"nofollow\">https://a.example/?x=1&amp;y=2</a></p>"});
        let plain = json!({"html": "<p>see https://a.example/?x=1&amp;y=2</p>"});
        assert!(is_rendered_clickable(&anchor, link));
        assert!(!is_rendered_clickable(&plain, link));
    }

    /// Anchors the string-matching reader missed: upper-case tags, attributes across a line
    /// break, character references in the visible text, the link inside an inline element.
    #[test]
    fn anchors_are_read_as_html() {
        let link = "https://a.example/?x=1&y=2";
        for html in [
            "<P>see <A HREF=\"https://a.example/?x=1&amp;y=2\">https://a.example/?x=1&amp;y=2</A></P>",
            "<p><a\n  href='https://a.example/?x=1&amp;y=2'\n  rel=nofollow>https://a.example/?x=1&#38;y=2</a></p>",
            "<p><a\thref=https://a.example/?x=1&amp;y=2><span>https://a.example/?x=1&#x26;y=2</span></a></p>",
        ] {
            assert!(is_rendered_clickable(&json!({ "html": html }), link), "{html}");
        }
        // Not clickable: an anchor without href, an anchor in a comment, the link as an attribute only.
        for html in [
            "<p><a name=x>https://a.example/?x=1&amp;y=2</a></p>",
            "<p><!-- <a href=\"https://a.example/\">https://a.example/?x=1&amp;y=2</a> -->https://a.example/?x=1&amp;y=2</p>",
            "<p><abbr href=\"https://a.example/\">https://a.example/?x=1&amp;y=2</abbr></p>",
        ] {
            assert!(!is_rendered_clickable(&json!({ "html": html }), link), "{html}");
        }
    }

    #[test]
    fn html_anchors_pointing_elsewhere_are_reported() {
        // See: issue 12, class 3 — `links[].href` intact while the rendered anchor went through
        // the platform's redirector.
        let link = "https://a.example/?x=1&y=2";
        let direct = json!({"html": "<p><a href=\"https://a.example/?x=1&amp;y=2\" rel=\"nofollow\">https://a.example/?x=1&amp;y=2</a></p>"});
        let single = json!({"html": "<p><a rel='x' href='https://a.example/?x=1&amp;y=2'>https://a.example/?x=1&amp;y=2</a></p>"});
        let detour = json!({"html": "<p><a data-href=\"x\" href=\"https://own.example/safety?u=a\">https://a.example/?x=1&amp;y=2</a></p>"});
        let plain = json!({"html": "<p>https://a.example/?x=1&amp;y=2</p>"});
        assert!(check_html_hrefs(&direct, link).is_ok());
        assert!(check_html_hrefs(&single, link).is_ok());
        assert!(check_html_hrefs(&plain, link).is_ok());
        assert!(check_html_hrefs(&detour, link).unwrap_err().en().contains("own.example/safety"));
    }

    #[test]
    fn opening_cases() {
        let l = "https://item.jd.com/1.html";
        assert!(check_opens_directly(l, 303, Some(l), None).is_ok());
        assert!(check_opens_directly(l, 200, None, Some("text/html")).unwrap_err().en().contains("interstitial"));
        assert!(check_opens_directly(l, 302, Some("https://own.example/r?u=1"), None).unwrap_err().en().contains("detour"));
    }
}
