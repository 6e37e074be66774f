# harness/checks/src/formats.rs：开放格式的内容按导入时的原样导出。

formats-exported-without-media-type = 导出时未带 Content-Type，而应为 { $media }
formats-exported-as = 导出为 { $served }，而应为 { $media }
formats-text-charset = 文本导出时的字符集为 { $charset }，而应为 UTF-8
formats-magic-bytes = 导出的字节不是 { $media }（魔数字节）
formats-bytes-differ = 导出的字节与导入的字节不同（发送 { $sent } 字节，收到 { $received } 字节）
