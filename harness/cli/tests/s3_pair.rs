//! The S3 migration check against two real, independent S3 servers: moto (Python) as the
//! source and s3s-fs (Rust) as the destination, started by `.ci/setup.d/20-s3-servers.sh`,
//! which writes their addresses to `target/ci-services/s3.env`.
//!
//! A bucket with small objects, an empty one, awkward keys, user metadata and a multipart-sized
//! object is migrated and verifies clean; then one destination object is altered, one deleted
//! and one added, and all three are reported. Without the servers the test fails under `CI=true`
//! and is skipped elsewhere.

mod support;

use hutong_checks::s3::{migrate_bucket, verify_buckets, verify_listings, S3Client, S3Endpoint, MULTIPART_THRESHOLD};
use hutong_http::{ClientConfig, HttpClient, Recorder};
use std::collections::{BTreeMap, HashMap};

fn services() -> Option<HashMap<String, String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/ci-services/s3.env");
    let text = std::fs::read_to_string(path).ok()?;
    Some(text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect())
}

fn client(env: &HashMap<String, String>, side: &str) -> S3Client {
    let get = |k: &str| env.get(&format!("HUTONG_S3_{side}_{k}")).cloned().unwrap_or_else(|| panic!("s3.env lacks HUTONG_S3_{side}_{k}"));
    let endpoint = S3Endpoint {
        endpoint: get("ENDPOINT").parse().expect("endpoint URL"),
        access_key: get("ACCESS_KEY"),
        secret_key: get("SECRET_KEY"),
        region: env.get("HUTONG_S3_REGION").cloned().unwrap_or_else(|| "us-east-1".into()),
    };
    let origin = endpoint.endpoint.clone();
    let http = HttpClient::new(ClientConfig { allowed_origins: vec![origin], ..ClientConfig::default() }).expect("client");
    S3Client::new(http, endpoint, Recorder::new())
}

async fn reachable(url: &str) -> bool {
    let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    tokio::net::TcpStream::connect(addr).await.is_ok()
}

fn content(i: usize, len: usize) -> Vec<u8> {
    (0..len).map(|j| ((i * 31 + j * 7) % 251) as u8).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn bucket_migrates_from_moto_to_s3s_fs_and_tampering_is_reported() {
    const SETUP: &str = ".ci/setup.d/20-s3-servers.sh";
    let Some(env) = services() else {
        return support::missing("the S3 servers moto and s3s-fs", "are not set up (no target/ci-services/s3.env)", SETUP);
    };
    for (side, server) in [("A", "moto"), ("B", "s3s-fs")] {
        let url = env.get(&format!("HUTONG_S3_{side}_ENDPOINT")).cloned().unwrap_or_default();
        if !reachable(&url).await {
            return support::missing(&format!("the S3 server {server}"), &format!("is not answering at {url}"), SETUP);
        }
    }
    let (moto, s3s) = (client(&env, "A"), client(&env, "B"));
    let run = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let (src, dst) = (format!("hutong-src-{run}"), format!("hutong-dst-{run}"));
    moto.create_bucket(&src).await.expect("source bucket");
    s3s.create_bucket(&dst).await.expect("destination bucket");

    let mut keys = Vec::new();
    for i in 0..24 {
        let key = match i {
            0 => "empty".to_string(),
            1 => "dir/sub dir/名字 with spaces+plus.txt".to_string(),
            2 => "big/multipart.bin".to_string(),
            n => format!("objects/{n:03}.json"),
        };
        let len = match i {
            0 => 0,
            2 => MULTIPART_THRESHOLD + 3 * 1024 * 1024 + 17,
            n => 100 + n * 997,
        };
        let meta: BTreeMap<String, String> =
            [("origin".to_string(), "hutong-test".to_string()), ("index".to_string(), i.to_string())].into_iter().collect();
        moto.put(&src, &key, content(i, len), &meta).await.unwrap_or_else(|f| panic!("seeding {key}: {}", f.message));
        keys.push(key);
    }

    let stats = migrate_bucket(&moto, &src, &s3s, &dst, 4).await.unwrap_or_else(|f| panic!("migration: {}", f.message));
    assert_eq!(stats.objects, 24);
    assert_eq!(stats.multipart, 1, "the large object goes through multipart upload");
    let diff = verify_buckets(&moto, &src, &s3s, &dst, 4).await.unwrap_or_else(|f| panic!("verification: {}", f.message));
    assert!(diff.is_clean(), "{diff:?}");
    assert_eq!((diff.source_objects, diff.destination_objects), (24, 24));

    // Tamper with the destination: alter one object (same size, other bytes), delete one, add one.
    let altered = &keys[5];
    let fetched = s3s.get(&dst, altered, MULTIPART_THRESHOLD as u64).await.expect("get");
    let mut body = fetched.body.clone();
    body[0] ^= 0xff;
    s3s.put(&dst, altered, body, &fetched.metadata).await.expect("alter");
    s3s.delete(&dst, &keys[1]).await.expect("delete");
    s3s.put(&dst, "intruder.txt", b"not from the source".to_vec(), &BTreeMap::new()).await.expect("add");
    let meta_changed = &keys[7];
    let fetched = s3s.get(&dst, meta_changed, MULTIPART_THRESHOLD as u64).await.expect("get");
    let mut meta = fetched.metadata.clone();
    meta.insert("origin".into(), "elsewhere".into());
    s3s.put(&dst, meta_changed, fetched.body, &meta).await.expect("change metadata");

    let diff = verify_buckets(&moto, &src, &s3s, &dst, 4).await.unwrap_or_else(|f| panic!("verification: {}", f.message));
    assert_eq!(diff.missing, vec![keys[1].clone()], "{diff:?}");
    assert_eq!(diff.extra, vec!["intruder.txt".to_string()], "{diff:?}");
    let altered_keys: Vec<&str> = diff.altered.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(altered_keys, vec![altered.as_str(), meta_changed.as_str()], "{diff:?}");
    assert!(diff.altered[0].1.contains("SHA-256"), "{diff:?}");
    assert!(diff.altered[1].1.contains("metadata"), "{diff:?}");
    eprintln!("moto -> s3s-fs: {stats:?}; after tampering: missing {:?}, extra {:?}, altered {:?}", diff.missing, diff.extra, diff.altered);

    // The quick check from listings (and HeadObject where s3s-fs lists no ETag) sees the same
    // missing, extra and same-size altered object; user metadata is beyond it, and the large
    // object's multipart ETag is comparable by size only.
    let listed = verify_listings(&moto, &src, &s3s, &dst, 4).await.unwrap_or_else(|f| panic!("listing verification: {}", f.message));
    assert_eq!(listed.diff.missing, diff.missing, "{listed:?}");
    assert_eq!(listed.diff.extra, diff.extra, "{listed:?}");
    let altered_keys: Vec<&str> = listed.diff.altered.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(altered_keys, vec![altered.as_str()], "{listed:?}");
    assert!(listed.diff.altered[0].1.contains("MD5"), "{listed:?}");
    assert_eq!(listed.size_only, 1, "only the multipart object lacks an MD5 ETag: {listed:?}");
}
