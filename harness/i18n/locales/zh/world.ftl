# harness/runner/src/runner/world.rs：步骤用于提出发现和进行认证的辅助函数。

# 步骤从同一场景的先前步骤读取的值。
world-no-earlier-value = 缺少 `{ $field }`：先前的步骤未运行
world-no-answer = 没有可检查的响应：先前的步骤未获取任何内容

# 平台源之外的 URL。
world-endpoint = 端点 `{ $name }`
world-off-platform = { $what } 位于 { $origin }，不在平台的源（其自身的源及 trusted_origins）之内；测试工具不向该处发送请求

# 角色的客户端凭据令牌（OPIS §7）。
world-cannot-act-as = 无法以 { $role } 身份行事
