//! Computes the judging-code digest (OPIS §18): SHA-256 over the sources of the crates that
//! decide outcomes and write reports (`harness/{model,http,checks,report,runner}`: every `.rs` under
//! `src/` and each `Cargo.toml`) and the workspace `Cargo.lock`, each file contributing the 8-byte
//! big-endian length of its repository-relative path, the path, the 8-byte big-endian length of
//! its contents and the contents, in byte order of the paths — the suite hash's construction.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
            out.push(path);
        }
    }
}

fn main() {
    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let repo = crate_dir.join("../..").canonicalize().expect("the repository root");
    let mut files = Vec::new();
    for krate in ["model", "http", "checks", "report", "runner"] {
        let dir = repo.join("harness").join(krate);
        collect(&dir.join("src"), &mut files);
        files.push(dir.join("Cargo.toml"));
        println!("cargo:rerun-if-changed={}", dir.join("src").display());
        println!("cargo:rerun-if-changed={}", dir.join("Cargo.toml").display());
    }
    files.push(repo.join("Cargo.lock"));
    println!("cargo:rerun-if-changed={}", repo.join("Cargo.lock").display());
    let mut rel: Vec<(String, PathBuf)> = files
        .into_iter()
        .filter(|p| p.exists())
        .map(|p| (p.strip_prefix(&repo).expect("under the repository").to_string_lossy().replace('\\', "/"), p))
        .collect();
    rel.sort();
    let mut hasher = Sha256::new();
    for (name, path) in &rel {
        let bytes = std::fs::read(path).expect("a readable source file");
        hasher.update((name.len() as u64).to_be_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(&bytes);
    }
    println!("cargo:rustc-env=HUTONG_JUDGING_DIGEST=sha256:{}", hex::encode(hasher.finalize()));
}
