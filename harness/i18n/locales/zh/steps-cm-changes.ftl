# harness/runner/src/steps/cloud_migration/changes.rs：导出运行期间被更改或删除的记录（CM-03、CM-14）。

# 声明的测试记录（OPIS §6.6）；`what` 为声明的操作（`change`、`create`、`delete`）。
steps-cm-changes-declared-url-not-url = 测试实体 { $entity } 声明的 { $what } URL 不是 URL：{ $error }
steps-cm-changes-declared-url = 测试实体 { $entity } 声明的 { $what } URL
steps-cm-changes-changed-record = 更改后的测试记录
steps-cm-changes-created-record = 创建的测试记录
steps-cm-changes-change-status = 更改声明的测试记录 { $entity } { $id } 响应 HTTP { $status }
steps-cm-changes-create-status = 创建 { $entity } 的测试记录响应 HTTP { $status }
steps-cm-changes-created-no-id = 创建的 { $entity } 测试记录没有 `id`
steps-cm-changes-delete-status = 删除测试工具创建的测试记录 { $entity } { $id } 响应 HTTP { $status }

# 导出与增量导出。
steps-cm-changes-bad-job-location = 作业的 Location 无效：{ $error }
steps-cm-changes-create-export-status = 创建导出响应 HTTP { $status }
steps-cm-changes-incremental-failed = 从 next_cursor { $next_cursor } 开始的增量导出失败：{ $detail }
steps-cm-changes-gap-differs = { $id }（{ $difference }）
# 被更改的记录不同时比较的两方。
steps-cm-changes-side-export = 导出
steps-cm-changes-side-answer = 平台对更改的响应
steps-cm-changes-gaps = 在导出 { $export } 期间更改的记录 { $records } 连同其更改后的值，既不在该导出中，也不在从其 next_cursor { $next_cursor } 开始的增量导出中
steps-cm-changes-deletion-not-reflected = { $detail }（实体 { $entity }，导出 { $export }，next_cursor { $next_cursor }）
