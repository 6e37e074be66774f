# harness/runner/src/steps/anti_incompatibility/proprietary_channel.rs: plain HTTP(S) with a standard bearer token (AI-07).

# An operation's refusal, with the server's `detail` when it gives one.
steps-ai-proprietary-channel-status = HTTP { $status }
steps-ai-proprietary-channel-status-detail = HTTP { $status }: { $detail }
steps-ai-proprietary-channel-none-declared = the discovery document declares none of the read operations this scenario calls
steps-ai-proprietary-channel-answered = { $operation } answered { $problem }
steps-ai-proprietary-channel-refused = operations refuse a plain request with a standard OAuth 2.0 bearer token (RFC 6750 §2.1), as if a proprietary channel were required: { $operations }
