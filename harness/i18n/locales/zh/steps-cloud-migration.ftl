# harness/runner/src/steps/cloud_migration.rs：导出及其作业、清单和文件，以及导出与实时 API 的比较（CM-01、CM-02）。

# 各云迁移步骤共用。
steps-cloud-migration-precondition = 前提条件：{ $detail }
steps-cloud-migration-precondition-context = 前提条件
steps-cloud-migration-and-more = 另有 { $count } 项
steps-cloud-migration-on-disk = 无法将导出的记录保存在磁盘上以供比较（位于 { $dir }）：{ $error }

# 导出作业。
steps-cloud-migration-no-job-location = 202 响应未给出作业的 Location
steps-cloud-migration-location-not-url = Location 不是 URL：{ $error }
steps-cloud-migration-bad-job-location = 作业的 Location 无效：{ $error }
steps-cloud-migration-job-no-manifest-url = 已完成的作业未链接 manifest_url
steps-cloud-migration-manifest-url-not-url = manifest_url 不是 URL：{ $error }
steps-cloud-migration-job-failed = 导出作业失败{ $hint }
steps-cloud-migration-job-no-status = 导出作业没有 `status`
steps-cloud-migration-job-not-complete = 导出作业未在 { $seconds } 秒或 { $polls } 次轮询内达到 `complete`（等待的是 { $url } 处的状态 "complete"）
steps-cloud-migration-create-export-status = 创建导出响应 HTTP { $status }
steps-cloud-migration-no-usable-manifest = 没有可用的导出清单：{ $detail }
# 对作业和清单的检查所指的对象。
steps-cloud-migration-creating-export-job = 创建导出作业（RFC 9110 §15.3.3）
steps-cloud-migration-polling-export-job = 轮询导出作业
steps-cloud-migration-the-export-job = 导出作业
steps-cloud-migration-the-manifest = 导出清单

# 导出的文件。
steps-cloud-migration-download-status = 下载 { $file } 响应 HTTP { $status }
steps-cloud-migration-file-url-invalid = 文件 { $file } 没有有效的 URL：{ $error }
steps-cloud-migration-file-foreign-origin = 文件 { $file } 由 { $origin } 提供，不在平台的源之内
steps-cloud-migration-file-too-long = 超出清单声明的 { $declared } 字节
steps-cloud-migration-file-problem = { $file }：{ $detail }
steps-cloud-migration-file-download-status = { $file }：下载响应 HTTP { $status }
steps-cloud-migration-file-size = { $file }：{ $bytes } 字节，清单声明为 { $declared }
steps-cloud-migration-file-sha256 = { $file }：SHA-256 为 { $sha256 }，清单声明为 { $declared }
steps-cloud-migration-record-count = 实体 { $entity }：其文件中有 { $records } 条记录，record_count 声明为 { $record_count }
steps-cloud-migration-no-list = 没有可判定的列表（{ $what }）：前面的步骤未运行
steps-cloud-migration-list-problems = { $what }：{ $problems }
steps-cloud-migration-files-do-not-match = 导出的文件与清单不符
steps-cloud-migration-records-not-valid = 导出的记录无效

# 导出与实时 API 的比较。
steps-cloud-migration-no-list-url = 实体 { $entity } 未给出 list_url，且发现文档中没有可供读取的 `{ $entity }` 端点
steps-cloud-migration-list-url-not-url = 实体 { $entity } 的 list_url 不是 URL：{ $error }
steps-cloud-migration-list-url-of = 实体 { $entity } 的 list_url
steps-cloud-migration-listing-status = 列出 { $entity } 响应 HTTP { $status }
steps-cloud-migration-not-served = { $entity } { $id } 在导出中，但实时 API 不提供该记录
steps-cloud-migration-record-differs = { $entity } { $id }：{ $difference }
# 记录不同时比较的两方。
steps-cloud-migration-side-export = 导出
steps-cloud-migration-side-live-api = 实时 API
steps-cloud-migration-count-differs = 实体 { $entity }：导出包含 { $records } 条记录，实时 API 列出 { $live } 条
steps-cloud-migration-values-differ = { $count } 条导出的记录与实时 API 为其提供的内容不同：{ $records }
