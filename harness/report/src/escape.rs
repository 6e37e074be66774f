//! Escaping of text echoed from the target into each format.

/// Escapes text for HTML element content and double-quoted attribute values.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for XML, dropping characters XML 1.0 cannot carry.
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` block: `<`, `>` and `&` become `\u` escapes,
/// so no text in it can close the element or open a comment.
pub(crate) fn json_in_script(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Escapes text for one Markdown table cell or line: HTML-significant characters become
/// entities, Markdown punctuation is backslash-escaped, line breaks become spaces.
pub(crate) fn markdown(s: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i >= max_chars {
            out.push('…');
            break;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_neutralised_in_every_escaper() {
        let evil = "<script>alert('x')</script> | [a](javascript:x) & `c`";
        let h = super::html(evil);
        assert!(!h.contains('<') && !h.contains('>') && !h.contains('\''), "{h}");
        let m = super::markdown(evil, 1000);
        assert!(!m.contains('<') && !m.contains(" | ") && !m.contains("](") , "{m}");
        let j = super::json_in_script(&serde_json::json!({ "m": evil }));
        assert!(!j.contains('<') && !j.contains('>'), "{j}");
    }
}
