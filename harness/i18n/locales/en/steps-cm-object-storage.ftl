# harness/runner/src/steps/cloud_migration/object_storage.rs: object storage migrates through
# the S3 API (CM-13).

steps-cm-object-storage-not-declared = CM-13 ran although discovery declares no capabilities.object_storage
steps-cm-object-storage-not-s3 = capabilities.object_storage.api is { $api }: a platform declaring object storage must offer the S3 API (`s3`)
steps-cm-object-storage-no-bucket-url = capabilities.object_storage has no `bucket_url`
steps-cm-object-storage-bad-bucket-url = capabilities.object_storage.bucket_url: { $error }
steps-cm-object-storage-credentials-endpoint-not-url = capabilities.object_storage.credentials_endpoint is not a URL: { $error }
steps-cm-object-storage-credentials-endpoint = the object-storage credentials endpoint
steps-cm-object-storage-credentials = object-storage credentials
steps-cm-object-storage-credentials-missing = the object-storage credentials have no `{ $member }`
steps-cm-object-storage-no-keys = the platform declares no object-storage credentials_endpoint and the target file gives no `{ $role }` credentials (S3 access key and secret)
steps-cm-object-storage-creating-bucket = creating the destination bucket { $bucket }
steps-cm-object-storage-copy-differs = bucket { $bucket } copied from { $source } through the S3 API differs: { $missing } missing [{ $missing_keys }], { $extra } extra [{ $extra_keys }], { $altered } altered [{ $altered_objects }]
steps-cm-object-storage-altered-object = { $key } ({ $reason })
