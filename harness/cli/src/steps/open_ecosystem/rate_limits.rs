//! OE-07: the rate-limit policy is published and a 429 says when to retry.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_model::Finding;
use serde_json::json;

#[when("the client fetches the published rate-limit policy")]
async fn fetch_policy(w: &mut PlatformWorld) {
    let url = w.endpoint("rate_limit_policy");
    let request = w.request(hutong_http::http::Method::GET, url.as_str()).label("rate-limit policy");
    let response = w.send(request).await;
    hutong_checks::expect_status(&response, 200, "the rate-limit policy").or_raise();
    let policy = hutong_checks::json_body(&response, "the rate-limit policy").or_raise();
    w.scratch.insert("policy", policy);
}

#[then("it is a valid rate-limit policy that names a probe operation and its limit")]
fn valid_policy(w: &mut PlatformWorld) {
    let probe = hutong_checks::rate_limit::probe_of(w.scratch("policy")).or_raise();
    w.scratch.insert("probe", json!({ "method": probe.method, "url": probe.url, "limit": probe.limit }));
}

#[when("the client calls the probe operation once more than its published limit")]
async fn exceed_probe(w: &mut PlatformWorld) {
    let probe = w.scratch("probe").clone();
    let limit = probe["limit"].as_u64().unwrap_or_default();
    if limit > 100 {
        raise(Finding::fail(format!("the probe's published limit is {limit}; a probe operation must have a low limit (at most 100)")));
    }
    let method = if probe["method"] == "GET" { hutong_http::http::Method::GET } else { hutong_http::http::Method::POST };
    let url = probe["url"].as_str().unwrap_or_default().to_string();
    for i in 0..=limit {
        let request = w.request(method.clone(), &url).label(format!("rate-limit probe #{}", i + 1));
        let response = w.send(request).await;
        if response.status == 429 {
            return;
        }
        if !response.is_success() {
            raise(Finding::fail(format!("the probe operation answered HTTP {}{}", response.status, hutong_checks::body_hint(&response))));
        }
    }
}

#[then("the platform answers 429 with a Retry-After header")]
fn too_many_requests(w: &mut PlatformWorld) {
    let response = w.last();
    if response.status != 429 {
        let limit = w.scratch("probe")["limit"].as_u64().unwrap_or_default();
        raise(Finding::fail(format!(
            "{} requests to the probe, over its published limit of {limit}, were all accepted: the published limit is not the one applied",
            limit + 1
        )));
    }
    hutong_checks::rate_limit::check_retry_after(response).or_raise();
}
