# harness/checks/src/export.rs：批量导出、导出清单及其 JSON Lines 文件。

# 导出清单。
export-no-entities = 导出清单的 `entities` 为空：批量导出必须列出在线 API 提供的每一个实体
export-collections-missing = 导出清单没有为在线 API 提供的集合 { $collections } 列出实体（OpenAPI `GET /api/v1/<name>`）
export-nothing-to-compare = 无可比较的内容：导出清单的 `entities` 为空
export-the-manifest = 导出清单
export-manifest-unreadable = 无法读取导出清单：{ $error }
export-file-name-not-plain = 实体 { $entity }：文件名 { $file } 不是单纯的文件名（含路径或路径穿越）
export-record-count = 实体 { $entity }：record_count 为 { $declared }，但其文件包含 { $held } 条记录
export-more-than-2-64 = 超过 2^64

# 导出进行期间被删除的记录（CM-14）。
export-deleted-not-tombstone = 被删除记录 { $id } 的最后一行标记其已删除，但不是墓碑记录（应恰好包含 `id` 和 `deleted: true`）：{ $line }
export-deleted-outlives = 被删除的记录 { $id } 在导出中仍然存在：{ $place }中关于它的最后一行是该记录本身，在导出或自其 next_cursor 起的增量导出中，其后都没有墓碑记录（`{ $tombstone }`）
export-in-export = 导出
export-in-incremental-export = 增量导出

# 实体文件中的记录。
export-entity-schema = 实体 { $entity } 的模式
export-line-not-json = 第 { $line } 行不是 JSON：{ $error }
export-line-not-valid = 第 { $line } 行不符合实体的模式：{ $errors }
export-line-without-id = 第 { $line } 行没有 `id`
export-repeated-ids = 有 { $count } 条记录重复了先前记录的 ID
export-record-problems = 实体 { $entity }：{ $count } 处记录问题：{ $problems }
export-verifier-not-started = 无法启动记录校验程序：{ $error }
export-verifier-stopped = 实体 { $entity } 的记录校验程序已停止
export-verifier-failed = 实体 { $entity } 的记录校验程序失败

# 下载中的 JSON Lines 文件。
export-file-too-long = { $file } 超出了其导出清单声明的 { $declared } 字节
export-file-line-too-long = { $file } 第 { $line } 行：长于 { $max } 字节，超过测试工具作为一条记录读取的上限
export-file-line-not-json = { $file } 第 { $line } 行：不是 JSON：{ $error }
export-entity-line-too-long = 实体 { $entity } 有一行长于 { $max } 字节
