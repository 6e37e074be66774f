# harness/runner/src/steps/anti_incompatibility/interconnect.rs：开放互联协议（AI-08 oEmbed、AI-09 WebFinger、AI-10 ActivityPub）。

steps-ai-interconnect-undeclared = 本场景需要开放协议 { $protocol }，但平台未声明该协议
steps-ai-interconnect-href-not-url = oEmbed 发现链接的 href 不是 URL：{ $error }
steps-ai-interconnect-oembed-media-type = JSON oEmbed 响应以 { $content_type } 提供，而不是 application/json（oEmbed §2.3.4）
steps-ai-interconnect-no-webfinger-resource = 平台声明了 ActivityPub，但未给出可据以找到 actor 的 WebFinger 资源
steps-ai-interconnect-jrd-unreadable = 无法读取 WebFinger 响应（{ $error }）：没有可跟随的 actor
steps-ai-interconnect-no-self-link = 该账户的 JRD 没有类型为 application/activity+json 的 `self` 链接（ActivityPub §4.1，经由 WebFinger）
steps-ai-interconnect-outbox-not-url = outbox 不是 URL：{ $error }

# 发现中对各协议请求与响应的称呼。
steps-ai-interconnect-content-page = 所声明的 oEmbed 内容页面
steps-ai-interconnect-oembed-endpoint = oEmbed 端点（oEmbed §2.3）
steps-ai-interconnect-oembed-response = oEmbed 响应
steps-ai-interconnect-webfinger-lookup = WebFinger 查询（RFC 7033 §4.2）
steps-ai-interconnect-webfinger-answer = WebFinger 响应
steps-ai-interconnect-webfinger-no-resource = 不带 `resource` 的 WebFinger 请求（RFC 7033 §4.2）
steps-ai-interconnect-actor = ActivityPub actor
steps-ai-interconnect-actor-document = actor 文档
steps-ai-interconnect-outbox = 该 actor 的 outbox（ActivityPub §5.1）
steps-ai-interconnect-outbox-document = outbox
