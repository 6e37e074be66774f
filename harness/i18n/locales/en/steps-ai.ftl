# harness/runner/src/steps/anti_incompatibility.rs: link and client neutrality (AI-01 to AI-06).

steps-ai-no-outside-domains = the outside-domain corpus is empty
steps-ai-no-apps = the app-identity corpus is empty

# Sending a message and reading it where the recipient reads it.
steps-ai-send-refused = sending was refused with HTTP { $status }{ $hint }
steps-ai-answer-not-json = the answer is not JSON: { $error }
steps-ai-bad-location = bad Location: { $error }
steps-ai-read-back-not-json = the message read back is not JSON: { $error }
steps-ai-not-delivered = the message was still not delivered { $seconds } s after sending (404 at its Location)
steps-ai-read-back-status = reading the message back gave HTTP { $status }

# An outside domain: its host and operator.
steps-ai-domain = { $host } ({ $operator })
steps-ai-domain-problem = { $domain }: { $problem }
steps-ai-domains-treated-differently = { $count } outside domain(s) treated differently from the platform's own: { $domains }
steps-ai-link-message-unreadable = the message with the link to { $domain } could not be read: { $problem }

# AI-01, AI-03, AI-04: links delivered unchanged, opened directly, rendered clickable.
steps-ai-own-links-not-delivered = even links to the platform's own domain are not delivered: { $problem }
steps-ai-own-links-not-clickable = links to the platform's own domain are not rendered as clickable anchors: no baseline
steps-ai-rendered-plain = { $domain }: rendered as plain text while own-domain links are clickable anchors
steps-ai-own-link-problem = { $link }: { $problem }
steps-ai-own-links-not-opened = even links to the platform's own domain do not open directly: { $problem }

# AI-05: no delay.
steps-ai-delivery-untimed = the send operation's answer names no message (no Location, no id): the harness cannot time delivery to the recipient
steps-ai-timed-not-delivered = a timed message could not be delivered: { $problem }
steps-ai-too-few-times = too few delivery times: { $error }
steps-ai-delivered-slower = { $domain }: median delivery { $median_ms } ms vs { $own_median_ms } ms for own-domain messages sent with it in the same rounds ({ $samples } samples each; Mann–Whitney U = { $u }, one-sided p = { $p }; OPIS §8.4: α = { $alpha } over { $domains } domains, at least { $min_ms } ms)

# AI-02, AI-06: client neutrality.
steps-ai-app-identity = { $app } ({ $headers })
steps-ai-no-app-headers = no app identity of the corpus carries the headers this scenario varies
steps-ai-app-difference = { $app }: { $difference }
steps-ai-apps-differ = { $count } app identit(ies) answered differently: { $apps }
