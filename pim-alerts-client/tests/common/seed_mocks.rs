//! One-line wiremock mocks for the documentation-seed tests: each matches the method, the exact
//! path, the exact raw query and the runtime's standard headers, and answers with a seed body.

use wiremock::matchers::{body_json, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request as WireRequest, ResponseTemplate};

use super::StandardHeaders;

/// Matches when the raw query string is exactly this (`None`: no query at all).
pub struct ExactQuery(pub Option<&'static str>);

impl Match for ExactQuery {
    fn matches(&self, req: &WireRequest) -> bool {
        req.url.query() == self.0
    }
}

/// A `method` request to exactly `path` with exactly `query` (`None`: none) that carries the
/// standard headers; the caller adds body matchers and the response.
pub fn request_to(
    method_name: &str,
    at: impl Into<String>,
    query: Option<&'static str>,
) -> MockBuilder {
    Mock::given(method(method_name))
        .and(path(at))
        .and(ExactQuery(query))
        .and(StandardHeaders)
}

/// A response with `status` whose body is the seed text, as `application/json`.
pub fn seed_response(status: u16, seed: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(seed.as_bytes().to_vec(), "application/json")
}

/// The seed text parsed as JSON, for body matchers.
pub fn seed_json(seed: &str) -> serde_json::Value {
    serde_json::from_str(seed).expect("the seed is JSON")
}

/// A GET of exactly `at` and `query` answered 200 with `seed`; not mounted, so the caller says
/// how often it is expected.
pub fn get_seed(at: impl Into<String>, query: Option<&'static str>, seed: &str) -> Mock {
    request_to("GET", at, query).respond_with(seed_response(200, seed))
}

/// Mounts [`get_seed`], expected exactly once.
pub async fn mock_get(
    server: &MockServer,
    at: impl Into<String>,
    query: Option<&'static str>,
    seed: &str,
) {
    get_seed(at, query, seed).expect(1).mount(server).await;
}

/// Mounts a PATCH of exactly `at` (no query) whose JSON body equals `seed`, answered 204 and
/// expected exactly once.
pub async fn mock_patch(server: &MockServer, at: impl Into<String>, seed: &str) {
    request_to("PATCH", at, None)
        .and(body_json(seed_json(seed)))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(server)
        .await;
}

/// Mounts a POST of exactly `at` (no query) whose body matches `body`, answered with `response`
/// and expected exactly once.
pub async fn mock_post(
    server: &MockServer,
    at: impl Into<String>,
    body: impl Match + 'static,
    response: ResponseTemplate,
) {
    request_to("POST", at, None)
        .and(body)
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}
