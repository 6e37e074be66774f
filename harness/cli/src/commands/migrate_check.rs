//! `hutong migrate-check --from TARGET --to TARGET`: performs a migration between two live
//! platforms (or two S3 buckets) and verifies it record by record ([`hutong_runner::migrate`]);
//! prints the result and maps it to an exit code.

use crate::Exit;
use hutong_model::exit_codes;
use hutong_runner::migrate::{migrate_with_progress, MigrationOptions};

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
    };
    let progress = crate::output::BucketProgress::new();
    let outcome = migrate_with_progress(&options, &|p| progress.update(p)).await;
    progress.finish();
    let outcome = outcome.map_err(Exit::harness)?;
    if outcome.buckets {
        crate::output::print_bucket_migration(&outcome.summary, args.json, args.show);
    } else {
        crate::output::print_migration(&outcome.summary, args.json, args.show);
    }
    Ok(if outcome.complete { exit_codes::CONFORMANT } else { exit_codes::NOT_CONFORMANT })
}
