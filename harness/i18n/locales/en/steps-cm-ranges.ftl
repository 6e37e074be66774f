# harness/runner/src/steps/cloud_migration/ranges.rs: resumable export downloads (CM-04, CM-05;
# RFC 9110 §14 ranges, §13.1.5 `If-Range`).

steps-cm-ranges-no-file-to-cut = the export has no file of two bytes or more to cut
steps-cm-ranges-download-status = downloading { $file } answered HTTP { $status }
steps-cm-ranges-no-strong-etag = { $file } has no strong ETag to resume against (RFC 9110 §8.8.3, §13.1.5)
steps-cm-ranges-resume-status = resuming { $file } with Range: bytes={ $half }- and a matching If-Range answered HTTP { $status }, not 206 (RFC 9110 §14.2, §15.3.7)
steps-cm-ranges-content-range = the 206 for { $file } has Content-Range { $content_range }, expected bytes { $first }-{ $last }/{ $total } (RFC 9110 §14.4)
steps-cm-ranges-resumed-sha256 = the resumed download of { $file } has SHA-256 { $resumed }, the uninterrupted download { $whole }
steps-cm-ranges-stale-status = a range of { $file } with a non-matching If-Range answered HTTP { $status }, not 200 with the whole file (RFC 9110 §13.1.5)
steps-cm-ranges-not-whole = the 200 for { $file } carried { $bytes } bytes, not the whole file of { $expected } bytes
