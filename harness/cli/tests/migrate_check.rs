//! `hutong migrate-check` between two reference platforms started with different data and
//! settings: a faithful destination gives a complete migration; a destination that alters,
//! loses and invents records on import has every one of them reported. Also: a 404 discovery
//! document, endpoints on a trusted origin, and a bucket migration (moto to s3s-fs, from
//! `.ci/setup.d/20-s3-servers.sh`) with progress, `--insecure` and a silent destination; objects
//! above a lowered multipart threshold streamed by ranges and parts; the run written as a signed
//! report that `hutong verify` accepts.

mod support;

use hutong_reference::{FaultSet, ReferenceConfig};
use std::net::SocketAddr;
use std::process::Command;

async fn start(seed: u64, scale: usize, faults: &[&str]) -> hutong_reference::RunningReference {
    let config = ReferenceConfig { seed, scale, faults: FaultSet::from_names(faults).expect("known faults"), ..ReferenceConfig::default() };
    hutong_reference::spawn(config, SocketAddr::from(([127, 0, 0, 1], 0))).await.expect("reference starts")
}

fn migrate_check(from: &str, to: &str) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_hutong"))
        .args(["migrate-check", "--from", from, "--to", to, "--json", "--no-out"])
        .output()
        .expect("hutong runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout} {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), summary)
}

#[tokio::test(flavor = "multi_thread")]
async fn migration_between_two_reference_platforms_is_verified_record_by_record() {
    let a = start(1, 1, &[]).await;
    let b = start(99, 2, &[]).await;
    let bad = start(7, 3, &["import-alters-records", "import-misfiles-record"]).await;
    let (a_url, b_url, bad_url) = (a.base_url.clone(), b.base_url.clone(), bad.base_url.clone());

    let (code, summary) = tokio::task::spawn_blocking(move || migrate_check(&a_url, &b_url)).await.unwrap();
    assert_eq!(code, 0, "{summary:#}");
    assert_eq!(summary["verdict"], "complete");
    assert_eq!(summary["records_migrated"], 12 + 120);
    assert_eq!(summary["entities"]["products"]["compared"], 120);

    let a_url = a.base_url.clone();
    let (code, summary) = tokio::task::spawn_blocking(move || migrate_check(&a_url, &bad_url)).await.unwrap();
    assert_eq!(code, 1, "{summary:#}");
    let products = &summary["entities"]["products"];
    assert_eq!(products["missing"], serde_json::json!(["p_0000120"]), "{products:#}");
    assert_eq!(products["extra"].as_array().map(Vec::len), Some(1), "{products:#}");
    let altered = products["altered"].as_array().expect("altered list");
    assert!(altered.len() > 100, "{products:#}");
    // Each alteration names the member and both values (OPIS §16).
    assert!(altered.iter().all(|a| a[1].as_str().is_some_and(|d| d.starts_with("/stock is 0 in the destination, "))), "{products:#}");
    assert_eq!(summary["entities"]["merchants"]["missing"], serde_json::json!([]));

    a.stop().await;
    b.stop().await;
    bad.stop().await;
}

/// A server on 127.0.0.1 that answers every request with `response` (a whole HTTP/1.1
/// response), or never answers when it is `None`.
async fn fake_server(response: Option<String>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let response = response.clone();
            tokio::spawn(async move {
                use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                match response {
                    Some(r) => drop(socket.write_all(r.as_bytes()).await),
                    None => tokio::time::sleep(std::time::Duration::from_secs(3600)).await,
                }
            });
        }
    });
    format!("http://{addr}")
}

/// `hutong migrate-check ARGS` with `env`: exit code, stdout, stderr.
fn hutong(args: &[&str], env: &[(String, String)]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hutong"));
    command.arg("migrate-check").args(args).envs(env.iter().cloned());
    if !args.contains(&"--out") {
        command.arg("--no-out");
    }
    let out = command.output().expect("hutong runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

// See issue 13: a 404 on discovery was reported as "not valid JSON".
#[tokio::test(flavor = "multi_thread")]
async fn a_missing_discovery_document_is_reported_as_http_404() {
    let body = "<html>not here</html>";
    let url = fake_server(Some(format!("HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\r\n{body}", body.len()))).await;
    let b = start(2, 1, &[]).await;
    let b_url = b.base_url.clone();
    let (code, _, stderr) = tokio::task::spawn_blocking(move || hutong(&["--from", &url, "--to", &b_url], &[])).await.unwrap();
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("answered HTTP 404") && !stderr.contains("not valid JSON"), "{stderr}");
    b.stop().await;
}

// See issue 13: a platform whose OAuth server is on a trusted origin was refused (credentials
// were sent only to the discovery document's own origin).
#[tokio::test(flavor = "multi_thread")]
async fn endpoints_on_trusted_origins_are_used() {
    let a = start(1, 1, &[]).await;
    let b = start(99, 2, &[]).await;
    // A front whose discovery document is the reference's (every endpoint on the reference's
    // origin), with that origin declared trusted.
    let http = hutong_http::HttpClient::new(hutong_http::ClientConfig::default()).unwrap();
    let discovery_url = format!("{}/.well-known/opis", a.base_url.as_str().trim_end_matches('/'));
    let response = http.get(&discovery_url).send(&hutong_http::Recorder::new()).await.expect("discovery");
    let mut discovery: serde_json::Value = serde_json::from_slice(&response.body).expect("discovery JSON");
    let origin = url::Url::parse(a.base_url.as_str()).unwrap().origin().ascii_serialization();
    discovery["trusted_origins"] = serde_json::json!([origin]);
    let body = discovery.to_string();
    let front = fake_server(Some(format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len()))).await;
    let b_url = b.base_url.clone();
    let (code, stdout, stderr) = tokio::task::spawn_blocking(move || hutong(&["--from", &format!("{front}/"), "--to", &b_url, "--json"], &[])).await.unwrap();
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(summary["verdict"], "complete", "{summary:#}");
    a.stop().await;
    b.stop().await;
}

/// The S3 servers of `.ci/setup.d/20-s3-servers.sh` as `HUTONG_S3_FROM_*` (moto) and
/// `HUTONG_S3_TO_*` (s3s-fs) variables with their endpoints, or `None` (skipped outside CI).
async fn s3_servers() -> Option<(String, String, Vec<(String, String)>)> {
    const SETUP: &str = ".ci/setup.d/20-s3-servers.sh";
    let Ok(text) = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/ci-services/s3.env")) else {
        support::missing("the S3 servers moto and s3s-fs", "are not set up (no target/ci-services/s3.env)", SETUP);
        return None;
    };
    let env: std::collections::HashMap<String, String> = text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let (moto, s3s) = (env["HUTONG_S3_A_ENDPOINT"].clone(), env["HUTONG_S3_B_ENDPOINT"].clone());
    for url in [&moto, &s3s] {
        if tokio::net::TcpStream::connect(url.trim_start_matches("http://")).await.is_err() {
            support::missing("an S3 server", &format!("is not answering at {url}"), SETUP);
            return None;
        }
    }
    let vars = [("FROM", "A"), ("TO", "B")]
        .into_iter()
        .flat_map(|(side, server)| {
            ["ACCESS_KEY", "SECRET_KEY"].map(|k| (format!("HUTONG_S3_{side}_{k}"), env[&format!("HUTONG_S3_{server}_{k}")].clone()))
        })
        .collect();
    Some((moto, s3s, vars))
}

fn s3_client(endpoint: &str, access: &str, secret: &str) -> hutong_checks::s3::S3Client {
    let endpoint = hutong_checks::s3::S3Endpoint { endpoint: endpoint.parse().unwrap(), access_key: access.into(), secret_key: secret.into(), region: "us-east-1".into(), addressing: Default::default() };
    hutong_checks::s3::S3Client::new(hutong_http::HttpClient::new(hutong_http::ClientConfig::default()).unwrap(), endpoint, hutong_http::Recorder::new())
}

fn unique(name: &str) -> String {
    format!("hutong-{name}-{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos())
}

// See issue 13: `--insecure` was suggested but missing, no progress was shown, and a silent
// destination kept the run going for objects × timeout. The guard only bounds a hang.
#[tokio::test(flavor = "multi_thread")]
async fn bucket_migration_shows_progress_and_stops_on_a_silent_destination() {
    let Some((moto, s3s, vars)) = s3_servers().await else { return };
    let var = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap();
    let source = s3_client(&moto, &var("HUTONG_S3_FROM_ACCESS_KEY"), &var("HUTONG_S3_FROM_SECRET_KEY"));
    let destination = s3_client(&s3s, &var("HUTONG_S3_TO_ACCESS_KEY"), &var("HUTONG_S3_TO_SECRET_KEY"));
    let (src, dst) = (unique("cli-src"), unique("cli-dst"));
    source.create_bucket(&src).await.expect("bucket");
    destination.create_bucket(&dst).await.expect("bucket");
    let keys = ["a b", "a+b", "100%", "amp&'\"", "名字"];
    for key in keys {
        source.put(&src, key, key.as_bytes().to_vec(), &std::collections::BTreeMap::new()).await.expect("seed");
    }
    let (from, to) = (format!("s3+{moto}/{src}"), format!("s3+{s3s}/{dst}"));
    let env = vars.clone();
    let (code, stdout, stderr) = tokio::task::spawn_blocking(move || hutong(&["--from", &from, "--to", &to, "--insecure", "--json"], &env)).await.unwrap();
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(summary["verdict"], "complete", "{summary:#}");
    assert!(stderr.contains("copied 5/5 objects") && stderr.contains("compared 5/5 objects"), "progress on stderr: {stderr}");

    let silent = fake_server(None).await;
    let (from, to) = (format!("s3+{moto}/{src}"), format!("s3+{silent}/nowhere"));
    let run = tokio::task::spawn_blocking(move || hutong(&["--from", &from, "--to", &to], &vars));
    let (code, stdout, stderr) = tokio::time::timeout(std::time::Duration::from_secs(300), run)
        .await
        .expect("migrate-check to a destination that never answers did not end within the 300 s guard")
        .unwrap();
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("timed out") && stderr.contains("destination bucket nowhere"), "{stderr}");
    let _ = source.remove_bucket(&src).await;
    let _ = destination.remove_bucket(&dst).await;
}

/// Pseudo-random bytes (a linear congruential generator; no two parts alike).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect()
}

// See issue 13: every object was held whole in memory (at most 512 MiB, larger ones an error).
// With the threshold lowered by an option, small objects take the path of large ones: read by
// ranges, written by a multipart upload, hashed as the bytes pass. The run is a report
// directory like certify's, signed and verified; an altered object is named in its evidence.
#[tokio::test(flavor = "multi_thread")]
async fn objects_above_the_threshold_stream_by_ranges_and_parts_into_a_signed_report() {
    let Some((moto, s3s, vars)) = s3_servers().await else { return };
    let var = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap();
    let source = s3_client(&moto, &var("HUTONG_S3_FROM_ACCESS_KEY"), &var("HUTONG_S3_FROM_SECRET_KEY"));
    let destination = s3_client(&s3s, &var("HUTONG_S3_TO_ACCESS_KEY"), &var("HUTONG_S3_TO_SECRET_KEY"));
    let (src, dst) = (unique("stream-src"), unique("stream-dst"));
    source.create_bucket(&src).await.expect("bucket");
    destination.create_bucket(&dst).await.expect("bucket");
    let metadata: std::collections::BTreeMap<String, String> = [("origin".to_string(), "Mixed Case value".to_string())].into();
    // Parts of 5 MiB, the least S3 (and s3s-fs, and moto) takes: the big object is two parts,
    // the second of 3,393 bytes; 1 MiB is exactly the lowered threshold, so written whole.
    const BIG: usize = 5 * 1024 * 1024 + 3_393;
    let objects = [("big/ä b", noise(BIG, 1)), ("exact", noise(1024 * 1024, 2)), ("small", noise(10, 3)), ("empty", Vec::new())];
    for (key, body) in &objects {
        source.put(&src, key, body.clone(), &metadata).await.expect("seed");
    }
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("signing.key");
    let keygen = Command::new(env!("CARGO_BIN_EXE_hutong")).args(["keygen", "--out"]).arg(&key).output().expect("keygen runs");
    assert!(keygen.status.success(), "{}", String::from_utf8_lossy(&keygen.stderr));
    let out = dir.path().join("run");
    let limits = ["--multipart-threshold", "1MiB", "--part-size", "5MiB", "--buffer-budget", "10MiB"];
    let (from, to, out_arg, key_arg) = (format!("s3+{moto}/{src}"), format!("s3+{s3s}/{dst}"), out.display().to_string(), key.display().to_string());
    let mut args: Vec<String> = ["--from", &from, "--to", &to, "--json", "--out", &out_arg, "--sign", &key_arg].iter().map(|s| s.to_string()).collect();
    args.extend(limits.iter().map(|s| s.to_string()));
    let env = vars.clone();
    let (code, stdout, stderr) = tokio::task::spawn_blocking(move || hutong(&args.iter().map(String::as_str).collect::<Vec<_>>(), &env)).await.unwrap();
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(summary["verdict"], "complete", "{summary:#}");
    assert_eq!(summary["copied"]["multipart"], 1, "only the object above the threshold: {summary:#}");
    assert_eq!(summary["copied"]["bytes"], BIG + 1024 * 1024 + 10);
    for (key, body) in &objects {
        let copied = destination.get(&dst, key, body.len() as u64).await.expect("copied");
        assert_eq!(&copied.body, body, "{key}");
        assert_eq!(copied.metadata, metadata, "{key}");
    }
    for file in ["report.json", "junit.xml", "summary.md", "report.html", "report.json.sig", "evidence/migration.json"] {
        assert!(out.join(file).is_file(), "{file} written");
    }
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["requirements"][0]["id"], "CM-13");
    assert_eq!(report["requirements"][0]["outcome"], "pass");
    assert_eq!(report["profiles"][0]["verdict"], "partial", "a migration is not a certification");
    let public = format!("{}.pub", key.display());
    let verify = Command::new(env!("CARGO_BIN_EXE_hutong")).arg("verify").arg(&out).args(["--key", &public]).output().expect("verify runs");
    assert!(verify.status.success(), "{}{}", String::from_utf8_lossy(&verify.stdout), String::from_utf8_lossy(&verify.stderr));

    // One byte changed in the last part of the destination's copy: found, and named.
    let mut altered = objects[0].1.clone();
    altered[BIG - 1] ^= 1;
    destination.put(&dst, objects[0].0, altered, &metadata).await.expect("alter");
    let mut args: Vec<String> = ["--from", &from, "--to", &to, "--verify-only", "--out", &out_arg].iter().map(|s| s.to_string()).collect();
    args.extend(limits.iter().map(|s| s.to_string()));
    let (code, stdout, stderr) = tokio::task::spawn_blocking(move || hutong(&args.iter().map(String::as_str).collect::<Vec<_>>(), &vars)).await.unwrap();
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let evidence: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("evidence/migration.json")).unwrap()).unwrap();
    assert_eq!(evidence["objects"]["altered"][0][0], objects[0].0, "{evidence:#}");
    assert!(evidence["objects"]["altered"][0][1].as_str().unwrap().starts_with("content SHA-256"), "{evidence:#}");
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["requirements"][0]["outcome"], "fail");
    let _ = source.remove_bucket(&src).await;
    let _ = destination.remove_bucket(&dst).await;
}
