# harness/runner/src/steps/cloud_migration/import.rs：导入导出格式，以及“导出 → 导入 → 导出”的往返（CM-06、CM-07）。

# 导入及其读回（CM-06）。
steps-cm-import-status = 导入 { $entity } 响应 HTTP { $status }
steps-cm-import-records-reported = 导入 { $entity } 的 { $sent } 条记录后，报告的 `records` 为 { $reported }
steps-cm-import-unmapped = { $entity } 的导入未为 { $count } 条记录映射新 ID，例如 { $first }
steps-cm-import-same-new-id = { $entity } 的导入将两条记录映射到同一个新 ID
steps-cm-import-unreadable = 无法读回导入的记录：{ $detail }
steps-cm-import-mapped-ids-differ = { $count } 个映射后的 ID 未提供所导入的记录：{ $records }
steps-cm-import-mapped-not-served = { $entity } { $source } 被映射到 { $target }，但实时 API 不提供该记录
steps-cm-import-mapped-differs = { $entity } { $source } 被映射到 { $target }，但该处 { $difference }
steps-cm-import-side-live-api = 实时 API
steps-cm-import-side-imported = 导入的记录
steps-cm-import-not-reported = 导入未报告其导入的内容，或其映射未提供所导入的记录：{ $problems }

# 往返（CM-07）。
steps-cm-import-source-records = 源记录
steps-cm-import-source-not-served = 导出中的 { $entity } { $id } 未由实时 API 提供，因此无法判定其往返
steps-cm-import-entity-differences = { $entity }：{ $differences }
steps-cm-import-round-trip-differs = 除按 ID 映射替换的部分外，“导出 → 导入 → 导出”未还原实时 API 为源记录提供的内容：{ $differences }
