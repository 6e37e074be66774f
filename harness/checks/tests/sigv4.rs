//! The S3 client's signer (`hutong_checks::s3::sigv4`, over the `aws-sigv4` crate) reproduces
//! AWS's published Signature Version 4 test vectors, kept as data in `tests/sigv4/`: the SigV4
//! test suite as awslabs/aws-c-auth keeps it, and the worked examples of the Amazon S3 API
//! Reference. Each file names its source.

use hutong_checks::s3::sigv4::Signer;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    context: Context,
    vector: Vec<Vector>,
}

#[derive(Deserialize)]
struct Context {
    access_key: String,
    secret_key: String,
    region: String,
    service: String,
    time: String,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    #[serde(default)]
    body: String,
    normalize: bool,
    sign_body: bool,
    authorization: String,
}

fn check(file: &str) -> usize {
    let path = format!("{}/tests/sigv4/{file}", env!("CARGO_MANIFEST_DIR"));
    let vectors: Vectors = toml::from_str(&std::fs::read_to_string(&path).expect("the vector file")).expect("the vector file parses");
    let c = &vectors.context;
    let time: std::time::SystemTime = time::OffsetDateTime::parse(&c.time, &time::format_description::well_known::Rfc3339).expect("context time").into();
    for v in &vectors.vector {
        let signer = Signer::new(&c.access_key, &c.secret_key, &c.region, &c.service, v.normalize, v.sign_body);
        let host = v.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("host")).map(|(_, h)| h.as_str()).expect("a Host header");
        let uri = format!("https://{host}{}", v.target);
        let signed = signer.sign(&v.method, &uri, &v.headers, v.body.as_bytes(), time).unwrap_or_else(|e| panic!("{file} {}: {e}", v.name));
        let authorization = signed.iter().find(|(k, _)| k == "authorization").map(|(_, a)| a.as_str());
        assert_eq!(authorization, Some(v.authorization.as_str()), "{file} {}", v.name);
        let date = signed.iter().find(|(k, _)| k == "x-amz-date").map(|(_, d)| d.as_str());
        let expected_date = format!("{}T{}Z", &c.time[..10].replace('-', ""), &c.time[11..19].replace(':', ""));
        assert_eq!(date, Some(expected_date.as_str()), "{file} {}", v.name);
        assert_eq!(signed.iter().any(|(k, _)| k == "x-amz-content-sha256"), v.sign_body, "{file} {}", v.name);
    }
    vectors.vector.len()
}

#[test]
fn the_signer_reproduces_the_sigv4_test_suite() {
    assert_eq!(check("aws-c-auth-v4.toml"), 19);
}

#[test]
fn the_signer_reproduces_the_s3_documentation_examples() {
    assert_eq!(check("aws-s3-examples.toml"), 2);
}

#[test]
fn s3_signing_keeps_the_path_as_sent() {
    // A key `a/../b` is signed as itself, never as `b`: S3 resolves no dot segment.
    let signer = Signer::s3("AKIDEXAMPLE", "secret", "us-east-1");
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_440_938_160);
    let sign = |uri: &str| signer.sign("GET", uri, &[], b"", at).unwrap().into_iter().find(|(k, _)| k == "authorization").unwrap().1;
    assert_ne!(sign("http://127.0.0.1:9000/bkt/a/../b"), sign("http://127.0.0.1:9000/bkt/b"));
    assert_ne!(sign("http://127.0.0.1:9000/bkt/a//b"), sign("http://127.0.0.1:9000/bkt/a/b"));
    assert_ne!(sign("http://127.0.0.1:9000/bkt/a%20b"), sign("http://127.0.0.1:9000/bkt/a%2520b"));
}
