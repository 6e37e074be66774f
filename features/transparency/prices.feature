@profile:transparency
Feature: The same price for every person (不得大数据杀熟)
  Persons that differ only in history, device or client are quoted the same price for the same
  item, quantity, place and time; a difference is itemised with the published rule it applies.
  Policy （六）; Personal Information Protection Law (2021) art. 24; Algorithm Recommendation
  Provisions (2021) art. 21; Network Data Security Management Regulations (2024) art. 46.

  @req:TP-04
  Scenario: Persons with different histories, devices and clients are quoted the same price
    Two test persons that differ in history, device and client MUST be quoted the same price for the
    same item, quantity, delivery location and time: `persona-a` (a history of at least 10 product
    views, through client `third-party-a`) and `persona-b` (2 product views, through client
    `third-party-b`, with another `User-Agent`) ask `POST {price_quotes}` for the first product the
    products endpoint lists, quantity 1, delivery location `110105`, both at once in a random order,
    in 3 rounds; in every round their `total_cents` less the sum of their itemised `adjustments`
    (`amount_cents`) MUST be equal, and every adjustment MUST cite (`rule`) a section of a published
    `platform-rules` document (its URL with the section `id` as fragment).
    The persons are test identities (OPIS §7.2); the harness builds their histories through the
    ordinary product API, and sends each round's two quotes at the same moment.
    Given persona-a and persona-b have different histories, built through the product API
    When both personas ask for a price quote for the first listed product at once, in 3 rounds
    Then they are quoted the same price, any difference itemised with a published rule
