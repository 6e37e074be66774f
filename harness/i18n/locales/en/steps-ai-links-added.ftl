# harness/runner/src/steps/anti_incompatibility/links_added.rs: exactly the links sent (AI-15) and link previews (AI-16).

# The messages of a round.
steps-ai-links-added-own = own-domain link, round { $round }
steps-ai-links-added-outside = link to { $host }, round { $round }
steps-ai-links-added-both = own-domain link and link to { $host }, round { $round }
steps-ai-links-added-own-operator = the platform's own domain

steps-ai-links-added-unreadable = { $message }: the message could not be read back: { $problem }
steps-ai-links-added-message-problem = { $message } ({ $operator }): { $problem }
steps-ai-links-added-more = and { $count } more
steps-ai-links-added-not-exact = { $count } of { $total } delivered message(s) do not carry exactly the links sent: { $messages }
steps-ai-links-added-no-own-preview = the platform declares `capabilities.link_previews`, but no link to its own domain got a preview in the delivered message's `previews`: no baseline to compare outside links with
