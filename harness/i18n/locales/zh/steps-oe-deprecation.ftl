# harness/runner/src/steps/open_ecosystem/deprecation.rs：已弃用的操作须预告其停用日期（OE-09）。

steps-oe-deprecation-status = { $operation } 返回 HTTP { $status }
steps-oe-deprecation-problem = { $operation }：{ $problem }
steps-oe-deprecation-not-called = 无法调用 { $operation }
steps-oe-deprecation-not-announced = 弃用未按要求预告：{ $problems }
