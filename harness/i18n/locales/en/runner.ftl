# harness/runner/src/runner/mod.rs and features.rs: why a run could not certify, and steps that
# fail for want of the harness.

# Why a run could not certify at all (every requirement "not run: …").
runner-invalid-base-url = invalid base URL: { $error }
runner-target-unreachable = target unreachable: { $error }
runner-discovery-invalid = invalid discovery document at { $url }: { $detail }
runner-discovery-status = HTTP { $status } instead of 200
runner-discovery-not-json = not JSON: { $error }
runner-discovery-not-i-json = not I-JSON: { $error }
runner-http-client = cannot build the HTTP client: { $error }
runner-suite-error = suite error: { $error }
runner-invalid-tag-expression = invalid tag expression { $expression }: { $error }
runner-selection-empty = the selection runs no scenario: the platform claims [{ $profiles }] and the profiles and tags asked for select none of their scenarios

# A scenario the harness itself could not run to the end.
runner-step-undefined = a step of the scenario has no definition in this harness
runner-setup-failed = the harness failed to set up the scenario
runner-step-panicked = harness fault in a step: { $panic }
runner-step-panicked-unknown = harness fault in a step: unknown panic
runner-step-ambiguous = ambiguous step definition: { $error }
