# harness/runner/src/steps/anti_incompatibility/payment.rs：支付中立与商家条款（AI-11 至 AI-13，AI-17 至 AI-19）。

steps-ai-payment-no-third-party = 平台未声明任何第三方支付方式：买家只能使用平台自有的支付方式

# 被拒绝的结账，附服务器给出的 `detail`（如有）。
steps-ai-payment-refusal = HTTP { $status }
steps-ai-payment-refusal-detail = HTTP { $status }：{ $detail }
steps-ai-payment-sandbox-unpurchasable = 所声明的沙箱商品 { $item } 无法以任何已声明的支付方式购买（首次拒绝：{ $refusal }）：沙箱商品必须在每次运行时均可购买（OPIS §6.6）

# AI-11、AI-12：每种支付方式均被接受，且条件与平台自有方式相同。
steps-ai-payment-own-flag-undeclared = 支付方式将 { $methods } 标记为平台自有，但发现文档未声明 `capabilities.{ $capability }`：这将规避与自有支付方式的比较（AI-12）
steps-ai-payment-method-refused = { $method } 被拒绝：{ $refusal }
steps-ai-payment-not-every-method = 结账未提供所有已声明的支付方式：{ $refusals }
steps-ai-payment-no-own-flag = 发现文档声明了平台自有的支付方式（`capabilities.{ $capability }`），但没有任何已声明的支付方式标记为 `own`：无法将第三方支付方式与之比较
steps-ai-payment-own-refused = 使用平台自有支付方式的结账被拒绝：没有可比较的基准
steps-ai-payment-method-difference = { $method } { $difference }
steps-ai-payment-treated-differently = 第三方支付方式受到与平台自有方式（{ $own }）不同的对待：{ $differences }
steps-ai-payment-next-action-difference = { $method }：{ $difference }
steps-ai-payment-next-action-differs = 第三方支付方式的下一步操作不像平台自有方式（{ $own }）那样通向付款：{ $differences }

# AI-19：商家条款所指向的排序规则。
steps-ai-payment-rules-url-invalid = ranking.rules_url：{ $error }

# 发现中对此处所读取响应的称呼。
steps-ai-payment-declared-methods = 所声明的支付方式
steps-ai-payment-merchant-terms = 商家条款
steps-ai-payment-ranking-rules-url = 排序规则（`ranking.rules_url`）
steps-ai-payment-ranking-rules = 商家条款所指向的排序规则
