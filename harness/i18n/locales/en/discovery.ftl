# harness/checks/src/discovery.rs: the discovery document (OPIS §6).

discovery-unreadable = the discovery document cannot be read: { $error }
discovery-endpoint-missing = the discovery document declares no `{ $name }` endpoint
discovery-endpoint-not-absolute = endpoint `{ $name }` is not an absolute URL ({ $error })
discovery-endpoint-foreign-origin = endpoint `{ $name }` ({ $url }) is not on the platform's origin { $origin } nor in trusted_origins
discovery-version-not-semver = opis_version { $version } is not a semantic version (SemVer 2.0.0): { $error }
discovery-version-incompatible = the platform implements OPIS { $theirs }, which this suite (OPIS { $ours }) does not certify
discovery-the-document = the discovery document
