# harness/runner/src/steps/open_ecosystem/deprecation.rs: deprecated operations announce their sunset (OE-09).

steps-oe-deprecation-status = { $operation } answered HTTP { $status }
steps-oe-deprecation-problem = { $operation }: { $problem }
steps-oe-deprecation-not-called = could not call { $operation }
steps-oe-deprecation-not-announced = deprecation is not announced as required: { $problems }
