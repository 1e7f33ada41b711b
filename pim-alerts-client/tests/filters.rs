//! Typed `$filter`: the generated property handles over the runtime's operators — text,
//! precedence, navigation paths, type casts — and the encoded `$filter` a loopback server gets.

mod common;

use chrono::{TimeZone, Utc};
use pim_alerts_client::runtime::Filter;
use pim_alerts_client::runtime::filter::not;
use pim_alerts_client::{
    UnifiedRoleManagementAlertConfigurationFilter as ConfigFilter,
    UnifiedRoleManagementAlertFilter as AlertFilter,
};
use pim_alerts_models::support::edm::Duration;
use pim_alerts_models::{AlertSeverity, UnifiedRoleManagementAlert};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Match, Mock, MockServer, Request as WireRequest, ResponseTemplate};

const LIST_ALERTS: &str = include_str!("../../pim-alerts-models/tests/data/list-alerts.aad.json");

type AlertExpr = Filter<UnifiedRoleManagementAlert>;

fn alert() -> AlertFilter {
    AlertFilter::new()
}

#[test]
fn comparisons_write_paths_operators_and_literals() {
    let a = alert();
    let cases: Vec<(AlertExpr, &str)> = vec![
        (a.is_active().eq(true), "isActive eq true"),
        (a.is_active().ne(false), "isActive ne false"),
        (a.incident_count().gt(0), "incidentCount gt 0"),
        (a.incident_count().ge(3), "incidentCount ge 3"),
        (a.incident_count().lt(-1), "incidentCount lt -1"),
        (a.incident_count().le(10), "incidentCount le 10"),
        (a.scope_id().eq("O'Brien"), "scopeId eq 'O''Brien'"),
        (
            a.scope_type().eq(String::from("DirectoryRole")),
            "scopeType eq 'DirectoryRole'",
        ),
        (
            a.scope_type().is_in(["DirectoryRole", "O'Brien"]),
            "scopeType in ('DirectoryRole','O''Brien')",
        ),
        (a.incident_count().is_in(Vec::<i32>::new()), "false"),
        (
            a.alert_definition_id().is_null(),
            "alertDefinitionId eq null",
        ),
        (a.id().is_not_null(), "id ne null"),
        (
            a.scope_type().starts_with("Dir'"),
            "startswith(scopeType,'Dir''')",
        ),
        (
            a.last_scanned_date_time()
                .ge(Utc.with_ymd_and_hms(2023, 9, 20, 17, 6, 1).unwrap()),
            "lastScannedDateTime ge 2023-09-20T17:06:01Z",
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(filter.as_str(), expected);
    }
}

#[test]
fn and_or_not_add_parentheses_only_where_precedence_needs_them() {
    let a = alert();
    let active = || a.is_active().eq(true);
    let many = || a.incident_count().gt(5);
    let tenant = || a.scope_id().eq("/");
    assert_eq!(
        active().and(many()).as_str(),
        "isActive eq true and incidentCount gt 5"
    );
    assert_eq!(
        active().or(many()).and(tenant()).as_str(),
        "(isActive eq true or incidentCount gt 5) and scopeId eq '/'"
    );
    assert_eq!(
        tenant().and(active().or(many())).as_str(),
        "scopeId eq '/' and (isActive eq true or incidentCount gt 5)"
    );
    assert_eq!(
        active().or(many().and(tenant())).as_str(),
        "isActive eq true or incidentCount gt 5 and scopeId eq '/'"
    );
    assert_eq!(
        active().and(many()).or(tenant()).as_str(),
        "isActive eq true and incidentCount gt 5 or scopeId eq '/'"
    );
    assert_eq!(
        not(active().or(many())).as_str(),
        "not (isActive eq true or incidentCount gt 5)"
    );
    assert_eq!(
        active().not().and(many()).as_str(),
        "not (isActive eq true) and incidentCount gt 5"
    );
    assert_eq!(
        active().or(many()).group().or(tenant()).as_str(),
        "(isActive eq true or incidentCount gt 5) or scopeId eq '/'"
    );
    // Raw text is opaque, so it is always grouped when combined.
    let raw = Filter::<UnifiedRoleManagementAlert>::raw("a eq 1 or b eq 2");
    assert_eq!(
        active().and(raw).as_str(),
        "isActive eq true and (a eq 1 or b eq 2)"
    );
}

#[test]
fn navigation_and_casts_prefix_the_path() {
    let a = alert();
    assert_eq!(
        a.alert_configuration().is_enabled().eq(false).as_str(),
        "alertConfiguration/isEnabled eq false"
    );
    assert_eq!(
        a.alert_definition()
            .severity_level()
            .eq(AlertSeverity::High)
            .as_str(),
        "alertDefinition/severityLevel eq 'high'"
    );
    assert_eq!(
        (a.alert_configuration().alert_definition())
            .is_remediatable()
            .eq(true)
            .as_str(),
        "alertConfiguration/alertDefinition/isRemediatable eq true"
    );
    let c = ConfigFilter::new();
    let stale = c
        .as_stale_sign_in_alert_configuration()
        .duration()
        .gt(Duration::parse("P30D").expect("duration"));
    assert_eq!(
        stale.as_str(),
        "microsoft.graph.staleSignInAlertConfiguration/duration gt duration'P30D'"
    );
    assert_eq!(
        (a.alert_configuration()
            .as_stale_sign_in_alert_configuration())
        .duration()
        .is_null()
        .as_str(),
        "alertConfiguration/microsoft.graph.staleSignInAlertConfiguration/duration eq null"
    );
}

/// Matches when the raw query string is exactly this.
struct ExactQuery(&'static str);

impl Match for ExactQuery {
    fn matches(&self, req: &WireRequest) -> bool {
        req.url.query() == Some(self.0)
    }
}

#[tokio::test]
async fn typed_filter_arrives_encoded_exactly() {
    let server = MockServer::start().await;
    let expected = "scopeId eq '/' and scopeType eq 'DirectoryRole' and isActive eq true \
                    and (alertDefinition/severityLevel eq 'high' or incidentCount gt 0) \
                    and (not (scopeId eq 'O''Brien'))";
    Mock::given(method("GET"))
        .and(path(common::ALERTS))
        .and(query_param("$filter", expected))
        .and(ExactQuery(
            "$filter=scopeId%20eq%20%27/%27%20and%20scopeType%20eq%20%27DirectoryRole%27\
             %20and%20isActive%20eq%20true%20and%20(alertDefinition/severityLevel%20eq%20%27high%27\
             %20or%20incidentCount%20gt%200)%20and%20(not%20(scopeId%20eq%20%27O%27%27Brien%27))",
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(LIST_ALERTS.as_bytes().to_vec(), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = common::client(&server);
    let page = (client.identity_governance().role_management_alerts())
        .alerts()
        .list()
        .directory_role_scope()
        .filter(|a| a.is_active().eq(true))
        .filter(|a| {
            (a.alert_definition().severity_level())
                .eq(AlertSeverity::High)
                .or(a.incident_count().gt(0))
        })
        .filter_raw("not (scopeId eq 'O''Brien')")
        .send()
        .await
        .expect("page");
    assert!(!page.value.is_empty());
}

#[tokio::test]
async fn date_offsets_are_percent_encoded_in_the_query() {
    let server = MockServer::start().await;
    let at = chrono::FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2024, 1, 31, 8, 0, 0).single())
        .expect("date");
    let expected = "scopeId eq '/' and scopeType eq 'DirectoryRole' \
                    and lastModifiedDateTime lt 2024-01-31T08:00:00+01:00";
    Mock::given(method("GET"))
        .and(path(common::ALERTS))
        .and(query_param("$filter", expected))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(LIST_ALERTS.as_bytes().to_vec(), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    // The scope the service requires, then the date under test.
    let filter = (alert().scope_id().eq("/"))
        .and(alert().scope_type().eq("DirectoryRole"))
        .and(alert().last_modified_date_time().lt(at));
    let client = common::client(&server);
    let alerts = (client.identity_governance().role_management_alerts()).alerts();
    alerts
        .list()
        .filter_by(filter)
        .send()
        .await
        .expect("the `+` of the offset arrives as `+`, not as a space");
}
