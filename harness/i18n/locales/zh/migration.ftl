# harness/checks/src/migration.rs：切换条款（欧盟《数据法》第 25–29 条）、格式登记册，以及逐条记录比较导出。

# 切换条款中的期限。
migration-no-period = 前提条件：切换条款未以整数形式说明 `{ $field }`
migration-period-too-long = { $field } 为 { $days } 天；{ $rule }允许的上限为 { $max } 天
migration-period-too-short = { $field } 为 { $days } 天；{ $rule }要求至少 { $min } 天

# 费用（欧盟《数据法》第 29 条）。
migration-no-charges = 切换条款未说明 `charges`
migration-and = { $first } 和 { $next }
migration-charges-not-stated = 切换条款未写明 { $charges } 费用的金额、币种和计费单位（EU Data Act art. 29）
migration-charges-renamed = 切换条款在 `switching` 和 `egress` 之外列出了未标注 `optional: true` 的强制性费用 { $charges }：以其他名义收取的切换费用仍属切换费用（EU Data Act art. 2(36)、art. 29）
migration-precondition-no-charges = 前提条件：切换条款未说明 `charges`
migration-precondition-no-required-charge = 前提条件：切换条款既未说明 `switching` 费用，也未说明 `egress` 费用（由 CM-12 判定）
migration-charge-after-deadline = `{ $kind }` 费用为 { $stated }；自 { $date } 起不得收取任何切换费用（EU Data Act art. 29(1)）
migration-charge-not-cost-based = `{ $kind }` 费用为 { $stated }，且未标注 `basis: "cost"`；在 { $date } 之前，切换费用不得超过与切换直接相关的成本（EU Data Act art. 29(3)）

# 格式登记册（欧盟《数据法》第 26 条 (b) 项）。
migration-register-mismatch = 格式登记册与导出不符（EU Data Act art. 26(b)）：{ $problems }
migration-register-lacks-entity = 导出中有实体 `{ $entity }`，而登记册未列出该实体
migration-register-media-type = `{ $entity }` 在登记册中列为 { $listed }，但导出为 { $exported }
migration-register-schema = 登记册中 `{ $entity }` 的 JSON Schema 与其导出所声明的不同
migration-register-extra-entity = 登记册列出了 `{ $entity }`，而导出中没有该实体

# 删除、基础设施、程序。
migration-no-erasure = 切换条款未说明可导出数据何时删除（`erasure`，EU Data Act art. 25(2)(h)）
migration-erasure-after-absent = `erasure.after` 不存在，而应为 `retrieval_period` 或 `switching_completed`（EU Data Act art. 25(2)(h)）
migration-erasure-after = `erasure.after` 为 { $value }，而应为 `retrieval_period` 或 `switching_completed`（EU Data Act art. 25(2)(h)）
migration-erasure-within-days = `erasure.within_days` 不是整数天数：条款未说明数据在多少天内删除
migration-no-infrastructure = 切换条款未说明存放客户数据的基础设施位于何处（`infrastructure`，EU Data Act art. 28(1)）
migration-no-jurisdictions = `infrastructure.jurisdictions` 未列出任何法域
migration-unknown-jurisdictions = `infrastructure.jurisdictions` 含有 { $codes }，不是 ISO 3166-1 alpha-2 代码
migration-data-leaves-china-unstated = `infrastructure.data_leaves_china` 未说明客户数据是否离开中国
migration-data-held-abroad = `infrastructure.data_leaves_china` 为 false，但客户数据存放于中国大陆以外的 { $codes }
migration-no-access-safeguards = `infrastructure.access_safeguards` 未说明防范其他法域政府访问的措施（EU Data Act art. 28(1)(b)）
migration-no-procedure = 切换条款未说明切换程序（`procedure`，EU Data Act art. 26(a)）
migration-no-procedure-steps = `procedure.steps` 未列出切换程序的任何步骤
migration-procedure-url = `procedure.url` 不是说明切换程序的网页的绝对 http(s) URL
migration-no-limitations = 切换条款未列出已知的限制和技术局限（`limitations`，无已知限制时为空数组；EU Data Act art. 26(a)）

# 两组记录之间的差异。
migration-diff-missing = 缺少 { $count } 条（{ $records }）
migration-diff-extra = 多出 { $count } 条（{ $records }）
migration-diff-altered = 被改动 { $count } 条（{ $records }）
migration-diff-altered-item = { $id }（{ $field }）
migration-list = { $first }、{ $next }
migration-and-more = 另有 { $more } 条
migration-side-destination = 目标端
migration-side-source = 源端
