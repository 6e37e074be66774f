# harness/runner/src/steps/open_ecosystem/denials.rs: every denial cites a published rule (OE-16).

steps-oe-denials-cannot-register = cannot register a client
steps-oe-denials-cannot-act = cannot act as a newly registered client (OE-02 judges registration)
steps-oe-denials-not-refused = { $calls } calls of the probe operation, over its published limit of { $limit }, were not refused: no denial to judge
steps-oe-denials-document-url = the cited document's URL: { $error }

# The rule document a denial cites, as findings call it.
steps-oe-denials-cited-document = the document a denial cites
