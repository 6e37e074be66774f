//! The GitHub Actions composite action (`action.yml`) and the example workflow
//! (`examples/workflows/`) are valid: SchemaStore's github-action and github-workflow schemas
//! (through check-jsonschema) and, where it could be installed, actionlint
//! (`.ci/setup.d/40-action-linters.sh` installs both). Under `CI=true` a missing check-jsonschema
//! fails; elsewhere the test is skipped, saying so.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// `name` on PATH or in the virtual environment of the setup script.
fn tool(name: &str) -> Option<PathBuf> {
    let tools = std::env::var_os("HUTONG_CI_TOOLS").map(PathBuf::from).unwrap_or_else(|| root().join("target/ci-tools"));
    let on_path = std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()));
    on_path.or_else(|| Some(tools.join("action-lint-venv/bin").join(name)).filter(|p| p.is_file()))
}

fn check(validator: &Path, schema: &str, file: &Path) -> std::process::Output {
    Command::new(validator).args(["--builtin-schema", schema]).arg(file).output().expect("run check-jsonschema")
}

#[test]
fn the_action_and_the_example_workflow_pass_their_validators() {
    let root = root();
    let Some(validator) = tool("check-jsonschema") else {
        support::missing("check-jsonschema", "is not installed", ".ci/setup.d/40-action-linters.sh");
        return;
    };
    let out = check(&validator, "vendor.github-actions", &root.join("action.yml"));
    assert!(out.status.success(), "action.yml: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let workflows: Vec<PathBuf> = std::fs::read_dir(root.join("examples/workflows")).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(!workflows.is_empty());
    for w in &workflows {
        let out = check(&validator, "vendor.github-workflows", w);
        assert!(out.status.success(), "{}: {}{}", w.display(), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }

    // The validator does reject a broken action (a composite action without steps).
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("action.yml");
    let text = std::fs::read_to_string(root.join("action.yml")).unwrap();
    std::fs::write(&broken, text.replace("using: composite", "using: compose")).unwrap();
    assert!(!check(&validator, "vendor.github-actions", &broken).status.success(), "check-jsonschema accepts a broken action");

    // actionlint checks the workflows, and the inputs they give the local action.
    match tool("actionlint") {
        Some(actionlint) => {
            let out = Command::new(actionlint).args(&workflows).current_dir(&root).output().expect("run actionlint");
            assert!(out.status.success(), "actionlint: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        }
        None => eprintln!("\n!!! actionlint is not installed (.ci/setup.d/40-action-linters.sh could not fetch its binary): checked with check-jsonschema only !!!\n"),
    }
}
