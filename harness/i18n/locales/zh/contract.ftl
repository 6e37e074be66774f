# harness/checks/src/contract.rs：以平台自己的 OpenAPI 描述核对实际响应。

## 无法调用的操作
contract-not-exercised = { $operation }：{ $reason }
contract-segment-mixed = 路径段 { $segment } 混合了文本和参数
contract-no-list-value = { $parent } 处没有任何列表能提供 `{ $name }` 的值
contract-query-no-value = 必需的查询参数 `{ $name }` 没有 example、default 或 enum

## 超出描述的响应
contract-no-responses = 该操作未声明任何响应
contract-undeclared-status = HTTP { $status } 不是已声明的状态码（{ $declared }）
contract-undeclared-media-type = HTTP { $status } 响应的媒体类型为 { $media_type }；该操作声明的是 { $declared }
contract-undeclared-no-content-type = HTTP { $status } 响应没有 Content-Type；该操作声明的是 { $declared }
contract-body-not-json = HTTP { $status } { $media_type } 响应体不是 JSON：{ $error }
contract-schema-mismatch = HTTP { $status } 响应体不符合所声明的模式：{ $errors }
# `response` 为所声明响应的键（状态码、`2XX` 或 `default`）。
contract-schema-uncompilable = 无法编译 { $operation } 为 HTTP { $response } 声明的模式：{ $error }
