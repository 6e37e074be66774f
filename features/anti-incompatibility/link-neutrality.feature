@profile:anti-incompatibility
Feature: Link neutrality
  Links to other platforms, shops and payment pages are delivered, rendered and opened as links to
  the platform's own domain are: not blocked, stripped, rewritten to a warning page, forced through
  an interstitial, shown as plain text or delayed. Policy （九）; Anti-Unfair Competition Law
  art. 12; MIIT link-blocking guidance of 2021. Each scenario names the outside domains of the
  corpus that were treated differently.

  @req:AI-01
  Scenario: Links to every outside domain of the corpus are delivered unchanged like own-domain links
    The platform's messaging interop operation MUST accept links to any domain and deliver them
    unchanged, as it delivers links to its own domain: the message text intact and the link's
    address neither stripped nor rewritten to a warning page or the platform's own redirector, in
    the delivered `links` and in the `href` of every anchor of the rendered `html` that shows the
    link.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client sends messages with links to the platform's own domain
    Then every own-domain link is delivered unchanged
    When the client sends one message per outside domain, in random order
    Then every outside link is delivered unchanged like the own-domain links

  @req:AI-03
  Scenario: Links to every outside domain of the corpus open directly like own-domain links
    The platform's link-opening operation MUST open a link to any outside domain directly, as it
    opens links to its own domain: a redirect straight to the link's address, without a forced
    interstitial (warning or "copy to browser" page) or an extra hop through the platform's own
    redirector.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client opens links to the platform's own domain
    Then every own-domain link opens with a redirect straight to it
    When the client opens one link per outside domain, in random order
    Then every outside link opens with a redirect straight to it

  @req:AI-04
  Scenario: Links to every outside domain of the corpus are rendered clickable like own-domain links
    The platform's rendering of a delivered message MUST present a link to any outside domain as a
    clickable anchor whenever it presents links to its own domain as clickable anchors, not as plain
    text.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client sends messages with links to the platform's own domain
    And the client sends one message per outside domain, in random order
    Then every outside link is rendered as a clickable anchor when own-domain links are

  @req:AI-05
  Scenario: Messages with links to outside domains are delivered as promptly as own-domain links
    The platform's messaging interop operation MUST deliver a message carrying a link to any outside
    domain as promptly as one carrying a link to its own domain: no holding, review queue or added
    latency reserved for outside links. Delivery is timed from sending until the recipient can read
    the message at its `Location` (polled for at most 5 s), in 30 rounds that each send one
    own-domain message and one per outside domain of the corpus at once, in random order (so that
    every context sees the same load); a domain is delayed when a one-sided Mann–Whitney U test of
    its delivery times against the own-domain messages of the same rounds gives p < 0.01 divided by
    the number of domains and the medians differ by at least 20 ms (OPIS §8.4).
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client times 30 deliveries to the recipient per outside domain and of own-domain links, interleaved in random order
    Then no outside domain is delivered significantly slower than the own domain (OPIS §8.4)

  @req:AI-15
  Scenario: Delivered messages carry exactly the links sent, with no link, parameter or affiliate code added
    A delivered message MUST carry exactly the links sent: no link added, in its `links` or as
    an anchor of its rendered `html`, and no query parameter, fragment or tracking or affiliate
    code added to a link to an outside domain, whatever the domain and however many messages the
    client sent before.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client sends 3 rounds of messages with one or two links, own-domain and outside, in random order
    Then every delivered message carries exactly the links sent

  @req:AI-16
  Scenario: Links to every outside domain of the corpus get previews like own-domain links
    A platform that renders link previews (`capabilities.link_previews`) MUST give a link to any
    outside domain a preview in the delivered message's `previews` whenever it gives one to a
    link to its own domain, with the same members as the own-domain previews and no `warning`
    the own-domain previews lack.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client sends messages with links to the platform's own domain
    And the client sends one message per outside domain, in random order
    Then every outside link gets a preview like the own-domain links, without a warning
