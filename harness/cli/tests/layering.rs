//! The claims ARCHITECTURE.md makes about how the harness is layered, checked on the sources:
//! the runner is a library that depends on the model and never on the writers or the terminal;
//! the binary is argument parsing and terminal output; steps pass typed state, not a string-keyed
//! map.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The sources under `dir` without their tests: a file declared `#[cfg(test)] mod name;` is left
/// out, and a file's text stops at its first `#[cfg(test)]`.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&repo().join(dir), &mut files);
    let texts: Vec<(PathBuf, String)> = files.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).expect("readable source"))).collect();
    let test_modules: Vec<String> = texts
        .iter()
        .flat_map(|(_, t)| t.split("#[cfg(test)]").skip(1).filter_map(|rest| rest.trim_start().strip_prefix("mod ")?.split_once(';').map(|(name, _)| format!("{name}.rs"))))
        .collect();
    texts
        .into_iter()
        .filter(|(p, _)| !test_modules.iter().any(|m| p.file_name().is_some_and(|f| f.to_string_lossy() == *m)))
        .map(|(p, t)| {
            let text = t.split("#[cfg(test)]").next().unwrap_or_default().to_string();
            (p, text)
        })
        .collect()
}

fn dependencies(manifest: &str) -> toml::Table {
    let text = std::fs::read_to_string(repo().join(manifest)).expect("a manifest");
    let doc: toml::Table = text.parse().expect("a valid manifest");
    doc.get("dependencies").and_then(|d| d.as_table()).cloned().unwrap_or_default()
}

#[test]
fn the_runner_depends_on_the_model_not_on_writers_terminal_or_reference() {
    let deps = dependencies("harness/runner/Cargo.toml");
    for forbidden in ["hutong-report", "hutong-reference", "indicatif", "clap", "anyhow"] {
        assert!(!deps.contains_key(forbidden), "harness/runner depends on {forbidden}");
    }
    for (path, text) in sources("harness/runner/src") {
        for forbidden in ["hutong_report::", "hutong_reference::", "println!", "eprintln!", "std::io::stdout", "std::io::stderr"] {
            assert!(!text.contains(forbidden), "{} uses {forbidden}", path.display());
        }
    }
}

#[test]
fn the_binary_is_argument_parsing_and_terminal_output() {
    let lines: usize = sources("harness/cli/src").iter().map(|(_, t)| t.lines().count()).sum();
    assert!(lines < 1_500, "harness/cli/src has {lines} lines; judgement and orchestration belong in hutong-runner");
    for (path, text) in sources("harness/cli/src") {
        for forbidden in ["#[given", "#[when", "#[then", "PlatformWorld"] {
            assert!(!text.contains(forbidden), "{} defines steps ({forbidden}); they belong in hutong-runner", path.display());
        }
    }
}

#[test]
fn steps_pass_typed_state_not_a_string_keyed_map() {
    for (path, text) in sources("harness/runner/src") {
        for forbidden in ["HashMap<&'static str, Value>", "HashMap<&str, Value>", "scratch"] {
            assert!(!text.contains(forbidden), "{} holds step state as {forbidden}", path.display());
        }
    }
}
