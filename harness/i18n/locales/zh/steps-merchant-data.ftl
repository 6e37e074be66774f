# harness/runner/src/steps/merchant_data.rs：features/merchant-data/ 的步骤（OPIS §16c）。

steps-merchant-data-no-affiliated = 未提供关联客户端的凭据（目标文件 [credentials.affiliated]）：商户数据是在两个外部工具之间比较的，因此无法发现平台自有商户工具是否受到更优待遇
steps-merchant-data-precondition = 前提条件

# 数据集及其列出者（MD-01、MD-03）。
steps-merchant-data-the-merchant = 商户
steps-merchant-data-the-outside-tool = 外部工具
steps-merchant-data-the-own-tool = 平台自有工具
steps-merchant-data-no-dataset = 前提条件：文档未列出数据集 { $dataset }
steps-merchant-data-dataset-url = 数据集 { $dataset } 的 url 不是 URL：{ $error }
steps-merchant-data-dataset = 数据集 { $dataset }
steps-merchant-data-range-status = 数据集 { $dataset } 在 { $from } 至 { $to } 期间的列表请求响应了 HTTP { $status }
steps-merchant-data-status-differs = 数据集 { $dataset } 的列表请求对外部工具响应了 HTTP { $outside }，对平台自有工具响应了 HTTP { $own }

# 要求付费的响应（MD-02）。
steps-merchant-data-the-document = 商户数据文档
steps-merchant-data-listing-by = 数据集 { $dataset } 的列表（{ $who }）
steps-merchant-data-the-export = 商户导出
steps-merchant-data-payment-asked = 平台要求商户为其自身数据付费（402 Payment Required）：{ $answers }

# 商户导出（MD-04）。
steps-merchant-data-exports = 商户数据文档的 `exports`
steps-merchant-data-exports-not-url = 文档的 `exports` 不是 URL：{ $error }
steps-merchant-data-no-exports = 商户数据文档未给出用于商户导出的 `exports` 集合
steps-merchant-data-export-status = 创建商户导出的请求响应了 HTTP { $status }，而非附带作业 Location 的 202 Accepted
steps-merchant-data-export-no-location = 商户导出的 202 响应中没有作业的 Location
steps-merchant-data-wrong-schema = 场景指定的模式为 { $schema }，而商户导出是按 { $read_against } 读取的
steps-merchant-data-manifest-missing = 商户导出的清单未列出实体 { $entities }
steps-merchant-data-file = 文件 { $file }
steps-merchant-data-file-url = 文件 { $file } 没有有效的 URL：{ $error }
steps-merchant-data-file-oversized = { $file }：超出清单声明的 { $declared } 字节
steps-merchant-data-file-problem = { $file }：{ $problem }
steps-merchant-data-download-status = { $file }：下载请求响应了 HTTP { $status }
steps-merchant-data-file-mismatch = { $file }：{ $bytes } 字节，SHA-256 为 { $sha256 }，而清单声明为 { $declared_bytes } 字节，SHA-256 为 { $declared_sha256 }
steps-merchant-data-files-mismatch = 商户导出的文件与其清单不符：{ $problems }
steps-merchant-data-count-listing-status = 前提条件：数据集 { $dataset } 的列表请求响应了 HTTP { $status }
steps-merchant-data-count-differs = { $dataset }：导出中有 { $exported } 条记录，而列表提供 { $listed } 条
steps-merchant-data-counts-differ = 商户导出的记录数与商户列表不一致：{ $problems }
