# harness/checks/src/s3.rs：对象存储迁移所用的 S3 客户端、其列举，以及对两个存储桶的核验。

# 端点与存储桶 URL。
s3-endpoint-no-host = S3 端点 { $endpoint } 没有主机名
s3-endpoint-error = S3 端点 { $endpoint }：{ $error }
s3-bucket-not-host-label = 存储桶 { $bucket } 无法写入主机名（虚拟主机式寻址）：只能包含小写字母、数字和 `-`
s3-not-a-url = { $url } 不是 URL：{ $error }
s3-not-path-style = { $url } 不是路径式存储桶 URL http(s)://host[:port][/prefix]/bucket
s3-url-names-no-bucket = { $url } 未指明存储桶（http(s)://host[:port][/prefix]/bucket）
s3-target-error = { $url }：{ $error }
s3-target-names-no-bucket = { $url } 未指明存储桶：请写作 http(s)://host[:port][/prefix]/bucket（路径式）或 http(s)://bucket.host[:port]/（虚拟主机式）

# 请求与响应。
s3-request-url = S3 请求 URL { $url }：{ $error }
s3-the-bucket = 存储桶 { $bucket }
s3-the-key = 键 { $key }
s3-cannot-send-exactly = 无法原样发送{ $what }：URL 解析器会把路径 { $path } 变为 { $parsed }（点路径段会被解析）；测试工具不会针对其他键发送请求
s3-request-failed = S3 { $label }：{ $error }
s3-answer-longer = 响应长于预期的 { $bound } 字节
s3-op = { $operation } { $target }
s3-op-part = { $key } 的 UploadPart { $number }
s3-op-error-in-200 = CompleteMultipartUpload { $key }（返回 200 但内容为错误）
s3-answered = S3 { $operation } 返回了 HTTP { $status }
s3-answered-code = S3 { $operation } 返回了 HTTP { $status } { $code }
s3-answered-message = S3 { $operation } 返回了 HTTP { $status }：{ $message }
s3-answered-code-message = S3 { $operation } 返回了 HTTP { $status } { $code }：{ $message }
s3-harness-refused = { $answer } —— 服务拒绝了测试工具自身的签名或密钥（请检查访问密钥、私密密钥和时钟）；这不是对平台的判定
s3-unparseable = { $operation }：无法解析响应：{ $error }

# 响应中的 XML。
s3-xml-not-utf8 = XML 不是 UTF-8：{ $error }
s3-xml-not-well-formed = XML 格式不正确（第 { $byte } 字节）：{ $error }
s3-xml-stray-end-tag = 结束标签没有对应的元素
s3-xml-unknown-entity = 未知的 XML 实体 &{ $name };
s3-xml-two-roots = XML 有不止一个根元素
s3-xml-unclosed = XML 在元素内部结束
s3-xml-empty = 响应中没有任何 XML 元素

# 列举（ListObjectsV2）。
s3-listing-wrong-root = ListObjectsV2 { $bucket } 返回的是 <{ $root }> 文档，而非 <ListBucketResult>
s3-listing-no-key = ListObjectsV2 列出了没有 Key 的对象
s3-listing-no-size = ListObjectsV2 列出的 { $key } 没有 Size
s3-listing-no-token = 被截断的列举没有 NextContinuationToken
s3-listing-encoding-mismatch = 使用 encoding-type=url 的 ListObjectsV2 { $bucket } 列出了 { $encoded } 个键，解码后与不使用该参数时列出的 { $plain } 个键均不相符（第一个分别为 { $first_encoded } 和 { $first_plain }）
s3-listing-cycles = ListObjectsV2 { $bucket } 重复给出续传令牌 { $token }：列举出现循环
s3-listing-too-long = ListObjectsV2 { $bucket }：超过 { $max } 页；测试工具在此停止
s3-listing-encoding-dropped = ListObjectsV2 { $bucket }：以 encoding-type=url 请求的第 { $page } 页未注明 EncodingType url，而第一页注明了
s3-listing-key-not-encoded = ListObjectsV2 { $bucket } 列出的键 { $key } 不是经 URL 编码的 UTF-8 键

# 对象与分段上传。
s3-object-too-large = 对象 { $key } 列举的大小为 { $size } 字节，超过测试工具在内存中复制和比较的上限 { $max } 字节
s3-no-upload-id = CreateMultipartUpload { $key } 未给出 UploadId
s3-part-no-etag = { $part } 未给出 ETag

# 两个存储桶之间的差异。
s3-md5-differs = MD5 ETag 在目标端为 { $destination }，在源端为 { $source }
s3-size-differs = 大小在目标端为 { $destination }，在源端为 { $source }
