//! Evidence: the recorded exchanges.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::redact::Redactor;

/// At most this many bytes of a body are kept as text in a [`BodyExcerpt`].
pub const EXCERPT_TEXT_BYTES: usize = 4096;
/// Bodies up to this size are parsed as JSON (when they look like JSON) for the excerpt.
const JSON_PARSE_MAX: usize = 1024 * 1024;
/// Parsed JSON bodies up to this size are pretty-printed in the excerpt.
const JSON_PRETTY_MAX: usize = 64 * 1024;
/// How much of a non-JSON body is decoded and redacted before the excerpt is cut.
const TEXT_WINDOW: usize = 64 * 1024;

/// One recorded HTTP exchange (a request, its redirects and the final response or error).
///
/// Everything in it is redacted at record time with the client's [`Redactor`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Exchange {
    /// Sequence number given by the [`Recorder`]; increases by one per recorded exchange and
    /// is never reused by that recorder, even after [`Recorder::take`].
    pub seq: usize,
    /// Free-text note given with [`crate::RequestBuilder::label`] (e.g. "client A").
    pub label: Option<String>,
    /// Request method, e.g. `GET`.
    pub method: String,
    /// The requested URL, query included (redacted). Redirect targets are in `redirects`.
    pub url: String,
    /// Headers set by the harness (redacted). Headers the HTTP stack adds on its own
    /// (`Host`, `Accept-Encoding`, `Content-Length`) are not listed.
    pub request_headers: Vec<(String, String)>,
    /// The request body, if any.
    pub request_body: Option<BodyExcerpt>,
    /// Status of the final response, if one arrived.
    pub status: Option<u16>,
    /// Headers of the final response (redacted). When the body was decompressed, the HTTP
    /// stack has removed `Content-Encoding` and `Content-Length`.
    pub response_headers: Vec<(String, String)>,
    /// The final response body (decompressed), when any body byte was received. For
    /// downloads only its size and digest are kept, not its text.
    pub response_body: Option<BodyExcerpt>,
    /// Redirect targets followed, in order (redacted).
    pub redirects: Vec<String>,
    /// When the request started, RFC 3339 in UTC.
    pub started_at: String,
    /// Duration of the whole exchange in milliseconds.
    pub elapsed_ms: f64,
    /// Why the exchange failed, if it did (redacted). Errors found later while decoding the
    /// body ([`crate::Response::json`], [`crate::Response::text`]) are added here too.
    pub error: Option<String>,
}

/// What is kept of a body: its size, digest and a redacted text excerpt.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct BodyExcerpt {
    /// The `Content-Type` header value, if any (redacted).
    pub content_type: Option<String>,
    /// Number of bytes received (decompressed for responses).
    pub bytes: u64,
    /// Lowercase hex SHA-256 of those bytes.
    pub sha256: String,
    /// The first [`EXCERPT_TEXT_BYTES`] bytes as lossy UTF-8, redacted; pretty-printed JSON
    /// when the body parses as JSON and is small. Empty for downloads.
    pub text: String,
    /// Whether `text` is not the whole body (cut, not kept, or the body was not received
    /// completely).
    pub truncated: bool,
}

impl BodyExcerpt {
    /// Builds the excerpt of a body. `complete` is false when reading stopped early (error,
    /// limit, timeout).
    pub fn from_bytes(
        body: &[u8],
        content_type: Option<&str>,
        complete: bool,
        redactor: &Redactor,
    ) -> Self {
        let sha256 = hex::encode(Sha256::digest(body));
        let mut window_cut = false;
        let mut text = None;
        if complete
            && body.len() <= JSON_PARSE_MAX
            && looks_like_json(body, content_type)
            && let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body)
        {
            redactor.redact_json(&mut value);
            let printed = if body.len() <= JSON_PRETTY_MAX {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            };
            text = printed.ok().map(|t| redactor.redact_str(&t));
        }
        let text = text.unwrap_or_else(|| {
            let window = &body[..body.len().min(TEXT_WINDOW)];
            window_cut = window.len() < body.len();
            redactor.redact_text(&String::from_utf8_lossy(window))
        });
        let (text, cut) = cut_at_char_boundary(text, EXCERPT_TEXT_BYTES);
        Self {
            content_type: content_type.map(|ct| redactor.redact_str(ct)),
            bytes: body.len() as u64,
            sha256,
            text,
            truncated: cut || window_cut || !complete,
        }
    }

    /// An excerpt that keeps only the size and digest of a body (downloads).
    pub fn digest_only(
        bytes: u64,
        sha256_hex: String,
        content_type: Option<&str>,
        redactor: &Redactor,
    ) -> Self {
        Self {
            content_type: content_type.map(|ct| redactor.redact_str(ct)),
            bytes,
            sha256: sha256_hex,
            text: String::new(),
            truncated: bytes > 0,
        }
    }
}

fn looks_like_json(body: &[u8], content_type: Option<&str>) -> bool {
    if content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("json")) {
        return true;
    }
    matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{') | Some(b'[')
    )
}

fn cut_at_char_boundary(mut text: String, max: usize) -> (String, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    (text, true)
}

/// Collects the [`Exchange`]s of a run, in the order they complete.
///
/// Cheap to clone; clones share the same list. Safe to use from many tasks at once.
#[derive(Clone, Default)]
pub struct Recorder {
    inner: Arc<Mutex<RecorderState>>,
    deadline: Option<std::time::Instant>,
}

#[derive(Default)]
struct RecorderState {
    next_seq: usize,
    exchanges: Vec<Exchange>,
}

impl fmt::Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("exchanges", &self.len())
            .finish()
    }
}

impl Recorder {
    /// An empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty recorder whose exchanges must all end by `deadline`: the time budget of one
    /// scenario. Every request sent or download made with it is cut when the budget runs out, so
    /// that no hostile answer can hold a scenario (or a serial run) past it.
    pub fn with_deadline(deadline: std::time::Instant) -> Self {
        Recorder { deadline: Some(deadline), ..Self::default() }
    }

    /// `limit`, shortened to what is left of the time budget; `true` when the budget is the
    /// tighter bound.
    pub fn bound(&self, limit: std::time::Duration) -> (std::time::Duration, bool) {
        match self.deadline {
            Some(d) => {
                let left = d.saturating_duration_since(std::time::Instant::now());
                if left < limit { (left, true) } else { (limit, false) }
            }
            None => (limit, false),
        }
    }

    /// The time budget's end, if it has one.
    pub fn deadline(&self) -> Option<std::time::Instant> {
        self.deadline
    }

    fn state(&self) -> MutexGuard<'_, RecorderState> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Appends an exchange, overwriting its `seq` with the next sequence number. Returns its
    /// index in [`Recorder::exchanges`] (which restarts at 0 after [`Recorder::take`]).
    ///
    /// The exchange is stored as given: redact it first (the HTTP client does).
    pub fn record(&self, exchange: Exchange) -> usize {
        self.record_with_seq(exchange).0
    }

    /// Like [`Recorder::record`], also returning the sequence number given.
    pub(crate) fn record_with_seq(&self, mut exchange: Exchange) -> (usize, usize) {
        let mut state = self.state();
        exchange.seq = state.next_seq;
        state.next_seq += 1;
        state.exchanges.push(exchange);
        (state.exchanges.len() - 1, state.next_seq - 1)
    }

    /// Adds an error message to the exchange with sequence number `seq`, if still held.
    pub(crate) fn add_error(&self, seq: usize, message: &str) {
        let mut state = self.state();
        if let Some(exchange) = state.exchanges.iter_mut().find(|e| e.seq == seq) {
            match &mut exchange.error {
                None => exchange.error = Some(message.to_owned()),
                Some(existing) if !existing.contains(message) => {
                    existing.push_str("; ");
                    existing.push_str(message);
                }
                Some(_) => {}
            }
        }
    }

    /// A copy of all exchanges held.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.state().exchanges.clone()
    }

    /// The exchange at `index` (as returned in [`crate::Response::exchange`]), if still held.
    pub fn get(&self, index: usize) -> Option<Exchange> {
        self.state().exchanges.get(index).cloned()
    }

    /// The most recently recorded exchange, if any.
    pub fn last(&self) -> Option<Exchange> {
        self.state().exchanges.last().cloned()
    }

    /// Removes and returns all exchanges held; sequence numbers keep increasing.
    pub fn take(&self) -> Vec<Exchange> {
        std::mem::take(&mut self.state().exchanges)
    }

    /// Number of exchanges held.
    pub fn len(&self) -> usize {
        self.state().exchanges.len()
    }

    /// Whether no exchange is held.
    pub fn is_empty(&self) -> bool {
        self.state().exchanges.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_excerpt_is_pretty_and_redacted() {
        let r = Redactor::new();
        let body = br#"{"access_token":"abc","n":1}"#;
        let ex = BodyExcerpt::from_bytes(body, Some("application/json"), true, &r);
        assert!(
            ex.text.contains("\"access_token\": \"[REDACTED]\""),
            "{}",
            ex.text
        );
        assert!(!ex.truncated);
        assert_eq!(ex.bytes, body.len() as u64);
        assert_eq!(ex.sha256.len(), 64);
    }

    #[test]
    fn long_text_is_cut_on_char_boundary() {
        let r = Redactor::new();
        let body = "é".repeat(5000);
        let ex = BodyExcerpt::from_bytes(body.as_bytes(), Some("text/plain"), true, &r);
        assert!(ex.truncated);
        assert!(ex.text.len() <= EXCERPT_TEXT_BYTES);
        assert!(ex.text.chars().all(|c| c == 'é'));
    }

    #[test]
    fn seq_survives_take() {
        let rec = Recorder::new();
        let ex = Exchange {
            seq: 99,
            label: None,
            method: "GET".into(),
            url: "http://x/".into(),
            request_headers: vec![],
            request_body: None,
            status: Some(200),
            response_headers: vec![],
            response_body: None,
            redirects: vec![],
            started_at: String::new(),
            elapsed_ms: 0.0,
            error: None,
        };
        assert_eq!(rec.record(ex.clone()), 0);
        assert_eq!(rec.record(ex.clone()), 1);
        assert_eq!(
            rec.take().iter().map(|e| e.seq).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert!(rec.is_empty());
        assert_eq!(rec.record(ex), 0);
        assert_eq!(rec.exchanges()[0].seq, 2);
    }
}
