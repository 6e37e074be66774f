//! `hutong selftest`: the mutation matrix. The reference platform passes every requirement, and
//! each fault of the catalog makes exactly its declared requirements fail, nothing else (a
//! requirement may be `error` only when blocked by a declared one, OPIS §10.2). Both
//! shapes of the reference run: the marketplace (every profile) with every fault, and the cloud
//! provider (core and cloud-migration) with the faults whose catalog entry names the `cloud`
//! shape; there, requirements of the profiles it does not claim are not applicable.

use crate::commands::certify::{certify_reference, CertifyArgs};
use crate::Exit;
use hutong_model::{exit_codes, NotApplicableReason, Outcome, Report};
use hutong_reference::{catalog, FaultSet, Shape};
use opis_spec::{Level, Profile, Registry};
use std::collections::BTreeSet;

/// Options of `selftest`.
#[derive(Debug, clap::Args)]
pub struct SelftestArgs {
    /// List the fault catalog and exit.
    #[arg(long)]
    pub list: bool,
    /// Only faults whose name contains this text (the baseline always runs).
    #[arg(long)]
    pub only: Option<String>,
    /// Certifications run at once.
    #[arg(long, default_value_t = 4)]
    pub jobs: usize,
}

/// Whether the registry exempts `id` from the reference's fault matrix.
fn exempted(id: &str) -> bool {
    Registry::embedded().get(id).is_some_and(|r| r.reference_exemption.is_some())
}

/// Whether `id` is conditional on a capability (registry `conditional_on`): not applicable when
/// a fault withdraws the capability's declaration.
fn conditional(id: &str) -> bool {
    Registry::embedded().get(id).is_some_and(|r| r.conditional_on.is_some())
}

/// The profiles a shape of the reference claims (`core` always).
fn claims(shape: Shape, profile: Profile) -> bool {
    match shape {
        Shape::Marketplace => true,
        Shape::Cloud => matches!(profile, Profile::Core | Profile::CloudMigration),
    }
}

/// What one certification of the matrix showed.
struct Row {
    shape: Shape,
    fault: Option<String>,
    declared: BTreeSet<String>,
    report: Report,
}

impl Row {
    fn failing(&self) -> BTreeSet<String> {
        self.report.requirements.iter().filter(|r| r.outcome == Outcome::Fail).map(|r| r.id.clone()).collect()
    }

    /// Requirements that did not come out as expected: declared ones must fail, others pass
    /// (or be not applicable for a reason the registry states).
    fn deviations(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in &self.report.requirements {
            let claimed = claims(self.shape, r.profile);
            let expected_fail = claimed && self.declared.contains(&r.id);
            let ok = if expected_fail {
                r.outcome == Outcome::Fail
            } else if !claimed {
                r.outcome == Outcome::NotApplicable
            } else {
                r.outcome == Outcome::Pass
                    // Undecided because a declared requirement failed that judges what it needs
                    // (OPIS §10.2): the fault broke that requirement, not this one.
                    || (r.outcome == Outcome::Error && !r.blocked_by.is_empty() && r.blocked_by.iter().all(|b| self.declared.contains(b)))
                    || (r.outcome == Outcome::NotApplicable
                        && match &r.not_applicable_reason {
                            // A capability the reference does not declare is only ever a fault's doing.
                            Some(NotApplicableReason::CapabilityNotDeclared { .. }) => self.fault.is_some() && conditional(&r.id),
                            Some(_) => true,
                            None => exempted(&r.id),
                        })
            };
            if !ok {
                out.push(format!(
                    "{} expected {}, got {}: {}",
                    r.id,
                    if expected_fail { "fail" } else { "pass" },
                    r.outcome,
                    hutong_model::sanitize_line(&r.message, 240)
                ));
            }
        }
        // Every message reads in English and in Chinese (issue 17).
        out.extend(self.report.text_problems().into_iter().map(|p| format!("message {p}")));
        let registry = Registry::embedded();
        for id in &self.declared {
            let claimed = registry.get(id).is_some_and(|r| claims(self.shape, r.profile));
            if claimed && self.report.requirement(id).is_none() {
                out.push(format!("{id} is declared by the fault but was not in the report"));
            }
        }
        out
    }
}

/// Runs the matrix.
pub async fn run(args: SelftestArgs) -> Result<i32, Exit> {
    let faults = catalog().map_err(Exit::harness)?;
    let registry = Registry::embedded();
    for f in &faults {
        for id in &f.breaks {
            if registry.get(id).is_none() {
                return Err(Exit::harness(format!("fault {} declares unknown requirement {id}", f.name)));
            }
        }
    }
    if args.list {
        for f in &faults {
            let shapes = if f.shapes.is_empty() { "marketplace".to_string() } else { f.shapes.join(",") };
            println!("{:<34} breaks {:<20} on {:<18} {}", f.name, f.breaks.join(","), shapes, f.description);
        }
        return Ok(exit_codes::CONFORMANT);
    }
    let selected: Vec<_> = faults.iter().filter(|f| args.only.as_deref().is_none_or(|o| f.name.contains(o))).collect();
    let certify_args = CertifyArgs {
        base_url: None,
        target: None,
        profiles: Vec::new(),
        tags: None,
        out: None,
        no_out: true,
        reference_faults: Vec::new(),
        reference_shape: Shape::Marketplace,
        insecure: false,
        seed: None,
        concurrency: 16,
        quiet: true,
        lang: Default::default(),
        sign: None,
        waivers: None,
        history: None,
    };
    let mut jobs: Vec<(Shape, Option<String>, BTreeSet<String>)> = Vec::new();
    for shape in [Shape::Marketplace, Shape::Cloud] {
        jobs.push((shape, None, BTreeSet::new()));
        jobs.extend(selected.iter().filter(|f| f.applies_to(shape)).map(|f| (shape, Some(f.name.clone()), f.breaks.iter().cloned().collect())));
    }
    let with_history: BTreeSet<String> = faults.iter().filter(|f| f.needs_history).map(|f| f.name.clone()).collect();
    let mut rows = Vec::new();
    for chunk in jobs.chunks(args.jobs.max(1)) {
        let with_history = &with_history;
        let runs = chunk.iter().map(|(shape, fault, declared)| {
            let certify_args = CertifyArgs { reference_shape: *shape, ..certify_args.clone() };
            async move {
                let set = match fault {
                    Some(name) => FaultSet::from_names(&[name]).map_err(Exit::harness)?,
                    None => FaultSet::none(),
                };
                // A fault judged over time runs against the history of a run without it.
                let needs_history = fault.as_ref().is_some_and(|n| with_history.contains(n));
                let history = if needs_history { Some(seeded_history(&certify_args, declared).await?) } else { None };
                let result = certify_reference(set, &certify_args, Vec::new(), None, history).await?;
                if let Some(reason) = result.fatal {
                    return Err(Exit::harness(format!("{} ({}): {reason}", fault.as_deref().unwrap_or("baseline"), shape.name())));
                }
                Ok::<_, Exit>(Row { shape: *shape, fault: fault.clone(), declared: declared.clone(), report: result.report })
            }
        });
        for row in futures::future::join_all(runs).await {
            rows.push(row?);
        }
    }
    // A fault is caught when every shape it ran on shows exactly its declared failures.
    let mut escaped_faults = BTreeSet::new();
    for row in &rows {
        let deviations = row.deviations();
        let name = format!("{}{}", if row.shape == Shape::Cloud { "cloud: " } else { "" }, row.fault.as_deref().unwrap_or("(none: baseline)"));
        if deviations.is_empty() {
            let blocked: BTreeSet<String> = row.report.requirements.iter().filter(|r| !r.blocked_by.is_empty()).map(|r| r.id.clone()).collect();
            let blocked = if blocked.is_empty() { String::new() } else { format!(" (blocked by the failure: {})", fmt_set(&blocked)) };
            println!("ok      {name:<34} fails {}{blocked}", fmt_set(&row.failing()));
        } else {
            if let Some(f) = &row.fault {
                escaped_faults.insert(f.clone());
            }
            println!("ESCAPED {name:<34} fails {}", fmt_set(&row.failing()));
            for d in deviations {
                println!("          {d}");
            }
        }
    }
    let escaped = escaped_faults.len();
    let caught = selected.len() - escaped;
    let baseline_ok = rows.iter().filter(|r| r.fault.is_none()).all(|r| r.deviations().is_empty());
    let with_fault: BTreeSet<&str> = faults.iter().flat_map(|f| f.breaks.iter().map(String::as_str)).collect();
    let testable: Vec<_> = registry.all().iter().filter(|r| r.not_tested_reason.is_none() && r.reference_exemption.is_none()).collect();
    let without: Vec<&str> = testable.iter().filter(|r| !with_fault.contains(r.id.as_str())).map(|r| r.id.as_str()).collect();
    println!(
        "faults: {}, caught: {caught}, escaped: {escaped}; requirements: {}, with a fault: {}; runs: {} on the marketplace, {} on the cloud shape",
        selected.len(),
        testable.len(),
        testable.len() - without.len(),
        rows.iter().filter(|r| r.shape == Shape::Marketplace).count(),
        rows.iter().filter(|r| r.shape == Shape::Cloud).count(),
    );
    if !without.is_empty() {
        println!("requirements without a fault: {}", without.join(", "));
    }
    let exempt: Vec<&str> = registry.all().iter().filter(|r| r.reference_exemption.is_some()).map(|r| r.id.as_str()).collect();
    if !exempt.is_empty() {
        println!("proven outside the reference's fault matrix (see reference_exemption): {}", exempt.join(", "));
    }
    let musts_untested: Vec<&str> = registry.all().iter().filter(|r| r.level == Level::Must && r.not_tested_reason.is_some()).map(|r| r.id.as_str()).collect();
    if !musts_untested.is_empty() {
        println!("MUSTs not tested black-box (see not_tested_reason): {}", musts_untested.join(", "));
    }
    let full_catalog = args.only.is_none();
    if !baseline_ok || escaped > 0 || (full_catalog && !without.is_empty()) {
        return Ok(exit_codes::NOT_CONFORMANT);
    }
    Ok(exit_codes::CONFORMANT)
}

/// A run history holding one run of the reference without faults, of the scenarios of the
/// requirements `breaks` only (OPIS §12): what a fault judged over time is compared with.
async fn seeded_history(args: &CertifyArgs, breaks: &BTreeSet<String>) -> Result<hutong_model::RunHistory, Exit> {
    let tags = breaks.iter().map(|id| format!("@req:{id}")).collect::<Vec<_>>().join(" or ");
    let seed_args = CertifyArgs { tags: Some(tags), ..args.clone() };
    let target = "built-in reference platform (selftest)";
    let result = certify_reference(FaultSet::none(), &seed_args, Vec::new(), None, Some(hutong_model::RunHistory::new(target))).await?;
    if let Some(reason) = result.fatal {
        return Err(Exit::harness(format!("the run that seeds a fault's history failed: {reason}")));
    }
    let mut history = hutong_model::RunHistory::new(target);
    history.record(hutong_model::HistoryRun { started_at: result.report.started_at.clone(), observations: result.observations });
    Ok(history)
}

fn fmt_set(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "nothing".to_string()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}
