# harness/checks/src/wellknown.rs: security.txt (RFC 9116, CORE-03) and the API catalog (RFC 9727, CORE-04).

## security.txt
wellknown-security-txt-media-type = security.txt is served as { $content_type }, not text/plain; charset=utf-8 (RFC 9116 §3)
wellknown-security-txt-no-content-type = security.txt is served as "no Content-Type", not text/plain; charset=utf-8 (RFC 9116 §3)
wellknown-security-txt-invalid = security.txt is not valid under RFC 9116: { $error } (§2.5.3 Contact, §2.5.5 Expires, §3)

## The API catalog
wellknown-catalog-no-linkset = the API catalog has no `linkset` array (RFC 9264 §4.2.1)
wellknown-catalog-context-not-object = a link context of the API catalog is not a JSON object (RFC 9264 §4.2.2)
wellknown-catalog-relation-not-array = relation { $relation } of the API catalog is not an array of target objects (RFC 9264 §4.2.3)
wellknown-catalog-media-type = the API catalog is served as { $content_type }, not application/linkset+json (RFC 9727 §4, RFC 9264 §4.2)
wellknown-catalog-no-content-type = the API catalog is served as "no Content-Type", not application/linkset+json (RFC 9727 §4, RFC 9264 §4.2)
wellknown-catalog-missing-links = the API catalog does not link to { $missing } (OPIS §13, RFC 9727 §4)
# One document the catalog must link to, and two or more of them.
wellknown-catalog-link = { $name } ({ $url })
wellknown-catalog-link-nor = { $first } nor { $next }
