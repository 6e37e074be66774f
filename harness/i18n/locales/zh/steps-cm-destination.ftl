# harness/runner/src/steps/cloud_migration/destination.rs：目标服务提供方为客户发起的导出免费，且与客户自己的导出相同（CM-20）。

steps-cm-destination-no-affiliated-client = 未提供关联客户端（affiliated）的凭据（目标文件 [credentials.affiliated]）：目标服务提供方的导出是与通过另一个外部客户端获得的导出进行比较的，因此无法看出平台是否更优待其自有客户端
steps-cm-destination-charged = 目标服务提供方的导出得到 402 Payment Required 响应：该导出必须（MUST）免费
steps-cm-destination-bad-job-location = 作业的 Location 无效：{ $error }
steps-cm-destination-export-status = 目标服务提供方的导出响应 HTTP { $status }{ $hint }
steps-cm-destination-own-export = 客户自己的导出
steps-cm-destination-unreadable = 无法读取目标服务提供方的导出：{ $detail }
steps-cm-destination-nothing-to-compare = 没有可比较的目标服务提供方导出
steps-cm-destination-differs = 目标服务提供方的导出与客户自己的导出不同：{ $differences }

# 两个导出之间的差异。
steps-cm-destination-entity-in-one = 实体 { $entity } 只存在于两个导出之一中
steps-cm-destination-record-count = 实体 { $entity }：目标服务提供方的导出中有 { $destination } 条记录，客户自己的导出中有 { $own } 条
steps-cm-destination-only-in-destination = { $entity } { $id } 只存在于目标服务提供方的导出中
steps-cm-destination-record-differs = { $entity } { $id }：{ $difference }
steps-cm-destination-side-provider = 目标服务提供方的导出
steps-cm-destination-side-own = 客户自己的导出
steps-cm-destination-missing = 目标服务提供方的导出中缺少 { $entity } { $id }
