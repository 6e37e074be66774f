# harness/runner/src/oauth.rs：测试工具的 OAuth 2.0 客户端（OPIS §7）。

runner-oauth-member = OAuth { $member }
runner-oauth-metadata-names-no = OAuth 元数据未给出 { $member }（{ $cite }）
runner-oauth-member-not-absolute = OAuth 元数据的 { $member } 不是绝对 URL（{ $error }）
runner-oauth-metadata = OAuth 授权服务器元数据
runner-oauth-client-information = 客户端信息响应
