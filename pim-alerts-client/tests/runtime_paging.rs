//! Paging over `@odata.nextLink`: item stream, page by page, foreign links, decode errors, and
//! what a cursor does after an error (fetch the same page again; streams end).

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

#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Incident {
    id: String,
    assignee_display_name: String,
}

fn incident(n: u32) -> serde_json::Value {
    json!({
        "@odata.type": "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident",
        "id": format!("incident-{n}"),
        "assigneeId": format!("incident-{n}"),
        "assigneeDisplayName": format!("User {n}"),
        "assigneeUserPrincipalName": format!("user{n}@contoso.example")
    })
}

fn incidents_path() -> String {
    format!("{ALERTS}/{ALERT_ID}/alertIncidents")
}

/// Mounts three pages: 1-2 (count 5), 3-4, 5; links are absolute URLs on the same server.
async fn mount_three_pages(server: &MockServer) {
    let next = |token: &str| format!("{}{}?$skiptoken={token}", server.uri(), incidents_path());
    let pages = [
        (
            None,
            json!({"@odata.count": 5, "value": [incident(1), incident(2)], "@odata.nextLink": next("p2")}),
        ),
        (
            Some("p2"),
            json!({"value": [incident(3), incident(4)], "@odata.nextLink": next("p3")}),
        ),
        (Some("p3"), json!({"value": [incident(5)]})),
    ];
    for (token, body) in pages {
        let mock = Mock::given(method("GET"))
            .and(path(incidents_path()))
            .and(StandardHeaders);
        let mock = match token {
            Some(t) => mock.and(query_param("$skiptoken", t)),
            None => mock
                .and(query_param_is_missing("$skiptoken"))
                .and(query_param("$count", "true")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(server)
            .await;
    }
}

fn first_request() -> Request {
    Request::from_template(Method::GET, INCIDENTS_T, &[("id", ALERT_ID)]).query("$count", "true")
}

#[tokio::test]
async fn three_pages_as_a_stream_of_items() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let items: Vec<Incident> = client(&server)
        .paged::<Incident>(first_request())
        .items()
        .map(|r| r.expect("item"))
        .collect()
        .await;
    let ids: Vec<_> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "incident-1",
            "incident-2",
            "incident-3",
            "incident-4",
            "incident-5"
        ]
    );
    assert_eq!(items[4].assignee_display_name, "User 5");
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        3
    );
}

#[tokio::test]
async fn three_pages_page_by_page() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let mut paged: Paged<Incident> = client(&server).paged(first_request());
    let mut sizes = Vec::new();
    let mut counts = Vec::new();
    while let Some(page) = paged.next_page().await.expect("page") {
        sizes.push(page.value.len());
        counts.push(page.count);
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(counts, [Some(5), None, None]);
    assert!(
        paged.next_page().await.expect("finished").is_none(),
        "stays finished"
    );
}

#[tokio::test]
async fn three_pages_as_a_stream_of_pages() {
    let server = MockServer::start().await;
    mount_three_pages(&server).await;
    let pages: Vec<_> = client(&server)
        .paged::<Incident>(first_request())
        .pages()
        .collect()
        .await;
    let sizes: Vec<_> = pages
        .iter()
        .map(|p| p.as_ref().map(|p| p.value.len()).ok())
        .collect();
    assert_eq!(sizes, [Some(2), Some(2), Some(1)]);
    let links: Vec<_> = pages
        .iter()
        .map(|p| {
            p.as_ref()
                .ok()
                .and_then(|p| p.next_link.as_deref())
                .is_some()
        })
        .collect();
    assert_eq!(links, [true, true, false]);
}

#[tokio::test]
async fn relative_next_link_is_resolved_against_the_base_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [incident(1)],
            "@odata.nextLink": format!("{}?$skiptoken=2", incidents_path())
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [incident(2)]})))
        .expect(1)
        .mount(&server)
        .await;
    let all = client(&server)
        .paged::<Incident>(first_request())
        .collect_all()
        .await
        .expect("all");
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn foreign_next_link_is_refused_and_gets_no_token() {
    let server = MockServer::start().await;
    let evil = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .mount(&evil)
        .await;
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [incident(1), incident(2)],
            "@odata.nextLink": format!("{}{}?$skiptoken=p2", evil.uri(), incidents_path())
        })))
        .expect(1)
        .mount(&server)
        .await;

    let results: Vec<_> = client(&server)
        .paged::<Incident>(first_request())
        .items()
        .collect()
        .await;

    assert_eq!(results.len(), 3, "two items, then the error, then the end");
    assert!(results[0].is_ok() && results[1].is_ok());
    match &results[2] {
        Err(Error::ForeignOrigin {
            kind: LinkKind::NextLink,
            found,
            ..
        }) => {
            assert_eq!(found, &format!("http://{}", evil.address()));
        }
        other => panic!("expected ForeignOrigin, got {other:?}"),
    }
    assert!(
        evil.received_requests()
            .await
            .unwrap_or_default()
            .is_empty(),
        "evil got nothing"
    );
}

/// An `@odata.nextLink` that is not a URL is the service's fault (not an invalid request):
/// the page that carried it is delivered, then a typed error names the link and the request.
#[tokio::test]
async fn unparsable_next_link_is_a_bad_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [incident(1)],
            "@odata.nextLink": "http://[::1"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut paged: Paged<Incident> = client(&server).paged(first_request());
    let first = paged
        .next_page()
        .await
        .expect("the first page is delivered");
    assert_eq!(first.map(|p| p.value.len()), Some(1));
    let err = paged.next_page().await.expect_err("the link is unusable");
    match &err {
        Error::InvalidLink {
            kind: LinkKind::NextLink,
            context,
            reason,
        } => {
            assert_eq!(context.template, INCIDENTS_T);
            assert!(is_uuid_v4(&context.client_request_id), "{context:?}");
            assert!(reason.contains("http://[::1"), "{reason}");
        }
        other => panic!("expected InvalidLink, got {other:?}"),
    }
    let shown = err.to_string();
    assert!(
        shown.contains("@odata.nextLink") && shown.contains(INCIDENTS_T),
        "{shown}"
    );
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(
        matches!(paged.next_page().await, Err(Error::InvalidLink { .. })),
        "the error is not turned into the end of the collection"
    );
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );
}

#[tokio::test]
async fn malformed_page_reports_the_json_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [incident(1), {"id": "incident-2", "assigneeDisplayName": 42}]
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .paged::<Incident>(first_request())
        .collect_all()
        .await
        .expect_err("bad item");
    let Error::Decode(decode) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(decode.path, "value[1].assigneeDisplayName");
    assert!(
        err.to_string().contains("value[1].assigneeDisplayName"),
        "{err}"
    );
    assert!(decode.body_excerpt.contains("incident-2"));
}

/// Answers `status` to the first `times` requests matching `mock`, ahead of other mocks.
async fn fail_first(server: &MockServer, mock: wiremock::MockBuilder, status: u16, times: u64) {
    mock.respond_with(ResponseTemplate::new(status))
        .up_to_n_times(times)
        .with_priority(1)
        .expect(times)
        .mount(server)
        .await;
}

fn first_page_mock() -> wiremock::MockBuilder {
    Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param_is_missing("$skiptoken"))
}

fn received(requests: Option<Vec<wiremock::Request>>) -> usize {
    requests.unwrap_or_default().len()
}

/// The reviewer's case: after an error `next_page` answered `Ok(None)`, so a caller that logs
/// errors and goes on lost the rest of the collection. Now the next call fetches the page again.
#[tokio::test]
async fn after_a_failed_fetch_the_next_call_fetches_the_same_page() {
    let server = MockServer::start().await;
    // A 500 is not retried: the first call fails after one attempt.
    fail_first(&server, first_page_mock(), 500, 1).await;
    mount_three_pages(&server).await;
    let mut paged: Paged<Incident> = client(&server).paged(first_request());
    let err = paged.next_page().await.expect_err("a 500");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err:?}");
    assert!(err.to_string().contains(INCIDENTS_T), "{err}");
    assert_eq!(rest_sizes(&mut paged).await, [2, 2, 1], "no page lost");
    assert_eq!(received(server.received_requests().await), 1 + 3);
}

/// A failure in the middle of the collection: the failed page is fetched again, not skipped.
#[tokio::test]
async fn a_failed_middle_page_is_fetched_again() {
    let server = MockServer::start().await;
    let second = Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param("$skiptoken", "p2"));
    fail_first(&server, second, 503, 3).await;
    mount_three_pages(&server).await;
    let mut paged: Paged<Incident> = client(&server).paged(first_request());
    let first = paged
        .next_page()
        .await
        .expect("page 1")
        .map(|p| p.value.len());
    assert_eq!(first, Some(2));
    // Three 503s use up the test client's three attempts of one call.
    let err = paged.next_page().await.expect_err("three 503s");
    assert!(
        matches!(err, Error::RetriesExhausted { attempts: 3, .. }),
        "{err:?}"
    );
    let again = paged.next_page().await.expect("page 2").map(|p| p.value);
    let ids: Vec<_> = again.iter().flatten().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["incident-3", "incident-4"]);
    assert_eq!(rest_sizes(&mut paged).await, [1]);
}

/// The sizes of the pages left in `paged`.
async fn rest_sizes(paged: &mut Paged<Incident>) -> Vec<usize> {
    let mut sizes = Vec::new();
    while let Some(page) = paged.next_page().await.expect("page") {
        sizes.push(page.value.len());
    }
    sizes
}

/// The streams yield the first error and end: a consumer that skips errors still terminates,
/// and the stream sends nothing after the error (each call makes the test client's 3 attempts).
#[tokio::test]
async fn streams_end_after_the_first_error() {
    let server = MockServer::start().await;
    let second = Mock::given(method("GET"))
        .and(path(incidents_path()))
        .and(query_param("$skiptoken", "p2"));
    second
        .respond_with(ResponseTemplate::new(503))
        .expect(3 + 3)
        .mount(&server)
        .await;
    mount_first_page_only(&server).await;
    let paged = client(&server).paged::<Incident>(first_request());
    let results: Vec<_> = paged.items().collect().await;
    assert_eq!(
        results.len(),
        3,
        "two items, the error, the end: {results:?}"
    );
    assert!(results[0].is_ok() && results[1].is_ok());
    assert_eq!(
        results[2]
            .as_ref()
            .err()
            .and_then(Error::status)
            .map(|s| s.as_u16()),
        Some(503)
    );
    assert_eq!(received(server.received_requests().await), 1 + 3);

    let paged = client(&server).paged::<Incident>(first_request());
    let pages: Vec<_> = paged.pages().collect().await;
    let oks: Vec<_> = pages.iter().map(Result::is_ok).collect();
    assert_eq!(oks, [true, false]);
    assert_eq!(received(server.received_requests().await), 2 * (1 + 3));
}

/// Page 1 of [`mount_three_pages`] alone.
async fn mount_first_page_only(server: &MockServer) {
    let next = format!("{}{}?$skiptoken=p2", server.uri(), incidents_path());
    first_page_mock()
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"value": [incident(1), incident(2)], "@odata.nextLink": next}),
            ),
        )
        .mount(server)
        .await;
}

/// A `next_page` future dropped before it completes (a caller's timeout) leaves the cursor
/// where it was: the next call fetches the same page.
#[tokio::test]
async fn a_cancelled_fetch_loses_no_page() {
    let server = MockServer::start().await;
    first_page_mock()
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount_three_pages(&server).await;
    let mut paged: Paged<Incident> = client(&server).paged(first_request());
    let cancelled = tokio::time::timeout(Duration::from_millis(200), paged.next_page()).await;
    assert!(cancelled.is_err(), "the slow answer is not awaited");
    assert_eq!(rest_sizes(&mut paged).await, [2, 2, 1], "no page lost");
}
