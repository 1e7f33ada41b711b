//! Secrets and URL policy: the token never shows in Debug or Display; https is required
//! off loopback; redirects are never followed to other hosts; transport errors do not show
//! the concrete URL.

mod common;

use std::fmt::Debug;
use std::time::Duration;

use common::*;
use pim_alerts_client::runtime::{Client, Error, Method, Request, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn get_alert() -> Request {
    Request::from_template(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts/{id}",
        &[("id", "a1")],
    )
}

fn assert_hidden(what: &str, value: &(impl Debug + ?Sized)) {
    let shown = format!("{value:?} {value:#?}");
    assert!(
        !shown.contains(TOKEN) && !shown.contains("TEST-SECRET"),
        "{what}: {shown}"
    );
}

fn assert_error_hidden(err: &Error) {
    assert_hidden("error debug", err);
    let shown = err.to_string();
    assert!(!shown.contains("TEST-SECRET"), "error display: {shown}");
}

#[tokio::test]
async fn token_is_absent_from_builder_client_and_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(graph_error(
            "InvalidAuthenticationToken",
            "Access token validation failure.",
            "r-401",
        )))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("<html>down</html>"))
        .mount(&server)
        .await;
    assert_hidden("builder", &builder(&server));
    let client = client(&server);
    assert_hidden("client", &client);

    let graph = client
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("401");
    assert!(matches!(graph, Error::Graph(_)));
    assert_error_hidden(&graph);
    let exhausted = client
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("503s");
    assert!(matches!(exhausted, Error::RetriesExhausted { .. }));
    assert_error_hidden(&exhausted);

    let refused = Client::builder()
        .base_url("http://127.0.0.1:9/beta")
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("transport");
    assert_error_hidden(&refused);

    let slow = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&slow)
        .await;
    let timeout = builder(&slow)
        .timeout(Duration::from_millis(50))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("timeout");
    assert!(matches!(timeout, Error::Timeout { .. }));
    assert_error_hidden(&timeout);
}

#[test]
fn https_is_required_except_for_loopback() {
    let build = |url: &str| Client::builder().base_url(url).bearer_token(TOKEN).build();
    for insecure in [
        "http://graph.microsoft.com/beta",
        "http://192.168.1.10/beta",
        "http://localhost.example.com/beta",
    ] {
        let err = build(insecure).expect_err(insecure);
        assert!(
            matches!(&err, Error::InvalidConfig(m) if m.contains("https")),
            "{err}"
        );
        assert_error_hidden(&err);
    }
    for ok in [
        "https://graph.microsoft.com/beta",
        "http://127.0.0.1:8080/beta",
        "http://127.1.2.3/beta",
        "http://[::1]:8080/beta",
        "http://localhost:8080/beta",
    ] {
        assert!(build(ok).is_ok(), "{ok}");
    }
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = MockServer::start().await;
    let evil = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json("a1", 1)))
        .mount(&evil)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("Location", format!("{}/beta/x", evil.uri())),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("302");
    assert!(
        matches!(&err, Error::UnexpectedStatus(u) if u.status == 302),
        "{err:?}"
    );
    assert!(
        evil.received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
    );

    // A user-supplied client that follows redirects is caught after the fact, and the error
    // says so: the request already went to the other origin.
    let following = builder(&server)
        .http_client(reqwest::Client::new())
        .build()
        .expect("client");
    let err = following
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("foreign");
    let evil_origin = format!("http://127.0.0.1:{}", evil.address().port());
    assert!(
        matches!(&err, Error::ForeignRedirect { context, found, .. }
            if *found == evil_origin && context.client_request_id.len() == 36),
        "{err:?}"
    );
    let shown = err.to_string();
    for part in [
        "GET /identityGovernance/roleManagementAlerts/alerts/{id}: ",
        &format!("came from foreign origin {evil_origin} after a redirect"),
        "already sent the request there",
        "redirect::Policy::none()",
    ] {
        assert!(shown.contains(part), "{part:?} missing in {shown}");
    }
    assert!(!shown.contains("token was not sent"), "{shown}");
    assert_eq!(evil.received_requests().await.unwrap_or_default().len(), 1);
}

/// `reqwest` names the concrete URL in its errors; the runtime's errors name the template only,
/// so a key in the path or a query value (a skip token) appears neither in the message nor in
/// the `Debug` output (which logs and `tracing::debug!(%error)` show).
#[tokio::test]
async fn transport_errors_name_the_template_not_the_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/beta"))
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let request = Request::from_template(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts/{id}",
        &[("id", "secret-key-value")],
    )
    .query("$skiptoken", "abc-skip-token");
    let err = client.send_raw(request).await.expect_err("refused");
    assert!(
        matches!(&err, Error::Transport { source, .. } if source.is_connect()),
        "{err:?}"
    );
    let shown = err.to_string();
    assert!(
        shown.contains("GET /identityGovernance/roleManagementAlerts/alerts/{id}: transport error"),
        "{shown}"
    );
    let everything = format!("{shown} {err:?}");
    for secret in ["secret-key-value", "skiptoken", "abc-skip-token", "/beta/"] {
        assert!(!everything.contains(secret), "{secret:?} in {everything}");
    }
}
