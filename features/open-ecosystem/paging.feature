@profile:open-ecosystem
Feature: Paging that yields every item once
  A third party that follows the platform's pages sees the whole collection, not a collection
  with holes at the page boundaries, whatever page size it asks for. Policy （九）; RFC 8288.

  @req:OE-21
  Scenario: Following next through products and merchants yields every item exactly once, at any page size
    The list operations of the declared `products` and `merchants` collections MUST paginate: a
    page that is not the last links the next one by its `next` member or by an RFC 8288 `Link`
    header field of relation `next` (when both are present, they name the same URL, resolved
    against the page's URL), the last page by neither; and following the next page from the first
    page to the last MUST yield every item exactly once: no `id` twice in a walk, and a walk whose
    first request asks for a page size (`limit`) from 2 to 10 drawn from the run's seed (raised to
    the collection's size divided by 40, rounded up, when that is larger) MUST yield every item that
    a walk with the default page size yielded just before it and that can still be read by its `id`.
    Given the discovery document
    And the harness is authenticated as a client it registers for this scenario
    When the client walks every declared collection among products and merchants with the default page size, then with a small page size drawn from the seed
    Then no walk yields an item twice
    And the walk with small pages yields every item of the first walk that can still be read
