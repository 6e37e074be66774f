# harness/checks/src/openapi.rs: the OpenAPI description a platform publishes.

openapi-version-not-3 = `openapi` is { $version }, not an OpenAPI 3.x version
openapi-invalid-3-1 = the OpenAPI document does not validate against the official OpenAPI 3.1 schema (2022-10-07): { $errors }
openapi-no-info = the OpenAPI document has no info.title and info.version
openapi-no-paths = the OpenAPI document has no `paths` object
