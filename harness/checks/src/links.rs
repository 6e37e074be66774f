//! Link neutrality: a link sent through the messaging operation must come back unchanged and as
//! usable as a link to the platform's own domain.

use serde_json::Value;

/// How a delivered message treated the link `sent`, or `Ok` when the link was delivered
/// unchanged: in the text, as a link entry with the same `href`, and as a clickable anchor with
/// that `href` in the HTML rendering.
pub fn check_link_delivered(sent_text: &str, link: &str, message: &Value) -> Result<(), String> {
    let text = message.get("text").and_then(Value::as_str).unwrap_or_default();
    if text != sent_text {
        return Err(format!("the message text was altered (sent {:?}, delivered {:?})", short(sent_text), short(text)));
    }
    let links = message.get("links").and_then(Value::as_array).cloned().unwrap_or_default();
    let hrefs: Vec<&str> = links.iter().filter_map(|l| l.get("href").and_then(Value::as_str)).collect();
    if !hrefs.contains(&link) {
        return Err(match hrefs.first() {
            None => "the link was stripped: the delivered message carries no link".to_string(),
            Some(other) => format!("the link was rewritten to {:?}", short(other)),
        });
    }
    let html = message.get("html").and_then(Value::as_str).unwrap_or_default();
    let anchor = format!("href=\"{}\"", link.replace('&', "&amp;").replace('"', "&quot;"));
    if !html.contains(&anchor) {
        return Err("the link is not rendered as a clickable anchor to the same address".to_string());
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
        assert!(err.contains("rewritten"), "{err}");
    }
}
