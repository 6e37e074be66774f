//! Embeds the standard (registry, schemas, OpenAPI, the outside schemas it relies on) and the features into the crate, and computes
//! the suite hash: SHA-256 over every embedded file's path and contents, in path order.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml" | "json" | "feature" | "md")
        ) {
            out.push(path);
        }
    }
}

fn main() {
    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let repo = crate_dir.parent().unwrap().to_path_buf();
    let mut files = Vec::new();
    for sub in ["spec/requirements", "spec/schemas", "spec/external", "features", "fixtures/corpus"] {
        collect(&repo.join(sub), &mut files);
        println!("cargo:rerun-if-changed={}", repo.join(sub).display());
    }
    for single in ["spec/openapi.json", "spec/opis.md"] {
        let p = repo.join(single);
        println!("cargo:rerun-if-changed={}", p.display());
        if p.exists() {
            files.push(p);
        }
    }
    let mut rel: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|p| (p.strip_prefix(&repo).unwrap().to_string_lossy().replace('\\', "/"), p))
        .collect();
    rel.sort();
    let mut hasher = Sha256::new();
    let mut code = String::from("/// Every embedded file of the suite, in path order.\npub static FILES: &[EmbeddedFile] = &[\n");
    for (name, path) in &rel {
        let bytes = std::fs::read(path).unwrap();
        hasher.update((name.len() as u64).to_be_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(&bytes);
        writeln!(
            code,
            "    EmbeddedFile {{ path: {name:?}, contents: include_str!({:?}) }},",
            path.display().to_string()
        )
        .unwrap();
        println!("cargo:rerun-if-changed={}", path.display());
    }
    code.push_str("];\n");
    writeln!(
        code,
        "/// SHA-256 over the path and contents of every embedded file (`spec/` and `features/`).\npub const SUITE_HASH: &str = {:?};",
        format!("sha256:{}", hex::encode(hasher.finalize()))
    )
    .unwrap();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
}
