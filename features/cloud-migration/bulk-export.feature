@profile:cloud-migration
Feature: Bulk export
  All data can leave the platform in an open format, completely and verifiably.
  Policy （九）; Personal Information Protection Law art. 45; EU Data Act ch. VI.

  @req:CM-01
  Scenario: A bulk export runs as an asynchronous job and yields a valid manifest
    Creating an export job MUST answer `202 Accepted` with a `Location` of the job; polling the job
    MUST reach `complete` within 120 seconds (a test account's data is small; the harness polls at
    most 600 times, waiting as `Retry-After` asks, between 20 ms and 5 s, else 200 ms) and link a
    manifest that validates against `export-manifest.schema.json`, listing every entity with its
    files, record counts, byte sizes, SHA-256 digests, JSON Schema, format (JSON Lines), creation
    time and a cursor for the next incremental export.
    Given the harness is authenticated as "third-party-a"
    When the client creates an export job
    Then the platform answers 202 with the job's Location
    When the client polls the job until it completes
    Then the job links a manifest that validates against "export-manifest.schema.json"

  @req:CM-02
  Scenario: Exported files match the manifest and the live API
    Every exported file's size and SHA-256 MUST match the manifest; every record MUST validate
    against its entity's declared schema; record IDs MUST be unique within an entity; record counts
    MUST equal what the live API lists; and every exported record MUST equal, member by member, the
    item of the same `id` that the entity's live listing serves to the same client (strings byte
    for byte, without Unicode normalisation; numbers by value; declared volatile fields aside; OPIS
    §16), compared for every record of an entity of at most 1000 records, else for a sample of 1000
    drawn by the run's seed plus every record the harness created.
    Given the harness is authenticated as "third-party-a"
    And a completed export
    When the client downloads and verifies every file of the export
    And the client reads every exported entity through the live API
    Then every file's size and SHA-256 match the manifest
    And every record validates against its entity's schema, with unique IDs
    And each entity's record count equals what the live API lists
    And every compared record equals, member by member, what the live API serves for it
