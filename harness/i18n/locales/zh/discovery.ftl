# harness/checks/src/discovery.rs：发现文档（OPIS §6）。

discovery-unreadable = 无法读取发现文档：{ $error }
discovery-endpoint-missing = 发现文档未声明 `{ $name }` 端点
discovery-endpoint-not-absolute = 端点 `{ $name }` 不是绝对 URL（{ $error }）
discovery-endpoint-foreign-origin = 端点 `{ $name }`（{ $url }）既不在平台的源 { $origin } 上，也不在 trusted_origins 中
discovery-version-not-semver = opis_version { $version } 不是语义化版本（SemVer 2.0.0）：{ $error }
discovery-version-incompatible = 平台实现的是 OPIS { $theirs }，本套件（OPIS { $ours }）不认证该版本
discovery-the-document = 发现文档
