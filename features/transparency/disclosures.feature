@profile:transparency
Feature: Transparency disclosures (信息公示)
  Measures against merchants, credit-evaluation rules, the operator's and merchants' licence
  information, algorithm filings and the small-merchant support programme are published
  machine-readably at the disclosure index (OPIS §14), and checked against what the platform serves.
  Policy （二）（八）; E-Commerce Law (2018) art. 15, 33, 36, 39; Algorithm Recommendation Provisions
  (2021) art. 24, 26.

  @req:TP-08
  Scenario: Measures against merchants are published within the declared days, citing the rule applied
    The platform MUST publish a disclosure document `enforcement-actions` that declares within how
    many days of a measure it publishes it (`publication_days`, a positive integer) and lists the
    measures taken against merchants (`actions`, each with `merchant_id`, `measure` — `warning`,
    `suspension` or `termination` —, `date` and `published_at`, RFC 3339 full-dates or date-times, and `rule`); every action MUST have been
    published within the declared number of days of its date, and its `rule` MUST be the URL of a
    `platform-rules` disclosure document (its current version or a listed one) with, as fragment,
    the `id` of a section that document has.
    Given the discovery document
    When the harness fetches the current "enforcement-actions" disclosure
    Then every action was published within the declared days and cites a section of the platform rules

  @req:TP-09
  Scenario: Credit-evaluation rules are published, and ratings lie on their scale
    The platform MUST publish a disclosure document `credit-evaluation` stating its
    credit-evaluation rules (`rules`, at least one, each with a non-empty `summary`) and the scale
    of its ratings (`scale`, with `min` less than `max`); every `rating` of a search result MUST lie
    within that scale.
    Given the harness is authenticated as "third-party-a"
    When the harness fetches the current "credit-evaluation" disclosure
    And the harness searches for everything ordered by price, by sales and by rating
    Then it states its rules and a rating scale that every served rating lies within

  @req:TP-10
  Scenario: The operator's and every merchant's licence information is published
    The platform MUST publish a disclosure document `operator-identity` giving its operator's name
    (`name`), unified social credit code (`unified_social_credit_code`, 统一社会信用代码: 18 characters
    whose last is the check character of GB 32100-2015) and licences and filings (`licences`, at
    least one, each with `name` and `number`); and the licence information of every merchant the
    merchants endpoint lists MUST be served at `{merchants}/{id}/licence` (`merchant_id`, `name`,
    `unified_social_credit_code` valid as above, and `licences`).
    The harness reads the first 100 merchants listed.
    Given the harness is authenticated as "third-party-a"
    When the harness fetches the current "operator-identity" disclosure
    And the harness reads the licence information of the listed merchants
    Then it names the operator with a valid unified social credit code and its licences
    And every listed merchant's licence information is served, with a valid unified social credit code

  @req:TP-11
  Scenario: Algorithm filing numbers are declared
    The `operator-identity` disclosure document SHOULD list the platform's algorithm filings
    (`algorithm_filings`, each with the `algorithm` filed, its filing number `number` (备案编号) and
    `url`, an absolute `https` URL of its public filing information); a platform with no filed
    algorithm lists none (an empty list).
    The harness does not open the filing links: they lead off the platform's origins (OPIS §6.3).
    Given the discovery document
    When the harness fetches the current "operator-identity" disclosure
    Then it lists the algorithm filings, each with its number and an https link

  @req:TP-14
  Scenario: A small-merchant traffic-support programme, where published, says who gets what
    A platform MAY publish its traffic-support programme for small merchants as a disclosure
    document `small-merchant-support`; one it publishes MUST state who is eligible (`eligibility`,
    non-empty, and `tiers`, tiers the current `fee-schedule` publishes) and the support given
    (`support`, non-empty).
    Given the discovery document
    When the harness fetches the current "fee-schedule" disclosure
    And the harness fetches the current "small-merchant-support" disclosure, if the platform publishes one
    Then a published programme says who is eligible, in published tiers, and what support they get
