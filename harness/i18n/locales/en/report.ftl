# Messages the report itself writes about requirements.

# An error explained by a failed precondition (OPIS §10.2).
blocked-by = not decided: blocked by { $requirements }, which failed in this run and judges what it needs; { $detail }

# What a scenario's result says for one requirement.
scenario-passed = as required: every step of "{ $scenario }" passed ({ $exchanges } HTTP exchanges checked)
scenario-passed-finding-elsewhere = as required: judged by "{ $scenario }", whose finding concerns { $requirements } only ({ $exchanges } HTTP exchanges checked)
scenario-stopped-elsewhere = not decided: the scenario stopped at a finding about { $requirements }

# Why a requirement was not decided or does not apply (OPIS §10.1).
profile-not-claimed = the platform does not claim the { $profile } profile
capability-not-declared = not applicable: conditional on the capability `{ $capability }`, which the platform does not declare (discovery `capabilities`, OPIS §6.5)
not-tested = not tested: { $reason }
deadline-passed = not decided: the run deadline of { $seconds }s passed first
deadline-passed-after = not decided: the run deadline of { $seconds }s passed first; { $detail }
no-scenario-verified = no scenario of this suite verified the requirement
not-applicable-not-admitted = not decided: { $detail } (OPIS §10.1 admits not_applicable only for an unclaimed profile, an undeclared capability the registry makes the requirement conditional on, or a registry not_tested_reason)
not-run = not run: { $reason }

# The built-in reference platform a run certified (from the run's configuration).
builtin-reference = hutong's built-in reference platform ({ $shape } shape), without faults (no target was given)
builtin-reference-with-faults = hutong's built-in reference platform ({ $shape } shape) with the injected faults { $faults } (no target was given)
