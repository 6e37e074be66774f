//! `hutong-runner`: runs an OPIS certification against a platform it knows only over HTTP.
//!
//! [`runner::certify`] reads discovery, runs the selected Gherkin scenarios with their step
//! definitions ([`steps`]) and returns the canonical [`hutong_model::Report`] with the recorded
//! evidence; [`migrate`] performs and verifies a migration between two live platforms. Target
//! files ([`target`]) and the OAuth client of OPIS §7 ([`oauth`]) live here too. This crate never
//! writes to the terminal and never renders a report: the `hutong` binary does both.
#![forbid(unsafe_code)]

pub mod identities;
pub mod migrate;
pub mod oauth;
#[macro_use]
pub mod runner;
pub mod steps;
pub mod target;
