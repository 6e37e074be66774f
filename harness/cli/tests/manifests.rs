//! The manifests declare what the code uses and nothing else: `cargo machete` (installed by
//! `.ci/setup.d/40-cargo-machete.sh`) finds no unused dependency, and `cargo tree -d` shows no
//! second version of a crate the workspace declares in `[workspace.dependencies]`. Without
//! cargo-machete the first test fails under `CI=true` and is skipped elsewhere.
//! See: issue 16 ("Manifests cleaned").

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).canonicalize().expect("the repository root")
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

/// cargo-machete from `$HUTONG_CI_TOOLS/bin`, `target/ci-tools/bin` or `PATH`.
fn machete() -> Option<PathBuf> {
    let tools = std::env::var_os("HUTONG_CI_TOOLS").map(PathBuf::from).unwrap_or_else(|| repo().join("target/ci-tools"));
    let installed = tools.join("bin/cargo-machete");
    if installed.is_file() {
        return Some(installed);
    }
    Command::new("cargo-machete").arg("--version").output().ok().filter(|o| o.status.success()).map(|_| PathBuf::from("cargo-machete"))
}

#[test]
fn no_dependency_is_declared_and_unused() {
    let Some(machete) = machete() else {
        return support::missing("cargo-machete", "is not installed", ".ci/setup.d/40-cargo-machete.sh");
    };
    let out = Command::new(machete).arg(repo()).output().expect("cargo-machete runs");
    assert!(
        out.status.success(),
        "cargo-machete found unused dependencies ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_workspace_dependencies_come_in_one_version_each() {
    let manifest: toml::Table = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap().parse().unwrap();
    let declared: BTreeSet<String> = manifest["workspace"]["dependencies"].as_table().unwrap().keys().cloned().collect();
    let out = Command::new(cargo())
        .current_dir(repo())
        .args(["tree", "--workspace", "--locked", "-d", "-e", "normal,build,dev", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree -d failed: {}", String::from_utf8_lossy(&out.stderr));
    // Lines are `name vX.Y.Z [(path)] [(*)]`; the same version listed twice (host and target
    // builds with different features) is one version.
    let mut versions: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut words = line.split_whitespace();
        if let (Some(name), Some(version)) = (words.next(), words.next()) {
            versions.entry(name.to_string()).or_default().insert(version.to_string());
        }
    }
    let doubled: Vec<String> = versions
        .iter()
        .filter(|(name, v)| v.len() > 1 && declared.contains(*name))
        .map(|(name, v)| format!("{name} ({})", v.iter().cloned().collect::<Vec<_>>().join(", ")))
        .collect();
    assert!(doubled.is_empty(), "crates the workspace declares come in several versions: {}", doubled.join("; "));
}
