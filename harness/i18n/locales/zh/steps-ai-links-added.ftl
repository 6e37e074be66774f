# harness/runner/src/steps/anti_incompatibility/links_added.rs：消息所含链接与发送时完全一致（AI-15），链接预览（AI-16）。

steps-ai-links-added-own = 自有域名链接，第 { $round } 轮
steps-ai-links-added-outside = 指向 { $host } 的链接，第 { $round } 轮
steps-ai-links-added-both = 自有域名链接及指向 { $host } 的链接，第 { $round } 轮
steps-ai-links-added-own-operator = 平台自有域名

steps-ai-links-added-unreadable = { $message }：无法读回该消息：{ $problem }
steps-ai-links-added-message-problem = { $message }（{ $operator }）：{ $problem }
steps-ai-links-added-more = 另有 { $count } 条
steps-ai-links-added-not-exact = 在 { $total } 条已送达的消息中，有 { $count } 条所含链接与发送时不完全一致：{ $messages }
steps-ai-links-added-no-own-preview = 平台声明了 `capabilities.link_previews`，但指向其自有域名的链接在送达消息的 `previews` 中均未获得预览：没有可用于比较外部链接的基准
