@profile:transparency
Feature: Personalised recommendation under the person's control (个性化推荐的选择和关闭)
  A person can have recommendations that do not depend on them, turn personalisation off with
  immediate effect, and see and delete the tags used. The persons are test identities (OPIS §7.2)
  whose histories the harness builds through the ordinary product API. Policy （六）; Algorithm
  Recommendation Provisions (2021) art. 17; Personal Information Protection Law (2021) art. 24;
  Network Data Security Management Regulations (2024) art. 42.

  @req:TP-02
  Scenario: The non-personalised option gives every person the same list
    Recommendations (`endpoints.recommendations`) MUST offer a non-personalised option, the query
    parameter `personalised=false`, whose result list is the same (the same `product_id`s in the
    same order) for two test persons with different histories asking at the same time. The harness
    builds different histories for `persona-a` and `persona-b` through the product API (OPIS §16a),
    then, in 3 rounds, sends both persons' requests at once, in a random order.
    persona-a reads the first 10 products the products endpoint lists and persona-b the last 2 of
    that page, their reads interleaved in a seeded order. The personas' default lists are compared
    too: equal, they show the histories made no visible difference, and the verdict is marked
    limited.
    Given persona-a and persona-b have different histories, built through the product API
    When both personas ask for non-personalised recommendations at once, in 3 rounds
    Then the non-personalised lists are the same for both personas

  @req:TP-03 @serial
  Scenario: Turning personalisation off takes effect on the next request; tags are listed and deleted
    A person MUST be able to turn personalised recommendation off (`PUT {personalisation}` with
    `{"enabled": false}`), and the very next recommendations (`endpoints.recommendations` without
    `personalised`) MUST be the non-personalised ones (`personalised=false`, asked right after). A
    person MUST be able to list the tags used for recommendation (`GET {personalisation}/tags`:
    `items`, each with an `id`) and to delete any of them (`DELETE {personalisation}/tags/{id}`),
    after which it is no longer listed.
    Serial: it changes persona-a's setting, which the harness turns back on before judging.
    Given persona-a and persona-b have different histories, built through the product API
    When persona-a turns personalisation off and asks for recommendations
    And persona-a lists its tags and deletes the first
    Then the first recommendations after turning it off were not personalised, and the deleted tag is gone
