@profile:open-ecosystem
Feature: Disclosure documents (信息公示)
  Platform rules and terms, fees and the algorithmic rules that affect merchants and workers are
  published machine-readably, versioned, announced ahead and kept retrievable.
  Policy （二）, （八）, （十）; E-Commerce Law art. 33, 34.

  @req:OE-10
  Scenario: Rules, fee schedule and algorithmic rules are published and valid
    The platform MUST publish (discovery `endpoints.disclosures`, unauthenticated) an index valid
    against `disclosure-index.schema.json` listing at least the kinds `platform-rules` (service
    agreement and trading rules), `fee-schedule` and `algorithmic-rules`; the current version of
    each MUST be a document valid against `disclosure-document.schema.json`, with a version and an
    effective date.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    Then the index is valid and lists the platform rules, the fee schedule and the algorithmic rules
    And the current version of each listed document is a valid disclosure document

  @req:OE-11
  Scenario: Every change is announced at least 7 days before it takes effect
    Every version of every disclosure document listed in its history MUST have been announced
    (`announced_at`) at least 7 days (168 hours) before it takes effect (`effective_at`), the notice
    E-Commerce Law art. 34 sets.
    E-Commerce Law art. 34: 修改内容应当至少在实施前七日予以公示.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the history of every required disclosure document
    Then every version was announced at least 7 days before it took effect

  @req:OE-12
  Scenario: Earlier versions stay retrievable
    Each disclosure document MUST have a history listing every version with its effective date, and
    every listed version, including superseded ones, MUST be retrievable at its URL as a document
    valid against `disclosure-document.schema.json` whose `kind`, `version`, `announced_at` and
    `effective_at` are the ones listed (the same instants).
    OE-11 judges the notice from the history; this scenario makes sure the history is the documents'.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the history of every required disclosure document
    Then every listed version, superseded ones included, is retrievable and is the version listed, with the dates listed

  @req:OE-13
  Scenario: The algorithmic rules cover order allocation, piece rates and commission ratios
    The current `algorithmic-rules` document MUST contain a rule for each of the topics
    `order-allocation`, `piece-rates` and `commission-ratios`, each naming whom it affects
    (merchants, workers or both) and with a non-empty summary of its basic principle and main
    mechanism.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the current "algorithmic-rules" document
    Then it has a rule on order allocation, piece rates and commission ratios, each naming whom it affects

  @req:OE-14
  Scenario: The fee schedule states commission and payment-settlement rates
    The current `fee-schedule` document MUST state at least one commission rate and at least one
    payment-settlement rate, each as a fraction from 0 to 1 with what it applies to (a category or a
    payment method).
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the current "fee-schedule" document
    Then it states commission rates and payment-settlement rates as fractions
