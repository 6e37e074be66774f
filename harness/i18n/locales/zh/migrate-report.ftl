# harness/runner/src/migrate/report.rs：迁移所判定的那一项要求的消息（存储桶之间为 CM-13，两个 OPIS 平台之间为 CM-21）。

migrate-report-objects-unchanged = 每个对象均原样到达：按{ $compared_by }比较了 { $objects } 个对象
migrate-report-by-content = 内容（键、大小、内容的 SHA-256、用户元数据）
migrate-report-by-listings = 列表（键、大小、MD5 ETag）
migrate-report-records-unchanged = 每条记录均原样到达：导入了 { $records } 条记录，并逐条读回
migrate-report-incomplete = 迁移不完整（{ $evidence }）：{ $differences }
migrate-report-not-performed = 迁移无法执行或无法验证：{ $detail }

# 差异（每类列出前几项；全部见证据）。
migrate-report-entity = { $entity }：{ $detail }
migrate-report-missing = 缺失 { $count } 项：{ $items }
migrate-report-extra = 多出 { $count } 项：{ $items }
migrate-report-altered = 被更改 { $count } 项：{ $items }
migrate-report-altered-item = { $id }（{ $difference }）
migrate-report-and-more = 另有 { $count } 项

# 局限。
migrate-report-listings-only = 依据列表（键、大小，以及双方服务均提供时的 MD5 ETag）比较，而非按内容比较
