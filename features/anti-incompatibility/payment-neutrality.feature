@profile:anti-incompatibility
Feature: Payment neutrality
  Buyers pay with any payment method the platform declares, third parties' included, at the same
  price and through the same flow as with the platform's own; merchants are not bound to one
  platform ("choose one of two", 二选一). Policy （五）（九）; E-Commerce Law art. 35.

  @req:AI-11
  Scenario: Checkout accepts every declared payment method
    The checkout interop operation MUST offer every payment method the platform declares,
    third-party methods included: a checkout of a declared sandbox item with each declared method
    is accepted; and a payment method flagged `own` MUST be declared as such in discovery
    (`capabilities.checkout.own_payment_method`).
    Given the harness is authenticated as "third-party-a"
    And the declared payment methods and a declared sandbox item to buy
    When the client checks the sandbox item out once with each declared payment method
    Then every declared payment method is accepted

  @req:AI-12
  Scenario: Third-party payment methods cost the same and follow the same flow as the platform's own
    A platform that declares a payment method of its own
    (`capabilities.checkout.own_payment_method`) MUST flag it `own` in its payment methods, and a
    checkout of a declared sandbox item with a third-party payment method MUST carry the same price
    and go through the same flow (same state, same next action, same number of steps) as a checkout
    of the same item with the platform's own payment method; opening the next action's URL
    (`next_action.url`), where it is on the platform's origins, MUST lead on to the payment as the
    own method's does: a redirect (or a URL off the platform's origins) where the own method's leads
    on, never an interstitial page ("you are leaving") or another status.
    Given the harness is authenticated as "third-party-a"
    And the declared payment methods and a declared sandbox item to buy
    When the client checks the sandbox item out once with each declared payment method
    Then every accepted third-party checkout has the same price and flow as the platform's own
    When the client opens the next action of every accepted checkout
    Then every third-party method's next action leads on to the payment as the platform's own does

  @req:AI-13
  Scenario: The merchant terms declare no exclusivity
    The platform MUST publish its merchant terms as a declaration valid against
    `merchant-terms.schema.json`, stating explicitly `exclusivity_required: false` and listing no
    clause that restricts merchants from trading on other platforms or with other payment providers.
    When the harness fetches the merchant terms declared in discovery
    Then the body validates against the schema "merchant-terms.schema.json"
    And the merchant terms require no exclusivity

  @req:AI-17
  Scenario: Checkout neither defaults to nor requires a credit or instalment product
    Every declared payment method MUST state its `kind` (`balance`, `wallet`, `card`, `bank`,
    `credit`, `instalment` or `other`; `credit` and `instalment` are financial products). A
    checkout of a declared sandbox item without `payment_method` MUST be refused or paid with a
    method whose kind is neither `credit` nor `instalment`; and a checkout with a method of
    another kind MUST be paid with that method, without requiring enrolment in a financial
    product: no entry of its `steps` and neither the `type` nor the `url` of its `next_action`
    names a declared method of kind `credit` or `instalment`.
    Given the harness is authenticated as "third-party-a"
    And the declared payment methods and a declared sandbox item to buy
    When the client checks the sandbox item out without a payment method
    And the client checks the sandbox item out once with each declared payment method
    Then every declared payment method states its kind
    And the checkout without a payment method is refused or paid with a method that is not a financial product
    And no checkout with a method that is not a financial product requires one

  @req:AI-18
  Scenario: The merchant terms tie no prices elsewhere
    The merchant terms (`merchant-terms.schema.json`) MUST state `price_parity_required: false` and
    flag every clause with `restricts_pricing_elsewhere`, none `true`: no clause may tie a
    merchant's prices or terms on the platform to those it offers on other channels; a clause whose
    text contains price-parity wording of `fixtures/corpus/restriction-phrases.toml` (kind
    `price-parity`) ties them whatever its flag says.
    The flags are declarations, checked against the wording of the clauses they describe.
    When the harness fetches the merchant terms declared in discovery
    Then the body validates against the schema "merchant-terms.schema.json"
    And the merchant terms require no price parity

  @req:AI-19
  Scenario: The merchant terms rule out a ranking penalty for trading elsewhere
    The merchant terms SHOULD declare (`ranking`) where the platform's ranking rules are published
    (`rules_url`, on the platform's origins, answering `GET` with `200`) and that they neither
    demote nor otherwise limit a merchant for selling elsewhere (`demotes_for_selling_elsewhere:
    false`) or for using outside payment (`demotes_for_outside_payment: false`), and no clause of
    the terms SHOULD tie a ranking penalty to trading elsewhere (contain both a phrase of kind
    `ranking-penalty` and one of kind `elsewhere` of `fixtures/corpus/restriction-phrases.toml`).
    The declaration is checked against the clauses' wording and the published rules' address; how
    search actually ranks merchants is not compared.
    When the harness fetches the merchant terms declared in discovery
    Then the body validates against the schema "merchant-terms.schema.json"
    And the merchant terms declare no ranking penalty for selling elsewhere or paying outside, and the ranking rules they point to answer
