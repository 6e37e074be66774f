# harness/checks/src/s3.rs: the S3 client of the object-storage migration, its listings and its verification of two buckets.

# Endpoints and bucket URLs.
s3-endpoint-no-host = S3 endpoint { $endpoint } has no host
s3-endpoint-error = S3 endpoint { $endpoint }: { $error }
s3-bucket-not-host-label = bucket { $bucket } cannot be named in a host (virtual-hosted-style): only lowercase letters, digits and `-`
s3-not-a-url = { $url } is not a URL: { $error }
s3-not-path-style = { $url } is not a path-style bucket URL http(s)://host[:port][/prefix]/bucket
s3-url-names-no-bucket = { $url } names no bucket (http(s)://host[:port][/prefix]/bucket)
s3-target-error = { $url }: { $error }
s3-target-names-no-bucket = { $url } names no bucket: write http(s)://host[:port][/prefix]/bucket (path-style) or http(s)://bucket.host[:port]/ (virtual-hosted-style)

# Requests and answers.
s3-request-url = S3 request URL { $url }: { $error }
s3-the-bucket = bucket { $bucket }
s3-the-key = key { $key }
s3-cannot-send-exactly = the { $what } cannot be sent exactly: a URL parser turns the path { $path } into { $parsed } (dot segments are resolved); the harness sends no request for another key
s3-request-failed = S3 { $label }: { $error }
s3-answer-longer = the answer is longer than the { $bound } bytes expected
s3-op = { $operation } { $target }
s3-op-part = UploadPart { $number } of { $key }
s3-op-error-in-200 = CompleteMultipartUpload { $key } (answered 200 with an error)
s3-answered = S3 { $operation } answered HTTP { $status }
s3-answered-code = S3 { $operation } answered HTTP { $status } { $code }
s3-answered-message = S3 { $operation } answered HTTP { $status }: { $message }
s3-answered-code-message = S3 { $operation } answered HTTP { $status } { $code }: { $message }
s3-harness-refused = { $answer } — the service refused the harness's own signature or keys (check the access key, the secret and the clock); not a verdict on the platform
s3-unparseable = { $operation }: the answer is unparseable: { $error }

# The XML of an answer.
s3-xml-not-utf8 = the XML is not UTF-8: { $error }
s3-xml-not-well-formed = not well-formed XML (byte { $byte }): { $error }
s3-xml-stray-end-tag = an end tag closes no element
s3-xml-unknown-entity = unknown XML entity &{ $name };
s3-xml-two-roots = the XML has more than one root element
s3-xml-unclosed = the XML ends inside an element
s3-xml-empty = the answer holds no XML element

# Listings (ListObjectsV2).
s3-listing-wrong-root = ListObjectsV2 { $bucket } answered a <{ $root }> document, not <ListBucketResult>
s3-listing-no-key = ListObjectsV2 lists an object without Key
s3-listing-no-size = ListObjectsV2 lists { $key } without a Size
s3-listing-no-token = a truncated listing has no NextContinuationToken
s3-listing-encoding-mismatch = ListObjectsV2 { $bucket } with encoding-type=url lists { $encoded } keys that decode to none of the { $plain } keys listed without it (first: { $first_encoded } and { $first_plain })
s3-listing-cycles = ListObjectsV2 { $bucket } repeats continuation token { $token }: the listing cycles
s3-listing-too-long = ListObjectsV2 { $bucket }: more than { $max } pages; the harness stopped there
s3-listing-encoding-dropped = ListObjectsV2 { $bucket }: page { $page } asked with encoding-type=url does not say EncodingType url, the first did
s3-listing-key-not-encoded = ListObjectsV2 { $bucket } lists key { $key }, not a URL-encoded UTF-8 key

# Objects and multipart uploads.
s3-object-too-large = object { $key } is listed with { $size } bytes, more than the { $max } the harness copies and compares in memory
s3-no-upload-id = CreateMultipartUpload { $key } gave no UploadId
s3-part-no-etag = { $part } gave no ETag

# What differs between two buckets.
s3-md5-differs = MD5 ETag { $destination } in the destination, { $source } in the source
s3-size-differs = size { $destination } in the destination, { $source } in the source
