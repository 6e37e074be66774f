//! `hutong`: the OPIS conformance harness and certification command line.
//!
//! This is the only crate that knows about the terminal. Every error maps to an exit code of
//! [`hutong_model::exit_codes`] here, in `main`.
#![forbid(unsafe_code)]

mod commands;
mod output;

use clap::{Parser, Subcommand};
use hutong_model::exit_codes;
use std::path::PathBuf;

/// hutong (互通): conformance suite and certification harness for platform interoperability (OPIS).
#[derive(Debug, Parser)]
#[command(name = "hutong", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Certify a platform (with no URL and no target file: the built-in reference platform).
    Certify(commands::certify::CertifyArgs),
    /// Serve the reference platform, optionally with injected faults.
    ServeReference(commands::serve::ServeArgs),
    /// Print the requirement registry.
    Requirements(commands::requirements::RequirementsArgs),
    /// Run the mutation matrix: the reference passes, every fault is caught exactly.
    Selftest(commands::selftest::SelftestArgs),
    /// Generate an Ed25519 key pair for signing reports.
    Keygen(commands::keygen::KeygenArgs),
    /// Verify a signed report: signature, evidence digests and suite hash.
    Verify(commands::verify::VerifyArgs),
    /// Verify signed runs and write the public registry: a static bilingual site, index.json and
    /// a badge per platform and profile.
    Index(commands::index::IndexArgs),
    /// Migrate between two live platforms (export, import) and verify it record by record.
    MigrateCheck(commands::migrate_check::MigrateCheckArgs),
}

/// An error with the exit code it maps to.
#[derive(Debug)]
pub struct Exit {
    /// Exit code.
    pub code: i32,
    /// One-line reason, if any, printed to stderr.
    pub message: Option<String>,
}

impl Exit {
    /// A usage, configuration or harness error.
    pub fn harness(message: impl std::fmt::Display) -> Exit {
        Exit { code: exit_codes::HARNESS_ERROR, message: Some(message.to_string()) }
    }
}

impl From<anyhow::Error> for Exit {
    fn from(e: anyhow::Error) -> Exit {
        Exit::harness(format!("{e:#}"))
    }
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { exit_codes::HARNESS_ERROR } else { exit_codes::CONFORMANT };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hutong: cannot start the async runtime: {e}");
            std::process::exit(exit_codes::HARNESS_ERROR);
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Certify(args) => commands::certify::run(args).await,
            Command::ServeReference(args) => commands::serve::run(args).await,
            Command::Requirements(args) => commands::requirements::run(args),
            Command::Selftest(args) => commands::selftest::run(args).await,
            Command::Keygen(args) => commands::keygen::run(args),
            Command::Verify(args) => commands::verify::run(args),
            Command::Index(args) => commands::index::run(args),
            Command::MigrateCheck(args) => commands::migrate_check::run(args).await,
        }
    });
    let code = match result {
        Ok(code) => code,
        Err(exit) => {
            if let Some(m) = exit.message {
                eprintln!("hutong: {}", hutong_model::sanitize_line(&m, 2000));
            }
            exit.code
        }
    };
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    std::process::exit(code);
}

/// Where reports go by default: `reports/runs/<timestamp>` (ignored by git).
pub fn default_out_dir() -> PathBuf {
    let stamp = time::OffsetDateTime::now_utc()
        .format(&time::macros::format_description!("[year][month][day]T[hour][minute][second]Z"))
        .unwrap_or_else(|_| "run".to_string());
    PathBuf::from("reports/runs").join(stamp)
}
