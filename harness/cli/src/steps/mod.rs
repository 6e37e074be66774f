//! Step definitions. One module per profile folder of `features/`; steps stay thin and call the
//! shared checks of `hutong-checks`.
//!
//! A step stops its scenario by raising a [`hutong_model::Finding`] (`fail`, `error` or
//! `not_applicable`); the runner reads it back. Steps never read the reference platform's code or
//! state: only what comes over HTTP.

mod anti_incompatibility;
mod cloud_migration;
pub(crate) mod common;
mod core;
mod open_ecosystem;
