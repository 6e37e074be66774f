# harness/runner/src/steps/transparency.rs：features/transparency/ 的步骤。

# 透明度披露。
steps-transparency-index-status = 披露索引响应了 HTTP { $status }
steps-transparency-index-lists-no = 披露索引未列出 `{ $kind }` 文档
steps-transparency-document-status = 当前的 `{ $kind }` 文档响应了 HTTP { $status }
steps-transparency-no-document = 没有 `{ $kind }` 文档：先前的步骤未运行

# 搜索（TP-01、TP-05 至 TP-07）。
steps-transparency-search = 搜索 { $query }
steps-transparency-search-ordered = 按 { $sort } 排序的搜索 { $query }
steps-transparency-no-items = 响应中没有 `items` 列表
steps-transparency-no-price-ordering = 未获取按价格排序的结果
steps-transparency-product-status = 搜索列出了商品 { $product }，但商品 API 对其响应了 HTTP { $status }

# 商户的许可信息与费用报价。
steps-transparency-merchants-status = 前提条件：列出商户的请求响应了 HTTP { $status }
steps-transparency-no-merchant = 前提条件：商户端点未列出任何商户
steps-transparency-licence-information = 许可信息
steps-transparency-fee-quote = 费用报价
steps-transparency-not-served = 未为商户 { $merchants } 提供{ $what }

# 自然人（TP-02、TP-03、TP-04）。
steps-transparency-products-as-persona-status = 前提条件：以 persona-a 身份列出商品的请求响应了 HTTP { $status }
steps-transparency-too-few-products = 前提条件：商品第一页列出了 { $listed } 个商品；构建浏览历史需要 { $needed } 个
steps-transparency-read-product-status = 前提条件：{ $persona } 读取商品 { $product } 的请求响应了 HTTP { $status }
steps-transparency-defaults-same = TP-02：两个人物的默认推荐也相同：在本次运行可观察的范围内，其浏览历史未造成任何差异（平台不做个性化推荐，或未对这些身份做个性化推荐），因此无法观察到非个性化选项的作用
steps-transparency-off-status = 关闭个性化推荐的请求响应了 HTTP { $status }
steps-transparency-on-status = 重新开启个性化推荐的请求响应了 HTTP { $status }
steps-transparency-tags-no-items = 标签响应中没有 `items` 列表
steps-transparency-no-tag = TP-03：persona-a 的浏览历史未为其生成任何标签，因此无法观察删除标签的效果
steps-transparency-delete-tag-status = 删除标签 { $tag } 的请求响应了 HTTP { $status }
steps-transparency-products-status = 前提条件：列出商品的请求响应了 HTTP { $status }
steps-transparency-no-product = 前提条件：商品端点未列出任何商品
steps-transparency-no-second-user-agent = harness-identities 语料库中没有供 persona-b 设备使用的第二个 User-Agent

# 请求所获取的内容，用于关于其响应的发现。
steps-transparency-the-index = 披露索引
steps-transparency-current = 当前的 `{ $kind }`
steps-transparency-current-document = 当前的 `{ $kind }` 文档
steps-transparency-enforcement-rule = 某项处置措施所援引的规则
steps-transparency-price-rule = 某项价格调整所援引的规则
steps-transparency-the-product = 该商品
steps-transparency-non-personalised-round = 非个性化推荐（第 { $round } 轮）
steps-transparency-default-recommendations = 默认推荐
steps-transparency-after-off = 关闭个性化推荐后的推荐结果
steps-transparency-non-personalised = 非个性化推荐结果
steps-transparency-tags-of-persona-a = persona-a 的标签
steps-transparency-tags-after-deletion = 删除后的标签
steps-transparency-price-quote-of = { $persona } 的价格报价
