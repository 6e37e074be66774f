# harness/checks/src/payment.rs：支付中立（《若干意见》（五））及不含排他条款（二选一）的商家条款。

# 支付方式及其类型（AI-17）。
payment-method-no-kind = { $id } 未说明 `kind`
payment-method-unknown-kind = { $id } 说明的类型 { $kind } 未知
payment-method-kinds-missing = 支付方式必须说明其类型（{ $kinds }）：{ $problems }
payment-methods-no-items = 支付方式响应中没有 `items` 数组
payment-method-no-id = 索引为 { $index } 的支付方式没有 `id`
payment-method-own-unstated = 支付方式 { $id } 未说明其是否为平台自有（`own`）

# 默认支付方式及开通金融产品（AI-17）。
payment-default-checkout-unexpected-status = 未指定 payment_method 的结账请求返回了 HTTP { $status }：既不是订单，也不是拒绝
payment-default-unknown = 未指定 payment_method 的结账请求被接受，但订单未指明 `payment_method`：无法得知默认使用的支付方式
payment-default-undeclared = 未指定 payment_method 的结账使用 { $method } 支付，而该方式不是已声明的支付方式
payment-default-financial = 未指定 payment_method 的结账默认使用 { $method }，其类型为 { $kind }：以金融产品作为默认支付方式（《若干意见》（五）；《电子商务法》（2018 年）第十九条）
payment-paid-with-other = 指定 { $requested } 的结账实际使用 { $used } 支付
payment-paid-with-unnamed = 指定 { $requested } 的结账所用的支付方式未在订单中指明
payment-place-step = 步骤 { $step }
payment-place-next-action = next_action.{ $member } { $value }
payment-enrolment-required = 指定 { $requested } 的结账要求使用 { $kind } 产品 { $product }：{ $place } 中提及了该产品（《若干意见》（五）：支付不得与金融产品捆绑）

# 在不同支付方式和不同客户端之间比较结账（AI-11、AI-12、OE-15）；描述的是第三方支付方式的结账。
payment-checkout-costs-more = 费用为 { $theirs }，而使用平台自有支付方式时为 { $own }
payment-checkout-other-flow = 采用了不同的流程：{ $key } 为 { $theirs }，而使用平台自有支付方式时为 { $own }
payment-next-action-leaves = 直接跳转至 { $host }
payment-next-action-redirects = 重定向（HTTP { $status }）至 { $location }
payment-next-action-answers = 返回 HTTP { $status }（{ $content_type }）
payment-next-action-answers-untyped = 返回 HTTP { $status }（无 Content-Type）
payment-next-action-differs = 其下一步操作{ $theirs }，而平台自有支付方式的下一步操作{ $own }
payment-next-action-interstitial = 其下一步操作{ $theirs }，而平台自有支付方式的下一步操作{ $own }：在支付前插入了中间页
payment-next-action-differs-by-client = 其下一步操作{ $theirs }，而另一客户端的下一步操作{ $other }

# 商家条款中的排他、价格平价和排序惩罚（AI-13、AI-18、AI-19）。
payment-exclusivity-required = 条款声明了 exclusivity_required: true
payment-clause-restricts-trading = 条款 { $clause } 限制商家在其他渠道经营：{ $text }
payment-clause-hides-restriction = 条款 { $clause } 声明为 `restricts_trading_elsewhere: false`，但其文本包含 { $kind } 类措辞 { $wording }（{ $text }）
payment-terms-restrict-trading = 商家条款限制商家在其他渠道经营（《电子商务法》第三十五条）：{ $problems }
payment-price-parity-required = 条款声明了 price_parity_required: true
payment-price-parity-unstated = 条款未说明 `price_parity_required`
payment-clause-pricing-unflagged = 条款 { $clause } 没有 `restricts_pricing_elsewhere` 标志
payment-clause-restricts-pricing = 条款 { $clause } 限制商家在其他渠道的定价：{ $text }
payment-clause-hides-price-parity = 条款 { $clause } 声明为 `restricts_pricing_elsewhere: false`，但其文本包含价格平价措辞 { $wording }（{ $text }）
payment-terms-tie-prices = 商家条款限制商家在其他渠道的价格（《电子商务法》第三十五条）：{ $problems }
payment-ranking-undeclared = 条款未就排序作出任何声明（缺少 `ranking`）
payment-selling-elsewhere = 在其他渠道销售
payment-outside-payment = 使用外部支付方式
payment-ranking-demotes = 排序规则因商家{ $what }而降低其排名或对其加以限制（`ranking.{ $member }: true`）
payment-ranking-member-unstated = 未说明 `ranking.{ $member }`
payment-ranking-rules-url-invalid = `ranking.rules_url` 不是绝对 URL
payment-clause-ranking-penalty = 条款 { $clause } 将排序惩罚措辞 { $penalty } 与在其他渠道经营（{ $elsewhere }）相关联：{ $text }
payment-ranking-penalty-not-ruled-out = 商家条款未排除因在其他渠道经营而受到的排序惩罚：{ $problems }
payment-order-member-one-sided = { $pointer }：一方订单中存在，另一方缺失
