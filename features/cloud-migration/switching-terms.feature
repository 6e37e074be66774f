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

  @req:CM-15
  Scenario: No switching charge from 12 January 2027, and at most cost before
    From 12 January 2027 the switching charge and the data egress charge that the switching terms
    state MUST be zero; before that date each MUST be zero or marked `basis: "cost"`, no more than
    the costs directly linked to the switching process.
    EU Data Act art. 29(1): from 12 January 2027 no switching charges; art. 29(3): until then,
    reduced charges not exceeding the costs directly linked to the switching process. The bound is
    that of the UTC date on which the run judges the terms.
    Given the platform's published switching terms
    Then the switching and egress charges are within the bound of the run's date

  @req:CM-16
  Scenario: The formats register is online and describes the export
    The switching terms MUST link (`formats_register`) an online register, retrievable without
    credentials and valid against `formats-register.schema.json`, listing every exportable entity
    with its media type, the JSON Schema of a record and the standards used; its entities, media
    types and schemas MUST be those of the platform's export manifest.
    EU Data Act art. 26(b): "an up-to-date online register … with details of all data structures
    and data formats as well as the relevant standards and open interoperability specifications".
    Given the harness is authenticated as "third-party-a"
    And a completed export
    And the platform's published switching terms
    When the client fetches the formats register the terms link, without credentials
    Then the register validates against "formats-register.schema.json"
    And the register lists exactly the export's entities, with their media type and schema

  @req:CM-17
  Scenario: The terms state when exportable data is erased
    The switching terms MUST state that exportable data and digital assets are fully erased after
    the data-retrieval period or once switching has completed (`erasure.after`), and within how
    many calendar days (`erasure.within_days`).
    EU Data Act art. 25(2)(h). Erasure happens after the run; the harness checks the statement,
    not the erasure (OPIS §16).
    Given the platform's published switching terms
    Then the terms state when and within how many days exportable data is erased

  @req:CM-18
  Scenario: The terms state where the infrastructure is
    The switching terms SHOULD state the jurisdictions (ISO 3166-1 alpha-2 codes) of the
    infrastructure holding customer data (`infrastructure.jurisdictions`), whether customer data
    leaves the mainland of China (`infrastructure.data_leaves_china`, true whenever a jurisdiction
    other than `CN` is listed), and the measures against governmental access from other
    jurisdictions (`infrastructure.access_safeguards`).
    EU Data Act art. 28(1); Personal Information Protection Law art. 41.
    Given the platform's published switching terms
    Then the terms state the jurisdictions of the infrastructure, consistently with whether data leaves China

  @req:CM-19
  Scenario: The terms describe the switching procedure and its known limitations
    The switching terms SHOULD describe the switching procedure (`procedure.steps`, and
    `procedure.url`, a page describing it that answers `200` without credentials) and list the
    known restrictions and technical limitations of switching (`limitations`, empty when none is
    known).
    EU Data Act art. 26(a).
    Given the platform's published switching terms
    Then the terms describe the switching procedure and list the known limitations
    When the client opens the procedure page without credentials
    Then the procedure page answers 200
