//! Exit codes of the `hutong` command. Every error maps to one of these in one place, the CLI.

/// The target is conformant to every selected profile, or — for a partial (tag-filtered) run,
/// which supports no claim — no selected requirement failed or errored (or the command
/// succeeded).
pub const CONFORMANT: i32 = 0;

/// The target is not conformant: a selected profile has a failed MUST requirement or is not
/// claimed (`certify`); a fault escaped or a requirement has no fault (`selftest`); a migration
/// or a report did not verify (`migrate-check`, `verify`); a run was rejected (`index`: each is
/// named, the site lists the rest).
pub const NOT_CONFORMANT: i32 = 1;

/// Usage, configuration or harness error: bad arguments or target file (a target file without
/// `base_url`, a malformed tag expression or one that selects no scenario, an expired, unknown or
/// malformed waiver — all refused before any request), a key or site `index` cannot use,
/// unreachable target, invalid discovery document, or a verdict the harness could not decide
/// (inconclusive).
pub const HARNESS_ERROR: i32 = 2;
