# harness/checks/src/contract.rs: live answers against the platform's own OpenAPI description.

## Operations that could not be called
contract-not-exercised = { $operation }: { $reason }
contract-segment-mixed = segment { $segment } mixes text and parameters
contract-no-list-value = no list at { $parent } gives a value for `{ $name }`
contract-query-no-value = required query parameter `{ $name }` has no example, default or enum

## An answer outside the description
contract-no-responses = the operation declares no responses
contract-undeclared-status = HTTP { $status } is not a declared status ({ $declared })
contract-undeclared-media-type = HTTP { $status } is served as { $media_type }; the operation declares { $declared }
contract-undeclared-no-content-type = HTTP { $status } is served as "no Content-Type"; the operation declares { $declared }
contract-body-not-json = HTTP { $status } { $media_type } body is not JSON: { $error }
contract-schema-mismatch = HTTP { $status } body does not match the declared schema: { $errors }
# `response` is the key of the declared response (a status, `2XX` or `default`).
contract-schema-uncompilable = cannot compile the schema { $operation } declares for HTTP { $response }: { $error }
