//! The discovery document (`/.well-known/opis`): parsing, version compatibility, endpoints.

use crate::schema::SchemaSet;
use hutong_model::{msg, Finding};
use opis_spec::Profile;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use url::Url;

/// The well-known path of the discovery document (RFC 8615).
pub const WELL_KNOWN_PATH: &str = "/.well-known/opis";

/// A parsed, schema-valid discovery document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discovery {
    /// OPIS version the platform implements.
    pub opis_version: String,
    /// The platform.
    pub platform: PlatformInfo,
    /// Claimed profile names.
    pub profiles: Vec<String>,
    /// Endpoint name → absolute URL.
    pub endpoints: BTreeMap<String, String>,
    /// The platform's own link domains.
    #[serde(default)]
    pub own_domains: Vec<String>,
    /// Other origins endpoints may live on.
    #[serde(default)]
    pub trusted_origins: Vec<String>,
    /// Declared optional capabilities.
    #[serde(default)]
    pub capabilities: Value,
}

/// The platform's identity in discovery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformInfo {
    /// Display name.
    pub name: String,
    /// Home page.
    pub homepage: String,
}

impl Discovery {
    /// Validates `value` against `discovery.schema.json` and parses it.
    pub fn parse(value: &Value) -> Result<Discovery, Finding> {
        SchemaSet::embedded().check("discovery.schema.json", value, msg!("discovery-the-document"))?;
        serde_json::from_value(value.clone())
            .map_err(|e| Finding::fail(msg!("discovery-unreadable", error = e.to_string())))
    }

    /// The profiles claimed (known ones; `core` is implicit and not listed).
    pub fn claimed_profiles(&self) -> Vec<Profile> {
        let mut out: Vec<Profile> = self
            .profiles
            .iter()
            .filter_map(|p| Profile::from_name(p))
            .filter(|p| *p != Profile::Core)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether the platform claims `profile`.
    pub fn claims(&self, profile: Profile) -> bool {
        profile == Profile::Core || self.claimed_profiles().contains(&profile)
    }

    /// The URL of endpoint `name`. A missing endpoint is a `fail` when its profile is claimed.
    pub fn endpoint(&self, name: &str) -> Result<Url, Finding> {
        let raw = self
            .endpoints
            .get(name)
            .ok_or_else(|| Finding::fail(msg!("discovery-endpoint-missing", name = name)))?;
        Url::parse(raw).map_err(|e| Finding::fail(msg!("discovery-endpoint-not-absolute", name = name, error = e.to_string())))
    }

    /// Whether endpoint `name` is declared.
    pub fn has_endpoint(&self, name: &str) -> bool {
        self.endpoints.contains_key(name)
    }

    /// Whether optional capability `name` is declared: `capabilities.<name>` is present and is
    /// neither `null` nor `false` (OPIS §6.5). A dotted name (`open_protocols.oembed`) names a
    /// member of a member.
    pub fn declares_capability(&self, name: &str) -> bool {
        let mut value = &self.capabilities;
        for part in name.split('.') {
            match value.get(part) {
                Some(v) => value = v,
                None => return false,
            }
        }
        !value.is_null() && value != &Value::Bool(false)
    }

    /// JSON Pointers of members that legitimately differ between identical requests.
    pub fn volatile_fields(&self) -> Vec<String> {
        self.capabilities
            .get("volatile_fields")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }

    /// The origins endpoints may live on: the discovery document's own and `trusted_origins`.
    pub fn allowed_origins(&self, base: &Url) -> Vec<Url> {
        let mut out = vec![origin_url(base)];
        out.extend(self.trusted_origins.iter().filter_map(|o| Url::parse(o).ok()).map(|u| origin_url(&u)));
        out
    }

    /// Checks that every endpoint is on an allowed origin.
    pub fn check_endpoint_origins(&self, base: &Url) -> Result<(), Finding> {
        let allowed = self.allowed_origins(base);
        for (name, raw) in &self.endpoints {
            let url = Url::parse(raw).map_err(|e| Finding::fail(msg!("discovery-endpoint-not-absolute", name = name, error = e.to_string())))?;
            if !allowed.iter().any(|o| o.origin() == url.origin()) {
                return Err(Finding::fail(msg!(
                    "discovery-endpoint-foreign-origin",
                    name = name,
                    url = hutong_model::sanitize_line(raw, 200),
                    origin = base.origin().ascii_serialization()
                )));
            }
        }
        Ok(())
    }
}

/// `scheme://host:port/` of `url`.
pub fn origin_url(url: &Url) -> Url {
    Url::parse(&format!("{}/", url.origin().ascii_serialization())).unwrap_or_else(|_| url.clone())
}

/// Checks that `declared` is a SemVer 2.0.0 version (`semver`) compatible with this suite's OPIS
/// version: the same major version, and for 0.x the same minor.
pub fn check_version_compatible(declared: &str) -> Result<(), Finding> {
    let ours = semver::Version::parse(opis_spec::OPIS_VERSION).expect("our version is semver");
    let theirs = semver::Version::parse(declared).map_err(|e| {
        Finding::fail(msg!("discovery-version-not-semver", version = format!("{:?}", hutong_model::sanitize_line(declared, 60)), error = e.to_string()))
    })?;
    let compatible = if ours.major == 0 { theirs.major == 0 && theirs.minor == ours.minor } else { theirs.major == ours.major };
    if compatible {
        Ok(())
    } else {
        Err(Finding::fail(msg!("discovery-version-incompatible", theirs = theirs.to_string(), ours = opis_spec::OPIS_VERSION)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert!(check_version_compatible("0.1.0").is_ok());
        assert!(check_version_compatible("0.1.7").is_ok());
        assert!(check_version_compatible("0.2.0").is_err());
        assert!(check_version_compatible("banana").is_err());
    }

    /// Strings that are not SemVer 2.0.0 versions (§2: MAJOR.MINOR.PATCH, no leading zeros),
    /// which the split-on-dots reader accepted.
    #[test]
    fn only_semantic_versions_are_accepted() {
        for v in ["0.1", "0.1.x", "00.1.0", "0.01.0", "v0.1.0", "0.1.0.0", "0.1.0-"] {
            assert!(check_version_compatible(v).unwrap_err().message.contains("not a semantic version"), "{v}");
        }
        assert!(check_version_compatible("0.1.0-rc.1+build.5").is_ok());
    }
}
