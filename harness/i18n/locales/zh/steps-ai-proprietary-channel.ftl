# harness/runner/src/steps/anti_incompatibility/proprietary_channel.rs：以标准持有者令牌通过普通 HTTP(S) 访问（AI-07）。

steps-ai-proprietary-channel-status = HTTP { $status }
steps-ai-proprietary-channel-status-detail = HTTP { $status }：{ $detail }
steps-ai-proprietary-channel-none-declared = 发现文档未声明本场景所调用的任何读取操作
steps-ai-proprietary-channel-answered = { $operation } 返回 { $problem }
steps-ai-proprietary-channel-refused = 有操作拒绝了携带标准 OAuth 2.0 持有者令牌（RFC 6750 §2.1）的普通请求，如同要求使用专有通道：{ $operations }
