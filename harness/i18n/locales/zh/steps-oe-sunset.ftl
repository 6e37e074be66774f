# harness/runner/src/steps/open_ecosystem/sunset.rs：已弃用的操作在其 Sunset 之前持续响应，跨多次运行检查（OE-20）。

steps-oe-sunset-no-earlier-run = 该目标的运行历史中没有更早的运行（certify --history，OPIS §12）：只能随时间判定的内容将从下一次运行起判定
steps-oe-sunset-no-history = 没有运行历史：之前的步骤未检查运行历史
steps-oe-sunset-history-operation = 运行历史中的操作 { $operation }：{ $error }
