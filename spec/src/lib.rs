//! OPIS, the Open Platform Interoperability Specification, as data.
//!
//! This crate embeds the standard — the requirement registry (`spec/requirements/*.toml`), the
//! JSON Schemas (`spec/schemas/`), the OpenAPI description and the Gherkin features — so that the
//! `hutong` binary is self-contained, and it is the one source of requirement IDs for the harness
//! and for the reference platform alike. It does no I/O.
#![forbid(unsafe_code)]

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

/// One file of the suite, embedded at build time.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile {
    /// Path relative to the repository root, with `/` separators.
    pub path: &'static str,
    /// The file's UTF-8 contents.
    pub contents: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The version of OPIS this suite implements.
pub const OPIS_VERSION: &str = "0.1.0";

/// Embedded files whose path starts with `prefix`.
pub fn files_under(prefix: &str) -> impl Iterator<Item = &'static EmbeddedFile> + '_ {
    FILES.iter().filter(move |f| f.path.starts_with(prefix))
}

/// The embedded file at `path`, if any.
pub fn file(path: &str) -> Option<&'static EmbeddedFile> {
    FILES.iter().find(|f| f.path == path)
}

/// The JSON Schemas of `spec/schemas/`, as `(file name, contents)`.
pub fn schemas() -> impl Iterator<Item = (&'static str, &'static str)> {
    files_under("spec/schemas/")
        .map(|f| (f.path.trim_start_matches("spec/schemas/"), f.contents))
}

/// The schema `spec/schemas/NAME`, parsed.
pub fn schema(name: &str) -> Option<serde_json::Value> {
    file(&format!("spec/schemas/{name}"))
        .and_then(|f| serde_json::from_str(f.contents).ok())
}

/// A conformance profile: a named set of requirements a platform can claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// Discovery and the shared machinery every other profile depends on; always selected.
    Core,
    /// One uniform rule for every client, self-service access, published rules (（九）（二）（八）（十）).
    OpenEcosystem,
    /// No malicious incompatibility: links, clients, payments and open protocols (（九）（五）).
    AntiIncompatibility,
    /// Complete, verifiable export and import, and migration between platforms (（九）).
    CloudMigration,
    /// Algorithm transparency, fair pricing, paid placements, self-operated items and fees
    /// (（六）（四）（八）（二）).
    Transparency,
    /// A person's rights over their personal information: access, copy, transfer, correction,
    /// deletion, cancellation, scopes and revocation (（六）).
    PersonalData,
    /// A merchant's own orders, settlements, reviews and statistics, for itself and for the tools
    /// it authorises (（八）（九）（十三）).
    MerchantData,
}

impl Profile {
    /// Every profile, `core` first.
    pub const ALL: [Profile; 7] = [
        Profile::Core,
        Profile::OpenEcosystem,
        Profile::AntiIncompatibility,
        Profile::CloudMigration,
        Profile::Transparency,
        Profile::PersonalData,
        Profile::MerchantData,
    ];

    /// The profile's name as used in discovery, tags and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Core => "core",
            Profile::OpenEcosystem => "open-ecosystem",
            Profile::AntiIncompatibility => "anti-incompatibility",
            Profile::CloudMigration => "cloud-migration",
            Profile::MerchantData => "merchant-data",
            Profile::Transparency => "transparency",
            Profile::PersonalData => "personal-data",
        }
    }

    /// The ID prefix of the profile's requirements.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Profile::Core => "CORE",
            Profile::OpenEcosystem => "OE",
            Profile::AntiIncompatibility => "AI",
            Profile::CloudMigration => "CM",
            Profile::MerchantData => "MD",
            Profile::Transparency => "TP",
            Profile::PersonalData => "PD",
        }
    }

    /// The profile named `name`.
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Requirement level, in the words of RFC 2119.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Level {
    /// An absolute requirement; conformance depends on it.
    Must,
    /// Recommended; a failure is a warning.
    Should,
    /// Optional; informative.
    May,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Must => "MUST",
            Level::Should => "SHOULD",
            Level::May => "MAY",
        })
    }
}

/// How a requirement is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Black-box HTTP against the live interop surface.
    Probe,
    /// The same requests from different clients or contexts, responses compared.
    Differential,
    /// Data moved between two platforms and compared record by record.
    Migration,
    /// A published document validated against a schema and checked semantically.
    Declaration,
}

/// A title in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    /// English title.
    pub en: String,
    /// Chinese title.
    pub zh: String,
}

/// Where a requirement comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traces {
    /// Clauses of the policy, as `seed:N`.
    pub policy: Vec<String>,
    /// Articles of neighbouring law and sections of RFCs or other standards.
    pub law: Vec<String>,
}

/// One requirement of the standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable ID, e.g. `OE-04`; never reused.
    pub id: String,
    /// The profile it belongs to.
    pub profile: Profile,
    /// MUST, SHOULD or MAY.
    pub level: Level,
    /// Short title in English and Chinese.
    pub title: Title,
    /// The normative statement.
    pub statement: String,
    /// How it is verified.
    pub method: Method,
    /// Trace to the policy and neighbouring law.
    pub traces: Traces,
    /// ISO/IEC 19941 facet, for cloud-migration requirements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facet: Option<String>,
    /// Why the requirement is not checked by a scenario (required for an untested MUST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_tested_reason: Option<String>,
    /// The optional capability (a member of the discovery document's `capabilities`, OPIS §6.5)
    /// the requirement is conditional on: when the platform does not declare it, the requirement
    /// is `not_applicable` with that reason, and for no other reason but those of OPIS §10.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditional_on: Option<String>,
    /// Why the reference platform's fault matrix cannot prove this requirement (e.g. it is
    /// conditional on a capability the reference does not offer) and what proves it instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_exemption: Option<String>,
    /// A deprecated requirement is kept (its ID is never reused) but no longer certified.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Why it was deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated_reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default)]
    requirement: Vec<Requirement>,
}

/// Why the embedded registry could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// A registry file is not valid TOML or does not match the registry's shape.
    #[error("{path}: {message}")]
    Parse {
        /// The registry file.
        path: String,
        /// The parser's message, with the line.
        message: String,
    },
    /// Two requirements share an ID.
    #[error("requirement ID {0} is defined twice")]
    DuplicateId(String),
    /// An ID does not start with its profile's prefix.
    #[error("requirement ID {id} does not start with {prefix}- (profile {profile})")]
    BadPrefix {
        /// The offending ID.
        id: String,
        /// The expected prefix.
        prefix: &'static str,
        /// The requirement's profile.
        profile: Profile,
    },
}

/// The requirement registry: every requirement of the standard, in ID order.
#[derive(Debug, Clone)]
pub struct Registry {
    requirements: Vec<Requirement>,
}

impl Registry {
    /// Parses the registry from the embedded `spec/requirements/*.toml`.
    pub fn load() -> Result<Registry, RegistryError> {
        Self::from_files(files_under("spec/requirements/").map(|f| (f.path, f.contents)))
    }

    /// The embedded registry; panics if it is invalid, which the suite's own tests rule out.
    pub fn embedded() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| Registry::load().expect("the embedded registry is valid"))
    }

    /// Parses a registry from `(path, contents)` pairs.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Registry, RegistryError> {
        let mut requirements = Vec::new();
        for (path, contents) in files {
            let file: RegistryFile = toml::from_str(contents).map_err(|e| RegistryError::Parse {
                path: path.to_string(),
                message: e.to_string(),
            })?;
            requirements.extend(file.requirement);
        }
        let mut seen = BTreeSet::new();
        for r in &requirements {
            if !seen.insert(r.id.clone()) {
                return Err(RegistryError::DuplicateId(r.id.clone()));
            }
            let prefix = r.profile.id_prefix();
            if !r.id.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('-')) {
                return Err(RegistryError::BadPrefix { id: r.id.clone(), prefix, profile: r.profile });
            }
        }
        requirements.sort_by(|a, b| {
            (a.profile, id_number(&a.id)).cmp(&(b.profile, id_number(&b.id)))
        });
        Ok(Registry { requirements })
    }

    /// Every requirement.
    pub fn all(&self) -> &[Requirement] {
        &self.requirements
    }

    /// The requirement with this ID.
    pub fn get(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// The requirements of one profile.
    pub fn profile(&self, profile: Profile) -> impl Iterator<Item = &Requirement> {
        self.requirements.iter().filter(move |r| r.profile == profile)
    }
}

fn id_number(id: &str) -> u32 {
    id.rsplit('-').next().and_then(|n| n.parse().ok()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_registry_loads() {
        let registry = Registry::load().unwrap();
        assert!(registry.get("CORE-01").is_some());
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let one = r#"[[requirement]]
id = "OE-01"
profile = "open-ecosystem"
level = "MUST"
title = { en = "a", zh = "甲" }
statement = "s"
method = "probe"
traces = { policy = ["seed:9"], law = ["RFC 9110"] }
"#;
        let err = Registry::from_files([("a.toml", one), ("b.toml", one)]).unwrap_err();
        assert!(matches!(err, RegistryError::DuplicateId(id) if id == "OE-01"));
    }

    #[test]
    fn a_syntax_error_names_the_file_and_line() {
        let err = Registry::from_files([("spec/requirements/x.toml", "[[requirement]\n")]).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("spec/requirements/x.toml:"), "{text}");
        assert!(text.contains("line 1"), "{text}");
    }
}
