# harness/runner/src/steps/transparency.rs: steps of features/transparency/.

# The transparency disclosures.
steps-transparency-index-status = the disclosure index answered HTTP { $status }
steps-transparency-index-lists-no = the disclosure index lists no `{ $kind }` document
steps-transparency-document-status = the current `{ $kind }` document answered HTTP { $status }
steps-transparency-no-document = no `{ $kind }` document: an earlier step did not run

# Search (TP-01, TP-05 to TP-07).
steps-transparency-search = search { $query }
steps-transparency-search-ordered = search { $query } ordered by { $sort }
steps-transparency-no-items = the answer has no `items` list
steps-transparency-no-price-ordering = no price ordering was fetched
steps-transparency-product-status = search lists product { $product }, but the product API answers HTTP { $status } for it

# Merchants' licence information and fee quotes.
steps-transparency-merchants-status = precondition: listing merchants answered HTTP { $status }
steps-transparency-no-merchant = precondition: the merchants endpoint lists no merchant
steps-transparency-licence-information = licence information
steps-transparency-fee-quote = the fee quote
steps-transparency-not-served = { $what } is not served for merchant(s) { $merchants }

# Persons (TP-02, TP-03, TP-04).
steps-transparency-products-as-persona-status = precondition: listing products as persona-a answered HTTP { $status }
steps-transparency-too-few-products = precondition: the first page of products lists { $listed } products; the histories need { $needed }
steps-transparency-read-product-status = precondition: { $persona } reading product { $product } answered HTTP { $status }
steps-transparency-defaults-same = TP-02: the personas' default recommendations were the same too: their histories made no difference the run could see (the platform does not personalise, or did not for these identities), so the non-personalised option could not be seen at work
steps-transparency-off-status = turning personalisation off answered HTTP { $status }
steps-transparency-on-status = turning personalisation back on answered HTTP { $status }
steps-transparency-tags-no-items = the tags answer has no `items` list
steps-transparency-no-tag = TP-03: persona-a's history gave it no tag, so deleting a tag could not be seen
steps-transparency-delete-tag-status = deleting tag { $tag } answered HTTP { $status }
steps-transparency-products-status = precondition: listing products answered HTTP { $status }
steps-transparency-no-product = precondition: the products endpoint lists no product
steps-transparency-no-second-user-agent = the harness-identities corpus has no second User-Agent for persona-b's device

# What a request fetched, in findings about its answer.
steps-transparency-the-index = the disclosure index
steps-transparency-current = the current `{ $kind }`
steps-transparency-current-document = the current `{ $kind }` document
steps-transparency-enforcement-rule = a rule cited by an enforcement action
steps-transparency-price-rule = a rule cited by a price adjustment
steps-transparency-the-product = the product
steps-transparency-non-personalised-round = non-personalised recommendations (round { $round })
steps-transparency-default-recommendations = default recommendations
steps-transparency-after-off = the recommendations after turning personalisation off
steps-transparency-non-personalised = the non-personalised recommendations
steps-transparency-tags-of-persona-a = the tags of persona-a
steps-transparency-tags-after-deletion = the tags after the deletion
steps-transparency-price-quote-of = { $persona }'s price quote
