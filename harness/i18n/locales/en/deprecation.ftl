# harness/checks/src/deprecation.rs: deprecation (RFC 9745) and sunset (RFC 8594) headers.

deprecation-no-deprecation-header = no Deprecation header (RFC 9745 §2)
deprecation-not-sf-date = Deprecation { $value } is not a structured-field Date `@<seconds>` (RFC 9745 §2.1)
deprecation-no-sunset-header = no Sunset header (RFC 8594 §3)
deprecation-sunset-not-http-date = Sunset { $value } is not an HTTP-date (RFC 8594 §3)
deprecation-notice-too-short = deprecated on { $deprecated } with sunset on { $sunset }: { $notice } days of notice, less than the required { $required } (declared { $declared }, OPIS minimum { $minimum })
deprecation-link-not-uri = Link rel="deprecation" target { $target } is not a URI reference (RFC 9745 §3)
deprecation-sunset-passed = still served on { $now } although its Sunset ({ $sunset }) has passed (RFC 8594 §3)
deprecation-no-notice-days = discovery declares no `capabilities.deprecation_notice_days` (the platform's deprecation notice period)

# A Sunset promised and not kept (OE-20).
deprecation-failed-before-sunset = { $operation } answered HTTP { $status } although it announces that it answers until its Sunset of { $sunset } (RFC 8594 §3)
deprecation-failed-before-promised-sunset = { $operation } answered HTTP { $status }, although the run of { $run } saw it announce that it answers until { $sunset } (RFC 8594 §3)
deprecation-sunset-moved-earlier = { $operation } now announces its Sunset for { $sunset }, earlier than the { $promised } the run of { $run } saw: a Sunset moved earlier leaves its clients less time than they were promised (RFC 8594 §3)
