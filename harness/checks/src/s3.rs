//! Object storage through the S3 API: a small client over the harness's own HTTP client, signed
//! with AWS Signature Version 4 by a kept crate ([`sigv4`], `aws-sigv4`), a bucket migration
//! (list, get, put, multipart upload, SHA-256 checksums, user metadata) and an object-by-object
//! verification of two buckets, both in bounded memory (`stream`: ranges read and parts written
//! above a threshold).
//!
//! Only the operations a migration needs are implemented: `CreateBucket`, `ListObjectsV2`,
//! `GetObject`, `PutObject`, `DeleteObject`, `CreateMultipartUpload`, `UploadPart` and
//! `CompleteMultipartUpload`, path-style or virtual-hosted-style ([`Addressing`]). Keys travel
//! exactly as stored: never normalised, listings read with an XML parser (quick-xml) and with
//! `encoding-type=url` where the service encodes.

pub mod sigv4;

use futures::StreamExt as _;
use hutong_http::{HttpClient, HttpError, Recorder};
use crate::fidelity::Described;
use hutong_model::{msg, Finding, Message};
use quick_xml::events::Event;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use url::Url;

mod stream;
pub use stream::{compare_buckets, copy_bucket, Progress, StreamLimits};

/// Objects larger than this are copied with a multipart upload.
pub const MULTIPART_THRESHOLD: usize = 8 * 1024 * 1024;
/// Part size of multipart uploads (S3's minimum for all parts but the last is 5 MiB).
pub const PART_SIZE: usize = 5 * 1024 * 1024;
/// Largest object the migration holds in memory to copy and compare; a bigger listed object is
/// an `error` (the harness could not check it), never a pass.
pub const MAX_OBJECT_BYTES: u64 = 512 * 1024 * 1024;
/// Largest answer to any other S3 request (a listing page of 1,000 keys is about 300 KB), and
/// the most of an error answer read whatever the object's size: the status is judged before the
/// size, so an error longer than the object is reported as the error it is.
const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;
/// S3 error codes that say the service refused the harness's own signature or credentials: a
/// problem of the harness or of the keys it was given, an `error`, never a verdict on the
/// platform.
pub const AUTH_ERROR_CODES: &[&str] =
    &["SignatureDoesNotMatch", "InvalidAccessKeyId", "AuthorizationHeaderMalformed", "IncompleteSignature", "RequestTimeTooSkewed", "InvalidSignature"];
/// Most listing pages followed for one bucket (10 million keys at 1,000 a page).
const MAX_LIST_PAGES: usize = 10_000;
/// Prefix of user-metadata headers.
const META_PREFIX: &str = "x-amz-meta-";

/// How requests name the bucket (Amazon S3 User Guide, "Virtual hosting of buckets").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Addressing {
    /// Path-style: `endpoint/bucket/key`.
    #[default]
    Path,
    /// Virtual-hosted-style: `bucket.host/key`, the bucket the first label of the host the
    /// request goes to (and signs as `host`).
    VirtualHosted,
}

/// Where an S3 service is and how to sign for it.
#[derive(Clone)]
pub struct S3Endpoint {
    /// Base URL of the service (path-style requests go to `endpoint/bucket/key`,
    /// virtual-hosted ones to `bucket.endpoint-host/key`).
    pub endpoint: Url,
    /// Access key ID.
    pub access_key: String,
    /// Secret access key.
    pub secret_key: String,
    /// Signing region.
    pub region: String,
    /// Path-style or virtual-hosted-style requests.
    pub addressing: Addressing,
}

impl std::fmt::Debug for S3Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Endpoint")
            .field("endpoint", &self.endpoint.as_str())
            .field("region", &self.region)
            .field("addressing", &self.addressing)
            .finish_non_exhaustive()
    }
}

impl S3Endpoint {
    /// The URL requests about `bucket` start with: the endpoint itself (path-style), or the
    /// endpoint with `bucket.` before its host (virtual-hosted); an `error` when the bucket
    /// cannot be a host label.
    pub fn bucket_base(&self, bucket: &str) -> Result<Url, Finding> {
        let mut base = self.endpoint.clone();
        if self.addressing == Addressing::VirtualHosted {
            let host = self.endpoint.host_str().ok_or_else(|| Finding::error(msg!("s3-endpoint-no-host", endpoint = self.endpoint.as_str())))?;
            let valid = !bucket.is_empty() && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid || base.set_host(Some(&format!("{bucket}.{host}"))).is_err() {
                return Err(Finding::error(msg!("s3-bucket-not-host-label", bucket = format!("{:?}", hutong_model::sanitize_line(bucket, 80)))));
            }
        }
        Ok(base)
    }

    /// The origin requests about `bucket` go to (the one the HTTP client may send credentials
    /// to).
    pub fn bucket_origin(&self, bucket: &str) -> Result<Url, Finding> {
        let base = self.bucket_base(bucket)?;
        Url::parse(&base.origin().ascii_serialization()).map_err(|e| Finding::error(msg!("s3-endpoint-error", endpoint = base.as_str(), error = e.to_string())))
    }
}

/// Splits a path-style bucket URL, `http(s)://host[:port][/prefix]/bucket`, into the S3 endpoint
/// (everything before the last path segment) and the bucket (the last segment).
pub fn parse_bucket_url(raw: &str) -> Result<(Url, String), Message> {
    let url = Url::parse(raw).map_err(|e| msg!("s3-not-a-url", url = format!("{raw:?}"), error = e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.query().is_some() || url.fragment().is_some() {
        return Err(msg!("s3-not-path-style", url = format!("{raw:?}")));
    }
    let path = url.path().trim_end_matches('/');
    let (prefix, bucket) = path.rsplit_once('/').unwrap_or(("", path));
    if bucket.is_empty() {
        return Err(msg!("s3-url-names-no-bucket", url = format!("{raw:?}")));
    }
    let mut endpoint = url.clone();
    endpoint.set_path(&format!("{prefix}/"));
    Ok((endpoint, bucket.to_string()))
}

/// Reads a bucket as a migration target names it: path-style, `http(s)://host[:port][/prefix]/bucket`
/// ([`parse_bucket_url`]), or virtual-hosted-style, `http(s)://bucket.host[:port]/` — a URL whose
/// path names no bucket, whose host's first label is the bucket. Returns the service endpoint,
/// the bucket and the addressing.
pub fn parse_bucket_target(raw: &str) -> Result<(Url, String, Addressing), Message> {
    let url = Url::parse(raw).map_err(|e| msg!("s3-not-a-url", url = format!("{raw:?}"), error = e.to_string()))?;
    if url.path().trim_matches('/').is_empty() && url.query().is_none() && url.fragment().is_none() && matches!(url.scheme(), "http" | "https") {
        if let Some(url::Host::Domain(host)) = url.host() {
            if let Some((bucket, service)) = host.split_once('.').filter(|(b, s)| !b.is_empty() && !s.is_empty()) {
                let mut endpoint = url.clone();
                endpoint.set_host(Some(service)).map_err(|e| msg!("s3-target-error", url = format!("{raw:?}"), error = e.to_string()))?;
                endpoint.set_path("/");
                return Ok((endpoint, bucket.to_string(), Addressing::VirtualHosted));
            }
        }
        return Err(msg!("s3-target-names-no-bucket", url = format!("{raw:?}")));
    }
    parse_bucket_url(raw).map(|(endpoint, bucket)| (endpoint, bucket, Addressing::Path))
}

/// One listed object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedObject {
    /// Key.
    pub key: String,
    /// Size in bytes.
    pub size: u64,
    /// Entity tag as listed, without quotes.
    pub etag: Option<String>,
}

impl ListedObject {
    /// The listed ETag when it is the MD5 of the content (32 hex digits), as S3 gives it for an
    /// object written in one piece without SSE-KMS; a multipart ETag (`…-N`) or any other form
    /// says nothing comparable about the content.
    pub fn content_md5(&self) -> Option<&str> {
        self.etag.as_deref().filter(|e| e.len() == 32 && e.bytes().all(|b| b.is_ascii_hexdigit()))
    }
}

/// One object as read.
#[derive(Debug, Clone)]
pub struct FetchedObject {
    /// Content.
    pub body: Vec<u8>,
    /// User metadata (`x-amz-meta-*`, names lowercased, prefix removed).
    pub metadata: BTreeMap<String, String>,
}

/// What a verification found, object by object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BucketDiff {
    /// Objects in the source bucket.
    pub source_objects: usize,
    /// Objects in the destination bucket.
    pub destination_objects: usize,
    /// Keys in the source only.
    pub missing: Vec<String>,
    /// Keys in the destination only.
    pub extra: Vec<String>,
    /// Keys in both whose size, content SHA-256 or user metadata differ, with what differs:
    /// written as `[key, English text, message]` ([`crate::fidelity::altered_with_messages`]).
    #[serde(serialize_with = "crate::fidelity::altered_with_messages")]
    pub altered: Vec<(String, Described)>,
}

impl BucketDiff {
    /// No difference.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.altered.is_empty()
    }
}

/// Counts of a migration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MigrationStats {
    /// Objects copied.
    pub objects: usize,
    /// Of which by multipart upload.
    pub multipart: usize,
    /// Bytes copied.
    pub bytes: u64,
}

/// URI-encodes `s` as SigV4 requires (RFC 3986 unreserved characters kept; `/` kept when
/// `keep_slash`).
fn uri_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b'/' if keep_slash => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The key as a path-style URL path carries it: each byte URI-encoded as SigV4 requires, `/`
/// kept — except in a key with a `.` or `..` segment, whose every `/` is sent as `%2F`: every
/// URL parser (WHATWG URL, RFC 3986 §5.2.4, the `url` crate) resolves dot segments, and
/// `%2E`/`%2e` with them, so `a/../b` would reach the server as `b`. The service decodes `%2F`
/// back to `/` (the key is the decoded path).
fn key_on_the_wire(key: &str) -> String {
    let dot_segment = key.split('/').any(|s| s == "." || s == "..");
    uri_encode(key, !dot_segment)
}

/// One XML element of an S3 answer: its local name, its text (entities and character
/// references resolved, line ends normalised as XML 1.0 §2.11 requires) and its children.
#[derive(Debug, Default)]
struct XmlElement {
    name: String,
    text: String,
    children: Vec<XmlElement>,
}

impl XmlElement {
    /// The children named `name`.
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a XmlElement> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child named `name`.
    fn text_of(&self, name: &str) -> Option<&str> {
        self.children.iter().find(|c| c.name == name).map(|c| c.text.as_str())
    }
}

/// Parses an S3 answer with a real XML parser (quick-xml): the root element.
fn parse_xml(bytes: &[u8]) -> Result<XmlElement, Message> {
    let text = std::str::from_utf8(bytes).map_err(|e| msg!("s3-xml-not-utf8", error = e.to_string()))?;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<XmlElement> = Vec::new();
    let mut root: Option<XmlElement> = None;
    let local = |name: quick_xml::name::LocalName<'_>| String::from_utf8_lossy(name.as_ref()).into_owned();
    loop {
        let event = reader.read_event().map_err(|e| msg!("s3-xml-not-well-formed", byte = reader.error_position(), error = e.to_string()))?;
        let done = match event {
            Event::Start(e) => {
                stack.push(XmlElement { name: local(e.local_name()), ..XmlElement::default() });
                None
            }
            Event::Empty(e) => Some(XmlElement { name: local(e.local_name()), ..XmlElement::default() }),
            Event::End(_) => Some(stack.pop().ok_or_else(|| msg!("s3-xml-stray-end-tag"))?),
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content().map_err(xml_error)?);
                }
                None
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.xml10_content().map_err(xml_error)?);
                }
                None
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(xml_error)? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(xml_error)?;
                        quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(|| msg!("s3-xml-unknown-entity", name = name.as_ref()))?.to_string()
                    }
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(element) = done {
            match stack.last_mut() {
                Some(parent) => parent.children.push(element),
                None if root.is_none() => root = Some(element),
                None => return Err(msg!("s3-xml-two-roots")),
            }
        }
    }
    if !stack.is_empty() {
        return Err(msg!("s3-xml-unclosed"));
    }
    root.ok_or_else(|| msg!("s3-xml-empty"))
}

/// An error of the XML parser, in its own words.
fn xml_error(e: impl std::fmt::Display) -> Message {
    Message::verbatim(e.to_string())
}

/// The code and message of an S3 error answer (`<Error><Code>…</Code><Message>…`), when the
/// body is one.
fn s3_error(body: &[u8]) -> Option<(String, String)> {
    let root = parse_xml(body).ok().filter(|r| r.name == "Error")?;
    Some((root.text_of("Code").unwrap_or_default().to_string(), root.text_of("Message").unwrap_or_default().to_string()))
}

/// How a service encodes keys in a listing asked with `encoding-type=url`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyEncoding {
    /// Keys as stored (no `encoding-type`, or a service that ignores it).
    Plain,
    /// Percent-encoded, `+` for a space (AWS; decoded as botocore does, with `unquote_plus`).
    Form,
    /// Percent-encoded, `+` as itself (`%2B` when it is part of the key).
    Percent,
}

impl KeyEncoding {
    fn decode(self, listed: &str) -> Option<String> {
        let bytes: std::borrow::Cow<'_, str> = match self {
            KeyEncoding::Plain => return Some(listed.to_string()),
            KeyEncoding::Form => listed.replace('+', " ").into(),
            KeyEncoding::Percent => listed.into(),
        };
        percent_encoding::percent_decode_str(&bytes).decode_utf8().ok().map(|k| k.into_owned())
    }
}

/// One page of a listing.
struct ListedPage {
    objects: Vec<ListedObject>,
    next: Option<String>,
    encoding_type: Option<String>,
}

/// Reads one ListObjectsV2 page, keys as listed (not decoded).
fn parse_listing(body: &[u8], bucket: &str) -> Result<ListedPage, Finding> {
    let root = parse_xml(body).map_err(|e| Finding::error(msg!("s3-unparseable", operation = msg!("s3-op", operation = "ListObjectsV2", target = bucket), error = e)))?;
    if root.name != "ListBucketResult" {
        return Err(Finding::fail(msg!("s3-listing-wrong-root", bucket = bucket, root = hutong_model::sanitize_line(&root.name, 60))));
    }
    let mut objects = Vec::new();
    for contents in root.all("Contents") {
        let key = contents.text_of("Key").ok_or_else(|| Finding::fail(msg!("s3-listing-no-key")))?.to_string();
        let size = contents
            .text_of("Size")
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| Finding::fail(msg!("s3-listing-no-size", key = hutong_model::sanitize_line(&key, 200))))?;
        let etag = contents.text_of("ETag").map(|e| e.trim().trim_matches('"').to_ascii_lowercase()).filter(|e| !e.is_empty());
        objects.push(ListedObject { key, size, etag });
    }
    let next = match root.text_of("IsTruncated").map(str::trim) {
        Some("true") => Some(root.text_of("NextContinuationToken").ok_or_else(|| Finding::fail(msg!("s3-listing-no-token")))?.to_string()),
        _ => None,
    };
    Ok(ListedPage { objects, next, encoding_type: root.text_of("EncodingType").map(|t| t.trim().to_string()) })
}

/// A signing S3 client for one endpoint.
pub struct S3Client {
    http: HttpClient,
    endpoint: S3Endpoint,
    signer: sigv4::Signer,
    rec: Recorder,
    keep_evidence: bool,
}

/// An answer of the S3 service.
struct S3Answer {
    status: u16,
    headers: http::HeaderMap,
    body: Vec<u8>,
    /// The longest successful answer expected (an object's listed size).
    limit: u64,
    /// What the request was, for messages.
    label: String,
}

impl S3Client {
    /// A client for `endpoint`; exchanges are recorded in `rec`, the secret key is redacted.
    pub fn new(http: HttpClient, endpoint: S3Endpoint, rec: Recorder) -> S3Client {
        http.redactor().insert_secret(&endpoint.secret_key);
        let signer = sigv4::Signer::s3(&endpoint.access_key, &endpoint.secret_key, &endpoint.region);
        S3Client { http, endpoint, signer, rec, keep_evidence: true }
    }

    /// Keeps no evidence of successful exchanges (bulk runs of many thousand objects, where the
    /// recorder would otherwise grow with every request).
    pub fn without_evidence(mut self) -> S3Client {
        self.keep_evidence = false;
        self
    }

    /// The URL of one request and the URI SigV4 signs for it (the same origin and query; the
    /// path as the service reads it back, see [`key_on_the_wire`]). Path-style requests name the
    /// bucket as the first path segment, virtual-hosted ones in the host. The URL is parsed back
    /// to check that it carries the path and query exactly as built: a key no URL can carry (`.`
    /// or `..` alone) is an `error`, never a request for another key.
    fn url(&self, bucket: &str, key: Option<&str>, query: &[(&str, String)]) -> Result<(String, String), Finding> {
        let base = self.endpoint.bucket_base(bucket)?;
        let prefix = base.path().trim_end_matches('/');
        let bucket_path = match self.endpoint.addressing {
            Addressing::Path => format!("{prefix}/{}", uri_encode(bucket, false)),
            Addressing::VirtualHosted => prefix.to_string(),
        };
        let (path, canonical_uri) = match key {
            // The service reads the key from the decoded path, and signs (and checks) the
            // URI-encoding of that decoded path, `/` kept.
            Some(k) => (format!("{bucket_path}/{}", key_on_the_wire(k)), format!("{bucket_path}/{}", uri_encode(k, true))),
            None if bucket_path.is_empty() => ("/".to_string(), "/".to_string()),
            None => (bucket_path.clone(), bucket_path),
        };
        // Query names and values URI-encoded (`+` as `%2B`, space as `%20`), sorted: the query
        // is sent in the canonical form SigV4 signs.
        let mut pairs: Vec<(String, String)> = query.iter().map(|(k, v)| (uri_encode(k, false), uri_encode(v, false))).collect();
        pairs.sort();
        let canonical_query = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
        let origin = base.origin().ascii_serialization();
        let with_query = |path: &str| if canonical_query.is_empty() { format!("{origin}{path}") } else { format!("{origin}{path}?{canonical_query}") };
        let url = with_query(&path);
        let parsed = Url::parse(&url).map_err(|e| Finding::error(msg!("s3-request-url", url = &url, error = e.to_string())))?;
        if parsed.path() != path || parsed.query().unwrap_or_default() != canonical_query {
            let what = key.map_or_else(
                || msg!("s3-the-bucket", bucket = format!("{bucket:?}")),
                |k| msg!("s3-the-key", key = format!("{:?}", hutong_model::sanitize_line(k, 200))),
            );
            return Err(Finding::error(msg!("s3-cannot-send-exactly", what = what, path = &path, parsed = parsed.path())));
        }
        Ok((url, with_query(&canonical_uri)))
    }

    #[allow(clippy::too_many_arguments, reason = "the parts of one signed S3 request")]
    async fn call(
        &self,
        method: http::Method,
        bucket: &str,
        key: Option<&str>,
        query: &[(&str, String)],
        extra: &[(String, String)],
        body: Vec<u8>,
        label: &str,
        limit: u64,
    ) -> Result<S3Answer, Finding> {
        let (url, signed_uri) = self.url(bucket, key, query)?;
        // Header values in the canonical form SigV4 signs (trimmed, inner runs of spaces
        // collapsed to one), and sent in that form, so that what is signed is what is sent.
        let headers: Vec<(String, String)> = extra.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.split_whitespace().collect::<Vec<_>>().join(" "))).collect();
        // Signed by the kept signer (aws-sigv4, no I/O); the harness's client sends the request.
        let signature = self
            .signer
            .sign(method.as_str(), &signed_uri, &headers, &body, std::time::SystemTime::now())
            .map_err(|e| Finding::error(msg!("s3-request-failed", label = label, error = e.to_string())))?;
        let mut request = self.http.request(method, &url).follow_redirects(false).label(label.to_string());
        for (k, v) in headers.iter().chain(&signature) {
            request = request.header(k.as_str(), v.as_str());
        }
        if !body.is_empty() {
            request = request.body(body, "application/octet-stream");
        }
        // The answer is bounded: an object by its listed size, anything else (an error answer
        // included) by MAX_RESPONSE_BYTES, so an endless or oversized body ends here. The
        // status is judged before the size (see `expect` and below).
        let bound = limit.max(MAX_RESPONSE_BYTES);
        let mut collected = Vec::new();
        let mut sink = |chunk: &[u8]| {
            if (collected.len() + chunk.len()) as u64 > bound {
                // In English for the exchange's record; the finding is the message below.
                return Err(msg!("s3-answer-longer", bound = bound).en());
            }
            collected.extend_from_slice(chunk);
            Ok(())
        };
        let meta = request.download(&self.rec, &mut sink).await.map_err(|e| match e {
            // The sink's only refusal.
            HttpError::Sink(_) => Finding::error(msg!("s3-request-failed", label = label, error = msg!("s3-answer-longer", bound = bound))),
            e => Finding::error(msg!("s3-request-failed", label = label, error = e.to_string())),
        });
        if !self.keep_evidence {
            drop(self.rec.take());
        }
        let meta = meta?;
        Ok(S3Answer { status: meta.status, headers: meta.headers, body: collected, limit, label: label.to_string() })
    }

    /// Judges an answer: its status first (an S3 error answer is reported with its code and
    /// message, and a refusal of the harness's own signature or keys is an `error`), then its
    /// size against what was expected.
    /// `what` names the operation ([`op`], [`op_part`], …).
    fn expect(answer: &S3Answer, ok: &[u16], what: Message) -> Result<(), Finding> {
        if !ok.contains(&answer.status) {
            let (code, message) = s3_error(&answer.body).unwrap_or_default();
            let (code, message) = (hutong_model::sanitize_line(&code, 80), hutong_model::sanitize_line(&message, 300));
            let status = answer.status;
            let text = match (code.is_empty(), message.is_empty()) {
                (true, true) => msg!("s3-answered", operation = what, status = status),
                (false, true) => msg!("s3-answered-code", operation = what, status = status, code = &code),
                (true, false) => msg!("s3-answered-message", operation = what, status = status, message = &message),
                (false, false) => msg!("s3-answered-code-message", operation = what, status = status, code = &code, message = &message),
            };
            if AUTH_ERROR_CODES.contains(&code.as_str()) {
                return Err(Finding::error(msg!("s3-harness-refused", answer = text)));
            }
            return Err(Finding::fail(text));
        }
        if answer.body.len() as u64 > answer.limit {
            return Err(Finding::error(msg!("s3-request-failed", label = &answer.label, error = msg!("s3-answer-longer", bound = answer.limit))));
        }
        Ok(())
    }

    /// Creates `bucket` (an existing bucket of this owner is fine).
    pub async fn create_bucket(&self, bucket: &str) -> Result<(), Finding> {
        let a = self.call(http::Method::PUT, bucket, None, &[], &[], Vec::new(), &format!("create bucket {bucket}"), MAX_RESPONSE_BYTES).await?;
        if a.status == 409 && s3_error(&a.body).is_some_and(|(code, _)| code == "BucketAlreadyOwnedByYou") {
            return Ok(());
        }
        Self::expect(&a, &[200], op("CreateBucket", bucket))
    }

    /// One ListObjectsV2 page (keys as listed, not decoded).
    async fn list_page(&self, bucket: &str, token: Option<&str>, max_keys: u32, url_encoded: bool) -> Result<ListedPage, Finding> {
        let mut query = vec![("list-type", "2".to_string()), ("max-keys", max_keys.to_string())];
        if url_encoded {
            query.push(("encoding-type", "url".to_string()));
        }
        if let Some(t) = token {
            query.push(("continuation-token", t.to_string()));
        }
        let a = self.call(http::Method::GET, bucket, None, &query, &[], Vec::new(), &format!("list {bucket}"), MAX_RESPONSE_BYTES).await?;
        Self::expect(&a, &[200], op("ListObjectsV2", bucket))?;
        parse_listing(&a.body, bucket)
    }

    /// Whether the bucket answers a listing with these keys (one ListObjectsV2 request for one
    /// key): a migration asks the destination first, so a silent destination or refused keys
    /// stop it before the source is read.
    pub async fn check_access(&self, bucket: &str) -> Result<(), Finding> {
        self.list_page(bucket, None, 1, false).await.map(drop)
    }

    /// How this service encodes keys with `encoding-type=url`, from the first page asked both
    /// ways: a service that ignores the parameter, or echoes it without encoding (s3s-fs), is
    /// read plainly; one whose encoded keys decode to the plain ones is read encoded (keys no
    /// XML 1.0 document can carry travel safely). Returns the encoding and the first page,
    /// keys decoded.
    async fn first_page(&self, bucket: &str) -> Result<(KeyEncoding, ListedPage), Finding> {
        let encoded = self.list_page(bucket, None, 1000, true).await?;
        if encoded.encoding_type.as_deref() != Some("url") {
            return Ok((KeyEncoding::Plain, encoded));
        }
        let plain = self.list_page(bucket, None, 1000, false).await?;
        let (listed, stored): (Vec<&str>, Vec<&str>) = (
            encoded.objects.iter().map(|o| o.key.as_str()).collect(),
            plain.objects.iter().map(|o| o.key.as_str()).collect(),
        );
        if listed == stored {
            return Ok((KeyEncoding::Plain, plain));
        }
        for encoding in [KeyEncoding::Form, KeyEncoding::Percent] {
            if listed.len() == stored.len() && listed.iter().zip(&stored).all(|(l, s)| encoding.decode(l).as_deref() == Some(*s)) {
                let mut page = encoded;
                for (o, s) in page.objects.iter_mut().zip(stored) {
                    o.key = s.to_string();
                }
                return Ok((encoding, page));
            }
        }
        Err(Finding::fail(msg!(
            "s3-listing-encoding-mismatch",
            bucket = bucket,
            encoded = listed.len(),
            plain = stored.len(),
            first_encoded = format!("{:?}", hutong_model::sanitize_line(listed.first().copied().unwrap_or_default(), 100)),
            first_plain = format!("{:?}", hutong_model::sanitize_line(stored.first().copied().unwrap_or_default(), 100))
        )))
    }

    /// Every object of `bucket` (ListObjectsV2, following continuation tokens), by key, keys
    /// exactly as stored (`encoding-type=url` where the service encodes; see `first_page`).
    pub async fn list(&self, bucket: &str) -> Result<Vec<ListedObject>, Finding> {
        let (encoding, first) = self.first_page(bucket).await?;
        let mut out = first.objects;
        let mut token = first.next;
        let mut seen_tokens = std::collections::HashSet::new();
        for page in 2.. {
            let Some(t) = token.take() else { break };
            if !seen_tokens.insert(t.clone()) {
                return Err(Finding::fail(msg!("s3-listing-cycles", bucket = bucket, token = format!("{:?}", hutong_model::sanitize_line(&t, 60)))));
            }
            if page > MAX_LIST_PAGES {
                return Err(Finding::error(msg!("s3-listing-too-long", bucket = bucket, max = MAX_LIST_PAGES)));
            }
            let listed = self.list_page(bucket, Some(&t), 1000, encoding != KeyEncoding::Plain).await?;
            if encoding != KeyEncoding::Plain && listed.encoding_type.as_deref() != Some("url") {
                return Err(Finding::fail(msg!("s3-listing-encoding-dropped", bucket = bucket, page = page)));
            }
            for mut object in listed.objects {
                object.key = encoding.decode(&object.key).ok_or_else(|| {
                    Finding::fail(msg!("s3-listing-key-not-encoded", bucket = bucket, key = format!("{:?}", hutong_model::sanitize_line(&object.key, 200))))
                })?;
                out.push(object);
            }
            token = listed.next;
        }
        out.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(out)
    }

    /// Reads one object, of at most `max_bytes` (its listed size; at most [`MAX_OBJECT_BYTES`]).
    pub async fn get(&self, bucket: &str, key: &str, max_bytes: u64) -> Result<FetchedObject, Finding> {
        if max_bytes > MAX_OBJECT_BYTES {
            return Err(Finding::error(msg!("s3-object-too-large", key = key, size = max_bytes.to_string(), max = MAX_OBJECT_BYTES)));
        }
        let a = self.call(http::Method::GET, bucket, Some(key), &[], &[], Vec::new(), &format!("get {key}"), max_bytes).await?;
        Self::expect(&a, &[200], op("GetObject", key))?;
        let metadata = a
            .headers
            .iter()
            .filter_map(|(k, v)| k.as_str().strip_prefix(META_PREFIX).map(|m| (m.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())))
            .collect();
        Ok(FetchedObject { body: a.body, metadata })
    }

    /// The entity tag of one object (HeadObject), without quotes.
    pub async fn head_etag(&self, bucket: &str, key: &str) -> Result<Option<String>, Finding> {
        let a = self.call(http::Method::HEAD, bucket, Some(key), &[], &[], Vec::new(), &format!("head {key}"), MAX_RESPONSE_BYTES).await?;
        Self::expect(&a, &[200], op("HeadObject", key))?;
        Ok(a.headers.get("etag").and_then(|v| v.to_str().ok()).map(|e| e.trim_matches('"').to_ascii_lowercase()))
    }

    /// Writes one object with its user metadata and its SHA-256 checksum
    /// (`x-amz-checksum-sha256`), by multipart upload above [`MULTIPART_THRESHOLD`]. Returns
    /// whether multipart was used.
    pub async fn put(&self, bucket: &str, key: &str, body: Vec<u8>, metadata: &BTreeMap<String, String>) -> Result<bool, Finding> {
        use base64::Engine as _;
        let meta: Vec<(String, String)> = metadata.iter().map(|(k, v)| (format!("{META_PREFIX}{k}"), v.clone())).collect();
        if body.len() <= MULTIPART_THRESHOLD {
            let mut headers = meta;
            headers.push(("x-amz-checksum-sha256".into(), base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&body))));
            let a = self.call(http::Method::PUT, bucket, Some(key), &[], &headers, body, &format!("put {key}"), MAX_RESPONSE_BYTES).await?;
            Self::expect(&a, &[200], op("PutObject", key))?;
            return Ok(false);
        }
        let a = self.call(http::Method::POST, bucket, Some(key), &[("uploads", String::new())], &meta, Vec::new(), &format!("create multipart {key}"), MAX_RESPONSE_BYTES).await?;
        Self::expect(&a, &[200], op("CreateMultipartUpload", key))?;
        let initiated = parse_xml(&a.body).map_err(|e| Finding::error(msg!("s3-unparseable", operation = op("CreateMultipartUpload", key), error = e)))?;
        let upload_id = initiated.text_of("UploadId").filter(|u| !u.is_empty()).ok_or_else(|| Finding::fail(msg!("s3-no-upload-id", key = key)))?.to_string();
        let mut parts = String::new();
        for (i, chunk) in body.chunks(PART_SIZE).enumerate() {
            let number = i + 1;
            let query = [("partNumber", number.to_string()), ("uploadId", upload_id.clone())];
            let a = self.call(http::Method::PUT, bucket, Some(key), &query, &[], chunk.to_vec(), &format!("upload part {number} of {key}"), MAX_RESPONSE_BYTES).await?;
            Self::expect(&a, &[200], op_part(number, key))?;
            let etag = a.headers.get("etag").and_then(|v| v.to_str().ok()).ok_or_else(|| Finding::fail(msg!("s3-part-no-etag", part = op_part(number, key))))?;
            parts.push_str(&format!("<Part><PartNumber>{number}</PartNumber><ETag>{}</ETag></Part>", quick_xml::escape::escape(etag)));
        }
        let xml = format!("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">{parts}</CompleteMultipartUpload>");
        let a = self.call(http::Method::POST, bucket, Some(key), &[("uploadId", upload_id)], &[], xml.into_bytes(), &format!("complete multipart {key}"), MAX_RESPONSE_BYTES).await?;
        Self::expect(&a, &[200], op("CompleteMultipartUpload", key))?;
        // S3 may answer 200 and report the failure in the body.
        match parse_xml(&a.body) {
            Ok(root) if root.name == "Error" => {
                let answer = S3Answer { status: 500, ..a };
                Self::expect(&answer, &[200], msg!("s3-op-error-in-200", key = key))?;
                Ok(true)
            }
            Ok(_) => Ok(true),
            Err(e) => Err(Finding::error(msg!("s3-unparseable", operation = op("CompleteMultipartUpload", key), error = e))),
        }
    }

    /// Deletes one object.
    pub async fn delete(&self, bucket: &str, key: &str) -> Result<(), Finding> {
        let a = self.call(http::Method::DELETE, bucket, Some(key), &[], &[], Vec::new(), &format!("delete {key}"), MAX_RESPONSE_BYTES).await?;
        Self::expect(&a, &[200, 204], op("DeleteObject", key))
    }

    /// Deletes an empty bucket.
    pub async fn delete_bucket(&self, bucket: &str) -> Result<(), Finding> {
        let a = self.call(http::Method::DELETE, bucket, None, &[], &[], Vec::new(), &format!("delete bucket {bucket}"), MAX_RESPONSE_BYTES).await?;
        Self::expect(&a, &[200, 204], op("DeleteBucket", bucket))
    }

    /// Deletes every object of `bucket`, then the bucket.
    pub async fn remove_bucket(&self, bucket: &str) -> Result<(), Finding> {
        for object in self.list(bucket).await? {
            self.delete(bucket, &object.key).await?;
        }
        self.delete_bucket(bucket).await
    }
}

/// An S3 operation on a bucket or an object, for messages: `GetObject key`.
fn op(operation: &str, target: &str) -> Message {
    msg!("s3-op", operation = operation, target = target)
}

/// `UploadPart number of key`.
fn op_part(number: usize, key: &str) -> Message {
    msg!("s3-op-part", number = number, key = key)
}

/// Copies every object of `from_bucket` to `to_bucket`: content, user metadata and a SHA-256
/// checksum the destination can check, multipart above [`MULTIPART_THRESHOLD`]; `concurrency`
/// objects at a time, within the default [`StreamLimits`]. See [`copy_bucket`].
pub async fn migrate_bucket(from: &S3Client, from_bucket: &str, to: &S3Client, to_bucket: &str, concurrency: usize) -> Result<MigrationStats, Finding> {
    copy_bucket(from, from_bucket, to, to_bucket, concurrency, &StreamLimits::default(), &|_| {}).await
}

/// What a verification from the listings alone found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ListingDiff {
    /// Keys, sizes and (where both sides list one) MD5 ETags compared.
    pub diff: BucketDiff,
    /// Objects in both whose ETags are not both content MD5s, so only their sizes were compared.
    pub size_only: usize,
}

/// Verifies `to_bucket` against `from_bucket` from their listings, as `rclone check` does: the
/// same keys, the same sizes, and the same MD5 ETag — asking HeadObject, `concurrency` at a
/// time, when a listing gives none (some services list no ETag). Reads no content and no user
/// metadata: quick, and only as strong as the services' hashes; [`verify_buckets`] is the full
/// check.
pub async fn verify_listings(from: &S3Client, from_bucket: &str, to: &S3Client, to_bucket: &str, concurrency: usize) -> Result<ListingDiff, Finding> {
    let (source, destination) = futures::future::join(from.list(from_bucket), to.list(to_bucket)).await;
    let (diff, mut same_size) = compare_listed(source?, destination?);
    // ETags a listing left out, asked of the object itself (source side `true`).
    let missing: Vec<(usize, bool, String)> = same_size
        .iter()
        .enumerate()
        .flat_map(|(i, (a, b))| [(i, true, a), (i, false, b)])
        .filter(|(_, _, o)| o.etag.is_none())
        .map(|(i, is_source, o)| (i, is_source, o.key.clone()))
        .collect();
    let mut heads = futures::stream::iter(missing.into_iter().map(|(i, is_source, key)| async move {
        let etag = if is_source { from.head_etag(from_bucket, &key).await } else { to.head_etag(to_bucket, &key).await };
        etag.map(|e| (i, is_source, e))
    }))
    .buffer_unordered(concurrency.max(1));
    // Judged as they come: the first failure cancels the rest.
    while let Some(head) = heads.next().await {
        let (i, is_source, etag) = head?;
        if is_source { same_size[i].0.etag = etag } else { same_size[i].1.etag = etag }
    }
    let mut out = ListingDiff { diff, size_only: 0 };
    for (object, other) in &same_size {
        match (object.content_md5(), other.content_md5()) {
            (Some(a), Some(b)) if a != b => out.diff.altered.push((object.key.clone(), Described::new(msg!("s3-md5-differs", destination = b, source = a)))),
            (Some(_), Some(_)) => {}
            _ => out.size_only += 1,
        }
    }
    out.diff.altered.sort();
    Ok(out)
}

/// Compares two listings by key and size: what differs so far (missing, extra, other size) and
/// the pairs (source, destination) of the objects both list with the same size, in key order.
fn compare_listed(source: Vec<ListedObject>, destination: Vec<ListedObject>) -> (BucketDiff, Vec<(ListedObject, ListedObject)>) {
    let mut diff = BucketDiff { source_objects: source.len(), destination_objects: destination.len(), ..BucketDiff::default() };
    let mut destination: BTreeMap<String, ListedObject> = destination.into_iter().map(|o| (o.key.clone(), o)).collect();
    let mut same_size = Vec::new();
    for object in source {
        match destination.remove(&object.key) {
            None => diff.missing.push(object.key),
            Some(other) if other.size != object.size => {
                diff.altered.push((object.key.clone(), Described::new(msg!("s3-size-differs", destination = other.size.to_string(), source = object.size.to_string()))))
            }
            Some(other) => same_size.push((object, other)),
        }
    }
    diff.extra = destination.into_keys().collect();
    (diff, same_size)
}

/// Verifies `to_bucket` against `from_bucket` object by object: the same keys, and for each key
/// the same size, SHA-256 of content and user metadata; `concurrency` objects at a time, within
/// the default [`StreamLimits`]. See [`compare_buckets`].
pub async fn verify_buckets(from: &S3Client, from_bucket: &str, to: &S3Client, to_bucket: &str, concurrency: usize) -> Result<BucketDiff, Finding> {
    compare_buckets(from, from_bucket, to, to_bucket, concurrency, &StreamLimits::default(), &|_| {}).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_uri_encoded_like_sigv4() {
        assert_eq!(uri_encode("a b/c~d+é", true), "a%20b/c~d%2B%C3%A9");
        assert_eq!(uri_encode("a/b", false), "a%2Fb");
    }

    #[test]
    fn bucket_urls_split_into_endpoint_and_bucket() {
        let (endpoint, bucket) = parse_bucket_url("http://127.0.0.1:9000/media").unwrap();
        assert_eq!((endpoint.as_str(), bucket.as_str()), ("http://127.0.0.1:9000/", "media"));
        let (endpoint, bucket) = parse_bucket_url("https://x.example/s3/catalog-media/").unwrap();
        assert_eq!((endpoint.as_str(), bucket.as_str()), ("https://x.example/s3/", "catalog-media"));
        for bad in ["http://x.example/", "http://x.example", "ftp://x/b", "http://x/b?list-type=2", "not a url"] {
            assert!(parse_bucket_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_md5_etags_are_compared() {
        let listed = |etag: &str| ListedObject { key: "k".into(), size: 1, etag: Some(etag.into()) };
        assert_eq!(listed("9e107d9d372bb6826bd81d3542a419d6").content_md5(), Some("9e107d9d372bb6826bd81d3542a419d6"));
        assert_eq!(listed("9e107d9d372bb6826bd81d3542a419d6-2").content_md5(), None);
        assert_eq!(listed("x").content_md5(), None);
    }

    #[test]
    fn listings_parse_with_entities_and_character_references() {
        // See issue 13: AWS and s3rver write `'` as `&#x27;` or `&#39;`; a key with trailing
        // spaces and one with a CDATA section keep every byte.
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsTruncated>true</IsTruncated>\
            <Contents><Key>a &amp; b&lt;&gt;&quot;&#x27;&#39;&apos; </Key><Size>3</Size><ETag>&quot;9e107d9d372bb6826bd81d3542a419d6&quot;</ETag></Contents>\
            <Contents><Key><![CDATA[c&d]]></Key><Size>0</Size></Contents>\
            <NextContinuationToken>t1</NextContinuationToken></ListBucketResult>";
        let page = parse_listing(xml.as_bytes(), "b").unwrap();
        let keys: Vec<&str> = page.objects.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(keys, ["a & b<>\"''' ", "c&d"]);
        assert_eq!(page.objects[0].etag.as_deref(), Some("9e107d9d372bb6826bd81d3542a419d6"));
        assert_eq!(page.next.as_deref(), Some("t1"));
        let truncated = parse_listing(b"<ListBucketResult><Contents><Key>a</Key>", "b").err().expect("truncated XML is refused");
        assert_eq!(truncated.kind, hutong_model::FindingKind::Error, "unparseable is an error: {}", truncated.message);
        assert!(parse_listing(b"<Error><Code>NoSuchBucket</Code></Error>", "b").is_err());
    }

    #[test]
    fn url_encoded_keys_decode_as_aws_and_moto_write_them() {
        assert_eq!(KeyEncoding::Form.decode("a+b%2Bc%20d%C3%A9").as_deref(), Some("a b+c dé"));
        assert_eq!(KeyEncoding::Percent.decode("a+b%2Bc").as_deref(), Some("a+b+c"));
        assert_eq!(KeyEncoding::Plain.decode("a+b%2B").as_deref(), Some("a+b%2B"));
        assert_eq!(KeyEncoding::Form.decode("%FF"), None, "not UTF-8");
    }

    #[test]
    fn s3_errors_give_code_and_message() {
        let xml = b"<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&#x27;b</Key></Error>";
        assert_eq!(s3_error(xml), Some(("NoSuchKey".into(), "The specified key does not exist.".into())));
        assert_eq!(s3_error(b"<ListBucketResult/>"), None);
        assert_eq!(s3_error(b"not xml"), None);
    }

    fn answer(status: u16, body: &str, limit: u64) -> S3Answer {
        S3Answer { status, headers: http::HeaderMap::new(), body: body.as_bytes().to_vec(), limit, label: "get k".into() }
    }

    #[test]
    fn status_is_judged_before_size() {
        // See issue 13: a 404 NoSuchKey longer than an empty object was blamed on the local disk.
        let not_found = answer(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>", 0);
        let f = S3Client::expect(&not_found, &[200], op("GetObject", "k")).unwrap_err();
        assert_eq!(f.kind, hutong_model::FindingKind::Fail);
        assert_eq!(f.message, "S3 GetObject k answered HTTP 404 NoSuchKey: The specified key does not exist.");
        assert_eq!(f.text.render(hutong_model::Locale::Zh), "S3 GetObject k 返回了 HTTP 404 NoSuchKey：The specified key does not exist.");
        let long = answer(200, "four", 3);
        let f = S3Client::expect(&long, &[200], op("GetObject", "k")).unwrap_err();
        assert_eq!(f.kind, hutong_model::FindingKind::Error);
        assert!(f.message.contains("longer than the 3 bytes expected") && !f.message.contains("free space"), "{}", f.message);
    }

    #[test]
    fn refused_signatures_are_errors_of_the_harness() {
        for code in ["SignatureDoesNotMatch", "InvalidAccessKeyId"] {
            let refused = answer(403, &format!("<Error><Code>{code}</Code><Message>no</Message></Error>"), 0);
            let f = S3Client::expect(&refused, &[200], op("PutObject", "k")).unwrap_err();
            assert_eq!(f.kind, hutong_model::FindingKind::Error, "{code}");
            assert!(f.message.contains(code) && f.message.contains("harness's own signature"), "{}", f.message);
        }
        let denied = answer(403, "<Error><Code>AccessDenied</Code></Error>", 0);
        assert_eq!(S3Client::expect(&denied, &[200], op("PutObject", "k")).unwrap_err().kind, hutong_model::FindingKind::Fail);
    }

    fn aws_example_endpoint() -> S3Endpoint {
        S3Endpoint {
            endpoint: Url::parse("https://examplebucket.s3.amazonaws.com/").unwrap(),
            access_key: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            region: "us-east-1".into(),
            addressing: Addressing::Path,
        }
    }

    fn local_client() -> S3Client {
        let endpoint = S3Endpoint { endpoint: Url::parse("http://127.0.0.1:9/").unwrap(), ..aws_example_endpoint() };
        S3Client::new(HttpClient::new(hutong_http::ClientConfig::default()).unwrap(), endpoint, Recorder::new())
    }

    #[test]
    fn keys_reach_the_server_byte_exact() {
        // See issue 13: `a/../b` and `x/./y` were rewritten by URL normalisation to `b` and `x/y`.
        let s3 = local_client();
        let cases = [
            ("a/../b", "/bkt/a%2F..%2Fb", "/bkt/a/../b"),
            ("x/./y", "/bkt/x%2F.%2Fy", "/bkt/x/./y"),
            ("a/..", "/bkt/a%2F..", "/bkt/a/.."),
            ("a//b", "/bkt/a//b", "/bkt/a//b"),
            ("/lead", "/bkt//lead", "/bkt//lead"),
            ("100% a+b?#é ", "/bkt/100%25%20a%2Bb%3F%23%C3%A9%20", "/bkt/100%25%20a%2Bb%3F%23%C3%A9%20"),
            ("%2e%2e/x", "/bkt/%252e%252e/x", "/bkt/%252e%252e/x"),
            ("a\\b", "/bkt/a%5Cb", "/bkt/a%5Cb"),
        ];
        for (key, wire, canonical) in cases {
            let (url, signed_uri) = s3.url("bkt", Some(key), &[]).unwrap_or_else(|f| panic!("{key}: {}", f.message));
            assert_eq!(url, format!("http://127.0.0.1:9{wire}"), "{key}");
            assert_eq!(signed_uri, format!("http://127.0.0.1:9{canonical}"), "{key}");
            // What the URL parser (and so reqwest) sends is the path as built.
            assert_eq!(Url::parse(&url).unwrap().path(), wire, "{key}");
            let decoded = percent_encoding::percent_decode_str(wire.strip_prefix("/bkt/").unwrap()).decode_utf8().unwrap();
            assert_eq!(decoded, key, "the server decodes the key as stored");
        }
        for key in [".", ".."] {
            let f = s3.url("bkt", Some(key), &[]).unwrap_err();
            assert_eq!(f.kind, hutong_model::FindingKind::Error, "{key}");
            assert!(f.message.contains("cannot be sent exactly"), "{}", f.message);
        }
        let (url, signed_uri) = s3.url("bkt", None, &[("list-type", "2".into()), ("continuation-token", "a+b/=".into())]).unwrap();
        assert_eq!(url, "http://127.0.0.1:9/bkt?continuation-token=a%2Bb%2F%3D&list-type=2");
        assert_eq!(signed_uri, url);
    }

    #[test]
    fn virtual_hosted_requests_name_the_bucket_in_the_host() {
        let endpoint = S3Endpoint { endpoint: Url::parse("http://s3.example:9000/").unwrap(), addressing: Addressing::VirtualHosted, ..aws_example_endpoint() };
        let s3 = S3Client::new(HttpClient::new(hutong_http::ClientConfig::default()).unwrap(), endpoint.clone(), Recorder::new());
        let (url, signed_uri) = s3.url("media", Some("a/../b c"), &[]).unwrap();
        assert_eq!(url, "http://media.s3.example:9000/a%2F..%2Fb%20c");
        assert_eq!(signed_uri, "http://media.s3.example:9000/a/../b%20c");
        let (url, _) = s3.url("media", None, &[("list-type", "2".into())]).unwrap();
        assert_eq!(url, "http://media.s3.example:9000/?list-type=2");
        assert_eq!(endpoint.bucket_origin("media").unwrap().as_str(), "http://media.s3.example:9000/");
        for bad in ["Media", "a.b", "a_b", ""] {
            assert_eq!(s3.url(bad, None, &[]).unwrap_err().kind, hutong_model::FindingKind::Error, "{bad}");
        }
    }

    #[test]
    fn bucket_targets_are_path_style_or_virtual_hosted() {
        let (endpoint, bucket, addressing) = parse_bucket_target("https://media.s3.example/").unwrap();
        assert_eq!((endpoint.as_str(), bucket.as_str(), addressing), ("https://s3.example/", "media", Addressing::VirtualHosted));
        let (endpoint, bucket, addressing) = parse_bucket_target("http://media.localhost:9000").unwrap();
        assert_eq!((endpoint.as_str(), bucket.as_str(), addressing), ("http://localhost:9000/", "media", Addressing::VirtualHosted));
        let (endpoint, bucket, addressing) = parse_bucket_target("http://127.0.0.1:9000/s3/media").unwrap();
        assert_eq!((endpoint.as_str(), bucket.as_str(), addressing), ("http://127.0.0.1:9000/s3/", "media", Addressing::Path));
        for bad in ["http://127.0.0.1:9000/", "http://localhost/", "http://.x/", "ftp://b.x/", "http://b.x/?q"] {
            assert!(parse_bucket_target(bad).is_err(), "{bad}");
        }
    }
}
