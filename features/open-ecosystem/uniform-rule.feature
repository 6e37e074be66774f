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

  # Not @serial: the windows are taken while the other scenarios load the target, as a platform
  # sees a real client's traffic; paired rounds sent at once cancel that load (OPIS §8.4).
  # @across-run: the scenario lasts the whole run, and has the run's time budget.
  @req:OE-06 @across-run
  Scenario: No client is served measurably slower than another, at any time of the run
    With the clients of OE-05, the harness samples latency in four windows across the run: at its start;
    in its middle and near its end, once a share of the run's other scenarios drawn from the run's seed
    has finished (between 30 % and 60 %, and between 85 % and 100 %); and right after every client has
    sent the same sustained traffic of safe requests (between 60 and 90 requests per client, drawn
    from the seed, at most a quarter of the smallest published per-client limit other than the probe's).
    A window is one warm-up round (discarded) and 30 rounds of a randomised safe request (30 samples per
    client, the fewest OPIS §8.4 admits; fewer is an error), every client's copy of a round sent at
    once, in a fresh random order, after a random pause. For every window and every ordered pair of
    clients (X, Y) a one-sided Wilcoxon signed-rank test of the paired differences X − Y (normal
    approximation with tie and continuity corrections) asks whether X is served slower than Y; the tests
    of all windows and pairs form one family, corrected by Holm's method at α = 0.01 (family-wise
    false-alarm rate at most 1 %), and the platform fails when a test is significant after the
    correction AND the median paired difference is at least 20 ms (practical threshold). A platform MUST
    NOT serve any client measurably slower than another, at any time of a run.
    Given the discovery document
    And the harness acts as every client of the uniform-rule comparison
    And the safe operations of the OpenAPI document, with path parameters filled from list results
    When every client sends interleaved rounds of the same randomised safe request in windows across the run
    Then no client is served measurably slower than another in any window

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
