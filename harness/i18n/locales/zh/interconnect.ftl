# harness/checks/src/interconnect.rs：开放互联协议（oEmbed、WebFinger RFC 7033、ActivityPub）。

## 声明的协议（AI-08）
interconnect-none-declared = 发现文档未声明任何开放互联协议（capabilities.open_protocols）
interconnect-unknown-protocols = capabilities.open_protocols 声明了 OPIS 未定义的协议 { $unknown }（OPIS 定义的协议为 { $known }）：无法对其进行任何检查
interconnect-no-known-protocol = capabilities.open_protocols 未声明任何开放互联协议（{ $known }）

## oEmbed
interconnect-oembed-link-no-href = oEmbed 发现链接没有 href（oEmbed §4）
interconnect-oembed-no-link = 内容页面未公布 JSON oEmbed 端点：没有 <link rel="alternate" type="application/json+oembed">（oEmbed §4）
interconnect-oembed-not-object = oEmbed 响应不是 JSON 对象（oEmbed §2.3.4）
interconnect-oembed-version = oEmbed 响应的 version 为 { $version }，而不是 "1.0"（oEmbed §2.3.4）
interconnect-oembed-no-version = oEmbed 响应缺少必需的 `version`（oEmbed §2.3.4）
interconnect-oembed-no-type = oEmbed 响应缺少必需的 `type`（oEmbed §2.3.4）
interconnect-oembed-unknown-type = oEmbed 类型 { $kind } 不属于 photo、video、link、rich 中的任何一种（oEmbed §2.3.4）
interconnect-oembed-missing-parameter = `{ $kind }` 类型的 oEmbed 响应缺少有效的 `{ $key }`（oEmbed §2.3.4.{ $section }）

## WebFinger
interconnect-jrd-media-type = WebFinger 响应的媒体类型为 { $content_type }，而不是 application/jrd+json（RFC 7033 §4.2，§10.2）
interconnect-jrd-no-content-type = WebFinger 响应没有 Content-Type，应为 application/jrd+json（RFC 7033 §4.2，§10.2）
interconnect-jrd-no-cors = WebFinger 响应没有 Access-Control-Allow-Origin 头（RFC 7033 §5）
interconnect-jrd-subject = JRD 的 subject 为 { $subject }，而不是所查询的资源 { $resource }（RFC 7033 §4.4.1）
interconnect-jrd-no-links = JRD 没有 `links` 数组（RFC 7033 §4.4.4）
interconnect-jrd-link-no-rel = JRD 的第 { $index } 个链接（从 0 起计）没有 `rel`（RFC 7033 §4.4.4.1）

## ActivityPub
interconnect-actor-media-type = actor 的媒体类型为 { $content_type }，而不是 application/activity+json（ActivityPub §3.2）
interconnect-actor-no-content-type = actor 的响应没有 Content-Type，应为 application/activity+json（ActivityPub §3.2）
interconnect-actor-missing = actor 文档缺少 { $members }（ActivityPub §4.1）
interconnect-outbox-media-type = outbox 的媒体类型为 { $content_type }，而不是 application/activity+json（ActivityPub §3.2）
interconnect-outbox-no-content-type = outbox 的响应没有 Content-Type，应为 application/activity+json（ActivityPub §3.2）
interconnect-outbox-type = outbox 的类型为 { $kind }，而不是 OrderedCollection（ActivityPub §5.1）
interconnect-outbox-no-type = outbox 的 `type` 缺失或不是字符串，应为 OrderedCollection（ActivityPub §5.1）
interconnect-the-declaration = capabilities.open_protocols
