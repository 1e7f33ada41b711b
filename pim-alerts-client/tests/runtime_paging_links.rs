//! `@odata.nextLink` values a cursor must not follow: links back to pages it already fetched
//! (a self-link, a cycle A → B → A) and blank links. Each is refused with a typed error after
//! the page that carried it, with an exact count of the requests sent.

mod common;

use std::time::Duration;

use common::*;
use futures::StreamExt;
use pim_alerts_client::runtime::{Error, LinkKind, Method, Paged, Request};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const INCIDENTS_T: &str = "/identityGovernance/roleManagementAlerts/alerts/{id}/alertIncidents";
const ALERT_ID: &str = "DirectoryRole_3b0e753b_TooManyGlobalAdminsAssignedToTenantAlert";

fn incidents_path() -> String {
    format!("{ALERTS}/{ALERT_ID}/alertIncidents")
}

fn incidents() -> Request {
    Request::from_template(Method::GET, INCIDENTS_T, &[("id", ALERT_ID)])
}

/// Every result of the item stream; a stream that never ends fails the test instead of hanging.
async fn all_items<T>(paged: Paged<T>) -> Vec<Result<T, Error>>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    tokio::time::timeout(Duration::from_secs(10), paged.items().collect())
        .await
        .expect("the item stream ends")
}

/// A `200` page of `items` whose `@odata.nextLink` is `next`.
fn page(items: serde_json::Value, next: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"value": items, "@odata.nextLink": next}))
}

/// The items among `results`, in order.
fn ok_items(results: &[Result<u32, Error>]) -> Vec<u32> {
    results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .copied()
        .collect()
}

/// Asserts `result` is the refusal of `link` for the incidents request, with `why` in the reason.
fn assert_refused<T: std::fmt::Debug>(result: &Result<T, Error>, link: &str, why: &str) {
    match result {
        Err(
            err @ Error::InvalidLink {
                kind: LinkKind::NextLink,
                context,
                reason,
            },
        ) => {
            assert_eq!(context.template, INCIDENTS_T);
            assert!(reason.contains(&format!("{link:?}")), "{reason}");
            assert!(reason.contains(why), "{reason}");
            let shown = err.to_string();
            assert!(shown.contains(INCIDENTS_T), "{shown}");
            assert!(shown.contains("@odata.nextLink"), "{shown}");
            assert!(!shown.contains(TOKEN), "{shown}");
        }
        other => panic!("expected InvalidLink, got {other:?}"),
    }
}

/// The reviewer's case: a page linking to itself made `collect_all` loop forever.
#[tokio::test]
async fn self_link_is_refused_after_one_request() {
    let server = MockServer::start().await;
    let link = format!("{}{}", server.uri(), incidents_path());
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .respond_with(page(json!([1, 2, 3]), &link))
        .mount(&server)
        .await;
    let results = all_items(client(&server).paged::<u32>(incidents())).await;
    assert_eq!(
        results.len(),
        4,
        "three items, the error, the end: {results:?}"
    );
    let items = ok_items(&results[..3]);
    assert_eq!(items, [1, 2, 3]);
    assert_refused(&results[3], &link, "cycle");
    assert_eq!(requests(&server).await, 1);

    let all = client(&server).paged::<u32>(incidents()).collect_all();
    let all = tokio::time::timeout(Duration::from_secs(10), all).await;
    assert_refused(&all.expect("collect_all returns"), &link, "cycle");
    assert_eq!(
        requests(&server).await,
        2,
        "one more request for the second cursor"
    );
}

/// A → B → A: B's link leads back to the first page.
#[tokio::test]
async fn cycle_back_to_the_first_page_is_refused() {
    let server = MockServer::start().await;
    let back = format!("{}{}", server.uri(), incidents_path());
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"value": [1, 2], "@odata.nextLink": format!("{}?$skiptoken=B", incidents_path())}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param("$skiptoken", "B"))
        .respond_with(page(json!([3]), &back))
        .expect(1)
        .mount(&server)
        .await;
    let results = all_items(client(&server).paged::<u32>(incidents())).await;
    let items = ok_items(&results);
    assert_eq!(items, [1, 2, 3]);
    assert_eq!(results.len(), 4, "{results:?}");
    assert_refused(&results[3], &back, "cycle");
    assert_eq!(requests(&server).await, 2);
}

/// A link that spells a fetched URL differently (`%24count` for `$count`) is fetched once; the
/// cycle is caught when that page links on to a page already fetched.
#[tokio::test]
async fn cycle_through_a_differently_spelled_url_costs_one_request() {
    let server = MockServer::start().await;
    let to_b = format!("{}?$skiptoken=B", incidents_path());
    let to_a = format!("{}?%24count=true", incidents_path());
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param("$count", "true"))
        .respond_with(page(json!([1]), &to_b))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param("$skiptoken", "B"))
        .respond_with(page(json!([2]), &to_a))
        .expect(1)
        .mount(&server)
        .await;
    let paged = client(&server).paged::<u32>(incidents().query("$count", "true"));
    let results = all_items(paged).await;
    let items = ok_items(&results);
    assert_eq!(items, [1, 2, 1]);
    assert_refused(&results[3], &to_b, "cycle");
    assert_eq!(results.len(), 4, "{results:?}");
    assert_eq!(requests(&server).await, 3);
}

/// The reviewer's case: `""` resolved to the base URL, so the cursor fetched the service root
/// and returned its entries as items.
#[tokio::test]
async fn blank_next_link_is_refused_and_the_service_root_is_not_fetched() {
    for link in ["", "   ", "\t"] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(incidents_path()))
            .respond_with(page(json!([{"id": "i1"}]), link))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("{BETA}/")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"value": [{"name": "alerts"}]})),
            )
            .expect(0)
            .mount(&server)
            .await;
        let results = all_items(client(&server).paged::<serde_json::Value>(incidents())).await;
        assert_eq!(results.len(), 2, "{link:?}: {results:?}");
        assert_eq!(results[0].as_ref().ok(), Some(&json!({"id": "i1"})));
        assert_refused(&results[1], link, "blank");
        assert_eq!(requests(&server).await, 1, "{link:?}");
    }
}

/// A refused link stays refused: the cursor never turns the error into the end.
#[tokio::test]
async fn refused_link_is_refused_on_every_call() {
    let server = MockServer::start().await;
    let link = format!("{}{}", server.uri(), incidents_path());
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .respond_with(page(json!([1]), &link))
        .expect(1)
        .mount(&server)
        .await;
    let mut paged = client(&server).paged::<u32>(incidents());
    let first = paged.next_page().await.expect("first page");
    assert_eq!(first.map(|p| p.value), Some(vec![1]));
    for _ in 0..3 {
        assert_refused(&paged.next_page().await, &link, "cycle");
    }
    assert_eq!(requests(&server).await, 1);
}
