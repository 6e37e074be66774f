//! `hutong certify`.

use hutong_runner::runner::{self, CertifyRequest, RunResult};
use hutong_runner::target::{ResolvedCredential, TargetFile};
use crate::Exit;
use anyhow::Context as _;
use hutong_checks::corpus::{self, Corpus};
use hutong_http::Limits;
use hutong_model::exit_codes;
use hutong_reference::{FaultSet, ReferenceConfig, Shape};
use opis_spec::Profile;
use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// Options of `certify`.
#[derive(Debug, Clone, clap::Args)]
pub struct CertifyArgs {
    /// Base URL of the platform; omit it (and --target) to certify the built-in reference platform.
    pub base_url: Option<String>,
    /// Target file (TOML): base URL, credentials named by environment variable, options.
    #[arg(long, value_name = "FILE")]
    pub target: Option<PathBuf>,
    /// Certify only this profile (repeatable); default: the profiles the platform claims.
    #[arg(long = "profile", value_name = "P", value_parser = parse_profile)]
    pub profiles: Vec<Profile>,
    /// Run only scenarios matching this tag expression, e.g. `@req:AI-01 or @profile:core`.
    #[arg(long, value_name = "EXPR")]
    pub tags: Option<String>,
    /// Write report.json, evidence/, junit.xml, cucumber.json, summary.md and report.html into DIR
    /// (default: reports/runs/<time>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write no files.
    #[arg(long, conflicts_with = "out")]
    pub no_out: bool,
    /// Inject a fault into the built-in reference platform (repeatable; no URL only).
    #[arg(long = "reference-fault", value_name = "NAME")]
    pub reference_faults: Vec<String>,
    /// Shape of the built-in reference platform: `marketplace` (every profile) or `cloud` (a
    /// cloud provider claiming cloud-migration only; no URL only).
    #[arg(long = "reference-shape", value_name = "SHAPE", default_value = "marketplace", value_parser = parse_shape)]
    pub reference_shape: Shape,
    /// Accept invalid TLS certificates.
    #[arg(long)]
    pub insecure: bool,
    /// Seed of randomised request orders (for reproducing a run).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Scenarios run at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Print only the verdicts (and no progress bar).
    #[arg(long, short)]
    pub quiet: bool,
    /// Language of summary.md and report.html: en or zh.
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = parse_lang)]
    pub lang: hutong_report::Lang,
    /// Waiver file (TOML, one `[[waiver]]` per requirement: requirement, reason, link, granted_by,
    /// expires): a waived requirement keeps its outcome and the verdict that relies on it is
    /// `conformant_with_waivers`. An expired or unknown waiver, or a malformed file, exits 2
    /// before any request.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// Sign report.json with this Ed25519 private key (from `hutong keygen`); writes report.json.sig.
    #[arg(long, value_name = "KEYFILE", conflicts_with = "no_out")]
    pub sign: Option<PathBuf>,
    /// Keep the target's run history in DIR (one JSON file per target; default: `history/` beside
    /// the default run directories, none with --out or --no-out): a later run compares with what earlier runs saw
    /// (OE-20), and the report names the runs compared.
    #[arg(long, value_name = "DIR")]
    pub history: Option<PathBuf>,
}

/// Parses a report language.
/// Parses a reference shape name.
pub fn parse_shape(s: &str) -> Result<Shape, String> {
    Shape::from_name(s).ok_or_else(|| format!("unknown reference shape {s:?} (marketplace or cloud)"))
}

pub fn parse_lang(s: &str) -> Result<hutong_report::Lang, String> {
    hutong_report::Lang::from_code(s).ok_or_else(|| format!("unknown language {s:?} (languages: en, zh)"))
}

/// Parses a profile name.
pub fn parse_profile(s: &str) -> Result<Profile, String> {
    Profile::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
        format!("unknown profile {s:?} (profiles: {})", names.join(", "))
    })
}

fn load_corpus(target: Option<&TargetFile>) -> anyhow::Result<Corpus> {
    let mut corpus = Corpus::embedded();
    if let Some(t) = target {
        if let Some(p) = t.corpus_path(&t.corpus.outside_domains) {
            let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read corpus {}", p.display()))?;
            corpus.domains = corpus::parse_domains(&p.display().to_string(), &text)?;
        }
        if let Some(p) = t.corpus_path(&t.corpus.app_identities) {
            let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read corpus {}", p.display()))?;
            corpus.apps = corpus::parse_apps(&p.display().to_string(), &text)?;
        }
    }
    Ok(corpus)
}

/// A request with defaults for `base_url`.
pub fn request_for(base_url: Url, args: &CertifyArgs) -> CertifyRequest {
    CertifyRequest {
        base_url,
        credentials: BTreeMap::new(),
        identities: Default::default(),
        secrets: Vec::new(),
        profiles: args.profiles.clone(),
        tags: args.tags.clone(),
        corpus: Corpus::embedded(),
        limits: Limits::default(),
        insecure: args.insecure,
        user_agent: None,
        deadline: Duration::from_secs(600),
        concurrency: args.concurrency,
        seed: args.seed,
        configuration: serde_json::json!({}),
        progress: None,
        builtin_reference: None,
        waivers: Vec::new(),
        migration: None,
        history: None,
    }
}

/// Where the run history of `target` is kept: `--history DIR`, else `history/` beside the
/// default run directories (`reports/runs/history/`) when the run writes to the default place
/// (OPIS §12). A run given `--out DIR` keeps a history only with `--history`: the parent of an
/// arbitrary directory is nobody's history (and, for a temporary directory, everybody's).
pub fn history_file(args: &CertifyArgs, target: &str) -> Option<PathBuf> {
    let dir = args.history.clone().or_else(|| {
        (!args.no_out && args.out.is_none()).then(|| crate::default_out_dir().parent().map(|p| p.join("history")).unwrap_or_else(|| PathBuf::from("history")))
    })?;
    Some(hutong_runner::history::file_in(&dir, target))
}

/// The name a target's history is kept under: its base URL, or the built-in reference's shape and
/// injected faults (a faulty reference is another platform).
pub fn history_target(base: Option<&str>, args: &CertifyArgs) -> String {
    let mut faults = args.reference_faults.clone();
    faults.sort();
    let faults = if faults.is_empty() { String::new() } else { format!(", faults {}", faults.join(" ")) };
    base.map(str::to_string).unwrap_or_else(|| format!("built-in reference platform, {} shape{faults}", args.reference_shape.name()))
}

/// Reads and checks the waiver file of `--waivers` against the registry and today's date (UTC).
fn load_waivers(path: &std::path::Path) -> Result<Vec<hutong_model::Waiver>, Exit> {
    let text = std::fs::read_to_string(path).map_err(|e| Exit::harness(format!("cannot read the waiver file {}: {e}", path.display())))?;
    let registry = opis_spec::Registry::embedded();
    let today = time::OffsetDateTime::now_utc().date();
    hutong_model::parse_waivers(&path.display().to_string(), &text, |id| registry.get(id).is_some(), today).map_err(Exit::harness)
}

/// Certifies an in-process reference platform with `faults`; the platform is stopped afterwards.
pub async fn certify_reference(
    faults: FaultSet,
    args: &CertifyArgs,
    waivers: Vec<hutong_model::Waiver>,
    progress: Option<Arc<dyn Fn(usize, usize) + Send + Sync>>,
    history: Option<hutong_model::RunHistory>,
) -> anyhow::Result<RunResult> {
    let secret_seed = format!("{:016x}", rand::random::<u64>());
    let config = ReferenceConfig { faults: faults.clone(), ..ReferenceConfig::for_shape(args.reference_shape) }.with_preissued_clients(&secret_seed);
    let credentials: BTreeMap<String, ResolvedCredential> = config
        .preissued
        .iter()
        .map(|c| (c.role.clone(), ResolvedCredential { client_id: c.client_id.clone(), client_secret: c.client_secret.clone() }))
        .collect();
    let running = hutong_reference::spawn(config, "127.0.0.1:0".parse().expect("address")).await.context("cannot start the reference platform")?;
    // CM-21's partner: a second reference of the same shape, without faults, with other data.
    let partner_config = ReferenceConfig { seed: 2023, name: format!("{} (migration partner)", ReferenceConfig::for_shape(args.reference_shape).name), ..ReferenceConfig::for_shape(args.reference_shape) };
    let partner = hutong_reference::spawn(partner_config, "127.0.0.1:0".parse().expect("address")).await.context("cannot start the partner reference platform")?;
    let mut request = request_for(Url::parse(&running.base_url).expect("reference URL"), args);
    request.migration = Some(hutong_runner::runner::world::MigrationPair { platform: running.base_url.clone(), partner: partner.base_url.clone() });
    let names: Vec<&str> = faults.names().collect();
    let shape = args.reference_shape.name();
    // The writers render it again in the report's language from the configuration below.
    request.builtin_reference = Some(
        if names.is_empty() {
            hutong_model::msg!("builtin-reference", shape = shape)
        } else {
            hutong_model::msg!("builtin-reference-with-faults", shape = shape, faults = names.join(", "))
        }
        .en(),
    );
    request.credentials = credentials;
    request.progress = progress;
    request.waivers = waivers;
    request.history = history;
    request.configuration = serde_json::json!({
        "target": "built-in reference platform",
        "reference_faults": faults.names().collect::<Vec<_>>(),
        "reference_shape": args.reference_shape.name(),
        "credentials": { "source": "pre-issued by the reference platform", "roles": ["third-party-a", "third-party-b", "affiliated"] },
        "profiles": args.profiles,
        "tags": args.tags,
    });
    let result = runner::certify(request).await;
    running.stop().await;
    partner.stop().await;
    Ok(result)
}

/// Runs `certify`.
pub async fn run(args: CertifyArgs) -> Result<i32, Exit> {
    let target = match &args.target {
        Some(path) => Some(TargetFile::load(path).map_err(Exit::harness)?),
        None => None,
    };
    let base = args.base_url.clone().or_else(|| target.as_ref().and_then(|t| t.base_url.clone()));
    // The built-in reference is certified only when no target at all is given: a target file
    // without a base URL is a mistake, never a reason to certify something else.
    if let (None, Some(path)) = (&base, &args.target) {
        return Err(Exit::harness(format!(
            "target file {} names no platform: add `base_url = \"https://…\"` to it, or give the base URL on the command line",
            path.display()
        )));
    }
    if base.is_some() && !args.reference_faults.is_empty() {
        return Err(Exit::harness("--reference-fault applies only to the built-in reference platform (give no URL and no target file)"));
    }
    // A selection that cannot run is refused before any request is sent.
    hutong_runner::runner::features::check_selection(args.tags.as_deref(), &args.profiles).map_err(Exit::harness)?;
    if base.is_some() && args.reference_shape != Shape::Marketplace {
        return Err(Exit::harness("--reference-shape applies only to the built-in reference platform (give no URL)"));
    }
    // Unusable waivers stop the run before any request.
    let waivers = args.waivers.as_deref().map(load_waivers).transpose()?.unwrap_or_default();
    // A bad signing key stops the run before it starts.
    let signing_key = args.sign.as_deref().map(hutong_report::sign::load_signing_key).transpose().map_err(Exit::harness)?;
    // An unusable run history stops the run before it starts, too.
    let history_target = history_target(base.as_deref(), &args);
    let history_path = history_file(&args, &history_target);
    let history = history_path.as_deref().map(|p| hutong_runner::history::load(p, &history_target)).transpose().map_err(Exit::harness)?;
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let bar = show_progress.then(crate::output::progress_bar);
    let progress: Option<Arc<dyn Fn(usize, usize) + Send + Sync>> = bar.clone().map(|b| {
        Arc::new(move |done: usize, total: usize| {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }) as Arc<dyn Fn(usize, usize) + Send + Sync>
    });
    let result = match base {
        None => {
            let faults = FaultSet::from_names(&args.reference_faults).map_err(Exit::harness)?;
            certify_reference(faults, &args, waivers, progress, history.clone()).await?
        }
        Some(base) => {
            let base_url = Url::parse(&base).map_err(|e| Exit::harness(format!("invalid base URL {base:?}: {e}")))?;
            if !matches!(base_url.scheme(), "http" | "https") {
                return Err(Exit::harness(format!("base URL {base:?} is not http or https")));
            }
            let mut request = request_for(base_url, &args);
            request.progress = progress;
            request.waivers = waivers;
            request.history = history.clone();
            if let Some(t) = &target {
                let path = args.target.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
                request.credentials = t.resolve_credentials(&path).map_err(Exit::harness)?;
                request.identities = t.resolve_identities(&path).map_err(Exit::harness)?;
                request.secrets = t.secret_values();
                request.corpus = load_corpus(Some(t)).map_err(Exit::from)?;
                request.insecure |= t.options.insecure.unwrap_or(false);
                if let Some(ua) = &t.options.user_agent {
                    request.user_agent = Some(ua.clone());
                }
                if let Some(s) = t.options.request_timeout_secs {
                    request.limits.request_timeout = Duration::from_secs(s.max(1));
                }
                if let Some(s) = t.options.run_deadline_secs {
                    request.deadline = Duration::from_secs(s.max(1));
                }
                // CM-21 reaches the platform as `migrate-check` does: through this target file.
                request.migration = t.migration_partner().map(|partner| hutong_runner::runner::world::MigrationPair { platform: path.clone(), partner });
            }
            request.configuration = serde_json::json!({
                "target_file": args.target.as_ref().map(|p| p.display().to_string()),
                "credentials": target.as_ref().map(|t| t.credentials.iter().map(|(role, c)| (role.clone(), serde_json::json!({
                    "client_id_env": c.client_id_env, "client_secret_env": c.client_secret_env,
                }))).collect::<BTreeMap<_, _>>()),
                // Certifier-owned identities (OPIS §7.3: the report says where each came from);
                // synthetic ones are in the evidence.
                "identities": target.as_ref().map(|t| t.identities.iter().map(|i| serde_json::json!({
                    "name": i.name, "kind": i.kind, "client": i.client, "refresh_token_env": i.refresh_token_env,
                    "disposable": i.disposable, "source": "certifier-owned",
                })).collect::<Vec<_>>()),
                "profiles": args.profiles,
                "tags": args.tags,
                "insecure": request.insecure,
                "user_agent_configured": request.user_agent,
                "request_timeout_secs": request.limits.request_timeout.as_secs(),
                "run_deadline_secs": request.deadline.as_secs(),
                "migration_partner": request.migration.as_ref().map(|m| m.partner.clone()),
            });
            runner::certify(request).await
        }
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let (Some(path), Some(history), None) = (&history_path, history, &result.fatal) {
        hutong_runner::history::save(path, history, &result.report.started_at, result.observations.clone())
            .map_err(|e| Exit::harness(format!("the run finished but its run history could not be kept: {e}")))?;
    }
    finish(result, &args, signing_key.as_ref())
}

fn finish(mut result: RunResult, args: &CertifyArgs, signing_key: Option<&hutong_report::sign::SigningKey>) -> Result<i32, Exit> {
    if !args.quiet {
        crate::output::print_report(&result.report);
    } else {
        crate::output::print_quiet(&result.report);
    }
    if !args.no_out {
        let dir = args.out.clone().unwrap_or_else(crate::default_out_dir);
        let options = hutong_report::WriteOptions { lang: args.lang };
        hutong_report::write_outputs_with(&dir, &mut result.report, &result.evidence, options)
            .map_err(|e| Exit::harness(format!("the run finished but its report could not be written: {e}")))?;
        if !args.quiet {
            crate::output::say!("report: {}", dir.join("report.json").display());
        }
        if let Some(key) = signing_key {
            let sig = hutong_report::sign::sign_report_file(&dir.join(hutong_report::REPORT_FILE), key).map_err(Exit::harness)?;
            if !args.quiet {
                println!("signature: {} ({})", sig.display(), hutong_report::sign::key_id(&key.verifying_key()));
            }
        }
    }
    if let Some(reason) = result.fatal {
        return Err(Exit { code: exit_codes::HARNESS_ERROR, message: Some(reason) });
    }
    Ok(result.report.exit_code())
}
