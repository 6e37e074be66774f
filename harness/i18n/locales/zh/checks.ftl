# harness/checks/src/lib.rs：各项检查共用的辅助函数（传输、状态码、JSON 响应体）。

# 传输失败：HTTP 客户端自身的错误文本。
checks-transport = HTTP 传输失败：{ $error }
# `what` 指明请求或响应。
checks-unexpected-status = { $what }：应为 HTTP { $expected }，实际为 { $status }
checks-unexpected-status-with-body = { $what }：应为 HTTP { $expected }，实际为 { $status }（{ $body }）
checks-body-not-json = { $what }：响应体不是有效的 JSON：{ $error }
checks-body-not-ijson = { $what }：响应体不是 I-JSON：{ $error }
