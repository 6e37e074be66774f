# harness/runner/src/migrate.rs：两个平台或两个存储桶之间的迁移无法执行或无法验证的原因（`hutong migrate-check`，CM-21）。

# 某一平台的错误（按给定的 `from` 或 `to`，或其基础 URL）。
migrate-on-platform = { $platform }：{ $detail }

# 连接平台。
migrate-no-base-url = { $target } 未给出 base_url
migrate-not-url-or-target-file = 既不是 URL，也不是目标文件：{ $error }
migrate-http-client = 无法构建 HTTP 客户端：{ $error }
migrate-discovery-status = 发现文档 { $url } 响应 HTTP { $status }，而非 200
migrate-unusable-discovery = 发现文档不可用
migrate-discovery-document = 发现文档
migrate-request-failed = { $request }：{ $error }
# 各请求（其英文即证据中的标签）。
migrate-request-create-export = 创建导出
migrate-request-poll-export = 轮询导出
migrate-request-manifest = 获取导出清单
migrate-request-import = 导入 { $entity }

# 导出（跟随至其清单）及其文件。
migrate-bad-job-location = 作业的 Location 无效：{ $error }
migrate-job-no-manifest-url = 已完成的作业未链接 manifest_url
migrate-job-failed = 导出作业失败
migrate-poll-status = 轮询导出作业响应 HTTP { $status }，或作业未完成
migrate-manifest-status = 导出清单 { $url } 响应 HTTP { $status }，而非 200
migrate-create-export-status = 创建导出响应 HTTP { $status }
migrate-file-digest = { $file } 响应 HTTP { $status }，SHA-256 为 { $sha256 }（清单：{ $expected }）
migrate-record-of-unlisted-entity = 某条记录所属的实体未列于清单中

# 导入。
migrate-read-spooled = 无法读取暂存的记录 { $path }：{ $error }
migrate-import-status = 导入 { $entity } 响应 HTTP { $status }：{ $answer }

# 存储桶。
migrate-s3-set-env = 请设置 { $variable }
migrate-stage-migration = 迁移
migrate-stage-verification = 验证
migrate-mixed-targets = 迁移只能在两个 OPIS 平台之间或两个 S3 存储桶之间进行

# 磁盘上的记录。
migrate-io = { $what }：{ $error }
migrate-io-work-dir = 无法在 { $path } 中创建工作目录
migrate-io-start-comparison = 无法开始比较
migrate-io-sorting = 排序记录
migrate-io-spool = 无法暂存源平台的记录
migrate-io-read-spooled = 无法读取暂存的记录
migrate-io-comparing = 比较记录
migrate-spooled-not-json = 某条暂存的记录不是 JSON：{ $error }
