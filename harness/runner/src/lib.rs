//! `hutong-runner`: runs an OPIS certification against a platform it knows only over HTTP.
//!
//! [`runner::certify`] reads discovery, runs the selected Gherkin scenarios with their step
//! definitions ([`steps`]) and returns the canonical [`hutong_model::Report`] with the recorded
//! evidence; [`migrate`] performs and verifies a migration between two live platforms, comparing
//! exported records by sorted runs on disk ([`records`], which the cloud-migration steps use too,
//! so that no comparison of exports holds an export in memory). Target
//! files ([`target`]) and the OAuth client of OPIS §7 ([`oauth`]) live here too. This crate never
//! writes to the terminal and never renders a report: the `hutong` binary does both.
#![forbid(unsafe_code)]

pub mod identities;
pub mod history;
pub mod migrate;
pub mod oauth;
pub mod records;
#[macro_use]
pub mod runner;
pub mod steps;
pub mod target;
