//! `hutong keygen`, `certify --sign` and `verify`: the untouched report verifies; a report or
//! evidence file with any single byte changed, another key, or another suite does not.

use std::path::Path;
use std::process::Command;

fn hutong(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hutong")).args(args).current_dir(dir).output().expect("run hutong")
}

fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Positions to change in a file of `len` bytes: the first and last bytes and about 150 spread
/// between them.
fn positions(len: usize) -> Vec<usize> {
    let step = (len / 150).max(1);
    let mut p: Vec<usize> = (0..len).step_by(step).collect();
    p.push(len - 1);
    p.dedup();
    p
}

#[test]
fn verify_accepts_the_signed_report_and_rejects_every_single_byte_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = hutong(&["keygen", "--out", "k.key"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(hutong(&["keygen", "--out", "k.key"], dir).status.code() == Some(2), "keygen does not overwrite a key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(dir.join("k.key")).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let out = hutong(&["certify", "--quiet", "--out", "run", "--sign", "k.key"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(dir.join("run/report.json.sig").is_file());

    let ok = hutong(&["verify", "run/report.json", "--key", "k.key.pub"], dir);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    assert!(text(&ok).contains("verified"), "{}", text(&ok));
    assert_eq!(hutong(&["verify", "run", "--key", "k.key.pub"], dir).status.code(), Some(0), "a directory names its report.json");

    let key = hutong_report::sign::load_verifying_key(&dir.join("k.key.pub")).unwrap();
    let report_path = dir.join("run/report.json");
    let report: hutong_model::Report = serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();
    let digest = report.suite.judging_digest.clone().expect("a report names its judging-code digest");
    assert!(digest.starts_with("sha256:") && digest.len() == 71, "{digest}");
    let verify = || hutong_report::sign::verify_report(&report_path, &key, opis_spec::SUITE_HASH, &digest);
    assert!(verify().ok(), "{:?}", verify().problems);
    let other_build = hutong_report::sign::verify_report(&report_path, &key, opis_spec::SUITE_HASH, "sha256:0000");
    assert!(other_build.problems.iter().any(|p| p.contains("judging code")), "another build of the checks is named: {:?}", other_build.problems);

    assert!(report.evidence.len() >= 3);
    let mut targets = vec![("report.json".to_string(), "signature does not match".to_string())];
    for e in report.evidence.iter().take(3) {
        targets.push((e.path.clone(), format!("evidence {}: SHA-256", e.path)));
    }
    let mut checked = 0;
    for (file, expected) in &targets {
        let path = dir.join("run").join(file);
        let original = std::fs::read(&path).unwrap();
        for pos in positions(original.len()) {
            for change in [0x01u8, 0x80] {
                let mut bytes = original.clone();
                bytes[pos] ^= change;
                std::fs::write(&path, &bytes).unwrap();
                let v = verify();
                assert!(!v.ok(), "{file}: byte {pos} ^ {change:#x} was not detected");
                assert!(v.problems.iter().any(|p| p.contains(expected.as_str())), "{file} byte {pos}: {:?}", v.problems);
                checked += 1;
            }
        }
        // The command line names the mismatch and exits non-zero.
        let mut bytes = original.clone();
        let last = bytes.len() / 2;
        bytes[last] ^= 0x01;
        std::fs::write(&path, &bytes).unwrap();
        let bad = hutong(&["verify", "run/report.json", "--key", "k.key.pub"], dir);
        assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
        assert!(text(&bad).contains(expected.as_str()) && text(&bad).contains("NOT VERIFIED"), "{}", text(&bad));
        std::fs::write(&path, &original).unwrap();
        assert!(verify().ok(), "restored {file} verifies again");
    }
    assert!(checked > 600, "{checked} changes checked");

    // A missing evidence file and a deleted signature are named.
    let first = dir.join("run").join(&report.evidence[0].path);
    let saved = std::fs::read(&first).unwrap();
    std::fs::remove_file(&first).unwrap();
    assert!(verify().problems.iter().any(|p| p.contains(&report.evidence[0].path) && p.contains("cannot read")));
    std::fs::write(&first, saved).unwrap();
    let sig = dir.join("run/report.json.sig");
    let saved_sig = std::fs::read(&sig).unwrap();
    std::fs::remove_file(&sig).unwrap();
    assert!(verify().problems.iter().any(|p| p.contains("report.json.sig")));
    std::fs::write(&sig, saved_sig).unwrap();

    // Another key does not verify it.
    assert_eq!(hutong(&["keygen", "--out", "other.key"], dir).status.code(), Some(0));
    let other = hutong(&["verify", "run/report.json", "--key", "other.key.pub"], dir);
    assert_eq!(other.status.code(), Some(1));
    assert!(text(&other).contains("not with the given key"), "{}", text(&other));

    // A report of another suite, even correctly signed, is named by its suite hash.
    let mut foreign = report.clone();
    foreign.suite.suite_hash = format!("sha256:{}", "0".repeat(64));
    std::fs::write(&report_path, serde_json::to_vec_pretty(&foreign).unwrap()).unwrap();
    let signing = hutong_report::sign::load_signing_key(&dir.join("k.key")).unwrap();
    hutong_report::sign::sign_report_file(&report_path, &signing).unwrap();
    let v = verify();
    assert_eq!(v.problems.len(), 1, "{:?}", v.problems);
    assert!(v.problems[0].starts_with("suite hash"), "{:?}", v.problems);

    // A key file that is not a key is a harness error.
    std::fs::write(dir.join("junk.pub"), "not a key").unwrap();
    assert_eq!(hutong(&["verify", "run/report.json", "--key", "junk.pub"], dir).status.code(), Some(2));
    // And so is a signing key that is not a key, before the run starts.
    assert_eq!(hutong(&["certify", "--quiet", "--out", "unsigned", "--sign", "junk.pub"], dir).status.code(), Some(2));
    assert!(!dir.join("unsigned").exists());
}
