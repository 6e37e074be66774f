# harness/runner/src/steps/open_ecosystem/contract.rs: contract checking (OE-04) and the safe-operation pool of OE-05 and OE-06.

steps-oe-contract-precondition = precondition: { $problem }
steps-oe-contract-none-called = no safe operation of the OpenAPI document could be called ({ $reasons })
steps-oe-contract-none-declared = no safe operation of the OpenAPI document could be called (it declares none)
steps-oe-contract-violation = { $operation } ({ $url }): { $violation }
steps-oe-contract-violations = { $count } of { $checked } safe operation(s) answered outside their OpenAPI description: { $violations }
steps-oe-contract-violations-not-exercised = { $count } of { $checked } safe operation(s) answered outside their OpenAPI description: { $violations } (not exercised: { $not_exercised })
steps-oe-contract-empty-pool = the OpenAPI document gives no safe operation the harness can call

# The document the safe operations come from, as findings call it.
steps-oe-contract-openapi-document = the OpenAPI document
