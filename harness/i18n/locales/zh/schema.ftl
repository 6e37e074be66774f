# harness/checks/src/schema.rs：文档的 JSON Schema 校验（本套件的模式及平台声明的模式）。

schema-unknown = 本套件没有模式 { $name }
schema-invalid = { $what }未通过模式 { $name } 的校验：{ $errors }
schema-declared-invalid = { $what }不是有效的 JSON Schema：{ $error }

# 单个校验错误，以及被截断列表的结尾。
schema-error-at = 位于 { $path }：{ $error }
schema-errors-and-more = { $errors }（另有 { $more } 处）
