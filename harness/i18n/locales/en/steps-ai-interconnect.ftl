# harness/runner/src/steps/anti_incompatibility/interconnect.rs: open interconnection protocols (AI-08 oEmbed, AI-09 WebFinger, AI-10 ActivityPub).

steps-ai-interconnect-undeclared = the scenario needs open protocol { $protocol }, which the platform does not declare
steps-ai-interconnect-href-not-url = the oEmbed discovery href is not a URL: { $error }
steps-ai-interconnect-oembed-media-type = the JSON oEmbed response is served as { $content_type }, not application/json (oEmbed §2.3.4)
steps-ai-interconnect-no-webfinger-resource = ActivityPub is declared without a WebFinger resource to find an actor through
steps-ai-interconnect-jrd-unreadable = the WebFinger answer cannot be read ({ $error }): no actor to follow
steps-ai-interconnect-no-self-link = the account's JRD has no `self` link of type application/activity+json (ActivityPub §4.1 via WebFinger)
steps-ai-interconnect-outbox-not-url = the outbox is not a URL: { $error }
