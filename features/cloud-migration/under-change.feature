@profile:cloud-migration
Feature: Exports under change
  A switch happens while the platform keeps running: nothing changed during an export may be lost.
  Policy （九）; EU Data Act art. 25(2).

  @req:CM-03 @serial
  Scenario: Changes made during an export are in it or in the next incremental export
    Every record created or changed while an export runs (the harness changes a declared test
    record and creates one, `capabilities.test_resources.entities`, OPIS §6.6) MUST appear, with its
    changed values, either in that export or in the next incremental export requested with the
    export's `next_cursor` as `since`.
    Given the harness is authenticated as "third-party-a"
    When the client starts an export, then changes a declared test record and creates one while it runs
    And the client requests the incremental export from the export's next_cursor
    Then every change is in the export or in the incremental export

  @req:CM-14 @serial
  Scenario: Records deleted during an export do not outlive it: tombstones in it or in the next incremental export
    A record deleted while an export runs (the harness creates a test record before the export,
    `capabilities.test_resources.entities`, OPIS §6.6, and deletes it through the declared
    `delete` while the export runs) MUST NOT outlive the export and the next incremental export
    requested with its `next_cursor` as `since`: of the lines both hold for the record's `id`,
    read in that order, the last, if any, MUST be a tombstone, the line `{"id": …, "deleted":
    true}`.
    Given the harness is authenticated as "third-party-a"
    And a test record the harness created, with the declared way to delete it
    When the client starts an export, then deletes that test record while it runs
    And the client requests the incremental export from the export's next_cursor
    Then the deleted record does not outlive the export and the incremental export
