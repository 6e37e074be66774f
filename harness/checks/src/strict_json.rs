//! Strict reading of JSON documents the target supplies: I-JSON (RFC 7493) rules that keep a
//! document from meaning one thing to the harness and another to other parsers.
//!
//! `serde_json` already bounds nesting (128 levels: deeper documents are an error, never a stack
//! overflow) and refuses `NaN`, `Infinity` and numbers out of range. What it accepts silently is a
//! repeated member name, keeping the last value; other parsers keep the first. A platform could
//! use that to show the harness something other clients do not see, so a repeated name is refused
//! here (RFC 7493 §2.3: "Objects in I-JSON messages MUST NOT have members with duplicate names").

use hutong_model::{msg, Message};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

/// Deepest nesting of arrays and objects accepted (`serde_json`'s own limit is 128).
pub const MAX_DEPTH: usize = 128;

/// Checks that no object of the JSON text `bytes` repeats a member name. `Err` describes the
/// first repeated name, or why the text is not JSON (`serde_json`'s own words).
pub fn check_unique_keys(bytes: &[u8]) -> Result<(), Message> {
    let problem = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    UniqueKeys { depth: 0, problem: &problem }.deserialize(&mut de).map_err(|e| explained(e, problem.take()))?;
    de.end().map_err(|e| Message::verbatim(e.to_string()))
}

/// Parses `bytes` as JSON, refusing repeated member names (RFC 7493 §2.3).
pub fn from_slice(bytes: &[u8]) -> Result<serde_json::Value, Message> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| Message::verbatim(e.to_string()))?;
    check_unique_keys(bytes)?;
    Ok(value)
}

/// What [`UniqueKeys`] refused, beside the position `serde_json` gives its error.
enum Problem {
    Repeated(String),
    TooDeep,
}

/// The message of an error of the walk: a problem it found where `serde_json` says, otherwise
/// `serde_json`'s own words.
fn explained(error: serde_json::Error, problem: Option<Problem>) -> Message {
    let (line, column) = (error.line(), error.column());
    match problem {
        Some(Problem::Repeated(name)) if line > 0 => msg!("strict-json-repeated-member", name = name, line = line, column = column),
        Some(Problem::TooDeep) if line > 0 => msg!("strict-json-too-deep", max = MAX_DEPTH, line = line, column = column),
        _ => Message::verbatim(error.to_string()),
    }
}

/// Walks a document without building it, failing at a repeated member name.
struct UniqueKeys<'p> {
    depth: usize,
    /// What made the walk fail, for its message.
    problem: &'p RefCell<Option<Problem>>,
}

impl UniqueKeys<'_> {
    fn refuse<E: serde::de::Error>(&self, problem: Problem) -> E {
        let text = match &problem {
            Problem::Repeated(name) => format!("member name {name} repeated in one object (RFC 7493 §2.3)"),
            Problem::TooDeep => format!("nested deeper than {MAX_DEPTH} levels"),
        };
        self.problem.replace(Some(problem));
        E::custom(text)
    }
}

impl<'de> DeserializeSeed<'de> for UniqueKeys<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys<'_> {
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
            return Err(self.refuse(Problem::TooDeep));
        }
        while seq.next_element_seed(UniqueKeys { depth, problem: self.problem })?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(self.refuse(Problem::TooDeep));
        }
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(self.refuse(Problem::Repeated(format!("{:?}", hutong_model::sanitize_line(&key, 80)))));
            }
            map.next_value_seed(UniqueKeys { depth, problem: self.problem })?;
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

    /// The English of a refusal is the text the walk raises through `serde_json`, position
    /// included; other errors are `serde_json`'s own.
    #[test]
    fn messages_say_what_the_walk_raises() {
        let raised = |text: &str| {
            let problem = RefCell::new(None);
            let mut de = serde_json::Deserializer::from_slice(text.as_bytes());
            UniqueKeys { depth: 0, problem: &problem }.deserialize(&mut de).unwrap_err().to_string()
        };
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        for text in [r#"{"a":1,"b":{"x\ny":1,"x\ny":2}}"#, "\n [\n{\"k\": 1, \"k\": 1}]", deep.as_str(), "[1,"] {
            let message = check_unique_keys(text.as_bytes()).unwrap_err();
            assert_eq!(message.en(), raised(text), "{text}");
        }
        let repeated = check_unique_keys(br#"{"a":1,"a":2}"#).unwrap_err();
        assert_eq!(repeated.id, "strict-json-repeated-member");
        assert!(repeated.render(hutong_model::Locale::Zh).contains("重复"));
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
