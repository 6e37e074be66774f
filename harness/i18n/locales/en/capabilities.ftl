# harness/checks/src/capabilities.rs: optional capabilities (OPIS §6.5) and test resources (OPIS §6.6).

# A capability is declared or not offered (CORE-02).
capabilities-undeclared-endpoint = discovery declares endpoint `{ $name }` of capability `{ $capability }`
capabilities-undeclared-operation = the OpenAPI description describes { $method } { $template } ({ $operation_id }) of capability `{ $capability }`
capabilities-undeclared-offered = the platform offers operations of optional capabilities it does not declare in `capabilities` (OPIS §6.5: a capability is declared or not offered, so that no requirement conditional on it is escaped): { $problems }
capabilities-undeclared-offered-more = the platform offers operations of optional capabilities it does not declare in `capabilities` (OPIS §6.5: a capability is declared or not offered, so that no requirement conditional on it is escaped): { $problems }; and { $more } more
capabilities-workers-undeclared = the current algorithmic rules name workers as affected ({ $topics }), but `capabilities.workers` is not declared
capabilities-commission-fees-undeclared = the current fee schedule states { $rates } commission or payment-settlement rates, but `capabilities.commission_fees` is not declared
capabilities-disclosed-undeclared = the platform's disclosures show capabilities it does not declare (OPIS §6.5: a capability is declared or not offered, so that no requirement conditional on it is escaped): { $problems }

# Test resources.
capabilities-the-test-resources = capabilities.test_resources
capabilities-no-test-resources = the platform declares no test resources (discovery `capabilities.test_resources`, OPIS §6.6): the harness writes only to declared test resources
capabilities-test-resources-unusable = the declared test resources cannot be used: { $detail }
capabilities-test-resources-unreadable = the declared test resources cannot be read: { $error }
capabilities-no-delete = the declared test records of this entity have no `delete` (discovery `capabilities.test_resources.entities.*.delete`, OPIS §6.6): the harness deletes nothing else
capabilities-no-writable-record = the platform declares no writable test record (discovery `capabilities.test_resources.entities`, OPIS §6.6)
capabilities-no-sandbox-item = the platform declares no sandbox checkout item (discovery `capabilities.test_resources.checkout.items`, OPIS §6.6): the harness buys nothing else
