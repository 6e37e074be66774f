//! Target files: how to reach a platform under certification (TOML).
//!
//! ```toml
//! base_url = "https://staging.example.com"
//! migration_partner = "partner.toml"  # CM-21: a base URL, or another target file naming one
//!
//! [credentials.third-party-a]          # a pre-issued client; roles: third-party-a, third-party-b, affiliated
//! client_id = "public-client-id"       # or client_id_env = "VAR"
//! client_secret_env = "HUTONG_A_SECRET" # secrets only by environment variable
//!
//! [options]
//! insecure = false                     # accept invalid TLS certificates
//! user_agent = "my-firewall-allowed/1" # one User-Agent for every request (default: drawn per run, OPIS §5.3)
//! request_timeout_secs = 15
//! run_deadline_secs = 600
//! secret_env = ["EXTRA_SECRET"]        # more variables whose values are redacted everywhere
//!
//! [corpus]
//! outside_domains = "my-domains.toml"  # relative to the target file
//! app_identities = "my-apps.toml"
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A parsed target file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    /// Base URL of the platform.
    pub base_url: Option<String>,
    /// Pre-issued clients by role.
    #[serde(default)]
    pub credentials: BTreeMap<String, CredentialRef>,
    /// Options.
    #[serde(default)]
    pub options: TargetOptions,
    /// Corpus overrides.
    #[serde(default)]
    pub corpus: CorpusPaths,
    /// The partner platform of CM-21 (OPIS §16): a base URL, or a target file (relative to this
    /// one) naming it and its credentials.
    pub migration_partner: Option<String>,
    /// Directory of the file, for relative paths.
    #[serde(skip)]
    pub dir: PathBuf,
}

/// A pre-issued client, with its secret named by environment variable.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialRef {
    /// Client ID, if not secret.
    pub client_id: Option<String>,
    /// Variable holding the client ID.
    pub client_id_env: Option<String>,
    /// Variable holding the client secret.
    pub client_secret_env: String,
}

/// Options of a run.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetOptions {
    /// Accept invalid TLS certificates.
    pub insecure: Option<bool>,
    /// User-Agent of every request.
    pub user_agent: Option<String>,
    /// Per-request timeout.
    pub request_timeout_secs: Option<u64>,
    /// Deadline of the whole run.
    pub run_deadline_secs: Option<u64>,
    /// Extra variables whose values are secrets.
    #[serde(default)]
    pub secret_env: Vec<String>,
}

/// Corpus overrides.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusPaths {
    /// Outside domains (link neutrality).
    pub outside_domains: Option<PathBuf>,
    /// App identities (client neutrality).
    pub app_identities: Option<PathBuf>,
}

/// A target-file problem.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The file cannot be read.
    #[error("cannot read target file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or mistyped keys.
    #[error("target file {path}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// The parser's message, naming the line.
        message: String,
    },
    /// A variable the file names is not set.
    #[error("target file {path}: environment variable {var} (credentials.{role}) is not set")]
    MissingEnv {
        /// The file.
        path: String,
        /// The variable.
        var: String,
        /// The credential role.
        role: String,
    },
}

/// A resolved pre-issued client.
#[derive(Debug, Clone)]
pub struct ResolvedCredential {
    /// Client ID.
    pub client_id: String,
    /// Client secret.
    pub client_secret: String,
}

impl TargetFile {
    /// Reads and parses `path`.
    pub fn load(path: &Path) -> Result<TargetFile, TargetError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| TargetError::Read { path: display.clone(), source })?;
        let mut file: TargetFile = toml::from_str(&text).map_err(|e| TargetError::Syntax {
            path: display.clone(),
            message: one_line_toml_error(&e, &text),
        })?;
        file.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(file)
    }

    /// Resolves every credential from the environment.
    pub fn resolve_credentials(&self, path: &str) -> Result<BTreeMap<String, ResolvedCredential>, TargetError> {
        let env = |var: &str, role: &str| {
            std::env::var(var).map_err(|_| TargetError::MissingEnv { path: path.to_string(), var: var.to_string(), role: role.to_string() })
        };
        let mut out = BTreeMap::new();
        for (role, c) in &self.credentials {
            let client_id = match (&c.client_id, &c.client_id_env) {
                (Some(id), _) => id.clone(),
                (None, Some(var)) => env(var, role)?,
                (None, None) => {
                    return Err(TargetError::Syntax {
                        path: path.to_string(),
                        message: format!("credentials.{role} needs client_id or client_id_env"),
                    })
                }
            };
            out.insert(role.clone(), ResolvedCredential { client_id, client_secret: env(&c.client_secret_env, role)? });
        }
        Ok(out)
    }

    /// Values of every secret variable the file names (client secrets and `secret_env`).
    pub fn secret_values(&self) -> Vec<String> {
        let vars = self
            .credentials
            .values()
            .flat_map(|c| std::iter::once(c.client_secret_env.clone()).chain(c.client_id_env.clone()))
            .chain(self.options.secret_env.iter().cloned());
        vars.filter_map(|v| std::env::var(v).ok()).filter(|v| !v.is_empty()).collect()
    }

    /// A corpus path resolved against the file's directory.
    pub fn corpus_path(&self, p: &Option<PathBuf>) -> Option<PathBuf> {
        p.as_ref().map(|p| if p.is_absolute() { p.clone() } else { self.dir.join(p) })
    }

    /// The migration partner (CM-21) as `migrate-check` names a platform: a base URL as given,
    /// a target file resolved against this file's directory.
    pub fn migration_partner(&self) -> Option<String> {
        let partner = self.migration_partner.as_deref()?;
        if partner.starts_with("http://") || partner.starts_with("https://") {
            return Some(partner.to_string());
        }
        let path = Path::new(partner);
        Some(if path.is_absolute() { path.display().to_string() } else { self.dir.join(path).display().to_string() })
    }
}

/// The TOML error as one line that names the line and column.
fn one_line_toml_error(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map(|l| l.chars().count() + 1).unwrap_or(1);
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "base_url = \"http://x\"\n\n[options\ninsecure = true\n").unwrap();
        let err = TargetFile::load(&path).unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn the_example_target_files_load() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/targets");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let file = TargetFile::load(&path).unwrap_or_else(|e| panic!("{e}"));
            assert!(file.base_url.is_some(), "{}", path.display());
        }
    }

    #[test]
    fn a_literal_secret_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "[credentials.third-party-a]\nclient_id = \"a\"\nclient_secret = \"s3cr3t\"\nclient_secret_env = \"X\"\n").unwrap();
        let err = TargetFile::load(&path).unwrap_err().to_string();
        assert!(err.contains("line 3") && err.contains("client_secret"), "{err}");
        assert!(!err.contains("s3cr3t"), "{err}");
    }
}
