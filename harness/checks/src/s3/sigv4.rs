//! AWS Signature Version 4 by a kept crate, `aws-sigv4`: it computes the signature of one request
//! and does no I/O, so the harness's own bounded, recording client sends the request and keeps
//! the evidence. Tested against AWS's published SigV4 test suite (`tests/sigv4.rs`).

use aws_sigv4::http_request::{sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings, UriPathNormalizationMode};
use std::time::SystemTime;

/// Why a request could not be signed (a problem of the harness or of the keys it was given,
/// never a verdict on the platform).
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The signing parameters are incomplete.
    #[error("SigV4 signing parameters: {0}")]
    Parameters(String),
    /// The request cannot be signed (a URI, header name or value the signer cannot read).
    #[error("SigV4 cannot sign the request: {0}")]
    Request(String),
}

/// How a service wants requests signed, and with which keys.
#[derive(Clone)]
pub struct Signer {
    access_key: String,
    secret_key: String,
    region: String,
    service: String,
    /// Resolve `.` and `..` segments of the path before signing (every AWS service but S3).
    pub normalize_path: bool,
    /// Sign the payload hash in an `x-amz-content-sha256` header (S3 requires it).
    pub content_sha256_header: bool,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("region", &self.region).field("service", &self.service).finish_non_exhaustive()
    }
}

impl Signer {
    /// A signer as S3 requires it: the path signed as sent, encoded once and never normalised
    /// (a key `a/../b` is not `b`), and the payload's SHA-256 in `x-amz-content-sha256`
    /// (Amazon S3 API Reference, "Authenticating Requests (AWS Signature Version 4)").
    pub fn s3(access_key: &str, secret_key: &str, region: &str) -> Signer {
        Signer::new(access_key, secret_key, region, "s3", false, true)
    }

    /// A signer for `service` in `region`, with the path normalisation and payload-hash header
    /// given (the settings of the AWS SigV4 test suite's `context.json`).
    pub fn new(access_key: &str, secret_key: &str, region: &str, service: &str, normalize_path: bool, content_sha256_header: bool) -> Signer {
        Signer {
            access_key: access_key.to_string(),
            secret_key: secret_key.to_string(),
            region: region.to_string(),
            service: service.to_string(),
            normalize_path,
            content_sha256_header,
        }
    }

    /// The headers that sign one request at `time`: `x-amz-date`, `x-amz-content-sha256` (S3)
    /// and `authorization`. `uri` is the absolute URI as signed (path and query already
    /// percent-encoded once; its authority is the signed `host`), `headers` the other headers to
    /// sign, as sent.
    pub fn sign(&self, method: &str, uri: &str, headers: &[(String, String)], body: &[u8], time: SystemTime) -> Result<Vec<(String, String)>, SignError> {
        let identity = aws_credential_types::Credentials::new(&self.access_key, &self.secret_key, None, None, "hutong").into();
        let mut settings = SigningSettings::default();
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode =
            if self.normalize_path { UriPathNormalizationMode::Enabled } else { UriPathNormalizationMode::Disabled };
        settings.payload_checksum_kind = if self.content_sha256_header { PayloadChecksumKind::XAmzSha256 } else { PayloadChecksumKind::NoHeader };
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name(&self.service)
            .time(time)
            .settings(settings)
            .build()
            .map_err(|e| SignError::Parameters(e.to_string()))?
            .into();
        let request = SignableRequest::new(method, uri, headers.iter().map(|(k, v)| (k.as_str(), v.as_str())), SignableBody::Bytes(body))
            .map_err(|e| SignError::Request(e.to_string()))?;
        let (instructions, _signature) = sign(request, &params).map_err(|e| SignError::Request(e.to_string()))?.into_parts();
        Ok(instructions.headers().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }
}
