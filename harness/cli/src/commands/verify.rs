//! `hutong verify`: checks a signed report: the signature, every evidence file's digest and the
//! suite hash.

use crate::Exit;
use hutong_model::exit_codes;
use std::path::PathBuf;

/// Options of `verify`.
#[derive(Debug, Clone, clap::Args)]
pub struct VerifyArgs {
    /// The report (`report.json`, or the directory holding it); its signature is `report.json.sig`.
    pub report: PathBuf,
    /// Public key file written by `hutong keygen`.
    #[arg(long, value_name = "PUBFILE")]
    pub key: PathBuf,
    /// Print only problems.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `verify`: exit 0 when everything matches, otherwise names each mismatch on stderr and
/// exits with [`exit_codes::NOT_CONFORMANT`].
pub fn run(args: VerifyArgs) -> Result<i32, Exit> {
    let report = if args.report.is_dir() { args.report.join(hutong_report::REPORT_FILE) } else { args.report.clone() };
    let key = hutong_report::sign::load_verifying_key(&args.key).map_err(Exit::harness)?;
    let v = hutong_report::sign::verify_report(&report, &key, opis_spec::SUITE_HASH, hutong_runner::runner::JUDGING_DIGEST);
    if !args.quiet {
        for c in &v.checked {
            println!("ok        {}", hutong_model::sanitize_line(c, 300));
        }
    }
    for p in &v.problems {
        eprintln!("MISMATCH  {}", hutong_model::sanitize_line(p, 400));
    }
    if v.ok() {
        println!("verified: {} ({} checks)", report.display(), v.checked.len());
        Ok(exit_codes::CONFORMANT)
    } else {
        eprintln!("NOT VERIFIED: {} problem(s) in {}", v.problems.len(), report.display());
        Ok(exit_codes::NOT_CONFORMANT)
    }
}
