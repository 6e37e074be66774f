# harness/runner/src/steps/cloud_migration/switching.rs：切换条款（CM-08 至 CM-12，CM-15 至 CM-19）。

steps-cm-switching-terms-not-json = 切换条款不是 JSON：{ $error }
steps-cm-switching-terms-status = 切换条款响应 HTTP { $status }
steps-cm-switching-no-url = 切换条款未以 `{ $member }` 给出绝对 URL
steps-cm-switching-procedure-status = 切换流程页面 `procedure.url` 在不带凭据时响应 HTTP { $status }{ $hint }

# 各项检查所指的对象：文档、文档声明的 URL，以及期限所依据的规定。
steps-cm-switching-the-terms = 切换条款
steps-cm-switching-terms-member = 切换条款中的 `{ $member }`
steps-cm-switching-the-register = 格式登记册
steps-cm-switching-register-without-credentials = 不带凭据获取的格式登记册
steps-cm-switching-rule-notice = EU Data Act art. 25(2)(d)（两个月）
steps-cm-switching-rule-transition = EU Data Act art. 25(2)(a)
steps-cm-switching-rule-retrieval = EU Data Act art. 25(2)(g)
