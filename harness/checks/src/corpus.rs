//! Corpora of the differential checks: outside domains (link neutrality) and identities of other
//! apps (client neutrality). Defaults are embedded from `fixtures/corpus/`; a target file can
//! replace them.

use serde::{Deserialize, Serialize};

/// An outside domain whose links must be delivered like the platform's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutsideDomain {
    /// Host name.
    pub host: String,
    /// What kind of site it is.
    pub kind: String,
    /// Who runs it.
    pub operator: String,
    /// Path (and query) of the link.
    pub path: String,
}

impl OutsideDomain {
    /// The link sent for this domain.
    pub fn link(&self) -> String {
        format!("https://{}{}", self.host, self.path)
    }
}

/// The request identity of another app or platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppIdentity {
    /// Short name.
    pub name: String,
    /// Description.
    pub description: String,
    /// `User-Agent` it sends.
    pub user_agent: String,
    /// `Referer` it sends, if any.
    #[serde(default)]
    pub referer: Option<String>,
    /// `Origin` it sends, if any.
    #[serde(default)]
    pub origin: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DomainFile {
    domain: Vec<OutsideDomain>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppFile {
    app: Vec<AppIdentity>,
}

/// A corpus file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("corpus {source_name}: {message}")]
pub struct CorpusError {
    /// Where the corpus came from.
    pub source_name: String,
    /// What is wrong.
    pub message: String,
}

/// The corpora of a run.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Outside domains.
    pub domains: Vec<OutsideDomain>,
    /// App identities.
    pub apps: Vec<AppIdentity>,
}

impl Corpus {
    /// The embedded default corpora.
    pub fn embedded() -> Corpus {
        Corpus {
            domains: parse_domains("fixtures/corpus/outside-domains.toml", embedded("fixtures/corpus/outside-domains.toml")).expect("embedded corpus"),
            apps: parse_apps("fixtures/corpus/app-identities.toml", embedded("fixtures/corpus/app-identities.toml")).expect("embedded corpus"),
        }
    }
}

fn embedded(path: &str) -> &'static str {
    opis_spec::file(path).map(|f| f.contents).unwrap_or_default()
}

/// Parses an outside-domain corpus.
pub fn parse_domains(source_name: &str, text: &str) -> Result<Vec<OutsideDomain>, CorpusError> {
    let file: DomainFile = toml::from_str(text).map_err(|e| CorpusError { source_name: source_name.into(), message: e.to_string() })?;
    if file.domain.is_empty() {
        return Err(CorpusError { source_name: source_name.into(), message: "no [[domain]] entries".into() });
    }
    Ok(file.domain)
}

/// Parses an app-identity corpus.
pub fn parse_apps(source_name: &str, text: &str) -> Result<Vec<AppIdentity>, CorpusError> {
    let file: AppFile = toml::from_str(text).map_err(|e| CorpusError { source_name: source_name.into(), message: e.to_string() })?;
    if file.app.is_empty() {
        return Err(CorpusError { source_name: source_name.into(), message: "no [[app]] entries".into() });
    }
    Ok(file.app)
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_corpora_load() {
        let c = super::Corpus::embedded();
        assert!(c.domains.len() >= 10);
        assert!(c.apps.iter().any(|a| a.name == "douyin"));
    }
}
