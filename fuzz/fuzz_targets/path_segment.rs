//! Any string as a path key: it becomes exactly one segment (no `/`, `?`, `#`), percent-decodes
//! back to itself and survives URL parsing unchanged; the generated builders' run-time path
//! (`ResourcePath`) encodes it exactly as a template request does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use pim_alerts_client::runtime::ResourcePath;
use pim_alerts_client::{Method, Request};

const TEMPLATE: &str = "/alerts/{id}/alertIncidents";

fuzz_target!(|key: &str| {
    let req = Request::from_template(Method::GET, TEMPLATE, &[("id", key)]);
    let Some(path) = req.path() else {
        panic!("a template request has a path");
    };
    let built = ResourcePath::root("alerts").key(key).segment("alertIncidents");
    assert_eq!(built.template(), TEMPLATE);
    if key.is_empty() || key == "." || key == ".." {
        return; // refused when sent (tests/runtime_requests.rs, runtime::path's unit tests)
    }
    assert_eq!(built.as_str(), path, "ResourcePath and the template agree");
    let Some(segment) = path
        .strip_prefix("/alerts/")
        .and_then(|p| p.strip_suffix("/alertIncidents"))
    else {
        panic!("unexpected path {path:?} for key {key:?}");
    };
    assert!(!segment.contains(['/', '?', '#']), "{segment:?}");
    let decoded = percent_decode_str(segment).decode_utf8();
    assert_eq!(decoded.as_deref().ok(), Some(key), "{segment:?}");
    let url = url::Url::parse(&format!("https://graph.microsoft.com/beta{path}"));
    let segments: Option<Vec<&str>> = url
        .as_ref()
        .ok()
        .and_then(|u| u.path_segments())
        .map(Iterator::collect);
    assert_eq!(
        segments,
        Some(vec!["beta", "alerts", segment, "alertIncidents"]),
        "{path:?}"
    );
});
