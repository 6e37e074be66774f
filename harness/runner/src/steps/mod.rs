//! Step definitions. One module per profile folder of `features/`; steps stay thin and call the
//! shared checks of `hutong-checks`.
//!
//! A step stops its scenario by raising a [`hutong_model::Finding`] (`fail`, `error` or
//! `not_applicable`); the runner reads it back. Steps never read the reference platform's code or
//! state: only what comes over HTTP.

pub(crate) mod anti_incompatibility;
pub(crate) mod cloud_migration;
pub(crate) mod common;
pub(crate) mod core;
pub(crate) mod merchant_data;
pub(crate) mod open_ecosystem;
pub(crate) mod transparency;
pub(crate) mod personal_data;
