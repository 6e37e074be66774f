@profile:open-ecosystem
Feature: Disclosure documents (信息公示)
  Platform rules and terms, fees, the algorithmic rules that affect merchants and workers, the
  interop terms and the complaint channels are published machine-readably, consulted on,
  versioned, announced ahead and kept retrievable.
  Policy （二）, （三）, （八）, （九）, （十）; E-Commerce Law art. 32–34, 59; Algorithm Recommendation
  Provisions art. 20, 22.

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
    And the harness fetches the history of every listed disclosure document
    Then every version was announced at least 7 days before it took effect

  @req:OE-12
  Scenario: Earlier versions stay retrievable
    Each disclosure document MUST have a history listing every version with its effective date, and
    every listed version, including superseded ones, MUST be retrievable at its URL as a document
    valid against `disclosure-document.schema.json` whose `kind`, `version`, `announced_at` and
    `effective_at` are the ones listed (the same instants); a version once published MUST stay
    listed with the same dates and content.
    OE-11 judges the notice from the history; this scenario makes sure the history is the documents'.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the history of every listed disclosure document
    Then every listed version, superseded ones included, is retrievable and is the version listed, with the dates listed

  @req:OE-12
  Scenario: A published version is never rewritten, backdated or withdrawn
    Each disclosure document MUST have a history listing every version with its effective date, and
    every listed version, including superseded ones, MUST be retrievable at its URL as a document
    valid against `disclosure-document.schema.json` whose `kind`, `version`, `announced_at` and
    `effective_at` are the ones listed (the same instants); a version once published MUST stay
    listed with the same dates and content.
    A version is a published text: against the target's run history (OPIS §12), every version an
    earlier run retrieved is still listed and retrievable with the same `announced_at`,
    `effective_at` and content (SHA-256 of its `content`, members sorted). Without an earlier run of
    the target in its history this scenario is not applicable, saying so, and the requirement rests
    on the scenario above; the report names the earlier runs compared.
    Given the discovery document
    And the run history holds an earlier run of this target
    When the harness fetches the disclosure index without credentials
    And the harness fetches the history of every listed disclosure document
    Then every listed version, superseded ones included, is retrievable and is the version listed, with the dates listed
    And no version an earlier run retrieved was rewritten, backdated or withdrawn from its history

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

  @req:OE-17
  Scenario: The interop (developer) terms are published, complete and versioned
    The disclosure index MUST list a document of kind `interop-terms`, the agreement under which
    third-party API clients, apps or mini-programs are admitted: its current version MUST be valid
    against `disclosure-document.schema.json` and state at least one admission criterion, at least
    one review criterion, the review deadline (`review.deadline_days`) and at least one ground for
    suspension, each citing (`section`) a section the document contains; and it MUST be versioned
    like every disclosure document (OE-11, OE-12): its history MUST list the current version with
    the same `announced_at` and `effective_at`, as the latest version in effect at the time of the
    run, announced no later than that time.
    The criteria are checked against the sections the document contains, and the current version
    against its history; OE-11 and OE-12 judge the history itself, as for every listed document.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the current "interop-terms" document
    Then it is a valid disclosure document stating admission criteria, review criteria, a review deadline and grounds for suspension, each citing a section it contains
    And its history lists it as the version in effect now

  @req:OE-18
  Scenario: Every version was consulted on publicly before it was announced
    Each version listed in the history of each disclosure document SHOULD record the public
    consultation held on it (`consultation`: `opened_at`, `closed_at` and the channel's `url`, on
    the platform's origins), opened before it closed and closed no later than the version's
    `announced_at` and than the time of the run; the version's own document SHOULD record the same
    consultation (the same instants and URL), and the channel's URL SHOULD answer `GET` with `200`
    and a body that names the version (contains its `version` string).
    E-Commerce Law art. 34 para. 1: 应当在其首页显著位置公开征求意见.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the history of every listed disclosure document
    Then every listed version records a public consultation that closed before the version was announced
    And every version's document records the same consultation, and its channel names the version

  @req:OE-22
  Scenario: The algorithmic rules cover workers' pay, working time, and rewards and penalties
    A platform that dispatches work to workers (`capabilities.workers`) MUST also disclose in its
    current `algorithmic-rules` document a rule for each of the topics `pay-composition` (how pay is
    made up and paid), `working-time` and `rewards-penalties`, each naming `workers` among those it
    affects and with a non-empty summary of its basic principle and main mechanism.
    Algorithm Recommendation Provisions art. 20: 建立完善平台订单分配、报酬构成及支付、工作时间、奖惩等相关算法.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the current "algorithmic-rules" document
    Then it has a rule on pay composition, working time, and rewards and penalties, each naming workers as affected

  @req:OE-23
  Scenario: A complaint and appeal channel is published with its steps and time limit
    The disclosure index SHOULD list a document of kind `complaints` whose current version, valid
    against `disclosure-document.schema.json`, gives channels that take complaints and appeals from
    third parties, merchants and users (each of `third-parties`, `merchants` and `users` and each of
    `complaints` and `appeals` served by some channel), the processing steps (`steps`, at least one
    non-empty) and the time limit for a response (`response_days`); every channel's `url` SHOULD be
    on the platform's origins and answer `GET` with `200`, and the document's history SHOULD list
    its current version.
    Algorithm Recommendation Provisions art. 22: 明确处理流程和反馈时限.
    Given the discovery document
    When the harness fetches the disclosure index without credentials
    And the harness fetches the current "complaints" document
    Then it is a valid disclosure document giving channels for complaints and appeals open to third parties, merchants and users, the processing steps and a time limit
    And every complaint channel answers
    And its history lists it as the version in effect now
