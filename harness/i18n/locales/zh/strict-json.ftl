# harness/checks/src/strict_json.rs：严格读取 JSON 文档（I-JSON，RFC 7493）。

strict-json-repeated-member = 同一对象中成员名 { $name } 重复出现（RFC 7493 §2.3），位于第 { $line } 行第 { $column } 列
strict-json-too-deep = 嵌套深度超过 { $max } 层，位于第 { $line } 行第 { $column } 列
