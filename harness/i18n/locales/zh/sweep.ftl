# harness/checks/src/sweep.rs：以 OE-03（问题详情）和 OE-09（弃用）判定本次运行的每个响应。

sweep-finding = { $what }：{ $problems }
sweep-and-more = 另有 { $more } 处
sweep-answer-problem = { $request }：{ $problem }
sweep-not-problem-details = 在本次运行的全部响应中，互操作接口的以下错误响应不是 RFC 9457 问题详情（OPIS §9）
sweep-deprecation-not-announced = 在本次运行的全部响应中，以下弃用未按 OpenAPI 文档和 OPIS §14 的要求宣告

# 响应体未被完整保留的错误响应：仅判定其媒体类型。
sweep-no-media-type = HTTP { $status } 未带 Content-Type，而非 application/problem+json（RFC 9457 §3）
sweep-wrong-media-type = HTTP { $status } 以 { $media } 提供，而非 application/problem+json（RFC 9457 §3）

# OpenAPI 文档与 Deprecation 头部不一致。
sweep-deprecation-undocumented = 响应带有 `Deprecation: { $value }`，但 OpenAPI 文档未将该操作标记为 `deprecated: true`
sweep-deprecation-header-missing = OpenAPI 文档将该操作标记为 `deprecated: true`，但此成功响应没有 Deprecation 头部（RFC 9745 §2）
