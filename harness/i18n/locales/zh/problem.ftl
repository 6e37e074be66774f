# harness/checks/src/problem.rs：RFC 9457 问题详情，以及援引已公布规则的拒绝响应（OE-16，OPIS §9）。

problem-no-media-type = HTTP { $status } 响应未带 Content-Type，而非以 application/problem+json 提供（RFC 9457 §3）
problem-wrong-media-type = HTTP { $status } 响应以 { $media } 提供，而非 application/problem+json（RFC 9457 §3）
problem-details-of = HTTP { $status } 问题详情
problem-not-object = HTTP { $status } 问题详情不是 JSON 对象
problem-status-differs = 问题详情的 `status` 为 { $found }，但 HTTP 状态码为 { $status }（RFC 9457 §3.1.2）
problem-no-title = 问题详情没有 `title` 字符串（RFC 9457 §3.1.3）
problem-type-not-uri = 问题详情的 `type` 为 { $found }，不是 URI（RFC 9457 §3.1.1）

# 拒绝响应所援引的规则（OE-16）。
problem-denial-type-not-absolute = HTTP { $status } 拒绝响应的问题详情 `type` { $uri } 不是绝对 URI：未援引任何已公布的规则（OPIS §9）
problem-denial-type-not-https = HTTP { $status } 拒绝响应的问题详情 `type` { $uri } 不是 `https` URI：未援引任何已公布的规则（OPIS §9）
problem-denial-type-no-fragment = HTTP { $status } 拒绝响应的问题详情 `type` { $uri } 没有指明已公布文件中某一节的片段标识（OPIS §9）
problem-denial-type-not-listed = HTTP { $status } 拒绝响应的问题详情 `type` { $uri } 不是披露索引所列任一文件的当前版本（{ $listed }）：未援引任何已公布的规则（OPIS §9）
problem-cited-document = 拒绝响应所援引的文件（{ $url }）
problem-cited-section-missing = { $document }中没有所援引的章节 { $section }（其 `content.sections` 的 id：{ $ids }）
problem-cited-section-missing-no-ids = { $document }中没有所援引的章节 { $section }（其 `content.sections` 中没有任何 id）
