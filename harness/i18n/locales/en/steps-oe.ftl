# harness/runner/src/steps/open_ecosystem.rs: the published API description (OE-01), self-service access (OE-02) and problem details (OE-03).

# A client of the comparison registered with some metadata (a well-known app's, or neutral).
steps-oe-registered-role = the client registered with { $looks_like }

# OE-01.
steps-oe-endpoints-undescribed = the OpenAPI document does not describe declared endpoints: { $endpoints }

# OE-02: registration metadata of a well-known app.
steps-oe-no-well-known-app = no app of the app-identity corpus has a display_name, software_id and site (or the outside-domain corpus is empty): no registration metadata of a well-known app to register with
steps-oe-registration-refusal = { $role }: { $problem }
steps-oe-registrations-refused = neither registration (with client_uri, redirect_uris, contacts and software_id, RFC 7591 §2) was accepted, so they cannot be compared: { $refusals }
steps-oe-registration-treated-differently = registration metadata is treated differently: { $registered } was registered and got a token, but { $refusals }

# OE-03.
steps-oe-unknown-item-problem = an unknown `{ $collection }` item: { $problem }
steps-oe-errors-not-problem-details = error answers are not problem details (RFC 9457 §3): { $problems }
steps-oe-create-url-invalid = the declared create URL of `{ $entity }` is not a URL: { $error }
steps-oe-malformed-not-refused = a malformed JSON body sent to create `{ $entity }`: expected a 4xx refusal, got HTTP { $status }{ $hint }
steps-oe-malformed-not-problem = a malformed JSON body sent to create `{ $entity }`: { $problem }
steps-oe-malformed-refused = { $problem } (RFC 9457 §3)
steps-oe-unexpected-status = expected HTTP { $expected }, got { $status }{ $hint }

# What the requests and answers read here are called in findings.
steps-oe-openapi-document = the OpenAPI document
steps-oe-new-client-listing = listing { $endpoint } with the new client's token
steps-oe-create-url = the declared create URL of `{ $entity }`
