@profile:transparency
Feature: Fees charged to merchants (收费公开、平等)
  The fee schedule lists every fee, deposits and 保证金 included, and every merchant is quoted the
  published fees of its category and tier. Policy （八）（四）; E-Commerce Law (2018) art. 33, 35.

  @req:TP-12
  Scenario: The fee schedule lists every fee charged to merchants
    The current `fee-schedule` disclosure document MUST list every fee charged to merchants in
    `fees`, each with a unique `id`, a `name`, a `kind` (`commission`, `payment-settlement`,
    `fixed`, `periodic`, `deposit` or `guarantee-deposit`, 保证金), a `rate` (a fraction from 0 to 1)
    or an `amount_cents` (a non-negative integer), a `period` for a periodic fee and non-empty
    `refund_conditions` for a deposit or a guarantee deposit; and every fee the platform quotes to a
    merchant (`{merchants}/{id}/fee-quote`) MUST be one the schedule lists.
    The harness reads the fee quotes of the first 100 merchants listed.
    Given the harness is authenticated as "third-party-a"
    When the harness fetches the current "fee-schedule" disclosure
    And the harness reads the fee quote of each listed merchant
    Then it lists every fee completely, and every quoted fee is one it lists

  @req:TP-13
  Scenario: Merchants of the same category and tier are quoted the same fees
    The fee quote of every merchant the merchants endpoint lists (`{merchants}/{id}/fee-quote`:
    `merchant_id`, `category`, `tier` and `fees`, each an `id` of the fee schedule with its `rate`
    or `amount_cents`) MUST name the merchant's category (as the merchants endpoint lists it) and a
    tier the current `fee-schedule` publishes (`tiers`, each with `id` and non-empty `criteria`),
    and MUST quote exactly the fees of the schedule that apply to that category and tier (an entry
    applies unless its `category` or `tier` names another), each at the schedule's value, so that
    merchants of the same category and tier are quoted the same fees.
    The harness reads the fee quotes of the first 100 merchants listed and compares each with the
    schedule and with the quotes of the other merchants of its category and tier.
    Given the harness is authenticated as "third-party-a"
    When the harness fetches the current "fee-schedule" disclosure
    And the harness reads the fee quote of each listed merchant
    Then every merchant is quoted the schedule's fees for its category and tier
