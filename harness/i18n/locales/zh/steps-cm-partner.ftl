# harness/runner/src/steps/cloud_migration/partner.rs：平台与迁移伙伴平台之间的双向迁移（CM-21）。

steps-cm-partner-none = 没有迁移伙伴：请在目标文件中以 `migration_partner = "partner.toml"` 指定另一个声明 cloud-migration 的平台（基础 URL，或带有其凭据的目标文件），以判定 CM-21
steps-cm-partner-to-partner = 平台 → 伙伴平台
steps-cm-partner-to-platform = 伙伴平台 → 平台
steps-cm-partner-not-performed = { $direction } 的迁移无法执行或无法验证：{ $detail }

# 未完整、一致到达的内容。
steps-cm-partner-not-equal = 在平台与其伙伴平台之间迁移的数据未完整、一致地到达：{ $problems }
steps-cm-partner-both-directions = { $first } | { $next }
steps-cm-partner-direction = { $direction }：{ $differences }
steps-cm-partner-entity = `{ $entity }`：{ $differences }
steps-cm-partner-missing = 缺失 { $count } 项（例如 { $examples }）
steps-cm-partner-extra = 多出 { $count } 项（例如 { $examples }）
steps-cm-partner-altered = 被更改 { $count } 项（例如 { $examples }）
steps-cm-partner-altered-item = { $id }（{ $difference }）
steps-cm-partner-incomplete = 迁移不完整
