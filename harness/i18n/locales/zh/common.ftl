# 各部分共用的消息。

verbatim = { $text }
in-context = { $context }：{ $detail }
joined = { $first }；{ $next }
comma-listed = { $first }、{ $next }
