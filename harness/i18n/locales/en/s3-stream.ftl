# harness/checks/src/s3/stream.rs: copying and verifying buckets in bounded memory (byte ranges and multipart uploads).

# Limits of a copy or a verification.
s3-stream-limits-zero = the part size and the multipart threshold must be at least 1 byte
s3-stream-limits-threshold-too-large = the multipart threshold is at most { $max } bytes
s3-stream-limits-budget-too-small = a buffer budget of { $budget } bytes cannot hold two objects of the threshold or two parts ({ $needed } bytes; a verification reads both sides)
s3-stream-limits-budget-too-large = the buffer budget is at most { $max } bytes
s3-stream-budget-closed = internal error: the buffer budget was closed

# Objects read whole or by ranges.
s3-stream-op-range = GetObject { $key } (bytes { $first }-{ $last })
s3-stream-get-size-differs = GetObject { $key } answered { $received } bytes; the listing says { $listed }
s3-stream-range-changed = { $operation }: the object changed while it was read (If-Match { $etag } answered 412); run again
s3-stream-range-ignored = GetObject { $key } answered 200 to a Range request: the service ignores ranges (RFC 9110 §14.2 allows it), and the harness reads objects above the multipart threshold by ranges; raise the threshold above { $size } bytes
s3-stream-object-changed-size = GetObject { $key }: the object has { $size } bytes, the listing said { $listed }: it changed since it was listed; run again
s3-stream-range-wrong = GetObject { $key } answered { $received } bytes with Content-Range { $content_range } to a request for bytes { $first }-{ $last } of { $size } (RFC 9110 §14.4)

# What differs between two objects.
s3-stream-content-differs = content SHA-256 { $destination } in the destination, { $source } in the source
s3-stream-metadata-differs = user metadata { $destination } in the destination, { $source } in the source

# Where a copy or a verification stopped.
s3-stream-destination-asked-first = the destination bucket { $bucket } (asked before the copy)
s3-stream-copy-stopped = the copy stopped after { $done } of { $total } objects (requests in flight cancelled)
s3-stream-verification-stopped = the verification stopped after { $done } of { $total } objects (requests in flight cancelled)
