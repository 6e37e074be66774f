//! The per-scenario world, the per-run context it reads, and the helpers steps use to raise
//! findings and to authenticate.

use crate::target::ResolvedCredential;
use cucumber::World;
use hutong_checks::corpus::Corpus;
use hutong_checks::discovery::Discovery;
use hutong_http::{HttpClient, HttpError, RequestBuilder, Recorder, Response};
use hutong_model::{msg, Finding, Message};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;
use std::time::Instant;
use url::Url;

/// What every scenario of one run shares.
pub struct RunContext {
    /// Base URL of the platform.
    pub base_url: Url,
    /// The bounded, recording HTTP client.
    pub http: HttpClient,
    /// The discovery document, read before the scenarios.
    pub discovery: Discovery,
    /// Pre-issued clients by role.
    pub credentials: BTreeMap<String, ResolvedCredential>,
    /// Access tokens obtained so far, by role (one registration per role and run).
    pub tokens: tokio::sync::Mutex<HashMap<String, Result<String, Finding>>>,
    /// Corpora of the differential checks.
    pub corpus: Corpus,
    /// Seed of every randomised order in this run (written in the report).
    pub seed: u64,
    /// How the harness presents itself in this run: User-Agent, client names, probe IDs (drawn
    /// from the corpus by the seed; OPIS §5.3).
    pub persona: hutong_checks::corpus::Persona,
    /// IDs of the records the harness created in this run (imports, new test records): CM-02
    /// compares every one of them with the live API, whatever the sample (OPIS §16).
    pub created: std::sync::Mutex<std::collections::BTreeSet<String>>,
    /// How many of the run's scenarios have finished: a step that samples across the run (OE-06)
    /// waits on it for its later windows.
    pub progress: RunProgress,
    /// The platform and its migration partner (CM-21), if the run has one.
    pub migration: Option<MigrationPair>,
    /// Whether invalid TLS certificates are accepted (the migration of CM-21 reaches both
    /// platforms as `certify` does).
    pub insecure: bool,
    /// Test identities of persons (OPIS §7.2): the target file's and those obtained so far
    /// (`RunContext::person`, `crate::identities`).
    pub persons: crate::identities::Persons,
    /// The target's earlier runs (OPIS §12), when a history is kept.
    pub history: Option<hutong_model::RunHistory>,
    /// What this run saw that a later run compares with (OE-20: each deprecated operation's
    /// `Sunset`).
    pub observations: std::sync::Mutex<hutong_model::Observations>,
    /// Requirements this run judged against earlier runs (written in the report).
    pub history_used: std::sync::Mutex<std::collections::BTreeSet<String>>,
}

/// How CM-21 reaches the two platforms it migrates between: each as `hutong migrate-check`
/// names a platform, by base URL or by target file (OPIS §16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationPair {
    /// The platform under certification.
    pub platform: String,
    /// The partner platform named by the target file's `migration_partner`.
    pub partner: String,
}

/// The run's scenarios finished so far, out of its total (updated by the runner's after hook).
#[derive(Debug)]
pub struct RunProgress {
    total: usize,
    finished: tokio::sync::watch::Sender<usize>,
}

impl Default for RunProgress {
    fn default() -> Self {
        RunProgress::new(0)
    }
}

impl RunProgress {
    /// No scenario finished yet, out of `total`.
    pub fn new(total: usize) -> Self {
        RunProgress { total, finished: tokio::sync::watch::channel(0).0 }
    }

    /// Scenarios the run selected.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Scenarios finished so far.
    pub fn finished(&self) -> usize {
        *self.finished.borrow()
    }

    /// Counts one more finished scenario.
    pub fn finish_one(&self) {
        self.finished.send_modify(|n| *n += 1);
    }

    /// Returns once at least `n` scenarios have finished.
    pub async fn wait_for(&self, n: usize) {
        let mut rx = self.finished.subscribe();
        let _ = rx.wait_for(|f| *f >= n).await;
    }
}

impl RunContext {
    /// A context for work outside a certification run (`migrate-check`, tests against outside
    /// servers): the embedded corpora, seed 0 and its persona, no tokens or records yet, no
    /// progress to wait on.
    pub fn outside_a_run(base_url: Url, http: HttpClient, discovery: Discovery, credentials: BTreeMap<String, ResolvedCredential>) -> RunContext {
        let corpus = Corpus::embedded();
        RunContext {
            base_url,
            http,
            discovery,
            credentials,
            tokens: tokio::sync::Mutex::new(HashMap::new()),
            persona: hutong_checks::corpus::Persona::new(&corpus.harness, 0),
            corpus,
            seed: 0,
            created: Default::default(),
            progress: Default::default(),
            migration: None,
            insecure: false,
            persons: Default::default(),
            history: None,
            observations: Default::default(),
            history_used: Default::default(),
        }
    }

    /// The run's client-credentials token for `role`, obtained once per run (the outcome, token
    /// or finding, is shared by every scenario).
    pub async fn client_token(&self, rec: &Recorder, role: &str) -> Result<String, Finding> {
        let mut tokens = self.tokens.lock().await;
        if !tokens.contains_key(role) {
            let obtained = crate::oauth::obtain_token(self, rec, role, &self.persona.client_name(role)).await;
            tokens.insert(role.to_string(), obtained);
        }
        tokens.get(role).cloned().expect("just inserted")
    }
}

impl fmt::Debug for RunContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunContext").field("base_url", &self.base_url.as_str()).finish_non_exhaustive()
    }
}

/// The value an earlier step of the scenario stored in a state field (`earlier!(w.oe.policy)`),
/// or a harness `error` naming the field when that step did not run.
#[macro_export]
macro_rules! earlier {
    ($field:expr) => {
        match &$field {
            Some(value) => value,
            None => $crate::runner::world::raise(hutong_model::Finding::error(hutong_model::msg!(
                "world-no-earlier-value",
                field = stringify!($field)
            ))),
        }
    };
}

/// The strings of a stored list (problems found, names seen); other members are skipped.
pub fn strings(list: &Value) -> Vec<String> {
    list.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

/// For each entry of a stored list whose member `field` is a string, the line `line` writes from
/// the entry and that string (the failing entries a "then" step reports).
pub fn entries_with(list: &Value, field: &str, line: impl Fn(&Value, &str) -> String) -> Vec<String> {
    list.as_array().into_iter().flatten().filter_map(|r| r[field].as_str().map(|v| line(r, v))).collect()
}

/// Stops the scenario with a finding. The runner reads it back from the panic payload.
pub fn raise(finding: Finding) -> ! {
    std::panic::panic_any(finding)
}

/// `Result` helpers for steps: a `Finding` is raised, a transport error becomes an `error`.
pub trait OrRaise<T> {
    /// The value, or the scenario stops with the finding.
    fn or_raise(self) -> T;
}

impl<T> OrRaise<T> for Result<T, Finding> {
    fn or_raise(self) -> T {
        self.unwrap_or_else(|f| raise(f))
    }
}

impl<T> OrRaise<T> for Result<T, HttpError> {
    fn or_raise(self) -> T {
        self.unwrap_or_else(|e| raise(hutong_checks::transport(e)))
    }
}

/// The state of one scenario.
#[derive(Debug, Default, World)]
pub struct PlatformWorld {
    /// The run's shared context (set by the before hook).
    pub ctx: Option<Arc<RunContext>>,
    /// Evidence of this scenario.
    pub rec: Recorder,
    /// When the scenario started.
    pub started: Option<Instant>,
    /// Bearer token of the client the scenario acts as.
    pub token: Option<String>,
    /// The last answer received.
    pub last: Option<Response>,
    /// What the steps of `features/core/` pass to later steps of the same scenario.
    pub core: crate::steps::core::State,
    /// What the steps of `features/open-ecosystem/` pass on.
    pub oe: crate::steps::open_ecosystem::State,
    /// What the steps of `features/anti-incompatibility/` pass on.
    pub ai: crate::steps::anti_incompatibility::State,
    /// What the steps of `features/cloud-migration/` pass on.
    pub cm: crate::steps::cloud_migration::State,
    /// What the steps of `features/merchant-data/` pass on.
    pub md: crate::steps::merchant_data::State,
    /// What the steps of `features/transparency/` pass on.
    pub tp: crate::steps::transparency::State,
    /// What the steps of `features/personal-data/` pass on.
    pub pd: crate::steps::personal_data::State,
    /// Comparisons the scenario could not make (e.g. no affiliated client): reported with its
    /// requirements, and the verdict says it is limited.
    pub limitations: Vec<hutong_model::Message>,
}

impl PlatformWorld {
    /// The run context.
    pub fn ctx(&self) -> Arc<RunContext> {
        self.ctx.clone().expect("the before hook sets the run context")
    }

    /// The discovery document.
    pub fn discovery(&self) -> Discovery {
        self.ctx().discovery.clone()
    }

    /// The URL of discovery endpoint `name`, or a `fail` when it is not declared. An endpoint off
    /// the platform's origins (CORE-02 judges that) is an `error` here: the harness sends no
    /// request, and no credential, there.
    pub fn endpoint(&self, name: &str) -> Url {
        let ctx = self.ctx();
        let url = ctx.discovery.endpoint(name).or_raise();
        check_on_platform(&ctx, &url, msg!("world-endpoint", name = name)).or_raise();
        url
    }

    /// A request with the scenario's bearer token, if it has one.
    pub fn request(&self, method: http::Method, url: &str) -> RequestBuilder {
        let builder = self.ctx().http.request(method, url);
        match &self.token {
            Some(t) => builder.bearer(t),
            None => builder,
        }
    }

    /// Sends `builder`, records the answer as `last` and returns it.
    pub async fn send(&mut self, builder: RequestBuilder) -> Response {
        let response = builder.send(&self.rec).await.or_raise();
        self.last = Some(response.clone());
        response
    }

    /// The last answer, or a harness `error` when no step fetched one.
    pub fn last(&self) -> &Response {
        self.last.as_ref().unwrap_or_else(|| raise(Finding::error(msg!("world-no-answer"))))
    }

    /// A recorder of its own, with the scenario's time budget, for requests sent concurrently;
    /// [`PlatformWorld::adopt`] adds what it recorded to the scenario's evidence.
    pub fn side_recorder(&self) -> Recorder {
        self.rec.deadline().map(Recorder::with_deadline).unwrap_or_default()
    }

    /// Adds exchanges recorded elsewhere (a [`PlatformWorld::side_recorder`]) to the scenario's
    /// evidence, in order; returns their indexes there.
    pub fn adopt(&self, exchanges: Vec<hutong_http::Exchange>) -> Vec<usize> {
        exchanges.into_iter().map(|e| self.rec.record(e)).collect()
    }

    /// Records a comparison the scenario could not make, once.
    pub fn note_limitation(&mut self, text: impl Into<hutong_model::Message>) {
        let text = text.into();
        if !self.limitations.contains(&text) {
            self.limitations.push(text);
        }
    }

    /// Authenticates as `role` if the harness can; returns whether it could. For checks that
    /// work better with credentials but are not about them.
    pub async fn try_authenticate(&mut self, role: &str) -> bool {
        self.token = self.token_for(role).await.ok();
        self.token.is_some()
    }

    /// The run's token for `role`, obtained once per run (the outcome, token or finding, is
    /// shared by every scenario).
    async fn token_for(&self, role: &str) -> Result<String, Finding> {
        self.ctx().client_token(&self.rec, role).await
    }

    /// A token acting for the person labelled `label` through client `role`, with `scope` when
    /// given (OPIS §7.2, `RunContext::person_with_scope`); an `error` when none can be obtained.
    pub async fn person(&self, kind: crate::identities::PersonKind, label: &str, role: &str, scope: Option<&str>) -> crate::identities::PersonSession {
        self.ctx().person_with_scope(&self.rec, kind, label, role, scope).await.or_raise()
    }

    /// Authenticates the scenario as `role`, reusing the run's token for that role.
    ///
    /// Pre-issued credentials from the target file win; otherwise the harness registers itself
    /// (RFC 7591). Failing to obtain a token is an `error` here: whether self-service access
    /// works is judged by its own requirement, not by every scenario that needs a token.
    pub async fn authenticate(&mut self, role: &str) {
        match self.token_for(role).await {
            Ok(token) => self.token = Some(token),
            Err(f) => raise(f.into_error(msg!("world-cannot-act-as", role = role))),
        }
    }
}

/// Whether `url` is on the platform's origins (its own and `trusted_origins` of discovery).
pub fn is_on_platform(ctx: &RunContext, url: &Url) -> bool {
    ctx.discovery.allowed_origins(&ctx.base_url).iter().any(|o| o.origin() == url.origin())
}

/// Refuses a URL off the platform's origins (its own and `trusted_origins` of discovery): the
/// harness sends no request, and so no credential, to another host. `what` names the URL in the
/// finding (`endpoint `openapi``).
pub fn check_on_platform(ctx: &RunContext, url: &Url, what: impl Into<Message>) -> Result<(), Finding> {
    if is_on_platform(ctx, url) {
        return Ok(());
    }
    Err(Finding::error(msg!("world-off-platform", what = what.into(), origin = url.origin().ascii_serialization())))
}

