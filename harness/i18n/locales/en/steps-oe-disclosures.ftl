# harness/runner/src/steps/open_ecosystem/disclosures.rs: disclosure documents, their history and consultations, and the complaint channels (OE-10 to OE-14, OE-17, OE-18, OE-22, OE-23).

steps-oe-disclosures-none-listed = the disclosure index lists no document
steps-oe-disclosures-short-notice = changes announced less than 7 days before taking effect (E-Commerce Law art. 34): { $versions }

# Every listed version retrievable as listed (OE-12).
steps-oe-disclosures-version-status = { $kind } { $version }: HTTP { $status }
steps-oe-disclosures-version-not-json = { $kind } { $version }: not JSON ({ $error })
steps-oe-disclosures-not-retrievable = the versions the histories list are not retrievable as listed: { $problems }
steps-oe-disclosures-no-history = no run history: an earlier step did not check it

# Pages a disclosure points to: consultation and complaint channels.
steps-oe-disclosures-page-not-url = { $what } ({ $url }) is not an absolute URL ({ $error })
steps-oe-disclosures-consultation-channel = the consultation channel of { $kind } { $version }
steps-oe-disclosures-channel-unnamed = { $kind } { $version }: the consultation channel { $url } does not name the version
steps-oe-disclosures-channel-status = { $kind } { $version }: the consultation channel { $url } answers HTTP { $status }
steps-oe-disclosures-consultations-unsupported = the consultations the histories record are not borne out: { $problems }
steps-oe-disclosures-complaint-channel = a complaint channel
steps-oe-disclosures-complaint-status = the complaint channel { $url } answers HTTP { $status }
steps-oe-disclosures-complaints-silent = the published complaint channels do not answer: { $problems }

# The disclosure documents fetched, as findings call them.
steps-oe-disclosures-index = the disclosure index
steps-oe-disclosures-current = the current `{ $kind }`
steps-oe-disclosures-current-document = the current `{ $kind }` document
steps-oe-disclosures-history = the history of `{ $kind }`
steps-oe-disclosures-version = { $kind } { $version }
