//! The response size limit (`ClientBuilder::max_response_bytes`): a body over it, announced by
//! `Content-Length` or streamed chunk by chunk without one, is [`Error::ResponseTooLarge`]
//! (not retried, and without waiting for the rest); a body exactly at the limit is read whole,
//! whether it comes in one chunk or in several.

mod common;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::raw::{Ending, raw_server};
use common::{TOKEN, builder, fast_retry, get_alert, server_answering};
use pim_alerts_client::runtime::{Client, Error};
use wiremock::ResponseTemplate;

/// The limit every test here sets.
const LIMIT: usize = 100;

/// A body of `len` bytes (`a`s).
fn body_of(len: usize) -> String {
    "a".repeat(len)
}

/// `200 OK` with a body of `len` bytes.
fn ok_body(len: usize) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(body_of(len))
}

/// A `200` response with a chunked body made of `chunks`, without the final empty chunk when
/// `finished` is false (the body then never ends).
fn chunked(chunks: &[String], finished: bool) -> Vec<u8> {
    let mut bytes = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
Transfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    for chunk in chunks {
        bytes.extend_from_slice(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes());
    }
    if finished {
        bytes.extend_from_slice(b"0\r\n\r\n");
    }
    bytes
}

/// A client for a raw server: retries on, a timeout far longer than any test should take.
fn raw_client(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .retry_policy(fast_retry())
        .timeout(Duration::from_secs(10))
        .max_response_bytes(LIMIT)
        .build()
        .expect("client")
}

fn assert_too_large(err: &Error) {
    assert!(
        matches!(err, Error::ResponseTooLarge { status, limit: LIMIT, .. } if *status == 200),
        "{err:?}"
    );
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    let shown = err.to_string();
    for part in [
        "GET /identityGovernance/roleManagementAlerts/alerts/{id}: ",
        "exceeds the limit of 100 bytes",
        "max_response_bytes",
    ] {
        assert!(shown.contains(part), "{part:?} missing in {shown}");
    }
}

#[tokio::test]
async fn a_body_over_the_limit_with_content_length_is_refused_and_not_retried() {
    let server = server_answering(ok_body(LIMIT + 1)).await;
    let client = builder(&server)
        .max_response_bytes(LIMIT)
        .build()
        .expect("client");
    let err = client.send_raw(get_alert()).await.expect_err("too large");
    assert_too_large(&err);
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );
}

#[tokio::test]
async fn a_body_exactly_at_the_limit_is_read_whole() {
    let server = server_answering(ok_body(LIMIT)).await;
    let client = builder(&server)
        .max_response_bytes(LIMIT)
        .build()
        .expect("client");
    let raw = client.send_raw(get_alert()).await.expect("at the limit");
    assert_eq!(raw.body, body_of(LIMIT).into_bytes());
}

/// A huge `Content-Length` is refused from the headers: the client neither reads nor waits
/// for a body that never comes.
#[tokio::test]
async fn an_announced_length_over_the_limit_is_refused_before_reading() {
    assert_refused_in_time(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\n{").await;
}

/// Without `Content-Length` the limit is checked while reading: an endless chunked body
/// fails as soon as it passes the limit, long before the timeout.
#[tokio::test]
async fn a_chunked_body_over_the_limit_is_refused_while_reading() {
    assert_refused_in_time(&chunked(&vec![body_of(40); 3], false)).await;
}

/// A server that answers with `response` and then stalls: the client refuses the body as too
/// large within 5 s (not at its timeout), over one connection (not retried).
async fn assert_refused_in_time(response: &[u8]) {
    let (base, connections) = raw_server(response, Ending::Stall).await;
    let start = Instant::now();
    let err = raw_client(&base).send_raw(get_alert()).await;
    assert_too_large(&err.expect_err("too large"));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_chunked_body_exactly_at_the_limit_is_joined_whole() {
    let chunks = [body_of(40), "b".repeat(40), "c".repeat(20)];
    let (base, _) = raw_server(&chunked(&chunks, true), Ending::Stall).await;
    let raw = raw_client(&base)
        .send_raw(get_alert())
        .await
        .expect("at the limit");
    assert_eq!(raw.body, chunks.concat().into_bytes());
}
