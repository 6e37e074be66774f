//! One module per subcommand.

pub mod certify;
pub mod migrate_check;
pub mod requirements;
pub mod selftest;
pub mod serve;
