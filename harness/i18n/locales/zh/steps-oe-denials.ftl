# harness/runner/src/steps/open_ecosystem/denials.rs：每次拒绝均引用已公示的规则（OE-16）。

steps-oe-denials-cannot-register = 无法注册客户端
steps-oe-denials-cannot-act = 无法以新注册的客户端身份操作（注册由 OE-02 判定）
steps-oe-denials-not-refused = 对探测操作的 { $calls } 次调用超过了其公布的限额 { $limit }，却均未被拒绝：没有可判定的拒绝
steps-oe-denials-document-url = 所引用文档的 URL：{ $error }

# 发现中对拒绝所引用规则文档的称呼。
steps-oe-denials-cited-document = 拒绝所引用的文档
