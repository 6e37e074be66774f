# harness/runner/src/steps/merchant_data.rs: steps of features/merchant-data/ (OPIS §16c).

steps-merchant-data-no-affiliated = the affiliated client's credentials were not supplied (target file [credentials.affiliated]): the merchant's data was compared between two outside tools, so a better treatment of the platform's own merchant tool cannot be seen
steps-merchant-data-precondition = precondition

# The datasets and who lists them (MD-01, MD-03).
steps-merchant-data-the-merchant = the merchant
steps-merchant-data-the-outside-tool = the outside tool
steps-merchant-data-the-own-tool = the platform's own tool
steps-merchant-data-no-dataset = precondition: the document names no dataset { $dataset }
steps-merchant-data-dataset-url = the { $dataset } dataset's url is not a URL: { $error }
steps-merchant-data-dataset = the { $dataset } dataset
steps-merchant-data-range-status = the { $dataset } listing for { $from } to { $to } answered HTTP { $status }
steps-merchant-data-status-differs = the { $dataset } listing answered HTTP { $outside } to the outside tool, HTTP { $own } to the platform's own

# Answers that asked for payment (MD-02).
steps-merchant-data-the-document = the merchant-data document
steps-merchant-data-listing-by = the { $dataset } listing ({ $who })
steps-merchant-data-the-export = the merchant export
steps-merchant-data-payment-asked = the platform asked the merchant to pay (402 Payment Required) for its own data: { $answers }

# The merchant export (MD-04).
steps-merchant-data-exports = the merchant-data document's `exports`
steps-merchant-data-exports-not-url = the document's `exports` is not a URL: { $error }
steps-merchant-data-no-exports = the merchant-data document names no `exports` collection for merchant exports
steps-merchant-data-export-status = creating a merchant export answered HTTP { $status }, not 202 Accepted with the job's Location
steps-merchant-data-export-no-location = the merchant export's 202 answer has no Location of the job
steps-merchant-data-wrong-schema = the scenario names schema { $schema }, the merchant export is read against { $read_against }
steps-merchant-data-manifest-missing = the merchant export's manifest lists no entity { $entities }
steps-merchant-data-file = file { $file }
steps-merchant-data-file-url = file { $file } has no valid URL: { $error }
steps-merchant-data-file-oversized = { $file }: more than the { $declared } bytes the manifest declares
steps-merchant-data-file-problem = { $file }: { $problem }
steps-merchant-data-download-status = { $file }: download answered HTTP { $status }
steps-merchant-data-file-mismatch = { $file }: { $bytes } bytes with SHA-256 { $sha256 }, the manifest says { $declared_bytes } bytes with { $declared_sha256 }
steps-merchant-data-files-mismatch = the merchant export's files do not match its manifest: { $problems }
steps-merchant-data-count-listing-status = precondition: the { $dataset } listing answered HTTP { $status }
steps-merchant-data-count-differs = { $dataset }: the export holds { $exported } records, the listing serves { $listed }
steps-merchant-data-counts-differ = the merchant export's record counts differ from the merchant's listings: { $problems }
