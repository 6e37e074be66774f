# harness/checks/src/capabilities.rs：可选能力（OPIS §6.5）与测试资源（OPIS §6.6）。

# 能力要么声明，要么不提供（CORE-02）。
capabilities-undeclared-endpoint = 发现文档声明了能力 `{ $capability }` 的端点 `{ $name }`
capabilities-undeclared-operation = OpenAPI 描述中描述了能力 `{ $capability }` 的操作 { $method } { $template }（{ $operation_id }）
capabilities-undeclared-offered = 平台提供了未在 `capabilities` 中声明的可选能力的操作（OPIS §6.5：能力要么声明，要么不提供，以免规避以该能力为条件的任何要求）：{ $problems }
capabilities-undeclared-offered-more = 平台提供了未在 `capabilities` 中声明的可选能力的操作（OPIS §6.5：能力要么声明，要么不提供，以免规避以该能力为条件的任何要求）：{ $problems }；另有 { $more } 项
capabilities-workers-undeclared = 当前的算法规则将劳动者列为受影响方（{ $topics }），但未声明 `capabilities.workers`
capabilities-commission-fees-undeclared = 当前的收费标准列明了 { $rates } 项佣金或支付结算费率，但未声明 `capabilities.commission_fees`
capabilities-disclosed-undeclared = 平台公示的信息表明其具有未声明的能力（OPIS §6.5：能力要么声明，要么不提供，以免规避以该能力为条件的任何要求）：{ $problems }

# 测试资源。
capabilities-the-test-resources = capabilities.test_resources
capabilities-no-test-resources = 平台未声明测试资源（发现文档 `capabilities.test_resources`，OPIS §6.6）：测试工具仅向已声明的测试资源写入
capabilities-test-resources-unusable = 所声明的测试资源无法使用：{ $detail }
capabilities-test-resources-unreadable = 无法读取所声明的测试资源：{ $error }
capabilities-no-delete = 该实体所声明的测试记录没有 `delete`（发现文档 `capabilities.test_resources.entities.*.delete`，OPIS §6.6）：测试工具不删除任何其他记录
capabilities-no-writable-record = 平台未声明可写的测试记录（发现文档 `capabilities.test_resources.entities`，OPIS §6.6）
capabilities-no-sandbox-item = 平台未声明沙箱结账商品（发现文档 `capabilities.test_resources.checkout.items`，OPIS §6.6）：测试工具不购买任何其他商品
