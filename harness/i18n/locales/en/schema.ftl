# harness/checks/src/schema.rs: JSON Schema validation of documents (the suite's schemas and those a platform declares).

schema-unknown = the suite has no schema { $name }
schema-invalid = { $what } does not validate against { $name }: { $errors }
schema-declared-invalid = { $what } is not a valid JSON Schema: { $error }

# One validation error, and the tail of a list cut short.
schema-error-at = at { $path }: { $error }
schema-errors-and-more = { $errors } (and { $more } more)
