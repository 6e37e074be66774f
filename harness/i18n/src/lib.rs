//! The messages people read, in English and in Chinese.
//!
//! A message is an ID and parameters ([`Message`], written with [`msg!`]); its text in each
//! language is a template in Project Fluent's syntax under `locales/<lang>/<area>.ftl`, rendered by
//! `fluent-bundle`. Findings carry their message, and `report.json` keeps the ID and the
//! parameters, so that any later tool can render them again in either language.
//!
//! Parameters are text, numbers or other messages (rendered in the same language first, which
//! is how a context is put before a finding). Text that came from the target or from another
//! program (a server's error, a JSON pointer, a key) stays as it came: only the sentence around
//! it is translated.
#![forbid(unsafe_code)]

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// The languages messages exist in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Locale {
    /// Both languages.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Zh];

    /// The language's code, which is also its folder under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh",
        }
    }

    /// The Fluent files of this language, as `(file name, text)`.
    pub fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Locale::En => embedded::EN,
            Locale::Zh => embedded::ZH,
        }
    }
}

/// A message: the ID of a template and its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The template's ID (a Fluent message ID, e.g. `discovery-not-json`).
    pub id: String,
    /// The template's parameters by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

/// A parameter of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// A number (counts select plural forms); whole numbers are written without a fraction.
    #[serde(serialize_with = "whole_or_fraction")]
    Number(f64),
    /// Text shown as it is, in every language.
    Text(String),
    /// Another message, rendered in the same language.
    Message(Message),
}

impl Message {
    /// The message `id` without parameters (add them with [`Message::arg`]).
    pub fn new(id: impl Into<String>) -> Self {
        Message { id: id.into(), args: BTreeMap::new() }
    }

    /// Adds (or replaces) the parameter `name`.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.insert(name.to_string(), value.into());
        self
    }

    /// Text that is the same in every language (a document's own words, a program's error),
    /// shown as it is. Prefer a template with the text as a parameter.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Message::new("verbatim").arg("text", text.into())
    }

    /// `context: self`, the context rendered in the same language.
    pub fn in_context(self, context: impl Into<Message>) -> Self {
        Message::new("in-context").arg("context", context.into()).arg("detail", self)
    }

    /// The message in `locale`. An unknown ID or a missing parameter never loses the message:
    /// what cannot be rendered is shown as the ID and its parameters (and reported by
    /// [`Message::render_checked`], which the tests use).
    pub fn render(&self, locale: Locale) -> String {
        match self.render_checked(locale) {
            Ok(s) => s,
            Err((s, _)) => s,
        }
    }

    /// The English text.
    pub fn en(&self) -> String {
        self.render(Locale::En)
    }

    /// The message in `locale`, or what could be rendered and the problems.
    pub fn render_checked(&self, locale: Locale) -> Result<String, (String, Vec<String>)> {
        let mut problems = Vec::new();
        let text = render_into(self, locale, &mut problems);
        if problems.is_empty() { Ok(text) } else { Err((text, problems)) }
    }

    /// The sentences of this message that have no template ([`Message::verbatim`] as the whole
    /// message, or as a part of `joined` or `in-context`, which add no words): shown as they are
    /// in every language. Verbatim text given to a template as one of its parameters (a server's
    /// error, a record's ID) is not counted: the sentence around it is the template's.
    pub fn verbatim_parts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        match self.id.as_str() {
            "verbatim" => {
                if let Some(Arg::Text(t)) = self.args.get("text") {
                    out.push(t.as_str());
                }
            }
            "joined" | "in-context" => {
                for a in self.args.values() {
                    if let Arg::Message(m) = a {
                        out.extend(m.verbatim_parts());
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// Applies `f` to every text parameter, nested messages included (redaction).
    pub fn map_text(&mut self, f: &dyn Fn(&str) -> String) {
        for a in self.args.values_mut() {
            match a {
                Arg::Text(t) => *t = f(t),
                Arg::Message(m) => m.map_text(f),
                Arg::Number(_) => {}
            }
        }
    }
}

fn render_into(m: &Message, locale: Locale, problems: &mut Vec<String>) -> String {
    let bundle = &BUNDLES[locale as usize];
    let Some(pattern) = bundle.get_message(&m.id).and_then(|fm| fm.value()) else {
        problems.push(format!("no template {:?} in {}", m.id, locale.code()));
        let args: Vec<String> = m.args.iter().map(|(k, v)| format!("{k}={}", arg_text(v, locale, problems))).collect();
        return format!("{} {}", m.id, args.join(" "));
    };
    let mut args = FluentArgs::new();
    for (k, v) in &m.args {
        match v {
            Arg::Number(n) => args.set(k.as_str(), FluentValue::from(*n)),
            other => args.set(k.as_str(), FluentValue::from(arg_text(other, locale, problems))),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
    problems.extend(errors.into_iter().map(|e| format!("{} ({}): {e}", m.id, locale.code())));
    text
}

fn arg_text(a: &Arg, locale: Locale, problems: &mut Vec<String>) -> String {
    match a {
        Arg::Number(n) => number_text(*n),
        Arg::Text(t) => t.clone(),
        Arg::Message(m) => render_into(m, locale, problems),
    }
}

/// `n` as a whole number, when it is one an `f64` holds exactly.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

fn whole_or_fraction<S: serde::Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    match whole(*n) {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(*n),
    }
}

/// A number as its parameter shows it when it is nested (whole numbers without a fraction).
fn number_text(n: f64) -> String {
    whole(n).map_or_else(|| n.to_string(), |i| i.to_string())
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| Locale::ALL.map(|l| build(l).0));

/// The bundle of `locale` and the problems met building it (a file that does not parse, an ID
/// defined twice): none in a correct build, which `tests/templates.rs` checks.
fn build(locale: Locale) -> (Bundle, Vec<String>) {
    let lang: unic_langid::LanguageIdentifier = locale.code().parse().expect("a valid language code");
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // No Unicode isolation marks around parameters: the reports are plain text, HTML and
    // Markdown, and the marks would show as invisible characters in copied text.
    bundle.set_use_isolating(false);
    let mut problems = Vec::new();
    for (name, text) in locale.files() {
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, errs)| {
            problems.extend(errs.iter().map(|e| format!("{}/{name}: {e:?}", locale.code())));
            r
        });
        if let Err(errs) = bundle.add_resource(resource) {
            problems.extend(errs.iter().map(|e| format!("{}/{name}: {e}", locale.code())));
        }
    }
    (bundle, problems)
}

/// The problems of the embedded templates: files that do not parse, IDs defined twice.
pub fn template_problems() -> Vec<String> {
    Locale::ALL.iter().flat_map(|l| build(*l).1).collect()
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}
impl From<Message> for Arg {
    fn from(v: Message) -> Self {
        Arg::Message(v)
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Number(v as f64)
            }
        }
        impl From<&$t> for Arg {
            fn from(v: &$t) -> Self {
                Arg::Number(*v as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f32, f64);

/// A [`Message`]: `msg!(ID, name = value, …)` with `ID` a string literal. Names are the template's variables
/// (`{ $name }`); values are text, numbers or messages.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// The messages as a list (`a, b, c`; `a、b、c` in Chinese), or `None` for none.
pub fn comma_listed(items: impl IntoIterator<Item = Message>) -> Option<Message> {
    items.into_iter().reduce(|first, next| Message::new("comma-listed").arg("first", first).arg("next", next))
}

/// The messages one after the other (`first; next; …`), or `None` for none.
pub fn joined(items: impl IntoIterator<Item = Message>) -> Option<Message> {
    items.into_iter().reduce(|first, next| Message::new("joined").arg("first", first).arg("next", next))
}

/// The English text.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

// Numbers of messages are counts and sizes, never NaN, so equality is an equivalence.
impl Eq for Arg {}
impl Eq for Message {}
