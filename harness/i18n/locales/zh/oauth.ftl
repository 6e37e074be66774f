# harness/checks/src/oauth.rs：OAuth 2.0 元数据（RFC 8414）、客户端注册（RFC 7591）、令牌响应（RFC 6749 §5.1）、授权重定向（RFC 6749 §4.1.2）以及沙箱的限制（PD-10）。

## 授权服务器元数据（RFC 8414）
oauth-metadata-lacks = OAuth 元数据缺少 { $members }（RFC 8414 §2）
oauth-no-issuer = OAuth 元数据没有 issuer（RFC 8414 §2，§3.3）
oauth-issuer-not-formed = OAuth 元数据的 issuer { $issuer } 与其 URL { $url } 所依据的 issuer { $expected } 不一致（RFC 8414 §3.3）
oauth-issuer-other-origin = OAuth 元数据的 issuer { $issuer } 不在其 URL { $url } 的源上（RFC 8414 §3.3；元数据 URL 不在 /.well-known/oauth-authorization-server 之下时适用 OPIS §7）

## 令牌端点的客户端认证（RFC 6749 §2.3.1）
oauth-auth-method-unsupported = 注册为客户端分配的 token_endpoint_auth_method 为 { $method }，本测试工具未实现该方法（本工具使用 client_secret_basic 或 client_secret_post，RFC 6749 §2.3.1）
oauth-auth-method-not-string = token_endpoint_auth_method 为 { $value }，不是字符串（RFC 7591 §2）
oauth-supported-methods-unusable = token_endpoint_auth_methods_supported 列出的 { $methods } 均非本测试工具实现的方法（client_secret_basic、client_secret_post；RFC 6749 §2.3.1）
oauth-supported-methods-empty = token_endpoint_auth_methods_supported 未列出任何方法，没有本测试工具实现的方法（client_secret_basic、client_secret_post；RFC 6749 §2.3.1）

## 动态客户端注册（RFC 7591 §3.2.1）
oauth-registration-status = 动态客户端注册的响应为 HTTP { $status }，而不是 201 Created（RFC 7591 §3.2.1）
oauth-registration-no-client-id = 客户端信息响应没有 client_id（RFC 7591 §3.2.1）
oauth-registration-no-secret = 客户端信息响应没有 client_secret，而请求注册的是以 { $method } 认证的机密客户端（RFC 7591 §3.2.1）
oauth-registration-not-echoed = 客户端信息响应未回显所注册的元数据：{ $problems }（RFC 7591 §3.2.1）
oauth-echo-missing = 缺少 { $member }
oauth-echo-differs = { $member } 为 { $value }，而注册的是 { $registered }

## 令牌响应（RFC 6749 §5.1）
oauth-token-refused = 以 { $method } 认证（RFC 6749 §2.3.1）的令牌请求得到 HTTP { $status } 响应，而不是 200（RFC 6749 §5.1）
oauth-token-refused-with-error = 以 { $method } 认证（RFC 6749 §2.3.1）的令牌请求得到 HTTP { $status }（{ $error }）响应，而不是 200（RFC 6749 §5.1）
oauth-token-not-object = 令牌响应不是 JSON 对象（RFC 6749 §5.1）
oauth-token-no-access-token = 令牌响应没有 access_token（RFC 6749 §5.1）
oauth-token-type = 令牌响应的 token_type 为 { $token_type }，而不是 Bearer（RFC 6749 §5.1，RFC 6750 §4）
oauth-token-no-type = 令牌响应没有 token_type（RFC 6749 §5.1）

## 从重定向中读取的授权响应（RFC 6749 §4.1.2）
oauth-authorize-sign-in-page = 授权端点的响应为 HTTP { $status }，而不是携带授权码的重定向：这是一个登录页面，需要有人在浏览器前操作（OPIS §7.2 规定，合成账户的 login_hint 无需登录即可获批）
oauth-authorize-refused = 授权端点的响应为 HTTP { $status }，而不是携带授权码的重定向：平台拒绝了该请求（对于预先签发的客户端：目标文件中的 `redirect_uri` 是否为已注册的那个？OPIS §7.1）
oauth-redirect-no-location = 授权重定向没有 Location
oauth-redirect-location-not-absolute = 授权重定向的 Location 不是绝对 URL（{ $error }）
oauth-redirect-uri-not-absolute = 重定向 URI 不是绝对 URL（{ $error }）
oauth-redirect-elsewhere = 授权端点重定向到了已注册的重定向 URI 以外的地址（RFC 6749 §4.1.2）
oauth-redirect-no-code = 授权重定向既没有 code，也没有 error（RFC 6749 §4.1.2）

## 测试身份沙箱（PD-10）
oauth-login-hint-code = 对于 login_hint 所指账户并非沙箱所创建的请求，授权端点仍以授权码作答（HTTP { $status }）：只有合成账户的 login_hint 才可在无本人登录和同意的情况下获批（OPIS §7.2，§7.3）
oauth-pkce-code = 对于不带 code_challenge 的请求，授权端点以授权码作答（HTTP { $status }）：PKCE 是必需的（RFC 7636 §4.4.1；OPIS §7.1 第 3 项）
oauth-pkce-wrong-error = 授权端点以错误 { $error } 拒绝了不带 code_challenge 的请求，而不是 invalid_request（RFC 7636 §4.4.1）
oauth-pkce-redirect-elsewhere = 对于不带 code_challenge 的请求，授权端点以 HTTP { $status } 重定向到了发往客户端的错误重定向以外的地址：此类请求应以 error=invalid_request 拒绝（RFC 7636 §4.4.1；OPIS §7.1 第 3 项）
oauth-pkce-not-refused = 对于不带 code_challenge 的请求，授权端点的响应为 HTTP { $status }，既不是带 invalid_request 的错误重定向，也不是 4xx：PKCE 是必需的（RFC 7636 §4.4.1；OPIS §7.1 第 3 项）
oauth-verifier-token-issued = 令牌端点为一个以与其 code_challenge 不匹配的 code_verifier 兑换的授权码签发了令牌（HTTP { $status }）：它没有校验 code_verifier（RFC 7636 §4.6；OPIS §7.1 第 3 项）
oauth-verifier-wrong-error = 对于以错误的 code_verifier 兑换的授权码，令牌端点以 HTTP { $status } 和错误 { $error } 拒绝，而不是以 HTTP 400 和 invalid_grant 拒绝（RFC 7636 §4.6，RFC 6749 §5.2）
oauth-verifier-no-error = 对于以错误的 code_verifier 兑换的授权码，令牌端点的响应为 HTTP { $status }，且没有 RFC 6749 §5.2 错误，而不是 HTTP 400 和 invalid_grant（RFC 7636 §4.6）
