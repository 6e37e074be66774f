# harness/runner/src/steps/open_ecosystem.rs：公开的 API 描述（OE-01）、自助接入（OE-02）与问题详情（OE-03）。

# 以某种元数据（知名应用的或中性的）注册的比较客户端。
steps-oe-registered-role = 以 { $looks_like } 注册的客户端

# OE-01。
steps-oe-endpoints-undescribed = OpenAPI 文档未描述已声明的端点：{ $endpoints }

# OE-02：知名应用的注册元数据。
steps-oe-no-well-known-app = 应用身份语料库中没有任何应用同时具有 display_name、software_id 和 site（或外部域名语料库为空）：没有可用于注册的知名应用注册元数据
steps-oe-registration-refusal = { $role }：{ $problem }
steps-oe-registrations-refused = 两次注册（带有 client_uri、redirect_uris、contacts 和 software_id，RFC 7591 §2）均未被接受，因此无法比较：{ $refusals }
steps-oe-registration-treated-differently = 注册元数据受到区别对待：{ $registered } 已注册并获得令牌，但 { $refusals }

# OE-03。
steps-oe-unknown-item-problem = 不存在的 `{ $collection }` 条目：{ $problem }
steps-oe-errors-not-problem-details = 错误响应不是问题详情（RFC 9457 §3）：{ $problems }
steps-oe-create-url-invalid = 所声明的 `{ $entity }` 创建 URL 不是 URL：{ $error }
steps-oe-malformed-not-refused = 为创建 `{ $entity }` 发送了格式错误的 JSON 请求体：应以 4xx 拒绝，实际得到 HTTP { $status }{ $hint }
steps-oe-malformed-not-problem = 为创建 `{ $entity }` 发送了格式错误的 JSON 请求体：{ $problem }
steps-oe-malformed-refused = { $problem }（RFC 9457 §3）
steps-oe-unexpected-status = 应为 HTTP { $expected }，实际得到 { $status }{ $hint }

# 发现中对此处所发请求与所读响应的称呼。
steps-oe-openapi-document = OpenAPI 文档
steps-oe-new-client-listing = 使用新客户端的令牌列出 { $endpoint }
steps-oe-create-url = 所声明的 `{ $entity }` 创建 URL
