@profile:open-ecosystem
Feature: One uniform rule for every client
  Outsiders are served "under one uniform rule, fairly" (统一规则、公平对待): unrelated third
  parties, and the platform's own affiliated client where the target supplies it, get the same
  answers, as fast, under the same published limits. Policy （九）; EU PSD2 RTS art. 32 as precedent.

  @req:OE-05
  Scenario: Every client gets the same answers to the same randomised sequence of safe requests
    Two unrelated third-party clients (pre-issued, or registered by the harness through RFC 7591)
    and, where the target supplies one, the platform's own affiliated client send the same
    randomised sequence of safe requests (every declared GET operation at least once, in a seeded
    random order, plus 8 random extra draws, so that repeated requests are compared too). Every
    answer MUST have the same HTTP status for every client and the same JSON body after the
    normalisation of OPIS §8.2: the members at the JSON Pointers listed in discovery
    `capabilities.volatile_fields` (pointers relative to the body root, at most 16, each naming a
    scalar member, never an object, an array or the root) and a top-level `generated_at` whose value
    is an RFC 3339 date-time (the time the answer was generated, no difference in treatment) are
    removed from each body; nothing else is normalised — member order is ignored, array order and
    every other value are compared exactly. A volatile-fields declaration beyond these bounds is a
    failure of this requirement.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    And the safe operations of the OpenAPI document, with path parameters filled from list results
    When every client sends the same randomised sequence of safe requests
    Then every client gets the same status and normalised body for every request

  # @serial: the latency samples are taken while no other scenario of the run loads the target
  # or the harness, so that they measure the platform, not the suite.
  @req:OE-06 @serial
  Scenario: No client is served measurably slower than another
    With the clients of OE-05, the harness sends one warm-up round (discarded, so that connection
    set-up and cold caches are not measured) and then 40 rounds of the same randomised safe request
    (40 samples per client, above the 30 that OPIS §8.4 requires for the normal approximation of U;
    fewer than 30 samples is an error), the clients' order shuffled in every round (interleaved
    samples). For every ordered pair of clients (X, Y) a one-sided Mann–Whitney U test (normal
    approximation with tie correction) asks whether X's latencies are stochastically greater than
    Y's; the platform fails when, for some pair, p < 0.01 divided by the number of ordered pairs
    (Bonferroni, family-wise false-alarm rate at most 1 %) AND the median latency of X exceeds that
    of Y by at least 20 ms (practical threshold). A platform MUST NOT serve any client measurably
    slower than another.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    And the safe operations of the OpenAPI document, with path parameters filled from list results
    When every client sends interleaved rounds of the same randomised safe request
    Then no client is served measurably slower than another

  @req:OE-08
  Scenario: Every client is shown the same rate-limit policy
    The rate-limit policy the platform publishes MUST be the same for every client: fetched by the
    clients of OE-05 (two unrelated third parties and, where supplied, the affiliated client), the
    policy documents MUST be equal after the normalisation of OE-05, and the `RateLimit-Policy`
    response header (draft-ietf-httpapi-ratelimit-headers, RateLimit-Policy field), where the
    platform sends it, MUST have the same value for every client on the same request.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    When each client fetches the published rate-limit policy
    Then every client is shown the same policy, in the document and in the RateLimit-Policy header

  @req:OE-15
  Scenario: Every client gets the same order on the same terms, and the same next action
    A platform that offers checkout MUST take the same order on the same terms from every client:
    the clients of OE-05 (two unrelated third parties and, where the target supplies one, the
    platform's own affiliated client) and a third party registered with the metadata of a well-known
    app as OE-02 registers it (when that registration fails, OE-02 judges it and the comparison is
    made without it) each check out the first declared sandbox item (OPIS §6.6) once with every
    declared payment method, the clients interleaved in a random order; for every payment method,
    every client's answer MUST have the same HTTP status and the same body after the normalisation
    of OPIS §8.2 with the order's own `id` removed and its value replaced by a placeholder wherever
    else it appears (the same total, fees, state, next action and steps), and opening the next
    action's URL (`next_action.url`), where it is on the platform's origins, MUST give every client
    the same answer: the same status, media type and `Location`, the order's identifier replaced
    alike.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    And a third party registered with the metadata of a well-known app joins the comparison
    And the payment methods and the first declared sandbox item
    When every client checks the sandbox item out once with each declared payment method, interleaved
    And every client opens the next action of each of its orders
    Then every client gets the same order, with the same total, fees and steps, for each payment method
    And every client gets the same answer when opening the next action
