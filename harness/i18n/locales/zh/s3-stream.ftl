# harness/checks/src/s3/stream.rs：在有限内存中复制和核验存储桶（字节范围读取与分段上传）。

# 复制或核验的限值。
s3-stream-limits-zero = 分段大小和分段上传阈值必须至少为 1 字节
s3-stream-limits-threshold-too-large = 分段上传阈值至多为 { $max } 字节
s3-stream-limits-budget-too-small = { $budget } 字节的缓冲预算无法容纳两个阈值大小的对象或两个分段（{ $needed } 字节；核验时会读取两端）
s3-stream-limits-budget-too-large = 缓冲预算至多为 { $max } 字节
s3-stream-budget-closed = 内部错误：缓冲预算已被关闭

# 整体读取或按范围读取的对象。
s3-stream-op-range = GetObject { $key }（字节 { $first }-{ $last }）
s3-stream-get-size-differs = GetObject { $key } 返回了 { $received } 字节；列举所示为 { $listed } 字节
s3-stream-range-changed = { $operation }：对象在读取期间发生了变化（If-Match { $etag } 返回了 412）；请重新运行
s3-stream-range-ignored = GetObject { $key } 对 Range 请求返回了 200：该服务忽略范围请求（RFC 9110 §14.2 允许如此），而测试工具按范围读取超过分段上传阈值的对象；请将阈值提高到 { $size } 字节以上
s3-stream-object-changed-size = GetObject { $key }：对象有 { $size } 字节，而列举所示为 { $listed } 字节：对象在列举后发生了变化；请重新运行
s3-stream-range-wrong = GetObject { $key } 在请求对象（共 { $size } 字节）的第 { $first }-{ $last } 字节时，以 Content-Range { $content_range } 返回了 { $received } 字节（RFC 9110 §14.4）

# 两个对象之间的差异。
s3-stream-content-differs = 内容 SHA-256 在目标端为 { $destination }，在源端为 { $source }
s3-stream-metadata-differs = 用户元数据在目标端为 { $destination }，在源端为 { $source }

# 复制或核验停止之处。
s3-stream-destination-asked-first = 目标存储桶 { $bucket }（复制前已询问）
s3-stream-copy-stopped = 复制在完成 { $total } 个对象中的 { $done } 个后停止（进行中的请求已取消）
s3-stream-verification-stopped = 核验在完成 { $total } 个对象中的 { $done } 个后停止（进行中的请求已取消）
