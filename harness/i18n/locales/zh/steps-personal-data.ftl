# harness/runner/src/steps/personal_data.rs 与 personal_data/sandbox.rs：features/personal-data/ 的步骤（OPIS §16b）。

# 个人的记录及其副本（PD-01 至 PD-04）。
steps-personal-data-add-status = 添加个人信息记录的请求响应了 HTTP { $status }，而非 201{ $hint }
steps-personal-data-added-no-id = 新增的记录没有 `id`
steps-personal-data-added-record = 所添加的记录
steps-personal-data-own-copy = 个人的副本
steps-personal-data-other-copy = 另一处理者获取的副本
steps-personal-data-copy-before-revocation = 撤销前的副本
steps-personal-data-copy-402 = 副本请求响应了 402 Payment Required；副本应当免费提供
steps-personal-data-copy-status = 副本请求响应了 HTTP { $status }，而非 200{ $hint }
steps-personal-data-copy-no-records = 副本中没有 `records` 数组
steps-personal-data-copy-incomplete = 个人信息副本不完整：个人添加的记录中有 { $count } 条缺失或被改动：{ $records }
steps-personal-data-none = 无
steps-personal-data-copies-differ = 另一处理者收到的副本与个人自己的副本不同：其中缺少的记录：{ $missing }；仅其中才有的记录：{ $extra }
steps-personal-data-no-two-records = 未添加两条记录
steps-personal-data-correction-status = 更正请求响应了 HTTP { $status }{ $hint }
steps-personal-data-deletion-status = 删除请求响应了 HTTP { $status }{ $hint }
steps-personal-data-old-value = 更正后记录 { $id } 仍为旧值
steps-personal-data-corrected-missing = 被更正的记录 { $id } 缺失
steps-personal-data-deleted-kept = 被删除的记录 { $id } 仍在副本中
steps-personal-data-changes-not-reflected = 下一份副本未反映个人所做的更改：{ $problems }

# 注销账户（PD-05）。
steps-personal-data-cancellation-status = 注销请求响应了 HTTP { $status }，而非 2xx{ $hint }
steps-personal-data-token-still-works = 通过 { $role } 签发的令牌响应了 HTTP { $status }，而非 401
steps-personal-data-refresh-still-works = 通过 { $role } 签发的刷新令牌仍能获取新的访问令牌（RFC 6749 §6）
steps-personal-data-tokens-after-cancellation = 账户注销后，{ $problems }：为该账户签发的每个令牌和授权都必须失效

# 范围（scope）的执行（PD-06）。
steps-personal-data-copy-needs-no-scope = OpenAPI 描述在副本操作（endpoints.personal_data 上的 GET）的安全要求中未指定任何范围（scope）：对个人数据的访问并非按范围授予（OPIS §16b）
steps-personal-data-openapi-document = OpenAPI 文档
steps-personal-data-not-called = 未调用 { $operation }：{ $reason }
steps-personal-data-operation-not-url = { $operation }：不是 URL（{ $error }）
steps-personal-data-only-destructive = 未判定：超出副本范围的每个操作都是破坏性的，而该身份不可处置（OPIS §7.2）
steps-personal-data-no-scope-beyond-copy = OpenAPI 描述中没有任何操作需要超出副本范围（{ $scope }）的范围：可读取副本的令牌同样可以更正、删除和注销——未实行最小权限授权（OPIS §16b，《个人信息保护法》第六条）
steps-personal-data-wrong-challenge = { $operation } 响应了 403，WWW-Authenticate 为 { $challenge }
steps-personal-data-operation-status = { $operation } 响应了 HTTP { $status }
steps-personal-data-scope-not-enforced = 仅被授予 { $scope } 的令牌访问到了需要更多范围的操作，或被拒绝时未附带 insufficient_scope 质询（403 及 WWW-Authenticate: Bearer error="insufficient_scope"，RFC 6750 §3.1）：{ $problems }
steps-personal-data-and-more = { $list }；……（另有 { $count } 项）

# 撤销（PD-07）。
steps-personal-data-revocation-status = 撤销请求响应了 HTTP { $status }，而非 200（RFC 7009 §2.2）{ $hint }
steps-personal-data-revoked-token-works = 刷新令牌被撤销（RFC 7009）后，该授权的访问令牌仍响应 HTTP { $status }，而非 401
steps-personal-data-revoked-refresh-works = 刷新令牌被撤销（RFC 7009 §2.2）后，仍能在令牌端点获取新的访问令牌（RFC 6749 §6）

# 对权利请求的拒绝。
steps-personal-data-not-refused = 请求未被拒绝（HTTP { $status }）：无可判定之处
steps-personal-data-the-refusal = 该拒绝响应
steps-personal-data-refusal-not-problem = 拒绝响应（HTTP { $status }）的类型为 { $content_type }，而非问题详情（RFC 9457）
steps-personal-data-refusal-untyped = 拒绝响应（HTTP { $status }）没有类型，而非问题详情（RFC 9457）
steps-personal-data-refusal-no-detail = 其中没有说明理由的 `detail`
steps-personal-data-problem-type = 问题类型
steps-personal-data-type-status = 其 `type` { $problem_type } 响应了 HTTP { $status }，因此未引用任何已公布的规则
steps-personal-data-type-not-rule = 其 `type` { $problem_type } 不是平台公布的规则
steps-personal-data-refusal-unreasoned = 对权利请求的拒绝未说明理由：{ $problems }

# 测试身份沙箱（PD-10）。
steps-personal-data-cannot-create-synthetic = 无法通过 { $role } 创建合成用户 { $label }
steps-personal-data-hint-collision = 随机抽取的 login_hint 恰为本次运行创建的某个合成账户的 login_hint
steps-personal-data-no-code = 没有可为合成用户兑换的授权码
steps-personal-data-verifier-collision = 随机抽取的错误 code_verifier 恰为正确的 code_verifier
