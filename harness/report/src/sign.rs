//! Signatures a standards body can verify: Ed25519 over the exact bytes of `report.json`, which
//! list the SHA-256 of every evidence file, in a detached `report.json.sig`.
//!
//! Verification checks the signature, that every evidence file the report lists has its
//! recorded digest (and that every evidence file a result references is listed), and that the
//! report was produced by this suite (its suite hash).

use base64::Engine as _;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::spki::{DecodePublicKey as _, EncodePublicKey as _};
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
use ed25519_dalek::{Signature, Signer as _, Verifier as _};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
use hutong_model::Report;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Format tag of signature files.
pub const SIGNATURE_FORMAT: &str = "hutong-signature-1";
/// Suffix of the detached signature beside the report.
pub const SIGNATURE_SUFFIX: &str = ".sig";

/// A signing, key or verification problem that stops the operation.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A key file is not a PEM Ed25519 key of the expected kind.
    #[error("{path} is not a PEM Ed25519 {kind} key: {reason}")]
    Key {
        /// The file.
        path: PathBuf,
        /// `private` or `public`.
        kind: &'static str,
        /// Why.
        reason: String,
    },
    /// A key could not be encoded.
    #[error("cannot encode the key: {0}")]
    Encode(String),
}

/// The detached signature file (`report.json.sig`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureFile {
    /// [`SIGNATURE_FORMAT`].
    pub format: String,
    /// Always `ed25519`.
    pub algorithm: String,
    /// [`key_id`] of the public key that verifies it.
    pub key_id: String,
    /// Name of the signed file, relative to the signature.
    pub signed_file: String,
    /// SHA-256 of the signed bytes, hex (informative; the signature is what counts).
    pub signed_sha256: String,
    /// The Ed25519 signature over the signed file's bytes, base64.
    pub signature: String,
}

/// The ID of a public key: `ed25519:` and the first 16 hex digits of the SHA-256 of its 32 bytes.
pub fn key_id(key: &VerifyingKey) -> String {
    format!("ed25519:{}", &hex::encode(Sha256::digest(key.as_bytes()))[..16])
}

/// A new signing key from 32 random bytes (give bytes from a CSPRNG).
pub fn signing_key_from_seed(seed: [u8; 32]) -> SigningKey {
    SigningKey::from_bytes(&seed)
}

/// The private key as PKCS#8 PEM and the public key as SPKI PEM.
pub fn encode_keys(key: &SigningKey) -> Result<(String, String), SignError> {
    let private = key.to_pkcs8_pem(LineEnding::LF).map_err(|e| SignError::Encode(e.to_string()))?;
    let public = key.verifying_key().to_public_key_pem(LineEnding::LF).map_err(|e| SignError::Encode(e.to_string()))?;
    Ok((private.to_string(), public))
}

fn read(path: &Path) -> Result<Vec<u8>, SignError> {
    std::fs::read(path).map_err(|source| SignError::Io { path: path.to_path_buf(), source })
}

/// Reads a private key file written by `hutong keygen`.
pub fn load_signing_key(path: &Path) -> Result<SigningKey, SignError> {
    let text = String::from_utf8(read(path)?).map_err(|_| SignError::Key { path: path.into(), kind: "private", reason: "not UTF-8".into() })?;
    SigningKey::from_pkcs8_pem(&text).map_err(|e| SignError::Key { path: path.into(), kind: "private", reason: e.to_string() })
}

/// Reads a public key file written by `hutong keygen`.
pub fn load_verifying_key(path: &Path) -> Result<VerifyingKey, SignError> {
    let text = String::from_utf8(read(path)?).map_err(|_| SignError::Key { path: path.into(), kind: "public", reason: "not UTF-8".into() })?;
    VerifyingKey::from_public_key_pem(&text).map_err(|e| SignError::Key { path: path.into(), kind: "public", reason: e.to_string() })
}

/// The path of the detached signature of `report`.
pub fn signature_path(report: &Path) -> PathBuf {
    let mut s = report.as_os_str().to_owned();
    s.push(SIGNATURE_SUFFIX);
    PathBuf::from(s)
}

/// Signs the bytes of the report file `report` and writes the detached signature beside it.
/// Returns the signature file's path.
pub fn sign_report_file(report: &Path, key: &SigningKey) -> Result<PathBuf, SignError> {
    let bytes = read(report)?;
    let signature = key.sign(&bytes);
    let file = SignatureFile {
        format: SIGNATURE_FORMAT.to_string(),
        algorithm: "ed25519".to_string(),
        key_id: key_id(&key.verifying_key()),
        signed_file: report.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        signed_sha256: hex::encode(Sha256::digest(&bytes)),
        signature: base64::engine::general_purpose::STANDARD.encode(signature.to_bytes()),
    };
    let path = signature_path(report);
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| SignError::Encode(e.to_string()))?;
    text.push('\n');
    std::fs::write(&path, text).map_err(|source| SignError::Io { path: path.clone(), source })?;
    Ok(path)
}

/// The result of verifying a report: every mismatch found, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// What was checked and matched.
    pub checked: Vec<String>,
    /// What does not match; empty when the report verifies.
    pub problems: Vec<String>,
}

impl Verification {
    /// Whether everything matched.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies the report file `report` with its detached signature, against `key` and the suite
/// hash `suite_hash` of this harness.
pub fn verify_report(report: &Path, key: &VerifyingKey, suite_hash: &str, judging_digest: &str) -> Verification {
    let mut v = Verification::default();
    let name = report.display().to_string();
    let bytes = match std::fs::read(report) {
        Ok(b) => b,
        Err(e) => {
            v.problems.push(format!("report {name}: cannot read: {e}"));
            return v;
        }
    };
    let sig_path = signature_path(report);
    match std::fs::read(&sig_path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice::<SignatureFile>(&b).map_err(|e| format!("not a signature file: {e}")))
    {
        Err(e) => v.problems.push(format!("signature {}: {e}", sig_path.display())),
        Ok(sig) => {
            let expected_id = key_id(key);
            if sig.format != SIGNATURE_FORMAT || sig.algorithm != "ed25519" {
                v.problems.push(format!("signature {}: format {:?} / algorithm {:?} not supported", sig_path.display(), sig.format, sig.algorithm));
            } else if sig.key_id != expected_id {
                v.problems.push(format!("signature {}: made with key {}, not with the given key {expected_id}", sig_path.display(), sig.key_id));
            } else {
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(sig.signature.as_bytes())
                    .ok()
                    .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
                    .map(|b| Signature::from_bytes(&b));
                match decoded {
                    None => v.problems.push(format!("signature {}: not a base64 Ed25519 signature", sig_path.display())),
                    Some(s) => match key.verify(&bytes, &s) {
                        Ok(()) => v.checked.push(format!("signature of {name} by {expected_id}")),
                        Err(_) => v.problems.push(format!(
                            "report {name}: signature does not match its content (edited after signing, or signed by another key)"
                        )),
                    },
                }
            }
        }
    }
    let parsed: Report = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            v.problems.push(format!("report {name}: not a hutong report: {e}"));
            return v;
        }
    };
    if parsed.suite.suite_hash == suite_hash {
        v.checked.push(format!("suite hash {suite_hash}"));
    } else {
        v.problems.push(format!("suite hash: the report names {}, this harness is {suite_hash}", parsed.suite.suite_hash));
    }
    match &parsed.suite.judging_digest {
        Some(d) if d == judging_digest => v.checked.push(format!("judging code {judging_digest}")),
        Some(d) => v.problems.push(format!(
            "judging code: the report was decided by code with digest {d}, this harness is {judging_digest} (another build of the checks)"
        )),
        None => v.problems.push("judging code: the report names no judging-code digest (made by a harness older than OPIS 0.1 §18's digest)".to_string()),
    }
    let dir = report.parent().unwrap_or(Path::new("."));
    for e in &parsed.evidence {
        let rel = Path::new(&e.path);
        if rel.is_absolute() || rel.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            v.problems.push(format!("evidence {}: path outside the report directory", e.path));
            continue;
        }
        match std::fs::read(dir.join(rel)) {
            Err(err) => v.problems.push(format!("evidence {}: cannot read: {err}", e.path)),
            Ok(b) => {
                let actual = hex::encode(Sha256::digest(&b));
                if actual == e.sha256 {
                    v.checked.push(format!("evidence {}", e.path));
                } else {
                    v.problems.push(format!("evidence {}: SHA-256 {actual} does not match the recorded {}", e.path, e.sha256));
                }
            }
        }
    }
    let listed = |f: &str| parsed.evidence.iter().any(|e| e.path == f);
    for r in &parsed.requirements {
        let refs = r.evidence.iter().map(|x| x.split('#').next().unwrap_or(x).to_string()).chain(r.scenarios.iter().filter_map(|s| s.evidence.clone()));
        for f in refs {
            if !listed(&f) {
                v.problems.push(format!("requirement {}: references evidence {f}, which the report does not list", r.id));
            }
        }
    }
    v.problems.dedup();
    v
}
