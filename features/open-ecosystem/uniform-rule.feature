@profile:open-ecosystem
Feature: One uniform rule for every client
  Outsiders are served "under one uniform rule, fairly" (统一规则、公平对待): unrelated third
  parties, and the platform's own affiliated client where the target supplies it, get the same
  answers, as fast, under the same published limits. Policy （九）; EU PSD2 RTS art. 32 as precedent.

  @req:OE-05
  Scenario: Every client gets the same answers to the same randomised sequence of safe requests
    Every answer MUST have the same HTTP status for every client and the same JSON body after the
    members at the JSON Pointers of discovery `capabilities.volatile_fields` are removed.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    And the safe operations of the OpenAPI document, with path parameters filled from list results
    When every client sends the same randomised sequence of safe requests
    Then every client gets the same status and normalised body for every request

  # @serial: the latency samples are taken while no other scenario of the run loads the target
  # or the harness, so that they measure the platform, not the suite.
  @req:OE-06 @serial
  Scenario: No client is served measurably slower than another
    A platform MUST NOT serve any client measurably slower than another: for no ordered pair of
    clients does a one-sided Mann–Whitney U test on 40 interleaved samples each give p < 0.01
    divided by the number of pairs while the medians differ by at least 20 ms.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    And the safe operations of the OpenAPI document, with path parameters filled from list results
    When every client sends interleaved rounds of the same randomised safe request
    Then no client is served measurably slower than another

  @req:OE-08
  Scenario: Every client is shown the same rate-limit policy
    The rate-limit policy the platform publishes MUST be the same for every client, in the policy
    document and in the `RateLimit-Policy` response header.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    When each client fetches the published rate-limit policy
    Then every client is shown the same policy, in the document and in the RateLimit-Policy header
