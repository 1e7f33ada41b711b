//! Request building over real HTTP: method, path, query, headers, body and key encoding.

mod common;

use common::*;
use pim_alerts_client::runtime::{Error, Method, Request, ResourcePath};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ALERT_T: &str = "/identityGovernance/roleManagementAlerts/alerts/{id}";
const REMEDIATE_T: &str =
    "/identityGovernance/roleManagementAlerts/alerts/{id}/alertIncidents/{iid}/remediate";
const ID: &str =
    "DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert";

#[tokio::test]
async fn get_json_sends_method_path_query_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ALERTS}/{ID}")))
        .and(query_param("$select", "id,incidentCount,isActive"))
        .and(StandardHeaders)
        .and(header(
            "user-agent",
            concat!("pim-alerts-client/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json(ID, 7)))
        .expect(1)
        .mount(&server)
        .await;

    let req = Request::from_template(Method::GET, ALERT_T, &[("id", ID)])
        .query("$select", "id,incidentCount,isActive");
    let alert: Alert = client(&server).send_json(req).await.expect("alert");

    assert_eq!(
        alert,
        Alert {
            id: ID.into(),
            incident_count: 7,
            is_active: true
        }
    );
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 1);
    assert!(
        received[0].headers.get("content-type").is_none(),
        "GET has no body"
    );
}

#[tokio::test]
async fn filter_query_arrives_decoded_and_equal() {
    let server = MockServer::start().await;
    let filter = "scopeId eq '/' and scopeType eq 'DirectoryRole'";
    Mock::given(method("GET"))
        .and(path(ALERTS))
        .and(query_param("$filter", filter))
        .and(query_param("$top", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"value": []})))
        .expect(1)
        .mount(&server)
        .await;
    let req = Request::from_template(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts",
        &[],
    )
    .query("$filter", filter)
    .query("$top", "2");
    let items = client(&server)
        .paged::<Alert>(req)
        .collect_all()
        .await
        .expect("empty list");
    assert!(items.is_empty());
    let received = server.received_requests().await.unwrap_or_default();
    let raw_query = received[0].url.query().unwrap_or_default().to_owned();
    assert!(
        raw_query.contains("%20eq%20"),
        "spaces encoded as %20: {raw_query}"
    );
    assert!(!raw_query.contains('+'), "{raw_query}");
}

#[tokio::test]
async fn client_request_id_is_fresh_per_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(StandardHeaders)
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json(ID, 1)))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    for _ in 0..2 {
        let req = Request::from_template(Method::GET, ALERT_T, &[("id", ID)]);
        let _: Alert = client.send_json(req).await.expect("alert");
    }
    let received = server.received_requests().await.unwrap_or_default();
    let (a, b) = (
        client_request_id(&received[0]),
        client_request_id(&received[1]),
    );
    assert!(is_uuid_v4(&a) && is_uuid_v4(&b));
    assert_ne!(a, b);
}

#[tokio::test]
async fn patch_sends_json_body_and_accepts_204() {
    let server = MockServer::start().await;
    let body = serde_json::json!({
        "@odata.type": "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration",
        "isEnabled": true,
        "globalAdminCountThreshold": 4,
        "percentageOfGlobalAdminsOutOfRolesThreshold": 10
    });
    Mock::given(method("PATCH"))
        .and(path(format!(
            "/beta/identityGovernance/roleManagementAlerts/alertConfigurations/{ID}"
        )))
        .and(StandardHeaders)
        .and(header("content-type", "application/json"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let req = Request::from_template(
        Method::PATCH,
        "/identityGovernance/roleManagementAlerts/alertConfigurations/{id}",
        &[("id", ID)],
    )
    .json(&body);
    client(&server).send_no_content(req).await.expect("204");
}

#[tokio::test]
async fn remediate_posts_without_body_and_accepts_200_without_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{ALERTS}/{ID}/alertIncidents/143ebd3d/remediate"
        )))
        .and(StandardHeaders)
        .and(header("content-length", "0"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let req = Request::from_template(
        Method::POST,
        REMEDIATE_T,
        &[("id", ID), ("iid", "143ebd3d")],
    );
    client(&server)
        .send_no_content(req)
        .await
        .expect("200 without body");
}

#[tokio::test]
async fn keys_are_single_percent_encoded_segments_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let req = Request::from_template(
        Method::POST,
        REMEDIATE_T,
        &[("id", "a/b?c#d"), ("iid", "../x%2F.")],
    );
    client(&server).send_no_content(req).await.expect("sent");
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        received[0].url.path(),
        "/beta/identityGovernance/roleManagementAlerts/alerts/a%2Fb%3Fc%23d/alertIncidents/..%2Fx%252F./remediate"
    );
    assert_eq!(received[0].url.query(), None);
    assert_eq!(received[0].url.fragment(), None);
}

#[tokio::test]
async fn dot_segment_keys_are_refused_without_traffic() {
    let server = MockServer::start().await;
    let client = client(&server);
    for bad in ["..", ".", ""] {
        let req = Request::from_template(Method::POST, REMEDIATE_T, &[("id", bad), ("iid", "1")]);
        let err = client.send_no_content(req).await.expect_err("refused");
        assert!(matches!(err, Error::InvalidRequest(_)), "{bad:?}: {err}");
    }
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        0
    );
}

/// The reviewer's escape: `identityGovernance/../../me` would send `GET /me`, outside `/beta`.
#[tokio::test]
async fn dot_segments_of_a_resource_path_are_refused_without_traffic() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json("me", 1)))
        .mount(&server)
        .await;
    let client = client(&server);
    let escape = ResourcePath::root("identityGovernance")
        .segment("..")
        .segment("..")
        .segment("me");
    let err = client
        .send_raw(escape.request(Method::GET))
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, Error::InvalidRequest(m) if m.contains("\"..\"") && m.contains("/identityGovernance")),
        "{err}"
    );
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        0
    );
}

#[tokio::test]
async fn send_json_rejects_204() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let req = Request::from_template(Method::GET, ALERT_T, &[("id", "x")]);
    let err = client(&server)
        .send_json::<Alert>(req)
        .await
        .expect_err("204 is not JSON");
    assert!(
        matches!(&err, Error::UnexpectedStatus(e) if e.status == 204),
        "{err}"
    );
}

#[tokio::test]
async fn send_raw_returns_the_body_and_extra_headers_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{ALERTS}/$count")))
        .and(header("consistencylevel", "eventual"))
        .and(StandardHeaders)
        .respond_with(ResponseTemplate::new(200).set_body_raw("7", "text/plain"))
        .expect(1)
        .mount(&server)
        .await;
    let req = Request::new(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts/$count",
    )
    .segment("identityGovernance")
    .segment("roleManagementAlerts")
    .segment("alerts")
    .segment("$count")
    .header("ConsistencyLevel", "eventual");
    let resp = client(&server).send_raw(req).await.expect("count");
    assert_eq!(resp.status, 200);
    assert_eq!(resp.body, b"7");
    assert!(is_uuid_v4(&resp.context.client_request_id));
}

/// Every `send` future owns what it needs: it can be spawned onto another task (so it is
/// `Send + 'static`) after the caller's client handle and builders are gone.
#[tokio::test]
async fn send_futures_are_spawnable_and_outlive_the_client_handle() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json(ID, 7)))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let monitor = format!("{}/beta/operations/op1", server.uri());
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(202).insert_header("Location", monitor.as_str()))
        .mount(&server)
        .await;

    let client = client(&server);
    let get = || Request::from_template(Method::GET, ALERT_T, &[("id", ID)]);
    let post = Request::from_template(Method::POST, REMEDIATE_T, &[("id", ID), ("iid", "1")]);
    let patch =
        Request::from_template(Method::PATCH, ALERT_T, &[("id", ID)]).json(&alert_json(ID, 7));
    let alert = client
        .identity_governance()
        .role_management_alerts()
        .alerts()
        .by_id(ID);
    let tasks = (
        tokio::spawn(client.send_json::<Alert>(get())),
        tokio::spawn(client.send_raw(get())),
        tokio::spawn(client.send_no_content(patch)),
        tokio::spawn(client.send_accepted(post)),
        tokio::spawn(alert.get().send()),
        tokio::spawn(alert.update(&Default::default()).send()),
    );
    drop((client, alert));

    assert_eq!(
        tasks
            .0
            .await
            .expect("task")
            .expect("send_json")
            .incident_count,
        7
    );
    assert_eq!(tasks.1.await.expect("task").expect("send_raw").status, 200);
    tasks.2.await.expect("task").expect("send_no_content");
    let operation = tasks.3.await.expect("task").expect("send_accepted");
    assert!(
        format!("{operation:?}").contains("/beta/operations/op1"),
        "{operation:?}"
    );
    assert_eq!(
        tasks.4.await.expect("task").expect("get").incident_count,
        Some(7)
    );
    tasks.5.await.expect("task").expect("update");
}
