@profile:cloud-migration
Feature: Switching terms
  A customer can only switch when the terms of leaving are known and bounded.
  EU Data Act art. 25, 26 and 29; policy （九）, （二）, （八）.

  @req:CM-08
  Scenario: The switching terms are published and machine-readable
    The platform MUST publish its switching terms at the discovery endpoint `switching_terms` as a
    document valid against `switching-terms.schema.json`: notice, transition and data-retrieval
    periods, export formats and the switching and egress charges.
    When the client fetches the switching terms
    Then the terms validate against "switching-terms.schema.json"

  @req:CM-09
  Scenario: The notice period is at most two months
    The notice period to initiate switching MUST NOT exceed two months; the suite reads two months
    as 59 days, the shortest two consecutive calendar months.
    EU Data Act art. 25(2)(d): "a maximum notice period for initiation of the switching process,
    which shall not exceed two months".
    Given the platform's published switching terms
    Then the notice period is at most two months

  @req:CM-10
  Scenario: The transition period is at most 30 days
    The mandatory maximum transitional period for switching MUST NOT exceed 30 calendar days.
    EU Data Act art. 25(2)(a): "a mandatory maximum transitional period of 30 calendar days".
    Given the platform's published switching terms
    Then the transition period is at most 30 days

  @req:CM-11
  Scenario: The data-retrieval period is at least 30 days
    After the transitional period the customer MUST have at least 30 calendar days to retrieve their
    data.
    EU Data Act art. 25(2)(g): "a minimum period for data retrieval of at least 30 calendar days".
    Given the platform's published switching terms
    Then the data-retrieval period is at least 30 days

  @req:CM-12
  Scenario: Switching and egress charges are disclosed
    The switching terms MUST state both the switching charge and the data egress charge, each with
    amount, currency and unit (zero when none is charged); every other charge they list MUST be zero
    or marked `optional: true`, since a charge the customer cannot avoid when switching is a
    switching charge whatever its name (EU Data Act art. 2(36)).
    EU Data Act art. 29; art. 2(36): "switching charges" are charges "for the actions mandated by
    this Regulation for switching", data egress charges included.
    Given the platform's published switching terms
    Then the switching and egress charges are stated, and no other charge is mandatory
