@profile:anti-incompatibility
Feature: Link neutrality
  Links to other platforms, shops and payment pages are delivered as links to the platform's own
  domain are: not blocked, stripped, rewritten to a warning page or delayed. Policy （九）;
  Anti-Unfair Competition Law art. 12; MIIT link-blocking guidance of 2021.

  @req:AI-01
  Scenario: Links to every outside domain of the corpus are delivered like own-domain links
    The messaging interop operation MUST accept links to any domain and deliver them unchanged
    and equally usable as links to the platform's own domain.
    Given the harness is authenticated as "third-party-a"
    And the outside-domain corpus
    When the client sends messages with links to the platform's own domain
    Then every own-domain link is delivered unchanged
    When the client sends one message per outside domain, in random order
    Then every outside link is delivered like the own-domain links
