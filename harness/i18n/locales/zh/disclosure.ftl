# harness/checks/src/disclosure.rs：信息公示文档：索引、版本及历史记录。

# 索引及其列出的文档。
disclosure-the-index = 公示索引
disclosure-index-lacks-kind = 公示索引未列出 `{ $kind }` 文档
disclosure-index-lacks-kinds = 公示索引未列出 { $kinds } 文档
disclosure-document-wrong-kind = { $what }的类型为 { $seen }，而不是 { $kind }
disclosure-history-of = `{ $kind }` 的历史记录

# 版本、提前公告期及其日期（OE-11、OE-12）。
disclosure-short-notice = { $kind } { $version }：公告时间为 { $announced }，生效时间为 { $effective }，仅提前 { $days } 天公告
disclosure-notice-dates-invalid = { $kind } { $version }：公告日期或生效日期不是 RFC 3339 日期时间
disclosure-and = { $first }，并且{ $next }
disclosure-none = （无）
disclosure-listed-other-version = { $kind } { $version }：其 URL 处的文档是版本 { $found }
disclosure-listed-date-differs = 历史记录列出的 { $member } 为 { $listed }，但该版本的文档中为 { $document }
disclosure-version-problem = { $kind } { $version }：{ $problem }

# 算法规则与收费标准（OE-13、OE-14、OE-22）。
disclosure-no-rule-on = 没有关于 `{ $topic }` 的规则
disclosure-rule-affects-neither = `{ $topic }` 规则未将商家或劳动者列为受影响方
disclosure-rule-no-summary = `{ $topic }` 规则没有摘要
disclosure-algorithmic-rules-incomplete = 算法规则不完整：{ $problems }
disclosure-commission = 佣金
disclosure-payment-settlement = 支付结算
disclosure-no-rate = 没有{ $label }费率（`content.{ $member }` 缺失或为空）
disclosure-rate-invalid = { $label }费率 { $rate } 不是附带 `{ $key }` 的 0 到 1 之间的小数
disclosure-fee-schedule-incomplete = 收费标准不完整：{ $problems }
disclosure-rule-not-for-workers = `{ $topic }` 规则未将劳动者列为受影响方
disclosure-worker-rules-incomplete = 算法规则未涵盖涉及劳动者权益的内容（《互联网信息服务算法推荐管理规定》第二十条）：{ $problems }

# 互操作条款（OE-17）。
disclosure-admission-criterion = 准入标准
disclosure-review-criterion = 审核标准
disclosure-suspension-ground = 暂停理由
disclosure-no-criterion = 没有{ $what }（`{ $path }` 缺失或为空）
disclosure-criterion-no-text = 有一项{ $what }没有文本
disclosure-criterion-cites-missing-section = 援引条款 { $section } 的{ $what }所援引的条款不在该文档中
disclosure-no-review-deadline = 没有审核期限（`content.review.deadline_days`，以天计）
disclosure-interop-terms-incomplete = 互操作条款不完整：{ $problems }

# 当前版本及其历史记录（OE-17、OE-23）。
disclosure-current-announced-later = 当前的 `{ $kind }`（版本 { $version }）公告于 { $announced }，晚于本次运行的时间 { $now }
disclosure-current-not-in-history = `{ $kind }` 的历史记录未列出本次运行时生效的版本，但版本 { $version } 被作为当前版本提供
disclosure-current-not-listed-version = 当前的 `{ $kind }` 不是其历史记录所列的现行版本：{ $problem }

# 征求意见（OE-18）。
disclosure-no-consultation = { $kind } { $version }：未记录征求意见
disclosure-consultation-dates-invalid = { $kind } { $version }：征求意见的 `opened_at`、`closed_at` 或该版本的 `announced_at` 不是 RFC 3339 日期时间
disclosure-consultation-opened-after-closed = { $kind } { $version }：征求意见开始于 { $opened }，并不早于其结束时间 { $closed }
disclosure-consultation-closed-after-announcement = { $kind } { $version }：征求意见结束于 { $closed }，晚于该版本的公告时间 { $announced }
disclosure-consultation-closes-after-run = { $kind } { $version }：征求意见结束于 { $closed }，晚于本次运行的时间 { $now }
disclosure-consultation-url-not-absolute = { $kind } { $version }：征求意见的 `url` 不是绝对 URL
disclosure-consultations-missing = 公示文档的版本在公告前未公开征求意见（《电子商务法》第三十四条第一款）：{ $problems }
disclosure-document-records-no-consultation = { $kind } { $version }：该版本的文档未记录征求意见，但其历史记录列有征求意见
disclosure-document-records-other-consultation = { $kind } { $version }：该版本的文档记录的是另一次征求意见（{ $members } 不同）

# 投诉和申诉渠道（OE-23）。
disclosure-no-channel-open-to = 没有向 { $audience } 开放的渠道
disclosure-no-channel-takes = 没有受理 { $handles } 的渠道
disclosure-no-processing-steps = 没有处理流程（`content.steps`）
disclosure-no-response-time-limit = 没有答复时限（`content.response_days`）
disclosure-channel-url-not-absolute = 渠道 URL { $url } 不是绝对 URL
disclosure-complaints-incomplete = 投诉和申诉渠道不完整：{ $problems }

# 各次运行之间保留的版本（OE-12 的长期检查）。
disclosure-version-no-longer-listed = { $key }（{ $run } 开始的运行曾获取该版本）已不再列出
disclosure-version-date-changed = { $key }：{ $member } 现为 { $now }，在 { $run } 开始的运行中为 { $before }
disclosure-version-content-changed = { $key }：其内容在公布后被更改（现为 SHA-256 { $now }…，在 { $run } 开始的运行中为 { $before }…）
disclosure-versions-changed = 已公布的公示文档版本在两次运行之间被更改（OPIS §12、§14）：{ $problems }
