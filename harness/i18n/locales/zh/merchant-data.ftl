# harness/checks/src/merchant_data.rs：商家数据（OPIS §16c）：商家数据文档、三年内的记录（MD-01）、不收费（MD-02）、各工具获得相同的记录（MD-03）。

merchant-data-the-document = 商家数据文档
merchant-data-not-date-time = { $what } { $value } 不是 RFC 3339 日期时间
merchant-data-run-start = 本次运行的开始时间
merchant-data-active-since-invalid = 商家数据文档的 `active_since` 不是 RFC 3339 日期时间

# MD-01：回溯三年。
merchant-data-merchant-too-young = 测试商家自 { $since } 起才开始经营，距本次运行不足三年（{ $days } 天）：其数据无法覆盖三年（OPIS §16c：合成商家应预置至少三年的数据）
merchant-data-range-empty = 商家在 { $from } 至 { $to }（本次运行前三年）期间的 { $dataset } 为空：平台不允许商家获取三年前的数据
merchant-data-no-id = （无 id）
merchant-data-record-at = { $id } 发生于 { $at }
merchant-data-record-undated = { $id } 没有 RFC 3339 格式的 `occurred_at`
merchant-data-records-outside-range = 为 { $from } 至 { $to } 列出的 { $total } 条 { $dataset } 中，有 { $count } 条不在该时间范围内：{ $records }

# MD-02：不收费。
merchant-data-no-charges = 商家数据文档未说明 `charges`
merchant-data-charged = 商家数据文档就商家自身的数据向其收费：{ $charges }（访问必须免费）

# MD-03：经授权的外部工具与平台自有工具获得的数据。
merchant-data-record-counts-differ = 商家的 { $dataset }：经授权的外部工具获得 { $outside } 条记录，平台自有工具获得 { $own } 条
merchant-data-record-ids-differ = 记录 { $index }：外部工具获得的 id 为 { $outside }，平台自有工具获得的为 { $own }
merchant-data-outside-copy = 外部工具获得的副本
merchant-data-own-copy = 平台自有工具获得的副本
merchant-data-record-differs = 记录 { $id }：{ $difference }
merchant-data-records-differ = 商家的 { $dataset } 在经授权的外部工具与平台自有工具之间不一致：{ $problems }
