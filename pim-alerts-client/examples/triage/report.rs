//! What the triage report shows: the active alerts ordered by severity, each with its
//! definition's mitigation steps and its incidents, rendered as text tables.

use pim_alerts_models::{
    AlertSeverity, UnifiedRoleManagementAlert as Alert,
    UnifiedRoleManagementAlertDefinition as Definition,
    UnifiedRoleManagementAlertIncident as Incident,
};

use crate::table::{Column, render};

/// Width of the wrapped mitigation text.
const TEXT_WIDTH: usize = 96;

const ALERT_COLUMNS: [Column; 5] = [
    Column::left("SEVERITY", 13),
    Column::left("ALERT", 48),
    Column::right("INCIDENTS", 9),
    Column::left("FIXABLE", 7),
    Column::left("FIRST MITIGATION STEP", 60),
];

const INCIDENT_COLUMNS: [Column; 4] = [
    Column::left("ASSIGNEE", 28),
    Column::left("USER PRINCIPAL NAME", 44),
    Column::left("ROLE", 30),
    Column::left("DETAIL", 40),
];

/// Renders the report for `alerts` (all alerts of the scope; inactive ones are counted only).
pub fn render_report(alerts: &[Alert]) -> String {
    let mut active: Vec<&Alert> = alerts
        .iter()
        .filter(|a| a.is_active == Some(true))
        .collect();
    active.sort_by_key(|a| (std::cmp::Reverse(severity_rank(a)), title(a)));
    let mut out = format!("{} of {} alerts active\n\n", active.len(), alerts.len());
    if active.is_empty() {
        return out;
    }
    let rows: Vec<Vec<String>> = active.iter().map(|a| alert_row(a)).collect();
    out.push_str(&render(&ALERT_COLUMNS, &rows, ""));
    for alert in active {
        out.push('\n');
        out.push_str(&details(alert));
    }
    out
}

fn alert_row(alert: &Alert) -> Vec<String> {
    let definition = alert.alert_definition.as_ref();
    let fixable = definition.and_then(|d| d.is_remediatable);
    vec![
        severity(definition).to_owned(),
        title(alert),
        alert
            .incident_count
            .map_or_else(|| "?".to_owned(), |n| n.to_string()),
        match fixable {
            Some(true) => "yes",
            Some(false) => "no",
            None => "?",
        }
        .to_owned(),
        mitigation_steps(definition)
            .into_iter()
            .next()
            .unwrap_or_default(),
    ]
}

/// The alert's title, mitigation steps and incident table.
fn details(alert: &Alert) -> String {
    let definition = alert.alert_definition.as_ref();
    let mut out = format!("== {}\n", title(alert));
    if let Some(impact) = definition.and_then(|d| d.security_impact.as_deref()) {
        out.push_str(&wrap(&format!("Impact: {impact}"), "   "));
    }
    let steps = mitigation_steps(definition);
    if !steps.is_empty() {
        out.push_str("   Mitigation:\n");
    }
    for step in steps {
        out.push_str(&wrap(&format!("- {step}"), "     "));
    }
    let incidents = alert.alert_incidents.as_deref().unwrap_or_default();
    if !incidents.is_empty() {
        out.push_str(&format!("   Incidents ({}):\n", incidents.len()));
        let rows: Vec<Vec<String>> = incidents.iter().map(incident_row).collect();
        out.push_str(&render(&INCIDENT_COLUMNS, &rows, "     "));
    }
    out
}

fn title(alert: &Alert) -> String {
    let definition = alert.alert_definition.as_ref();
    let named = definition.and_then(|d| d.display_name.clone());
    named.or_else(|| alert.id.clone()).unwrap_or_default()
}

/// The severity as Graph names it (`high`; a member newer than the models as received), or
/// `unknown` when the definition gives none.
fn severity(definition: Option<&Definition>) -> &str {
    let level = definition.and_then(|d| d.severity_level.as_ref());
    level.map_or("unknown", AlertSeverity::as_str)
}

fn severity_rank(alert: &Alert) -> u8 {
    let definition = alert.alert_definition.as_ref();
    match definition.and_then(|d| d.severity_level.as_ref()) {
        Some(AlertSeverity::High) => 4,
        Some(AlertSeverity::Medium) => 3,
        Some(AlertSeverity::Low) => 2,
        Some(AlertSeverity::Informational) => 1,
        _ => 0,
    }
}

/// Graph separates the steps with `·` (sometimes with line breaks instead).
fn mitigation_steps(definition: Option<&Definition>) -> Vec<String> {
    let text = definition
        .and_then(|d| d.mitigation_steps.as_deref())
        .unwrap_or("");
    text.split(['·', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Word-wraps `text` at [`TEXT_WIDTH`]; continuation lines are indented two more spaces.
fn wrap(text: &str, indent: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let hang = if lines.is_empty() { 0 } else { 2 };
        let width = indent.len() + hang + line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && width > TEXT_WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.extend((!line.is_empty()).then_some(line));
    let hang = |i: usize| if i == 0 { "" } else { "  " };
    let indented = lines.iter().enumerate();
    indented
        .map(|(i, l)| format!("{indent}{}{l}\n", hang(i)))
        .collect()
}

/// Who, which role and what: the fields differ by incident type.
fn incident_row(incident: &Incident) -> Vec<String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let date = |d: &Option<pim_alerts_models::support::edm::DateTimeOffset>| {
        d.as_ref()
            .map_or_else(String::new, |d| d.to_utc().format("%Y-%m-%d").to_string())
    };
    match incident {
        Incident::TooManyGlobalAdminsAssignedToTenantAlertIncident(i) => vec![
            s(&i.assignee_display_name),
            s(&i.assignee_user_principal_name),
            "Global Administrator".to_owned(),
            String::new(),
        ],
        Incident::StaleSignInAlertIncident(i) => vec![
            s(&i.assignee_display_name),
            s(&i.assignee_user_principal_name),
            s(&i.role_display_name),
            format!("last sign-in {}", date(&i.last_sign_in_date_time)),
        ],
        Incident::RolesAssignedOutsidePrivilegedIdentityManagementAlertIncident(i) => vec![
            s(&i.assignee_display_name),
            s(&i.assignee_user_principal_name),
            s(&i.role_display_name),
            format!(
                "assigned {} outside PIM",
                date(&i.assignment_created_date_time)
            ),
        ],
        Incident::RedundantAssignmentAlertIncident(i) => vec![
            s(&i.assignee_display_name),
            s(&i.assignee_user_principal_name),
            s(&i.role_display_name),
            format!("last activated {}", date(&i.last_activation_date_time)),
        ],
        Incident::SequentialActivationRenewalsAlertIncident(i) => vec![
            s(&i.assignee_display_name),
            s(&i.assignee_user_principal_name),
            s(&i.role_display_name),
            format!(
                "{} activations {} to {}",
                i.activation_count.unwrap_or_default(),
                date(&i.sequence_start_date_time),
                date(&i.sequence_end_date_time)
            ),
        ],
        Incident::NoMfaOnRoleActivationAlertIncident(i) => vec![
            String::new(),
            String::new(),
            s(&i.role_display_name),
            "activation without MFA".to_owned(),
        ],
        Incident::InvalidLicenseAlertIncident(i) => vec![
            String::new(),
            String::new(),
            String::new(),
            format!("tenant license: {}", s(&i.tenant_license_status)),
        ],
        other => vec![
            String::new(),
            String::new(),
            String::new(),
            format!("{} {}", other.odata_type(), other.id().unwrap_or_default()),
        ],
    }
}
