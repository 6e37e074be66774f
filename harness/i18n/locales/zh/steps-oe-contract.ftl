# harness/runner/src/steps/open_ecosystem/contract.rs：契约检查（OE-04），以及 OE-05 和 OE-06 所用的安全操作池。

steps-oe-contract-precondition = 前提条件：{ $problem }
steps-oe-contract-none-called = 无法调用 OpenAPI 文档中的任何安全操作（{ $reasons }）
steps-oe-contract-none-declared = 无法调用 OpenAPI 文档中的任何安全操作（文档未声明任何安全操作）
steps-oe-contract-violation = { $operation }（{ $url }）：{ $violation }
steps-oe-contract-violations = 在 { $checked } 个安全操作中，有 { $count } 个的响应超出了其 OpenAPI 描述：{ $violations }
steps-oe-contract-violations-not-exercised = 在 { $checked } 个安全操作中，有 { $count } 个的响应超出了其 OpenAPI 描述：{ $violations }（未调用：{ $not_exercised }）
steps-oe-contract-empty-pool = OpenAPI 文档中没有测试工具能够调用的安全操作

# 发现中对安全操作所出自文档的称呼。
steps-oe-contract-openapi-document = OpenAPI 文档
