//! OE-21: list operations paginate (RFC 8288 `Link: rel="next"` and the `next` member agree) and
//! following `next` to the end yields every item exactly once.

use crate::runner::world::{raise, OrRaise, PlatformWorld};
use cucumber::{then, when};
use hutong_checks::paging;
use hutong_model::{msg, Finding, Message};
use serde_json::{json, Value};
use std::collections::HashSet;

/// Collections OE-21 walks, when declared.
const COLLECTIONS: [&str; 2] = ["products", "merchants"];

/// Most pages the walk with small pages takes (its page size is raised for a larger collection).
const MAX_SMALL_PAGES: u64 = 40;

/// One walk: the item IDs in order, and the exchanges of its pages.
struct Walk {
    ids: Vec<String>,
    exchanges: Vec<usize>,
}

/// Follows `first` to the last page, judging each page's links (OE-21). `walk` names the walk in
/// findings; in English, it labels the requests too.
async fn walk(w: &mut PlatformWorld, first: &str, walk: &Message) -> Walk {
    let label = walk.en();
    let label = label.as_str();
    let mut seen = HashSet::new();
    let mut next = Some(first.to_string());
    let (mut ids, mut exchanges) = (Vec::new(), Vec::new());
    while let Some(url) = next.take() {
        if !seen.insert(url.clone()) {
            raise(Finding::fail(msg!("steps-oe-paging-loops", walk = walk.clone(), url = hutong_model::sanitize_line(&url, 200))).with_exchanges(exchanges));
        }
        if seen.len() > paging::MAX_PAGES {
            raise(Finding::fail(msg!("steps-oe-paging-too-many-pages", walk = walk.clone(), max = paging::MAX_PAGES)).with_exchanges(exchanges));
        }
        crate::runner::world::check_on_platform(&w.ctx(), &url::Url::parse(&url).map_err(|e| Finding::fail(msg!("steps-oe-paging-next-not-url", walk = walk.clone(), url = format!("{url:?}"), error = e.to_string()))).or_raise(), msg!("steps-oe-paging-next-page")).or_raise();
        let request = w.request(http::Method::GET, &url).label(format!("{label}, page {}", seen.len()));
        let response = w.send(request).await;
        exchanges.push(response.exchange);
        let with = |f: Finding| f.with_exchanges(vec![response.exchange]);
        hutong_checks::expect_status(&response, 200, walk.clone()).map_err(with).or_raise();
        let body = hutong_checks::json_body(&response, walk.clone()).map_err(with).or_raise();
        let in_walk = |f: Finding| Finding::fail(f.text.in_context(walk.clone())).with_exchanges(vec![response.exchange]);
        next = paging::check_page_links(&response, &body).map_err(in_walk).or_raise();
        ids.extend(paging::item_ids(&body).map_err(in_walk).or_raise());
    }
    Walk { ids, exchanges }
}

#[when("the client walks every declared collection among products and merchants with the default page size, then with a small page size drawn from the seed")]
async fn walk_twice(w: &mut PlatformWorld) {
    let declared: Vec<&str> = COLLECTIONS.iter().copied().filter(|c| w.discovery().endpoints.contains_key(*c)).collect();
    if declared.is_empty() {
        raise(Finding::fail(msg!("steps-oe-paging-nothing-declared")));
    }
    // A page size no platform can foresee, small enough to cross many page boundaries, raised
    // so that the walk takes at most MAX_SMALL_PAGES pages.
    let drawn = 2 + w.ctx().seed % 9;
    let mut walks = Vec::new();
    for collection in declared {
        let url = w.endpoint(collection);
        let default = walk(w, url.as_str(), &msg!("steps-oe-paging-walk", collection = collection)).await;
        let small = drawn.max((default.ids.len() as u64).div_ceil(MAX_SMALL_PAGES)).min(100);
        let mut first = url.clone();
        first.query_pairs_mut().append_pair("limit", &small.to_string());
        let paged = walk(w, first.as_str(), &msg!("steps-oe-paging-walk-small", collection = collection, size = small)).await;
        walks.push(json!({
            "collection": collection, "small": small,
            "default": default.ids, "default_exchanges": default.exchanges,
            "paged": paged.ids, "paged_exchanges": paged.exchanges,
        }));
    }
    w.oe.paging_walks = Some(walks);
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)).collect()
}

fn indexes(v: &Value) -> Vec<usize> {
    v.as_array().into_iter().flatten().filter_map(|s| s.as_u64().map(|i| i as usize)).collect()
}

#[then("no walk yields an item twice")]
fn each_once(w: &mut PlatformWorld) {
    for walk in earlier!(w.oe.paging_walks).clone() {
        let collection = walk["collection"].as_str().unwrap_or_default();
        paging::check_each_once(&strings(&walk["default"]), msg!("steps-oe-paging-walk", collection = collection)).map_err(|f| f.with_exchanges(indexes(&walk["default_exchanges"]))).or_raise();
        paging::check_each_once(&strings(&walk["paged"]), msg!("steps-oe-paging-walk-small", collection = collection, size = walk["small"].as_u64().unwrap_or_default())).map_err(|f| f.with_exchanges(indexes(&walk["paged_exchanges"]))).or_raise();
    }
}

#[then("the walk with small pages yields every item of the first walk that can still be read")]
async fn every_item(w: &mut PlatformWorld) {
    for walk in earlier!(w.oe.paging_walks).clone() {
        let collection = walk["collection"].as_str().unwrap_or_default().to_string();
        let missing = paging::missing_from(&strings(&walk["default"]), &strings(&walk["paged"]));
        if missing.is_empty() {
            continue;
        }
        // An item gone since the first walk is not missed: only those that still read are.
        let base = w.endpoint(&collection);
        let mut still_there = Vec::new();
        for id in missing.iter().take(20) {
            let url = format!("{}/{}", base.as_str().trim_end_matches('/'), url::form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>());
            let request = w.request(http::Method::GET, &url).label(format!("read the `{collection}` item the walk with small pages missed"));
            let response = w.send(request).await;
            if response.is_success() {
                still_there.push((id.clone(), response.exchange));
            }
        }
        if !still_there.is_empty() {
            let mut exchanges = indexes(&walk["paged_exchanges"]);
            exchanges.extend(still_there.iter().map(|(_, e)| *e));
            raise(
                Finding::fail(msg!(
                    "steps-oe-paging-items-missed",
                    collection = collection.clone(),
                    size = walk["small"].to_string(),
                    missed = missing.len(),
                    read = missing.len().min(20),
                    still = still_there.len(),
                    ids = still_there.iter().map(|(id, _)| format!("{:?}", hutong_model::sanitize_line(id, 60))).collect::<Vec<_>>().join(", ")
                ))
                .with_exchanges(exchanges),
            );
        }
    }
}
