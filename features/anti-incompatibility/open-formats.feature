@profile:anti-incompatibility
Feature: Open formats
  Content goes in and comes out in open media types, byte for byte, labelled correctly: images as
  PNG and JPEG, text as UTF-8 plain text. Policy （九）.

  @req:AI-14
  Scenario: Imported PNG, JPEG and text come back byte for byte with their media type
    The platform's content import operation MUST accept every open media type it declares (at least
    `image/png`, `image/jpeg` and `text/plain`), and its export MUST return the content byte for
    byte with the same `Content-Type`.
    Given the harness is authenticated as "third-party-a"
    And the declared open media types include PNG, JPEG and plain text
    When the client imports a generated sample of each declared media type and exports it again
    Then every sample comes back byte for byte with its media type and matching magic bytes
