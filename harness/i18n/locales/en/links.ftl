# harness/checks/src/links.rs: link neutrality (AI-01, AI-03, AI-15, AI-16).

## A link sent through the messaging operation (AI-01)
links-text-altered = the message text was altered (sent { $sent }, delivered { $delivered })
links-stripped = the link was stripped: the delivered message carries no link
links-rewritten = the link was rewritten to { $href }
links-anchor-elsewhere = the rendered html shows the link but its anchor points to { $href }
links-anchor-no-href = the rendered html shows the link in an anchor without href

## Opening a link (AI-03)
links-interstitial = opening it gave HTTP { $status } ({ $content_type }) instead of a redirect to the link: an interstitial
links-interstitial-no-content-type = opening it gave HTTP { $status } (no Content-Type) instead of a redirect to the link: an interstitial
links-detour = opening it redirects to { $location }, not to the link: a detour
links-no-location = opening it gave HTTP { $status } without a Location

## Exactly the links sent (AI-15); `place` is one of the two places below
links-tracking-added = in { $place }, the outside link { $link } was delivered as { $delivered } ({ $added } added)
links-link-added = in { $place }, a link that was not sent was added: { $link }
links-place-links = `links`
links-place-html = the rendered `html`

## Previews (AI-16)
links-no-preview = it gets no preview, while links to the platform's own domain do
links-preview-warning = its preview carries a warning own-domain previews lack: { $warning }
links-preview-members = its preview has other members than own-domain previews (missing: { $missing }; added: { $added })
