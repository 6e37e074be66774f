@profile:anti-incompatibility
Feature: Link neutrality
  Links to other platforms, shops and payment pages are delivered, rendered and opened as links to
  the platform's own domain are: not blocked, stripped, rewritten to a warning page, forced through
  an interstitial, shown as plain text or delayed. Policy （九）; Anti-Unfair Competition Law
  art. 12; MIIT link-blocking guidance of 2021. Each scenario names the outside domains of the
  corpus that were treated differently.

  @req:AI-01
  Scenario: Links to every outside domain of the corpus are delivered unchanged like own-domain links
    The messaging interop operation MUST accept links to any domain and deliver them unchanged, as
    it delivers links to its own domain: the message text intact and the link's address neither
    stripped nor rewritten to a warning page or the platform's own redirector.
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
    interstitial or an extra hop through the platform's own redirector.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client opens links to the platform's own domain
    Then every own-domain link opens with a redirect straight to it
    When the client opens one link per outside domain, in random order
    Then every outside link opens with a redirect straight to it

  @req:AI-04
  Scenario: Links to every outside domain of the corpus are rendered clickable like own-domain links
    The platform's rendering of a delivered message MUST present a link to any outside domain as a
    clickable anchor whenever it presents links to its own domain as clickable anchors.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client sends messages with links to the platform's own domain
    And the client sends one message per outside domain, in random order
    Then every outside link is rendered as a clickable anchor when own-domain links are

  @req:AI-05
  Scenario: Messages with links to outside domains are delivered as promptly as own-domain links
    The messaging interop operation MUST deliver a message carrying a link to any outside domain as
    promptly as one carrying a link to its own domain. Robust timing: every outside link is timed
    three times, each time paired with an own-domain delivery sent right next to it (in random
    order, so both members of a pair see the same load); a domain counts as delayed only when it
    is slower than its own-domain partner by more than 250 ms in every pair.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client times 30 deliveries to the recipient per outside domain and of own-domain links, interleaved in random order
    Then no outside domain is delivered significantly slower than the own domain (OPIS §8.4)
