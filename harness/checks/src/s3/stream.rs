//! Copy and verification of buckets in bounded memory: an object up to the multipart threshold
//! is read whole; a larger one is read by byte ranges (RFC 9110 §14, `If-Match` on the ETag of
//! its first range, so an object rewritten during the read is an `error`, not a mixture) and
//! written part by part (CreateMultipartUpload, UploadPart, CompleteMultipartUpload), its SHA-256
//! computed as the bytes pass. The content held at once is bounded by a budget shared by every
//! object in flight ([`StreamLimits::buffer_budget`]), whatever the objects' sizes.
//!
//! Results are judged as they come: the first failure stops the copy or the verification,
//! nothing more is scheduled and the requests in flight are cancelled (a multipart upload begun is
//! aborted), so a failing run ends within a few request timeouts, whatever the number of objects.

use super::{compare_listed, op, op_part, parse_xml, BucketDiff, ListedObject, MigrationStats, S3Answer, S3Client, META_PREFIX};
use crate::fidelity::Described;
use futures::{StreamExt as _, TryStreamExt as _};
use hutong_model::{msg, sanitize_line, Finding, Message};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Semaphore;

/// How much of the objects' content a copy or verification holds, and from what size on an
/// object is read by ranges and written by parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StreamLimits {
    /// Objects larger than this are read by ranges and written by a multipart upload.
    pub multipart_threshold: u64,
    /// Bytes of one range read and of one part written (S3 requires at least 5 MiB for every
    /// part but the last; some servers, s3s-fs among them, take less).
    pub part_size: u64,
    /// Most bytes of content held at once over all objects in flight (both sides' when
    /// verifying); at least the larger of the threshold and the part size.
    pub buffer_budget: u64,
}

impl Default for StreamLimits {
    fn default() -> Self {
        // OPIS §5.1: an 8 MiB multipart threshold and 5 MiB parts (CM-13).
        StreamLimits { multipart_threshold: super::MULTIPART_THRESHOLD as u64, part_size: super::PART_SIZE as u64, buffer_budget: 64 * 1024 * 1024 }
    }
}

/// Budget units: KiB, so that a budget of up to 4 TiB fits a semaphore's `u32` permits.
const UNIT: u64 = 1024;
/// Most parts of one multipart upload (S3).
const MAX_PARTS: u64 = 10_000;

impl StreamLimits {
    /// Whether the limits can work together; says why not.
    pub fn check(&self) -> Result<(), Message> {
        if self.part_size == 0 || self.multipart_threshold == 0 {
            return Err(msg!("s3-stream-limits-zero"));
        }
        if self.multipart_threshold > super::MAX_OBJECT_BYTES {
            return Err(msg!("s3-stream-limits-threshold-too-large", max = super::MAX_OBJECT_BYTES));
        }
        let largest = 2 * self.multipart_threshold.max(self.part_size);
        if self.buffer_budget < largest {
            return Err(msg!("s3-stream-limits-budget-too-small", budget = self.buffer_budget.to_string(), needed = largest.to_string()));
        }
        if self.buffer_budget / UNIT > u64::from(u32::MAX) {
            return Err(msg!("s3-stream-limits-budget-too-large", max = u64::from(u32::MAX) * UNIT));
        }
        Ok(())
    }
}

/// How far a copy or a verification has got, reported as each object or part is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is being done: `"copied"` or `"compared"`.
    pub stage: &'static str,
    /// Objects done.
    pub done: usize,
    /// Objects to do.
    pub total: usize,
    /// Bytes done (of the objects done and of the parts done of the others).
    pub bytes: u64,
    /// Bytes to do (the listed sizes).
    pub total_bytes: u64,
}

/// The content held in memory at once, shared by every object in flight.
struct Budget {
    permits: Semaphore,
    units: u32,
}

impl Budget {
    fn new(limits: &StreamLimits) -> Budget {
        let units = u32::try_from(limits.buffer_budget / UNIT).unwrap_or(u32::MAX).max(1);
        Budget { permits: Semaphore::new(units as usize), units }
    }

    /// Waits until `bytes` of content may be held; released when the permit is dropped.
    async fn hold(&self, bytes: u64) -> Result<tokio::sync::SemaphorePermit<'_>, Finding> {
        let units = u32::try_from(bytes.div_ceil(UNIT)).unwrap_or(u32::MAX).clamp(1, self.units);
        self.permits.acquire_many(units).await.map_err(|_| Finding::error(msg!("s3-stream-budget-closed")))
    }
}

fn metadata_of(a: &S3Answer) -> BTreeMap<String, String> {
    a.headers
        .iter()
        .filter_map(|(k, v)| k.as_str().strip_prefix(META_PREFIX).map(|m| (m.to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())))
        .collect()
}

fn etag_of(a: &S3Answer) -> Option<String> {
    a.headers.get("etag").and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// One object whole (at most the threshold): content and user metadata.
async fn get_whole(s3: &S3Client, bucket: &str, object: &ListedObject) -> Result<(Vec<u8>, BTreeMap<String, String>), Finding> {
    let key = sanitize_line(&object.key, 200);
    let a = s3.call(http::Method::GET, bucket, Some(&object.key), &[], &[], Vec::new(), &format!("get {key}"), object.size).await?;
    S3Client::expect(&a, &[200], op("GetObject", &key))?;
    if a.body.len() as u64 != object.size {
        return Err(Finding::fail(msg!("s3-stream-get-size-differs", key = &key, received = a.body.len(), listed = object.size.to_string())));
    }
    let metadata = metadata_of(&a);
    Ok((a.body, metadata))
}

/// Bytes `first..=last` of an object of `size` bytes, with `If-Match: etag` when given: the
/// answer (`206` with a `Content-Range` that names this range and the listed size).
async fn get_range(s3: &S3Client, bucket: &str, object: &ListedObject, first: u64, last: u64, if_match: Option<&str>) -> Result<S3Answer, Finding> {
    let key = sanitize_line(&object.key, 200);
    let mut headers = vec![("range".to_string(), format!("bytes={first}-{last}"))];
    if let Some(etag) = if_match {
        headers.push(("if-match".to_string(), etag.to_string()));
    }
    let label = format!("get bytes {first}-{last} of {key}");
    let a = s3.call(http::Method::GET, bucket, Some(&object.key), &[], &headers, Vec::new(), &label, last - first + 1).await?;
    let range_op = || msg!("s3-stream-op-range", key = &key, first = first.to_string(), last = last.to_string());
    if a.status == 412 {
        return Err(Finding::error(msg!("s3-stream-range-changed", operation = range_op(), etag = if_match.unwrap_or_default())));
    }
    if a.status == 200 {
        return Err(Finding::error(msg!("s3-stream-range-ignored", key = &key, size = object.size.to_string())));
    }
    S3Client::expect(&a, &[206], range_op())?;
    let range = a.headers.get("content-range").and_then(|v| v.to_str().ok()).and_then(crate::migration::parse_content_range);
    match range {
        Some(r) if r.first == first && r.last == last && r.complete == Some(object.size) && a.body.len() as u64 == last - first + 1 => Ok(a),
        Some(r) if r.complete.is_some_and(|c| c != object.size) => Err(Finding::error(msg!(
            "s3-stream-object-changed-size",
            key = &key,
            size = r.complete.unwrap_or_default().to_string(),
            listed = object.size.to_string()
        ))),
        _ => Err(Finding::fail(msg!(
            "s3-stream-range-wrong",
            key = &key,
            received = a.body.len(),
            content_range = format!("{:?}", a.headers.get("content-range").and_then(|v| v.to_str().ok()).map(|v| sanitize_line(v, 80)).unwrap_or_default()),
            first = first.to_string(),
            last = last.to_string(),
            size = object.size.to_string()
        ))),
    }
}

/// The byte ranges (inclusive) an object of `size` bytes is read and written in.
fn ranges(size: u64, part: u64) -> Vec<(u64, u64)> {
    (0..size.div_ceil(part)).map(|i| (i * part, ((i + 1) * part).min(size) - 1)).collect()
}

/// Writes an object in one PutObject with its SHA-256 checksum (`x-amz-checksum-sha256`).
async fn put_whole(s3: &S3Client, bucket: &str, key: &str, body: Vec<u8>, sha256: &[u8], metadata: &BTreeMap<String, String>) -> Result<(), Finding> {
    use base64::Engine as _;
    let mut headers: Vec<(String, String)> = metadata.iter().map(|(k, v)| (format!("{META_PREFIX}{k}"), v.clone())).collect();
    headers.push(("x-amz-checksum-sha256".into(), base64::engine::general_purpose::STANDARD.encode(sha256)));
    let shown = sanitize_line(key, 200);
    let a = s3.call(http::Method::PUT, bucket, Some(key), &[], &headers, body, &format!("put {shown}"), super::MAX_RESPONSE_BYTES).await?;
    S3Client::expect(&a, &[200], op("PutObject", &shown))
}

/// Copies one object; returns its size, whether a multipart upload was used and its SHA-256.
async fn copy_object(
    from: &S3Client,
    from_bucket: &str,
    to: &S3Client,
    to_bucket: &str,
    object: &ListedObject,
    limits: &StreamLimits,
    budget: &Budget,
    on_bytes: &(dyn Fn(u64) + Sync),
) -> Result<(bool, String), Finding> {
    if object.size <= limits.multipart_threshold {
        let _held = budget.hold(object.size).await?;
        let (body, metadata) = get_whole(from, from_bucket, object).await?;
        let sha = Sha256::digest(&body);
        put_whole(to, to_bucket, &object.key, body, &sha, &metadata).await?;
        on_bytes(object.size);
        return Ok((false, hex::encode(sha)));
    }
    let part = limits.part_size.max(object.size.div_ceil(MAX_PARTS));
    let ranges = ranges(object.size, part);
    let key = sanitize_line(&object.key, 200);
    // The first range gives the ETag every later range must match, and the user metadata.
    let held = budget.hold(ranges[0].1 + 1).await?;
    let first = get_range(from, from_bucket, object, ranges[0].0, ranges[0].1, None).await?;
    let (etag, metadata) = (etag_of(&first), metadata_of(&first));
    let meta: Vec<(String, String)> = metadata.iter().map(|(k, v)| (format!("{META_PREFIX}{k}"), v.clone())).collect();
    let a = to.call(http::Method::POST, to_bucket, Some(&object.key), &[("uploads", String::new())], &meta, Vec::new(), &format!("create multipart {key}"), super::MAX_RESPONSE_BYTES).await?;
    S3Client::expect(&a, &[200], op("CreateMultipartUpload", &key))?;
    let initiated = parse_xml(&a.body).map_err(|e| Finding::error(msg!("s3-unparseable", operation = op("CreateMultipartUpload", &key), error = e)))?;
    let upload_id = initiated.text_of("UploadId").filter(|u| !u.is_empty()).ok_or_else(|| Finding::fail(msg!("s3-no-upload-id", key = &key)))?.to_string();
    let uploaded = upload_parts(from, from_bucket, to, to_bucket, object, &ranges, (first, held), etag.as_deref(), &upload_id, budget, on_bytes).await;
    let (sha, parts) = match uploaded {
        Ok(done) => done,
        Err(f) => {
            // Best effort: the parts uploaded so far are not left behind.
            let _ = to.call(http::Method::DELETE, to_bucket, Some(&object.key), &[("uploadId", upload_id)], &[], Vec::new(), &format!("abort multipart {key}"), super::MAX_RESPONSE_BYTES).await;
            return Err(f);
        }
    };
    let xml = format!("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">{parts}</CompleteMultipartUpload>");
    let a = to.call(http::Method::POST, to_bucket, Some(&object.key), &[("uploadId", upload_id)], &[], xml.into_bytes(), &format!("complete multipart {key}"), super::MAX_RESPONSE_BYTES).await?;
    S3Client::expect(&a, &[200], op("CompleteMultipartUpload", &key))?;
    // S3 may answer 200 and report the failure in the body.
    match parse_xml(&a.body) {
        Ok(root) if root.name == "Error" => {
            let answer = S3Answer { status: 500, ..a };
            S3Client::expect(&answer, &[200], msg!("s3-op-error-in-200", key = &key))?;
        }
        Ok(_) => {}
        Err(e) => return Err(Finding::error(msg!("s3-unparseable", operation = op("CompleteMultipartUpload", &key), error = e))),
    }
    Ok((true, sha))
}

/// Reads the ranges of `object` (the first already read) and uploads each as a part, at most
/// two ranges read ahead; hashes the content in order. Returns the SHA-256 and the `<Part>`
/// list of the completion.
#[allow(clippy::too_many_arguments, reason = "the two sides of one streamed object")]
async fn upload_parts<'a>(
    from: &'a S3Client,
    from_bucket: &'a str,
    to: &'a S3Client,
    to_bucket: &'a str,
    object: &'a ListedObject,
    ranges: &'a [(u64, u64)],
    first: (S3Answer, tokio::sync::SemaphorePermit<'a>),
    etag: Option<&'a str>,
    upload_id: &'a str,
    budget: &'a Budget,
    on_bytes: &'a (dyn Fn(u64) + Sync),
) -> Result<(String, String), Finding> {
    let key = sanitize_line(&object.key, 200);
    let mut first = Some(first);
    let reads = futures::stream::iter(ranges.iter().enumerate()).map(|(i, &(a, b))| {
        let given = if i == 0 { first.take() } else { None };
        async move {
            match given {
                Some(done) => Ok((i, done.0, done.1)),
                None => {
                    let held = budget.hold(b - a + 1).await?;
                    Ok((i, get_range(from, from_bucket, object, a, b, etag).await?, held))
                }
            }
        }
    });
    let mut hasher = Sha256::new();
    let key_ref = &key;
    let uploads = reads
        .buffered(2)
        .map_ok(|(i, answer, held)| {
            hasher.update(&answer.body);
            let number = i + 1;
            async move {
                let len = answer.body.len() as u64;
                let query = [("partNumber", number.to_string()), ("uploadId", upload_id.to_string())];
                let a = to.call(http::Method::PUT, to_bucket, Some(&object.key), &query, &[], answer.body, &format!("upload part {number} of {key_ref}"), super::MAX_RESPONSE_BYTES).await?;
                drop(held);
                S3Client::expect(&a, &[200], op_part(number, key_ref))?;
                let etag = a.headers.get("etag").and_then(|v| v.to_str().ok()).ok_or_else(|| Finding::fail(msg!("s3-part-no-etag", part = op_part(number, key_ref))))?;
                on_bytes(len);
                Ok::<_, Finding>(format!("<Part><PartNumber>{number}</PartNumber><ETag>{}</ETag></Part>", quick_xml::escape::escape(etag)))
            }
        })
        .try_buffered(2);
    let parts: Vec<String> = uploads.try_collect().await?;
    Ok((hex::encode(hasher.finalize()), parts.concat()))
}

/// Compares one object of both buckets (listed with the same size): SHA-256 of content and
/// user metadata; returns what differs.
async fn compare_object(
    from: &S3Client,
    from_bucket: &str,
    to: &S3Client,
    to_bucket: &str,
    object: &ListedObject,
    limits: &StreamLimits,
    budget: &Budget,
    on_bytes: &(dyn Fn(u64) + Sync),
) -> Result<Option<Described>, Finding> {
    let (sha_a, sha_b, meta_a, meta_b) = if object.size <= limits.multipart_threshold {
        let _held = budget.hold(2 * object.size).await?;
        let (a, b) = futures::future::join(get_whole(from, from_bucket, object), get_whole(to, to_bucket, object)).await;
        let ((body_a, meta_a), (body_b, meta_b)) = (a?, b?);
        on_bytes(object.size);
        (Sha256::digest(&body_a), Sha256::digest(&body_b), meta_a, meta_b)
    } else {
        let part = limits.part_size.max(object.size.div_ceil(MAX_PARTS));
        let ranges = ranges(object.size, part);
        let (mut hash_a, mut hash_b) = (Sha256::new(), Sha256::new());
        // The first pair alone: it gives each side's ETag, which every later range must match.
        let (a, b) = ranges[0];
        let held = budget.hold(2 * (b - a + 1)).await?;
        let (x, y) = futures::future::join(get_range(from, from_bucket, object, a, b, None), get_range(to, to_bucket, object, a, b, None)).await;
        let (x, y) = (x?, y?);
        hash_a.update(&x.body);
        hash_b.update(&y.body);
        let (etag_a, etag_b) = (etag_of(&x), etag_of(&y));
        let metas = (metadata_of(&x), metadata_of(&y));
        drop((x, y, held));
        on_bytes(b - a + 1);
        let (etag_a, etag_b) = (etag_a.as_deref(), etag_b.as_deref());
        let mut pairs = futures::stream::iter(ranges[1..].iter().copied())
            .map(|(a, b)| async move {
                let held = budget.hold(2 * (b - a + 1)).await?;
                let (x, y) = futures::future::join(get_range(from, from_bucket, object, a, b, etag_a), get_range(to, to_bucket, object, a, b, etag_b)).await;
                Ok::<_, Finding>((x?, y?, held))
            })
            .buffered(2);
        while let Some(pair) = pairs.next().await {
            let (x, y, held) = pair?;
            hash_a.update(&x.body);
            hash_b.update(&y.body);
            on_bytes(x.body.len() as u64);
            drop(held);
        }
        let (meta_a, meta_b) = metas;
        (hash_a.finalize(), hash_b.finalize(), meta_a, meta_b)
    };
    Ok(if sha_a != sha_b {
        Some(Described::new(msg!("s3-stream-content-differs", destination = hex::encode(sha_b), source = hex::encode(sha_a))))
    } else if meta_a != meta_b {
        Some(Described::new(msg!("s3-stream-metadata-differs", destination = format!("{meta_b:?}"), source = format!("{meta_a:?}"))))
    } else {
        None
    })
}

/// Copies every object of `from_bucket` to `to_bucket` within `limits`: content, user metadata
/// and a SHA-256 checksum the destination can check (PutObject), by ranges and parts above the
/// threshold; `concurrency` objects at a time. The destination is asked first (one listing
/// request), so a silent destination or refused keys stop the copy before the source is read;
/// the first failure stops the copy (see the module documentation).
pub async fn copy_bucket(
    from: &S3Client,
    from_bucket: &str,
    to: &S3Client,
    to_bucket: &str,
    concurrency: usize,
    limits: &StreamLimits,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<MigrationStats, Finding> {
    limits.check().map_err(Finding::error)?;
    to.check_access(to_bucket).await.map_err(|f| f.context(msg!("s3-stream-destination-asked-first", bucket = to_bucket)))?;
    let objects = from.list(from_bucket).await?;
    let (total, total_bytes) = (objects.len(), objects.iter().map(|o| o.size).sum::<u64>());
    let budget = Budget::new(limits);
    let bytes = AtomicU64::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let on_bytes = |n: u64| {
        let now = bytes.fetch_add(n, Ordering::Relaxed) + n;
        progress(Progress { stage: "copied", done: done.load(Ordering::Relaxed), total, bytes: now, total_bytes });
    };
    let (budget, on_bytes) = (&budget, &on_bytes);
    let mut copies = futures::stream::iter(objects.iter().map(|object| async move {
        copy_object(from, from_bucket, to, to_bucket, object, limits, budget, on_bytes).await.map(|(multipart, _sha)| (object.size, multipart))
    }))
    .buffer_unordered(concurrency.max(1));
    let mut stats = MigrationStats::default();
    while let Some(copy) = copies.next().await {
        let (size, multipart) = copy.map_err(|f| f.context(msg!("s3-stream-copy-stopped", done = stats.objects, total = total)))?;
        stats.objects += 1;
        stats.bytes += size;
        stats.multipart += usize::from(multipart);
        done.store(stats.objects, Ordering::Relaxed);
        progress(Progress { stage: "copied", done: stats.objects, total, bytes: bytes.load(Ordering::Relaxed), total_bytes });
    }
    Ok(stats)
}

/// Verifies `to_bucket` against `from_bucket` object by object within `limits`: the same keys,
/// and for each key the same size, SHA-256 of content and user metadata; `concurrency` objects
/// at a time; the first failure to read an object stops the verification.
pub async fn compare_buckets(
    from: &S3Client,
    from_bucket: &str,
    to: &S3Client,
    to_bucket: &str,
    concurrency: usize,
    limits: &StreamLimits,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BucketDiff, Finding> {
    limits.check().map_err(Finding::error)?;
    let (source, destination) = futures::future::join(from.list(from_bucket), to.list(to_bucket)).await;
    let (mut diff, same_size) = compare_listed(source?, destination?);
    let total = same_size.len();
    let total_bytes = same_size.iter().map(|(o, _)| o.size).sum::<u64>();
    let budget = Budget::new(limits);
    let bytes = AtomicU64::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let on_bytes = |n: u64| {
        let now = bytes.fetch_add(n, Ordering::Relaxed) + n;
        progress(Progress { stage: "compared", done: done.load(Ordering::Relaxed), total, bytes: now, total_bytes });
    };
    let (budget, on_bytes) = (&budget, &on_bytes);
    let mut compared = futures::stream::iter(same_size.iter().map(|(object, _)| async move {
        let problem = compare_object(from, from_bucket, to, to_bucket, object, limits, budget, on_bytes).await?;
        Ok::<_, Finding>(problem.map(|p| (object.key.clone(), p)))
    }))
    .buffer_unordered(concurrency.max(1));
    let mut count = 0;
    while let Some(c) = compared.next().await {
        let altered = c.map_err(|f| f.context(msg!("s3-stream-verification-stopped", done = count, total = total)))?;
        diff.altered.extend(altered);
        count += 1;
        done.store(count, Ordering::Relaxed);
        progress(Progress { stage: "compared", done: count, total, bytes: bytes.load(Ordering::Relaxed), total_bytes });
    }
    diff.altered.sort();
    Ok(diff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_split_into_inclusive_ranges() {
        assert_eq!(ranges(10, 4), vec![(0, 3), (4, 7), (8, 9)]);
        assert_eq!(ranges(8, 4), vec![(0, 3), (4, 7)]);
        assert_eq!(ranges(1, 4), vec![(0, 0)]);
    }

    #[test]
    fn limits_must_hold_two_parts() {
        assert!(StreamLimits::default().check().is_ok());
        let small = StreamLimits { multipart_threshold: 1024, part_size: 1024, buffer_budget: 2048 };
        assert!(small.check().is_ok());
        assert!(StreamLimits { buffer_budget: 2047, ..small }.check().is_err());
        assert!(StreamLimits { part_size: 0, ..small }.check().is_err());
        assert!(StreamLimits { multipart_threshold: super::super::MAX_OBJECT_BYTES + 1, buffer_budget: u64::MAX / 2, ..small }.check().is_err());
    }
}
