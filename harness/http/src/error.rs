//! The error type of every exchange with the platform under test.

use std::time::Duration;

/// Why an exchange with the platform failed.
///
/// Every message names what was awaited or checked and what to change. URLs and causes inside
/// the messages are already redacted. Each error returned by [`crate::RequestBuilder::send`],
/// [`crate::RequestBuilder::download`], [`crate::Response::json`] and
/// [`crate::Response::text`] has also been written into the [`crate::Exchange::error`] of the
/// recorded exchange before it is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// The URL could not be parsed or is not an absolute `http`/`https` URL.
    #[error("invalid URL {url}: {reason}; give an absolute http or https URL")]
    InvalidUrl {
        /// The offending URL (redacted).
        url: String,
        /// Why it was rejected.
        reason: String,
    },

    /// The request could not be built (an invalid header name or value, a body that could not
    /// be serialised).
    #[error("invalid request: {reason}; fix the header or body given to the request builder")]
    InvalidRequest {
        /// What was wrong.
        reason: String,
    },

    /// The HTTP client itself could not be set up.
    #[error("could not set up the HTTP client: {cause}; check the client configuration")]
    Setup {
        /// The underlying error.
        cause: String,
    },

    /// No TCP connection could be made (refused, unreachable, DNS failure).
    #[error(
        "could not connect to {url}: {cause}; check that the platform is running and that the base URL is right"
    )]
    Connect {
        /// The URL being requested (redacted).
        url: String,
        /// The underlying error chain (redacted).
        cause: String,
    },

    /// The TLS handshake failed, typically because of an invalid or self-signed certificate.
    #[error(
        "TLS handshake with {url} failed: {cause}; if the platform uses a self-signed or otherwise invalid certificate, use --insecure to accept it"
    )]
    Tls {
        /// The URL being requested (redacted).
        url: String,
        /// The underlying error chain (redacted).
        cause: String,
    },

    /// A time limit expired before the awaited part of the exchange arrived.
    #[error(
        "timed out after {after:?} waiting for {what}; the platform did not answer in time (raise the timeout if it is merely slow)"
    )]
    Timeout {
        /// What was being awaited, e.g. the response body of a given request.
        what: String,
        /// The limit that expired.
        after: Duration,
    },

    /// The response body (counted after decompression) or download exceeded its size limit.
    #[error(
        "the response body exceeds the limit of {limit} bytes (counted after decompression); raise the body limit if the platform legitimately sends that much"
    )]
    BodyTooLarge {
        /// The limit in bytes.
        limit: u64,
    },

    /// The response headers exceeded their size limit.
    #[error(
        "the response headers exceed the limit of {limit} bytes; the platform sends oversized headers (raise the header limit if that is intended)"
    )]
    HeadersTooLarge {
        /// The limit in bytes.
        limit: usize,
    },

    /// The platform redirected more often than allowed.
    #[error(
        "the platform redirected more than {limit} times; it redirects in a loop or too deep (raise the redirect limit if that is intended)"
    )]
    TooManyRedirects {
        /// The maximum number of redirects followed.
        limit: usize,
    },

    /// The platform redirected to an origin that is not allowed; the redirect was not followed.
    #[error(
        "the platform redirected to {location}, outside the allowed origins, and the redirect was not followed; add that origin to the allowed origins if it is legitimate"
    )]
    RedirectOffTarget {
        /// The redirect target (redacted).
        location: String,
    },

    /// The response is not valid HTTP (malformed status line or headers, connection closed
    /// before a response, a bad redirect Location).
    #[error(
        "the response from {url} is not valid HTTP: {cause}; the platform must speak HTTP/1.1 or HTTP/2 correctly"
    )]
    Protocol {
        /// The URL being requested (redacted).
        url: String,
        /// What was wrong (redacted).
        cause: String,
    },

    /// Reading the response body failed (connection reset mid-body, truncated or corrupt
    /// compressed data).
    #[error(
        "reading the response body from {url} failed: {cause}; the platform ended or corrupted the body"
    )]
    Body {
        /// The URL being requested (redacted).
        url: String,
        /// The underlying error chain (redacted).
        cause: String,
    },

    /// The body is not valid JSON, or not JSON of the expected shape.
    #[error(
        "the response body is not the expected JSON (line {line}, column {column}): {message}; the platform must send well-formed JSON of the documented shape"
    )]
    InvalidJson {
        /// 1-based line of the error (0 if unknown).
        line: usize,
        /// 1-based column of the error (0 if unknown).
        column: usize,
        /// The parser's message (redacted).
        message: String,
    },

    /// The body is not valid UTF-8 text.
    #[error("the response body is not valid UTF-8; the platform must send UTF-8 text")]
    InvalidUtf8,

    /// The download sink refused the data (disk full, write error).
    #[error(
        "the download destination failed: {0}; check the destination (free space, permissions)"
    )]
    Sink(String),
}
