# harness/runner/src/steps/anti_incompatibility/interconnect.rs: open interconnection protocols (AI-08 oEmbed, AI-09 WebFinger, AI-10 ActivityPub).

steps-ai-interconnect-undeclared = the scenario needs open protocol { $protocol }, which the platform does not declare
steps-ai-interconnect-href-not-url = the oEmbed discovery href is not a URL: { $error }
steps-ai-interconnect-oembed-media-type = the JSON oEmbed response is served as { $content_type }, not application/json (oEmbed §2.3.4)
steps-ai-interconnect-no-webfinger-resource = ActivityPub is declared without a WebFinger resource to find an actor through
steps-ai-interconnect-jrd-unreadable = the WebFinger answer cannot be read ({ $error }): no actor to follow
steps-ai-interconnect-no-self-link = the account's JRD has no `self` link of type application/activity+json (ActivityPub §4.1 via WebFinger)
steps-ai-interconnect-outbox-not-url = the outbox is not a URL: { $error }

# What the requests and answers of the protocols are called in findings.
steps-ai-interconnect-content-page = the declared oEmbed content page
steps-ai-interconnect-oembed-endpoint = the oEmbed endpoint (oEmbed §2.3)
steps-ai-interconnect-oembed-response = the oEmbed response
steps-ai-interconnect-webfinger-lookup = the WebFinger lookup (RFC 7033 §4.2)
steps-ai-interconnect-webfinger-answer = the WebFinger answer
steps-ai-interconnect-webfinger-no-resource = a WebFinger request without `resource` (RFC 7033 §4.2)
steps-ai-interconnect-actor = the ActivityPub actor
steps-ai-interconnect-actor-document = the actor document
steps-ai-interconnect-outbox = the actor's outbox (ActivityPub §5.1)
steps-ai-interconnect-outbox-document = the outbox
