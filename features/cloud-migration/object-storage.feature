@profile:cloud-migration
Feature: Object storage through the S3 API
  The S3 API is the interop surface clouds already share: a declared bucket can be copied out
  through it and verified object by object. Not applicable to a platform that declares no
  object storage.

  @req:CM-13
  Scenario: A declared bucket migrates through the S3 API and verifies object by object
    A platform that declares object storage (discovery `capabilities.object_storage` with `api` =
    `s3` and a `bucket_url`; S3 keys issued by its `credentials_endpoint`, or given in the target
    file as the `object-storage` credentials) MUST let a bucket be listed, read and written through
    the S3 API so that a migration to another S3 service preserves every object's key, size, SHA-256
    of content and user metadata, verified object by object.
    Given the platform declares object storage
    When the client copies the declared bucket to a new bucket through the S3 API
    Then the copy matches the source object by object
