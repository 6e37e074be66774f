# harness/checks/src/transparency.rs：透明度与公平定价（`transparency` 规范集，OPIS §16a）。

# 概述及所发现的问题（最多列出 8 项）。
transparency-problems = { $what }：{ $problems }
transparency-problems-more = { $what }：{ $problems }（另有 { $more } 项）

# TP-01：排序与推荐规则。
transparency-no-rule-of-topic = 没有主题为 `{ $topic }` 的规则
transparency-rule-states-no = `{ $topic }` 规则未说明{ $member ->
        [principle] 基本原理
        [purpose] 目的意图
       *[mechanism] 主要运行机制
    }（`{ $member }`）
transparency-ranking-rules-unexplained = 算法规则未说明推荐和搜索排序的方式（《互联网信息服务算法推荐管理规定》（2021 年）第十六条）

# TP-05：付费推广。
transparency-no-sponsored-declaration = 平台未声明 `capabilities.test_resources.sponsored_placements`（OPIS §6.6）：没有可供查找的沙箱付费推广位
transparency-sponsored-but-none-sold = 查询 { $query } 的结果 { $id } 被标记为付费推广，但平台声明其不出售推广位
transparency-sponsored-mislabelled = 查询 { $query } 的付费推广结果 { $id } 标注为 { $label }，而不是“广告”
transparency-sponsored-unlabelled = 查询 { $query } 的付费推广结果 { $id } 未作任何标注，而不是标注“广告”
transparency-placement-not-searched = 未针对所声明推广位的查询 { $query } 进行搜索
transparency-placement-missing = 所声明的 { $product } 在查询 { $query } 下的付费推广位不在搜索结果中
transparency-placement-unmarked = 所声明的 { $product } 在查询 { $query } 下的付费推广位在展示时未带 `sponsored: true` 和“广告”标注
transparency-sponsored-unlabelled-summary = 付费推广未被标记并显著标明“广告”（《电子商务法》（2018 年）第四十条）

# TP-06：搜索排序方式及其所依据的价格。
transparency-unknown-ordering = 未知的排序方式 { $sort }
transparency-too-few-results = `{ $sort }` 排序仅返回 { $count } 个非推广结果：数量过少，无法判断顺序
transparency-result-not-numeric = 第 { $position } 个结果没有数值型的 `{ $member }`
transparency-result-out-of-order = 第 { $position } 个结果（`{ $member }` 为 { $value }）排在第 { $next } 个结果（{ $next_value }）之前
transparency-not-ordered = `sort={ $sort }` 的搜索结果未按 { $member } { $order ->
        [ascending] 升序
       *[descending] 降序
    }排列（《电子商务法》（2018 年）第四十条）
transparency-price-not-read = 未从商品 API 读取商品 { $id } 的价格
transparency-price-differs = { $id } 列示的价格为 { $listed }，但商品 API 提供的价格为 { $served }
transparency-prices-not-served = 搜索结果所带的价格并非商品 API 提供的价格，因此其排序无法说明问题

# TP-07：自营业务。
transparency-no-self-operated-merchants = `operator-identity` 文档未列出 `self_operated_merchants`
transparency-licence-no-self-operated = 商家 { $id } 的证照信息未带 `self_operated`
transparency-merchant-marked-not-declared = 商家 { $id } 被标记为 self_operated: true，但不在所声明的自营商家之列
transparency-merchant-declared-not-marked = 商家 { $id } 被标记为 self_operated: false，但在所声明的自营商家之列
transparency-result-no-self-operated = 搜索结果 { $id } 未带 `self_operated`
transparency-result-marked-not-declared = 商家 { $merchant } 的搜索结果 { $id } 被标记为 self_operated: true，但该商家未被声明为自营
transparency-result-declared-not-marked = 商家 { $merchant } 的搜索结果 { $id } 被标记为 self_operated: false，但该商家已被声明为自营
transparency-self-operated-unmarked = 自营业务未按声明进行标记（《电子商务法》（2018 年）第三十七条）

# TP-08：对商家采取的处置措施。
transparency-no-publication-days = `enforcement-actions` 文档未声明 `publication_days`（正整数）
transparency-no-actions = `enforcement-actions` 文档未列出 `actions`
transparency-action = 第 { $number } 项措施（{ $merchant }）
transparency-action-no-merchant-id = 第 { $number } 项措施（无 merchant_id）
transparency-action-names-no-merchant = { $action }未指明商家
transparency-action-unknown-measure = { $action }：措施 { $measure } 不属于 { $measures } 之一
transparency-action-published-late = { $action }：于 { $date } 作出、于 { $published } 公示，晚于所声明的 { $days } 日期限
transparency-action-published-before-taken = { $action }：公示时间早于作出时间
transparency-action-dates-invalid = { $action }：`date` 和 `published_at` 并非均为 RFC 3339 日期（`2024-11-04`）或日期时间（`2024-11-04T09:00:00Z`）
transparency-action-cites-no-rule = { $action }未援引任何规则
transparency-action-cites-non-rules = { $action }援引了 { $url }，但该文档不是 platform-rules 文档
transparency-action-cites-no-section = { $action }援引了 { $url }，但未指明所适用的条款（片段标识）
transparency-action-cites-unknown-section = { $action }援引了条款 { $section }，但平台规则中没有该条款
transparency-enforcement-unpublished = 对商家采取的措施未按声明公示（《电子商务法》（2018 年）第三十六条）

# TP-09：信用评价。
transparency-no-credit-rule = 没有信用评价规则（`rules`）
transparency-credit-rule-no-summary = 第 { $number } 条规则没有摘要
transparency-rating-outside-scale = 结果 { $id } 的评分为 { $rating }，超出所公示的评分范围 { $min }..{ $max }
transparency-rating-missing = 结果 { $id } 没有评分，不在所公示的评分范围 { $min }..{ $max } 之内
transparency-no-rating-scale = 没有评分范围（`scale`，且 `min` 小于 `max`）
transparency-credit-rules-unpublished = 所公示的信用评价规则与实际提供的评价不符（《电子商务法》（2018 年）第三十九条）

# TP-10、TP-11：证照信息与算法备案。
transparency-no-operator-name = 没有经营者 `name`
transparency-uscc-invalid = `unified_social_credit_code` { $code } 不是有效的统一社会信用代码（GB 32100-2015）
transparency-no-member = 缺少 `{ $member }`
transparency-licence-incomplete = 证照 { $licence } 缺少 `name` 或 `number`
transparency-operator-licences-incomplete = 经营者的证照信息不完整（《电子商务法》（2018 年）第十五条）
transparency-licence-other-merchant = 其中指明的却是商家 { $merchant }
transparency-licence-no-merchant = 其中未指明商家
transparency-no-licences-list = 没有 `licences` 列表
transparency-merchant-licence-incomplete = 商家 { $merchant } 的证照信息不完整（《电子商务法》（2018 年）第十五条）
transparency-no-algorithm-filings = `operator-identity` 文档未列出 `algorithm_filings`（《互联网信息服务算法推荐管理规定》（2021 年）第二十六条）；没有已备案算法的平台应列出空列表
transparency-filing-incomplete = 备案 { $filing } 缺少 `algorithm`、`number` 或 https `url`
transparency-algorithm-filings-incomplete = 算法备案信息不完整（《互联网信息服务算法推荐管理规定》（2021 年）第二十六条）

# TP-12：收费标准。
transparency-no-amount = 无金额
transparency-no-fees = 收费标准未列出 `fees`
transparency-fee-id-missing-or-repeated = 费用 { $fee } 没有 `id`，或其 `id` 被重复使用
transparency-fee-no-name = 费用 { $id } 没有 `name`
transparency-fee-unknown-kind = 费用 { $id } 的类型为 { $kind }，不属于 { $kinds } 之一
transparency-fee-rate-not-fraction = 费用 { $id }：费率 { $rate } 不是 0 到 1 之间的小数
transparency-fee-amount-not-integer = 费用 { $id }：amount_cents { $amount } 不是非负整数
transparency-fee-no-amount = 费用 { $id } 既未说明 `rate`，也未说明 `amount_cents`
transparency-fee-no-period = 周期性费用 { $id } 未说明 `period`
transparency-deposit-no-refund-conditions = { $kind } { $id } 未说明 `refund_conditions`
transparency-quoted-fee-unlisted = 向商家 { $merchant } 报价的费用 { $id } 未列于收费标准中
transparency-fee-list-incomplete = 收费标准未列出向商家收取的全部费用（《电子商务法》（2018 年）第三十三条、第三十五条）

# TP-13：向商家报出的费用。
transparency-no-tiers = 收费标准未公示带 `criteria` 的 `tiers`
transparency-category-not-read = 未从商家端点读取商家 { $merchant } 的类目
transparency-quote-wrong-category = 商家 { $merchant } 按类目 { $category } 报价，但商家端点提供的类目为 { $served }
transparency-quote-unknown-tier = 商家 { $merchant } 按档位 { $tier } 报价，但收费标准未公示该档位
transparency-fee-not-quoted = 未向商家 { $merchant } 报出费用 { $id }，而该费用适用于 { $category }/{ $tier }
transparency-fee-quoted-out-of-scope = 向商家 { $merchant } 报出了费用 { $id }，而收费标准将该费用限定于其他类目或档位
transparency-fee-quoted-differently = 商家 { $merchant }（{ $category }/{ $tier }）的 { $id } 报价为 { $quoted }，但收费标准规定为 { $schedule }
transparency-group-quoted-differently = { $category }/{ $tier } 的商家获得的费用报价不同：{ $merchants }
transparency-fee-quotes-unexplained = 向商家报出的费用无法由所公示的收费标准和档位解释（《电子商务法》（2018 年）第三十五条）

# TP-14：中小商家扶持。
transparency-support-tier-unpublished = 档位 { $tier } 不是收费标准所公示的档位
transparency-small-merchant-support-incomplete = 中小商家扶持计划未说明谁有资格参与以及可获得何种扶持

# TP-02、TP-03：非个性化结果与关闭个性化推荐。
transparency-nothing = 无
transparency-lists-differ-at = 第 { $position } 位：{ $first } 对比 { $second }（分别有 { $first_count } 个和 { $second_count } 个结果）
transparency-results = 结果
transparency-no-results-compared = 未比较任何非个性化结果
transparency-personas-results-differ = 两个测试用户的{ $what }不同，差异位于{ $difference }
transparency-non-personalised-differs = 非个性化选项向浏览历史不同的测试用户提供了不同的结果（《电子商务法》（2018 年）第十八条；《互联网信息服务算法推荐管理规定》（2021 年）第十七条）
transparency-still-personalised = 关闭个性化推荐后的首批推荐结果仍是个性化的（与非个性化列表的差异位于{ $difference }）
transparency-tag-still-listed = 标签 { $tag } 删除后仍被列出
transparency-personalisation-off-ignored = 关闭个性化推荐或删除标签未在下一次请求中生效（《互联网信息服务算法推荐管理规定》（2021 年）第十七条；《网络数据安全管理条例》（2024 年）第四十二条）

# TP-04：所有测试用户同一价格。
transparency-no-price-quotes-compared = 未比较任何价格报价
transparency-quote-no-total = 第 { $round } 轮：测试用户 { $persona } 的报价没有整数 `total_cents`
transparency-adjustment-cites-no-section = 第 { $round } 轮：测试用户 { $persona } 的价格调整 { $adjustment } 未援引已公示的 platform-rules 文档中的任何条款
transparency-personas-quoted-differently = 第 { $round } 轮：对于相同的商品、数量、地点和时间，两个测试用户的报价分别为 { $first } 和 { $second }（total_cents）
transparency-personas-quoted-differently-unexplained = 第 { $round } 轮：对于相同的商品、数量、地点和时间，两个测试用户的报价分别为 { $first } 和 { $second }（total_cents），该差异无法由逐项列示的价格调整解释
transparency-price-discrimination = 仅在浏览历史、设备或客户端上不同的测试用户被报以不同价格（大数据杀熟；《个人信息保护法》（2021 年）第二十四条；《互联网信息服务算法推荐管理规定》（2021 年）第二十一条）
