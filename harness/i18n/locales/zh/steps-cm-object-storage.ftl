# harness/runner/src/steps/cloud_migration/object_storage.rs：对象存储通过 S3 API 迁移（CM-13）。

steps-cm-object-storage-not-declared = CM-13 已运行，但发现文档并未声明 capabilities.object_storage
steps-cm-object-storage-not-s3 = capabilities.object_storage.api 为 { $api }：声明对象存储的平台必须提供 S3 API（`s3`）
steps-cm-object-storage-no-bucket-url = capabilities.object_storage 没有 `bucket_url`
steps-cm-object-storage-bad-bucket-url = capabilities.object_storage.bucket_url：{ $error }
steps-cm-object-storage-credentials-endpoint-not-url = capabilities.object_storage.credentials_endpoint 不是 URL：{ $error }
steps-cm-object-storage-credentials-endpoint = 对象存储凭据端点
steps-cm-object-storage-credentials = 对象存储凭据
steps-cm-object-storage-credentials-missing = 对象存储凭据中没有 `{ $member }`
steps-cm-object-storage-no-keys = 平台未声明对象存储的 credentials_endpoint，目标文件也未给出 `{ $role }` 凭据（S3 访问密钥及其私密密钥）
steps-cm-object-storage-creating-bucket = 创建目标存储桶 { $bucket }
steps-cm-object-storage-copy-differs = 通过 S3 API 从 { $source } 复制的存储桶 { $bucket } 存在差异：缺失 { $missing } 个 [{ $missing_keys }]，多出 { $extra } 个 [{ $extra_keys }]，被更改 { $altered } 个 [{ $altered_objects }]
steps-cm-object-storage-altered-object = { $key }（{ $reason }）
