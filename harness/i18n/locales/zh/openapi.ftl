# harness/checks/src/openapi.rs：平台发布的 OpenAPI 描述。

openapi-version-not-3 = `openapi` 为 { $version }，不是 OpenAPI 3.x 版本
openapi-invalid-3-1 = OpenAPI 文档未通过官方 OpenAPI 3.1 模式（2022-10-07）的校验：{ $errors }
openapi-no-info = OpenAPI 文档缺少 info.title 和 info.version
openapi-no-paths = OpenAPI 文档没有 `paths` 对象
