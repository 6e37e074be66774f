//! One certification run: read discovery, run the selected features concurrently against the
//! target, and turn scenario results into the canonical report.

pub mod features;
#[macro_use]
pub mod world;

use crate::target::ResolvedCredential;
use cucumber::event::{ScenarioFinished, StepError};
use cucumber::{World as _, WriterExt as _};
use futures::FutureExt as _;
use hutong_checks::corpus::Corpus;
use hutong_checks::discovery::{Discovery, WELL_KNOWN_PATH};
use hutong_http::{ClientConfig, Exchange, HttpClient, Limits, Recorder, Redactor};
use hutong_model::{msg, Message, 
    Finding, NotApplicableReason, Outcome, ProfileResult, Report, RequirementResult, ScenarioResult, SuiteInfo, TargetInfo, Totals,
};
use opis_spec::{Profile, Registry};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use url::Url;
pub use world::{PlatformWorld, RunContext};

/// Tag of a scenario that samples all through the run (OE-06): its time budget is the run's.
pub const ACROSS_RUN_TAG: &str = "across-run";

/// SHA-256 over the harness's judging code, computed by `build.rs` (OPIS §18).
pub const JUDGING_DIGEST: &str = env!("HUTONG_JUDGING_DIGEST");

/// Everything a certification run needs.
pub struct CertifyRequest {
    /// Base URL of the platform.
    pub base_url: Url,
    /// Pre-issued clients by role.
    pub credentials: BTreeMap<String, ResolvedCredential>,
    /// Certifier-owned identities of persons and redirect URIs of pre-issued clients (OPIS §7.2).
    pub identities: crate::identities::IdentityConfig,
    /// Secret values to redact everywhere.
    pub secrets: Vec<String>,
    /// Profiles asked for; empty means the claimed ones.
    pub profiles: Vec<Profile>,
    /// Tag expression filtering scenarios.
    pub tags: Option<String>,
    /// Corpora of the differential checks.
    pub corpus: Corpus,
    /// HTTP limits.
    pub limits: Limits,
    /// Accept invalid TLS certificates.
    pub insecure: bool,
    /// User-Agent of every request; `None`: the run's persona's (OPIS §5.3).
    pub user_agent: Option<String>,
    /// Deadline of the whole run.
    pub deadline: Duration,
    /// Scenarios run at once.
    pub concurrency: usize,
    /// Seed of randomised orders (random when `None`).
    pub seed: Option<u64>,
    /// The configuration, secrets removed, as written in the report.
    pub configuration: serde_json::Value,
    /// Called with (finished, total) as scenarios finish.
    pub progress: Option<Arc<dyn Fn(usize, usize) + Send + Sync>>,
    /// What was run when the target is hutong's own built-in reference platform (no target was
    /// given); written into every output.
    pub builtin_reference: Option<String>,
    /// Waivers of the run (`certify --waivers`), already checked: they enter the verdicts and
    /// the report.
    pub waivers: Vec<hutong_model::Waiver>,
    /// The platform and the partner platform CM-21 migrates between (OPIS §16), when the target
    /// file names a `migration_partner` or the target is the built-in reference.
    pub migration: Option<world::MigrationPair>,
    /// The target's earlier runs (`certify --history`, OPIS §12), read by the caller; `None` when
    /// no history is kept. Requirements judged over time (OE-20) compare with them.
    pub history: Option<hutong_model::RunHistory>,
}

/// What a run produced.
pub struct RunResult {
    /// The canonical report.
    pub report: Report,
    /// Evidence by file name (relative to the report).
    pub evidence: BTreeMap<String, Vec<Exchange>>,
    /// Why the run could not certify at all (unreachable target, unusable discovery), if so.
    pub fatal: Option<String>,
    /// What this run saw that a later run compares with: the caller appends it to the history.
    pub observations: hutong_model::Observations,
}

/// One finished scenario.
#[derive(Debug, Clone)]
struct ScenarioRecord {
    feature: String,
    name: String,
    line: usize,
    requirements: Vec<String>,
    finding: Option<Finding>,
    exchanges: Vec<Exchange>,
    duration: Duration,
    limitations: Vec<Message>,
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Silences the default panic message for findings raised by steps; other panics (harness bugs)
/// still print.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<Finding>().is_none() {
                default(info);
            }
        }));
    });
}

/// Reads and validates the discovery document. `Err((reason, finding_for_core_01))`.
async fn read_discovery(http: &HttpClient, base: &Url, rec: &Recorder) -> Result<Discovery, (Message, Option<Finding>)> {
    let url = base.join(WELL_KNOWN_PATH).map_err(|e| (msg!("runner-invalid-base-url", error = e.to_string()), None))?;
    let response = http.get(url.as_str()).label("discovery").send(rec).await.map_err(|e| {
        (msg!("runner-target-unreachable", error = hutong_model::sanitize_line(&e.to_string(), 300)), None)
    })?;
    let invalid = |detail: Message| (msg!("runner-discovery-invalid", url = url.to_string(), detail = detail.clone()), Some(Finding::fail(detail)));
    if response.status != 200 {
        return Err(invalid(msg!("runner-discovery-status", status = response.status)));
    }
    let value = response.json_value().map_err(|e| invalid(msg!("runner-discovery-not-json", error = e.to_string())))?;
    hutong_checks::strict_json::check_unique_keys(&response.body).map_err(|e| invalid(msg!("runner-discovery-not-i-json", error = e.to_string())))?;
    Discovery::parse(&value).map_err(|f| {
        let mut detail = f.text;
        detail.map_text(&|t| hutong_model::sanitize_line(t, 300));
        invalid(detail)
    })
}

/// Runs a certification.
pub async fn certify(request: CertifyRequest) -> RunResult {
    install_panic_hook();
    let started_at = now_rfc3339();
    let registry = Registry::embedded();
    let redactor = Redactor::new();
    for s in &request.secrets {
        redactor.insert_secret(s.clone());
    }
    for c in request.credentials.values() {
        redactor.insert_secret(c.client_secret.clone());
    }
    for i in &request.identities.identities {
        redactor.insert_secret(i.refresh_token.clone());
    }
    let base = request.base_url.clone();
    let seed = request.seed.unwrap_or_else(rand::random);
    // The harness presents itself as an ordinary client, drawn from the corpus by the seed.
    let persona = hutong_checks::corpus::Persona::new(&request.corpus.harness, seed);
    let user_agent = request.user_agent.clone().unwrap_or_else(|| persona.user_agent.clone());
    let config = ClientConfig {
        limits: request.limits.clone(),
        user_agent: user_agent.clone(),
        insecure_tls: request.insecure,
        allowed_origins: vec![hutong_checks::discovery::origin_url(&base)],
        redactor: redactor.clone(),
        resolve: Vec::new(),
    };
    let mut evidence = BTreeMap::new();
    let http = match HttpClient::new(config.clone()) {
        Ok(h) => h,
        Err(e) => return fatal_result(&request, started_at, None, msg!("runner-http-client", error = e.to_string()), None, evidence),
    };
    let rec = Recorder::new();
    let discovery = read_discovery(&http, &base, &rec).await;
    evidence.insert("evidence/discovery.json".to_string(), rec.take());
    let discovery = match discovery {
        Ok(d) => d,
        Err((reason, core_finding)) => {
            return fatal_result(&request, started_at, None, reason, core_finding, evidence);
        }
    };
    // Endpoints may live on trusted origins too: allow redirects there.
    let http = {
        let mut c = config;
        c.allowed_origins = discovery.allowed_origins(&base);
        match HttpClient::new(c) {
            Ok(h) => h,
            Err(e) => return fatal_result(&request, started_at, Some(&discovery), msg!("runner-http-client", error = e.to_string()), None, evidence),
        }
    };
    let claimed = discovery.claimed_profiles();
    let mut selected: Vec<Profile> = if request.profiles.is_empty() { claimed.clone() } else { request.profiles.clone() };
    selected.push(Profile::Core);
    selected.sort();
    selected.dedup();
    let runnable: Vec<Profile> = selected.iter().copied().filter(|p| discovery.claims(*p)).collect();

    let tag_op = match request.tags.as_deref().map(features::parse_tag_expression).transpose() {
        Ok(op) => op,
        Err(e) => return fatal_result(&request, started_at, Some(&discovery), e, None, evidence),
    };
    let all = match features::all_features() {
        Ok(f) => f,
        Err(e) => return fatal_result(&request, started_at, Some(&discovery), msg!("runner-suite-error", error = e), None, evidence),
    };
    let features: Vec<_> = all.into_iter().filter(|f| features::feature_profile(f).is_some_and(|p| runnable.contains(&p))).collect();
    let tag_op = Arc::new(tag_op);
    let tag_selected = {
        let tag_op = tag_op.clone();
        move |feature: &gherkin::Feature, scenario: &gherkin::Scenario| {
            let tags: Vec<String> = feature.tags.iter().chain(&scenario.tags).cloned().collect();
            tag_op.as_ref().as_ref().is_none_or(|op| features::tags_match(op, &tags))
        }
    };
    let matching: usize = features.iter().map(|f| features::scenarios(f).filter(|s| tag_selected(f, s)).count()).sum();
    if matching == 0 {
        let claimed: Vec<&str> = discovery.claimed_profiles().iter().map(|p| p.name()).collect();
        return fatal_result(
            &request,
            started_at,
            Some(&discovery),
            msg!("runner-selection-empty", profiles = claimed.join(", ")),
            None,
            evidence,
        );
    }
    // A scenario whose every requirement is conditional on a capability the platform does not
    // declare is not run: those requirements are `not_applicable` by the registry (OPIS §6.5).
    let undeclared: Arc<Vec<String>> = Arc::new(
        registry.all().iter().filter(|r| r.conditional_on.as_deref().is_some_and(|c| !discovery.declares_capability(c))).map(|r| r.id.clone()).collect(),
    );
    let scenario_selected = move |feature: &gherkin::Feature, scenario: &gherkin::Scenario| {
        let tags: Vec<String> = feature.tags.iter().chain(&scenario.tags).cloned().collect();
        let ids = features::requirement_tags(&tags);
        let conditional_away = !ids.is_empty() && ids.iter().all(|id| undeclared.contains(id));
        tag_selected(feature, scenario) && !conditional_away
    };
    let total: usize = features.iter().map(|f| features::scenarios(f).filter(|s| scenario_selected(f, s)).count()).sum();
    // Each scenario gets a time budget, so that no hostile answer can hold it past its share of
    // the run deadline: serial scenarios run alone, one after another, so the budget leaves room
    // for all of them and for the concurrent rest.
    let serial = features
        .iter()
        .flat_map(|f| features::scenarios(f).filter(|s| scenario_selected(f, s)).map(move |s| (f, s)))
        .filter(|(f, s)| f.tags.iter().chain(&s.tags).any(|t| t.trim_start_matches('@') == "serial"))
        .count();
    let (run_started, run_budget) = (Instant::now(), request.deadline.mul_f64(0.9));
    // The budget is dealt as the run goes (a hang guard, never a measure), and never less than
    // the run's deadline divided among the serial scenarios and two shares for the concurrent
    // rest: a serial scenario gets what is left of the deadline divided among the serial
    // scenarios not yet started; a concurrent one half of what is left once each of those has
    // its share. Time the early scenarios did not use goes to the later ones, so that a slow
    // (busy) machine does not cut off a platform that answers, while every serial scenario still
    // finds a share.
    let serial_left = Arc::new(std::sync::atomic::AtomicUsize::new(serial));
    let floor_budget = request.deadline / (serial as u32 + 2);
    let deadline = request.deadline;

    let ctx = Arc::new(RunContext {
        base_url: base.clone(),
        http,
        discovery: discovery.clone(),
        credentials: request.credentials.clone(),
        tokens: tokio::sync::Mutex::new(HashMap::new()),
        corpus: request.corpus.clone(),
        seed,
        persona,
        created: Default::default(),
        progress: world::RunProgress::new(total),
        migration: request.migration.clone(),
        insecure: request.insecure,
        persons: crate::identities::Persons::new(request.identities.clone()),
        history: request.history.clone(),
        observations: Default::default(),
        history_used: Default::default(),
    });
    let records: Arc<Mutex<Vec<ScenarioRecord>>> = Arc::default();
    let progress = request.progress.clone();
    if let Some(p) = &progress {
        p(0, total);
    }
    let before_ctx = ctx.clone();
    let after_records = records.clone();
    let after_ctx = ctx.clone();
    let cucumber = PlatformWorld::cucumber::<std::path::PathBuf>()
        .with_parser(EmbeddedFeatures(features))
        .with_writer(Silent.normalized())
        .with_cli(cucumber::cli::Opts::<_, _, _, cucumber::cli::Empty>::default())
        .max_concurrent_scenarios(request.concurrency.max(1))
        .before(move |feature, _, scenario, world| {
            world.ctx = Some(before_ctx.clone());
            world.started = Some(Instant::now());
            // A scenario tagged @across-run samples all through the run (OE-06): its budget is
            // the run's, less a margin to report it in.
            let across = feature.tags.iter().chain(&scenario.tags).any(|t| t.trim_start_matches('@') == ACROSS_RUN_TAG);
            let is_serial = feature.tags.iter().chain(&scenario.tags).any(|t| t.trim_start_matches('@') == "serial");
            let left = if is_serial {
                serial_left.fetch_sub(1, std::sync::atomic::Ordering::SeqCst)
            } else {
                serial_left.load(std::sync::atomic::Ordering::SeqCst)
            };
            let remaining = deadline.saturating_sub(Instant::now().saturating_duration_since(run_started));
            let budget = if across {
                run_budget.saturating_sub(Instant::now().saturating_duration_since(run_started))
            } else if is_serial {
                // `left` counts this scenario too.
                floor_budget.max(remaining / (left as u32 + 1))
            } else {
                // Half of what is left once every serial scenario not yet started has its share.
                floor_budget.max(remaining.saturating_sub(floor_budget * left as u32) / 2)
            };
            world.rec = Recorder::with_deadline(Instant::now() + budget);
            async {}.boxed_local()
        })
        .after(move |feature, _rule, scenario, finished, world| {
            let mut tags: Vec<String> = feature.tags.clone();
            tags.extend(scenario.tags.iter().cloned());
            let finding = match finished {
                ScenarioFinished::StepPassed => None,
                ScenarioFinished::StepSkipped => Some(Finding::error(msg!("runner-step-undefined"))),
                ScenarioFinished::BeforeHookFailed(_) => Some(Finding::error(msg!("runner-setup-failed"))),
                ScenarioFinished::StepFailed(_, _, err) => Some(finding_of(err)),
            };
            let (exchanges, duration, limitations) = match world {
                Some(w) => (w.rec.take(), w.started.map(|s| s.elapsed()).unwrap_or_default(), std::mem::take(&mut w.limitations)),
                None => (Vec::new(), Duration::ZERO, Vec::new()),
            };
            let record = ScenarioRecord {
                feature: feature.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
                name: scenario.name.clone(),
                line: scenario.position.line,
                requirements: features::requirement_tags(&tags),
                finding,
                exchanges,
                duration,
                limitations,
            };
            let done = {
                let mut all = after_records.lock().unwrap_or_else(|e| e.into_inner());
                all.push(record);
                all.len()
            };
            after_ctx.progress.finish_one();
            if let Some(p) = &progress {
                p(done, total);
            }
            async {}.boxed_local()
        });
    let run = cucumber.filter_run((), move |feature, _rule, scenario| scenario_selected(feature, scenario));
    let timed_out = tokio::time::timeout(request.deadline, run).await.is_err();
    let records = std::mem::take(&mut *records.lock().unwrap_or_else(|e| e.into_inner()));
    let sweep = evidence_sweep(&ctx, &records, evidence.get("evidence/discovery.json").map(Vec::as_slice).unwrap_or_default()).await;

    let mut report = build_report(&request, started_at, &discovery, &selected, records, sweep, &mut evidence, timed_out, seed);
    report.configuration["seed"] = serde_json::json!(seed);
    report.configuration["user_agent"] = serde_json::json!(user_agent);
    // Which requirements compared with earlier runs, and which runs those were (OPIS §12).
    report.history = request.history.as_ref().map(|h| hutong_model::HistoryUse {
        requirements: ctx.history_used.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect(),
        runs: h.runs.iter().map(|r| r.started_at.clone()).collect(),
    });
    hutong_model::redact_report(&mut report, |s| redactor.redact_text(s));
    let observations = ctx.observations.lock().unwrap_or_else(|e| e.into_inner()).clone();
    RunResult { report, evidence, fatal: None, observations }
}

/// What the evidence sweep found: per requirement, a failed result citing its decisive answers,
/// and the evidence those indexes point into.
struct SweepOutcome {
    findings: Vec<hutong_checks::sweep::SweepFinding>,
    evidence: Vec<Exchange>,
}

/// The evidence sweep (OPIS §9, §14): every answer of the run, whichever scenario received it, is
/// judged by the requirements it bears on (`hutong_checks::sweep`). The OpenAPI document is read
/// once more for it when a requirement that needs it ran; nothing else is sent.
async fn evidence_sweep(ctx: &RunContext, records: &[ScenarioRecord], discovery_exchanges: &[Exchange]) -> SweepOutcome {
    let ran = |id: &str| records.iter().any(|r| r.requirements.iter().any(|x| x == id));
    if !ran("OE-03") && !ran("OE-09") {
        return SweepOutcome { findings: Vec::new(), evidence: Vec::new() };
    }
    let all: Vec<Exchange> = discovery_exchanges.iter().chain(records.iter().flat_map(|r| &r.exchanges)).cloned().collect();
    let rec = Recorder::new();
    let mut openapi = None;
    if ran("OE-09") {
        if let Ok(url) = ctx.discovery.endpoint("openapi") {
            if world::is_on_platform(ctx, &url) {
                let answer = ctx.http.get(url.as_str()).label("openapi (evidence sweep)").send(&rec).await;
                // An unreadable document is OE-01's and OE-09's scenarios' business: the sweep
                // then judges only what needs no document.
                if let Some(doc) = answer.ok().filter(|r| r.status == 200).and_then(|r| r.json_value().ok()) {
                    openapi = Some((doc, url));
                }
            }
        }
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let input = hutong_checks::sweep::SweepInput {
        discovery: &ctx.discovery,
        base_url: &ctx.base_url,
        openapi: openapi.as_ref().map(|(d, u)| (d, u)),
        now,
    };
    let mut findings: Vec<_> = hutong_checks::sweep::sweep(&all, &input).into_iter().filter(|f| ran(f.requirement)).collect();
    // The decisive answers are copied into the sweep's own evidence, the document read after them.
    let mut evidence = Vec::new();
    for f in &mut findings {
        f.exchanges = f
            .exchanges
            .iter()
            .map(|i| {
                evidence.push(all[*i].clone());
                evidence.len() - 1
            })
            .collect();
    }
    evidence.extend(rec.take());
    SweepOutcome { findings, evidence }
}

fn finding_of(err: &StepError) -> Finding {
    match err {
        StepError::Panic(payload) => {
            if let Some(f) = payload.downcast_ref::<Finding>() {
                return f.clone();
            }
            let text = payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()));
            match text {
                Some(text) => Finding::error(msg!("runner-step-panicked", panic = hutong_model::sanitize_line(&text, 300))),
                None => Finding::error(msg!("runner-step-panicked-unknown")),
            }
        }
        StepError::NotFound => Finding::error(msg!("runner-step-undefined")),
        StepError::AmbiguousMatch(e) => Finding::error(msg!("runner-step-ambiguous", error = e.to_string())),
    }
}

fn slug(s: &str) -> String {
    s.trim_start_matches("features/")
        .trim_end_matches(".feature")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn build_report(
    request: &CertifyRequest,
    started_at: String,
    discovery: &Discovery,
    selected: &[Profile],
    mut records: Vec<ScenarioRecord>,
    sweep: SweepOutcome,
    evidence: &mut BTreeMap<String, Vec<Exchange>>,
    timed_out: bool,
    _seed: u64,
) -> Report {
    records.sort_by(|a, b| (&a.feature, a.line).cmp(&(&b.feature, b.line)));
    let mut scenario_results: HashMap<String, Vec<ScenarioResult>> = HashMap::new();
    let mut limitations: HashMap<String, Vec<Message>> = HashMap::new();
    for r in records {
        for id in &r.requirements {
            let known = limitations.entry(id.clone()).or_default();
            for l in &r.limitations {
                if !known.contains(l) {
                    known.push(l.clone());
                }
            }
        }
        let file = format!("evidence/{}--{}.json", slug(&r.feature), r.line);
        let exchanges = r.exchanges.len();
        evidence.insert(file.clone(), r.exchanges);
        for id in &r.requirements {
            let (outcome, text) = match &r.finding {
                None => (Outcome::Pass, msg!("scenario-passed", scenario = r.name.clone(), exchanges = exchanges)),
                Some(f) if !f.requirements.is_empty() && !f.requirements.contains(id) && f.others_judged => (
                    Outcome::Pass,
                    msg!("scenario-passed-finding-elsewhere", scenario = r.name.clone(), requirements = f.requirements.join(", "), exchanges = exchanges),
                ),
                Some(f) if !f.requirements.is_empty() && !f.requirements.contains(id) => {
                    (Outcome::NotApplicable, msg!("scenario-stopped-elsewhere", requirements = f.requirements.join(", ")))
                }
                Some(f) => (f.outcome(), f.text.clone()),
            };
            let message = text.en();
            let named: Vec<usize> = r.finding.iter().flat_map(|f| f.exchanges.iter().copied()).filter(|i| *i < exchanges).collect();
            let decisive_exchanges = match outcome {
                Outcome::Pass => (0..exchanges).collect(),
                Outcome::Fail | Outcome::Error if !named.is_empty() => named,
                Outcome::Fail | Outcome::Error => exchanges.checked_sub(1).into_iter().collect(),
                Outcome::NotApplicable => Vec::new(),
            };
            scenario_results.entry(id.clone()).or_default().push(ScenarioResult {
                feature: r.feature.clone(),
                name: r.name.clone(),
                line: r.line,
                outcome,
                message,
                text: Some(text),
                exchanges,
                evidence: Some(file.clone()),
                decisive_exchanges,
                duration_ms: r.duration.as_millis() as u64,
                needs: match (&r.finding, outcome) {
                    (Some(f), Outcome::Error) => f.needs.iter().filter(|n| *n != id).cloned().collect(),
                    _ => Vec::new(),
                },
            });
        }
    }
    // The sweep's findings count like a scenario's, for requirements a scenario verified.
    if !sweep.findings.is_empty() {
        let file = "evidence/sweep.json".to_string();
        for f in sweep.findings {
            let Some(results) = scenario_results.get_mut(f.requirement) else { continue };
            results.push(ScenarioResult {
                feature: "(evidence sweep)".to_string(),
                name: "Every answer of the run, judged by the requirements it bears on".to_string(),
                line: 0,
                outcome: Outcome::Fail,
                message: f.message.en(),
                text: Some(f.message.clone()),
                exchanges: sweep.evidence.len(),
                evidence: Some(file.clone()),
                decisive_exchanges: f.exchanges,
                duration_ms: 0,
                needs: Vec::new(),
            });
        }
        evidence.insert(file, sweep.evidence);
    }
    let mut results = requirement_results(selected, discovery, &mut scenario_results, request.tags.is_some(), timed_out, request.deadline);
    for r in &mut results {
        if r.outcome != Outcome::NotApplicable {
            r.limitation_texts = limitations.remove(&r.id).unwrap_or_default();
            r.limitations = r.limitation_texts.iter().map(Message::en).collect();
        }
    }
    hutong_model::mark_blocked(&mut results);
    finish_report(request, started_at, Some(discovery), selected, results)
}

/// One result per requirement of `selected`. `not_applicable` only for a reason OPIS §10.1
/// admits: an unclaimed profile, an undeclared capability the requirement is conditional on, or
/// a registry `not_tested_reason`; any other undecided requirement is `error`.
fn requirement_results(
    selected: &[Profile],
    discovery: &Discovery,
    scenarios: &mut HashMap<String, Vec<ScenarioResult>>,
    filtered: bool,
    timed_out: bool,
    deadline: Duration,
) -> Vec<RequirementResult> {
    let mut out = Vec::new();
    for req in Registry::embedded().all().iter().filter(|r| selected.contains(&r.profile)) {
        let ran = scenarios.remove(&req.id).unwrap_or_default();
        let undeclared = req.conditional_on.as_ref().filter(|c| !discovery.declares_capability(c));
        let (outcome, text, reason) = if !discovery.claims(req.profile) {
            (Outcome::NotApplicable, msg!("profile-not-claimed", profile = req.profile.to_string()), Some(NotApplicableReason::ProfileNotClaimed))
        } else if let Some(capability) = undeclared {
            (
                Outcome::NotApplicable,
                msg!("capability-not-declared", capability = capability.clone()),
                Some(NotApplicableReason::CapabilityNotDeclared { capability: capability.clone() }),
            )
        } else if let Some(reason) = req.not_tested_reason.as_ref().filter(|_| ran.is_empty()) {
            // The registry's reason is English only: it is the registry's text, shown as written.
            (Outcome::NotApplicable, msg!("not-tested", reason = reason.clone()), Some(NotApplicableReason::NotTested))
        } else if ran.is_empty() && filtered {
            continue;
        } else if ran.is_empty() && timed_out {
            (Outcome::Error, msg!("deadline-passed", seconds = deadline.as_secs()), None)
        } else if ran.is_empty() {
            (Outcome::Error, msg!("no-scenario-verified"), None)
        } else {
            let worst = ran.iter().map(|s| s.outcome).max().unwrap_or(Outcome::Error);
            let texts: Vec<Message> = ran
                .iter()
                .filter(|s| s.outcome == worst)
                .map(|s| s.text.clone().unwrap_or_else(|| Message::verbatim(s.message.clone())))
                .collect();
            let joined = hutong_model::joined(texts).unwrap_or_else(|| msg!("no-scenario-verified"));
            if worst == Outcome::NotApplicable && timed_out {
                // Its other scenarios were cut by the deadline: that is why nothing decided it.
                (Outcome::Error, msg!("deadline-passed-after", seconds = deadline.as_secs(), detail = joined), None)
            } else if worst == Outcome::NotApplicable {
                (Outcome::Error, msg!("not-applicable-not-admitted", detail = joined), None)
            } else {
                (worst, joined, None)
            }
        };
        let message = text.en();
        out.push(RequirementResult {
            id: req.id.clone(),
            profile: req.profile,
            level: req.level,
            title_en: req.title.en.clone(),
            title_zh: req.title.zh.clone(),
            policy: req.traces.policy.clone(),
            outcome,
            not_applicable_reason: reason,
            message,
            text: Some(text),
            evidence: hutong_model::decisive_evidence(outcome, &ran),
            scenarios: ran,
            limitation_texts: Vec::new(),
            limitations: Vec::new(),
            blocked_by: Vec::new(),
        });
    }
    out
}

fn finish_report(
    request: &CertifyRequest,
    started_at: String,
    discovery: Option<&Discovery>,
    selected: &[Profile],
    results: Vec<RequirementResult>,
) -> Report {
    let profiles = selected
        .iter()
        .map(|p| {
            let claimed = discovery.is_some_and(|d| d.claims(*p));
            let of_profile: Vec<_> = results.iter().filter(|r| r.profile == *p).cloned().collect();
            ProfileResult {
                profile: *p,
                verdict: if discovery.is_none() {
                    hutong_model::ProfileVerdict::Inconclusive
                } else {
                    Report::verdict_for(&results, *p, claimed, request.tags.is_some(), &request.waivers)
                },
                totals: Totals::of(&of_profile),
                limitations: hutong_model::ProfileResult::limitations_of(&results, *p),
            }
        })
        .collect();
    Report {
        format_version: hutong_model::REPORT_FORMAT_VERSION.to_string(),
        suite: SuiteInfo {
            opis_version: opis_spec::OPIS_VERSION.to_string(),
            suite_hash: opis_spec::SUITE_HASH.to_string(),
            harness_version: env!("CARGO_PKG_VERSION").to_string(),
            judging_digest: Some(JUDGING_DIGEST.to_string()),
        },
        target: TargetInfo {
            base_url: request.base_url.to_string(),
            platform_name: discovery.map(|d| hutong_model::sanitize_line(&d.platform.name, 200)),
            claimed_profiles: discovery.map(|d| d.claimed_profiles()).unwrap_or_default(),
            builtin_reference: request.builtin_reference.clone(),
            opis_version: discovery.map(|d| hutong_model::sanitize_line(&d.opis_version, 50)),
        },
        selected_profiles: selected.to_vec(),
        tag_filter: request.tags.clone(),
        configuration: request.configuration.clone(),
        started_at,
        finished_at: now_rfc3339(),
        totals: Totals::of(&results),
        requirements: results,
        profiles,
        evidence: Vec::new(),
        waivers: request.waivers.clone(),
        history: None,
    }
}

/// The result of a run that could not certify: every selected requirement is `error` (CORE-01
/// `fail` when the discovery document was obtained but is unusable).
fn fatal_result(
    request: &CertifyRequest,
    started_at: String,
    discovery: Option<&Discovery>,
    reason: Message,
    core_finding: Option<Finding>,
    evidence: BTreeMap<String, Vec<Exchange>>,
) -> RunResult {
    let mut selected: Vec<Profile> = request.profiles.clone();
    selected.push(Profile::Core);
    selected.sort();
    selected.dedup();
    let results = Registry::embedded()
        .all()
        .iter()
        .filter(|r| selected.contains(&r.profile))
        .map(|req| {
            let (outcome, text) = match (&core_finding, req.id.as_str()) {
                (Some(f), "CORE-01") => (f.outcome(), f.text.clone()),
                _ => (Outcome::Error, msg!("not-run", reason = reason.clone())),
            };
            let message = text.en();
            RequirementResult {
                id: req.id.clone(),
                profile: req.profile,
                level: req.level,
                title_en: req.title.en.clone(),
                title_zh: req.title.zh.clone(),
                policy: req.traces.policy.clone(),
                outcome,
                not_applicable_reason: None,
                message,
                text: Some(text),
                scenarios: Vec::new(),
                limitation_texts: Vec::new(),
                limitations: Vec::new(),
                blocked_by: Vec::new(),
                evidence: Vec::new(),
            }
        })
        .collect();
    let mut report = finish_report(request, started_at, discovery, &selected, results);
    for p in &mut report.profiles {
        p.verdict = hutong_model::ProfileVerdict::Inconclusive;
    }
    let redactor = Redactor::new();
    request
        .secrets
        .iter()
        .chain(request.credentials.values().map(|c| &c.client_secret))
        .chain(request.identities.identities.iter().map(|i| &i.refresh_token))
        .for_each(|s| redactor.insert_secret(s.clone()));
    hutong_model::redact_report(&mut report, |s| redactor.redact_text(s));
    RunResult { report, evidence, fatal: Some(redactor.redact_text(&reason.en())), observations: Default::default() }
}

/// Feeds the embedded, pre-parsed features to cucumber.
struct EmbeddedFeatures(Vec<gherkin::Feature>);

impl cucumber::Parser<()> for EmbeddedFeatures {
    type Cli = cucumber::cli::Empty;
    type Output = futures::stream::Iter<std::vec::IntoIter<cucumber::parser::Result<gherkin::Feature>>>;

    fn parse(self, _input: (), _cli: Self::Cli) -> Self::Output {
        futures::stream::iter(self.0.into_iter().map(Ok).collect::<Vec<_>>())
    }
}

/// A writer that writes nothing: results are collected by the after hook.
struct Silent;

impl<W: cucumber::World> cucumber::Writer<W> for Silent {
    type Cli = cucumber::cli::Empty;

    async fn handle_event(
        &mut self,
        _event: cucumber::parser::Result<cucumber::Event<cucumber::event::Cucumber<W>>>,
        _cli: &Self::Cli,
    ) {
    }
}
