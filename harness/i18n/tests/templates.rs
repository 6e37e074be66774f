//! The templates are whole and agree with the code: every file parses, every ID exists in both
//! languages with the same variables, every message the harness writes (`msg!("id", name = …)`)
//! names a template with exactly those variables, and no template is left unused.

use fluent_syntax::ast;
use hutong_i18n::{msg, template_problems, Locale, Message};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Templates = BTreeMap<String, BTreeSet<String>>;

fn variables_of_pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            variables_of_expression(expression, out);
        }
    }
}

fn variables_of_expression(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            variables_of_inline(selector, out);
            for v in variants {
                variables_of_pattern(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => variables_of_inline(i, out),
    }
}

fn variables_of_inline(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                variables_of_inline(a, out);
            }
            for a in &arguments.named {
                variables_of_inline(&a.value, out);
            }
        }
        _ => {}
    }
}

/// Message ID → variables, per file name, of one language.
fn templates(locale: Locale) -> BTreeMap<String, Templates> {
    let mut files = BTreeMap::new();
    for (name, text) in locale.files() {
        let resource = fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, e)| panic!("{}/{name} does not parse: {e:?}", locale.code()));
        let mut t = Templates::new();
        for entry in &resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables_of_pattern(p, &mut vars);
                }
                assert!(m.value.is_some(), "{}/{name}: {} has no value", locale.code(), m.id.name);
                t.insert(m.id.name.to_string(), vars);
            }
        }
        files.insert(name.to_string(), t);
    }
    files
}

fn all_templates(locale: Locale) -> Templates {
    templates(locale).into_values().flatten().collect()
}

#[test]
fn templates_build_without_problems() {
    let problems = template_problems();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn both_languages_have_the_same_files_ids_and_variables() {
    let en = templates(Locale::En);
    let zh = templates(Locale::Zh);
    assert_eq!(en.keys().collect::<Vec<_>>(), zh.keys().collect::<Vec<_>>(), "the same files under locales/en and locales/zh");
    let mut problems = Vec::new();
    for (file, en_t) in &en {
        let zh_t = &zh[file];
        for (id, vars) in en_t {
            match zh_t.get(id) {
                None => problems.push(format!("{file}: {id} has no Chinese template")),
                Some(zv) if zv != vars => problems.push(format!("{file}: {id} uses {vars:?} in English but {zv:?} in Chinese")),
                _ => {}
            }
        }
        for id in zh_t.keys().filter(|id| !en_t.contains_key(*id)) {
            problems.push(format!("{file}: {id} has no English template"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "target") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The text of a macro call from just after `msg!(` to its closing parenthesis, and its
/// top-level arguments (split at commas outside strings and brackets).
fn call_arguments(src: &str) -> (&str, Vec<&str>) {
    let bytes = src.as_bytes();
    let (mut depth, mut i, mut in_str, mut start) = (0i32, 0usize, false, 0usize);
    let mut parts = Vec::new();
    while i < bytes.len() {
        let c = bytes[i];
        if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => break,
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => {
                    parts.push(&src[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        i += 1;
    }
    let end = i.min(src.len());
    parts.push(&src[start..end]);
    (&src[..end], parts)
}

/// The `name =` of a macro call's arguments after the first (the ID).
fn named_args(parts: &[&str]) -> BTreeSet<String> {
    let re = regex::Regex::new(r"^\s*([a-z_][a-z0-9_]*)\s*=[^=]").unwrap();
    parts.iter().skip(1).filter_map(|p| re.captures(p).map(|c| c[1].to_string())).collect()
}

#[test]
fn every_message_of_the_code_has_its_template_and_every_template_is_used() {
    let en = all_templates(Locale::En);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..");
    let mut files = Vec::new();
    for dir in ["harness", "fixtures/hostile"] {
        rust_files(&root.join(dir), &mut files);
    }
    let call = regex::Regex::new(r#"msg!\(\s*"([a-z0-9-]+)""#).unwrap();
    let new = regex::Regex::new(r#"Message::new\(\s*"([a-z0-9-]+)""#).unwrap();
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for f in &files {
        if f.ends_with("i18n/tests/templates.rs") {
            continue;
        }
        let src = std::fs::read_to_string(f).unwrap();
        for c in call.captures_iter(&src) {
            let id = c[1].to_string();
            let whole = c.get(0).unwrap();
            let (_, parts) = call_arguments(&src[whole.start() + "msg!(".len()..]);
            let args = named_args(&parts);
            match en.get(&id) {
                None => problems.push(format!("{}: msg!({id:?}) has no template", f.display())),
                Some(vars) if *vars != args => problems.push(format!("{}: msg!({id:?}) gives {args:?}, its template uses {vars:?}", f.display())),
                _ => {}
            }
            used.insert(id);
        }
        for c in new.captures_iter(&src) {
            let id = c[1].to_string();
            if !en.contains_key(&id) {
                problems.push(format!("{}: Message::new({id:?}) has no template", f.display()));
            }
            used.insert(id);
        }
    }
    for id in en.keys().filter(|id| !used.contains(*id)) {
        problems.push(format!("template {id} is used by no code"));
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn a_message_renders_in_both_languages_with_nested_messages_and_numbers() {
    let m = msg!("verbatim", text = "x").in_context(msg!("verbatim", text = "step"));
    assert_eq!(m.render(Locale::En), "step: x");
    assert_eq!(m.render(Locale::Zh), "step：x");
    let json = serde_json::to_string(&m).unwrap();
    let back: Message = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m, "{json}");
    let n = Message::new("verbatim").arg("text", 3u64);
    assert_eq!(n.render(Locale::En), "3");
}

#[test]
fn an_unknown_id_or_missing_parameter_is_reported_and_the_message_kept() {
    let (text, problems) = Message::new("no-such-template").arg("a", "b").render_checked(Locale::Zh).unwrap_err();
    assert!(text.contains("no-such-template") && text.contains("a=b"), "{text}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (_, problems) = Message::new("verbatim").render_checked(Locale::En).unwrap_err();
    assert!(!problems.is_empty());
}

#[test]
fn the_scanner_reads_names_past_strings_brackets_and_comparisons() {
    let src = r#""x-id", a = f(b, "),(" ), c = v[1] == 2, d = Some(1)) tail"#;
    let (call, parts) = call_arguments(src);
    assert!(call.ends_with("Some(1)"), "{call}");
    assert_eq!(named_args(&parts).into_iter().collect::<Vec<_>>(), ["a", "c", "d"]);
}
