//! Tracing: one span per logical request with method, path template, attempt and status;
//! the token is never recorded. (Its own test binary: a scoped subscriber must not race with
//! other tests over tracing's per-callsite interest cache.)

mod common;

use std::fmt::{Debug, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use common::*;
use pim_alerts_client::runtime::{Method, Request};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn get_alert() -> Request {
    Request::from_template(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts/{id}",
        &[("id", "a1")],
    )
}

/// A minimal subscriber that writes every span field and event field into a string.
#[derive(Clone, Default)]
struct Capture {
    text: Arc<Mutex<String>>,
    ids: Arc<AtomicU64>,
    /// How many spans are entered right now.
    depth: Arc<AtomicU64>,
}

struct Writer<'a>(&'a mut String);

impl Visit for Writer<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

impl Capture {
    fn write(&self, f: impl FnOnce(&mut Writer<'_>)) {
        if let Ok(mut text) = self.text.lock() {
            f(&mut Writer(&mut text));
            text.push('\n');
        }
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.write(|w| {
            w.0.push_str(span.metadata().name());
            w.0.push(' ');
            span.record(w);
        });
        Id::from_u64(self.ids.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        self.write(|w| values.record(w));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let depth = self.depth.load(Ordering::Relaxed);
        self.write(|w| {
            let _ = write!(w.0, "in_spans={depth} ");
            event.record(w);
        });
    }
    fn enter(&self, _: &Id) {
        self.depth.fetch_add(1, Ordering::Relaxed);
    }
    fn exit(&self, _: &Id) {
        self.depth.fetch_sub(1, Ordering::Relaxed);
    }
}

#[tokio::test]
async fn traces_name_the_template_and_never_the_token() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0.01"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json("a1", 1)))
        .mount(&server)
        .await;
    let _: Alert = client(&server).send_json(get_alert()).await.expect("ok");

    let text = capture.text.lock().map(|t| t.clone()).unwrap_or_default();
    assert!(text.contains("graph_request"), "{text}");
    assert!(
        text.contains("path=/identityGovernance/roleManagementAlerts/alerts/{id}"),
        "{text}"
    );
    assert!(text.contains("attempt=2"), "{text}");
    assert!(
        text.contains("status=429") && text.contains("status=200"),
        "{text}"
    );
    assert!(text.contains("retrying"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("in_spans=1 ") && l.contains("retrying")),
        "the retry event happens inside the request's span: {text}"
    );
    assert!(!text.contains("TEST-SECRET"), "{text}");
}
