@profile:anti-incompatibility
Feature: Client neutrality
  The interop surface answers requests the same whatever app or platform they come from.
  Policy （九）; Anti-Unfair Competition Law art. 12.

  @req:AI-02
  Scenario: Every app identity of the corpus gets the same answers
    The interop surface MUST behave identically whatever User-Agent, Referer or Origin of another
    well-known app a request carries.
    Given the harness is authenticated as "third-party-a"
    And the app-identity corpus
    When the client lists "products" as each app identity, in random order
    Then every app identity gets the same status and body as the baseline, after normalisation
