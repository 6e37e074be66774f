# harness/runner/src/steps/open_ecosystem/uniform.rs: one uniform rule for every client (OE-05, OE-06, OE-08).

steps-oe-uniform-no-affiliated = the affiliated client's credentials were not supplied (target file [credentials.affiliated]): only unrelated third parties were compared, so a better treatment of the platform's own client cannot be seen
# More differences than a finding names.
steps-oe-uniform-more = ...

# OE-05: the same sequence of safe requests.
steps-oe-uniform-request = #{ $index } { $operation }
steps-oe-uniform-request-page = #{ $index } { $operation } page { $page }
steps-oe-uniform-no-page = "no such page: the listing ended before"
steps-oe-uniform-too-many-pages = #{ $index } { $operation }: the listing has more than { $max } pages; the comparison follows at most that many
steps-oe-uniform-pagination-loops = #{ $index } { $operation }: pagination loops for { $role }: { $url } was linked as `next` twice
steps-oe-uniform-no-answers = no answers were collected
steps-oe-uniform-status-differs = { $request }: HTTP { $status } for { $role } against { $other_status } for { $other_role }
steps-oe-uniform-bodies-differ = { $request }: bodies for { $role } and { $other_role } differ at { $difference }
steps-oe-uniform-answers-differ = { $count } answer(s) differ between clients: { $differences }
steps-oe-uniform-policy-header-differs = { $request }: RateLimit-Policy { $policy } for { $role } against { $other_policy } for { $other_role }
steps-oe-uniform-told-different-limits = clients are told different rate limits on { $count } request(s): { $differences }

# OE-06: latency windows across the run.
steps-oe-uniform-window-start = start
steps-oe-uniform-window-middle = middle
steps-oe-uniform-window-after-traffic = after sustained traffic of { $volume } requests per client
steps-oe-uniform-window-end = end
steps-oe-uniform-window = { $window } ({ $finished } of { $others } other scenarios finished)
steps-oe-uniform-latency-unjudged = the latency windows cannot be judged: { $error }
steps-oe-uniform-slower = in the window { $window }, { $slower } is slower than { $than } (median paired difference { $difference_ms } ms, medians { $median_ms } ms against { $other_median_ms } ms; one-sided Wilcoxon signed-rank W+ = { $w_plus } over { $pairs } pairs, p = { $p })
steps-oe-uniform-latency-differs = latency differs between clients (α = { $alpha } family-wise, Holm over { $tests } tests of { $windows } windows, ≥ { $min_ms } ms on the median paired difference, { $rounds } paired rounds per window): { $slower }

# OE-08: the same rate-limit policy for every client.
steps-oe-uniform-no-policy = no policy was collected
steps-oe-uniform-policy-documents-differ = the policy documents for { $role } and { $other_role } differ at { $difference }
steps-oe-uniform-policy-header = RateLimit-Policy is { $policy } for { $role } and { $other_policy } for { $other_role }
steps-oe-uniform-shown-different-limits = clients are shown different rate limits: { $differences }

# The published policy, as findings call it (OE-08 and the sustained traffic).
steps-oe-uniform-policy = the rate-limit policy
steps-oe-uniform-policy-as = the rate-limit policy as { $role }
