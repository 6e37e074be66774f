//! The Kubernetes example (`examples/kubernetes/`, issue 17): an Indexed Job that certifies entry
//! N of a platform list per pod and writes each signed run to a bucket, and a Job that verifies
//! every run and publishes the registry site.
//!
//! - The manifests pass kubernetes-validate (strict, the schemas of Kubernetes [`KUBERNETES`]),
//!   installed by `.ci/setup.d/45-kubernetes-tools.sh`; under `CI=true` a missing validator
//!   fails, elsewhere the test is skipped, saying so.
//! - The ConfigMap's copy of the container command is the script in the repository, and the
//!   Job's `completions` is the number of platforms listed.
//! - The container command itself (`examples/kubernetes/hutong-job.sh`) runs here as each pod
//!   would, against two reference platforms served on real ports: with a local directory for the
//!   bucket (full certifications), and with S3 on moto (`.ci/setup.d/20-s3-servers.sh`) through
//!   the AWS CLI (partial certifications, `HUTONG_CERTIFY_ARGS`); the index step then lists both
//!   platforms, each run verified against the public key.

mod support;

use support::Served;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The Kubernetes release whose schemas the manifests are checked against: the first in which
/// every Job field they use is generally available (`backoffLimitPerIndex` and the `FailIndex`
/// action of `podFailurePolicy`, 1.33). kubernetes-validate 1.37.0 ships 1.25 to 1.37.
const KUBERNETES: &str = "1.33.0";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn examples() -> PathBuf {
    root().join("examples/kubernetes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn both(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

/// `name` in the virtual environment of the setup script, else on PATH.
fn tool(name: &str) -> Option<PathBuf> {
    let tools = std::env::var_os("HUTONG_CI_TOOLS").map(PathBuf::from).unwrap_or_else(|| root().join("target/ci-tools"));
    let in_venv = tools.join("kubernetes-venv/bin").join(name);
    if in_venv.is_file() {
        return Some(in_venv);
    }
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
}

fn manifests() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(examples()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    files.sort();
    files
}

fn validate(validator: &Path, files: &[PathBuf]) -> Output {
    Command::new(validator).args(["--strict", "-k", KUBERNETES]).args(files).output().expect("run kubernetes-validate")
}

#[test]
fn the_manifests_pass_kubernetes_validate() {
    let Some(validator) = tool("kubernetes-validate") else {
        return support::missing("kubernetes-validate", "is not installed", ".ci/setup.d/45-kubernetes-tools.sh");
    };
    let files = manifests();
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for expected in ["config.yaml", "certify-job.yaml", "index-job.yaml"] {
        assert!(names.iter().any(|n| n == expected), "examples/kubernetes/{expected} is missing: {names:?}");
    }
    let out = validate(&validator, &files);
    let report = both(&out);
    assert!(out.status.success() && !report.contains("ERROR"), "kubernetes-validate {KUBERNETES} --strict:\n{report}");
    for resource in ["configmap/hutong-config", "configmap/hutong-platforms", "configmap/hutong-scripts", "job/hutong-certify", "job/hutong-index"] {
        assert!(report.contains(&format!("passed for resource {resource} ")), "{resource} was not checked:\n{report}");
    }

    // Strict validation rejects what a cluster would not take: a misspelt field, and an older
    // release's schema, in which a pod failure rule must name pod conditions.
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("certify-job.yaml");
    let job = std::fs::read_to_string(examples().join("certify-job.yaml")).unwrap();
    std::fs::write(&broken, job.replace("completionMode: Indexed", "completionMod: Indexed")).unwrap();
    let out = validate(&validator, std::slice::from_ref(&broken));
    assert!(!out.status.success(), "kubernetes-validate accepts a misspelt field: {}", both(&out));
    let old = Command::new(&validator).args(["--strict", "-k", "1.27.0"]).arg(examples().join("certify-job.yaml")).output().unwrap();
    assert!(!old.status.success(), "the 1.27 schema accepts a rule without onPodConditions: {}", both(&old));
}

/// The lines of the block scalar `key: |` in `yaml`, without their indentation.
fn block(yaml: &str, key: &str) -> String {
    let mut lines = yaml.lines().skip_while(|l| l.trim() != format!("{key}: |"));
    let head = lines.next().unwrap_or_else(|| panic!("no block {key}: |"));
    let indent = head.len() - head.trim_start().len() + 2;
    let mut out = String::new();
    for line in lines {
        if line.trim().is_empty() {
            out.push('\n');
        } else if line.len() - line.trim_start().len() >= indent {
            out.push_str(&line[indent..]);
            out.push('\n');
        } else {
            break;
        }
    }
    out.trim_end_matches('\n').to_string() + "\n"
}

#[test]
fn the_config_map_holds_the_script_and_the_job_one_completion_per_platform() {
    let config = std::fs::read_to_string(examples().join("config.yaml")).unwrap();
    let script = std::fs::read_to_string(examples().join("hutong-job.sh")).unwrap();
    assert!(
        block(&config, "hutong-job.sh") == script,
        "config.yaml's ConfigMap hutong-scripts differs from examples/kubernetes/hutong-job.sh: copy the script into it, indented by four spaces"
    );
    let entries = block(&config, "platforms.txt").lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).count();
    let job = std::fs::read_to_string(examples().join("certify-job.yaml")).unwrap();
    let completions: usize = job.lines().find_map(|l| l.trim().strip_prefix("completions: ")).expect("completions").parse().unwrap();
    assert_eq!(completions, entries, "certify-job.yaml's completions and the entries of platforms.txt in config.yaml");
    for manifest in ["certify-job.yaml", "index-job.yaml"] {
        let text = std::fs::read_to_string(examples().join(manifest)).unwrap();
        assert!(text.contains("/opt/hutong/hutong-job.sh"), "{manifest} runs the script of hutong-scripts");
    }
}

/// Two served reference platforms, a platform list of them, and a throwaway key pair from
/// `hutong keygen`, in `dir`; returns the servers, the list and the key files.
fn setting(dir: &Path) -> ([Served; 2], PathBuf, PathBuf, PathBuf) {
    let served = [Served::start(&[]), Served::start(&[])];
    let list = dir.join("platforms.txt");
    std::fs::write(&list, format!("# two reference platforms\nref-one {}\n\nref-two {}\n", served[0].url, served[1].url)).unwrap();
    let key = dir.join("signing.key");
    let out = Command::new(env!("CARGO_BIN_EXE_hutong")).arg("keygen").arg("--out").arg(&key).output().unwrap();
    assert!(out.status.success(), "keygen: {}", both(&out));
    let public = dir.join("signing.key.pub");
    (served, list, key, public)
}

/// `hutong-job.sh MODE` as a pod runs it, with `env` besides the variables of the Jobs.
fn job(mode: &str, env: &[(&str, String)], path: Option<&std::ffi::OsStr>, work: &Path) -> Output {
    let work = tempfile::tempdir_in(work).unwrap();
    let mut c = Command::new("bash");
    c.arg(examples().join("hutong-job.sh")).arg(mode).env("HUTONG", env!("CARGO_BIN_EXE_hutong")).env("HUTONG_WORK", work.path()).env("NO_COLOR", "1");
    for var in ["HUTONG_CERTIFY_ARGS", "HUTONG_RUNS", "HUTONG_SITE", "JOB_COMPLETION_INDEX", "AWS_PROFILE", "AWS_ENDPOINT_URL"] {
        c.env_remove(var);
    }
    if let Some(path) = path {
        c.env("PATH", path);
    }
    c.envs(env.iter().map(|(k, v)| (k, v))).output().expect("run hutong-job.sh")
}

/// Checks the site's index.json: both served platforms, each with one run of `verdict` signed with
/// the key of `public`, which `hutong verify` accepts in the published copy (when `site` is on
/// disk).
fn check_index(index: &serde_json::Value, served: &[Served; 2], public: &Path, verdict: &str, site: Option<&Path>) {
    let key_id = hutong_report::sign::key_id(&hutong_report::sign::load_verifying_key(public).unwrap());
    assert_eq!(index["key_id"], key_id.as_str(), "the site names the key every run was verified with");
    let platforms = index["platforms"].as_array().unwrap();
    assert_eq!(platforms.len(), 2, "{index:#}");
    for s in served {
        let base = format!("{}/", s.url.trim_end_matches('/'));
        let p = platforms.iter().find(|p| p["base_url"] == base.as_str()).unwrap_or_else(|| panic!("{base} is not listed: {index:#}"));
        let runs = p["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1, "{base}: {runs:?}");
        assert_eq!(runs[0]["verdict"], verdict, "{base}");
        if let Some(site) = site {
            for link in ["report_json", "signature", "html_en", "csv"] {
                assert!(site.join(runs[0]["links"][link].as_str().unwrap()).is_file(), "{base}: {link}");
            }
            let published = site.join("runs").join(runs[0]["id"].as_str().unwrap());
            let verify = Command::new(env!("CARGO_BIN_EXE_hutong")).arg("verify").arg(&published).arg("--key").arg(public).output().unwrap();
            assert_eq!(verify.status.code(), Some(0), "{}: {}", published.display(), both(&verify));
        }
    }
}

#[test]
fn the_job_command_certifies_two_reference_platforms_into_a_directory_and_indexes_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (served, list, key, public) = setting(tmp.path());
    let (bucket, site) = (tmp.path().join("bucket/runs"), tmp.path().join("site"));
    let common = |index: &str| {
        vec![
            ("JOB_COMPLETION_INDEX", index.to_string()),
            ("HUTONG_PLATFORMS", list.display().to_string()),
            ("HUTONG_SIGN_KEY", key.display().to_string()),
            ("HUTONG_RUNS", bucket.display().to_string()),
        ]
    };
    // One pod per entry, each a full certification.
    for (index, name) in [("0", "ref-one"), ("1", "ref-two")] {
        let out = job("certify", &common(index), None, tmp.path());
        let log = both(&out);
        assert_eq!(out.status.code(), Some(0), "entry {index}:\n{log}");
        assert!(log.contains(&format!("certifying {name} ")) && log.contains("hutong certify exited 0"), "entry {index}:\n{log}");
    }
    let written: Vec<String> = std::fs::read_dir(&bucket).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(written.len(), 2, "{written:?}");
    for name in ["ref-one-", "ref-two-"] {
        let run = written.iter().find(|w| w.starts_with(name)).unwrap_or_else(|| panic!("no {name}* in {written:?}"));
        assert!(bucket.join(run).join("report.json.sig").is_file(), "{run} is signed");
    }
    // An index past the list, and a missing key, are usage errors (exit 2: Kubernetes fails the
    // index without retrying it).
    let out = job("certify", &common("2"), None, tmp.path());
    assert_eq!(out.status.code(), Some(2), "{}", both(&out));
    assert!(both(&out).contains("has no entry 2"), "{}", both(&out));
    let mut no_key = common("0");
    no_key[2].1 = tmp.path().join("absent.key").display().to_string();
    assert_eq!(job("certify", &no_key, None, tmp.path()).status.code(), Some(2));

    // The index step.
    let env = vec![
        ("HUTONG_RUNS", bucket.display().to_string()),
        ("HUTONG_SITE", site.display().to_string()),
        ("HUTONG_PUBLIC_KEY", public.display().to_string()),
    ];
    let out = job("index", &env, None, tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", both(&out));
    assert!(!both(&out).contains("REJECTED"), "{}", both(&out));
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(site.join("index.json")).unwrap()).unwrap();
    check_index(&index, &served, &public, "conformant", Some(&site));

    // A run altered in the bucket is named, the site lists the other, and the step exits 1.
    let run = bucket.join(written.iter().find(|w| w.starts_with("ref-one-")).unwrap());
    let report = std::fs::read_to_string(run.join("report.json")).unwrap();
    std::fs::write(run.join("report.json"), report.replacen("\"conformant\"", "\"not_conformant\"", 1)).unwrap();
    let out = job("index", &env, None, tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", both(&out));
    assert!(both(&out).contains(&format!("REJECTED  {}", run.display())), "{}", both(&out));
}

fn s3_services() -> Option<HashMap<String, String>> {
    let text = std::fs::read_to_string(root().join("target/ci-services/s3.env")).ok()?;
    Some(text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect())
}

#[test]
fn the_job_command_writes_runs_to_s3_and_publishes_the_site_there() {
    const SETUP: &str = ".ci/setup.d/20-s3-servers.sh";
    let Some(s3) = s3_services() else {
        return support::missing("the S3 server moto", "is not set up (no target/ci-services/s3.env)", SETUP);
    };
    let endpoint = s3.get("HUTONG_S3_A_ENDPOINT").cloned().unwrap_or_default();
    if std::net::TcpStream::connect(endpoint.trim_start_matches("http://").trim_end_matches('/')).is_err() {
        return support::missing("the S3 server moto", &format!("is not answering at {endpoint}"), SETUP);
    }
    let Some(aws) = tool("aws") else {
        return support::missing("the AWS CLI", "is not installed", ".ci/setup.d/45-kubernetes-tools.sh");
    };
    let tmp = tempfile::tempdir().unwrap();
    // The script finds `aws` on PATH, as in the image.
    let mut dirs = vec![aws.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let path = std::env::join_paths(dirs).unwrap();
    let credentials = vec![
        ("AWS_ENDPOINT_URL", endpoint.clone()),
        ("AWS_ACCESS_KEY_ID", s3["HUTONG_S3_A_ACCESS_KEY"].clone()),
        ("AWS_SECRET_ACCESS_KEY", s3["HUTONG_S3_A_SECRET_KEY"].clone()),
        ("AWS_DEFAULT_REGION", s3.get("HUTONG_S3_REGION").cloned().unwrap_or_else(|| "us-east-1".into())),
        ("AWS_CONFIG_FILE", tmp.path().join("aws-config").display().to_string()),
        ("AWS_SHARED_CREDENTIALS_FILE", tmp.path().join("aws-credentials").display().to_string()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
    ];
    let aws_cli = |args: &[&str]| {
        let out = Command::new(&aws).args(args).env_remove("AWS_PROFILE").envs(credentials.iter().map(|(k, v)| (k, v))).output().expect("run aws");
        assert!(out.status.success(), "aws {args:?}: {}", both(&out));
        out
    };
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let bucket = format!("hutong-k8s-{nanos}");
    aws_cli(&["s3", "mb", &format!("s3://{bucket}")]);

    let (served, list, key, public) = setting(tmp.path());
    // Partial certifications (one profile, through HUTONG_CERTIFY_ARGS): the full ones are the
    // test above; this one is about the copies.
    for index in ["0", "1"] {
        let mut env = credentials.clone();
        env.extend([
            ("JOB_COMPLETION_INDEX", index.to_string()),
            ("HUTONG_PLATFORMS", list.display().to_string()),
            ("HUTONG_SIGN_KEY", key.display().to_string()),
            ("HUTONG_RUNS", format!("s3://{bucket}/runs/")),
            ("HUTONG_CERTIFY_ARGS", "--tags @profile:core --lang zh".to_string()),
        ]);
        let out = job("certify", &env, Some(&path), tmp.path());
        assert_eq!(out.status.code(), Some(0), "entry {index}:\n{}", both(&out));
    }
    let listing = text(&aws_cli(&["s3", "ls", "--recursive", &format!("s3://{bucket}/runs/")]).stdout);
    for name in ["ref-one-", "ref-two-"] {
        assert!(listing.lines().any(|l| l.contains(&format!("runs/{name}")) && l.ends_with("/report.json.sig")), "no signed {name} run:\n{listing}");
        // HUTONG_CERTIFY_ARGS reached hutong certify: the summary is in Chinese.
        assert!(listing.lines().any(|l| l.contains(&format!("runs/{name}")) && l.ends_with("/summary.md")), "{listing}");
    }
    let summary_key = listing.lines().find(|l| l.ends_with("/summary.md")).unwrap().split_whitespace().last().unwrap().to_string();
    let summary = text(&aws_cli(&["s3", "cp", &format!("s3://{bucket}/{summary_key}"), "-"]).stdout);
    assert!(summary.contains("部分"), "--lang zh did not reach certify:\n{summary}");

    let mut env = credentials.clone();
    env.extend([
        ("HUTONG_RUNS", format!("s3://{bucket}/runs")),
        ("HUTONG_SITE", format!("s3://{bucket}/site")),
        ("HUTONG_PUBLIC_KEY", public.display().to_string()),
    ]);
    // A stale object in the site is removed when the site is published.
    aws_cli(&["s3", "cp", &list.display().to_string(), &format!("s3://{bucket}/site/stale.txt")]);
    let out = job("index", &env, Some(&path), tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", both(&out));
    let index: serde_json::Value = serde_json::from_slice(&aws_cli(&["s3", "cp", &format!("s3://{bucket}/site/index.json"), "-"]).stdout).unwrap();
    check_index(&index, &served, &public, "partial", None);
    let site = text(&aws_cli(&["s3", "ls", "--recursive", &format!("s3://{bucket}/site/")]).stdout);
    assert!(!site.contains("stale.txt"), "{site}");
    for p in index["platforms"].as_array().unwrap() {
        let sig = p["runs"][0]["links"]["signature"].as_str().unwrap();
        assert!(site.lines().any(|l| l.ends_with(&format!("site/{sig}"))), "{sig} is not published:\n{site}");
    }
    aws_cli(&["s3", "rb", "--force", &format!("s3://{bucket}")]);
}
