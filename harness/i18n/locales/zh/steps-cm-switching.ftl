# harness/runner/src/steps/cloud_migration/switching.rs：切换条款（CM-08 至 CM-12，CM-15 至 CM-19）。

steps-cm-switching-terms-not-json = 切换条款不是 JSON：{ $error }
steps-cm-switching-terms-status = 切换条款响应 HTTP { $status }
steps-cm-switching-no-url = 切换条款未以 `{ $member }` 给出绝对 URL
steps-cm-switching-procedure-status = 切换流程页面 `procedure.url` 在不带凭据时响应 HTTP { $status }{ $hint }
