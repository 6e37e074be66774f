# harness/checks/src/paging.rs：遍历分页集合（OE-21）。

paging-loops = 分页出现循环：{ $url } 两次被链接为 `next`
paging-too-many-pages = 该集合超过 { $max } 页
paging-next-not-url = `next` 不是 URL：{ $next }
paging-no-items = { $page } 的分页没有 `items` 数组
paging-not-uri-reference = { $what }不是 URI 引用：{ $value }
paging-next-member = 分页的 `next` 成员
paging-link-target = `Link: rel="next"` 的目标
paging-next-not-string = 分页的 `next` 成员为 { $value }，既不是 URL 也不是 null
paging-two-next-pages = { $page } 的分页指明了两个不同的下一页：`next` 为 { $next }，`Link: rel="next"` 为 { $link }（RFC 8288 §3.3）
paging-item-without-id = 分页中有条目没有字符串或数字类型的 `id`
paging-repeated-items = { $what }有 { $count } 个条目出现不止一次：{ $ids }
