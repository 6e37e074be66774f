# harness/runner/src/identities.rs：自然人与商户的测试身份（OPIS §7.1–§7.3）。

# 人员类型（OPIS §7.1）的文字表述。
identities-kind-user = 用户
identities-kind-merchant = 商户

# 代表人员行事。
identities-cannot-act-for = 无法通过 { $role } 代表{ $kind } { $label } 行事
identities-cannot-act-through-client = 无法通过 { $role } 的人员授权客户端行事
identities-cannot-read-metadata = 无法读取 OAuth 元数据
identities-not-disposable = 身份 { $label } 是认证方自有账户，且在目标文件中未标记 `disposable = true`：破坏性步骤仅在合成身份或可处置身份上运行（OPIS §7.2）

# 目标文件中的认证方自有身份。
identities-no-credentials-for-grant = 没有用于 { $label } 授权的 [credentials.{ $role }]
identities-wrong-kind = 目标文件中的身份 { $label } 是{ $kind }，而所需的是{ $needed }
identities-other-client = 目标文件中的身份 { $label } 持有的是客户端 { $client } 的刷新令牌，而场景通过 { $role } 行事：请为客户端 { $role } 添加一个同名的 [[identities]] 条目（OPIS §7.2）
identities-client-without-credentials = 目标文件中的身份 { $label } 指定了客户端 { $role }，但目标文件中没有 [credentials.{ $role }]

# 沙箱的合成身份（OPIS §7.2）。
identities-endpoint = 端点 `{ $name }`
identities-test-identity = 测试身份
identities-no-sandbox = 平台未声明 endpoints.test_identities（合成身份，OPIS §7.2），且目标文件中没有名为 { $label } 的 [[identities]] 条目
identities-sandbox-status = 测试身份端点响应了 HTTP { $status }，而非 201（OPIS §7.2）
identities-sandbox-no-id = 测试身份没有 `id` 或 `login_hint`（OPIS §7.2）
identities-sandbox-not-synthetic = 测试身份未标记 `synthetic: true`：测试工具不代表任何可能属于真实自然人的账户行事（OPIS §7.3）
identities-sandbox-wrong-kind = 测试身份的 kind 不是 { $kind }（OPIS §7.2）

# 人员授权流程中的 OAuth 端点。
identities-oauth-member = OAuth { $member }
identities-metadata-names-no = OAuth 元数据未给出 { $member }（{ $cite }）
identities-member-not-absolute = OAuth { $member } 不是绝对 URL（{ $error }）
identities-login-hint-refused = 授权端点拒绝了合成身份的 login_hint：{ $error }
identities-login-hint-refused-described = 授权端点拒绝了合成身份的 login_hint：{ $error }（{ $description }）
identities-state-not-returned = 授权重定向未返回请求中的 state（RFC 6749 §4.1.2）
identities-iss-not-issuer = 授权重定向的 iss 不是元数据中的 issuer（RFC 9207 §2.4）
