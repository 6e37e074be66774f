# harness/runner/src/steps/open_ecosystem/disclosures.rs：信息公示文档、其历史版本与公开征求意见，以及投诉渠道（OE-10 至 OE-14、OE-17、OE-18、OE-22、OE-23）。

steps-oe-disclosures-none-listed = 公示索引未列出任何文档
steps-oe-disclosures-short-notice = 变更在生效前不足 7 日公示（《电子商务法》第三十四条）：{ $versions }

# 所列每个版本均可按所列内容获取（OE-12）。
steps-oe-disclosures-version-status = { $kind } { $version }：HTTP { $status }
steps-oe-disclosures-version-not-json = { $kind } { $version }：不是 JSON（{ $error }）
steps-oe-disclosures-not-retrievable = 历史记录所列版本无法按所列内容获取：{ $problems }
steps-oe-disclosures-no-history = 没有运行历史：之前的步骤未检查运行历史

# 公示文档所指向的页面：征求意见渠道与投诉渠道。
steps-oe-disclosures-page-not-url = { $what }（{ $url }）不是绝对 URL（{ $error }）
steps-oe-disclosures-consultation-channel = { $kind } { $version } 的征求意见渠道
steps-oe-disclosures-channel-unnamed = { $kind } { $version }：征求意见渠道 { $url } 未注明该版本
steps-oe-disclosures-channel-status = { $kind } { $version }：征求意见渠道 { $url } 返回 HTTP { $status }
steps-oe-disclosures-consultations-unsupported = 历史记录中所载的征求意见未得到证实：{ $problems }
steps-oe-disclosures-complaint-channel = 一个投诉渠道
steps-oe-disclosures-complaint-status = 投诉渠道 { $url } 返回 HTTP { $status }
steps-oe-disclosures-complaints-silent = 已公布的投诉渠道没有响应：{ $problems }

# 发现中对所获取公示文档的称呼。
steps-oe-disclosures-index = 公示索引
steps-oe-disclosures-current = 当前的 `{ $kind }`
steps-oe-disclosures-current-document = 当前的 `{ $kind }` 文档
steps-oe-disclosures-history = `{ $kind }` 的历史记录
steps-oe-disclosures-version = { $kind } { $version }
