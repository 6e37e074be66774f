//! Differential comparison: the same request from different clients must give equivalent answers
//! once volatile fields are removed.

use serde_json::Value;

/// Removes the members at `pointers` (JSON Pointers) from `value`.
pub fn normalize(mut value: Value, pointers: &[String]) -> Value {
    for pointer in pointers {
        let Some((parent, last)) = pointer.rsplit_once('/') else { continue };
        let key = last.replace("~1", "/").replace("~0", "~");
        if let Some(Value::Object(map)) = value.pointer_mut(parent) {
            map.remove(&key);
        }
    }
    value
}

/// The JSON Pointer of the first place where `a` and `b` differ, with both values, or `None`.
pub fn first_difference(a: &Value, b: &Value) -> Option<String> {
    fn walk(a: &Value, b: &Value, path: &mut String) -> Option<String> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    let found = match y.get(k) {
                        None => Some(format!("{path}: present in one answer, missing in the other")),
                        Some(vb) => walk(va, vb, path),
                    };
                    path.truncate(len);
                    if found.is_some() {
                        return found;
                    }
                }
                y.keys().find(|k| !x.contains_key(*k)).map(|k| format!("{path}/{k}: present in one answer, missing in the other"))
            }
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return Some(format!("{}: {} items against {}", if path.is_empty() { "/" } else { path }, x.len(), y.len()));
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
            _ => Some(format!(
                "{}: {} against {}",
                if path.is_empty() { "/" } else { path },
                hutong_model::sanitize_line(&a.to_string(), 80),
                hutong_model::sanitize_line(&b.to_string(), 80)
            )),
        }
    }
    walk(a, b, &mut String::new())
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
    fn a_difference_is_located() {
        let d = first_difference(&json!({"items": [1, 2]}), &json!({"items": [1]})).unwrap();
        assert!(d.starts_with("/items: 2 items against 1"), "{d}");
    }
}
