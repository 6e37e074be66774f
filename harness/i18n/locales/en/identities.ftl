# harness/runner/src/identities.rs: test identities of persons (OPIS §7.1–§7.3).

# Kinds of person (OPIS §7.1), in words.
identities-kind-user = user
identities-kind-merchant = merchant

# Acting for a person.
identities-cannot-act-for = cannot act for { $kind } { $label } through { $role }
identities-cannot-act-through-client = cannot act through { $role }'s client of persons
identities-cannot-read-metadata = cannot read the OAuth metadata
identities-not-disposable = identity { $label } is a certifier-owned account not marked `disposable = true` in the target file: destructive steps run only on synthetic or disposable identities (OPIS §7.2)

# Certifier-owned identities of the target file.
identities-no-credentials-for-grant = no [credentials.{ $role }] for the grant of { $label }
identities-wrong-kind = the target file's identity { $label } is a { $kind }, and a { $needed } was needed
identities-other-client = the target file's identity { $label } holds a refresh token of client { $client }, and the scenario acts through { $role }: add an [[identities]] entry of the same name for client { $role } (OPIS §7.2)
identities-client-without-credentials = the target file's identity { $label } names client { $role }, which has no [credentials.{ $role }] in the target file

# Synthetic identities of the sandbox (OPIS §7.2).
identities-endpoint = endpoint `{ $name }`
identities-test-identity = test identity
identities-no-sandbox = the platform declares no endpoints.test_identities (synthetic identities, OPIS §7.2) and the target file lists no [[identities]] entry named { $label }
identities-sandbox-status = the test-identities endpoint answered HTTP { $status }, not 201 (OPIS §7.2)
identities-sandbox-no-id = the test identity has no `id` or `login_hint` (OPIS §7.2)
identities-sandbox-not-synthetic = the test identity is not marked `synthetic: true`: the harness acts for no account that may be a real person's (OPIS §7.3)
identities-sandbox-wrong-kind = the test identity's kind is not { $kind } (OPIS §7.2)

# The OAuth endpoints of the person flow.
identities-oauth-member = the OAuth { $member }
identities-metadata-names-no = the OAuth metadata names no { $member } ({ $cite })
identities-member-not-absolute = the OAuth { $member } is not an absolute URL ({ $error })
identities-login-hint-refused = the authorization endpoint refused the synthetic identity's login_hint: { $error }
identities-login-hint-refused-described = the authorization endpoint refused the synthetic identity's login_hint: { $error } ({ $description })
identities-state-not-returned = the authorization redirect did not return the request's state (RFC 6749 §4.1.2)
identities-iss-not-issuer = the authorization redirect's iss is not the metadata's issuer (RFC 9207 §2.4)
