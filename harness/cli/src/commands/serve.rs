//! `hutong serve-reference`.

use crate::Exit;
use hutong_reference::{FaultSet, ReferenceConfig, Shape};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Options of `serve-reference`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 for an ephemeral port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Inject the named fault (repeatable; see `hutong selftest --list`).
    #[arg(long = "fault", value_name = "NAME")]
    pub faults: Vec<String>,
    /// Seed of the data generator.
    #[arg(long, default_value_t = 2022)]
    pub seed: u64,
    /// Scale of the data set.
    #[arg(long, default_value_t = 1)]
    pub scale: usize,
    /// Shape of the platform: `marketplace` (every profile) or `cloud` (a cloud provider
    /// claiming cloud-migration only).
    #[arg(long, value_name = "SHAPE", default_value = "marketplace", value_parser = crate::commands::certify::parse_shape)]
    pub shape: Shape,
}

/// Serves until interrupted.
pub async fn run(args: ServeArgs) -> Result<i32, Exit> {
    let faults = FaultSet::from_names(&args.faults).map_err(Exit::harness)?;
    let config = ReferenceConfig { seed: args.seed, scale: args.scale, faults, ..ReferenceConfig::for_shape(args.shape) };
    let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.port);
    let running = hutong_reference::spawn(config, addr).await.map_err(|e| Exit::harness(format!("cannot listen on {addr}: {e}")))?;
    let faults: Vec<&str> = args.faults.iter().map(String::as_str).collect();
    println!(
        "hutong reference platform ({}) on {} (faults: {})",
        args.shape.name(),
        running.base_url,
        if faults.is_empty() { "none".to_string() } else { faults.join(", ") }
    );
    let _ = tokio::signal::ctrl_c().await;
    running.stop().await;
    Ok(hutong_model::exit_codes::CONFORMANT)
}
