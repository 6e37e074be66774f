# Messages every area uses.

# Text that is the same in every language (a document's own words, a program's error).
verbatim = { $text }
# A finding put in the context of the step that met it.
in-context = { $context }: { $detail }
# Several messages one after the other.
joined = { $first }; { $next }
# Several messages as a list.
comma-listed = { $first }, { $next }
