# harness/checks/src/paging.rs: walking a paginated collection (OE-21).

paging-loops = pagination loops: { $url } was linked as `next` twice
paging-too-many-pages = the collection has more than { $max } pages
paging-next-not-url = `next` is not a URL: { $next }
paging-no-items = a page of { $page } has no `items` array
paging-not-uri-reference = { $what } is not a URI reference: { $value }
paging-next-member = the page's `next` member
paging-link-target = the `Link: rel="next"` target
paging-next-not-string = the page's `next` member is { $value }, neither a URL nor null
paging-two-next-pages = a page of { $page } names two different next pages: `next` { $next } and `Link: rel="next"` { $link } (RFC 8288 §3.3)
paging-item-without-id = an item of a page has no `id` string or number
paging-repeated-items = { $what } yielded { $count } item(s) more than once: { $ids }
