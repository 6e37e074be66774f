# harness/checks/src/links.rs：链接中立（AI-01、AI-03、AI-15、AI-16）。

## 通过消息操作发送的链接（AI-01）
links-text-altered = 消息文本被改动（发送的是 { $sent }，送达的是 { $delivered }）
links-stripped = 链接被删除：送达的消息不含任何链接
links-rewritten = 链接被改写为 { $href }
links-anchor-elsewhere = 渲染后的 html 显示了该链接，但其锚点指向 { $href }
links-anchor-no-href = 渲染后的 html 在一个没有 href 的锚点中显示该链接

## 打开链接（AI-03）
links-interstitial = 打开该链接得到 HTTP { $status }（{ $content_type }），而不是直接重定向到该链接：这是一个中间页
links-interstitial-no-content-type = 打开该链接得到 HTTP { $status }（没有 Content-Type），而不是直接重定向到该链接：这是一个中间页
links-detour = 打开该链接会重定向到 { $location }，而不是该链接本身：这是一次绕行
links-no-location = 打开该链接得到 HTTP { $status }，但没有 Location

## 只含所发送的链接（AI-15）；`place` 为下列两处之一
links-tracking-added = 在 { $place } 中，外部链接 { $link } 送达时变为 { $delivered }（添加了 { $added }）
links-link-added = 在 { $place } 中，添加了一个未发送的链接：{ $link }
links-place-links = `links`
links-place-html = 渲染后的 `html`

## 链接预览（AI-16）
links-no-preview = 该链接没有预览，而指向平台自有域名的链接有预览
links-preview-warning = 其预览带有自有域名链接的预览所没有的警告：{ $warning }
links-preview-members = 其预览的成员与自有域名链接的预览不同（缺少：{ $missing }；多出：{ $added }）
