//! Corpora of the differential checks: outside domains (link neutrality) and identities of other
//! apps (client neutrality). Defaults are embedded from `fixtures/corpus/`; a target file can
//! replace them.

use hutong_model::{msg, Message};
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
    /// Why the domain is in the corpus and where that can be checked.
    #[serde(default)]
    pub source: Option<String>,
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
    /// The app's name as its operator publishes it (a registration's `client_name`, OE-02).
    #[serde(default)]
    pub display_name: Option<String>,
    /// The app's package name (a registration's `software_id`, RFC 7591 §2, OE-02).
    #[serde(default)]
    pub software_id: Option<String>,
    /// The app's home page (a registration's `client_uri`, OE-02).
    #[serde(default)]
    pub site: Option<String>,
    /// Where the display name, package name and home page can be checked.
    #[serde(default)]
    pub source: Option<String>,
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

/// One User-Agent the harness may present, with where its form comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserAgentEntry {
    /// The header value.
    pub value: String,
    /// The HTTP client it is the default of, and where that is documented.
    pub source: String,
}

/// Words client names are made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameWords {
    /// First words.
    pub first: Vec<String>,
    /// Second words.
    pub second: Vec<String>,
}

/// How the harness presents itself (OPIS §5.3): `fixtures/corpus/harness-identities.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HarnessIdentities {
    /// User-Agents of ordinary HTTP clients.
    pub user_agent: Vec<UserAgentEntry>,
    /// Words of client names.
    pub names: NameWords,
}

/// The identity the harness presents in one run, drawn from [`HarnessIdentities`] by the run's
/// seed: the same seed gives the same persona, and nothing in it names the harness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Persona {
    /// The User-Agent of every request of the run.
    pub user_agent: String,
    seed: u64,
    names: NameWords,
}

/// 8 bytes of SHA-256 over the seed and `what`: a stable, unpredictable draw per purpose.
fn draw(seed: u64, what: &str) -> u64 {
    use sha2::Digest as _;
    let digest = sha2::Sha256::new().chain_update(seed.to_be_bytes()).chain_update(what.as_bytes()).finalize();
    u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

impl Persona {
    /// The persona of the run with `seed`.
    pub fn new(identities: &HarnessIdentities, seed: u64) -> Persona {
        let pick = draw(seed, "user-agent") as usize % identities.user_agent.len().max(1);
        Persona {
            user_agent: identities.user_agent.get(pick).map(|u| u.value.clone()).unwrap_or_default(),
            seed,
            names: identities.names.clone(),
        }
    }

    /// The client name registered for `role` (RFC 7591 `client_name`), e.g. "Qingyun Order Sync".
    pub fn client_name(&self, role: &str) -> String {
        let d = draw(self.seed, &format!("client-name/{role}"));
        let first = self.names.first.get(d as usize % self.names.first.len().max(1)).cloned().unwrap_or_default();
        let second = self.names.second.get((d >> 32) as usize % self.names.second.len().max(1)).cloned().unwrap_or_default();
        format!("{first} {second}")
    }

    /// A random identifier for `purpose` (a probe ID, a validator, a bucket suffix): 24 lowercase
    /// hex digits, different for each purpose and run.
    pub fn probe_id(&self, purpose: &str) -> String {
        format!("{:016x}{:08x}", draw(self.seed, &format!("probe/{purpose}")), draw(self.seed, &format!("probe2/{purpose}")) as u32)
    }
}

/// Client metadata of a registration (RFC 7591 §2) besides its grant: what a platform sees of
/// who registers. OE-02 registers one client with neutral metadata and one that looks like a
/// well-known app, with the same members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistrationMetadata {
    /// `client_name`.
    pub client_name: String,
    /// `client_uri`: the client's home page.
    pub client_uri: String,
    /// `redirect_uris`.
    pub redirect_uris: Vec<String>,
    /// `contacts`: e-mail addresses.
    pub contacts: Vec<String>,
    /// `software_id`.
    pub software_id: String,
    /// `software_version`.
    pub software_version: String,
    /// Whom it looks like, for findings (not sent).
    #[serde(skip)]
    pub looks_like: Message,
}

impl RegistrationMetadata {
    /// The RFC 7591 §2 members, to add to a registration request.
    pub fn members(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        }
    }
}

/// The host of an absolute URL, without a leading `www.`.
fn site_domain(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_string();
    Some(host.strip_prefix("www.").map(str::to_string).unwrap_or(host))
}

impl Persona {
    /// A version number for registered software, the same for every registration of the run.
    fn software_version(&self) -> String {
        let d = draw(self.seed, "software-version");
        format!("{}.{}.{}", 1 + d % 6, (d >> 8) % 20, (d >> 16) % 40)
    }

    /// Neutral registration metadata: a client named like an ordinary integration (as every
    /// client the harness registers, OPIS §5.3), on a domain made of its first word.
    pub fn neutral_registration(&self) -> RegistrationMetadata {
        let client_name = self.client_name("neutral-registration");
        // The name's first word on a drawn top-level domain; a drawn mailbox and package form,
        // so that no fixed pattern ties the members together.
        let d = draw(self.seed, "neutral-registration");
        let word: String = client_name.split_whitespace().next().unwrap_or("app").chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let tld = ["com", "cn", "com.cn", "net", "io"][d as usize % 5];
        let suffix = ["tech", "soft", "data", "cloud", "link", "hub"][(d >> 8) as usize % 6];
        let domain = format!("{word}{suffix}.{tld}");
        let mailbox = ["dev", "support", "it", "api", "admin", "tech"][(d >> 16) as usize % 6];
        let reversed: Vec<&str> = domain.split('.').rev().collect();
        let product = client_name.split_whitespace().skip(1).collect::<String>().to_ascii_lowercase();
        let looks_like_text = msg!("corpus-neutral-metadata", client_name = &client_name);
        RegistrationMetadata {
            client_uri: format!("https://www.{domain}/"),
            redirect_uris: vec![format!("https://{domain}/oauth/callback")],
            contacts: vec![format!("{mailbox}@{domain}")],
            software_id: format!("{}.{product}", reversed.join(".")),
            software_version: self.software_version(),
            looks_like: looks_like_text,
            client_name,
        }
    }

    /// Registration metadata that looks like a well-known app (OE-02): its display name,
    /// package name, home page and contact domain from the app-identity corpus, and a redirect
    /// URI on an outside domain, both drawn by the run's seed. `None` when no app of the corpus
    /// has a display name, package name and home page, or no outside domain is listed.
    pub fn competitor_registration(&self, apps: &[AppIdentity], domains: &[OutsideDomain]) -> Option<RegistrationMetadata> {
        let candidates: Vec<&AppIdentity> = apps.iter().filter(|a| a.display_name.is_some() && a.software_id.is_some() && a.site.is_some()).collect();
        if candidates.is_empty() || domains.is_empty() {
            return None;
        }
        let app = candidates[draw(self.seed, "competitor-app") as usize % candidates.len()];
        let domain = &domains[draw(self.seed, "competitor-redirect-domain") as usize % domains.len()];
        let site = app.site.clone()?;
        let contact_domain = site_domain(&site)?;
        let client_name = app.display_name.clone()?;
        let software_id = app.software_id.clone()?;
        let looks_like_text = msg!(
            "corpus-app-metadata",
            app = &app.name,
            client_name = format!("{client_name:?}"),
            software_id = &software_id,
            client_uri = &site,
            contact_domain = contact_domain.as_str(),
            redirect_host = &domain.host
        );
        Some(RegistrationMetadata {
            looks_like: looks_like_text,
            client_uri: site,
            redirect_uris: vec![format!("https://{}/oauth/callback", domain.host)],
            contacts: vec![format!("open@{contact_domain}")],
            software_id,
            software_version: self.software_version(),
            client_name,
        })
    }
}

/// The corpora of a run.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Outside domains.
    pub domains: Vec<OutsideDomain>,
    /// App identities.
    pub apps: Vec<AppIdentity>,
    /// How the harness presents itself.
    pub harness: HarnessIdentities,
}

impl Corpus {
    /// The embedded default corpora.
    pub fn embedded() -> Corpus {
        Corpus {
            domains: parse_domains("fixtures/corpus/outside-domains.toml", embedded("fixtures/corpus/outside-domains.toml")).expect("embedded corpus"),
            apps: parse_apps("fixtures/corpus/app-identities.toml", embedded("fixtures/corpus/app-identities.toml")).expect("embedded corpus"),
            harness: parse_harness_identities("fixtures/corpus/harness-identities.toml", embedded("fixtures/corpus/harness-identities.toml"))
                .expect("embedded corpus"),
        }
    }
}

/// Parses a harness-identity corpus.
pub fn parse_harness_identities(source_name: &str, text: &str) -> Result<HarnessIdentities, CorpusError> {
    let file: HarnessIdentities = toml::from_str(text).map_err(|e| CorpusError { source_name: source_name.into(), message: e.to_string() })?;
    if file.user_agent.is_empty() || file.names.first.is_empty() || file.names.second.is_empty() {
        return Err(CorpusError { source_name: source_name.into(), message: "needs [[user_agent]] entries and names.first and names.second words".into() });
    }
    if let Some(marked) = file.user_agent.iter().map(|u| &u.value).chain(&file.names.first).chain(&file.names.second).find(|v| v.to_ascii_lowercase().contains("hutong")) {
        return Err(CorpusError { source_name: source_name.into(), message: format!("{marked:?} names the harness: a platform could tell it apart") });
    }
    Ok(file)
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

    // See: issue 12, class 7 — registration metadata was never varied: a platform could treat a
    // client registered as a well-known app worse.
    #[test]
    fn registrations_look_like_a_competitor_or_like_nobody_and_share_their_members() {
        let corpus = super::Corpus::embedded();
        let mut apps = std::collections::BTreeSet::new();
        for seed in 0..100 {
            let p = super::Persona::new(&corpus.harness, seed);
            let neutral = p.neutral_registration();
            let rival = p.competitor_registration(&corpus.apps, &corpus.domains).expect("the corpus has app metadata");
            assert_eq!(neutral.members().keys().collect::<Vec<_>>(), rival.members().keys().collect::<Vec<_>>());
            assert_eq!(neutral.software_version, rival.software_version);
            assert!(!format!("{:?}", neutral.members()).to_ascii_lowercase().contains("hutong"));
            assert!(corpus.apps.iter().any(|a| a.display_name.as_deref() == Some(rival.client_name.as_str())));
            assert!(rival.redirect_uris[0].starts_with("https://") && rival.contacts[0].contains('@'));
            assert_eq!(rival, p.competitor_registration(&corpus.apps, &corpus.domains).unwrap(), "a seed reproduces it");
            apps.insert(rival.client_name);
        }
        assert!(apps.len() >= 4, "{apps:?}");
    }

    // See: issue 12 — every request carried `User-Agent: hutong/…`, every registered client was
    // named "hutong …": a platform that behaves only for hutong passed everything.
    #[test]
    fn personas_are_reproducible_varied_and_never_name_the_harness() {
        let identities = super::Corpus::embedded().harness;
        let a = super::Persona::new(&identities, 7);
        assert_eq!(a, super::Persona::new(&identities, 7), "a seed reproduces its persona");
        let mut agents = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for seed in 0..200 {
            let p = super::Persona::new(&identities, seed);
            agents.insert(p.user_agent.clone());
            names.insert(p.client_name("third-party-a"));
            for text in [p.user_agent.clone(), p.client_name("third-party-b"), p.probe_id("missing")] {
                assert!(!text.to_ascii_lowercase().contains("hutong"), "{text}");
            }
        }
        assert!(agents.len() >= 5, "{agents:?}");
        assert!(names.len() >= 50, "{}", names.len());
        assert_ne!(a.client_name("third-party-a"), a.client_name("third-party-b"));
        assert_ne!(a.probe_id("x"), a.probe_id("y"));
        assert_eq!(a.probe_id("x").len(), 24);
        let marked = "[[user_agent]]\nvalue = \"hutong/0.1\"\nsource = \"x\"\n[names]\nfirst = [\"A\"]\nsecond = [\"B\"]\n";
        assert!(super::parse_harness_identities("t", marked).is_err());
    }
}
