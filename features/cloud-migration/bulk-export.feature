@profile:cloud-migration
Feature: Bulk export
  All data can leave the platform in an open format, completely and verifiably.
  Policy （九）; Personal Information Protection Law art. 45; EU Data Act ch. VI.

  @req:CM-01
  Scenario: A bulk export runs as an asynchronous job and yields a valid manifest
    Creating an export job MUST answer 202 with a Location of the job; polling MUST reach
    `complete` and link a manifest that validates against `export-manifest.schema.json`.
    Given the harness is authenticated as "third-party-a"
    When the client creates an export job
    Then the platform answers 202 with the job's Location
    When the client polls the job until it completes
    Then the job links a manifest that validates against "export-manifest.schema.json"

  @req:CM-02
  Scenario: Exported files match the manifest and the live API
    Every exported file's size and SHA-256 MUST match the manifest; every record MUST validate
    against its schema; IDs MUST be unique; counts MUST equal what the live API lists.
    Given the harness is authenticated as "third-party-a"
    And a completed export
    When the client downloads and verifies every file of the export
    Then every file's size and SHA-256 match the manifest
    And every record validates against its entity's schema, with unique IDs
    And each entity's record count equals what the live API lists
