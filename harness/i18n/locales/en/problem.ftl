# harness/checks/src/problem.rs: RFC 9457 problem details, and denials that cite a published rule (OE-16, OPIS §9).

problem-no-media-type = HTTP { $status } answer is served as "no Content-Type", not application/problem+json (RFC 9457 §3)
problem-wrong-media-type = HTTP { $status } answer is served as { $media }, not application/problem+json (RFC 9457 §3)
problem-details-of = HTTP { $status } problem details
problem-not-object = HTTP { $status } problem details are not a JSON object
problem-status-differs = problem `status` is { $found }, but the HTTP status is { $status } (RFC 9457 §3.1.2)
problem-no-title = problem details carry no `title` string (RFC 9457 §3.1.3)
problem-type-not-uri = problem `type` is { $found }, not a URI (RFC 9457 §3.1.1)

# The rule a denial cites (OE-16).
problem-denial-type-not-absolute = the HTTP { $status } denial's problem `type` { $uri } is not an absolute URI: it cites no published rule (OPIS §9)
problem-denial-type-not-https = the HTTP { $status } denial's problem `type` { $uri } is not an `https` URI: it cites no published rule (OPIS §9)
problem-denial-type-no-fragment = the HTTP { $status } denial's problem `type` { $uri } has no fragment naming a section of a published document (OPIS §9)
problem-denial-type-not-listed = the HTTP { $status } denial's problem `type` { $uri } is not the current version of a document the disclosure index lists ({ $listed }): it cites no published rule (OPIS §9)
problem-cited-document = the document a denial cites ({ $url })
problem-cited-section-missing = a denial cites section { $section } of { $document }, which has no such section (its `content.sections` ids: { $ids })
problem-cited-section-missing-no-ids = a denial cites section { $section } of { $document }, which has no such section (its `content.sections` ids: none)
