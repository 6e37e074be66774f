//! For the tests that need a server from outside the workspace (Chromium, moto and s3s-fs):
//! under `CI=true` a missing server fails the test; elsewhere the test is skipped, saying so.
//! `scripts/test.sh` installs and starts every one of them and sets `CI=true`.

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
