@profile:anti-incompatibility
Feature: Client neutrality
  The interop surface answers requests the same whatever app or platform they come from: whatever
  `User-Agent`, `Referer` or `Origin` they carry. Policy （九）; Anti-Unfair Competition Law
  art. 12. Each scenario names the apps that were answered differently.

  @req:AI-02
  Scenario: Every app User-Agent of the corpus gets the same answers
    The interop surface MUST behave identically whatever `User-Agent` of another well-known app or
    platform a request carries: same status, same body after the normalisation of OPIS §8.2
    (declared volatile fields, at most 16 scalar members, and a top-level `generated_at` date-time
    removed).
    Given the harness is authenticated as "third-party-a"
    And the app-identity corpus
    When the client lists "products" with each app's User-Agent, in random order
    Then every app identity gets the same status and body as the baseline, after normalisation

  @req:AI-06
  Scenario: Every app Referer and Origin of the corpus gets the same answers
    The interop surface MUST behave identically whatever `Referer` or `Origin` of another well-known
    app or platform a request carries: same status, same body after the normalisation of OPIS §8.2
    (declared volatile fields, at most 16 scalar members, and a top-level `generated_at` date-time
    removed).
    Given the harness is authenticated as "third-party-a"
    And the app-identity corpus
    When the client lists "products" with each app's Referer and Origin, in random order
    Then every app identity gets the same status and body as the baseline, after normalisation
