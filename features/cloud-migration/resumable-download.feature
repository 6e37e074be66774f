@profile:cloud-migration
Feature: Resumable export downloads
  Large exports cross unreliable networks: a cut download resumes instead of starting over.
  RFC 9110 §13.1.5 (If-Range), §14 (range requests).

  @req:CM-04
  Scenario: A download cut halfway resumes with 206 and yields the same SHA-256
    Export files MUST carry a strong `ETag` and honour single byte-range requests: a download cut
    halfway and resumed with `Range` and a matching `If-Range` MUST get `206 Partial Content` with a
    correct `Content-Range`, and the joined bytes MUST have the SHA-256 of the uninterrupted
    download.
    Given the harness is authenticated as "third-party-a"
    And a completed export
    When the client downloads an export file, is cut off halfway and resumes with Range and If-Range
    Then the platform answers 206 with a matching Content-Range, and the joined bytes have the whole file's SHA-256

  @req:CM-05
  Scenario: A range request with a stale If-Range gets the whole file
    A range request whose `If-Range` entity tag does not match the file's current `ETag` MUST be
    answered with `200` and the whole representation, never with a part of a different version.
    RFC 9110 §13.1.5: "if the validator given in the If-Range header field does not match the
    selected representation's current validator ... the server MUST ignore the Range header field"
    and send the whole representation.
    Given the harness is authenticated as "third-party-a"
    And a completed export
    When the client asks for the second half of an export file with an If-Range that does not match
    Then the platform answers 200 with the whole file
