//! A self-contained HTML report: no external asset, inline CSS and JS allowed by a
//! Content-Security-Policy that names their hashes (so nothing injected could run). Verdict per
//! profile, a requirement table with filters, an evidence viewer and the trace to the policy
//! clauses, in English or Chinese. Every text from the report is escaped; the evidence is
//! embedded as JSON that cannot close its `<script>` element and is rendered with `textContent`.

use crate::escape::{html as esc, json_in_script};
use crate::lang::Lang;
use crate::policy;
use base64::Engine as _;
use hutong_model::{Outcome, Report};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const STYLE: &str = r#"
:root{--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--na:#6e7781;--line:#d0d7de;font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1f2328;line-height:1.45}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid var(--line)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.9rem}dl.meta dt{color:#59636e}dl.meta dd{margin:0;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.msg{max-width:28rem;word-break:break-word}
.o-pass,.v-conformant{color:var(--pass);font-weight:600}.o-fail,.v-not_conformant,.v-not_claimed{color:var(--fail);font-weight:600}
.o-error,.v-inconclusive{color:var(--error);font-weight:600}.o-not_applicable{color:var(--na)}
.filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin:.6rem 0}.filters input[type=search]{min-width:16rem}
button.ev{font:inherit;font-size:.8rem;border:1px solid var(--line);background:#f6f8fa;border-radius:4px;margin:1px;cursor:pointer}
#viewer{border:1px solid var(--line);border-radius:6px;padding:.6rem;min-height:3rem}
.exchange{border-top:1px solid var(--line);padding:.4rem 0}.exchange.decisive{background:#fff8c5}
.exchange pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.4rem;max-height:24rem;overflow:auto;font-size:.8rem;margin:.2rem 0}
.clause{margin:.4rem 0}.muted{color:#59636e;font-size:.85rem}
.overall{font-size:1.25rem;margin:.4rem 0;padding:.5rem .8rem;border-radius:6px;border:1px solid var(--line)}
.ov-conformant{background:#dafbe1}.ov-conformant_with_waivers,.ov-partial{background:#fff8c5}.ov-not_conformant,.ov-not_claimed{background:#ffebe9}.ov-inconclusive{background:#fff8c5}
.note{margin:.2rem 0;font-size:.9rem}.v-conformant_with_waivers,.v-partial{color:var(--error);font-weight:600}
ol.attention{padding-left:1.4rem;margin:.4rem 0}li.att{margin:.3rem 0 .6rem}.att-msg{margin:.15rem 0;max-height:7.5em;overflow:auto;word-break:break-word}
.att-foot{font-size:.85rem}.waived{background:#ddf4ff;border-radius:4px;padding:0 .3rem;font-size:.85rem}
.verdicts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.verdicts table{width:auto;flex:1 1 28rem}
"#;

const SCRIPT: &str = r##"
(function(){
"use strict";
var data=JSON.parse(document.getElementById("evidence-data").textContent);
var labels=JSON.parse(document.getElementById("labels").textContent);
var rows=Array.prototype.slice.call(document.querySelectorAll("#requirements tbody tr"));
var boxes=Array.prototype.slice.call(document.querySelectorAll("input[data-outcome]"));
var profile=document.getElementById("profile-filter");
var text=document.getElementById("text-filter");
var count=document.getElementById("shown-count");
function apply(){
  var on={};boxes.forEach(function(b){on[b.getAttribute("data-outcome")]=b.checked;});
  var p=profile.value,q=text.value.toLowerCase(),shown=0;
  rows.forEach(function(r){
    var ok=on[r.getAttribute("data-outcome")]&&(!p||r.getAttribute("data-profile")===p)&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);
    r.hidden=!ok;if(ok){shown++;}
  });
  count.textContent=labels.shown.replace("{n}",String(shown)).replace("{total}",String(rows.length));
}
boxes.forEach(function(b){b.addEventListener("change",apply);});
profile.addEventListener("change",apply);text.addEventListener("input",apply);
function el(tag,cls,txt){var e=document.createElement(tag);if(cls){e.className=cls;}if(txt!==undefined&&txt!==null){e.textContent=String(txt);}return e;}
function headers(list){return (list||[]).map(function(h){return h[0]+": "+h[1];}).join("\n");}
function body(b){if(!b){return "";}var t=b.text||"";if(b.truncated){t+="\n["+labels.truncated+", "+b.bytes+" bytes, sha256 "+b.sha256+"]";}return t;}
function show(ref){
  var viewer=document.getElementById("viewer");
  while(viewer.firstChild){viewer.removeChild(viewer.firstChild);}
  var hash=ref.indexOf("#/"),file=hash<0?ref:ref.slice(0,hash),index=hash<0?-1:parseInt(ref.slice(hash+2),10);
  viewer.appendChild(el("h3",null,file));
  var list=data[file];
  if(!list){viewer.appendChild(el("p","muted",labels.missing));return;}
  if(list.length===0){viewer.appendChild(el("p","muted",labels.none));}
  list.forEach(function(x,i){
    var d=el("div","exchange"+(i===index?" decisive":""));
    d.appendChild(el("strong",null,"#"+i+" "+x.method+" "+x.url+" → "+(x.status===null||x.status===undefined?"—":x.status)+" ("+x.elapsed_ms+" ms)"+(x.label?" · "+x.label:"")));
    if(x.error){d.appendChild(el("p","o-error",x.error));}
    if(x.redirects&&x.redirects.length){d.appendChild(el("p","muted",labels.redirects+": "+x.redirects.join(" → ")));}
    d.appendChild(el("div","muted",labels.request));
    d.appendChild(el("pre",null,headers(x.request_headers)+(x.request_body?"\n\n"+body(x.request_body):"")));
    d.appendChild(el("div","muted",labels.response));
    d.appendChild(el("pre",null,headers(x.response_headers)+(x.response_body?"\n\n"+body(x.response_body):"")));
    viewer.appendChild(d);
  });
  var target=viewer.querySelector(".decisive");
  if(target&&target.scrollIntoView){target.scrollIntoView({block:"nearest"});}
}
Array.prototype.slice.call(document.querySelectorAll("button.ev")).forEach(function(b){
  b.addEventListener("click",function(){show(b.getAttribute("data-ref"));var v=document.getElementById("evidence");if(v.scrollIntoView){v.scrollIntoView();}});
});
if(location.hash.indexOf("#ev=")===0){show(decodeURIComponent(location.hash.slice(4)));}
apply();
document.documentElement.setAttribute("data-ready","yes");
})();
"##;

/// Evidence embedded in the page above this size is cut down to the files that decided a fail or
/// an error (the others stay beside the report).
const EMBEDDED_EVIDENCE_MAX_BYTES: usize = 16 * 1024 * 1024;

fn embedded_evidence(report: &Report, evidence: &BTreeMap<String, serde_json::Value>) -> serde_json::Value {
    let all = serde_json::Value::Object(evidence.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
    if serde_json::to_vec(&all).map_or(0, |b| b.len()) <= EMBEDDED_EVIDENCE_MAX_BYTES {
        return all;
    }
    let decisive: std::collections::BTreeSet<&str> = report
        .requirements
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Fail | Outcome::Error))
        .flat_map(|r| r.evidence.iter().map(|e| e.split('#').next().unwrap_or(e)))
        .collect();
    serde_json::Value::Object(evidence.iter().filter(|(k, _)| decisive.contains(k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// A small bar chart of outcomes per profile, as inline SVG (presentation attributes only, so the
/// page's Content-Security-Policy needs no style exception): one stacked bar per profile.
fn outcome_chart(report: &Report, lang: Lang) -> String {
    const ROW: usize = 26;
    const LABEL: usize = 170;
    const BAR: usize = 300;
    let colours = [(Outcome::Pass, "#1a7f37"), (Outcome::Fail, "#cf222e"), (Outcome::Error, "#9a6700"), (Outcome::NotApplicable, "#afb8c1")];
    let height = ROW * report.profiles.len() + 24;
    let mut svg = format!(
        "<svg id=\"outcome-chart\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" font-size=\"12\" font-family=\"system-ui, sans-serif\">",
        esc(lang.pick("Outcomes per profile", "各配置结果分布")),
        w = LABEL + BAR + 10
    );
    for (i, p) in report.profiles.iter().enumerate() {
        let y = i * ROW;
        let t = p.totals;
        let _ = write!(svg, "<text x=\"0\" y=\"{}\" fill=\"#1f2328\">{}</text>", y + 16, p.profile);
        let total = t.requirements.max(1);
        let mut x = LABEL;
        for (o, colour) in colours {
            let n = match o {
                Outcome::Pass => t.pass,
                Outcome::Fail => t.fail,
                Outcome::Error => t.error,
                Outcome::NotApplicable => t.not_applicable,
            };
            if n == 0 {
                continue;
            }
            let w = (n * BAR).div_ceil(total).max(2);
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"18\" fill=\"{colour}\"><title>{} {}: {n}</title></rect>",
                y + 3,
                p.profile,
                lang.outcome(o)
            );
            x += w;
        }
    }
    let mut x = 0;
    for (o, colour) in colours {
        let label = lang.outcome(o);
        let _ = write!(svg, "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" fill=\"#59636e\">{label}</text>", height - 12, x + 14, height - 3);
        x += 28 + label.chars().map(|c| if c.is_ascii() { 7 } else { 13 }).sum::<usize>();
    }
    svg.push_str("</svg>\n");
    svg
}

fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
}

/// The report as a self-contained HTML page in `lang`, with the evidence files (name → JSON)
/// for the viewer.
pub fn html_report(report: &Report, evidence: &BTreeMap<String, serde_json::Value>, lang: Lang) -> String {
    let l = |en, zh| lang.pick(en, zh);
    let mut out = String::new();
    let platform = report.target.platform_name.as_deref().unwrap_or(l("unknown platform", "未知平台"));
    let title = format!("{} — {}", l("hutong certification report", "hutong 互通认证报告"), platform);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {}; img-src data:\">\n\
<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.html_tag(),
        csp_hash(STYLE),
        csp_hash(SCRIPT),
        esc(&title)
    );
    let overall = report.overall_verdict();
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<div id=\"overall\" class=\"overall ov-{}\"><span class=\"muted\">{}</span> <strong class=\"v-{}\">{}</strong> <span class=\"muted\">{}</span></div>",
        esc(&title),
        overall.as_str(),
        l("Overall verdict", "总体结论"),
        overall.as_str(),
        esc(lang.verdict(overall)),
        esc(&format!("{} · OPIS {} · {}", report.target.base_url, report.suite.opis_version, report.started_at.get(..10).unwrap_or(&report.started_at)))
    );
    if let Some(reference) = lang.builtin_reference(report) {
        let _ = writeln!(out, "<p class=\"note\">{}: {}</p>", l("Built-in reference platform", "内置参考平台"), esc(&reference));
    }
    if report.tag_filter.is_some() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", l("Partial run: supports no claim of conformance", "部分运行：不支持符合性声明"));
    }
    out.push_str("</header>\n");

    // What did not pass, first: each with its message, its policy clause and the exchange that
    // decided it one click away.
    let attention: Vec<&hutong_model::RequirementResult> = [Outcome::Fail, Outcome::Error]
        .into_iter()
        .flat_map(|o| report.requirements.iter().filter(move |r| r.counted_outcome() == o))
        .collect();
    if !attention.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"attention\">\n<h2>{} ({})</h2>{}\n<ol class=\"attention\">",
            l("Failed and undecided requirements", "不通过与无法判定的要求"),
            attention.len(),
            // A report written before messages had IDs has its messages in English only.
            if lang == Lang::Zh && attention.iter().any(|r| r.text.is_none()) { "\n<p class=\"muted\">说明文字为测试工具的英文原文。</p>" } else { "" }
        );
        for r in attention {
            let outcome = r.counted_outcome();
            let clauses: Vec<String> = r
                .policy
                .iter()
                .map(|p| match policy::clause(p) {
                    Some(c) => format!("{}{}", esc(&c.label), esc(lang.pick(c.heading_en, c.heading_zh))),
                    None => esc(p),
                })
                .collect();
            let decisive = match r.evidence.first() {
                Some(e) => format!("<button type=\"button\" class=\"ev\" data-ref=\"{}\">{}</button>", esc(e), l("Show the decisive exchange", "查看决定性请求")),
                None => format!("<span class=\"muted\">{}</span>", l("no exchange recorded", "未记录请求")),
            };
            let _ = writeln!(
                out,
                "<li class=\"att\" data-attention-id=\"{id}\"><div class=\"att-head\"><strong>{id}</strong> <span class=\"o-{o}\">{ol}</span>{w} {title}</div>\n<p class=\"att-msg\">{msg}</p>\n<div class=\"att-foot\"><span class=\"muted\">{pl}:</span> {clauses} · {decisive}</div></li>",
                id = esc(&r.id),
                o = outcome.as_str(),
                ol = lang.outcome(outcome),
                w = if report.waiver_for(&r.id).is_some() { format!(" <span class=\"waived\">{}</span>", lang.waived()) } else { String::new() },
                title = esc(lang.pick(&r.title_en, &r.title_zh)),
                msg = esc(&lang.message(&r.message, r.text.as_ref())),
                pl = l("Policy clause", "政策条款"),
                clauses = clauses.join("、"),
            );
        }
        out.push_str("</ol>\n</section>\n");
    }

    // Verdicts, with a chart of outcomes per profile.
    let _ = writeln!(
        out,
        "<section id=\"verdicts\">\n<h2>{}</h2>\n<div class=\"verdicts\">\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        l("Verdict per profile", "各配置结论"),
        l("Profile", "配置"),
        l("Verdict", "结论"),
        lang.outcome(Outcome::Pass),
        lang.outcome(Outcome::Fail),
        lang.outcome(Outcome::Error),
        lang.outcome(Outcome::NotApplicable)
    );
    for p in &report.profiles {
        let t = p.totals;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"v-{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            p.profile,
            p.verdict.as_str(),
            esc(&lang.verdict_of(p)),
            t.pass,
            t.fail,
            t.error,
            t.not_applicable
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str(&outcome_chart(report, lang));
    if let Some(h) = &report.history {
        let _ = writeln!(out, "<p class=\"note history\">{}</p>", esc(&lang.history_line(h)));
    }
    out.push_str("</div>\n");
    let limits = lang.limitations(report);
    if !limits.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"limitations\">", esc(l("Limited: comparisons that could not be made", "有限：未能进行的比较")));
        for item in limits {
            let _ = writeln!(out, "<li>{}</li>", esc(&item));
        }
        out.push_str("</ul>\n");
    }
    if !report.waivers.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p class=\"muted\">{}</p>\n<ul class=\"waivers\">",
            l("Waivers", "豁免"),
            l(
                "A waived requirement keeps its real outcome; a verdict that relies on a waiver is “conformant with waivers”, never plain conformant.",
                "被豁免的要求保留其实际结果；依赖豁免的结论为“符合（含豁免）”，而非“符合”。"
            )
        );
        for w in &report.waivers {
            let link = if w.link.starts_with("https://") || w.link.starts_with("http://") {
                format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", esc(&w.link))
            } else {
                esc(&w.link)
            };
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> — {} ({} {}, {} {}) {}</li>",
                esc(&w.requirement),
                esc(&w.reason),
                l("granted by", "批准方"),
                esc(&w.granted_by),
                l("expires", "到期"),
                esc(&w.expires),
                link
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");

    // The run.
    let _ = writeln!(out, "<section id=\"run\">\n<h2>{}</h2>\n<dl class=\"meta\">", l("The run", "运行信息"));
    let mut meta = |k: &str, v: &str| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
    };
    meta(l("Target", "目标"), &report.target.base_url);
    if let Some(reference) = lang.builtin_reference(report) {
        meta(l("Built-in reference platform", "内置参考平台"), &reference);
    }
    meta(l("Claimed profiles", "声明的配置"), &report.target.claimed_profiles.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "));
    meta(l("Selected profiles", "选定的配置"), &report.selected_profiles.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "));
    if let Some(tags) = &report.tag_filter {
        meta(l("Scenarios filtered by (partial run: supports no claim of conformance)", "场景筛选（部分运行：不支持符合性声明）"), tags);
    }
    meta(l("Suite", "套件"), &format!("OPIS {} · {}", report.suite.opis_version, report.suite.suite_hash));
    meta(l("Harness", "测试工具"), &format!("hutong {}", report.suite.harness_version));
    if let Some(digest) = &report.suite.judging_digest {
        meta(l("Judging code", "判定代码"), digest);
    }
    meta(l("Started", "开始"), &report.started_at);
    meta(l("Finished", "结束"), &report.finished_at);
    out.push_str("</dl>\n</section>\n");

    // Requirements with filters.
    let _ = writeln!(out, "<section id=\"requirements\">\n<h2>{}</h2>\n<div class=\"filters\">", l("Requirements", "要求"));
    for o in [Outcome::Fail, Outcome::Error, Outcome::Pass, Outcome::NotApplicable] {
        let _ = writeln!(
            out,
            "<label class=\"o-{0}\"><input type=\"checkbox\" data-outcome=\"{0}\" checked> {1}</label>",
            o.as_str(),
            lang.outcome(o)
        );
    }
    let _ = write!(out, "<label>{} <select id=\"profile-filter\"><option value=\"\">{}</option>", l("Profile", "配置"), l("all", "全部"));
    for p in &report.selected_profiles {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", p.name());
    }
    let _ = writeln!(
        out,
        "</select></label>\n<input type=\"search\" id=\"text-filter\" placeholder=\"{}\" aria-label=\"{}\">\n</div>\n<p id=\"shown-count\" class=\"muted\"></p>",
        l("Search ID, title, message", "搜索编号、标题、信息"),
        l("Search", "搜索")
    );
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>ID</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        l("Profile", "配置"),
        l("Level", "级别"),
        l("Title", "标题"),
        l("Outcome", "结果"),
        l("Policy clause", "政策条款"),
        l("Expected and seen", "预期与实际"),
        l("Evidence", "证据")
    );
    for r in &report.requirements {
        let clauses: Vec<String> = r
            .policy
            .iter()
            .map(|p| match policy::clause(p) {
                Some(c) => format!("<span title=\"{}\">{}</span>", esc(&format!("{} {}", c.heading_zh, c.heading_en)), esc(&c.label)),
                None => esc(p),
            })
            .collect();
        let mut refs: Vec<String> = r.evidence.clone();
        for s in &r.scenarios {
            if let Some(f) = &s.evidence
                && !refs.iter().any(|x| x.split('#').next() == Some(f.as_str()))
            {
                refs.push(f.clone());
            }
        }
        let buttons: String = refs
            .iter()
            .map(|f| {
                let short = f.trim_start_matches("evidence/").replace(".json#/", " #");
                format!("<button type=\"button\" class=\"ev\" data-ref=\"{}\">{}</button>", esc(f), esc(short.trim_end_matches(".json")))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr data-outcome=\"{}\" data-profile=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"o-{}\">{}</td><td>{}</td><td class=\"msg\">{}</td><td>{}</td></tr>",
            r.outcome.as_str(),
            r.profile,
            esc(&r.id),
            r.profile,
            r.level,
            esc(lang.pick(&r.title_en, &r.title_zh)),
            r.outcome.as_str(),
            if report.waiver_for(&r.id).is_some() { format!("{} · <span class=\"waived\">{}</span>", lang.outcome(r.outcome), lang.waived()) } else { lang.outcome(r.outcome).to_string() },
            clauses.join(""),
            esc(&lang.message(&r.message, r.text.as_ref())),
            buttons
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");

    // Evidence viewer.
    let _ = writeln!(
        out,
        "<section id=\"evidence\">\n<h2>{}</h2>\n<div id=\"viewer\"><p class=\"muted\">{}</p></div>\n</section>",
        l("Evidence", "证据"),
        l(
            "Choose an evidence button in the table (or open the page with #ev=FILE). The exchange that decided a failing requirement is highlighted; credentials are redacted.",
            "点击表中的证据按钮查看（或以 #ev=文件 打开本页）。决定不通过结果的请求会被高亮；凭据均已脱敏。"
        )
    );

    // Trace to the policy.
    let _ = writeln!(
        out,
        "<section id=\"policy\">\n<h2>{}</h2>\n<p class=\"muted\">{}</p>",
        l("Trace to the policy", "政策条款追溯"),
        l(
            "Clauses of “Several Opinions on Promoting the Standardized, Healthy and Sustainable Development of the Platform Economy” (2022) the requirements trace to.",
            "各要求所依据的《关于推动平台经济规范健康持续发展的若干意见》条款。"
        )
    );
    let mut by_clause: BTreeMap<usize, (policy::Clause, Vec<&str>)> = BTreeMap::new();
    for r in &report.requirements {
        for p in &r.policy {
            if let Some(c) = policy::clause(p) {
                by_clause.entry(c.number).or_insert_with(|| (c, Vec::new())).1.push(&r.id);
            }
        }
    }
    for (clause, ids) in by_clause.values() {
        let _ = writeln!(
            out,
            "<div class=\"clause\"><strong>{}{}</strong> <span class=\"muted\">{}</span>: {}</div>",
            esc(&clause.label),
            esc(clause.heading_zh),
            esc(clause.heading_en),
            esc(&ids.join(", "))
        );
    }
    out.push_str("</section>\n");

    let t = report.totals;
    let _ = writeln!(out, "<footer class=\"muted\"><p>{}</p></footer>", lang.totals_line(&t));
    let labels = serde_json::json!({
        "shown": l("{n} of {total} requirements shown", "显示 {n} / {total} 项要求"),
        "truncated": l("excerpt", "节选"),
        "missing": l("This evidence file is not embedded in the page (too much evidence): open it beside report.json", "该证据文件未嵌入本页（证据过多），请在 report.json 旁查看"),
        "none": l("No HTTP exchange was recorded", "未记录 HTTP 请求"),
        "redirects": l("redirects", "重定向"),
        "request": l("Request", "请求"),
        "response": l("Response", "响应"),
    });
    let evidence_value = embedded_evidence(report, evidence);
    let _ = write!(
        out,
        "<script type=\"application/json\" id=\"evidence-data\">{}</script>\n<script type=\"application/json\" id=\"labels\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        json_in_script(&evidence_value),
        json_in_script(&labels)
    );
    out
}
