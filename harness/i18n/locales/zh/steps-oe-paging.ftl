# harness/runner/src/steps/open_ecosystem/paging.rs：列表操作分页，且每个条目恰好出现一次（OE-21）。

steps-oe-paging-walk = 对 `{ $collection }` 的遍历
steps-oe-paging-walk-small = 以每页 { $size } 个条目对 `{ $collection }` 的遍历

steps-oe-paging-loops = { $walk }：分页出现循环，{ $url } 被两次链接为下一页
steps-oe-paging-too-many-pages = { $walk }：超过 { $max } 页
steps-oe-paging-next-not-url = { $walk }：下一页 { $url }：{ $error }
steps-oe-paging-nothing-declared = `products` 和 `merchants` 均未声明：没有可遍历的列表操作
steps-oe-paging-items-missed = 以每页 { $size } 个条目沿 `next` 遍历 `{ $collection }` 时，遗漏了以默认页大小遍历时得到的 { $missed } 个条目；在按 `id` 读回的 { $read } 个条目中，有 { $still } 个仍可读取：{ $ids }

# 发现中对 `next` 所链接页面的称呼。
steps-oe-paging-next-page = 下一页
