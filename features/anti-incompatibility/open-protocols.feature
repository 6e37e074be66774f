@profile:anti-incompatibility
Feature: Open interconnection protocols
  Others reach the platform's public content and accounts through open protocols: oEmbed for
  content, WebFinger (RFC 7033) for accounts, ActivityPub as recommended. A platform declares
  them in `capabilities.open_protocols` of its discovery document; each declared one must work.
  Policy （九）.

  @req:AI-08
  Scenario: The declared oEmbed provider advertises and serves valid oEmbed responses
    The platform MUST declare at least one open interconnection protocol (oEmbed, WebFinger,
    ActivityPub) and each one it declares MUST work. A declared oEmbed provider MUST advertise its
    endpoint on its content pages (oEmbed §4 discovery) and answer with a JSON response carrying
    `version` "1.0", a valid `type` and that type's required parameters (oEmbed §2.3.4) served as
    `application/json`.
    Given the declared open protocols
    Then every declared open protocol is one OPIS knows
    When the harness reads the declared oEmbed content page
    Then the page advertises a JSON oEmbed endpoint
    When the harness requests the advertised oEmbed representation
    Then it is a valid oEmbed JSON response for that page

  @req:AI-09
  Scenario: The declared WebFinger service describes public accounts as JRD
    A declared WebFinger service MUST answer `/.well-known/webfinger?resource=acct:...` for its
    public accounts with a JRD served as `application/jrd+json` whose `subject` is the resource and
    whose `links` have `rel` members, with `Access-Control-Allow-Origin`, and MUST answer a request
    without `resource` with 400.
    Given the declared open protocols
    When the harness looks up the declared WebFinger resource
    Then the answer is a JRD for that resource, served as application/jrd+json to any origin
    When the harness sends a WebFinger request without a resource
    Then the WebFinger service answers 400

  @req:AI-10
  Scenario: Public accounts are ActivityPub actors with an outbox
    A platform SHOULD expose its public accounts as ActivityPub actors: the WebFinger `self` link of
    type `application/activity+json` leads to an actor document served as
    `application/activity+json` with `id`, `type`, `inbox` and `outbox`, and the outbox is an
    `OrderedCollection`.
    Given the declared open protocols
    When the harness follows the account's ActivityPub self link
    Then the actor document has an id, a type, an inbox and an outbox
    And the actor's outbox is an ordered collection
