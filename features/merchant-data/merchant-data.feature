@profile:merchant-data
Feature: A merchant's own data
  A merchant retrieves the orders, settlements, reviews and statistics it generated on the
  platform, three years back and free, itself or through the tools it authorises, and exports them
  in the bulk-export format. Policy （八）（九）（十三）; Network Data Security Management Regulations
  (2024) art. 46; E-Commerce Law (2018) art. 31, 53; EU DMA art. 6(10). The harness acts for a test
  merchant (OPIS §7, §16c) through the authorization-code grant.

  @req:MD-01
  Scenario: A merchant retrieves its orders, settlements, reviews and statistics three years back
    A merchant MUST be able to retrieve through the API, acting as itself, its own orders, settlements,
    reviews and daily statistics (the four datasets of its merchant-data document) at least three years
    back: for a test merchant whose `active_since` lies at least three years (1096 days) before the run,
    a listing of each dataset with `from` 1096 days before the run and `to` 31 days after that `from`
    MUST answer `200` with at least one record, and every record listed MUST have an `occurred_at` at or
    after `from` and before `to`.
    Given the harness acts for the test merchant "merchant-a" through "third-party-a"
    And the merchant's merchant-data document
    When the merchant lists every dataset for the 31 days that start three years before the run
    Then every dataset lists at least one record of that range, and none outside it

  @req:MD-02
  Scenario: A merchant's access to its own data is free
    Access to its own data MUST be free of charge for the merchant: the merchant-data document MUST
    state `charges` as an empty list or as charges whose every `amount` is zero, and no listing of a
    dataset nor the creation of a merchant export MUST be answered `402 Payment Required`.
    Given the harness acts for the test merchant "merchant-a" through "third-party-a"
    And the merchant's merchant-data document
    When the merchant lists every dataset for the 31 days that start three years before the run
    And the merchant starts an export of its data
    Then the merchant-data document states no charge
    And no listing and no export was answered 402 Payment Required

  @req:MD-03
  Scenario: A tool the merchant authorises gets the same data as the platform's own merchant tool
    A third-party tool the merchant authorises through the OAuth authorization-code grant (OPIS §7) MUST
    get the same data, at the same granularity, as the platform's own merchant tools: listing every
    dataset of the merchant-data document from 1096 days before the run to the run's start, a
    third-party client acting for the merchant and the platform's affiliated client acting for the same
    merchant (where the target supplies it, OPIS §7; else a second third-party client, and the verdict
    then says it is limited) MUST get the same status and the same records, walked to the end of the
    listing (OPIS §8.1): the same `id`s in the same order, each equal member by member after the
    normalisation of OPIS §8.2.
    Given the harness acts for the test merchant "merchant-a" through "third-party-a"
    And the platform's own merchant tool acts for the same merchant
    And the merchant's merchant-data document
    When both tools list every dataset from three years before the run to the run's start
    Then both tools get the same status and the same records for every dataset

  @req:MD-04
  Scenario: A merchant's export uses the bulk-export format
    A merchant's export SHOULD use the bulk-export format of CM-01 and CM-02: a `POST` to the
    merchant-data document's `exports` URL answers `202 Accepted` with the job's `Location`, the job
    reaches `complete` (polled as CM-01 polls) and links a manifest valid against
    `export-manifest.schema.json` that lists each of the four datasets as an entity whose record count
    equals the records the dataset's listing serves without a range, and every file's size and SHA-256
    match the manifest.
    Given the harness acts for the test merchant "merchant-a" through "third-party-a"
    And the merchant's merchant-data document
    When the merchant starts an export of its data
    And the merchant polls its export until it completes
    Then the merchant's export manifest validates against "export-manifest.schema.json" and lists every dataset
    And every file of the merchant's export matches the manifest in size and SHA-256
    And each dataset's record count in the export equals what its listing serves
