# harness/checks/src/interconnect.rs: open interconnection protocols (oEmbed, WebFinger RFC 7033, ActivityPub).

## Declared protocols (AI-08)
interconnect-none-declared = the discovery document declares no open interconnection protocol (capabilities.open_protocols)
interconnect-unknown-protocols = capabilities.open_protocols declares { $unknown } that OPIS does not know (it knows { $known }): nothing can be checked for it
interconnect-no-known-protocol = capabilities.open_protocols declares none of the open interconnection protocols ({ $known })

## oEmbed
interconnect-oembed-link-no-href = the oEmbed discovery link has no href (oEmbed §4)
interconnect-oembed-no-link = the content page advertises no JSON oEmbed endpoint: no <link rel="alternate" type="application/json+oembed"> (oEmbed §4)
interconnect-oembed-not-object = the oEmbed response is not a JSON object (oEmbed §2.3.4)
interconnect-oembed-version = the oEmbed response has version { $version }, not "1.0" (oEmbed §2.3.4)
interconnect-oembed-no-version = the oEmbed response lacks the required `version` (oEmbed §2.3.4)
interconnect-oembed-no-type = the oEmbed response lacks the required `type` (oEmbed §2.3.4)
interconnect-oembed-unknown-type = the oEmbed type { $kind } is none of photo, video, link, rich (oEmbed §2.3.4)
interconnect-oembed-missing-parameter = the oEmbed `{ $kind }` response lacks a valid `{ $key }` (oEmbed §2.3.4.{ $section })

## WebFinger
interconnect-jrd-media-type = the WebFinger answer is served as { $content_type }, not application/jrd+json (RFC 7033 §4.2, §10.2)
interconnect-jrd-no-content-type = the WebFinger answer is served as "no Content-Type", not application/jrd+json (RFC 7033 §4.2, §10.2)
interconnect-jrd-no-cors = the WebFinger answer has no Access-Control-Allow-Origin header (RFC 7033 §5)
interconnect-jrd-subject = the JRD subject is { $subject }, not the resource { $resource } (RFC 7033 §4.4.1)
interconnect-jrd-no-links = the JRD has no `links` array (RFC 7033 §4.4.4)
interconnect-jrd-link-no-rel = link { $index } of the JRD has no `rel` (RFC 7033 §4.4.4.1)

## ActivityPub
interconnect-actor-media-type = the actor is served as { $content_type }, not application/activity+json (ActivityPub §3.2)
interconnect-actor-no-content-type = the actor is served as "no Content-Type", not application/activity+json (ActivityPub §3.2)
interconnect-actor-missing = the actor document lacks { $members } (ActivityPub §4.1)
interconnect-outbox-media-type = the outbox is served as { $content_type }, not application/activity+json (ActivityPub §3.2)
interconnect-outbox-no-content-type = the outbox is served as "no Content-Type", not application/activity+json (ActivityPub §3.2)
interconnect-outbox-type = the outbox is of type Some({ $kind }), not an OrderedCollection (ActivityPub §5.1)
interconnect-outbox-no-type = the outbox is of type None, not an OrderedCollection (ActivityPub §5.1)
interconnect-the-declaration = capabilities.open_protocols
