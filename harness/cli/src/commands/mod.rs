//! One module per subcommand.

pub mod certify;
pub mod keygen;
pub mod requirements;
pub mod selftest;
pub mod serve;
pub mod verify;
