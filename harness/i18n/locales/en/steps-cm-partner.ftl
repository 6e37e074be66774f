# harness/runner/src/steps/cloud_migration/partner.rs: migration between the platform and a
# partner platform, both ways (CM-21).

steps-cm-partner-none = no migration partner: name another platform claiming cloud-migration in the target file as `migration_partner = "partner.toml"` (a base URL, or a target file with its credentials) to judge CM-21
steps-cm-partner-to-partner = platform → partner
steps-cm-partner-to-platform = partner → platform
steps-cm-partner-not-performed = the migration { $direction } could not be performed or verified: { $detail }

# What did not arrive complete and equal.
steps-cm-partner-not-equal = data migrated between the platform and its partner did not arrive complete and equal: { $problems }
steps-cm-partner-both-directions = { $first } | { $next }
steps-cm-partner-direction = { $direction }: { $differences }
steps-cm-partner-entity = `{ $entity }`: { $differences }
steps-cm-partner-missing = { $count } missing (e.g. { $examples })
steps-cm-partner-extra = { $count } extra (e.g. { $examples })
steps-cm-partner-altered = { $count } altered (e.g. { $examples })
steps-cm-partner-altered-item = { $id } ({ $difference })
steps-cm-partner-incomplete = the migration was not complete
