# harness/checks/src/transparency.rs: transparency and fair pricing (profile `transparency`, OPIS §16a).

# A summary and the problems found, at most 8 shown.
transparency-problems = { $what }: { $problems }
transparency-problems-more = { $what }: { $problems } (and { $more } more)

# TP-01: ranking and recommendation rules.
transparency-no-rule-of-topic = no rule of topic `{ $topic }`
transparency-rule-states-no = the `{ $topic }` rule states no { $member ->
        [principle] basic principle
        [purpose] purpose
       *[mechanism] main mechanism
    } (`{ $member }`)
transparency-ranking-rules-unexplained = the algorithmic rules do not explain recommendation and search ranking (Algorithm Recommendation Provisions (2021) art. 16)

# TP-05: paid placements.
transparency-no-sponsored-declaration = the platform declares no `capabilities.test_resources.sponsored_placements` (OPIS §6.6): no sandbox paid placement to look for
transparency-sponsored-but-none-sold = result { $id } for { $query } is flagged sponsored, but the platform declares that it sells no placement
transparency-sponsored-mislabelled = sponsored result { $id } for { $query } is labelled { $label }, not "广告"
transparency-sponsored-unlabelled = sponsored result { $id } for { $query } is labelled nothing, not "广告"
transparency-placement-not-searched = no search for the declared placement's query { $query } was made
transparency-placement-missing = the declared paid placement of { $product } for { $query } is not among the results
transparency-placement-unmarked = the declared paid placement of { $product } for { $query } is served without `sponsored: true` and the label "广告"
transparency-sponsored-unlabelled-summary = paid placements are not flagged and labelled 广告 (E-Commerce Law (2018) art. 40)

# TP-06: search orderings and the prices they order by.
transparency-unknown-ordering = unknown ordering { $sort }
transparency-too-few-results = the `{ $sort }` ordering returned { $count } unsponsored result(s): too few to judge an order
transparency-result-not-numeric = result { $position } has no numeric `{ $member }`
transparency-result-out-of-order = result { $position } (`{ $member }` { $value }) comes before result { $next } ({ $next_value })
transparency-not-ordered = search with `sort={ $sort }` is not ordered by { $member } ({ $order ->
        [ascending] ascending
       *[descending] descending
    }) (E-Commerce Law (2018) art. 40)
transparency-price-not-read = the price of product { $id } was not read from the product API
transparency-price-differs = { $id } is listed at { $listed } but the product API serves { $served }
transparency-prices-not-served = search results do not carry the prices the product API serves, so their order says nothing

# TP-07: self-operated business.
transparency-no-self-operated-merchants = the `operator-identity` document lists no `self_operated_merchants`
transparency-licence-no-self-operated = the licence information of merchant { $id } carries no `self_operated`
transparency-merchant-marked-not-declared = merchant { $id } is marked self_operated: true, but it is not among the declared self-operated merchants
transparency-merchant-declared-not-marked = merchant { $id } is marked self_operated: false, but it is among the declared self-operated merchants
transparency-result-no-self-operated = search result { $id } carries no `self_operated`
transparency-result-marked-not-declared = search result { $id } of merchant { $merchant } is marked self_operated: true, but its merchant is not declared self-operated
transparency-result-declared-not-marked = search result { $id } of merchant { $merchant } is marked self_operated: false, but its merchant is declared self-operated
transparency-self-operated-unmarked = self-operated business is not marked as declared (E-Commerce Law (2018) art. 37)

# TP-08: enforcement actions.
transparency-no-publication-days = the `enforcement-actions` document declares no `publication_days` (a positive integer)
transparency-no-actions = the `enforcement-actions` document lists no `actions`
transparency-action = action { $number } ({ $merchant })
transparency-action-no-merchant-id = action { $number } (no merchant_id)
transparency-action-names-no-merchant = { $action } names no merchant
transparency-action-unknown-measure = { $action }: measure { $measure } is not one of { $measures }
transparency-action-published-late = { $action }: taken { $date } and published { $published }, later than the declared { $days } day(s)
transparency-action-published-before-taken = { $action }: published before it was taken
transparency-action-dates-invalid = { $action }: `date` and `published_at` are not both RFC 3339 dates (`2024-11-04`) or date-times (`2024-11-04T09:00:00Z`)
transparency-action-cites-no-rule = { $action } cites no rule
transparency-action-cites-non-rules = { $action } cites { $url }, which is not a platform-rules document
transparency-action-cites-no-section = { $action } cites { $url } without the section applied (a fragment)
transparency-action-cites-unknown-section = { $action } cites section { $section }, which the platform rules do not have
transparency-enforcement-unpublished = measures against merchants are not published as declared (E-Commerce Law (2018) art. 36)

# TP-09: credit evaluation.
transparency-no-credit-rule = no credit-evaluation rule (`rules`)
transparency-credit-rule-no-summary = rule { $number } has no summary
transparency-rating-outside-scale = result { $id } is rated { $rating }, outside the published scale { $min }..{ $max }
transparency-rating-missing = result { $id } is rated nothing, outside the published scale { $min }..{ $max }
transparency-no-rating-scale = no rating scale (`scale` with `min` less than `max`)
transparency-credit-rules-unpublished = the credit-evaluation rules are not published as served (E-Commerce Law (2018) art. 39)

# TP-10, TP-11: licence information and algorithm filings.
transparency-no-operator-name = no operator `name`
transparency-uscc-invalid = `unified_social_credit_code` { $code } is not a valid 统一社会信用代码 (GB 32100-2015)
transparency-no-member = no `{ $member }`
transparency-licence-incomplete = licence { $licence } lacks a `name` or a `number`
transparency-operator-licences-incomplete = the operator's licence information is incomplete (E-Commerce Law (2018) art. 15)
transparency-licence-other-merchant = it names merchant { $merchant } instead
transparency-licence-no-merchant = it names merchant no instead
transparency-no-licences-list = no `licences` list
transparency-merchant-licence-incomplete = the licence information of merchant { $merchant } is incomplete (E-Commerce Law (2018) art. 15)
transparency-no-algorithm-filings = the `operator-identity` document lists no `algorithm_filings` (Algorithm Recommendation Provisions (2021) art. 26); a platform with no filed algorithm lists an empty list
transparency-filing-incomplete = filing { $filing } lacks an `algorithm`, a `number` or an https `url`
transparency-algorithm-filings-incomplete = the algorithm filings are incomplete (Algorithm Recommendation Provisions (2021) art. 26)

# TP-12: the fee schedule.
transparency-no-amount = no amount
transparency-no-fees = the fee schedule lists no `fees`
transparency-fee-id-missing-or-repeated = fee { $fee } has no `id` or one used twice
transparency-fee-no-name = fee { $id } has no `name`
transparency-fee-unknown-kind = fee { $id } is of kind { $kind }, not one of { $kinds }
transparency-fee-rate-not-fraction = fee { $id }: rate { $rate } is not a fraction from 0 to 1
transparency-fee-amount-not-integer = fee { $id }: amount_cents { $amount } is not a non-negative integer
transparency-fee-no-amount = fee { $id } states neither a `rate` nor an `amount_cents`
transparency-fee-no-period = periodic fee { $id } states no `period`
transparency-deposit-no-refund-conditions = { $kind } { $id } states no `refund_conditions`
transparency-quoted-fee-unlisted = merchant { $merchant } is quoted fee { $id }, which the schedule does not list
transparency-fee-list-incomplete = the fee schedule does not list every fee charged to merchants (E-Commerce Law (2018) art. 33, 35)

# TP-13: the fees quoted to merchants.
transparency-no-tiers = the fee schedule publishes no `tiers` with `criteria`
transparency-category-not-read = the category of merchant { $merchant } was not read from the merchants endpoint
transparency-quote-wrong-category = merchant { $merchant } is quoted as category { $category }, but the merchants endpoint serves { $served }
transparency-quote-unknown-tier = merchant { $merchant } is quoted in tier { $tier }, which the fee schedule does not publish
transparency-fee-not-quoted = merchant { $merchant } is not quoted fee { $id }, which applies to { $category }/{ $tier }
transparency-fee-quoted-out-of-scope = merchant { $merchant } is quoted fee { $id }, which the schedule scopes to another category or tier
transparency-fee-quoted-differently = merchant { $merchant } ({ $category }/{ $tier }) is quoted { $id } at { $quoted }, but the schedule says { $schedule }
transparency-group-quoted-differently = merchants of { $category }/{ $tier } are quoted different fees: { $merchants }
transparency-fee-quotes-unexplained = merchants are quoted fees the published schedule and tiers do not explain (E-Commerce Law (2018) art. 35)

# TP-14: small-merchant support.
transparency-support-tier-unpublished = tier { $tier } is not one the fee schedule publishes
transparency-small-merchant-support-incomplete = the small-merchant support programme does not say who is eligible and what they get

# TP-02, TP-03: non-personalised results and turning personalisation off.
transparency-nothing = nothing
transparency-lists-differ-at = position { $position }: { $first } against { $second } ({ $first_count } and { $second_count } results)
transparency-results = results
transparency-no-results-compared = no non-personalised results were compared
transparency-personas-results-differ = { $what } differ between the two personas at { $difference }
transparency-non-personalised-differs = the non-personalised option gives personas with different histories different results (E-Commerce Law (2018) art. 18; Algorithm Recommendation Provisions (2021) art. 17)
transparency-still-personalised = the first recommendations after turning personalisation off are still personalised (they differ from the non-personalised list at { $difference })
transparency-tag-still-listed = tag { $tag } is still listed after it was deleted
transparency-personalisation-off-ignored = turning personalisation off or deleting a tag did not take effect on the next request (Algorithm Recommendation Provisions (2021) art. 17; Network Data Security Management Regulations (2024) art. 42)

# TP-04: the same price for every persona.
transparency-no-price-quotes-compared = no price quotes were compared
transparency-quote-no-total = round { $round }: persona { $persona }'s quote has no integer `total_cents`
transparency-adjustment-cites-no-section = round { $round }: persona { $persona }'s adjustment { $adjustment } cites no section of a published platform-rules document
transparency-personas-quoted-differently = round { $round }: the personas are quoted { $first } and { $second } (total_cents) for the same item, quantity, place and time
transparency-personas-quoted-differently-unexplained = round { $round }: the personas are quoted { $first } and { $second } (total_cents) for the same item, quantity, place and time, a difference the itemised adjustments do not explain
transparency-price-discrimination = personas that differ only in history, device or client are quoted different prices (大数据杀熟; Personal Information Protection Law (2021) art. 24; Algorithm Recommendation Provisions (2021) art. 21)
