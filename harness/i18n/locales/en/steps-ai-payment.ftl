# harness/runner/src/steps/anti_incompatibility/payment.rs: payment neutrality and merchant terms (AI-11 to AI-13, AI-17 to AI-19).

steps-ai-payment-no-third-party = the platform declares no third-party payment method: buyers can pay only with the platform's own

# A checkout refused, with the server's `detail` when it gives one.
steps-ai-payment-refusal = HTTP { $status }
steps-ai-payment-refusal-detail = HTTP { $status }: { $detail }
steps-ai-payment-sandbox-unpurchasable = the declared sandbox item { $item } could not be bought with any declared payment method (first refusal: { $refusal }): a sandbox item must be purchasable at every run (OPIS §6.6)

# AI-11, AI-12: every method accepted, on the same terms as the platform's own.
steps-ai-payment-own-flag-undeclared = the payment methods flag { $methods } as the platform's own, but discovery does not declare `capabilities.{ $capability }`: the comparison with the own method (AI-12) would be escaped
steps-ai-payment-method-refused = { $method } refused with { $refusal }
steps-ai-payment-not-every-method = checkout does not offer every declared payment method: { $refusals }
steps-ai-payment-no-own-flag = discovery declares a payment method of the platform's own (`capabilities.{ $capability }`), but no declared payment method is flagged `own`: third-party methods cannot be compared with it
steps-ai-payment-own-refused = the checkout with the platform's own payment method was refused: no baseline to compare with
steps-ai-payment-method-difference = { $method } { $difference }
steps-ai-payment-treated-differently = third-party payment methods are treated differently from the platform's own ({ $own }): { $differences }
steps-ai-payment-next-action-difference = { $method }: { $difference }
steps-ai-payment-next-action-differs = the next action of third-party payment methods does not lead on to the payment as the platform's own ({ $own }) does: { $differences }

# AI-19: the ranking rules the merchant terms point to.
steps-ai-payment-rules-url-invalid = ranking.rules_url: { $error }

# What the answers read here are called in findings.
steps-ai-payment-declared-methods = the declared payment methods
steps-ai-payment-merchant-terms = the merchant terms
steps-ai-payment-ranking-rules-url = the ranking rules (`ranking.rules_url`)
steps-ai-payment-ranking-rules = the ranking rules the merchant terms point to
