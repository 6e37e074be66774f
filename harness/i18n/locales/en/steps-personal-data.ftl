# harness/runner/src/steps/personal_data.rs and personal_data/sandbox.rs: steps of
# features/personal-data/ (OPIS §16b).

# The person's records and copy (PD-01 to PD-04).
steps-personal-data-add-status = adding a personal-information record answered HTTP { $status }, not 201{ $hint }
steps-personal-data-added-no-id = the added record has no `id`
steps-personal-data-added-record = the added record
steps-personal-data-own-copy = the person's copy
steps-personal-data-other-copy = the copy another processor fetched
steps-personal-data-copy-before-revocation = the copy before revocation
steps-personal-data-copy-402 = the copy answered 402 Payment Required; a copy is free of charge
steps-personal-data-copy-status = the copy answered HTTP { $status }, not 200{ $hint }
steps-personal-data-copy-no-records = the copy has no `records` array
steps-personal-data-copy-incomplete = the copy of the person's personal information is incomplete: { $count } of the records the person added are missing or altered: { $records }
steps-personal-data-none = none
steps-personal-data-copies-differ = the copy another processor received differs from the person's own: missing there { $missing }; only there { $extra }
steps-personal-data-no-two-records = no two records were added
steps-personal-data-correction-status = the correction answered HTTP { $status }{ $hint }
steps-personal-data-deletion-status = the deletion answered HTTP { $status }{ $hint }
steps-personal-data-old-value = record { $id } still has its old value after the correction
steps-personal-data-corrected-missing = the corrected record { $id } is missing
steps-personal-data-deleted-kept = the deleted record { $id } is still in the copy
steps-personal-data-changes-not-reflected = the next copy does not reflect the person's changes: { $problems }

# Cancellation of the account (PD-05).
steps-personal-data-cancellation-status = the cancellation answered HTTP { $status }, not 2xx{ $hint }
steps-personal-data-token-still-works = the token issued through { $role } answers HTTP { $status }, not 401
steps-personal-data-refresh-still-works = the refresh token issued through { $role } still obtains a new access token (RFC 6749 §6)
steps-personal-data-tokens-after-cancellation = after the account was cancelled, { $problems }: every token and grant issued for the account must stop working

# Scope enforcement (PD-06).
steps-personal-data-copy-needs-no-scope = the OpenAPI description names no scope in the security requirement of the copy operation (GET at endpoints.personal_data): access to personal data is not granted by scope (OPIS §16b)
steps-personal-data-openapi-document = the OpenAPI document
steps-personal-data-not-called = { $operation } was not called: { $reason }
steps-personal-data-operation-not-url = { $operation }: not a URL ({ $error })
steps-personal-data-only-destructive = not decided: every operation beyond the copy's scope is destructive, and the identity is not disposable (OPIS §7.2)
steps-personal-data-no-scope-beyond-copy = no operation of the OpenAPI description needs a scope beyond the copy's ({ $scope }): a token that may read the copy may also correct, delete and cancel — no least-privilege grant (OPIS §16b, PIPL art. 6)
steps-personal-data-wrong-challenge = { $operation } answered 403 with WWW-Authenticate { $challenge }
steps-personal-data-operation-status = { $operation } answered HTTP { $status }
steps-personal-data-scope-not-enforced = a token granted only { $scope } reached operations that need more, or was refused without an insufficient_scope challenge (403 and WWW-Authenticate: Bearer error="insufficient_scope", RFC 6750 §3.1): { $problems }
steps-personal-data-and-more = { $list }; … ({ $count } more)

# Revocation (PD-07).
steps-personal-data-revocation-status = the revocation request answered HTTP { $status }, not 200 (RFC 7009 §2.2){ $hint }
steps-personal-data-revoked-token-works = after its refresh token was revoked (RFC 7009), the grant's access token still answers HTTP { $status }, not 401
steps-personal-data-revoked-refresh-works = after it was revoked (RFC 7009 §2.2), the refresh token still obtains a new access token at the token endpoint (RFC 6749 §6)

# Refusals of rights requests.
steps-personal-data-not-refused = the request was not refused (HTTP { $status }): nothing to judge
steps-personal-data-the-refusal = the refusal
steps-personal-data-refusal-not-problem = the refusal (HTTP { $status }) is { $content_type }, not problem details (RFC 9457)
steps-personal-data-refusal-untyped = the refusal (HTTP { $status }) is untyped, not problem details (RFC 9457)
steps-personal-data-refusal-no-detail = it has no `detail` giving the reason
steps-personal-data-problem-type = the problem type
steps-personal-data-type-status = its `type` { $problem_type } answers HTTP { $status }, so it cites no published rule
steps-personal-data-type-not-rule = its `type` { $problem_type } is not a rule the platform publishes
steps-personal-data-refusal-unreasoned = the refusal of a rights request gives no reasons: { $problems }

# The test-identity sandbox (PD-10).
steps-personal-data-cannot-create-synthetic = cannot create the synthetic user { $label } through { $role }
steps-personal-data-hint-collision = the random login_hint drawn is one of a synthetic account the run created
steps-personal-data-no-code = no code to exchange for the synthetic user
steps-personal-data-verifier-collision = the wrong code_verifier drawn is the right one
