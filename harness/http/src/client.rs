//! The HTTP client: bounded, recorded, redacted exchanges.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use http::Method;
use http::header::{
    AUTHORIZATION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName,
    HeaderValue, LOCATION, PROXY_AUTHORIZATION, USER_AGENT,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use url::{Origin, Url};

use crate::error::HttpError;
use crate::record::{BodyExcerpt, Exchange, Recorder};
use crate::redact::Redactor;

/// The User-Agent sent by default: one consistent value for every request.
pub const DEFAULT_USER_AGENT: &str =
    concat!("hutong/", env!("CARGO_PKG_VERSION"), " (+conformance)");

/// Hard cap on the total duration of one [`RequestBuilder::download`].
pub const DOWNLOAD_TIME_CAP: Duration = Duration::from_secs(30 * 60);

/// Upper bounds on every exchange with the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Maximum response body size for [`RequestBuilder::send`], counted on the decompressed
    /// bytes while streaming (so compression bombs stop here). Default 8 MiB.
    pub max_body_bytes: u64,
    /// Maximum total size of the response headers (name + value + 4 bytes per field).
    /// Default 64 KiB.
    pub max_header_bytes: usize,
    /// Time allowed for a whole [`RequestBuilder::send`] (redirects and body included); for
    /// [`RequestBuilder::download`], the time allowed for the response headers and between
    /// two body chunks. Default 15 s.
    pub request_timeout: Duration,
    /// Time allowed to open a connection (TCP and TLS). Default 5 s.
    pub connect_timeout: Duration,
    /// Maximum number of redirects followed. Default 5.
    pub max_redirects: usize,
    /// Maximum size of one [`RequestBuilder::download`]. Default 4 GiB.
    pub max_download_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: 8 * 1024 * 1024,
            max_header_bytes: 64 * 1024,
            request_timeout: Duration::from_secs(15),
            connect_timeout: Duration::from_secs(5),
            max_redirects: 5,
            max_download_bytes: 4 * 1024 * 1024 * 1024,
        }
    }
}

/// Configuration of an [`HttpClient`].
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Upper bounds on every exchange.
    pub limits: Limits,
    /// The User-Agent sent with every request (default [`DEFAULT_USER_AGENT`]).
    pub user_agent: String,
    /// Accept invalid TLS certificates and host names (`--insecure`). Default false.
    pub insecure_tls: bool,
    /// Origins (scheme, host, port) redirects may lead to, besides the origin of the request
    /// itself. Empty: redirects may only stay on the request's origin. When not empty, these are
    /// also the only origins credentials go to: a request carrying `Authorization`,
    /// `Proxy-Authorization` or `Cookie` to any other origin is refused before it is made.
    pub allowed_origins: Vec<Url>,
    /// Redacts everything recorded. Clones share secrets, so secrets added to this one (or to
    /// [`HttpClient::redactor`]) apply to the client.
    pub redactor: Redactor,
    /// Host names resolved to a fixed address instead of by DNS, as curl's `--resolve` (the
    /// request still names the host: `Host`, TLS name and signatures are unchanged). Tests use
    /// it to reach virtual-hosted S3 buckets (`bucket.s3.example`) on a local server.
    pub resolve: Vec<(String, std::net::SocketAddr)>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            limits: Limits::default(),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            insecure_tls: false,
            allowed_origins: Vec::new(),
            redactor: Redactor::new(),
            resolve: Vec::new(),
        }
    }
}

/// The harness's HTTP client. Cheap to clone (an `Arc` inside), `Send + Sync`.
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    client: reqwest::Client,
    config: ClientConfig,
    user_agent: HeaderValue,
    allowed_origins: Vec<Origin>,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("limits", &self.inner.config.limits)
            .field("user_agent", &self.inner.config.user_agent)
            .field("insecure_tls", &self.inner.config.insecure_tls)
            .field("allowed_origins", &self.inner.config.allowed_origins)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// Builds a client. Fails if the User-Agent is not a valid header value or the TLS stack
    /// cannot be set up.
    pub fn new(config: ClientConfig) -> Result<Self, HttpError> {
        let user_agent =
            HeaderValue::from_str(&config.user_agent).map_err(|e| HttpError::InvalidRequest {
                reason: format!(
                    "user agent {:?} is not a valid header value: {e}",
                    config.user_agent
                ),
            })?;
        let limits = &config.limits;
        let mut builder = reqwest::Client::builder();
        for (host, addr) in &config.resolve {
            builder = builder.resolve(host, *addr);
        }
        let client = builder
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .connect_timeout(limits.connect_timeout)
            .tls_danger_accept_invalid_certs(config.insecure_tls)
            .tls_danger_accept_invalid_hostnames(config.insecure_tls)
            .gzip(true)
            .brotli(true)
            .http1_max_headers(256)
            .http2_max_header_list_size(u32::try_from(limits.max_header_bytes).unwrap_or(u32::MAX))
            .build()
            .map_err(|e| HttpError::Setup {
                cause: error_chain(&e),
            })?;
        let allowed_origins = config.allowed_origins.iter().map(Url::origin).collect();
        Ok(Self {
            inner: Arc::new(ClientInner {
                client,
                config,
                user_agent,
                allowed_origins,
            }),
        })
    }

    /// Starts a request. The URL is checked when it is sent; an invalid one gives
    /// [`HttpError::InvalidUrl`] (recorded like every other error).
    pub fn request(&self, method: Method, url: impl AsRef<str>) -> RequestBuilder {
        RequestBuilder {
            client: self.clone(),
            method,
            url: url.as_ref().to_owned(),
            headers: HeaderMap::new(),
            query: Vec::new(),
            body: None,
            label: None,
            timeout: None,
            follow_redirects: true,
            error: None,
        }
    }

    /// Starts a `GET` request.
    pub fn get(&self, url: impl AsRef<str>) -> RequestBuilder {
        self.request(Method::GET, url)
    }

    /// Starts a `POST` request.
    pub fn post(&self, url: impl AsRef<str>) -> RequestBuilder {
        self.request(Method::POST, url)
    }

    /// Starts a `PUT` request.
    pub fn put(&self, url: impl AsRef<str>) -> RequestBuilder {
        self.request(Method::PUT, url)
    }

    /// Starts a `PATCH` request.
    pub fn patch(&self, url: impl AsRef<str>) -> RequestBuilder {
        self.request(Method::PATCH, url)
    }

    /// Starts a `DELETE` request.
    pub fn delete(&self, url: impl AsRef<str>) -> RequestBuilder {
        self.request(Method::DELETE, url)
    }

    /// Starts a `HEAD` request.
    pub fn head(&self, url: impl AsRef<str>) -> RequestBuilder {
        self.request(Method::HEAD, url)
    }

    /// The redactor applied to everything this client records. Secrets added through it
    /// ([`Redactor::insert_secret`]) apply from then on.
    pub fn redactor(&self) -> &Redactor {
        &self.inner.config.redactor
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// The limits this client enforces.
    pub fn limits(&self) -> &Limits {
        &self.inner.config.limits
    }
}

/// A request being prepared; finish it with [`RequestBuilder::send`] or
/// [`RequestBuilder::download`]. Mistakes (an invalid header) are reported by those.
#[must_use = "a request does nothing until it is sent"]
pub struct RequestBuilder {
    client: HttpClient,
    method: Method,
    url: String,
    headers: HeaderMap,
    query: Vec<(String, String)>,
    body: Option<(Bytes, String)>,
    label: Option<String>,
    timeout: Option<Duration>,
    follow_redirects: bool,
    error: Option<String>,
}

impl fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redactor = self.client.redactor();
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("url", &redactor.redact_url(&self.url))
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl RequestBuilder {
    fn fail(mut self, reason: String) -> Self {
        if self.error.is_none() {
            self.error = Some(reason);
        }
        self
    }

    /// Sets a header, replacing earlier values of the same name. Accepts `&str`, `String`,
    /// [`HeaderName`] and [`HeaderValue`]. The `User-Agent` is always the client's.
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        HeaderName: TryFrom<K>,
        <HeaderName as TryFrom<K>>::Error: Into<http::Error>,
        HeaderValue: TryFrom<V>,
        <HeaderValue as TryFrom<V>>::Error: Into<http::Error>,
    {
        let name = match HeaderName::try_from(name) {
            Ok(name) => name,
            Err(e) => return self.fail(format!("invalid header name: {}", e.into())),
        };
        let value = match HeaderValue::try_from(value) {
            Ok(value) => value,
            Err(e) => return self.fail(format!("invalid value for header {name}: {}", e.into())),
        };
        self.headers.insert(name, value);
        self
    }

    /// Sets several headers, replacing earlier values of the same names.
    pub fn headers(mut self, headers: HeaderMap) -> Self {
        let mut last_name = None;
        for (name, value) in headers {
            let name = match name {
                Some(name) => {
                    self.headers.remove(&name);
                    last_name = Some(name.clone());
                    name
                }
                None => match &last_name {
                    Some(name) => name.clone(),
                    None => continue,
                },
            };
            self.headers.append(name, value);
        }
        self
    }

    /// Sets `Authorization: Bearer <token>` and registers the token as a secret with the
    /// client's redactor.
    pub fn bearer(self, token: impl AsRef<str>) -> Self {
        let token = token.as_ref();
        self.client.redactor().insert_secret(token);
        match HeaderValue::from_str(&format!("Bearer {token}")) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.header(AUTHORIZATION, value)
            }
            Err(_) => self.fail("the bearer token is not a valid header value".to_owned()),
        }
    }

    /// Sets `Authorization: Basic …` and registers the password and the encoded credentials
    /// as secrets with the client's redactor.
    pub fn basic_auth(self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self {
        use base64::Engine as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            user.as_ref(),
            password.as_ref()
        ));
        self.client.redactor().insert_secret(password.as_ref());
        self.client.redactor().insert_secret(encoded.as_str());
        match HeaderValue::from_str(&format!("Basic {encoded}")) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.header(AUTHORIZATION, value)
            }
            Err(_) => self.fail("the basic credentials are not a valid header value".to_owned()),
        }
    }

    /// Sends `value` serialised as JSON with `Content-Type: application/json`.
    pub fn json<T: Serialize + ?Sized>(self, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(bytes) => self.body(bytes, "application/json"),
            Err(e) => self.fail(format!("the JSON body could not be serialised: {e}")),
        }
    }

    /// Sends the pairs as an `application/x-www-form-urlencoded` body.
    pub fn form<K: AsRef<str>, V: AsRef<str>>(self, pairs: &[(K, V)]) -> Self {
        let mut serializer = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            serializer.append_pair(k.as_ref(), v.as_ref());
        }
        self.body(serializer.finish(), "application/x-www-form-urlencoded")
    }

    /// Sends `body` with the given `Content-Type` (unless a `Content-Type` header is set).
    pub fn body(mut self, body: impl Into<Bytes>, content_type: impl AsRef<str>) -> Self {
        self.body = Some((body.into(), content_type.as_ref().to_owned()));
        self
    }

    /// Appends query parameters to the URL.
    pub fn query<K: AsRef<str>, V: AsRef<str>>(mut self, pairs: &[(K, V)]) -> Self {
        self.query.extend(
            pairs
                .iter()
                .map(|(k, v)| (k.as_ref().to_owned(), v.as_ref().to_owned())),
        );
        self
    }

    /// A free-text note stored in the recorded exchange (e.g. "client A").
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Overrides [`Limits::request_timeout`] for this request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Whether to follow redirects (default true). With false, a redirect response is returned
    /// as is, e.g. to read the `Location` of an OAuth authorization response.
    pub fn follow_redirects(mut self, follow: bool) -> Self {
        self.follow_redirects = follow;
        self
    }

    /// What is sent, before the URL is checked (also what is recorded when it is invalid).
    fn unprepared(&self) -> Prepared {
        let mut headers = self.headers.clone();
        // One consistent User-Agent, unless a request sets its own on purpose (a differential
        // check sending another app's identity).
        if !headers.contains_key(USER_AGENT) {
            headers.insert(USER_AGENT, self.client.inner.user_agent.clone());
        }
        let body = self.body.as_ref().map(|(bytes, content_type)| {
            if !headers.contains_key(CONTENT_TYPE)
                && let Ok(value) = HeaderValue::from_str(content_type)
            {
                headers.insert(CONTENT_TYPE, value);
            }
            bytes.clone()
        });
        Prepared {
            method: self.method.clone(),
            url: None,
            raw_url: self.url.clone(),
            headers,
            body,
        }
    }

    /// Checks the URL and assembles what is sent.
    fn prepare(&self) -> Result<Prepared, HttpError> {
        let redactor = self.client.redactor();
        if let Some(reason) = &self.error {
            return Err(HttpError::InvalidRequest {
                reason: redactor.redact_str(reason),
            });
        }
        let invalid = |reason: String| HttpError::InvalidUrl {
            url: redactor.redact_url(&self.url),
            reason,
        };
        let mut url = Url::parse(self.url.trim()).map_err(|e| invalid(e.to_string()))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(invalid(format!(
                "scheme {:?} is not http or https",
                url.scheme()
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("the URL has no host".to_owned()));
        }
        // Credentials never leave the allowed origins, whoever names the URL (a `next` link,
        // a `Location`, a document of the platform).
        let credentials = [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE].iter().any(|h| self.headers.contains_key(h));
        let allowed = &self.client.inner.allowed_origins;
        if credentials && !allowed.is_empty() && !allowed.contains(&url.origin()) {
            return Err(HttpError::InvalidRequest {
                reason: format!(
                    "credentials are not sent to {}, outside the allowed origins; the request was not made",
                    url.origin().ascii_serialization()
                ),
            });
        }
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(self.query.iter());
        }
        let mut prepared = self.unprepared();
        prepared.raw_url = url.as_str().to_owned();
        prepared.url = Some(url);
        Ok(prepared)
    }

    /// Sends the request, follows redirects (within the allowed origins) and buffers the
    /// response body up to [`Limits::max_body_bytes`], all within
    /// [`Limits::request_timeout`]. Non-2xx statuses are not errors. The exchange is recorded
    /// in `rec`, with its error if it fails.
    pub async fn send(self, rec: &Recorder) -> Result<Response, HttpError> {
        let started = Instant::now();
        let started_at = now_rfc3339();
        let client = self.client.clone();
        let limits = client.limits().clone();
        let (timeout, by_budget) = rec.bound(self.timeout.unwrap_or(limits.request_timeout));
        let follow = self.follow_redirects;
        let label = self.label.clone();
        let mut trace = Trace::default();
        let (prepared, result) = match self.prepare() {
            Err(e) => (self.unprepared(), Err(e)),
            Ok(prepared) => {
                let outcome = tokio::time::timeout(timeout, async {
                    let mut response = client.fetch_head(&prepared, &mut trace, follow).await?;
                    client
                        .read_body(&mut response, &mut trace, limits.max_body_bytes)
                        .await
                })
                .await;
                let result = match outcome {
                    Ok(result) => result,
                    Err(_) => Err(HttpError::Timeout {
                        what: budget_note(trace.awaited(&prepared, client.redactor()), by_budget),
                        after: timeout,
                    }),
                };
                (prepared, result)
            }
        };
        let elapsed = started.elapsed();
        let redactor = client.redactor();
        let response_body = (trace.status.is_some()
            && (!trace.body.is_empty() || !trace.body_complete))
            .then(|| {
                BodyExcerpt::from_bytes(
                    &trace.body,
                    trace.content_type().as_deref(),
                    trace.body_complete,
                    redactor,
                )
            });
        let exchange = client.exchange(
            &prepared,
            label,
            &trace,
            response_body,
            started_at,
            elapsed,
            result.as_ref().err(),
        );
        let (index, seq) = rec.record_with_seq(exchange);
        result?;
        let final_url = trace
            .final_url
            .or(prepared.url)
            .ok_or_else(|| HttpError::Setup {
                cause: "internal error: no final URL".to_owned(),
            })?;
        Ok(Response {
            status: trace.status.unwrap_or_default(),
            headers: trace.response_headers.unwrap_or_default(),
            body: trace.body.freeze(),
            url: final_url,
            elapsed,
            exchange: index,
            evidence: Some(EvidenceLink {
                recorder: rec.clone(),
                redactor: redactor.clone(),
                seq,
            }),
        })
    }

    /// Sends the request like [`RequestBuilder::send`] but streams the response body into
    /// `sink` chunk by chunk instead of buffering it, bounded by
    /// [`Limits::max_download_bytes`]. [`Limits::request_timeout`] applies to the response
    /// headers and to each wait for the next chunk; the whole download is capped at
    /// [`DOWNLOAD_TIME_CAP`]. The evidence keeps status, headers, size and SHA-256, not the
    /// body. A sink error aborts the download with [`HttpError::Sink`].
    pub async fn download(
        self,
        rec: &Recorder,
        sink: &mut (dyn FnMut(&[u8]) -> Result<(), String> + Send),
    ) -> Result<DownloadMeta, HttpError> {
        let started = Instant::now();
        let started_at = now_rfc3339();
        let client = self.client.clone();
        let limits = client.limits().clone();
        let (idle, idle_by_budget) = rec.bound(self.timeout.unwrap_or(limits.request_timeout));
        let cap = rec.deadline().map_or(started + DOWNLOAD_TIME_CAP, |d| d.min(started + DOWNLOAD_TIME_CAP));
        let follow = self.follow_redirects;
        let label = self.label.clone();
        let mut trace = Trace::default();
        let mut hasher = Sha256::new();
        let (prepared, result) = match self.prepare() {
            Err(e) => (self.unprepared(), Err(e)),
            Ok(prepared) => {
                let result = match tokio::time::timeout(
                    idle,
                    client.fetch_head(&prepared, &mut trace, follow),
                )
                .await
                {
                    Err(_) => Err(HttpError::Timeout {
                        what: budget_note(trace.awaited(&prepared, client.redactor()), idle_by_budget),
                        after: idle,
                    }),
                    Ok(Err(e)) => Err(e),
                    Ok(Ok(mut response)) => {
                        client
                            .stream_body(
                                &mut response,
                                &prepared,
                                &mut trace,
                                &mut hasher,
                                sink,
                                cap,
                                idle,
                            )
                            .await
                    }
                };
                (prepared, result)
            }
        };
        let elapsed = started.elapsed();
        let sha256_hex = hex::encode(hasher.finalize());
        let redactor = client.redactor();
        let response_body = trace.status.is_some().then(|| {
            BodyExcerpt::digest_only(
                trace.received,
                sha256_hex.clone(),
                trace.content_type().as_deref(),
                redactor,
            )
        });
        let exchange = client.exchange(
            &prepared,
            label,
            &trace,
            response_body,
            started_at,
            elapsed,
            result.as_ref().err(),
        );
        rec.record(exchange);
        result?;
        Ok(DownloadMeta {
            status: trace.status.unwrap_or_default(),
            headers: trace.response_headers.unwrap_or_default(),
            bytes: trace.received,
            sha256_hex,
            elapsed,
        })
    }
}

/// A request ready to go.
struct Prepared {
    method: Method,
    /// Parsed URL (None when preparation failed).
    url: Option<Url>,
    /// The URL as requested (query applied when it parsed).
    raw_url: String,
    headers: HeaderMap,
    body: Option<Bytes>,
}

/// What has been seen of an exchange so far; survives a timeout for the record.
#[derive(Default)]
struct Trace {
    reading_body: bool,
    current_url: Option<Url>,
    redirects: Vec<String>,
    status: Option<u16>,
    response_headers: Option<HeaderMap>,
    final_url: Option<Url>,
    body: BytesMut,
    body_complete: bool,
    received: u64,
}

impl Trace {
    fn content_type(&self) -> Option<String> {
        self.response_headers
            .as_ref()?
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    }

    /// Describes what was being awaited, for timeouts.
    fn awaited(&self, prepared: &Prepared, redactor: &Redactor) -> String {
        let url = self
            .current_url
            .as_ref()
            .map_or_else(|| prepared.raw_url.clone(), |u| u.as_str().to_owned());
        let url = redactor.redact_url(&url);
        if self.reading_body {
            format!(
                "the response body of {} {url} ({} bytes received so far)",
                prepared.method, self.received
            )
        } else {
            format!(
                "the response status and headers of {} {url}",
                prepared.method
            )
        }
    }
}

impl HttpClient {
    /// Sends the request and follows redirects; returns the final response with its body
    /// unread. Fills `trace` as it goes.
    async fn fetch_head(
        &self,
        prepared: &Prepared,
        trace: &mut Trace,
        follow: bool,
    ) -> Result<reqwest::Response, HttpError> {
        let limits = self.limits();
        let redactor = self.redactor();
        let start_url = prepared.url.clone().ok_or_else(|| HttpError::Setup {
            cause: "internal error: request without URL".to_owned(),
        })?;
        let start_origin = start_url.origin();
        let mut method = prepared.method.clone();
        let mut url = start_url;
        let mut headers = prepared.headers.clone();
        let mut body = prepared.body.clone();
        loop {
            trace.current_url = Some(url.clone());
            let mut request = self
                .inner
                .client
                .request(method.clone(), url.clone())
                .headers(headers.clone());
            if let Some(body) = &body {
                request = request.body(body.clone());
            }
            let response = request
                .send()
                .await
                .map_err(|e| self.classify(e, &url, false))?;
            trace.status = Some(response.status().as_u16());
            trace.response_headers = Some(response.headers().clone());
            trace.final_url = Some(url.clone());
            if header_bytes(response.headers()) > limits.max_header_bytes {
                return Err(HttpError::HeadersTooLarge {
                    limit: limits.max_header_bytes,
                });
            }
            let status = response.status().as_u16();
            if !follow || !matches!(status, 301 | 302 | 303 | 307 | 308) {
                return Ok(response);
            }
            let Some(location) = response.headers().get(LOCATION) else {
                return Ok(response);
            };
            let location = location.to_str().map_err(|_| HttpError::Protocol {
                url: redactor.redact_url(url.as_str()),
                cause: "the redirect Location header is not valid text".to_owned(),
            })?;
            let next = url.join(location.trim()).map_err(|e| HttpError::Protocol {
                url: redactor.redact_url(url.as_str()),
                cause: format!(
                    "the redirect Location {} is not a valid URL: {e}",
                    redactor.redact_url(location)
                ),
            })?;
            if trace.redirects.len() >= limits.max_redirects {
                return Err(HttpError::TooManyRedirects {
                    limit: limits.max_redirects,
                });
            }
            let next_origin = next.origin();
            let allowed = next_origin.is_tuple()
                && (next_origin == start_origin
                    || self.inner.allowed_origins.contains(&next_origin));
            if !allowed {
                return Err(HttpError::RedirectOffTarget {
                    location: redactor.redact_url(next.as_str()),
                });
            }
            trace.redirects.push(redactor.redact_url(next.as_str()));
            if next_origin != start_origin {
                // Credentials are for the origin they were given for.
                headers.remove(AUTHORIZATION);
                headers.remove(PROXY_AUTHORIZATION);
                headers.remove(COOKIE);
            }
            let to_get = status == 303 || (matches!(status, 301 | 302) && method == Method::POST);
            if to_get && method != Method::HEAD {
                method = Method::GET;
                body = None;
                headers.remove(CONTENT_TYPE);
                headers.remove(CONTENT_LENGTH);
                headers.remove(CONTENT_ENCODING);
            }
            // The redirect response's body is dropped unread; its connection is not reused.
            drop(response);
            url = next;
        }
    }

    /// Buffers the body into `trace.body`, at most `limit` (decompressed) bytes.
    async fn read_body(
        &self,
        response: &mut reqwest::Response,
        trace: &mut Trace,
        limit: u64,
    ) -> Result<(), HttpError> {
        trace.reading_body = true;
        if response
            .content_length()
            .is_some_and(|declared| declared > limit)
        {
            return Err(HttpError::BodyTooLarge { limit });
        }
        let url = trace.final_url.clone();
        loop {
            let chunk = response.chunk().await.map_err(|e| match &url {
                Some(url) => self.classify(e, url, true),
                None => HttpError::Body {
                    url: String::new(),
                    cause: error_chain(&e),
                },
            })?;
            let Some(chunk) = chunk else {
                trace.body_complete = true;
                return Ok(());
            };
            let room = limit.saturating_sub(trace.received);
            if chunk.len() as u64 > room {
                // Keep what fits, as evidence of what was sent.
                let keep = usize::try_from(room).unwrap_or(usize::MAX).min(chunk.len());
                trace.body.extend_from_slice(&chunk[..keep]);
                trace.received += keep as u64;
                return Err(HttpError::BodyTooLarge { limit });
            }
            trace.body.extend_from_slice(&chunk);
            trace.received += chunk.len() as u64;
        }
    }

    /// Streams the body into `sink`.
    #[allow(clippy::too_many_arguments)]
    async fn stream_body(
        &self,
        response: &mut reqwest::Response,
        prepared: &Prepared,
        trace: &mut Trace,
        hasher: &mut Sha256,
        sink: &mut (dyn FnMut(&[u8]) -> Result<(), String> + Send),
        deadline: Instant,
        idle: Duration,
    ) -> Result<(), HttpError> {
        let limit = self.limits().max_download_bytes;
        let body_started = Instant::now();
        trace.reading_body = true;
        if response
            .content_length()
            .is_some_and(|declared| declared > limit)
        {
            return Err(HttpError::BodyTooLarge { limit });
        }
        let url = trace.final_url.clone();
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            let (wait, capped) = if remaining < idle {
                (remaining, true)
            } else {
                (idle, false)
            };
            let chunk = match tokio::time::timeout(wait, response.chunk()).await {
                Err(_) => {
                    return Err(HttpError::Timeout {
                        what: if capped {
                            format!(
                                "the end of the download (capped at {DOWNLOAD_TIME_CAP:?}, or sooner by the scenario's time budget) of {}",
                                trace.awaited(prepared, self.redactor())
                            )
                        } else {
                            format!(
                                "the next chunk of {}",
                                trace.awaited(prepared, self.redactor())
                            )
                        },
                        after: if capped { deadline.saturating_duration_since(body_started) } else { idle },
                    });
                }
                Ok(chunk) => chunk.map_err(|e| match &url {
                    Some(url) => self.classify(e, url, true),
                    None => HttpError::Body {
                        url: String::new(),
                        cause: error_chain(&e),
                    },
                })?,
            };
            let Some(chunk) = chunk else {
                trace.body_complete = true;
                return Ok(());
            };
            if trace.received + chunk.len() as u64 > limit {
                return Err(HttpError::BodyTooLarge { limit });
            }
            trace.received += chunk.len() as u64;
            hasher.update(&chunk);
            sink(&chunk)
                .map_err(|message| HttpError::Sink(self.redactor().redact_str(&message)))?;
        }
    }

    /// Maps a reqwest error to an [`HttpError`], redacted.
    fn classify(&self, error: reqwest::Error, url: &Url, in_body: bool) -> HttpError {
        let limits = self.limits();
        let redactor = self.redactor();
        let is_timeout = error.is_timeout();
        let is_connect = error.is_connect();
        let is_body = error.is_body() || error.is_decode();
        let cause = redactor.redact_str(&error_chain(&error.without_url()));
        let lower = cause.to_ascii_lowercase();
        let url_text = redactor.redact_url(url.as_str());
        if lower.contains("message head is too large") || lower.contains("header list size") {
            return HttpError::HeadersTooLarge {
                limit: limits.max_header_bytes,
            };
        }
        if is_connect && is_timeout {
            return HttpError::Timeout {
                what: format!(
                    "a connection to {}",
                    redactor.redact_url(&url.origin().ascii_serialization())
                ),
                after: limits.connect_timeout,
            };
        }
        if is_connect || (url.scheme() == "https" && looks_like_tls(&lower)) {
            return if looks_like_tls(&lower) {
                HttpError::Tls {
                    url: url_text,
                    cause,
                }
            } else {
                HttpError::Connect {
                    url: url_text,
                    cause,
                }
            };
        }
        if in_body || is_body {
            return HttpError::Body {
                url: url_text,
                cause,
            };
        }
        if is_timeout {
            return HttpError::Timeout {
                what: format!("the response to {url_text}"),
                after: limits.request_timeout,
            };
        }
        HttpError::Protocol {
            url: url_text,
            cause,
        }
    }

    /// Builds the redacted record of an exchange.
    #[allow(clippy::too_many_arguments)]
    fn exchange(
        &self,
        prepared: &Prepared,
        label: Option<String>,
        trace: &Trace,
        response_body: Option<BodyExcerpt>,
        started_at: String,
        elapsed: Duration,
        error: Option<&HttpError>,
    ) -> Exchange {
        let redactor = self.redactor();
        let request_content_type = prepared
            .headers
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        Exchange {
            seq: 0,
            label: label.map(|l| redactor.redact_str(&l)),
            method: prepared.method.to_string(),
            url: redactor.redact_url(&prepared.raw_url),
            request_headers: redact_headers(&prepared.headers, redactor),
            request_body: prepared.body.as_ref().filter(|b| !b.is_empty()).map(|b| {
                BodyExcerpt::from_bytes(b, request_content_type.as_deref(), true, redactor)
            }),
            status: trace.status,
            response_headers: trace
                .response_headers
                .as_ref()
                .map(|h| redact_headers(h, redactor))
                .unwrap_or_default(),
            response_body,
            redirects: trace.redirects.clone(),
            started_at,
            elapsed_ms: elapsed.as_secs_f64() * 1000.0,
            error: error.map(|e| redactor.redact_str(&e.to_string())),
        }
    }
}

fn looks_like_tls(lower: &str) -> bool {
    [
        "certificate",
        "tls",
        "handshake",
        "rustls",
        "corrupt message",
        "alert",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

/// Size of response headers as counted against [`Limits::max_header_bytes`].
fn header_bytes(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

fn redact_headers(headers: &HeaderMap, redactor: &Redactor) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes());
            (
                name.as_str().to_owned(),
                redactor.redact_header(name.as_str(), &value),
            )
        })
        .collect()
}

/// Wrapper messages of the HTTP stack that say nothing about the cause.
const NOISE: &[&str] = &[
    "error sending request",
    "client error (",
    "error decoding response body",
    "request or response body error",
];

/// An error and its sources, joined by ": ", without repeats and (when something more
/// specific follows) without the HTTP stack's generic wrapper messages.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = vec![error.to_string()];
    let mut source = error.source();
    while let Some(err) = source {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = err.source();
    }
    let specific: Vec<&String> = parts
        .iter()
        .filter(|p| !NOISE.iter().any(|n| p.starts_with(n)))
        .collect();
    if specific.is_empty() {
        parts.join(": ")
    } else {
        specific
            .into_iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(": ")
    }
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Ties a [`Response`] to its recorded exchange, so later decoding errors are recorded too.
#[derive(Clone, Debug)]
struct EvidenceLink {
    recorder: Recorder,
    redactor: Redactor,
    seq: usize,
}

/// A complete response, body buffered.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code of the final response (after redirects).
    pub status: u16,
    /// Headers of the final response, not redacted. After decompression the HTTP stack has
    /// removed `Content-Encoding` and `Content-Length`.
    pub headers: HeaderMap,
    /// The (decompressed) body.
    pub body: Bytes,
    /// The final URL, after redirects.
    pub url: Url,
    /// Duration of the whole exchange.
    pub elapsed: Duration,
    /// Index of the recorded exchange in [`Recorder::exchanges`] (see [`Recorder::get`]).
    pub exchange: usize,
    evidence: Option<EvidenceLink>,
}

impl Response {
    /// A response that is not tied to any recorded exchange, for tests of code that consumes
    /// responses. Errors from [`Response::json`] and [`Response::text`] are then not recorded.
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Bytes>, url: Url) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
            url,
            elapsed: Duration::ZERO,
            exchange: 0,
            evidence: None,
        }
    }

    /// Records `error` (with optional detail) on the exchange and returns it.
    fn fail(&self, error: HttpError, detail: Option<String>) -> HttpError {
        if let Some(link) = &self.evidence {
            let mut message = error.to_string();
            if let Some(detail) = detail {
                message.push_str(&format!(" ({detail})"));
            }
            link.recorder
                .add_error(link.seq, &link.redactor.redact_str(&message));
        }
        error
    }

    /// Parses the body as JSON into `T`. Malformed JSON, or JSON of another shape, gives
    /// [`HttpError::InvalidJson`] with the position, recorded on the exchange.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, HttpError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let text = e.to_string();
            let message = match text.rfind(" at line ") {
                Some(at) if e.line() > 0 => text[..at].to_owned(),
                _ => text,
            };
            let message = match &self.evidence {
                Some(link) => link.redactor.redact_str(&message),
                None => message,
            };
            self.fail(
                HttpError::InvalidJson {
                    line: e.line(),
                    column: e.column(),
                    message,
                },
                None,
            )
        })
    }

    /// Parses the body as any JSON value (see [`Response::json`]).
    pub fn json_value(&self) -> Result<serde_json::Value, HttpError> {
        self.json()
    }

    /// The body as UTF-8 text. Invalid UTF-8 gives [`HttpError::InvalidUtf8`], recorded on
    /// the exchange with the offset of the first invalid byte.
    pub fn text(&self) -> Result<&str, HttpError> {
        std::str::from_utf8(&self.body).map_err(|e| {
            self.fail(
                HttpError::InvalidUtf8,
                Some(format!("first invalid byte at offset {}", e.valid_up_to())),
            )
        })
    }

    /// The first value of a header, if present and valid text.
    pub fn header<K: http::header::AsHeaderName>(&self, name: K) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The media type of `Content-Type`, lowercased, without parameters
    /// (`application/json; charset=utf-8` gives `application/json`).
    pub fn content_type(&self) -> Option<String> {
        let value = self.header(CONTENT_TYPE)?;
        let media = value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        (!media.is_empty()).then_some(media)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// What is known of a completed download.
#[derive(Debug, Clone)]
pub struct DownloadMeta {
    /// Status code of the final response.
    pub status: u16,
    /// Headers of the final response, not redacted.
    pub headers: HeaderMap,
    /// Number of (decompressed) bytes given to the sink.
    pub bytes: u64,
    /// Lowercase hex SHA-256 of those bytes.
    pub sha256_hex: String,
    /// Duration of the whole download.
    pub elapsed: Duration,
}

/// Says so when the scenario's time budget, not the request timeout, cut the wait.
fn budget_note(what: String, by_budget: bool) -> String {
    if by_budget { format!("{what} (the scenario's time budget ran out)") } else { what }
}
