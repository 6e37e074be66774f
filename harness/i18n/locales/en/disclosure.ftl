# harness/checks/src/disclosure.rs: disclosure documents (信息公示): the index, versions and histories.

# The index and its documents.
disclosure-the-index = the disclosure index
disclosure-index-lacks-kind = the disclosure index lists no `{ $kind }` document
disclosure-index-lacks-kinds = the disclosure index lists no { $kinds } document
disclosure-document-wrong-kind = { $what } is of kind { $seen }, not { $kind }
disclosure-history-of = the history of `{ $kind }`

# Versions, their notice and their dates (OE-11, OE-12).
disclosure-short-notice = { $kind } { $version }: announced { $announced } and effective { $effective }, { $days } days of notice
disclosure-notice-dates-invalid = { $kind } { $version }: announcement or effective date is not an RFC 3339 date-time
disclosure-and = { $first }, and { $next }
disclosure-none = (none)
disclosure-listed-other-version = { $kind } { $version }: the document at its URL is version { $found }
disclosure-listed-date-differs = the history lists { $member } { $listed } but the version document says { $document }
disclosure-version-problem = { $kind } { $version }: { $problem }

# The algorithmic rules and the fee schedule (OE-13, OE-14, OE-22).
disclosure-no-rule-on = no rule on `{ $topic }`
disclosure-rule-affects-neither = the `{ $topic }` rule names neither merchants nor workers as affected
disclosure-rule-no-summary = the `{ $topic }` rule has no summary
disclosure-algorithmic-rules-incomplete = the algorithmic rules are incomplete: { $problems }
disclosure-commission = commission
disclosure-payment-settlement = payment-settlement
disclosure-no-rate = no { $label } rate (`content.{ $member }` is missing or empty)
disclosure-rate-invalid = { $label } rate { $rate } is not a fraction from 0 to 1 with a `{ $key }`
disclosure-fee-schedule-incomplete = the fee schedule is incomplete: { $problems }
disclosure-rule-not-for-workers = the `{ $topic }` rule does not name workers as affected
disclosure-worker-rules-incomplete = the algorithmic rules leave out what workers are owed (Algorithm Recommendation Provisions art. 20): { $problems }

# The interop terms (OE-17).
disclosure-admission-criterion = admission criterion
disclosure-review-criterion = review criterion
disclosure-suspension-ground = ground for suspension
disclosure-no-criterion = no { $what } (`{ $path }` is missing or empty)
disclosure-criterion-no-text = a { $what } has no text
disclosure-criterion-cites-missing-section = the { $what } citing section { $section } cites a section the document does not contain
disclosure-no-review-deadline = no review deadline (`content.review.deadline_days`, a number of days)
disclosure-interop-terms-incomplete = the interop terms are incomplete: { $problems }

# The current version and its history (OE-17, OE-23).
disclosure-current-announced-later = the current `{ $kind }` (version { $version }) is announced at { $announced }, after the time of the run { $now }
disclosure-current-not-in-history = the history of `{ $kind }` lists no version in effect at the time of the run, yet version { $version } is served as current
disclosure-current-not-listed-version = the current `{ $kind }` is not the version its history lists as in effect now: { $problem }

# Consultations (OE-18).
disclosure-no-consultation = { $kind } { $version }: no consultation recorded
disclosure-consultation-dates-invalid = { $kind } { $version }: the consultation's `opened_at`, `closed_at` or the version's `announced_at` is not an RFC 3339 date-time
disclosure-consultation-opened-after-closed = { $kind } { $version }: the consultation opened at { $opened }, not before it closed at { $closed }
disclosure-consultation-closed-after-announcement = { $kind } { $version }: the consultation closed at { $closed }, after the version was announced at { $announced }
disclosure-consultation-closes-after-run = { $kind } { $version }: the consultation closes at { $closed }, after the time of the run { $now }
disclosure-consultation-url-not-absolute = { $kind } { $version }: the consultation's `url` is not an absolute URL
disclosure-consultations-missing = disclosure versions without a public consultation before their announcement (E-Commerce Law art. 34 para. 1): { $problems }
disclosure-document-records-no-consultation = { $kind } { $version }: the version's document records no consultation, though its history lists one
disclosure-document-records-other-consultation = { $kind } { $version }: the version's document records another consultation ({ $members } differ)

# Complaint and appeal channels (OE-23).
disclosure-no-channel-open-to = no channel open to { $audience }
disclosure-no-channel-takes = no channel takes { $handles }
disclosure-no-processing-steps = no processing steps (`content.steps`)
disclosure-no-response-time-limit = no time limit for a response (`content.response_days`)
disclosure-channel-url-not-absolute = channel URL { $url } is not absolute
disclosure-complaints-incomplete = the complaint and appeal channels are incomplete: { $problems }

# Versions kept between runs (OE-12 over time).
disclosure-version-no-longer-listed = { $key }, which the run of { $run } retrieved, is no longer listed
disclosure-version-date-changed = { $key }: { $member } is { $now } now, { $before } in the run of { $run }
disclosure-version-content-changed = { $key }: its content changed after publication (SHA-256 { $now }… now, { $before }… in the run of { $run })
disclosure-versions-changed = published disclosure versions were changed between runs (OPIS §12, §14): { $problems }
