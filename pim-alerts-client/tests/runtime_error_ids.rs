//! The ids to quote to Microsoft support, in every error about a request: the response's
//! `request-id` wherever a response came (a Graph error, an unexpected status, a body that does
//! not decode or is over the limit, a `202` without a usable `Location`, an unusable or foreign
//! `@odata.nextLink` or `Location`, a body that stalls or breaks off after the headers, the
//! last poll of a failed or unfinished operation), and the `client-request-id` the runtime
//! sent, the only id where no response came (a connection closed before the headers, a timeout
//! before the headers). Each is compared with what the server sent and what it received. Real
//! HTTP on loopback.

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use common::raw::{Ending, Heads, head_header, recording_raw_server};
use common::*;
use pim_alerts_client::runtime::{Client, Error, LinkKind, Method, Request, RetryPolicy};
use wiremock::http::HeaderValue;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The `request-id` every mock answers with.
const REQUEST_ID: &str = "0e2b3c4d-5f60-4a7b-8c9d-aabbccddeeff";

/// The `client-request-id` of the one request `server` received.
async fn sent_client_request_id(server: &MockServer) -> String {
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 1, "one request");
    client_request_id(&received[0])
}

/// The error of `GET` of the alert `a1` with `client`, decoded as [`Alert`].
async fn failed_get(client: &Client) -> Error {
    let sent = client.send_json::<Alert>(get_alert());
    let bounded = tokio::time::timeout(Duration::from_secs(10), sent).await;
    bounded.expect("returns").expect_err("the GET fails")
}

/// Asserts that `err` gives `request_id` (if any) and `client_request_id`, by accessor and in
/// its message.
fn assert_ids(err: &Error, request_id: Option<&str>, client_request_id: &str) {
    assert!(is_uuid_v4(client_request_id), "{client_request_id:?}");
    assert_eq!(err.request_id(), request_id, "{err:?}");
    assert_eq!(err.client_request_id(), Some(client_request_id), "{err:?}");
    let shown = err.to_string();
    // A Graph error adds `, date: …` before the closing parenthesis.
    let ids = match request_id {
        Some(id) => format!("(request-id: {id}, client-request-id: {client_request_id}"),
        None => format!("(client-request-id: {client_request_id}"),
    };
    assert!(shown.contains(&ids), "{ids} in {shown}");
}

#[tokio::test]
async fn a_200_whose_body_does_not_decode_names_the_request_id_and_the_json_path() {
    let body = r#"{"id": "a1", "incidentCount": "seven", "isActive": true}"#;
    let answer = ResponseTemplate::new(200)
        .insert_header("request-id", REQUEST_ID)
        .set_body_raw(body, "application/json");
    let server = server_answering(answer).await;
    let err = failed_get(&client(&server)).await;
    let Error::Decode(decode) = &err else {
        panic!("expected Decode: {err:?}")
    };
    assert_eq!(decode.context.request_id.as_deref(), Some(REQUEST_ID));
    assert_eq!(decode.path, "incidentCount");
    assert!(
        err.to_string().contains("JSON path `incidentCount`"),
        "{err}"
    );
    assert_ids(
        &err,
        Some(REQUEST_ID),
        &sent_client_request_id(&server).await,
    );
}

#[tokio::test]
async fn a_202_without_location_names_the_request_id() {
    let answer = ResponseTemplate::new(202).insert_header("request-id", REQUEST_ID);
    let server = server_answering(answer).await;
    let refresh = Request::from_template(
        Method::POST,
        "/identityGovernance/roleManagementAlerts/alerts/refresh",
        &[],
    );
    let err = client(&server)
        .send_accepted(refresh)
        .await
        .expect_err("no Location");
    assert!(matches!(err, Error::MissingLocation { .. }), "{err:?}");
    assert_ids(
        &err,
        Some(REQUEST_ID),
        &sent_client_request_id(&server).await,
    );
}

#[tokio::test]
async fn graph_errors_and_unexpected_statuses_print_the_ids_their_accessors_return() {
    // The header wins over the body's `innerError` (Graph sends the same id in both).
    let body = graph_error("NotFound", "No alert a1.", "inner-request-id");
    let not_found = ResponseTemplate::new(404)
        .insert_header("request-id", REQUEST_ID)
        .set_body_json(body);
    let server = server_answering(not_found).await;
    let err = failed_get(&client(&server)).await;
    assert!(matches!(err, Error::Graph(_)), "{err:?}");
    assert_ids(
        &err,
        Some(REQUEST_ID),
        &sent_client_request_id(&server).await,
    );

    // A header value that is not visible ASCII is read as lossy UTF-8, in both.
    let odd_id = HeaderValue::from_bytes("réq-1".as_bytes()).expect("obs-text is allowed");
    let html = ResponseTemplate::new(502)
        .insert_header("request-id", odd_id)
        .set_body_raw("<html>Bad Gateway</html>", "text/html");
    let server = server_answering(html).await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let err = failed_get(&client).await;
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err:?}");
    assert_ids(&err, Some("réq-1"), &sent_client_request_id(&server).await);
}

#[tokio::test]
async fn a_body_over_the_limit_names_the_ids() {
    let big = ResponseTemplate::new(200)
        .insert_header("request-id", REQUEST_ID)
        .set_body_raw(vec![b' '; 4096], "application/json");
    let server = server_answering(big).await;
    let client = builder(&server)
        .max_response_bytes(1024)
        .build()
        .expect("client");
    let err = failed_get(&client).await;
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    assert_ids(
        &err,
        Some(REQUEST_ID),
        &sent_client_request_id(&server).await,
    );
}

/// The error of the second page of a listing whose first page links to `link`, and the server.
async fn next_page_error(link: &str) -> (Error, MockServer) {
    let page = ResponseTemplate::new(200)
        .insert_header("request-id", REQUEST_ID)
        .set_body_json(serde_json::json!({"value": [1], "@odata.nextLink": link}));
    let server = server_answering(page).await;
    let request = Request::from_template(Method::GET, "/identityGovernance/x", &[]);
    let mut paged = client(&server).paged::<u32>(request);
    let first = paged
        .next_page()
        .await
        .expect("first page")
        .expect("a page");
    assert_eq!(first.value, [1]);
    let err = paged.next_page().await.expect_err("link refused");
    (err, server)
}

/// The kind of the link `err` refuses, and whether for its origin (else for not being a URL).
fn refused_link(err: &Error) -> Option<(LinkKind, bool)> {
    match err {
        Error::InvalidLink { kind, .. } => Some((*kind, false)),
        Error::ForeignOrigin { kind, .. } => Some((*kind, true)),
        _ => None,
    }
}

#[tokio::test]
async fn an_unusable_or_foreign_next_link_names_the_ids_of_its_page() {
    let foreign = "https://evil.example/beta/x?$skiptoken=2";
    for (link, for_origin) in [(" ", false), (foreign, true)] {
        let (err, server) = next_page_error(link).await;
        let refused = refused_link(&err);
        assert_eq!(refused, Some((LinkKind::NextLink, for_origin)), "{err:?}");
        let sent = sent_client_request_id(&server).await;
        assert_ids(&err, Some(REQUEST_ID), &sent);
    }
}

/// A raw server's answer: the headers of a `200` with `request-id`, and part of its body.
fn partial_answer() -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nrequest-id: {REQUEST_ID}\r\n\
         Content-Length: 1000\r\n\r\n{{\"id\":\"a1\""
    )
    .into_bytes()
}

fn raw_client(base: &str, timeout: Duration) -> Client {
    Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .timeout(timeout)
        .build()
        .expect("client")
}

/// The `client-request-id` of the one request a raw server recorded in `heads`.
fn recorded_client_request_id(heads: &Heads) -> String {
    let heads = heads.lock().expect("heads");
    assert_eq!(heads.len(), 1, "one request: {heads:?}");
    head_header(&heads[0], "client-request-id")
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_body_broken_off_or_stalled_after_the_headers_names_the_request_id() {
    for ending in [Ending::Reset, Ending::Stall] {
        let (base, _, heads) = recording_raw_server(&partial_answer(), ending).await;
        let err = failed_get(&raw_client(&base, Duration::from_millis(300))).await;
        match ending {
            Ending::Stall => assert!(matches!(err, Error::Timeout { .. }), "{err:?}"),
            _ => assert!(matches!(err, Error::Transport { .. }), "{err:?}"),
        }
        assert_ids(&err, Some(REQUEST_ID), &recorded_client_request_id(&heads));
    }
}

#[tokio::test]
async fn without_a_response_the_client_request_id_is_the_only_id() {
    // A timeout before the headers: the server answers too late.
    let slow = ResponseTemplate::new(200)
        .insert_header("request-id", REQUEST_ID)
        .set_delay(Duration::from_secs(2));
    let server = server_answering(slow).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(150))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let err = failed_get(&client).await;
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_ids(&err, None, &sent_client_request_id(&server).await);

    // A transport error before the headers: the server reads the request and closes the
    // connection without a byte of answer.
    let (base, connections, heads) = recording_raw_server(b"", Ending::Close).await;
    let err = failed_get(&raw_client(&base, Duration::from_secs(5))).await;
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    assert_ids(&err, None, &recorded_client_request_id(&heads));
}

/// The `request-id` each poll of [`operation_server`] answers with.
const POLL_REQUEST_ID: &str = "7a1b2c3d-4e5f-4a6b-9c8d-112233445566";

/// A server that accepts a `refresh` with `202` + `Location` and answers every poll of it
/// with the operation in `status` and [`POLL_REQUEST_ID`].
async fn operation_server(status: &str) -> MockServer {
    let server = MockServer::start().await;
    let location = format!("{}{BETA}/operations/op1", server.uri());
    let accepted = ResponseTemplate::new(202)
        .insert_header("Location", location.as_str())
        .insert_header("request-id", REQUEST_ID);
    Mock::given(method("POST"))
        .respond_with(accepted)
        .mount(&server)
        .await;
    let poll = ResponseTemplate::new(200)
        .insert_header("request-id", POLL_REQUEST_ID)
        .set_body_json(serde_json::json!({"id": "op1", "status": status}));
    Mock::given(method("GET"))
        .and(path(format!("{BETA}/operations/op1")))
        .respond_with(poll)
        .mount(&server)
        .await;
    server
}

fn refresh() -> Request {
    Request::from_template(
        Method::POST,
        "/identityGovernance/roleManagementAlerts/alerts/refresh",
        &[],
    )
}

/// The `client-request-id` of the last request `server` received.
async fn last_client_request_id(server: &MockServer) -> String {
    let received = server.received_requests().await.unwrap_or_default();
    client_request_id(received.last().expect("a request"))
}

#[tokio::test]
async fn a_failed_or_unfinished_operation_names_the_ids_of_its_last_poll() {
    let server = operation_server("failed").await;
    let operation = client(&server).send_accepted(refresh()).await.expect("202");
    let err = operation
        .wait::<serde_json::Value>()
        .await
        .expect_err("failed");
    assert!(matches!(err, Error::OperationFailed(_)), "{err:?}");
    let last_poll = last_client_request_id(&server).await;
    assert_ids(&err, Some(POLL_REQUEST_ID), &last_poll);

    let server = operation_server("running").await;
    let operation = client(&server).send_accepted(refresh()).await.expect("202");
    let policy = fast_polling().with_max_polls(2);
    let err = operation
        .wait_with::<serde_json::Value>(&policy)
        .await
        .expect_err("still running");
    assert!(matches!(err, Error::OperationTimedOut(_)), "{err:?}");
    assert_eq!(requests(&server).await, 3, "the POST and two polls");
    let last_poll = last_client_request_id(&server).await;
    assert_ids(&err, Some(POLL_REQUEST_ID), &last_poll);
}

#[tokio::test]
async fn a_foreign_location_names_the_ids_of_the_202_that_carried_it() {
    let server = MockServer::start().await;
    let accepted = ResponseTemplate::new(202)
        .insert_header("Location", "https://evil.example/beta/operations/op1")
        .insert_header("request-id", REQUEST_ID);
    Mock::given(method("POST"))
        .respond_with(accepted)
        .mount(&server)
        .await;
    let err = client(&server)
        .send_accepted(refresh())
        .await
        .expect_err("foreign");
    let refused = refused_link(&err);
    assert_eq!(refused, Some((LinkKind::Location, true)), "{err:?}");
    let sent = sent_client_request_id(&server).await;
    assert_ids(&err, Some(REQUEST_ID), &sent);
    // A saved location came with no response: no ids.
    let err = client(&server)
        .resume_operation("https://evil.example/beta/operations/op1")
        .expect_err("foreign");
    assert!(matches!(err, Error::ForeignOrigin { .. }), "{err:?}");
    assert_eq!((err.request_id(), err.client_request_id()), (None, None));
}
