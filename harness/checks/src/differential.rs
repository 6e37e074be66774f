//! Differential comparison (OPIS §8): the same request from different clients must give
//! equivalent answers once the members OPIS §8.2 lets differ are removed.

use hutong_model::{msg, sanitize_line, Finding, Message};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Most JSON Pointers `capabilities.volatile_fields` may declare (OPIS §8.2): a response has a
/// handful of generation stamps, counters and request IDs, not dozens; a longer list is a way to
/// hide content from the comparison.
pub const MAX_VOLATILE_FIELDS: usize = 16;

/// The top-level member OPIS §8.2 (5) removes when it holds an RFC 3339 `date-time`.
pub const GENERATED_AT: &str = "generated_at";

/// Normalises a JSON body as OPIS §8.2 (4) and (5) say: removes the members at the declared
/// volatile `pointers` (JSON Pointers, RFC 6901; one that does not resolve removes nothing) and a
/// top-level `generated_at` whose value is an RFC 3339 `date-time` (§5.6), the time the response
/// was generated, which is no difference in treatment. Nothing else is removed.
pub fn normalize(mut value: Value, pointers: &[String]) -> Value {
    for pointer in pointers {
        let Some((parent, last)) = pointer.rsplit_once('/') else { continue };
        let key = last.replace("~1", "/").replace("~0", "~");
        if let Some(Value::Object(map)) = value.pointer_mut(parent) {
            map.remove(&key);
        }
    }
    if let Value::Object(map) = &mut value
        && map.get(GENERATED_AT).and_then(Value::as_str).is_some_and(is_rfc3339_date_time)
    {
        map.remove(GENERATED_AT);
    }
    value
}

/// Whether `s` is an RFC 3339 §5.6 `date-time`.
pub fn is_rfc3339_date_time(s: &str) -> bool {
    OffsetDateTime::parse(s, &Rfc3339).is_ok()
}

/// Checks the declared volatile fields against OPIS §8.2: at most [`MAX_VOLATILE_FIELDS`]
/// pointers, none the root, and none resolving to an object or an array in any of the `bodies`
/// compared. A volatile pointer may name only a scalar member (string, number, boolean, null);
/// one that covers compared content would neutralise the comparison, so it is a `fail` of the
/// differential requirement, naming the pointer.
pub fn check_volatile_fields<'a>(pointers: &[String], bodies: impl IntoIterator<Item = &'a Value>) -> Result<(), Finding> {
    if pointers.len() > MAX_VOLATILE_FIELDS {
        return Err(Finding::fail(msg!("differential-too-many-volatile", count = pointers.len(), max = MAX_VOLATILE_FIELDS)));
    }
    if pointers.iter().any(String::is_empty) {
        return Err(Finding::fail(msg!("differential-volatile-root")));
    }
    for body in bodies {
        for pointer in pointers {
            let kind = match body.pointer(pointer) {
                Some(Value::Object(_)) => msg!("differential-an-object"),
                Some(Value::Array(_)) => msg!("differential-an-array"),
                _ => continue,
            };
            return Err(Finding::fail(msg!(
                "differential-volatile-covers-content",
                pointer = format!("{:?}", sanitize_line(pointer, 120)),
                kind = kind
            )));
        }
    }
    Ok(())
}

/// The first place where `a` and `b` differ, as a message naming its JSON Pointer and both
/// values (`/items: 2 items against 1`), or `None`.
pub fn first_difference(a: &Value, b: &Value) -> Option<Message> {
    first_difference_at(a, b, "")
}

/// [`first_difference`] of two values that sit at the JSON Pointer `at` of larger
/// documents: the pointer named is `at` followed by the place inside them.
pub fn first_difference_at(a: &Value, b: &Value, at: &str) -> Option<Message> {
    fn shown(path: &str) -> &str {
        if path.is_empty() { "/" } else { path }
    }
    fn walk(a: &Value, b: &Value, path: &mut String) -> Option<Message> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    let found = match y.get(k) {
                        None => Some(msg!("differential-member-missing", pointer = path.as_str())),
                        Some(vb) => walk(va, vb, path),
                    };
                    path.truncate(len);
                    if found.is_some() {
                        return found;
                    }
                }
                y.keys().find(|k| !x.contains_key(*k)).map(|k| msg!("differential-member-missing", pointer = format!("{path}/{k}")))
            }
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return Some(msg!("differential-item-count", pointer = shown(path), left = x.len(), right = y.len()));
                }
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    let len = path.len();
                    path.push_str(&format!("/{i}"));
                    let found = walk(va, vb, path);
                    path.truncate(len);
                    if found.is_some() {
                        return found;
                    }
                }
                None
            }
            _ if a == b => None,
            _ => Some(msg!(
                "differential-values",
                pointer = shown(path),
                left = sanitize_line(&a.to_string(), 80),
                right = sanitize_line(&b.to_string(), 80)
            )),
        }
    }
    walk(a, b, &mut at.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn volatile_members_are_ignored() {
        let a = normalize(json!({"items": [1, 2], "generated_at": "x"}), &["/generated_at".into()]);
        let b = normalize(json!({"items": [1, 2], "generated_at": "y"}), &["/generated_at".into()]);
        assert_eq!(first_difference(&a, &b), None);
    }

    #[test]
    fn a_top_level_generation_time_is_removed_without_being_declared() {
        // OPIS §8.2 (5); see issue 11: the reference had to declare `/generated_at` volatile.
        let a = normalize(json!({"items": [1], "generated_at": "2026-11-29T03:00:00Z"}), &[]);
        let b = normalize(json!({"items": [1], "generated_at": "2026-11-29T03:00:01.5+08:00"}), &[]);
        assert_eq!(a, json!({"items": [1]}));
        assert_eq!(first_difference(&a, &b), None);
    }

    #[test]
    fn only_a_top_level_date_time_generated_at_is_removed() {
        // Not a date-time: compared like any other member.
        let v = normalize(json!({"generated_at": "yesterday"}), &[]);
        assert_eq!(v, json!({"generated_at": "yesterday"}));
        let v = normalize(json!({"generated_at": 1_764_385_200}), &[]);
        assert_eq!(v, json!({"generated_at": 1_764_385_200}));
        // Nested: not removed.
        let v = normalize(json!({"job": {"generated_at": "2026-11-29T03:00:00Z"}}), &[]);
        assert_eq!(v, json!({"job": {"generated_at": "2026-11-29T03:00:00Z"}}));
        // A date without time is not an RFC 3339 date-time.
        assert!(!is_rfc3339_date_time("2026-11-29"));
    }

    #[test]
    fn scalar_volatile_fields_pass() {
        let body = json!({"items": [{"id": "a"}], "stats": {"views": 3}, "request_id": null});
        let pointers = vec!["/stats/views".to_string(), "/request_id".to_string(), "/missing".to_string()];
        assert!(check_volatile_fields(&pointers, [&body]).is_ok());
    }

    #[test]
    fn a_volatile_pointer_covering_content_fails_naming_it() {
        // See issue 11: declaring `/items` volatile neutralised OE-05.
        let body = json!({"items": [{"id": "a"}], "page": {"next": null}});
        for (pointer, kind) in [("/items", "an array"), ("/page", "an object")] {
            let f = check_volatile_fields(&[pointer.to_string()], [&json!({}), &body]).unwrap_err();
            assert_eq!(f.kind, hutong_model::FindingKind::Fail);
            assert!(f.message.contains(&format!("{pointer:?}")) && f.message.contains(kind), "{}", f.message);
        }
    }

    #[test]
    fn the_root_and_too_many_pointers_fail() {
        let f = check_volatile_fields(&[String::new()], [&json!(1)]).unwrap_err();
        assert!(f.message.contains("whole body"), "{}", f.message);
        let many: Vec<String> = (0..=MAX_VOLATILE_FIELDS).map(|i| format!("/f{i}")).collect();
        let f = check_volatile_fields(&many, [&json!({})]).unwrap_err();
        assert!(f.message.contains("at most 16"), "{}", f.message);
        assert!(check_volatile_fields(&many[..MAX_VOLATILE_FIELDS], [&json!({})]).is_ok());
    }

    #[test]
    fn a_difference_is_located() {
        let d = first_difference(&json!({"items": [1, 2]}), &json!({"items": [1]})).unwrap().en();
        assert!(d.starts_with("/items: 2 items against 1"), "{d}");
    }
}
