# harness/checks/src/sweep.rs: every answer of the run judged by OE-03 (problem details) and OE-09 (deprecation).

sweep-finding = { $what }: { $problems }
sweep-and-more = and { $more } more
sweep-answer-problem = { $request }: { $problem }
sweep-not-problem-details = error answers of the interop surface that are not RFC 9457 problem details (OPIS §9), among every answer of the run
sweep-deprecation-not-announced = deprecation not announced as the OpenAPI document and OPIS §14 require, among every answer of the run

# An error answer whose body was not kept whole: only its media type is judged.
sweep-no-media-type = HTTP { $status } as "no Content-Type", not application/problem+json (RFC 9457 §3)
sweep-wrong-media-type = HTTP { $status } as { $media }, not application/problem+json (RFC 9457 §3)

# The OpenAPI document and the Deprecation header disagree.
sweep-deprecation-undocumented = answers with `Deprecation: { $value }` but the OpenAPI document does not mark the operation `deprecated: true`
sweep-deprecation-header-missing = the OpenAPI document marks the operation `deprecated: true`, but this success carries no Deprecation header (RFC 9745 §2)
