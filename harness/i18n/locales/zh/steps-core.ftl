# harness/runner/src/steps/core.rs：features/core/ 的步骤（发现文档）。

# 未响应的已声明端点（CORE-02）。
steps-core-endpoint-status = `{ $name }` 响应了 HTTP { $status }
steps-core-endpoint-transport = `{ $name }`：{ $error }
steps-core-endpoints-broken = 已声明的端点未响应：{ $endpoints }
steps-core-endpoints-undecided = 未判定：在每个已声明端点响应之前，场景的时间预算已用尽：{ $endpoints }

# 宽松读取的 OpenAPI 文档（由 OE-01 判定）。
steps-core-precondition = 前提条件
steps-core-openapi-status = 前提条件：OpenAPI 文档响应了 HTTP { $status }
steps-core-openapi-document = OpenAPI 文档

# 发现文档所在源的 well-known 资源。
steps-core-security-txt = security.txt
steps-core-api-catalog = API 目录
steps-core-the-openapi-description = OpenAPI 描述文档
