# harness/runner/src/steps/open_ecosystem/uniform_checkout.rs: one uniform rule over a write path, the checkout (OE-15).

steps-oe-uniform-checkout-precondition = cannot set up the checkout comparison: { $problem }
steps-oe-uniform-checkout-no-well-known-app = no app of the app-identity corpus has a display_name, software_id and site: no client registered with a well-known app's metadata was compared
steps-oe-uniform-checkout-not-registered = a client with { $app } could not be registered ({ $problem }): its orders were not compared (OE-02 judges the registration)
steps-oe-uniform-checkout-no-methods = the platform declares no payment method: there is no order to compare
steps-oe-uniform-checkout-unpurchasable = the declared sandbox item { $item } could not be bought by any client with any declared payment method: a sandbox item must be purchasable at every run (OPIS §6.6)

# An order compared with the baseline client's.
steps-oe-uniform-checkout-difference = with { $method }, the order of { $role } { $difference }, compared with { $other_role }'s
steps-oe-uniform-checkout-more = ...
steps-oe-uniform-checkout-differences = { $what } for { $count } order(s): { $differences }
steps-oe-uniform-checkout-different-terms = the same order is taken on different terms from different clients
steps-oe-uniform-checkout-status-differs = was answered HTTP { $status } against HTTP { $other_status }
steps-oe-uniform-checkout-differs-at = differs at { $members }
steps-oe-uniform-checkout-located-at = is located at { $location } against { $other_location }
steps-oe-uniform-checkout-next-action-differs = the same order's next action answers differently for different clients
steps-oe-uniform-checkout-app-metadata = { $app }'s metadata

# The answer listing the payment methods, as findings call it.
steps-oe-uniform-checkout-declared-methods = the declared payment methods
