//! Target files: how to reach a platform under certification (TOML).
//!
//! ```toml
//! base_url = "https://staging.example.com"
//! migration_partner = "partner.toml"  # CM-21: a base URL, or another target file naming one
//!
//! [credentials.third-party-a]          # a pre-issued client; roles: third-party-a, third-party-b, affiliated
//! client_id = "public-client-id"       # or client_id_env = "VAR"
//! client_secret_env = "HUTONG_A_SECRET" # secrets only by environment variable
//! redirect_uri = "http://127.0.0.1/callback" # its loopback redirect URI (OPIS §7.1; this is the default)
//!
//! [[identities]]                       # a certifier-owned account (OPIS §7.2)
//! name = "persona-a"                   # the label scenarios ask for
//! kind = "user"                        # user | merchant
//! client = "third-party-a"             # the pre-issued client the refresh token was issued to
//! refresh_token_env = "HUTONG_PERSONA_A_REFRESH" # the refresh token, by environment variable
//! disposable = false                   # true: deletion and cancellation may run on it
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
    /// Certifier-owned identities of persons (OPIS §7.2).
    #[serde(default)]
    pub identities: Vec<IdentityRef>,
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
    /// The loopback redirect URI registered for the client (RFC 8252 §7.3; default
    /// `http://127.0.0.1/callback`), for the authorization-code grant (OPIS §7.1).
    pub redirect_uri: Option<String>,
}

/// A certifier-owned identity of a person (OPIS §7.2), its refresh token named by environment
/// variable.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityRef {
    /// The label scenarios ask for (`persona-a`, `merchant-a`, …).
    pub name: String,
    /// `user` or `merchant`.
    pub kind: crate::identities::PersonKind,
    /// The role of the pre-issued client the refresh token was issued to.
    pub client: String,
    /// Variable holding the refresh token.
    pub refresh_token_env: String,
    /// Whether destructive steps (deletion, cancellation) may run on the account.
    #[serde(default)]
    pub disposable: bool,
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
    #[error("target file {path}: environment variable {var} ({role}) is not set")]
    MissingEnv {
        /// The file.
        path: String,
        /// The variable.
        var: String,
        /// The entry naming it (`credentials.ROLE`, `identities NAME`).
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

    /// Resolves the identities of persons from the environment: each names a pre-issued client of
    /// the file, a name used once, and a refresh token that is set (OPIS §7.2).
    pub fn resolve_identities(&self, path: &str) -> Result<crate::identities::IdentityConfig, TargetError> {
        self.resolve_identities_with(path, &|var| std::env::var(var).ok())
    }

    /// As [`TargetFile::resolve_identities`], reading variables with `env`.
    pub fn resolve_identities_with(&self, path: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<crate::identities::IdentityConfig, TargetError> {
        let mut config = crate::identities::IdentityConfig::default();
        for (role, c) in &self.credentials {
            if let Some(uri) = &c.redirect_uri {
                config.redirect_uris.insert(role.clone(), uri.clone());
            }
        }
        for i in &self.identities {
            let problem = if !self.credentials.contains_key(&i.client) {
                Some(format!("identities {}: client {} has no [credentials.{}] entry (the refresh token is used with that pre-issued client)", i.name, i.client, i.client))
            } else if config.identities.iter().any(|o: &crate::identities::ResolvedIdentity| o.name == i.name && o.client == i.client) {
                Some(format!("identities {}: listed twice for client {}", i.name, i.client))
            } else if config.identities.iter().any(|o: &crate::identities::ResolvedIdentity| o.name == i.name && o.kind != i.kind) {
                // One person authorised several clients: one entry per client, all of one kind.
                Some(format!("identities {}: listed with two kinds", i.name))
            } else {
                None
            };
            if let Some(message) = problem {
                return Err(TargetError::Syntax { path: path.to_string(), message });
            }
            let refresh_token = env(&i.refresh_token_env).filter(|v| !v.is_empty()).ok_or_else(|| TargetError::MissingEnv {
                path: path.to_string(),
                var: i.refresh_token_env.clone(),
                role: format!("identities {}", i.name),
            })?;
            config.identities.push(crate::identities::ResolvedIdentity {
                name: i.name.clone(),
                kind: i.kind,
                client: i.client.clone(),
                refresh_token,
                disposable: i.disposable,
            });
        }
        Ok(config)
    }

    /// Resolves every credential from the environment.
    pub fn resolve_credentials(&self, path: &str) -> Result<BTreeMap<String, ResolvedCredential>, TargetError> {
        let env = |var: &str, role: &str| {
            std::env::var(var).map_err(|_| TargetError::MissingEnv { path: path.to_string(), var: var.to_string(), role: format!("credentials.{role}") })
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
            .chain(self.identities.iter().map(|i| i.refresh_token_env.clone()))
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
    fn identities_name_a_client_and_a_refresh_token_variable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        let var = "HUTONG_TEST_TARGET_PERSONA_A_REFRESH";
        let text = format!(
            "base_url = \"http://x\"\n[credentials.third-party-a]\nclient_id = \"a\"\nclient_secret_env = \"{var}_S\"\nredirect_uri = \"http://127.0.0.1:7/cb\"\n\n\
             [[identities]]\nname = \"persona-a\"\nkind = \"user\"\nclient = \"third-party-a\"\nrefresh_token_env = \"{var}\"\n"
        );
        std::fs::write(&path, &text).unwrap();
        let file = TargetFile::load(&path).unwrap();
        // Unset: the error names the variable and the identity, never a value.
        let err = file.resolve_identities("t.toml").unwrap_err().to_string();
        assert!(err.contains(var) && err.contains("identities persona-a"), "{err}");
        let env = |v: &str| (v == var).then(|| "rt-secret-value".to_string());
        let config = file.resolve_identities_with("t.toml", &env).unwrap();
        assert_eq!(config.identities.len(), 1);
        let i = &config.identities[0];
        assert_eq!((i.name.as_str(), i.kind, i.client.as_str(), i.disposable), ("persona-a", crate::identities::PersonKind::User, "third-party-a", false));
        assert_eq!(config.redirect_uris["third-party-a"], "http://127.0.0.1:7/cb");
        assert!(!format!("{config:?}").contains("rt-secret-value"), "the refresh token is not in Debug output");
        // An identity whose client has no credentials is refused, naming it.
        std::fs::write(&path, text.replace("client = \"third-party-a\"", "client = \"third-party-b\"")).unwrap();
        let err = TargetFile::load(&path).unwrap().resolve_identities("t.toml").unwrap_err().to_string();
        assert!(err.contains("[credentials.third-party-b]"), "{err}");
        // A kind OPIS does not define is a syntax error naming the line.
        std::fs::write(&path, text.replace("kind = \"user\"", "kind = \"robot\"")).unwrap();
        let err = TargetFile::load(&path).unwrap_err().to_string();
        assert!(err.contains("line 9"), "{err}");
        // One person's grants to two clients: one entry per client, of one kind (OPIS §7.2).
        let second = format!(
            "[credentials.third-party-b]\nclient_id = \"b\"\nclient_secret_env = \"{var}_S\"\n\n[[identities]]\nname = \"persona-a\"\nkind = \"user\"\nclient = \"third-party-b\"\nrefresh_token_env = \"{var}\"\n"
        );
        std::fs::write(&path, format!("{text}\n{second}")).unwrap();
        let config = TargetFile::load(&path).unwrap().resolve_identities_with("t.toml", &env).unwrap();
        assert_eq!(config.identities.iter().map(|i| i.client.as_str()).collect::<Vec<_>>(), ["third-party-a", "third-party-b"]);
        std::fs::write(&path, format!("{text}\n{}", second.replace("third-party-b\"\nrefresh", "third-party-a\"\nrefresh"))).unwrap();
        let err = TargetFile::load(&path).unwrap().resolve_identities_with("t.toml", &env).unwrap_err().to_string();
        assert!(err.contains("listed twice for client third-party-a"), "{err}");
        std::fs::write(&path, format!("{text}\n{}", second.replace("kind = \"user\"", "kind = \"merchant\""))).unwrap();
        let err = TargetFile::load(&path).unwrap().resolve_identities_with("t.toml", &env).unwrap_err().to_string();
        assert!(err.contains("listed with two kinds"), "{err}");
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
