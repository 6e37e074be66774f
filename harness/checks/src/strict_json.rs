//! Strict reading of JSON documents the target supplies: I-JSON (RFC 7493) rules that keep a
//! document from meaning one thing to the harness and another to other parsers.
//!
//! `serde_json` already bounds nesting (128 levels: deeper documents are an error, never a stack
//! overflow) and refuses `NaN`, `Infinity` and numbers out of range. What it accepts silently is a
//! repeated member name, keeping the last value; other parsers keep the first. A platform could
//! use that to show the harness something other clients do not see, so a repeated name is refused
//! here (RFC 7493 §2.3: "Objects in I-JSON messages MUST NOT have members with duplicate names").

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

/// Deepest nesting of arrays and objects accepted (`serde_json`'s own limit is 128).
pub const MAX_DEPTH: usize = 128;

/// Checks that no object of the JSON text `bytes` repeats a member name. `Err` describes the
/// first repeated name, or why the text is not JSON.
pub fn check_unique_keys(bytes: &[u8]) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    UniqueKeys { depth: 0 }.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())
}

/// Parses `bytes` as JSON, refusing repeated member names (RFC 7493 §2.3).
pub fn from_slice(bytes: &[u8]) -> Result<serde_json::Value, String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    check_unique_keys(bytes)?;
    Ok(value)
}

/// Walks a document without building it, failing at a repeated member name.
struct UniqueKeys {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for UniqueKeys {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(serde::de::Error::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        while seq.next_element_seed(UniqueKeys { depth })?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(serde::de::Error::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!(
                    "member name {:?} repeated in one object (RFC 7493 §2.3)",
                    hutong_model::sanitize_line(&key, 80)
                )));
            }
            map.next_value_seed(UniqueKeys { depth })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_judged_by_their_keys_and_depth() {
        let cases: &[(&str, bool)] = &[
            (r#"{"a":1,"b":{"a":2}}"#, true),
            (r#"{"a":1,"a":2}"#, false),
            (r#"[{"x":[{"y":1,"y":1}]}]"#, false),
            (r#"{"a":NaN}"#, false),
            (r#"{"a":1e999}"#, false),
            (r#"{"a":1} trailing"#, false),
            ("", false),
        ];
        for (text, ok) in cases {
            assert_eq!(from_slice(text.as_bytes()).is_ok(), *ok, "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        for depth in [127usize, 129, 100_000] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert_eq!(from_slice(text.as_bytes()).is_ok(), depth < MAX_DEPTH, "depth {depth}");
            let text = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
            assert_eq!(check_unique_keys(text.as_bytes()).is_ok(), depth <= MAX_DEPTH, "depth {depth}");
        }
    }
}
