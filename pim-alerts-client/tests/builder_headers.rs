//! `header(name, value)` on the typed request builders, over real loopback HTTP: the runtime's
//! `list`, `get` and `update` builders and the generated action builders send the added headers
//! (on every page of a list), and an invalid or runtime-set header fails `send()` with the
//! runtime's message before anything is sent.

mod common;

use common::*;
use pim_alerts_client::runtime::Error;
use pim_alerts_client::{Client, UnifiedRoleManagementAlertRequest};
use serde_json::json;
use wiremock::matchers::{any, method, path, path_regex, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "DirectoryRole_67b47f38-0f0b-4e62-a3be-859140c2061f_NoMfaOnRoleActivationAlert";
const PREFER: (&str, &str) = ("Prefer", "include-unknown-enum-members");
const CONSISTENCY: (&str, &str) = ("ConsistencyLevel", "eventual");

/// The alert `ID` on `client`.
fn alert(client: &Client) -> UnifiedRoleManagementAlertRequest {
    (client.identity_governance().role_management_alerts())
        .alerts()
        .by_id(ID)
}

/// The value of header `name` on each request `server` received, in order (`None` where the
/// request lacks it), after checking that each still carries the runtime's own headers.
async fn received(server: &MockServer, name: &str) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.iter().all(has_standard_headers), "{requests:?}");
    (requests.iter())
        .map(|r| {
            let values: Vec<&str> = (r.headers.get_all(name).iter())
                .map(|v| v.to_str().expect("a visible ASCII header value"))
                .collect();
            (!values.is_empty()).then(|| values.join(", "))
        })
        .collect()
}

/// A server answering every request with `status` (`202`s name an operation to poll).
async fn server_with(status: u16) -> MockServer {
    let server = MockServer::start().await;
    let monitor = format!("{}{BETA}/operations/op1", server.uri());
    let answer = match status {
        200 => ResponseTemplate::new(200).set_body_json(alert_json(ID, 3)),
        202 => ResponseTemplate::new(202).insert_header("Location", monitor.as_str()),
        _ => ResponseTemplate::new(status),
    };
    Mock::given(any()).respond_with(answer).mount(&server).await;
    server
}

#[tokio::test]
async fn a_list_sends_its_headers_on_every_page() {
    let server = MockServer::start().await;
    let next = format!("{}{ALERTS}?$skiptoken=2", server.uri());
    let first = json!({"value": [alert_json(ID, 3)], "@odata.nextLink": next});
    Mock::given(method("GET"))
        .and(path(ALERTS))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ALERTS))
        .and(query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let items = (client.identity_governance().role_management_alerts())
        .alerts()
        .list()
        .directory_role_scope()
        .header(PREFER.0, PREFER.1)
        .header(CONSISTENCY.0, CONSISTENCY.1)
        .collect_all()
        .await
        .expect("both pages");
    assert_eq!(items.len(), 1);
    let prefer = Some(PREFER.1.to_owned());
    assert_eq!(received(&server, "prefer").await, [prefer.clone(), prefer]);
    let consistency = Some(CONSISTENCY.1.to_owned());
    assert_eq!(
        received(&server, "consistencylevel").await,
        [consistency.clone(), consistency]
    );
}

#[tokio::test]
async fn a_get_and_an_update_send_their_headers() {
    let server = server_with(200).await;
    let client = client(&server);
    let got = (alert(&client).get())
        .header(PREFER.0, PREFER.1)
        .send()
        .await
        .expect("alert");
    assert_eq!(got.incident_count, Some(3));
    (alert(&client).update(&Default::default()))
        .header(CONSISTENCY.0, CONSISTENCY.1)
        .send()
        .await
        .expect("update (a 200's body is ignored)");

    let requests = server.received_requests().await.unwrap_or_default();
    let methods: Vec<&str> = requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["GET", "PATCH"]);
    let prefer = received(&server, "prefer").await;
    assert_eq!(prefer, [Some(PREFER.1.to_owned()), None]);
    let consistency = received(&server, "consistencylevel").await;
    assert_eq!(consistency, [None, Some(CONSISTENCY.1.to_owned())]);
}

#[tokio::test]
async fn generated_actions_send_their_headers() {
    let server = server_with(202).await;
    Mock::given(method("POST"))
        .and(path_regex("/remediate$"))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(1)
        .mount(&server)
        .await;
    let client = client(&server);
    (client.identity_governance().role_management_alerts())
        .alerts()
        .refresh()
        .scope_type("DirectoryRole")
        .header(CONSISTENCY.0, CONSISTENCY.1)
        .scope_id("/")
        .send()
        .await
        .expect("collection refresh accepted");
    (alert(&client).refresh())
        .header(PREFER.0, PREFER.1)
        .send()
        .await
        .expect("alert refresh accepted");
    (alert(&client).alert_incidents().by_id("i1"))
        .remediate()
        .header(PREFER.0, PREFER.1)
        .header(CONSISTENCY.0, CONSISTENCY.1)
        .send()
        .await
        .expect("remediated");

    let (prefer, consistency) = (Some(PREFER.1.to_owned()), Some(CONSISTENCY.1.to_owned()));
    assert_eq!(
        received(&server, "consistencylevel").await,
        [consistency.clone(), None, consistency]
    );
    assert_eq!(
        received(&server, "prefer").await,
        [None, prefer.clone(), prefer]
    );
}

/// Sends `name: value` through every kind of builder and checks that each `send()` fails
/// with `InvalidRequest` saying `message`, and that nothing reached the server.
async fn assert_refused_by_every_builder(name: &str, value: &str, message: &str) {
    let server = server_with(200).await;
    let client = &client(&server);
    let alerts = (client.identity_governance().role_management_alerts()).alerts();
    let results = [
        (alerts.list().directory_role_scope().header(name, value))
            .send()
            .await
            .map(drop),
        (alert(client).get().header(name, value))
            .send()
            .await
            .map(drop),
        (alert(client)
            .update(&Default::default())
            .header(name, value))
        .send()
        .await,
        (alerts.refresh().scope_type("DirectoryRole").scope_id("/"))
            .header(name, value)
            .send()
            .await
            .map(drop),
        (alert(client).refresh().header(name, value))
            .send()
            .await
            .map(drop),
        (alert(client).alert_incidents().by_id("i1").remediate())
            .header(name, value)
            .send()
            .await,
    ];
    let errors: Vec<Error> = results.into_iter().filter_map(Result::err).collect();
    assert_eq!(errors.len(), 6, "{errors:?}");
    for error in errors {
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert_eq!(error.to_string(), format!("invalid request: {message}"));
    }
    assert_eq!(requests(&server).await, 0);
}

#[tokio::test]
async fn an_invalid_header_name_fails_every_builder_without_traffic() {
    assert_refused_by_every_builder("Bad Header", "x", "invalid header `Bad Header`").await;
}

#[tokio::test]
async fn an_invalid_header_value_fails_every_builder_without_traffic() {
    assert_refused_by_every_builder("Prefer", "a\r\nInjected: 1", "invalid header `Prefer`").await;
}

#[tokio::test]
async fn a_runtime_header_cannot_be_overridden_by_any_builder() {
    let message = "header `authorization` is set by the runtime";
    assert_refused_by_every_builder("Authorization", "Bearer other", message).await;
}
