@profile:cloud-migration
Feature: Export by a destination provider
  A customer who switches lets the destination provider take its data: the export the destination
  starts for the customer is the customer's own, whole and free. Policy （九）; EU Data Act art.
  30(2). The harness acts for a test customer (OPIS §7) through the authorization-code grant.

  # @serial: the two exports are compared record by record, so no other scenario may change the
  # records between them.
  @req:CM-20 @serial
  Scenario: An export a destination provider starts for the customer equals the customer's own, free
    An export started by another client acting for the customer (a destination provider's client,
    authorised by the customer through the OAuth authorization-code grant) MUST succeed free of charge
    and equal the customer's own export: the destination's export, never answered `402 Payment
    Required`, MUST complete (polled as CM-01 polls), and its manifest MUST list the same entities, each
    with the same record count and the same records (the same `id`s, each equal member by member,
    declared volatile fields aside), as an export the customer takes at the same time through its own
    client: the platform's affiliated client where the target supplies one (OPIS §7), else another
    client of the harness, and the verdict then says it is limited.
    Given the harness acts for the test customer "customer-a" through "third-party-b" as a destination provider
    And the customer's own client acts for the same customer
    When the customer's own client and the destination provider each export the customer's data
    Then the destination provider's export completed without a charge
    And both exports list the same entities with the same records
