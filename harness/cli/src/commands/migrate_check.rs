//! `hutong migrate-check --from TARGET --to TARGET`: performs a migration between two live
//! platforms (or two S3 buckets) and verifies it record by record ([`hutong_runner::migrate`]);
//! prints the result, writes it as a report directory like `certify`'s (optionally signed) and
//! maps it to an exit code.

use crate::Exit;
use hutong_model::exit_codes;
use hutong_runner::migrate::{migrate_with_progress, report::migration_report, MigrationOptions, StreamLimits};
use std::path::PathBuf;

/// Parses a size in bytes: a whole number with an optional `KiB`, `MiB` or `GiB` suffix.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("", 1)]
        .into_iter()
        .find_map(|(suffix, unit)| t.strip_suffix(suffix).map(|d| (d.trim(), unit)))
        .unwrap_or((t, 1));
    digits.parse::<u64>().ok().and_then(|n| n.checked_mul(unit)).ok_or_else(|| format!("{s:?} is not a size (a whole number of bytes, or with KiB, MiB or GiB)"))
}

/// Options of `migrate-check`.
#[derive(Debug, Clone, clap::Args)]
pub struct MigrateCheckArgs {
    /// The source platform: a base URL or a target file.
    #[arg(long, value_name = "TARGET")]
    pub from: String,
    /// The destination platform: a base URL or a target file.
    #[arg(long, value_name = "TARGET")]
    pub to: String,
    /// Role whose credentials (from a target file) act on each platform; without credentials
    /// the harness registers itself (RFC 7591).
    #[arg(long, default_value = "third-party-a")]
    pub role: String,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Records listed per kind of difference and entity in the text output.
    #[arg(long, default_value_t = 20)]
    pub show: usize,
    /// Object storage only: verify the two buckets without copying first.
    #[arg(long)]
    pub verify_only: bool,
    /// Object storage only: compare keys, sizes and MD5 ETags (from the listings, or HeadObject
    /// where a listing gives none), as `rclone check` does; reads no content and no user metadata.
    #[arg(long)]
    pub listings_only: bool,
    /// Object storage only: objects copied or compared at a time.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Accept invalid TLS certificates and host names (self-signed test platforms and S3
    /// servers); a target file's `[options] insecure = true` does the same for its platform.
    #[arg(long)]
    pub insecure: bool,
    /// Object storage only: objects larger than this are read by ranges and written by a
    /// multipart upload.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "8MiB")]
    pub multipart_threshold: u64,
    /// Object storage only: bytes of one range read and one part written (S3 requires 5 MiB at
    /// least, the last part excepted).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "5MiB")]
    pub part_size: u64,
    /// Object storage only: most bytes of object content held in memory at once, over every
    /// object in flight (at least twice the larger of the threshold and the part size).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64MiB")]
    pub buffer_budget: u64,
    /// Between platforms: where exported records are spooled and sorted (default: the system's
    /// temporary directory).
    #[arg(long, value_name = "DIR")]
    pub work_dir: Option<PathBuf>,
    /// Between platforms: bytes of records sorted in memory at once before a run goes to disk.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64MiB")]
    pub run_budget: u64,
    /// Write report.json, evidence/, junit.xml, cucumber.json, summary.md, report.html and
    /// report.csv into DIR (default: reports/runs/<time>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The longest wait, in seconds, for an answer and between two chunks of one (default: the
    /// HTTP client's, 15 s); a failing run ends within a few of them.
    #[arg(long, value_name = "SECS")]
    pub request_timeout: Option<u64>,
    /// Write no report directory.
    #[arg(long, conflicts_with = "out")]
    pub no_out: bool,
    /// Language of summary.md and report.html: en or zh.
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = super::certify::parse_lang)]
    pub lang: hutong_report::Lang,
    /// Sign report.json with this Ed25519 private key (from `hutong keygen`); writes
    /// report.json.sig, checked by `hutong verify`.
    #[arg(long, value_name = "KEYFILE", conflicts_with = "no_out")]
    pub sign: Option<PathBuf>,
}

/// Runs the migration and its verification.
pub async fn run(args: MigrateCheckArgs) -> Result<i32, Exit> {
    let options = MigrationOptions {
        from: args.from.clone(),
        to: args.to.clone(),
        role: args.role.clone(),
        verify_only: args.verify_only,
        listings_only: args.listings_only,
        concurrency: args.concurrency,
        insecure: args.insecure,
        limits: StreamLimits { multipart_threshold: args.multipart_threshold, part_size: args.part_size, buffer_budget: args.buffer_budget },
        work_dir: args.work_dir.clone(),
        run_budget: usize::try_from(args.run_budget).unwrap_or(usize::MAX).max(1),
        request_timeout: args.request_timeout.map(|s| std::time::Duration::from_secs(s.max(1))),
    };
    // Refused before contacting: limits that cannot work, a bad signing key.
    options.limits.check().map_err(|e| Exit::harness(format!("migrate-check: {e}")))?;
    let signing_key = args.sign.as_deref().map(hutong_report::sign::load_signing_key).transpose().map_err(Exit::harness)?;
    let started_at = hutong_runner::migrate::report::now_rfc3339();
    let started = std::time::Instant::now();
    let progress = crate::output::BucketProgress::new();
    let outcome = migrate_with_progress(&options, &|p| progress.update(p)).await;
    progress.finish();
    if !args.no_out {
        let dir = args.out.clone().unwrap_or_else(crate::default_out_dir);
        let (mut report, evidence) = migration_report(&options, &outcome, started_at, started.elapsed());
        let write_options = hutong_report::WriteOptions { lang: args.lang };
        hutong_report::write_outputs_with(&dir, &mut report, &evidence, write_options)
            .map_err(|e| Exit::harness(format!("the migration finished but its report could not be written: {e}")))?;
        eprintln!("report: {}", dir.join(hutong_report::REPORT_FILE).display());
        if let Some(key) = signing_key {
            let sig = hutong_report::sign::sign_report_file(&dir.join(hutong_report::REPORT_FILE), &key).map_err(Exit::harness)?;
            eprintln!("signature: {} ({})", sig.display(), hutong_report::sign::key_id(&key.verifying_key()));
        }
    }
    let outcome = outcome.map_err(Exit::harness)?;
    if outcome.buckets {
        crate::output::print_bucket_migration(&outcome.summary, args.json, args.show);
    } else {
        crate::output::print_migration(&outcome.summary, args.json, args.show);
    }
    Ok(if outcome.complete { exit_codes::CONFORMANT } else { exit_codes::NOT_CONFORMANT })
}
