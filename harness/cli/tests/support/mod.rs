//! For the tests that need a server from outside the workspace (Chromium, moto and s3s-fs):
//! under `CI=true` a missing server fails the test; elsewhere the test is skipped, saying so.
//! `scripts/test.sh` installs and starts every one of them and sets `CI=true`. Also the reference
//! platform served on a real port ([`Served`]), shared by the test binaries that start it.
#![allow(dead_code)] // each test binary that includes this module uses a part of it

/// Whether the tests run in CI (`CI=true`, as set by `scripts/test.sh` and most CI services).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// `server` is missing (`how`: not installed, not answering at an address…). In CI this panics,
/// naming the server and `setup`, the script that provides it; elsewhere it prints a notice, and
/// the caller skips the test.
pub fn missing(server: &str, how: &str, setup: &str) {
    let what = format!("{server} {how}; {setup} provides it (scripts/test.sh runs every setup script)");
    assert!(!in_ci(), "{what}");
    eprintln!("\n!!! SKIPPED: {what} !!!\n");
}

/// Chromium, or `None` outside CI when it is not installed (`.ci/setup.d/10-chromium.sh`).
#[allow(dead_code)] // not every test binary that includes this module starts Chromium
pub fn chromium() -> Option<std::path::PathBuf> {
    let found = ["chromium", "chromium-browser"].into_iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
    });
    if found.is_none() {
        missing("Chromium", "is not installed (no chromium on PATH)", ".ci/setup.d/10-chromium.sh");
    }
    found
}

/// `hutong serve-reference` on an ephemeral port, with `faults` injected; killed on drop.
pub struct Served {
    pub child: std::process::Child,
    pub url: String,
}

impl Served {
    pub fn start(faults: &[&str]) -> Served {
        use std::io::{BufRead, BufReader};
        let mut args = vec!["serve-reference", "--port", "0"];
        for f in faults {
            args.extend(["--fault", f]);
        }
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hutong"))
            .env("NO_COLOR", "1")
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("serve-reference starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("the URL is printed").to_string();
        Served { child, url }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
