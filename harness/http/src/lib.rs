//! `hutong-http`: the harness's only HTTP client.
//!
//! The platform under test is untrusted input: it may be broken or hostile. Every exchange
//! made through this crate keeps three invariants.
//!
//! # Bounded
//!
//! Nothing the platform does can make the harness wait or allocate without limit
//! ([`Limits`]):
//! * [`RequestBuilder::send`] runs entirely (connection, redirects, headers, body) under
//!   [`Limits::request_timeout`]; a body dripped one byte at a time ends in
//!   [`HttpError::Timeout`]. Connections are bounded by [`Limits::connect_timeout`].
//! * Bodies are read chunk by chunk and counted **after decompression**: a declared
//!   `Content-Length` above the limit, an endless chunked or close-delimited body, or a gzip or
//!   brotli bomb all stop at [`Limits::max_body_bytes`] with [`HttpError::BodyTooLarge`],
//!   having buffered at most that much.
//! * Response headers are measured against [`Limits::max_header_bytes`]
//!   ([`HttpError::HeadersTooLarge`]; heads beyond what the HTTP/1 parser accepts map to the
//!   same error).
//! * Redirects are followed by this crate, not by reqwest: at most [`Limits::max_redirects`],
//!   only to the request's own origin or to [`ClientConfig::allowed_origins`]
//!   ([`HttpError::RedirectOffTarget`] otherwise, without contacting the target).
//!   `Authorization`, `Proxy-Authorization` and `Cookie` are dropped as soon as a redirect
//!   leaves the request's origin; 303, and 301/302 after a POST, continue as a GET without
//!   body.
//! * With [`ClientConfig::allowed_origins`] set, credentials go only there: a request carrying
//!   them to another origin (a `next` link, a `Location`) is refused before it is made.
//! * [`RequestBuilder::download`] streams into a sink (never buffering the body), bounded by
//!   [`Limits::max_download_bytes`], an idle timeout between chunks and
//!   [`DOWNLOAD_TIME_CAP`].
//!
//! # Recorded
//!
//! Every call to `send` or `download` appends exactly one [`Exchange`] to the [`Recorder`]
//! given, whether it succeeds or fails: method, URL, request headers and body excerpt, status,
//! response headers and body excerpt (first 4 KiB, size, SHA-256), redirect chain, start time,
//! duration, and the error message if any. Errors are recorded *before* they are returned;
//! errors found later while decoding a body ([`Response::json`], [`Response::text`]) are added
//! to the same exchange. Non-2xx statuses are not errors: checks judge them.
//!
//! # Redacted
//!
//! Everything recorded — and every error message — goes through the client's [`Redactor`] at
//! record time: credential headers, credential-like JSON keys, URL parameters and userinfo,
//! and every exact secret value registered so far, in its plain, URL-encoded and JSON-escaped
//! forms. Clones of a redactor share their secrets, so a token obtained mid-run and added
//! with [`Redactor::insert_secret`] is hidden from then on; a token inside the very response
//! that delivers it is hidden by the JSON key rule. [`RequestBuilder::bearer`] and
//! [`RequestBuilder::basic_auth`] register their credentials automatically. The values handed
//! back to the caller ([`Response`], [`DownloadMeta`]) are not redacted.
//!
//! ```no_run
//! # async fn demo() -> Result<(), hutong_http::HttpError> {
//! use hutong_http::{ClientConfig, HttpClient, Recorder};
//!
//! let client = HttpClient::new(ClientConfig::default())?;
//! let rec = Recorder::new();
//! let response = client
//!     .get("https://platform.example/api/items")
//!     .bearer("token-from-env")
//!     .label("client A")
//!     .send(&rec)
//!     .await?;
//! let items: serde_json::Value = response.json()?;
//! assert_eq!(rec.len(), 1);
//! # let _ = items;
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod client;
mod error;
mod record;
mod redact;

pub use client::{
    ClientConfig, DEFAULT_USER_AGENT, DOWNLOAD_TIME_CAP, DownloadMeta, HttpClient, Limits,
    RequestBuilder, Response,
};
pub use error::HttpError;
pub use record::{BodyExcerpt, EXCERPT_TEXT_BYTES, Exchange, Recorder};
pub use redact::{
    MIN_SECRET_CHARS, REDACTED, Redactor, is_sensitive_header, is_sensitive_json_key,
    is_sensitive_param,
};

/// Re-exported so callers name the same `http` and `url` types as this crate.
pub use http;
pub use url;
