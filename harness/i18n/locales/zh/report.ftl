# 报告本身关于要求所写的消息。

blocked-by = 未判定：受 { $requirements } 阻断，该要求在本次运行中不通过，而本要求依赖其所判定的前提；{ $detail }

scenario-passed = 符合要求：场景“{ $scenario }”的每个步骤均通过（检查了 { $exchanges } 次 HTTP 交互）
scenario-passed-finding-elsewhere = 符合要求：由场景“{ $scenario }”判定，其发现仅涉及 { $requirements }（检查了 { $exchanges } 次 HTTP 交互）
scenario-stopped-elsewhere = 未判定：场景停在了关于 { $requirements } 的发现上

profile-not-claimed = 平台未声明 { $profile } 规范集
capability-not-declared = 不适用：以能力 `{ $capability }` 为条件，而平台未声明该能力（发现文档 `capabilities`，OPIS §6.5）
not-tested = 未测试：{ $reason }
deadline-passed = 未判定：运行截止时间 { $seconds } 秒先到
deadline-passed-after = 未判定：运行截止时间 { $seconds } 秒先到；{ $detail }
no-scenario-verified = 本套件没有任何场景验证该要求
not-applicable-not-admitted = 未判定：{ $detail }（OPIS §10.1 仅在规范集未声明、注册表规定该要求所依赖的能力未声明，或注册表给出 not_tested_reason 时允许 not_applicable）
not-run = 未运行：{ $reason }

builtin-reference = hutong 内置参考平台（{ $shape } 形态），未注入故障（未指定目标）
builtin-reference-with-faults = hutong 内置参考平台（{ $shape } 形态），注入了故障 { $faults }（未指定目标）
