# harness/runner/src/runner/world.rs：步骤用于提出发现和进行认证的辅助函数。

# 步骤从同一场景的先前步骤读取的值。
world-no-earlier-value = 缺少 `{ $field }`：先前的步骤未运行
world-no-answer = 没有可检查的响应：先前的步骤未获取任何内容

# 平台源之外的 URL。
world-endpoint = 端点 `{ $name }`
world-off-platform = { $what } 位于 { $origin }，不在平台的源（其自身的源及 trusted_origins）之内；测试工具不向该处发送请求

# 角色的客户端凭据令牌（OPIS §7）。
world-cannot-act-as = 无法以 { $role } 身份行事
world-oauth-member = OAuth { $member }
world-oauth-member-not-absolute = OAuth 元数据的 { $member } 不是绝对 URL（{ $error }）
world-metadata-names-no = OAuth 元数据未给出 { $member }（{ $cite }）
world-registration-no-client-id = 注册响应中没有 client_id（RFC 7591 §3.2.1）
world-registration-no-client-secret = 注册响应中没有 client_secret
world-token-no-access-token = 令牌响应中没有 access_token（RFC 6749 §5.1）
world-token-type-not-bearer = token_type 为 { $token_type }，而非 Bearer（RFC 6750 §4）
world-oauth-metadata = OAuth 授权服务器元数据
world-registration = 动态客户端注册（RFC 7591 §3.2.1）
world-client-information = 客户端信息响应
world-token-request = 令牌请求（RFC 6749 §5.1）
world-token-response = 令牌响应
