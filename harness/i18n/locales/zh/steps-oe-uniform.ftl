# harness/runner/src/steps/open_ecosystem/uniform.rs：对所有客户端适用统一规则（OE-05、OE-06、OE-08）。

steps-oe-uniform-no-affiliated = 未提供关联客户端的凭据（目标文件 [credentials.affiliated]）：仅比较了无关联的第三方，因此无法发现平台对其自有客户端的优待
# 差异多于发现中所列的。
steps-oe-uniform-more = ……

# OE-05：相同的安全请求序列。
steps-oe-uniform-request = #{ $index } { $operation }
steps-oe-uniform-request-page = #{ $index } { $operation } 第 { $page } 页
steps-oe-uniform-no-page = “无此页：列表已在此前结束”
steps-oe-uniform-too-many-pages = #{ $index } { $operation }：列表超过 { $max } 页；比较最多跟随这么多页
steps-oe-uniform-pagination-loops = #{ $index } { $operation }：{ $role } 的分页出现循环：{ $url } 被两次链接为 `next`
steps-oe-uniform-no-answers = 未收集到任何响应
steps-oe-uniform-status-differs = { $request }：{ $role } 得到 HTTP { $status }，而 { $other_role } 得到 { $other_status }
steps-oe-uniform-bodies-differ = { $request }：{ $role } 与 { $other_role } 的响应体在 { $difference } 处不同
steps-oe-uniform-answers-differ = 客户端之间有 { $count } 个响应不同：{ $differences }
steps-oe-uniform-policy-header-differs = { $request }：{ $role } 得到的 RateLimit-Policy 为 { $policy }，而 { $other_role } 得到的为 { $other_policy }
steps-oe-uniform-told-different-limits = 在 { $count } 个请求上，客户端被告知了不同的速率限制：{ $differences }

# OE-06：贯穿整个运行的延迟窗口。
steps-oe-uniform-window-start = 开始
steps-oe-uniform-window-middle = 中段
steps-oe-uniform-window-after-traffic = 每个客户端发送 { $volume } 次持续流量请求之后
steps-oe-uniform-window-end = 结束
steps-oe-uniform-window = { $window }（其他 { $others } 个场景中已完成 { $finished } 个）
steps-oe-uniform-latency-unjudged = 无法判定延迟窗口：{ $error }
steps-oe-uniform-slower = 在窗口“{ $window }”中，{ $slower } 比 { $than } 慢（配对差值中位数 { $difference_ms } ms，中位数 { $median_ms } ms 对 { $other_median_ms } ms；单侧 Wilcoxon 符号秩检验 W+ = { $w_plus }，共 { $pairs } 对，p = { $p }）
steps-oe-uniform-latency-differs = 客户端之间的延迟存在差异（族错误率 α = { $alpha }，对 { $windows } 个窗口的 { $tests } 项检验作 Holm 校正，配对差值中位数 ≥ { $min_ms } ms，每个窗口 { $rounds } 轮配对）：{ $slower }

# OE-08：对每个客户端相同的速率限制策略。
steps-oe-uniform-no-policy = 未收集到任何策略
steps-oe-uniform-policy-documents-differ = { $role } 与 { $other_role } 的策略文档在 { $difference } 处不同
steps-oe-uniform-policy-header = { $role } 的 RateLimit-Policy 为 { $policy }，而 { $other_role } 的为 { $other_policy }
steps-oe-uniform-shown-different-limits = 客户端看到的速率限制不同：{ $differences }

# 发现中对所公布策略的称呼（OE-08 及持续流量）。
steps-oe-uniform-policy = 速率限制策略
steps-oe-uniform-policy-as = { $role } 所获取的速率限制策略
