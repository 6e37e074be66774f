@profile:transparency
Feature: Search and ranking transparency (算法透明、竞价排名标明广告、自营标记)
  The rules of recommendation and search ranking are explained; paid placements are flagged and
  labelled 广告; search can be ordered by price, sales and rating; self-operated business is
  marked. Policy （六）（四）（二）（九）; E-Commerce Law (2018) art. 37, 40; Algorithm Recommendation
  Provisions (2021) art. 16.

  @req:TP-01
  Scenario: Recommendation and search ranking are explained
    The current `algorithmic-rules` disclosure document MUST contain a rule of topic
    `recommendation` and a rule of topic `search-ranking`, each stating separately, as non-empty
    strings, its basic principle (`principle`), its purpose (`purpose`) and its main mechanism
    (`mechanism`).
    Given the discovery document
    When the harness fetches the current "algorithmic-rules" disclosure
    Then it explains the principle, purpose and mechanism of recommendation and of search ranking

  @req:TP-05
  Scenario: Paid placements are flagged and labelled 广告
    Every result of search (`endpoints.search`) that is a paid placement MUST carry `sponsored:
    true` and the label 广告 (`label` equal to "广告"), and every result flagged `sponsored` MUST carry
    that label. The sandbox paid placements the platform declares
    (`capabilities.test_resources.sponsored_placements`, each a `query` and the `product_id` placed
    for it) MUST appear, flagged and labelled so, among the results of their query; a platform that
    declares none (an empty list) sells no placement, and a result flagged `sponsored` contradicts
    that declaration.
    The harness searches for everything (an empty query) and for the query of each declared
    placement; a sandbox placement is the platform's declared test resource (OPIS §6.6), so no real
    advertiser pays for the run.
    Given the harness is authenticated as "third-party-a"
    When the harness searches for the query of every declared sandbox paid placement, and for everything
    Then every result flagged sponsored is labelled 广告, and every declared placement appears so

  @req:TP-06
  Scenario: Search is ordered by price, sales and rating
    Search (`endpoints.search`) MUST offer ordering by price (`sort=price`, ascending
    `price_cents`), by sales (`sort=sales`, descending `sales`) and by rating (`sort=rating`,
    descending `rating`), and the results not flagged `sponsored` MUST be in that order; the
    `price_cents` of each of the first 20 results of the price ordering MUST be the price the
    product API serves for the product it names (`getProduct`).
    Given the harness is authenticated as "third-party-a"
    When the harness searches for everything ordered by price, by sales and by rating
    Then each ordering is in its order, sponsored results aside
    And the first results of the price ordering carry the prices the product API serves

  @req:TP-07
  Scenario: Self-operated items and merchants are marked as declared
    Every search result and every merchant's licence information (`{merchants}/{id}/licence`) MUST
    carry `self_operated`, true exactly for the merchants operated by the platform or its
    affiliates, which the `operator-identity` disclosure document lists (`self_operated_merchants`,
    merchant IDs); a search result is self-operated when its merchant (`merchant_id`) is.
    The harness reads the first 100 merchants listed and compares every search result of the three
    orderings.
    Given the harness is authenticated as "third-party-a"
    When the harness fetches the current "operator-identity" disclosure
    And the harness reads the licence information of the listed merchants
    And the harness searches for everything ordered by price, by sales and by rating
    Then self_operated is true exactly for the declared self-operated merchants and their results
