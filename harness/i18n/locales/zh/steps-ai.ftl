# harness/runner/src/steps/anti_incompatibility.rs：链接中立与客户端中立（AI-01 至 AI-06）。

steps-ai-no-outside-domains = 外部域名语料库为空
steps-ai-no-apps = 应用身份语料库为空

# 发送消息，并在接收方读取消息的位置读取。
steps-ai-send-refused = 发送被拒绝，HTTP { $status }{ $hint }
steps-ai-answer-not-json = 响应不是 JSON：{ $error }
steps-ai-bad-location = Location 无效：{ $error }
steps-ai-read-back-not-json = 读回的消息不是 JSON：{ $error }
steps-ai-not-delivered = 发送 { $seconds } 秒后消息仍未送达（其 Location 返回 404）
steps-ai-read-back-status = 读回消息时得到 HTTP { $status }

# 外部域名：主机名及其运营者。
steps-ai-domain = { $host }（{ $operator }）
steps-ai-domain-problem = { $domain }：{ $problem }
steps-ai-domains-treated-differently = { $count } 个外部域名受到与平台自有域名不同的对待：{ $domains }
steps-ai-link-message-unreadable = 无法读取含有指向 { $domain } 的链接的消息：{ $problem }

# AI-01、AI-03、AI-04：链接原样送达、直接打开、呈现为可点击链接。
steps-ai-own-links-not-delivered = 即使是指向平台自有域名的链接也未能送达：{ $problem }
steps-ai-own-links-not-clickable = 指向平台自有域名的链接未呈现为可点击的锚点：没有比较基准
steps-ai-rendered-plain = { $domain }：呈现为纯文本，而自有域名链接呈现为可点击的锚点
steps-ai-own-link-problem = { $link }：{ $problem }
steps-ai-own-links-not-opened = 即使是指向平台自有域名的链接也不能直接打开：{ $problem }

# AI-05：不得延迟。
steps-ai-delivery-untimed = 发送操作的响应未指明任何消息（没有 Location，也没有 id）：测试工具无法计量送达接收方所用的时间
steps-ai-timed-not-delivered = 一条计时消息未能送达：{ $problem }
steps-ai-too-few-times = 送达时间样本过少：{ $error }
steps-ai-delivered-slower = { $domain }：送达时间中位数为 { $median_ms } ms，而同轮发送的自有域名消息为 { $own_median_ms } ms（各 { $samples } 个样本；Mann–Whitney U = { $u }，单侧 p = { $p }；OPIS §8.4：在 { $domains } 个域名上 α = { $alpha }，差异至少 { $min_ms } ms）

# AI-02、AI-06：客户端中立。
steps-ai-app-identity = { $app }（{ $headers }）
steps-ai-no-app-headers = 语料库中没有任何应用身份带有本场景所变换的请求头
steps-ai-app-difference = { $app }：{ $difference }
steps-ai-apps-differ = { $count } 个应用身份得到了不同的响应：{ $apps }
