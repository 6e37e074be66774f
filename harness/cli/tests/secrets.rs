//! Secrets planted in a target file's environment variables (client IDs, client secrets,
//! `options.secret_env`) appear in no output file and not on the terminal, even when the target
//! echoes one of them back (here: in its platform name).

use std::process::Command;

fn planted(tag: &str) -> String {
    format!("planted-{tag}-{:016x}", rand::random::<u64>())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planted_secrets_reach_no_output() {
    let secret_seed = planted("seed");
    let echoed = planted("echoed");
    let mut config = hutong_reference::ReferenceConfig::default().with_preissued_clients(&secret_seed);
    config.name = format!("Mall {echoed}");
    for c in &mut config.preissued {
        c.client_id = planted(&format!("id-{}", c.role));
    }
    let clients = config.preissued.clone();
    let tmp = tempfile::tempdir().unwrap();
    for (faults, name) in [(hutong_reference::FaultSet::none(), "clean"), (fault_set(), "faulty")] {
        let mut config = config.clone();
        config.faults = faults;
        let running = hutong_reference::spawn(config, "127.0.0.1:0".parse().unwrap()).await.unwrap();
        let mut toml = format!("base_url = \"{}\"\n", running.base_url);
        let mut envs: Vec<(String, String)> = Vec::new();
        for c in &clients {
            let var = c.role.to_uppercase().replace('-', "_");
            toml.push_str(&format!("\n[credentials.{}]\nclient_id_env = \"HUTONG_T_{var}_ID\"\nclient_secret_env = \"HUTONG_T_{var}_SECRET\"\n", c.role));
            envs.push((format!("HUTONG_T_{var}_ID"), c.client_id.clone()));
            envs.push((format!("HUTONG_T_{var}_SECRET"), c.client_secret.clone()));
        }
        toml.push_str("\n[options]\nsecret_env = [\"HUTONG_T_EXTRA\"]\n");
        envs.push(("HUTONG_T_EXTRA".to_string(), echoed.clone()));
        let target = tmp.path().join(format!("{name}.toml"));
        std::fs::write(&target, toml).unwrap();
        let out_dir = tmp.path().join(name);
        let output = tokio::task::spawn_blocking({
            let (target, out_dir) = (target.clone(), out_dir.clone());
            move || {
                Command::new(env!("CARGO_BIN_EXE_hutong"))
                    .args(["certify", "--target"])
                    .arg(&target)
                    .arg("--out")
                    .arg(&out_dir)
                    .envs(envs)
                    .output()
                    .unwrap()
            }
        })
        .await
        .unwrap();
        running.stop().await;
        let terminal = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(matches!(output.status.code(), Some(0 | 1)), "{name}: {terminal}");
        assert!(terminal.contains("[REDACTED]"), "{name}: the echoed secret is redacted on the terminal: {terminal}");

        let mut needles: Vec<String> = vec![echoed.clone(), secret_seed.clone()];
        for c in &clients {
            needles.push(c.client_id.clone());
            needles.push(c.client_secret.clone());
            use base64::Engine as _;
            needles.push(base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.client_id, c.client_secret)));
        }
        let mut files = 0;
        let mut outputs = vec![("terminal".to_string(), terminal.into_bytes())];
        for entry in walk(&out_dir) {
            files += 1;
            outputs.push((entry.display().to_string(), std::fs::read(&entry).unwrap()));
        }
        assert!(files >= 6, "{name}: {files} files written");
        for (what, bytes) in &outputs {
            let text = String::from_utf8_lossy(bytes);
            for n in &needles {
                assert!(!text.contains(n.as_str()), "{name}: {what} contains the planted secret {n}");
            }
        }
        // Every credential header in the evidence keeps its scheme only.
        for path in walk(&out_dir.join("evidence")) {
            let exchanges: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            for x in exchanges.as_array().unwrap() {
                for h in x["request_headers"].as_array().unwrap() {
                    if h[0].as_str().unwrap().eq_ignore_ascii_case("authorization") {
                        let v = h[1].as_str().unwrap();
                        assert!(v.ends_with(" [REDACTED]") || v == "[REDACTED]", "{}: {v}", path.display());
                    }
                }
            }
        }
    }
}

fn fault_set() -> hutong_reference::FaultSet {
    let catalog = hutong_reference::catalog().unwrap();
    hutong_reference::FaultSet::from_names(&[catalog[0].name.clone()]).unwrap()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
