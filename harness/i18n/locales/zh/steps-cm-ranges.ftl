# harness/runner/src/steps/cloud_migration/ranges.rs：可续传的导出下载（CM-04、CM-05；RFC 9110 §14 范围请求，§13.1.5 `If-Range`）。

steps-cm-ranges-no-file-to-cut = 导出中没有两个字节或以上、可供截断的文件
steps-cm-ranges-download-status = 下载 { $file } 响应 HTTP { $status }
steps-cm-ranges-no-strong-etag = { $file } 没有可据以续传的强 ETag（RFC 9110 §8.8.3、§13.1.5）
steps-cm-ranges-resume-status = 以 Range: bytes={ $half }- 和匹配的 If-Range 续传 { $file }，响应 HTTP { $status }，而非 206（RFC 9110 §14.2、§15.3.7）
steps-cm-ranges-content-range = { $file } 的 206 响应的 Content-Range 为 { $content_range }，应为 bytes { $first }-{ $last }/{ $total }（RFC 9110 §14.4）
steps-cm-ranges-resumed-sha256 = { $file } 续传后的下载 SHA-256 为 { $resumed }，未中断的下载为 { $whole }
steps-cm-ranges-stale-status = 以不匹配的 If-Range 请求 { $file } 的范围，响应 HTTP { $status }，而非返回完整文件的 200（RFC 9110 §13.1.5）
steps-cm-ranges-not-whole = { $file } 的 200 响应携带 { $bytes } 字节，而非完整文件的 { $expected } 字节
