//! `hutong keygen`: a new Ed25519 key pair for signing reports.

use crate::Exit;
use rand::TryRngCore as _;
use std::io::Write as _;
use std::path::PathBuf;

/// Options of `keygen`.
#[derive(Debug, Clone, clap::Args)]
pub struct KeygenArgs {
    /// Path of the private key (PKCS#8 PEM, mode 0600); the public key (SPKI PEM) goes to the same
    /// path with `.pub` appended.
    #[arg(long, value_name = "FILE", default_value = "hutong-signing.key")]
    pub out: PathBuf,
    /// Overwrite existing key files.
    #[arg(long)]
    pub force: bool,
}

fn create(path: &std::path::Path, force: bool, private: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    options.open(path)
}

/// The public key file beside the private key file `private`.
pub fn public_key_path(private: &std::path::Path) -> PathBuf {
    let mut s = private.as_os_str().to_owned();
    s.push(".pub");
    PathBuf::from(s)
}

/// Runs `keygen`.
pub fn run(args: KeygenArgs) -> Result<i32, Exit> {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.try_fill_bytes(&mut seed).map_err(|e| Exit::harness(format!("no operating-system randomness: {e}")))?;
    let key = hutong_report::sign::signing_key_from_seed(seed);
    seed.fill(0);
    let (private, public) = hutong_report::sign::encode_keys(&key).map_err(Exit::harness)?;
    let public_path = public_key_path(&args.out);
    for (path, text, is_private) in [(&args.out, private.as_str(), true), (&public_path, public.as_str(), false)] {
        let mut file = create(path, args.force, is_private)
            .map_err(|e| Exit::harness(format!("cannot create {}: {e}{}", path.display(), if e.kind() == std::io::ErrorKind::AlreadyExists { " (use --force to overwrite)" } else { "" })))?;
        file.write_all(text.as_bytes()).map_err(|e| Exit::harness(format!("cannot write {}: {e}", path.display())))?;
    }
    println!("private key: {} (keep it secret)", args.out.display());
    println!("public key:  {}", public_path.display());
    println!("key id:      {}", hutong_report::sign::key_id(&key.verifying_key()));
    Ok(hutong_model::exit_codes::CONFORMANT)
}
