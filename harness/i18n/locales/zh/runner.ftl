# harness/runner/src/runner/mod.rs 与 features.rs：运行无法进行认证的原因，以及因测试工具自身原因失败的步骤。

# 运行完全无法进行认证的原因（每项要求均为“未运行：……”）。
runner-invalid-base-url = 基础 URL 无效：{ $error }
runner-target-unreachable = 无法连接目标：{ $error }
runner-discovery-invalid = 位于 { $url } 的发现文档无效：{ $detail }
runner-discovery-status = 响应为 HTTP { $status }，而非 200
runner-discovery-not-json = 不是 JSON：{ $error }
runner-discovery-not-i-json = 不是 I-JSON：{ $error }
runner-http-client = 无法构建 HTTP 客户端：{ $error }
runner-suite-error = 测试套件错误：{ $error }
runner-invalid-tag-expression = 标签表达式 { $expression } 无效：{ $error }
runner-selection-empty = 所选范围不运行任何场景：平台声明了 [{ $profiles }]，而所要求的规范集和标签未选中其中任何场景

# 测试工具自身未能运行完毕的场景。
runner-step-undefined = 场景中有一个步骤在本测试工具中没有定义
runner-setup-failed = 测试工具未能完成场景的准备
runner-step-panicked = 步骤中出现测试工具故障：{ $panic }
runner-step-panicked-unknown = 步骤中出现测试工具故障：未知的 panic
runner-step-ambiguous = 步骤定义有歧义：{ $error }
