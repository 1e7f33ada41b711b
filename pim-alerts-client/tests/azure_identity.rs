//! The `azure-identity` feature: an `azure_core` `TokenCredential` (here a fake one, standing in
//! for the credentials of `azure_identity`) supplies the bearer token of real requests sent to a
//! loopback server, with the Graph scope; its failures surface as `Error::Auth` before anything
//! is sent.

use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::error::{Error as AzureError, ErrorKind};
use azure_core::time::OffsetDateTime;
use pim_alerts_client::runtime::{AzureCredential, TokenProvider};
use pim_alerts_client::{Client, Error};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "fake-azure-SECRET-token";

/// A credential that records the scopes it is asked for and returns a fixed token, or fails.
#[derive(Debug, Default)]
struct FakeCredential {
    fail: bool,
    scopes_seen: Mutex<Vec<Vec<String>>>,
}

#[async_trait::async_trait]
impl TokenCredential for FakeCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        if let Ok(mut seen) = self.scopes_seen.lock() {
            seen.push(scopes.iter().map(|s| (*s).to_owned()).collect());
        }
        if self.fail {
            return Err(AzureError::with_message(
                ErrorKind::Credential,
                "no cached account; run `az login`",
            ));
        }
        let expires = OffsetDateTime::now_utc() + Duration::from_secs(3600);
        Ok(AccessToken::new(SECRET, expires))
    }
}

fn scopes_seen(credential: &FakeCredential) -> Vec<Vec<String>> {
    credential
        .scopes_seen
        .lock()
        .map(|s| s.clone())
        .unwrap_or_default()
}

fn client(server: &MockServer, credential: Arc<FakeCredential>) -> Client {
    Client::builder()
        .base_url(format!("{}/beta", server.uri()))
        .token_provider(AzureCredential::new(credential))
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn credential_token_is_sent_as_bearer_for_the_graph_scope() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(
            "/beta/identityGovernance/roleManagementAlerts/operations/op1",
        ))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id":"op1","status":"succeeded"}"#.as_bytes().to_vec(),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let credential = Arc::new(FakeCredential::default());
    let client = client(&server, credential.clone());
    let operation = client
        .identity_governance()
        .role_management_alerts()
        .operations()
        .by_id("op1")
        .get()
        .send()
        .await
        .expect("authorized request");
    assert_eq!(operation.id(), Some("op1"));
    assert_eq!(
        scopes_seen(&credential),
        vec![vec!["https://graph.microsoft.com/.default".to_owned()]]
    );
}

#[tokio::test]
async fn expiry_is_carried_over_and_other_scopes_are_honoured() {
    let credential = Arc::new(FakeCredential::default());
    let provider =
        AzureCredential::new(credential.clone()).with_scope("https://graph.microsoft.us/.default");
    let token = provider.token().await.expect("token");
    assert_eq!(token.secret(), SECRET);
    let expires = token.expires_at().expect("expiry carried over");
    let left = expires
        .duration_since(SystemTime::now())
        .expect("in the future");
    assert!(left > Duration::from_secs(3500) && left <= Duration::from_secs(3600));
    assert_eq!(
        scopes_seen(&credential),
        vec![vec!["https://graph.microsoft.us/.default".to_owned()]]
    );
    assert!(!format!("{provider:?}").contains("SECRET"));
}

#[tokio::test]
async fn credential_failure_is_an_auth_error_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let credential = Arc::new(FakeCredential {
        fail: true,
        ..FakeCredential::default()
    });
    let client = client(&server, credential);
    let err = client
        .identity_governance()
        .role_management_alerts()
        .operations()
        .by_id("op1")
        .get()
        .send()
        .await
        .expect_err("no token");
    let Error::Auth(auth) = &err else {
        panic!("expected Error::Auth, got {err:?}");
    };
    assert!(
        auth.to_string().contains("graph.microsoft.com/.default"),
        "{auth}"
    );
    let source = auth.source().map(ToString::to_string).unwrap_or_default();
    assert!(source.contains("az login"), "{source}");
    let received = server.received_requests().await.unwrap_or_default();
    assert!(received.is_empty(), "{} requests sent", received.len());
}
