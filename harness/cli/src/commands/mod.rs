//! One module per subcommand.

pub mod certify;
pub mod requirements;
pub mod selftest;
pub mod serve;
