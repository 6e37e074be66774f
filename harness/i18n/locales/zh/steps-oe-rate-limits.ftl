# harness/runner/src/steps/open_ecosystem/rate_limits.rs：公布的速率限制得到执行（OE-07），且对每个客户端一致（OE-19）。

steps-oe-rate-limits-no-affiliated = 未提供关联客户端的凭据（目标文件 [credentials.affiliated]）：仅针对无关联的第三方检查了公布的限额
steps-oe-rate-limits-limit-too-high = 探测操作公布的限额为 { $limit }；探测操作的限额必须较低（至多 100）
steps-oe-rate-limits-wait-too-long = 有客户端在公布的限额内被以 429 拒绝，而按其 Retry-After 等待 { $seconds } 秒后在新的时间窗口内重试，将超出本场景的时间预算（请调高 run_deadline_secs）

# 单个客户端的突发请求所显示的情况。
steps-oe-rate-limits-probe-failed = 探测操作对 { $role } 返回 HTTP { $status }{ $hint }
steps-oe-rate-limits-client-problem = { $role }：{ $problem }
steps-oe-rate-limits-refused-early = { $role } 在发送 { $volume } 次持续流量请求后，仅发出 { $accepted } 次请求就被以 429 拒绝，尚未达到公布的限额 { $limit }
steps-oe-rate-limits-refused-early-again = { $role } 在发送 { $volume } 次持续流量请求后，仅发出 { $accepted } 次请求就被以 429 拒绝，尚未达到公布的限额 { $limit }；按其 Retry-After 等待 { $seconds } 秒后再次如此
steps-oe-rate-limits-refused-early-long-retry = { $role } 在发送 { $volume } 次持续流量请求后，仅发出 { $accepted } 次请求就被以 429 拒绝，尚未达到公布的限额 { $limit }（其 Retry-After 为 { $retry_after } 秒，超过测试工具等待的 { $max_wait } 秒）
steps-oe-rate-limits-never-refused = { $role } 向探测操作发出的 { $requests } 次请求超过了公布的限额 { $limit }，却全部被接受：实际执行的限额并非所公布的限额

# 发现中对所公布策略的称呼。
steps-oe-rate-limits-policy = 速率限制策略
