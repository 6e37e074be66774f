//! One module per subcommand.

pub mod certify;
pub mod index;
pub mod keygen;
pub mod migrate_check;
pub mod requirements;
pub mod selftest;
pub mod serve;
pub mod verify;
