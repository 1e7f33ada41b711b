//! Property tests of the client's encoders: a key is always exactly one path segment that
//! percent-decodes back to itself; a `$filter` string literal never ends early, alone or
//! inside typed expressions; number literals read back as the same number; and whatever the
//! filter text, the server receives exactly that text as `$filter`.

mod common;

use percent_encoding::percent_decode_str;
use pim_alerts_client::UnifiedRoleManagementAlertFilter;
use pim_alerts_client::runtime::Literal;
use pim_alerts_client::{Method, Request};
use proptest::prelude::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Reads the OData string literal at the start of `text` (`'...'`, inner quotes doubled):
/// the decoded string and what follows the closing quote.
fn read_string_literal(text: &str) -> Option<(String, &str)> {
    let mut rest = text.strip_prefix('\'')?;
    let mut decoded = String::new();
    loop {
        let quote = rest.find('\'')?;
        decoded.push_str(&rest[..quote]);
        rest = &rest[quote + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                decoded.push('\'');
                rest = after;
            }
            None => return Some((decoded, rest)),
        }
    }
}

/// Strings rich in the characters that matter here: quotes, separators, `%`, non-ASCII.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "['/?#%&=+ .~a-zé日\u{0}\u{7f}]{0,16}",]
}

const TEMPLATE: &str = "/identityGovernance/roleManagementAlerts/alerts/{id}/alertIncidents";

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn keys_are_one_segment_that_decodes_back(key in nasty_string()) {
        prop_assume!(!matches!(key.as_str(), "" | "." | ".."));
        let req = Request::from_template(Method::GET, TEMPLATE, &[("id", key.as_str())]);
        let path = req.path().unwrap_or_default();
        let segment = path
            .strip_prefix("/identityGovernance/roleManagementAlerts/alerts/")
            .and_then(|p| p.strip_suffix("/alertIncidents"))
            .unwrap_or_else(|| panic!("{path:?}"));
        prop_assert!(!segment.contains(['/', '?', '#']), "{}", segment);
        let decoded = percent_decode_str(segment).decode_utf8();
        prop_assert_eq!(decoded.as_deref().ok(), Some(key.as_str()));
        let url = url::Url::parse(&format!("https://graph.microsoft.com/beta{path}"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let segments: Vec<&str> = url.path_segments().map(Iterator::collect).unwrap_or_default();
        prop_assert_eq!(segments.get(4).copied(), Some(segment));
        prop_assert_eq!(segments.len(), 6);
    }

    #[test]
    fn string_literals_never_end_early(value in nasty_string()) {
        let literal = value.clone().to_literal();
        prop_assert_eq!(read_string_literal(&literal), Some((value.clone(), "")));
    }

    #[test]
    fn string_literals_keep_the_expression_structure(a in nasty_string(), b in nasty_string()) {
        let f = UnifiedRoleManagementAlertFilter::new();
        let filter = f.scope_id().eq(a.as_str()).or(f.scope_type().ne(b.as_str()).not());
        let text = filter.as_str();
        let rest = text.strip_prefix("scopeId eq ").unwrap_or_else(|| panic!("{text}"));
        let (first, rest) = read_string_literal(rest).unwrap_or_else(|| panic!("{text}"));
        prop_assert_eq!(first, a);
        let rest = rest
            .strip_prefix(" or not (scopeType ne ")
            .unwrap_or_else(|| panic!("{text}"));
        let (second, rest) = read_string_literal(rest).unwrap_or_else(|| panic!("{text}"));
        prop_assert_eq!(second, b);
        prop_assert_eq!(rest, ")");
    }

    #[test]
    fn number_literals_read_back(bits in any::<u64>(), n in any::<i64>()) {
        let value = f64::from_bits(bits);
        let literal = value.to_literal();
        match literal.as_str() {
            "NaN" => prop_assert!(value.is_nan()),
            "INF" => prop_assert_eq!(value, f64::INFINITY),
            "-INF" => prop_assert_eq!(value, f64::NEG_INFINITY),
            text => prop_assert_eq!(text.parse::<f64>().map(f64::to_bits).ok(), Some(bits), "{}", text),
        }
        prop_assert_eq!(n.to_literal().parse::<i64>().ok(), Some(n));
    }
}

proptest! {
    // Real HTTP per case: fewer cases.
    #![proptest_config(config(32))]

    #[test]
    fn the_server_receives_exactly_the_filter_text(value in nasty_string()) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let f = UnifiedRoleManagementAlertFilter::new();
        let text = f.scope_id().eq(value.as_str()).into_string();
        let received = runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
                .mount(&server)
                .await;
            let req = Request::from_template(Method::GET, "/alerts", &[])
                .query("$filter", text.as_str());
            let _ = common::client(&server).send_json::<serde_json::Value>(req).await;
            server.received_requests().await.unwrap_or_default()
        });
        prop_assert_eq!(received.len(), 1);
        let pairs: Vec<(String, String)> = received[0]
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        prop_assert_eq!(pairs, vec![("$filter".to_owned(), text)]);
    }
}
