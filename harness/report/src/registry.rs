//! The public registry of `hutong index`: from signed run directories, a static bilingual site
//! (`index.html`, `index.zh.html`), `index.json`, an SVG badge per platform and profile, and each
//! verified run under `runs/<id>/`.
//!
//! Only verified bytes are published: a run's `report.json`, its signature and the evidence files
//! it lists are copied into the site first and verified there ([`crate::sign::verify_report`]:
//! signature, evidence digests, suite hash, judging-code digest), so what was checked is what is
//! served; a run that does not verify is removed from the site and returned, named by its
//! directory, with its problems. The run's human-readable pages (`report.html`, `report.zh.html`,
//! `report.csv`) are rebuilt from the verified `report.json`, never copied (they are not signed).
//! The pages embed only the evidence of what did not pass; every evidence file is published
//! beside them.
//!
//! Every page is self-contained and makes no request: a Content-Security-Policy of
//! `default-src 'none'` with the hash of its one style sheet, badges drawn inline.

use crate::escape::{html as esc, xml};
use crate::lang::Lang;
use crate::sign::{self, VerifyingKey};
use base64::Engine as _;
use hutong_model::{Outcome, ProfileVerdict, Report, Waiver};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// Format tag of `index.json`.
pub const INDEX_FORMAT: &str = "hutong-index-1";

/// The site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// A file or directory of the site could not be created or written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// `index.json` could not be serialised.
    #[error("cannot serialise index.json: {0}")]
    Serialise(#[from] serde_json::Error),
}

/// What the site is checked against: the harness's own suite.
#[derive(Debug, Clone, Copy)]
pub struct RegistryCheck<'a> {
    /// The public key every run must be signed with.
    pub key: &'a VerifyingKey,
    /// This harness's suite hash.
    pub suite_hash: &'a str,
    /// This harness's judging-code digest.
    pub judging_digest: &'a str,
    /// RFC 3339 time written into `index.json`.
    pub generated_at: &'a str,
}

/// A run that was not published, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The run directory as given.
    pub dir: PathBuf,
    /// What did not verify.
    pub problems: Vec<String>,
}

/// What [`build_site`] did.
#[derive(Debug, Clone, Default)]
pub struct SiteSummary {
    /// Runs published, by their id in the site.
    pub listed: Vec<String>,
    /// Platforms listed.
    pub platforms: usize,
    /// Runs rejected.
    pub rejected: Vec<Rejected>,
}

/// `index.json`.
#[derive(Debug, Serialize)]
struct Index {
    format: &'static str,
    generated_at: String,
    key_id: String,
    suite_hash: String,
    judging_digest: String,
    platforms: Vec<PlatformEntry>,
}

#[derive(Debug, Serialize)]
struct PlatformEntry {
    id: String,
    name: String,
    base_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    builtin_reference: Option<String>,
    latest_run: String,
    profiles: Vec<ProfileEntry>,
    runs: Vec<RunEntry>,
}

#[derive(Debug, Clone, Serialize)]
struct ProfileEntry {
    profile: String,
    verdict: ProfileVerdict,
    limited: bool,
    /// Start of the earliest run of the unbroken series of latest runs with this verdict.
    since: String,
    badge: String,
}

#[derive(Debug, Clone, Serialize)]
struct RunEntry {
    id: String,
    started_at: String,
    finished_at: String,
    opis_version: String,
    suite_hash: String,
    harness_version: String,
    verdict: ProfileVerdict,
    partial: bool,
    profiles: Vec<RunProfile>,
    waivers: Vec<Waiver>,
    links: Links,
}

#[derive(Debug, Clone, Serialize)]
struct RunProfile {
    profile: String,
    verdict: ProfileVerdict,
    limited: bool,
}

#[derive(Debug, Clone, Serialize)]
struct Links {
    report_json: String,
    signature: String,
    html_en: String,
    html_zh: String,
    csv: String,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RegistryError + '_ {
    move |source| RegistryError::Io { path: path.to_path_buf(), source }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), RegistryError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::write(path, bytes).map_err(io(path))
}

/// A name made of `[a-z0-9-]`, at most 40 characters, never empty.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "run".to_string() } else { out }
}

/// Copies `from` to `to`: a hard link when the file system allows it (runs are large and the
/// site is usually beside them), otherwise a copy.
fn link_or_copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let _ = std::fs::remove_file(to);
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("{}: {e}", from.display()))
}

/// Copies run `dir` into `stage`: the report, its signature and the evidence files it lists,
/// whose paths must stay inside the run. Returns what could not be copied.
fn stage_run(dir: &Path, stage: &Path) -> Result<(), Vec<String>> {
    let report_path = dir.join(crate::REPORT_FILE);
    let bytes = std::fs::read(&report_path).map_err(|e| vec![format!("report.json: cannot read: {e}")])?;
    let report: Report = serde_json::from_slice(&bytes).map_err(|e| vec![format!("report.json: not a hutong report: {e}")])?;
    let mut problems = Vec::new();
    let mut files = vec![crate::REPORT_FILE.to_string(), format!("{}{}", crate::REPORT_FILE, sign::SIGNATURE_SUFFIX)];
    for e in &report.evidence {
        let rel = Path::new(&e.path);
        if rel.is_absolute() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            problems.push(format!("evidence {}: path outside the report directory", e.path));
        } else {
            files.push(e.path.clone());
        }
    }
    for f in files {
        if let Err(e) = link_or_copy(&dir.join(&f), &stage.join(&f)) {
            problems.push(format!("{f}: cannot read: {e}"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// The evidence files that decided a `fail` or an `error` of `report` in `dir`, for the pages.
fn decisive_evidence(report: &Report, dir: &Path) -> BTreeMap<String, serde_json::Value> {
    let files: BTreeSet<&str> = report
        .requirements
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Fail | Outcome::Error))
        .flat_map(|r| r.evidence.iter().map(|e| e.split('#').next().unwrap_or(e)))
        .collect();
    files
        .into_iter()
        .filter(|f| report.evidence.iter().any(|e| e.path == *f))
        .filter_map(|f| Some((f.to_string(), serde_json::from_slice(&std::fs::read(dir.join(f)).ok()?).ok()?)))
        .collect()
}

/// Verifies every run of `runs` against `check` and writes the site into `out`, replacing a site
/// written there before. Returns what was listed and what was rejected; an error only when the
/// site itself cannot be written.
pub fn build_site(runs: &[PathBuf], check: RegistryCheck<'_>, out: &Path) -> Result<SiteSummary, RegistryError> {
    let runs_dir = out.join("runs");
    // A previous site in `out` is replaced whole (only when `index.json` says it is one, so that
    // no other directory's contents are removed).
    if std::fs::read_to_string(out.join("index.json")).is_ok_and(|t| t.contains(INDEX_FORMAT)) {
        for old in [runs_dir.clone(), out.join("badges")] {
            if old.exists() {
                std::fs::remove_dir_all(&old).map_err(io(&old))?;
            }
        }
    }
    std::fs::create_dir_all(&runs_dir).map_err(io(&runs_dir))?;
    let mut summary = SiteSummary::default();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut verified: Vec<(String, Report)> = Vec::new();
    let site = out.canonicalize().map_err(io(out))?;
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    for dir in runs {
        // The same run given twice is listed once.
        if let Ok(canonical) = dir.canonicalize()
            && !seen.insert(canonical)
        {
            continue;
        }
        if dir.canonicalize().is_ok_and(|d| d.starts_with(&site) || site.starts_with(&d)) {
            summary.rejected.push(Rejected { dir: dir.clone(), problems: vec!["the run directory and the site directory overlap".to_string()] });
            continue;
        }
        let base = slug(&dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        let mut id = base.clone();
        let mut n = 1;
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        let stage = runs_dir.join(&id);
        let _ = std::fs::remove_dir_all(&stage);
        let problems = match stage_run(dir, &stage) {
            Err(problems) => problems,
            Ok(()) => {
                let v = sign::verify_report(&stage.join(crate::REPORT_FILE), check.key, check.suite_hash, check.judging_digest);
                let shown = stage.display().to_string();
                v.problems.iter().map(|p| p.replace(&shown, &dir.display().to_string())).collect()
            }
        };
        let report = if problems.is_empty() {
            std::fs::read(stage.join(crate::REPORT_FILE))
                .ok()
                .and_then(|b| serde_json::from_slice::<Report>(&b).ok())
                .ok_or_else(|| vec!["report.json: changed while being published".to_string()])
        } else {
            Err(problems)
        };
        match report {
            Ok(report) => {
                let evidence = decisive_evidence(&report, &stage);
                write(&stage.join("report.html"), crate::html_report(&report, &evidence, Lang::En).as_bytes())?;
                write(&stage.join("report.zh.html"), crate::html_report(&report, &evidence, Lang::Zh).as_bytes())?;
                write(&stage.join("report.csv"), crate::requirements_csv(&report, Lang::En).as_bytes())?;
                summary.listed.push(id.clone());
                verified.push((id, report));
            }
            Err(problems) => {
                let _ = std::fs::remove_dir_all(&stage);
                used.remove(&id);
                summary.rejected.push(Rejected { dir: dir.clone(), problems });
            }
        }
    }

    // Platforms: one per (name, base URL), latest run first.
    let mut by_platform: BTreeMap<(String, String), Vec<(String, Report)>> = BTreeMap::new();
    for (id, report) in verified {
        let name = report.target.platform_name.clone().unwrap_or_else(|| "unknown platform".to_string());
        by_platform.entry((name, report.target.base_url.clone())).or_default().push((id, report));
    }
    let mut platforms = Vec::new();
    let mut badges: BTreeMap<String, String> = BTreeMap::new();
    for ((name, base_url), mut runs) in by_platform {
        runs.sort_by(|a, b| b.1.started_at.cmp(&a.1.started_at).then_with(|| a.0.cmp(&b.0)));
        let platform_id = format!("{}-{}", slug(&name), &hex::encode(Sha256::digest(format!("{name}\n{base_url}").as_bytes()))[..8]);
        let latest = &runs[0].1;
        let profiles = latest
            .profiles
            .iter()
            .map(|p| {
                let since = runs
                    .iter()
                    .take_while(|(_, r)| r.profiles.iter().any(|q| q.profile == p.profile && q.verdict == p.verdict))
                    .last()
                    .map_or(latest.started_at.clone(), |(_, r)| r.started_at.clone());
                let badge = format!("badges/{platform_id}/{}.svg", p.profile.name());
                badges.insert(badge.clone(), badge_svg(p.profile.name(), p.verdict, !p.limitations.is_empty()));
                ProfileEntry { profile: p.profile.name().to_string(), verdict: p.verdict, limited: !p.limitations.is_empty(), since, badge }
            })
            .collect();
        let run_entries = runs
            .iter()
            .map(|(id, r)| RunEntry {
                id: id.clone(),
                started_at: r.started_at.clone(),
                finished_at: r.finished_at.clone(),
                opis_version: r.suite.opis_version.clone(),
                suite_hash: r.suite.suite_hash.clone(),
                harness_version: r.suite.harness_version.clone(),
                verdict: r.overall_verdict(),
                partial: r.is_partial(),
                profiles: r.profiles.iter().map(|p| RunProfile { profile: p.profile.name().to_string(), verdict: p.verdict, limited: !p.limitations.is_empty() }).collect(),
                waivers: r.waivers.clone(),
                links: Links {
                    report_json: format!("runs/{id}/report.json"),
                    signature: format!("runs/{id}/report.json.sig"),
                    html_en: format!("runs/{id}/report.html"),
                    html_zh: format!("runs/{id}/report.zh.html"),
                    csv: format!("runs/{id}/report.csv"),
                },
            })
            .collect();
        platforms.push(PlatformEntry {
            id: platform_id,
            builtin_reference: latest.target.builtin_reference.clone(),
            name,
            base_url,
            latest_run: runs[0].0.clone(),
            profiles,
            runs: run_entries,
        });
    }
    platforms.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
    summary.platforms = platforms.len();
    let index = Index {
        format: INDEX_FORMAT,
        generated_at: check.generated_at.to_string(),
        key_id: sign::key_id(check.key),
        suite_hash: check.suite_hash.to_string(),
        judging_digest: check.judging_digest.to_string(),
        platforms,
    };
    for (path, svg) in &badges {
        write(&out.join(path), svg.as_bytes())?;
    }
    let mut json = serde_json::to_vec_pretty(&index)?;
    json.push(b'\n');
    write(&out.join("index.json"), &crate::escape_markup(&json))?;
    write(&out.join("index.html"), index_page(&index, &badges, Lang::En).as_bytes())?;
    write(&out.join("index.zh.html"), index_page(&index, &badges, Lang::Zh).as_bytes())?;
    Ok(summary)
}

fn verdict_colour(v: ProfileVerdict) -> &'static str {
    match v {
        ProfileVerdict::Conformant => "#2c8a3e",
        ProfileVerdict::ConformantWithWaivers => "#7a8b1f",
        ProfileVerdict::Partial | ProfileVerdict::Inconclusive => "#9a6700",
        ProfileVerdict::NotConformant | ProfileVerdict::NotClaimed => "#c62a2f",
    }
}

/// A badge: `OPIS <profile>` on the left, the verdict on the right (English, as badges are
/// embedded in READMEs of any language), widths estimated from the text.
fn badge_svg(profile: &str, verdict: ProfileVerdict, limited: bool) -> String {
    let left = format!("OPIS {profile}");
    let right = format!("{}{}", Lang::En.verdict(verdict), if limited { ", limited" } else { "" });
    let width = |s: &str| 10 + s.chars().count() * 7;
    let (lw, rw) = (width(&left), width(&right));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>\
<rect width=\"{lw}\" height=\"20\" fill=\"#555\"/><rect x=\"{lw}\" width=\"{rw}\" height=\"20\" fill=\"{colour}\"/>\
<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\"><text x=\"5\" y=\"14\">{l}</text><text x=\"{rx}\" y=\"14\">{r}</text></g></svg>\n",
        w = lw + rw,
        label = xml(&format!("{left}: {right}")),
        colour = verdict_colour(verdict),
        l = xml(&left),
        r = xml(&right),
        rx = lw + 5,
    )
}

const STYLE: &str = r#"
:root{--line:#d0d7de;font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1f2328;line-height:1.45}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.4rem;border-bottom:1px solid var(--line)}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.muted{color:#59636e;font-size:.85rem}details{font-size:.85rem}
.pv{display:flex;gap:.5rem;align-items:center;margin:.15rem 0}.pv svg{display:block}
.lang{float:right}
"#;

fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
}

fn index_page(index: &Index, badges: &BTreeMap<String, String>, lang: Lang) -> String {
    let l = |en, zh| lang.pick(en, zh);
    let mut out = String::new();
    let title = l("OPIS certification registry", "OPIS 互通认证名录");
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n\
<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.html_tag(),
        csp_hash(STYLE),
    );
    let other = match lang {
        Lang::En => "<a class=\"lang\" href=\"index.zh.html\" hreflang=\"zh-CN\">中文</a>",
        Lang::Zh => "<a class=\"lang\" href=\"index.html\" hreflang=\"en\">English</a>",
    };
    let runs: usize = index.platforms.iter().map(|p| p.runs.len()).sum();
    let _ = writeln!(
        out,
        "<header>{other}<h1>{title}</h1>\n<p class=\"muted\">{}: {} · {}: {} · {}: {} · {}: <code>{}</code> · {} <a href=\"index.json\">index.json</a></p></header>",
        l("Platforms", "平台"),
        index.platforms.len(),
        l("verified runs", "已验证的运行"),
        runs,
        l("generated", "生成于"),
        esc(&index.generated_at),
        l("signing key", "签名密钥"),
        esc(&index.key_id),
        l("machine-readable:", "机器可读："),
    );
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p>",
        l(
            "Every run listed here was verified before publication: its Ed25519 signature, the SHA-256 of each evidence file, and the suite it was judged by. Check one yourself with hutong verify runs/ID --key KEY.pub.",
            "此处列出的每次运行在发布前均已验证：Ed25519 签名、每个证据文件的 SHA-256 以及判定所用的套件。可用 hutong verify runs/ID --key KEY.pub 自行核验。"
        )
    );
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        l("Platform", "平台"),
        l("Profile, verdict and since when", "配置、结论及起始日期"),
        l("Latest run", "最近一次运行"),
        l("Waivers", "豁免"),
        l("Reports", "报告"),
    );
    for p in &index.platforms {
        let latest = p.runs.first();
        let badges_html: String = p
            .profiles
            .iter()
            .map(|e| {
                let svg = badges.get(&e.badge).map(String::as_str).unwrap_or_default();
                let label = format!("{}: {}{}", e.profile, lang.verdict(e.verdict), if e.limited { l(", limited", "（有限）") } else { "" });
                format!(
                    "<div class=\"pv\"><a href=\"{}\" title=\"{}\">{}</a><span class=\"muted\">{} · {} {}</span></div>",
                    esc(&e.badge),
                    esc(&label),
                    svg.trim_end(),
                    esc(&label),
                    l("since", "自"),
                    esc(e.since.get(..10).unwrap_or(&e.since))
                )
            })
            .collect();
        let waivers: String = latest
            .map(|r| {
                r.waivers
                    .iter()
                    .map(|w| format!("<div><strong>{}</strong> {} ({} {}, {} {})</div>", esc(&w.requirement), esc(&w.reason), l("granted by", "批准方"), esc(&w.granted_by), l("until", "有效至"), esc(&w.expires)))
                    .collect()
            })
            .unwrap_or_default();
        let links = |r: &RunEntry| {
            format!(
                "<a href=\"{}\">{}</a> · <a href=\"{}\">{}</a> · <a href=\"{}\">JSON</a> · <a href=\"{}\">{}</a> · <a href=\"{}\">CSV</a>",
                esc(&r.links.html_en),
                "English",
                esc(&r.links.html_zh),
                "中文",
                esc(&r.links.report_json),
                esc(&r.links.signature),
                l("signature", "签名"),
                esc(&r.links.csv)
            )
        };
        let history = if p.runs.len() > 1 {
            let rows: String = p
                .runs
                .iter()
                .skip(1)
                .map(|r| format!("<li>{} · {} · OPIS {} · {}</li>", esc(&r.started_at), esc(lang.verdict(r.verdict)), esc(&r.opis_version), links(r)))
                .collect();
            format!("<details><summary>{} ({})</summary><ul>{rows}</ul></details>", l("Earlier runs", "更早的运行"), p.runs.len() - 1)
        } else {
            String::new()
        };
        let reference = if p.builtin_reference.is_some() { format!("<div class=\"muted\">{}</div>", l("hutong's built-in reference platform", "hutong 内置参考平台")) } else { String::new() };
        let _ = writeln!(
            out,
            "<tr id=\"{}\"><td><strong>{}</strong><div class=\"muted\">{}</div>{reference}</td><td>{badges_html}</td><td>{}<div class=\"muted\">OPIS {} · hutong {}</div></td><td>{waivers}</td><td>{}{history}</td></tr>",
            esc(&p.id),
            esc(&p.name),
            esc(&p.base_url),
            esc(latest.map_or("", |r| r.started_at.as_str())),
            esc(latest.map_or("", |r| r.opis_version.as_str())),
            esc(latest.map_or("", |r| r.harness_version.as_str())),
            latest.map(links).unwrap_or_default(),
        );
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_and_never_empty() {
        assert_eq!(slug("Hutong Reference Mall"), "hutong-reference-mall");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("互通"), "run");
    }

    #[test]
    fn badges_escape_their_text() {
        let svg = badge_svg("<core>", ProfileVerdict::ConformantWithWaivers, true);
        assert!(svg.contains("conformant with waivers, limited") && !svg.contains("<core>"), "{svg}");
    }
}
