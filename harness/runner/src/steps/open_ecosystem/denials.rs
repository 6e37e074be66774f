//! OE-16: every denial (`403`, `429`, `451`) cites a section of a published disclosure document.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{given, then, when};
use hutong_model::{msg, Finding};

#[given("the harness is authenticated as a client it registers for this scenario")]
async fn own_client(w: &mut PlatformWorld) {
    let ctx = w.ctx();
    // A client of its own (RFC 7591), so that no other scenario's counting of the probe is
    // disturbed; neutral metadata, a name drawn like any other (OPIS §5.3).
    let metadata = crate::oauth::metadata(&ctx, &w.rec).await.map_err(|f| f.into_error(msg!("steps-oe-denials-cannot-register"))).or_raise();
    let mut client = ctx.persona.neutral_registration();
    client.client_name = ctx.persona.client_name("own-window");
    match crate::oauth::register_as(&ctx, &w.rec, &metadata, &client).await {
        (Ok(token), _) => w.token = Some(token),
        (Err(f), _) => raise(f.into_error(msg!("steps-oe-denials-cannot-act"))),
    }
}

#[when("the client calls the probe operation until it is refused")]
async fn until_refused(w: &mut PlatformWorld) {
    let probe = earlier!(w.oe.probe).clone();
    let limit = probe["limit"].as_u64().unwrap_or_default().min(100);
    let method = if probe["method"] == "GET" { http::Method::GET } else { http::Method::POST };
    let url = probe["url"].as_str().unwrap_or_default().to_string();
    for i in 0..=limit {
        let request = w.request(method.clone(), &url).label(format!("rate-limit probe #{}", i + 1));
        let response = w.send(request).await;
        if hutong_checks::problem::DENIAL_STATUSES.contains(&response.status) {
            w.oe.denials = Some(vec![response]);
            return;
        }
    }
    // Whether the limit is applied is OE-07's to judge: here there is no denial to read.
    raise(Finding::error(msg!("steps-oe-denials-not-refused", calls = limit + 1, limit = limit)));
}

#[then("every denial the client received cites a section of a current published disclosure document")]
async fn denials_cite_rules(w: &mut PlatformWorld) {
    let index = earlier!(w.oe.disclosure_index).clone();
    let listed = hutong_checks::disclosure::listed(&index);
    let denials = earlier!(w.oe.denials).clone();
    let http_allowed = w.ctx().base_url.scheme() == "http";
    for response in denials {
        let index = response.exchange;
        let rule = hutong_checks::problem::check_cites_rule(&response, &listed, http_allowed).map_err(|f| f.with_exchanges(vec![index])).or_raise();
        let url = url::Url::parse(&rule.document).map_err(|e| Finding::error(msg!("steps-oe-denials-document-url", error = e.to_string()))).or_raise();
        crate::runner::world::check_on_platform(&w.ctx(), &url, msg!("steps-oe-denials-cited-document")).or_raise();
        // Without credentials: a rule is published when anyone can read it.
        let request = w.ctx().http.get(url.as_str()).label("the rule a denial cites");
        let answer = w.send(request).await;
        hutong_checks::expect_status(&answer, 200, msg!("steps-oe-denials-cited-document")).map_err(|f| f.with_exchanges(vec![index, answer.exchange])).or_raise();
        let doc = hutong_checks::json_body(&answer, msg!("steps-oe-denials-cited-document")).or_raise();
        hutong_checks::problem::check_cited_section(&doc, &rule).map_err(|f| f.with_exchanges(vec![index, answer.exchange])).or_raise();
    }
}
