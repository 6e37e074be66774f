//! Exchanges with a tiny raw HTTP/1.1 server that can misbehave on purpose.

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hutong_http::{ClientConfig, HttpClient, HttpError, Limits, Recorder};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    head: String,
    body: Vec<u8>,
}

impl Seen {
    fn request_line(&self) -> &str {
        self.head.lines().next().unwrap_or("")
    }
    fn path(&self) -> &str {
        self.request_line().split(' ').nth(1).unwrap_or("")
    }
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    }
}

struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Starts a server; `handler` gets each request and the socket to answer on (then closed).
async fn serve<F, Fut>(handler: F) -> Server
where
    F: Fn(Seen, TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let handler = Arc::new(handler);
    let seen_in = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let handler = handler.clone();
            let seen = seen_in.clone();
            tokio::spawn(async move {
                let Some(request) = read_request(&mut stream).await else {
                    return;
                };
                seen.lock().unwrap().push(request.clone());
                handler(request, stream).await;
            });
        }
    });
    Server { addr, seen }
}

async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        if buf.len() > 1 << 20 {
            return None;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut seen = Seen {
        head,
        body: buf[head_end..].to_vec(),
    };
    let length: usize = seen
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while seen.body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        seen.body.extend_from_slice(&chunk[..n]);
    }
    Some(seen)
}

/// A complete response with `Connection: close`.
fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

async fn reply(mut stream: TcpStream, bytes: Vec<u8>) {
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

fn client_with(limits: Limits) -> HttpClient {
    HttpClient::new(ClientConfig {
        limits,
        ..ClientConfig::default()
    })
    .unwrap()
}

/// Limits for the tests; the request timeout is only a bound against a hang, far beyond what a
/// loopback exchange takes on a loaded machine (the timeout tests set their own).
fn small_limits() -> Limits {
    Limits {
        max_body_bytes: 1024 * 1024,
        request_timeout: Duration::from_secs(60),
        ..Limits::default()
    }
}

/// The recorder holds exactly one exchange, failed with a message.
fn assert_recorded_error(rec: &Recorder) -> hutong_http::Exchange {
    let exchanges = rec.exchanges();
    assert_eq!(exchanges.len(), 1, "{exchanges:#?}");
    let ex = exchanges.into_iter().next().unwrap();
    assert!(
        ex.error.as_deref().is_some_and(|e| !e.is_empty()),
        "{ex:#?}"
    );
    ex
}

#[tokio::test]
async fn json_get_is_recorded_with_redacted_authorization() {
    let server = serve(|_, s| {
        reply(
            s,
            response(
                "200 OK",
                &[("Content-Type", "application/json; charset=utf-8")],
                br#"{"items":[1,2,3]}"#,
            ),
        )
    })
    .await;
    let client = client_with(small_limits());
    let rec = Recorder::new();
    let resp = client
        .get(server.url("/items"))
        .bearer("bearer-secret-xyz")
        .header("X-Request-Id", "abc")
        .label("client A")
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.content_type().as_deref(), Some("application/json"));
    assert_eq!(resp.json_value().unwrap()["items"][2], 3);
    assert_eq!(resp.exchange, 0);

    let seen = server.seen();
    assert_eq!(
        seen[0].header("authorization").as_deref(),
        Some("Bearer bearer-secret-xyz")
    );
    assert_eq!(
        seen[0].header("user-agent").as_deref(),
        Some(hutong_http::DEFAULT_USER_AGENT)
    );

    let ex = rec.get(0).unwrap();
    assert_eq!(ex.seq, 0);
    assert_eq!(ex.label.as_deref(), Some("client A"));
    assert_eq!(ex.method, "GET");
    assert_eq!(ex.status, Some(200));
    assert!(ex.error.is_none());
    assert!(
        ex.request_headers
            .contains(&("authorization".into(), "Bearer [REDACTED]".into()))
    );
    assert!(
        ex.request_headers
            .contains(&("x-request-id".into(), "abc".into()))
    );
    let body = ex.response_body.as_ref().unwrap();
    assert_eq!(body.bytes, 17);
    assert!(body.text.contains("\"items\": ["), "{}", body.text);
    assert!(!body.truncated);
    time::OffsetDateTime::parse(
        &ex.started_at,
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let evidence = serde_json::to_string(&rec.exchanges()).unwrap();
    assert!(!evidence.contains("bearer-secret-xyz"));
}

#[tokio::test]
async fn secrets_in_bodies_are_redacted_in_evidence() {
    let server = serve(|req, s| async move {
        if req.path().starts_with("/token") {
            let body = br#"{"access_token":"tok-abc-123456","token_type":"Bearer","note":"echo my-client-secret-value"}"#;
            reply(s, response("200 OK", &[("Content-Type", "application/json")], body)).await;
        } else {
            let body = format!("you sent {}", req.path());
            reply(s, response("200 OK", &[("Content-Type", "text/plain")], body.as_bytes())).await;
        }
    })
    .await;
    let mut config = ClientConfig {
        limits: small_limits(),
        ..ClientConfig::default()
    };
    config.redactor.add_secret("my-client-secret-value");
    let client = HttpClient::new(config).unwrap();
    let rec = Recorder::new();
    let resp = client
        .post(server.url("/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_secret", "my-client-secret-value"),
        ])
        .send(&rec)
        .await
        .unwrap();
    let token: serde_json::Value = resp.json().unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();
    assert_eq!(token, "tok-abc-123456");
    // The token obtained mid-run is registered; later evidence hides it everywhere.
    client.redactor().insert_secret(&token);
    let resp = client
        .get(server.url("/echo"))
        .query(&[("q", token.as_str())])
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(resp.text().unwrap(), "you sent /echo?q=tok-abc-123456");

    let exchanges = rec.exchanges();
    let evidence = serde_json::to_string_pretty(&exchanges).unwrap();
    assert!(!evidence.contains("tok-abc-123456"), "{evidence}");
    assert!(!evidence.contains("my-client-secret-value"), "{evidence}");
    let first = exchanges[0].response_body.as_ref().unwrap();
    assert!(
        first.text.contains("\"access_token\": \"[REDACTED]\""),
        "{}",
        first.text
    );
    assert!(
        first.text.contains("\"token_type\": \"Bearer\""),
        "{}",
        first.text
    );
    let request = exchanges[0].request_body.as_ref().unwrap();
    assert!(
        request.text.contains("client_secret=[REDACTED]"),
        "{}",
        request.text
    );
    assert_eq!(
        exchanges[1].url,
        format!("{}?q=[REDACTED]", server.url("/echo"))
    );
}

#[tokio::test]
async fn declared_content_length_above_limit_is_refused() {
    let server = serve(|_, mut s| async move {
        let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1073741824\r\n\r\n";
        let _ = s.write_all(head.as_bytes()).await;
        let block = vec![b'a'; 64 * 1024];
        for _ in 0..64 {
            if s.write_all(&block).await.is_err() {
                return;
            }
        }
    })
    .await;
    let rec = Recorder::new();
    let err = client_with(small_limits())
        .get(server.url("/big"))
        .send(&rec)
        .await
        .unwrap_err();
    assert_eq!(err, HttpError::BodyTooLarge { limit: 1024 * 1024 });
    let ex = assert_recorded_error(&rec);
    assert_eq!(ex.status, Some(200));
}

/// Endless chunked body, endless close-delimited body.
#[tokio::test]
async fn endless_bodies_stop_at_the_limit() {
    let server = serve(|req, mut s| async move {
        let chunked = req.path() == "/chunked";
        let head = if chunked {
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
        } else {
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n"
        };
        let _ = s.write_all(head.as_bytes()).await;
        let block = vec![b'z'; 16 * 1024];
        loop {
            let res = if chunked {
                let mut framed = format!("{:x}\r\n", block.len()).into_bytes();
                framed.extend_from_slice(&block);
                framed.extend_from_slice(b"\r\n");
                s.write_all(&framed).await
            } else {
                s.write_all(&block).await
            };
            if res.is_err() {
                return;
            }
        }
    })
    .await;
    let client = client_with(small_limits());
    for path in ["/chunked", "/close-delimited"] {
        let rec = Recorder::new();
        let err = client.get(server.url(path)).send(&rec).await.unwrap_err();
        assert_eq!(
            err,
            HttpError::BodyTooLarge { limit: 1024 * 1024 },
            "{path}"
        );
        let ex = assert_recorded_error(&rec);
        let body = ex.response_body.unwrap();
        assert_eq!(body.bytes, 1024 * 1024, "what fit is kept as evidence");
        assert!(body.truncated);
        assert!(body.text.len() <= hutong_http::EXCERPT_TEXT_BYTES);
    }
}

#[tokio::test]
async fn gzip_and_brotli_bombs_stop_at_the_limit() {
    let zeros = vec![0u8; 16 * 1024 * 1024];
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&zeros).unwrap();
    let gzip_bomb = gz.finish().unwrap();
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 9, 22);
        writer.write_all(&zeros).unwrap();
    }
    assert!(gzip_bomb.len() < 64 * 1024 && br.len() < 64 * 1024);
    let bombs = Arc::new((gzip_bomb, br));
    let server = serve(move |req, s| {
        let bombs = bombs.clone();
        async move {
            let (encoding, body) = if req.path() == "/gzip" {
                ("gzip", &bombs.0)
            } else {
                ("br", &bombs.1)
            };
            reply(
                s,
                response(
                    "200 OK",
                    &[
                        ("Content-Encoding", encoding),
                        ("Content-Type", "application/octet-stream"),
                    ],
                    body,
                ),
            )
            .await;
        }
    })
    .await;
    let client = client_with(small_limits());
    for path in ["/gzip", "/br"] {
        let rec = Recorder::new();
        let err = client.get(server.url(path)).send(&rec).await.unwrap_err();
        assert_eq!(
            err,
            HttpError::BodyTooLarge { limit: 1024 * 1024 },
            "{path}"
        );
        let ex = assert_recorded_error(&rec);
        assert_eq!(ex.response_body.unwrap().bytes, 1024 * 1024, "{path}");
        assert!(ex.request_headers.iter().all(|(n, _)| n != "authorization"));
    }
    // A small compressed body is transparently decoded.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"hello").unwrap();
    let small = gz.finish().unwrap();
    let server = serve(move |_, s| {
        let small = small.clone();
        async move {
            reply(
                s,
                response("200 OK", &[("Content-Encoding", "gzip")], &small),
            )
            .await
        }
    })
    .await;
    let rec = Recorder::new();
    let resp = client.get(server.url("/")).send(&rec).await.unwrap();
    assert_eq!(resp.text().unwrap(), "hello");
}

/// What a timeout test may wait for the client's timeout to fire before calling it a hang.
const HANG: Duration = Duration::from_secs(120);

/// The timeout of the timeout tests: long enough for a loaded machine to deliver the status line
/// and the first bytes before it (what the tests check was awaited depends on that), far shorter
/// than the drips and silences, which outlast [`HANG`].
const SHORT_TIMEOUT: Duration = Duration::from_secs(3);

#[tokio::test]
async fn slow_drip_ends_in_timeout() {
    let server = serve(|req, mut s| async move {
        if req.path() == "/silent" {
            tokio::time::sleep(HANG * 2).await;
            return;
        }
        let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n";
        let _ = s.write_all(head.as_bytes()).await;
        loop {
            if s.write_all(b"x").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    let limits = Limits {
        request_timeout: SHORT_TIMEOUT,
        ..small_limits()
    };
    let client = client_with(limits);
    let rec = Recorder::new();
    // The drip would take 100 000 × 50 ms: only the timeout ends it.
    let err = tokio::time::timeout(HANG, client.get(server.url("/drip")).send(&rec))
        .await
        .expect("the request timeout ends a drip")
        .unwrap_err();
    match &err {
        HttpError::Timeout { what, after } => {
            assert_eq!(*after, SHORT_TIMEOUT);
            assert!(what.contains("response body of GET"), "{what}");
            assert!(what.contains("bytes received so far"), "{what}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    let ex = assert_recorded_error(&rec);
    assert_eq!(ex.status, Some(200));
    assert!(ex.response_body.unwrap().bytes > 0);

    let rec = Recorder::new();
    let err = tokio::time::timeout(HANG, client.get(server.url("/silent")).send(&rec))
        .await
        .expect("the request timeout ends a silence")
        .unwrap_err();
    match &err {
        HttpError::Timeout { what, .. } => assert!(what.contains("status and headers"), "{what}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    let ex = assert_recorded_error(&rec);
    assert_eq!(ex.status, None);
}

#[tokio::test]
async fn reset_mid_body_is_a_body_error() {
    let server = serve(|req, s| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: text/plain\r\n\r\n";
        let mut s = s;
        let _ = s.write_all(head.as_bytes()).await;
        let _ = s.write_all(&[b'y'; 100]).await;
        let _ = s.flush().await;
        if req.path() == "/rst" {
            let _ = s.set_zero_linger();
        }
        drop(s);
    })
    .await;
    let client = client_with(small_limits());
    for path in ["/eof", "/rst"] {
        let rec = Recorder::new();
        let err = client.get(server.url(path)).send(&rec).await.unwrap_err();
        assert!(matches!(err, HttpError::Body { .. }), "{path}: {err:?}");
        let ex = assert_recorded_error(&rec);
        assert_eq!(ex.status, Some(200));
    }
}

#[tokio::test]
async fn redirect_loop_is_cut() {
    let server = serve(|_, s| reply(s, response("302 Found", &[("Location", "/loop")], b""))).await;
    let rec = Recorder::new();
    let err = client_with(small_limits())
        .get(server.url("/loop"))
        .send(&rec)
        .await
        .unwrap_err();
    assert_eq!(err, HttpError::TooManyRedirects { limit: 5 });
    let ex = assert_recorded_error(&rec);
    assert_eq!(ex.redirects.len(), 5);
    assert_eq!(server.seen().len(), 6);
}

#[tokio::test]
async fn redirect_off_target_is_refused_and_credentials_stay_home() {
    let other = serve(|_, s| reply(s, response("200 OK", &[], b"landed"))).await;
    let target = other.url("/steal");
    let home = serve(move |req, s| {
        let target = target.clone();
        async move {
            if req.path() == "/go" {
                reply(
                    s,
                    response("302 Found", &[("Location", target.as_str())], b""),
                )
                .await;
            } else {
                reply(s, response("200 OK", &[], b"home")).await;
            }
        }
    })
    .await;

    // Not allowed: refused without contacting the other origin.
    let client = client_with(small_limits());
    let rec = Recorder::new();
    let err = client
        .get(home.url("/go"))
        .bearer("sekrit-token")
        .send(&rec)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        HttpError::RedirectOffTarget {
            location: other.url("/steal")
        }
    );
    assert_recorded_error(&rec);
    assert!(other.seen().is_empty());

    // Allowed: followed, but Authorization and Cookie are not sent there. (With allowed
    // origins set, credentials go only to them: home is one.)
    let client = HttpClient::new(ClientConfig {
        limits: small_limits(),
        allowed_origins: vec![url::Url::parse(&home.url("/")).unwrap(), url::Url::parse(&other.url("/")).unwrap()],
        ..ClientConfig::default()
    })
    .unwrap();
    let rec = Recorder::new();
    let resp = client
        .get(home.url("/go"))
        .bearer("sekrit-token")
        .header("Cookie", "sid=abcdef")
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(resp.text().unwrap(), "landed");
    assert_eq!(resp.url.as_str(), other.url("/steal"));
    let at_other = other.seen();
    assert_eq!(at_other.len(), 1);
    assert_eq!(at_other[0].header("authorization"), None);
    assert_eq!(at_other[0].header("cookie"), None);
    assert_eq!(
        home.seen()
            .last()
            .unwrap()
            .header("authorization")
            .as_deref(),
        Some("Bearer sekrit-token")
    );
    assert_eq!(rec.exchanges()[0].redirects, vec![other.url("/steal")]);
}

#[tokio::test]
async fn see_other_after_post_continues_as_get_without_body() {
    let server = serve(|req, s| async move {
        if req.path() == "/submit" {
            reply(s, response("303 See Other", &[("Location", "/done")], b"")).await;
        } else {
            let body = format!("{} {}", req.request_line(), req.body.len());
            reply(s, response("200 OK", &[], body.as_bytes())).await;
        }
    })
    .await;
    let client = client_with(small_limits());
    let rec = Recorder::new();
    let resp = client
        .post(server.url("/submit"))
        .json(&serde_json::json!({"a": 1}))
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(resp.text().unwrap(), "GET /done HTTP/1.1 0");
    let seen = server.seen();
    assert_eq!(seen[0].body, br#"{"a":1}"#);
    assert_eq!(seen[1].header("content-type"), None);

    // Not following: the redirect itself is the response.
    let rec = Recorder::new();
    let resp = client
        .post(server.url("/submit"))
        .follow_redirects(false)
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(resp.status, 303);
    assert_eq!(resp.header("location"), Some("/done"));
}

#[tokio::test]
async fn huge_headers_are_refused() {
    let server = serve(|req, s| async move {
        let size = if req.path() == "/100k" {
            100 * 1024
        } else {
            1024 * 1024
        };
        let value = "v".repeat(size);
        reply(s, response("200 OK", &[("X-Huge", value.as_str())], b"ok")).await;
    })
    .await;
    let client = client_with(small_limits());
    for path in ["/100k", "/1m"] {
        let rec = Recorder::new();
        let err = client.get(server.url(path)).send(&rec).await.unwrap_err();
        assert_eq!(
            err,
            HttpError::HeadersTooLarge { limit: 64 * 1024 },
            "{path}"
        );
        assert_recorded_error(&rec);
    }
}

#[tokio::test]
async fn invalid_json_and_utf8_are_reported_and_recorded() {
    let server = serve(|req, s| async move {
        let body: &[u8] = if req.path() == "/json" {
            b"{\"a\": 1,\n \"b\": }"
        } else {
            b"ok \xff\xfe"
        };
        reply(
            s,
            response("200 OK", &[("Content-Type", "application/json")], body),
        )
        .await;
    })
    .await;
    let client = client_with(small_limits());
    let rec = Recorder::new();
    let resp = client.get(server.url("/json")).send(&rec).await.unwrap();
    assert!(rec.get(resp.exchange).unwrap().error.is_none());
    match resp.json_value().unwrap_err() {
        HttpError::InvalidJson {
            line,
            column,
            message,
        } => {
            assert_eq!((line, column), (2, 7));
            assert!(message.contains("expected value"), "{message}");
        }
        other => panic!("expected InvalidJson, got {other:?}"),
    }
    let ex = assert_recorded_error(&rec);
    assert!(ex.error.unwrap().contains("line 2, column 7"));

    let rec = Recorder::new();
    let resp = client.get(server.url("/utf8")).send(&rec).await.unwrap();
    assert_eq!(resp.text().unwrap_err(), HttpError::InvalidUtf8);
    let ex = assert_recorded_error(&rec);
    assert!(ex.error.unwrap().contains("offset 3"));
    assert!(ex.response_body.unwrap().text.starts_with("ok "));
}

#[tokio::test]
async fn download_streams_50_mb_with_correct_digest() {
    const BLOCK: usize = 64 * 1024;
    const BLOCKS: usize = 800; // 52_428_800 bytes
    let block: Arc<Vec<u8>> = Arc::new((0..BLOCK).map(|i| (i % 251) as u8).collect());
    let mut expected = Sha256::new();
    for _ in 0..BLOCKS {
        expected.update(block.as_slice());
    }
    let expected = hex::encode(expected.finalize());
    let block_in = block.clone();
    let server = serve(move |_, mut s| {
        let block = block_in.clone();
        async move {
            let head = format!(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
                BLOCK * BLOCKS
            );
            let _ = s.write_all(head.as_bytes()).await;
            for _ in 0..BLOCKS {
                if s.write_all(&block).await.is_err() {
                    return;
                }
            }
        }
    })
    .await;
    let client = client_with(small_limits());
    let rec = Recorder::new();
    let mut total = 0usize;
    let mut largest = 0usize;
    let mut sink = |chunk: &[u8]| -> Result<(), String> {
        total += chunk.len();
        largest = largest.max(chunk.len());
        Ok(())
    };
    let meta = client
        .get(server.url("/blob"))
        .download(&rec, &mut sink)
        .await
        .unwrap();
    assert_eq!(meta.status, 200);
    assert_eq!(meta.bytes, (BLOCK * BLOCKS) as u64);
    assert_eq!(total, BLOCK * BLOCKS);
    assert_eq!(meta.sha256_hex, expected);
    assert!(largest <= 1024 * 1024, "chunks stay small: {largest}");
    let ex = rec.get(0).unwrap();
    assert!(ex.error.is_none());
    let body = ex.response_body.unwrap();
    assert_eq!(
        (body.bytes, body.sha256.as_str(), body.text.as_str()),
        (meta.bytes, expected.as_str(), "")
    );

    // Above the download limit, and a failing sink.
    let client = client_with(Limits {
        max_download_bytes: 1024 * 1024,
        ..small_limits()
    });
    let rec = Recorder::new();
    let err = client
        .get(server.url("/blob"))
        .download(&rec, &mut |_| Ok(()))
        .await
        .unwrap_err();
    assert_eq!(err, HttpError::BodyTooLarge { limit: 1024 * 1024 });
    assert_recorded_error(&rec);
    let rec = Recorder::new();
    let err = client_with(small_limits())
        .get(server.url("/blob"))
        .download(&rec, &mut |_| Err("disk full".to_owned()))
        .await
        .unwrap_err();
    assert_eq!(err, HttpError::Sink("disk full".into()));
    assert_recorded_error(&rec);
}

#[tokio::test]
async fn download_of_a_stalled_body_times_out_between_chunks() {
    let server = serve(|_, mut s| async move {
        let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n";
        let _ = s.write_all(head.as_bytes()).await;
        let _ = s.write_all(&[1u8; 10]).await;
        tokio::time::sleep(HANG * 2).await;
    })
    .await;
    let client = client_with(Limits {
        request_timeout: SHORT_TIMEOUT,
        ..small_limits()
    });
    let rec = Recorder::new();
    let err = tokio::time::timeout(HANG, client.get(server.url("/stall")).download(&rec, &mut |_| Ok(())))
        .await
        .expect("the idle timeout ends a stalled download")
        .unwrap_err();
    match err {
        HttpError::Timeout { what, after } => {
            assert!(what.starts_with("the next chunk of"), "{what}");
            assert_eq!(after, SHORT_TIMEOUT);
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(assert_recorded_error(&rec).response_body.unwrap().bytes, 10);
}

#[tokio::test]
async fn connection_refused_is_a_connect_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let rec = Recorder::new();
    let err = client_with(small_limits())
        .get(format!("http://{addr}/x?access_token=abcd1234"))
        .send(&rec)
        .await
        .unwrap_err();
    match &err {
        HttpError::Connect { url, cause } => {
            assert_eq!(url, &format!("http://{addr}/x?access_token=[REDACTED]"));
            assert!(cause.to_ascii_lowercase().contains("refused"), "{cause}");
        }
        other => panic!("expected Connect, got {other:?}"),
    }
    let ex = assert_recorded_error(&rec);
    assert!(!serde_json::to_string(&ex).unwrap().contains("abcd1234"));
}

#[tokio::test]
async fn tls_failure_suggests_insecure() {
    // A plain-HTTP server behind an https:// URL: the TLS handshake fails.
    let rec = Recorder::new();
    let raw = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let raw_addr = raw.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = raw.accept().await {
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf).await;
            let _ = s
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .await;
        }
    });
    let err = client_with(small_limits())
        .get(format!("https://{raw_addr}/"))
        .send(&rec)
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::Tls { .. }), "{err:?}");
    assert!(err.to_string().contains("--insecure"));
    assert_recorded_error(&rec);
}

#[tokio::test]
async fn invalid_url_and_invalid_header_are_recorded() {
    let client = client_with(small_limits());
    let rec = Recorder::new();
    let err = client
        .get("ftp://example.invalid/x")
        .send(&rec)
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::InvalidUrl { .. }), "{err:?}");
    let err = client.get("not a url").send(&rec).await.unwrap_err();
    assert!(matches!(err, HttpError::InvalidUrl { .. }), "{err:?}");
    let err = client
        .get("http://127.0.0.1:1/")
        .header("Bad Name", "x")
        .send(&rec)
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::InvalidRequest { .. }), "{err:?}");
    let exchanges = rec.exchanges();
    assert_eq!(exchanges.len(), 3);
    assert!(
        exchanges
            .iter()
            .all(|e| e.error.is_some() && e.status.is_none())
    );
    assert_eq!(
        exchanges.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
}

#[tokio::test]
async fn head_with_large_declared_length_is_fine() {
    let server = serve(|_, s| {
        let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1073741824\r\n\r\n";
        reply(s, head.as_bytes().to_vec())
    })
    .await;
    let rec = Recorder::new();
    let resp = client_with(small_limits())
        .head(server.url("/big"))
        .send(&rec)
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert!(resp.body.is_empty());
    assert_eq!(resp.header("content-length"), Some("1073741824"));
    let ex = rec.get(resp.exchange).unwrap();
    assert!(ex.error.is_none() && ex.response_body.is_none());
}

#[test]
fn client_and_futures_are_send_and_sync() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: &T) {}
    let client = client_with(small_limits());
    send_sync(&client);
    send_sync(&Recorder::new());
    send_sync(&client.redactor().clone());
    let rec = Recorder::new();
    send(&client.get("http://127.0.0.1:1/").send(&rec));
    let mut sink = |_: &[u8]| Ok(());
    send(&client.get("http://127.0.0.1:1/").download(&rec, &mut sink));
}

#[tokio::test]
async fn credentials_are_never_sent_outside_the_allowed_origins() {
    let server = serve(|_, stream| reply(stream, response("200 OK", &[], b"{}"))).await;
    let client = HttpClient::new(ClientConfig {
        limits: small_limits(),
        allowed_origins: vec![url::Url::parse("http://127.0.0.1:1/").unwrap()],
        ..ClientConfig::default()
    })
    .unwrap();
    for request in [
        client.get(server.url("/next-page")).bearer("tok-en-1234"),
        client.post(server.url("/token")).basic_auth("id", "pass-word-5678"),
        client.get(server.url("/x")).header("cookie", "session=abcd"),
    ] {
        let rec = Recorder::new();
        let err = request.send(&rec).await.unwrap_err();
        assert!(matches!(err, HttpError::InvalidRequest { .. }), "{err:?}");
        assert!(err.to_string().contains("not sent"), "{err}");
        assert_recorded_error(&rec);
    }
    assert!(server.seen().is_empty(), "nothing reached the other origin");
    // Without credentials the request is made.
    let rec = Recorder::new();
    assert_eq!(client.get(server.url("/public")).send(&rec).await.unwrap().status, 200);
}

#[tokio::test]
async fn resolved_names_reach_the_given_address_and_keep_their_host() {
    let server = serve(|_, stream| reply(stream, response("200 OK", &[], b"ok"))).await;
    let client = HttpClient::new(ClientConfig {
        resolve: vec![("bucket.s3.example.invalid".to_owned(), server.addr)],
        ..ClientConfig::default()
    })
    .unwrap();
    let url = format!("http://bucket.s3.example.invalid:{}/key", server.addr.port());
    let r = client.get(&url).send(&Recorder::new()).await.expect("resolved without DNS");
    assert_eq!(r.status, 200);
    let seen = server.seen();
    assert_eq!(seen[0].header("host").as_deref(), Some(format!("bucket.s3.example.invalid:{}", server.addr.port()).as_str()));
}
