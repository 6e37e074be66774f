# harness/checks/src/wellknown.rs：security.txt（RFC 9116，CORE-03）与 API 目录（RFC 9727，CORE-04）。

## security.txt
wellknown-security-txt-media-type = security.txt 的媒体类型为 { $content_type }，而不是 text/plain; charset=utf-8（RFC 9116 §3）
wellknown-security-txt-no-content-type = security.txt 的响应没有 Content-Type，应为 text/plain; charset=utf-8（RFC 9116 §3）
wellknown-security-txt-invalid = security.txt 不符合 RFC 9116：{ $error }（§2.5.3 Contact，§2.5.5 Expires，§3）

## API 目录
wellknown-catalog-no-linkset = API 目录没有 `linkset` 数组（RFC 9264 §4.2.1）
wellknown-catalog-context-not-object = API 目录中有一个链接上下文不是 JSON 对象（RFC 9264 §4.2.2）
wellknown-catalog-relation-not-array = API 目录的关系 { $relation } 不是由目标对象组成的数组（RFC 9264 §4.2.3）
wellknown-catalog-media-type = API 目录的媒体类型为 { $content_type }，而不是 application/linkset+json（RFC 9727 §4，RFC 9264 §4.2）
wellknown-catalog-no-content-type = API 目录的响应没有 Content-Type，应为 application/linkset+json（RFC 9727 §4，RFC 9264 §4.2）
wellknown-catalog-missing-links = API 目录未链接到 { $missing }（OPIS §13，RFC 9727 §4）
# 目录必须链接到的一份文档，以及两份或更多。
wellknown-catalog-link = { $name }（{ $url }）
wellknown-catalog-link-nor = { $first }、{ $next }
