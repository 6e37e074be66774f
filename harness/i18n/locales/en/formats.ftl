# harness/checks/src/formats.rs: open formats exported as they were imported.

formats-exported-without-media-type = exported as "no Content-Type" instead of { $media }
formats-exported-as = exported as { $served } instead of { $media }
formats-text-charset = text exported with charset { $charset } instead of UTF-8
formats-magic-bytes = the exported bytes are not { $media } (magic bytes)
formats-bytes-differ = the exported bytes differ from the imported ones ({ $sent } bytes sent, { $received } received)
