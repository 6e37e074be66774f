# harness/checks/src/rate_limit.rs：公布的限流策略与 429 响应（RFC 6585 §4，RFC 9110 §10.2.3）。

rate-limit-probe-limit-unlisted = 策略的探测项指向限额 { $limit }，但策略中并未列出该限额
rate-limit-no-retry-after = 429 响应没有 Retry-After 头（RFC 6585 §4，RFC 9110 §10.2.3）
rate-limit-retry-after-invalid = Retry-After { $value } 既不是秒数（delta-seconds），也不是 HTTP 日期（RFC 9110 §10.2.3）

## 各客户端在何处被限流（OE-19）
rate-limit-not-all-refused = 并非所有客户端都在公布的 { $limit } 次请求后被拒绝：{ $counts }
# 单个客户端的计数（以 comma-listed 列出）。
rate-limit-count = { $client } 在 { $accepted } 次请求后
rate-limit-served-again = { $client } 在收到 429 后的下一次调用中、于同一时间窗口内再次得到服务：其计数被重新开始，而其他客户端的计数没有
rate-limit-retry-too-late = { $client } 被要求在 { $secs } 秒后重试，超过了公布的 { $window } 秒时间窗口：其时间窗口并非公布的窗口
rate-limit-the-policy = 限流策略
