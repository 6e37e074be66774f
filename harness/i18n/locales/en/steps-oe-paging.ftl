# harness/runner/src/steps/open_ecosystem/paging.rs: list operations paginate and yield every item once (OE-21).

# The two walks of a collection.
steps-oe-paging-walk = the walk of `{ $collection }`
steps-oe-paging-walk-small = the walk of `{ $collection }` { $size } items a page

steps-oe-paging-loops = { $walk }: pagination loops, { $url } was linked as the next page twice
steps-oe-paging-too-many-pages = { $walk }: more than { $max } pages
steps-oe-paging-next-not-url = { $walk }: next page { $url }: { $error }
steps-oe-paging-nothing-declared = neither `products` nor `merchants` is declared: no list operation to walk
steps-oe-paging-items-missed = following `next` through `{ $collection }` { $size } items a page missed { $missed } item(s) that the walk with the default page size yielded; of the { $read } read back by `id`, { $still } can still be read: { $ids }

# A page `next` links to, as findings call it.
steps-oe-paging-next-page = a next page
