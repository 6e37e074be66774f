//! OAuth 2.0 authorization server metadata (RFC 8414) as the self-service requirement reads it.

use hutong_model::Finding;
use serde_json::Value;

/// Metadata members a third party needs to obtain credentials by itself: who issues tokens, where
/// to get one, and where to register (RFC 8414 §2, RFC 7591 §3).
pub const SELF_SERVICE_MEMBERS: &[&str] = &["issuer", "token_endpoint", "registration_endpoint"];

/// Checks that the metadata names an issuer, a token endpoint and a registration endpoint.
pub fn check_self_service_metadata(metadata: &Value) -> Result<(), Finding> {
    let missing: Vec<&str> = SELF_SERVICE_MEMBERS.iter().copied().filter(|k| !metadata.get(*k).is_some_and(Value::is_string)).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Finding::fail(format!("the OAuth metadata lacks {} (RFC 8414 §2)", missing.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_are_required() {
        let full = json!({"issuer": "https://a", "token_endpoint": "https://a/t", "registration_endpoint": "https://a/r"});
        assert!(check_self_service_metadata(&full).is_ok());
        let mut partial = full.clone();
        partial.as_object_mut().unwrap().remove("registration_endpoint");
        assert!(check_self_service_metadata(&partial).unwrap_err().message.contains("registration_endpoint"));
    }
}
