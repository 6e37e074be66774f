# harness/checks/src/payment.rs: payment neutrality (policy （五）) and merchant terms without exclusivity (二选一).

# Payment methods and their kinds (AI-17).
payment-method-no-kind = { $id } states no `kind`
payment-method-unknown-kind = { $id } states the unknown kind { $kind }
payment-method-kinds-missing = payment methods must state their kind ({ $kinds }): { $problems }
payment-methods-no-items = the payment methods answer has no `items` array
payment-method-no-id = payment method { $index } has no `id`
payment-method-own-unstated = payment method { $id } does not say whether it is the platform's own (`own`)

# The default payment method and enrolment in financial products (AI-17).
payment-default-checkout-unexpected-status = a checkout without payment_method answered HTTP { $status }: neither an order nor a refusal
payment-default-unknown = a checkout without payment_method was accepted, but the order names no `payment_method`: the default it pays with is unknown
payment-default-undeclared = a checkout without payment_method is paid with { $method }, which is not a declared payment method
payment-default-financial = a checkout without payment_method defaults to { $method }, a payment method of kind { $kind }: a financial product as the default (policy （五）; E-Commerce Law (2018) art. 19)
payment-paid-with-other = a checkout with { $requested } is paid with { $used }
payment-paid-with-unnamed = a checkout with { $requested } is paid with no payment method the order names
payment-place-step = step { $step }
payment-place-next-action = next_action.{ $member } { $value }
payment-enrolment-required = a checkout with { $requested } requires the { $kind } product { $product }: its { $place } names it (policy （五）: payment not tied to financial products)

# Checkouts compared between payment methods and clients (AI-11, AI-12, OE-15); said of the
# third-party method's checkout.
payment-checkout-costs-more = costs { $theirs } against { $own } with the platform's own method
payment-checkout-other-flow = follows another flow: { $key } is { $theirs } against { $own } with the platform's own method
payment-next-action-leaves = leads straight to { $host }
payment-next-action-redirects = redirects (HTTP { $status }) to { $location }
payment-next-action-answers = answers HTTP { $status } ({ $content_type })
payment-next-action-answers-untyped = answers HTTP { $status } (no Content-Type)
payment-next-action-differs = its next action { $theirs } where the platform's own method's { $own }
payment-next-action-interstitial = its next action { $theirs } where the platform's own method's { $own }: an interstitial page before the payment
payment-next-action-differs-by-client = has a next action that { $theirs } against one that { $other }

# Exclusivity, price parity and ranking penalties in merchant terms (AI-13, AI-18, AI-19).
payment-exclusivity-required = the terms declare exclusivity_required: true
payment-clause-restricts-trading = clause { $clause } restricts trading elsewhere: { $text }
payment-clause-hides-restriction = clause { $clause } is declared `restricts_trading_elsewhere: false` but its text contains the { $kind } wording { $wording } ({ $text })
payment-terms-restrict-trading = the merchant terms restrict trading elsewhere (E-Commerce Law art. 35): { $problems }
payment-price-parity-required = the terms declare price_parity_required: true
payment-price-parity-unstated = the terms do not state `price_parity_required`
payment-clause-pricing-unflagged = clause { $clause } has no `restricts_pricing_elsewhere` flag
payment-clause-restricts-pricing = clause { $clause } restricts pricing elsewhere: { $text }
payment-clause-hides-price-parity = clause { $clause } is declared `restricts_pricing_elsewhere: false` but its text contains the price-parity wording { $wording } ({ $text })
payment-terms-tie-prices = the merchant terms tie merchants' prices elsewhere (E-Commerce Law art. 35): { $problems }
payment-ranking-undeclared = the terms declare nothing about ranking (`ranking` is missing)
payment-selling-elsewhere = selling elsewhere
payment-outside-payment = using outside payment
payment-ranking-demotes = the ranking rules demote or limit merchants for { $what } (`ranking.{ $member }: true`)
payment-ranking-member-unstated = `ranking.{ $member }` is not stated
payment-ranking-rules-url-invalid = `ranking.rules_url` is not an absolute URL
payment-clause-ranking-penalty = clause { $clause } ties the ranking-penalty wording { $penalty } to trading elsewhere ({ $elsewhere }): { $text }
payment-ranking-penalty-not-ruled-out = the merchant terms do not rule out a ranking penalty for trading elsewhere: { $problems }
payment-order-member-one-sided = { $pointer }: present in one order, missing in the other
