//! `hutong index`: verifies signed runs and writes the public registry site.

use crate::Exit;
use hutong_model::exit_codes;
use std::path::PathBuf;

/// Options of `index`.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexArgs {
    /// Run directories (each holding report.json and report.json.sig).
    #[arg(required = true, value_name = "RUN_DIR")]
    pub runs: Vec<PathBuf>,
    /// Public key file (from `hutong keygen`) every run must be signed with.
    #[arg(long, value_name = "PUBFILE")]
    pub key: PathBuf,
    /// Directory of the site: index.html, index.zh.html, index.json, badges/, runs/.
    #[arg(long, value_name = "SITE")]
    pub out: PathBuf,
    /// Print only problems.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `index`: exit 0 when every run verified and is listed; [`exit_codes::NOT_CONFORMANT`]
/// when some run was rejected (each named by its directory on stderr; the site lists the rest);
/// [`exit_codes::HARNESS_ERROR`] for an unreadable key or a site that cannot be written.
pub fn run(args: IndexArgs) -> Result<i32, Exit> {
    let key = hutong_report::sign::load_verifying_key(&args.key).map_err(Exit::harness)?;
    std::fs::create_dir_all(&args.out).map_err(|e| Exit::harness(format!("cannot create the site directory {}: {e}", args.out.display())))?;
    let generated_at = time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    let check = hutong_report::registry::RegistryCheck {
        key: &key,
        suite_hash: opis_spec::SUITE_HASH,
        judging_digest: hutong_runner::runner::JUDGING_DIGEST,
        generated_at: &generated_at,
    };
    let summary = hutong_report::registry::build_site(&args.runs, check, &args.out).map_err(Exit::harness)?;
    for r in &summary.rejected {
        eprintln!("REJECTED  {}", hutong_model::sanitize_line(&r.dir.display().to_string(), 300));
        for p in &r.problems {
            eprintln!("          {}", hutong_model::sanitize_line(p, 400));
        }
    }
    if !args.quiet {
        println!(
            "site: {} ({} run(s) of {} platform(s) listed, {} rejected)",
            args.out.join("index.html").display(),
            summary.listed.len(),
            summary.platforms,
            summary.rejected.len()
        );
    }
    Ok(if summary.rejected.is_empty() { exit_codes::CONFORMANT } else { exit_codes::NOT_CONFORMANT })
}
