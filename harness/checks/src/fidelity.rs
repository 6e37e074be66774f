//! Values, not only counts (OPIS §16): an exported or imported record compared member by member
//! with what the live API serves for the same resource — strings byte for byte (no Unicode
//! normalisation), numbers by value, every member present on both sides — and the seeded sample
//! of records that keeps the comparison bounded on large exports.

use hutong_model::{msg, sanitize_line, Arg, Message};
use serde_json::{Number, Value};
use std::collections::{BinaryHeap, HashSet};

/// Records compared per entity at least: every record of an entity with at most this many,
/// otherwise a seeded random sample of this many plus every record the harness created itself
/// (OPIS §5.1, CM-02).
pub const COMPARED_RECORDS: usize = 1000;

/// Whether two JSON values are equal as OPIS §16 compares records: objects with the same member
/// names (order irrelevant) and equal members, arrays of the same length with equal items in
/// order, strings byte for byte, numbers by value (`1` and `1.0` are equal, `2^53` and
/// `2^53 + 1` are not).
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w))),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| values_equal(v, w)),
        (Value::Number(x), Value::Number(y)) => numbers_equal(x, y),
        _ => a == b,
    }
}

/// Whether two JSON numbers have the same value: integers exactly, an integer and a float only
/// when the float is that integer exactly, floats as IEEE 754 doubles.
pub fn numbers_equal(a: &Number, b: &Number) -> bool {
    fn integer(n: &Number) -> Option<i128> {
        n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
    }
    match (integer(a), integer(b)) {
        (Some(x), Some(y)) => x == y,
        (Some(i), None) => b.as_f64().is_some_and(|f| float_is_integer(f, i)),
        (None, Some(i)) => a.as_f64().is_some_and(|f| float_is_integer(f, i)),
        (None, None) => a.as_f64() == b.as_f64(),
    }
}

fn float_is_integer(f: f64, i: i128) -> bool {
    // Every integral double below 2^127 converts exactly; beyond the range of i128 no JSON
    // integer serde reads is equal to it.
    f.fract() == 0.0 && f.abs() < 1.7e38 && f as i128 == i
}

/// One difference between a record and the resource it is compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// JSON Pointer (RFC 6901) of the member that differs (`""`: the whole record).
    pub pointer: String,
    /// The value in the record judged (an export or an imported record); `None`: no such member.
    pub found: Option<Value>,
    /// The value of the source of truth (the live API); `None`: no such member.
    pub expected: Option<Value>,
}

impl Difference {
    /// `"/title is "Café" in the export, "Café" in the live API (at character 4: U+00E9 against
    /// U+0065 U+0301)"`: the member, both values, and for two strings the code points where they
    /// part, so that two renderings that look alike are told apart. `found_in` and `expected_in`
    /// name the two sides ("the export", "the live API").
    pub fn describe(&self, found_in: impl Into<Message>, expected_in: impl Into<Message>) -> Described {
        let pointer: Arg = if self.pointer.is_empty() { msg!("fidelity-the-record").into() } else { self.pointer.clone().into() };
        let show = |v: &Option<Value>| -> Arg { v.as_ref().map_or_else(|| msg!("fidelity-absent").into(), |v| sanitize_line(&v.to_string(), 120).into()) };
        let (found, expected) = (show(&self.found), show(&self.expected));
        let (found_in, expected_in) = (found_in.into(), expected_in.into());
        let part = match (&self.found, &self.expected) {
            (Some(Value::String(f)), Some(Value::String(e))) => where_strings_part(f, e),
            _ => None,
        };
        Described::new(match part {
            None => msg!("fidelity-difference", pointer = pointer, found = found, found_in = found_in, expected = expected, expected_in = expected_in),
            Some(part) => msg!(
                "fidelity-difference-where",
                pointer = pointer,
                found = found,
                found_in = found_in,
                expected = expected,
                expected_in = expected_in,
                part = part
            ),
        })
    }
}

/// A message with its English text: what the comparisons of records and of objects say about one
/// difference. It reads as its English text (`Deref<Target = str>`, `Display`, serialised as a
/// string, compared and ordered by it) where lists of differences keep, sort and print text
/// (`migrate-check`'s summary), and gives its message to a finding ([`Described::message`]).
#[derive(Debug, Clone)]
pub struct Described {
    message: Message,
    text: String,
}

impl Described {
    /// `message` and its English text.
    pub fn new(message: Message) -> Self {
        let text = message.en();
        Described { message, text }
    }

    /// The message, to render in any language.
    pub fn message(&self) -> &Message {
        &self.message
    }

    /// The English text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<Described> for Message {
    fn from(d: Described) -> Message {
        d.message
    }
}

impl From<Described> for hutong_model::Arg {
    fn from(d: Described) -> Self {
        hutong_model::Arg::Message(d.message)
    }
}

impl From<&Described> for hutong_model::Arg {
    fn from(d: &Described) -> Self {
        hutong_model::Arg::Message(d.message.clone())
    }
}

impl std::ops::Deref for Described {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Described {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Altered items as `[id, English text, message]`: the text for people and tools that read
/// `migrate-check`'s summary as it always was, the message (ID and parameters) for a report that
/// reads the summary back and renders it in another language.
pub fn altered_with_messages<S: serde::Serializer>(altered: &[(String, Described)], serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = serializer.serialize_seq(Some(altered.len()))?;
    for (id, why) in altered {
        seq.serialize_element(&(id, why.as_str(), why.message()))?;
    }
    seq.end()
}

/// What differs in an altered item of a summary written by [`altered_with_messages`]: its
/// message (third member), or, for a summary written before or a message longer than `max`
/// characters, its English text (second member) cut to `max` characters.
pub fn altered_message(item: &[serde_json::Value], max: usize) -> Message {
    match item.get(2).and_then(|m| serde_json::from_value::<Message>(m.clone()).ok()) {
        Some(m) if m.en().chars().count() <= max => m,
        _ => Message::verbatim(hutong_model::sanitize_line(item.get(1).and_then(serde_json::Value::as_str).unwrap_or(""), max)),
    }
}

impl serde::Serialize for Described {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl PartialEq for Described {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}
impl Eq for Described {}
impl PartialOrd for Described {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Described {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}
impl std::hash::Hash for Described {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}
impl PartialEq<str> for Described {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}
impl PartialEq<&str> for Described {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

/// Where two different strings part, when they may look alike (a character that is not plain
/// printable ASCII is involved): the character position and up to three code points of each from
/// there.
fn where_strings_part(a: &str, b: &str) -> Option<Message> {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let plain = |s: &str| s.chars().skip(common).take(3).all(|c| c.is_ascii_graphic());
    if plain(a) && plain(b) {
        return None;
    }
    let points = |s: &str| -> Arg {
        let shown: Vec<String> = s.chars().skip(common).take(3).map(|c| format!("U+{:04X}", c as u32)).collect();
        if shown.is_empty() { msg!("fidelity-the-end").into() } else { shown.join(" ").into() }
    };
    Some(msg!("fidelity-strings-part", position = common + 1, found = points(a), expected = points(b)))
}

/// The first difference between `found` (the record judged) and `expected` (the live resource),
/// after removing the declared volatile `pointers` (OPIS §8.2 (4), applied to the record as the
/// root of the resource's representation) from both. `None` when they are equal.
pub fn record_difference(found: &Value, expected: &Value, volatile: &[String]) -> Option<Difference> {
    let (found, expected) = (strip(found, volatile), strip(expected, volatile));
    first_difference(&found, &expected, &mut String::new())
}

fn strip(value: &Value, pointers: &[String]) -> Value {
    let mut value = value.clone();
    for pointer in pointers {
        let Some((parent, last)) = pointer.rsplit_once('/') else { continue };
        let key = last.replace("~1", "/").replace("~0", "~");
        if let Some(Value::Object(map)) = value.pointer_mut(parent)
            && map.get(&key).is_some_and(|v| !v.is_object() && !v.is_array())
        {
            map.remove(&key);
        }
    }
    value
}

fn first_difference(found: &Value, expected: &Value, path: &mut String) -> Option<Difference> {
    let here = |path: &str| Difference { pointer: path.to_string(), found: Some(found.clone()), expected: Some(expected.clone()) };
    match (found, expected) {
        (Value::Object(x), Value::Object(y)) => {
            let mut names: Vec<&String> = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))).collect();
            names.sort();
            for name in names {
                let len = path.len();
                path.push('/');
                path.push_str(&name.replace('~', "~0").replace('/', "~1"));
                let diff = match (x.get(name), y.get(name)) {
                    (Some(f), Some(e)) => first_difference(f, e, path),
                    (f, e) => Some(Difference { pointer: path.clone(), found: f.cloned(), expected: e.cloned() }),
                };
                path.truncate(len);
                if diff.is_some() {
                    return diff;
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x.iter().zip(y).enumerate().find_map(|(i, (f, e))| {
            let len = path.len();
            path.push_str(&format!("/{i}"));
            let diff = first_difference(f, e, path);
            path.truncate(len);
            diff
        }),
        _ if values_equal(found, expected) => None,
        _ => Some(here(path)),
    }
}

/// The `id` of a record as a string (a non-string ID as its JSON text).
pub fn record_id(record: &Value) -> Option<String> {
    match record.get("id")? {
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Which records of an entity are compared: all of them when there are at most `size`, else the
/// `size` whose keyed hash of the ID under `seed` is smallest (a random sample the run's seed
/// reproduces, independent of file order), plus every record whose ID is in `include` (records
/// the harness created itself).
#[derive(Debug, Clone, Default)]
pub struct SampleSpec {
    /// Records sampled at least (all when fewer).
    pub size: usize,
    /// The run's seed.
    pub seed: u64,
    /// IDs always compared.
    pub include: HashSet<String>,
}

impl SampleSpec {
    /// The sample of [`COMPARED_RECORDS`] records under the run's `seed`, with `include`.
    pub fn new(seed: u64, include: HashSet<String>) -> Self {
        SampleSpec { size: COMPARED_RECORDS, seed, include }
    }

    /// The rank of a record ID in the sample: lower is kept first.
    fn rank(&self, id: &str) -> u64 {
        // FNV-1a over the ID, then SplitMix64 mixed with the seed: stable across builds and
        // platforms, so that the report's seed names the sample.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in id.as_bytes() {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut z = h ^ self.seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A record kept in a sample, ordered by rank (then ID, so that equal ranks are deterministic).
#[derive(Debug)]
struct Ranked {
    rank: u64,
    id: String,
    record: Value,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        (self.rank, &self.id) == (other.rank, &other.id)
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.rank, &self.id).cmp(&(other.rank, &other.id))
    }
}

/// Collects the sample of [`SampleSpec`] as records stream by: memory is bounded by `size`
/// records plus the included ones. Samplers of parts of one file merge into the sampler of the
/// whole.
#[derive(Debug)]
pub struct Sampler {
    spec: std::sync::Arc<SampleSpec>,
    /// The `size` lowest-ranked records so far (a max-heap: the top is dropped first).
    kept: BinaryHeap<Ranked>,
    included: Vec<Value>,
}

impl Sampler {
    /// An empty sampler.
    pub fn new(spec: std::sync::Arc<SampleSpec>) -> Self {
        Sampler { spec, kept: BinaryHeap::new(), included: Vec::new() }
    }

    /// Offers the record `record` whose ID is `id`.
    pub fn offer(&mut self, id: String, record: Value) {
        if self.spec.include.contains(&id) {
            self.included.push(record);
            return;
        }
        let rank = self.spec.rank(&id);
        if self.kept.len() >= self.spec.size && self.kept.peek().is_some_and(|top| (rank, &id) >= (top.rank, &top.id)) {
            return;
        }
        self.kept.push(Ranked { rank, id, record });
        if self.kept.len() > self.spec.size {
            self.kept.pop();
        }
    }

    /// Takes in another sampler of the same spec.
    pub fn merge(&mut self, other: Sampler) {
        self.included.extend(other.included);
        for r in other.kept {
            self.kept.push(r);
            if self.kept.len() > self.spec.size {
                self.kept.pop();
            }
        }
    }

    /// The sampled records: the included ones, then the rest by rank.
    pub fn into_records(self) -> Vec<Value> {
        let mut out = self.included;
        out.extend(self.kept.into_sorted_vec().into_iter().map(|r| r.record));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::Arc;

    /// A side named as it is in every language.
    fn v(side: &str) -> Message {
        Message::verbatim(side)
    }

    // See: issue 17 — a difference read back from a summary renders in the report's language.
    #[test]
    fn altered_items_keep_their_message_in_a_summary() {
        let why = hutong_model::msg!("migration-side-source");
        let diff = crate::migration::RecordDiff { altered: vec![("r1".into(), Described::new(why.clone()))], ..Default::default() };
        let summary = serde_json::to_value(&diff).unwrap();
        let item = summary["altered"][0].as_array().unwrap();
        assert_eq!((item[0].as_str(), item[1].as_str()), (Some("r1"), Some(why.en().as_str())), "id and English text as before");
        assert_eq!(altered_message(item, 300), why);
        assert_eq!(altered_message(&[json!("r1"), json!("abcdef")], 3).en(), "abc…", "a summary written before: its text, cut");
    }

    // See: issue 12, class 6: an export that Unicode-normalises text passed CM-02.
    #[test]
    fn strings_are_compared_byte_for_byte_without_normalisation() {
        let live = json!({"id": "p_1", "title": "Cafe\u{301} ３号"});
        let nfc = json!({"id": "p_1", "title": "Caf\u{e9} ３号"});
        let d = record_difference(&nfc, &live, &[]).expect("e\u{301} and \u{e9} differ");
        assert_eq!(d.pointer, "/title");
        let text = d.describe(v("the export"), v("the live API"));
        assert!(text.contains("U+00E9 U+0020 U+FF13 against U+0065 U+0301 U+0020"), "{text}");
        assert!(text.contains("at character 4"), "{text}");
        let nfkc = json!({"id": "p_1", "title": "Cafe\u{301} 3号"});
        assert!(record_difference(&nfkc, &live, &[]).expect("full-width digits differ").describe(v("a"), v("b")).contains("U+0033 U+53F7 against U+FF13"));
        assert!(record_difference(&live.clone(), &live, &[]).is_none());
    }

    #[test]
    fn timestamps_and_numbers_keep_their_precision() {
        let live = json!({"updated_at": "2025-08-23T14:05:09.123456+08:00", "price": 9_007_199_254_740_993u64});
        let rounded = json!({"updated_at": "2025-08-23T14:05:09+08:00", "price": 9_007_199_254_740_993u64});
        assert_eq!(record_difference(&rounded, &live, &[]).unwrap().pointer, "/updated_at");
        let in_utc = json!({"updated_at": "2025-08-23T06:05:09.123456Z", "price": 9_007_199_254_740_993u64});
        assert_eq!(record_difference(&in_utc, &live, &[]).unwrap().pointer, "/updated_at");
        let as_double = json!({"updated_at": "2025-08-23T14:05:09.123456+08:00", "price": 9_007_199_254_740_992.0});
        let d = record_difference(&as_double, &live, &[]).unwrap();
        assert_eq!(d.pointer, "/price");
        // Plain ASCII needs no code points.
        let plain = record_difference(&json!({"c": "tea"}), &json!({"c": "toys"}), &[]).unwrap().describe(v("x"), v("y"));
        assert_eq!(plain, r#"/c is "tea" in x, "toys" in y"#);
        assert_eq!(plain.message().render(hutong_model::Locale::Zh), r#"/c 在x中为 "tea"，在y中为 "toys""#);
        assert!(d.describe(v("x"), v("y")).contains("9007199254740993"), "{}", d.describe(v("x"), v("y")));
        // Numbers by value, member order irrelevant.
        assert!(values_equal(&json!({"a": 1, "b": 2.5}), &json!({"b": 2.50, "a": 1.0})));
        assert!(!values_equal(&json!([1, 2]), &json!([2, 1])));
    }

    #[test]
    fn missing_and_extra_members_are_named() {
        let d = record_difference(&json!({"id": "a"}), &json!({"id": "a", "stock": 3}), &[]).unwrap();
        assert_eq!((d.pointer.as_str(), d.found.clone(), d.expected.clone()), ("/stock", None, Some(json!(3))));
        assert!(d.describe(v("the export"), v("the live API")).starts_with("/stock is absent in the export, 3 in the live API"));
        let d = record_difference(&json!({"id": "a", "extra": true}), &json!({"id": "a"}), &[]).unwrap();
        assert_eq!(d.pointer, "/extra");
    }

    #[test]
    fn declared_volatile_scalars_are_skipped_and_nothing_else() {
        let live = json!({"id": "a", "stats": {"views": 7}, "title": "x"});
        let export = json!({"id": "a", "stats": {"views": 9}, "title": "x"});
        assert_eq!(record_difference(&export, &live, &[]).unwrap().pointer, "/stats/views");
        assert!(record_difference(&export, &live, &["/stats/views".to_string()]).is_none());
        // A pointer to an object hides nothing (OPIS §8.2 allows scalars only).
        assert_eq!(record_difference(&export, &live, &["/stats".to_string()]).unwrap().pointer, "/stats/views");
        let altered = json!({"id": "a", "stats": {"views": 9}, "title": "y"});
        assert_eq!(record_difference(&altered, &live, &["/stats/views".to_string()]).unwrap().pointer, "/title");
    }

    #[test]
    fn the_sample_is_seeded_bounded_order_free_and_keeps_included_records() {
        let include: HashSet<String> = ["r_0007".to_string()].into_iter().collect();
        let spec = Arc::new(SampleSpec { size: 10, seed: 42, include });
        let ids: Vec<String> = (0..500).map(|i| format!("r_{i:04}")).collect();
        let sample = |order: &mut dyn Iterator<Item = &String>, parts: usize| {
            let mut samplers: Vec<Sampler> = (0..parts).map(|_| Sampler::new(spec.clone())).collect();
            for (n, id) in order.enumerate() {
                samplers[n % parts].offer(id.clone(), json!({"id": id}));
            }
            let mut all = samplers.pop().unwrap();
            for s in samplers {
                all.merge(s);
            }
            let mut got: Vec<String> = all.into_records().iter().map(|r| record_id(r).unwrap()).collect();
            got.sort();
            got
        };
        let forward = sample(&mut ids.iter(), 1);
        assert_eq!(forward.len(), 11);
        assert!(forward.contains(&"r_0007".to_string()));
        assert_eq!(sample(&mut ids.iter().rev(), 3), forward, "independent of order and of the split over workers");
        let other_seed = Arc::new(SampleSpec { size: 10, seed: 43, include: HashSet::new() });
        let mut s = Sampler::new(other_seed);
        ids.iter().for_each(|id| s.offer(id.clone(), json!({"id": id})));
        let mut other: Vec<String> = s.into_records().iter().map(|r| record_id(r).unwrap()).collect();
        other.sort();
        let forward_sampled: Vec<String> = forward.iter().filter(|id| *id != "r_0007").cloned().collect();
        assert_eq!(forward_sampled.len(), 10);
        assert_ne!(other, forward_sampled, "another seed, another sample");
        // Fewer records than the size: every record.
        let mut small = Sampler::new(Arc::new(SampleSpec { size: 1000, seed: 1, include: HashSet::new() }));
        ids.iter().for_each(|id| small.offer(id.clone(), json!({"id": id})));
        assert_eq!(small.into_records().len(), 500);
    }
}
