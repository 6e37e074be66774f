# harness/runner/src/steps/common.rs：各规范集共用的步骤。

steps-common-served-as = 响应的媒体类型为 { $seen }，预期为 { $expected }
steps-common-served-untyped = 响应没有 Content-Type，预期为 { $expected }
steps-common-next-action-not-url = 订单的 next_action.url { $url } 不是 URL（{ $error }）
steps-common-the-answer = 响应
