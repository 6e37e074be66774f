# harness/checks/src/deprecation.rs：弃用（RFC 9745）与停用（RFC 8594）头部。

deprecation-no-deprecation-header = 没有 Deprecation 头部（RFC 9745 §2）
deprecation-not-sf-date = Deprecation { $value } 不是结构化字段日期 `@<seconds>`（RFC 9745 §2.1）
deprecation-no-sunset-header = 没有 Sunset 头部（RFC 8594 §3）
deprecation-sunset-not-http-date = Sunset { $value } 不是 HTTP 日期（RFC 8594 §3）
deprecation-notice-too-short = 于 { $deprecated } 弃用、于 { $sunset } 停用：预告期为 { $notice } 天，少于要求的 { $required } 天（声明为 { $declared } 天，OPIS 最低要求 { $minimum } 天）
deprecation-link-not-uri = Link rel="deprecation" 的目标 { $target } 不是 URI 引用（RFC 9745 §3）
deprecation-sunset-passed = 其 Sunset（{ $sunset }）已过，但在 { $now } 仍在提供服务（RFC 8594 §3）
deprecation-no-notice-days = 发现文档未声明 `capabilities.deprecation_notice_days`（平台的弃用预告期）

# 已承诺但未遵守的 Sunset（OE-20）。
deprecation-failed-before-sunset = { $operation } 返回了 HTTP { $status }，而它宣告会持续正常响应至其 Sunset { $sunset }（RFC 8594 §3）
deprecation-failed-before-promised-sunset = { $operation } 返回了 HTTP { $status }，而 { $run } 的运行曾看到它宣告会持续正常响应至 { $sunset }（RFC 8594 §3）
deprecation-sunset-moved-earlier = { $operation } 现在宣告的 Sunset 为 { $sunset }，早于 { $run } 的运行所看到的 { $promised }：提前的 Sunset 使客户端所得的时间少于所承诺的时间（RFC 8594 §3）
