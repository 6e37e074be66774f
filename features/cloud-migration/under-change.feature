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
