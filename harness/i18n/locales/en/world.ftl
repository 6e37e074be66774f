# harness/runner/src/runner/world.rs: the helpers steps use to raise findings and to authenticate.

# Values a step reads from an earlier step of the same scenario.
world-no-earlier-value = no `{ $field }`: an earlier step did not run
world-no-answer = no answer to check: an earlier step fetched nothing

# URLs off the platform's origins.
world-endpoint = endpoint `{ $name }`
world-off-platform = { $what } is on { $origin }, outside the platform's origins (its own and trusted_origins); the harness sends no request there

# The client-credentials token of a role (OPIS §7).
world-cannot-act-as = cannot act as { $role }
