//! `cargo run -p pim-alerts-client --example triage`: the active PIM alerts of the directory,
//! most severe first, with mitigation steps and incidents, as text tables.
//!
//! With `GRAPH_TOKEN` set (a token with `RoleManagementAlert.Read.Directory`), it calls
//! Microsoft Graph at `GRAPH_BASE_URL` (default `https://graph.microsoft.com/beta`); without
//! it, it starts an embedded mock on loopback that serves the Graph documentation's example
//! responses, and says so.
//!
//! Two kinds of calls: the alert list with the scope filter the service requires, then each
//! active alert with `$expand=*` (its definition, configuration and incidents).

mod mock;
mod report;
mod table;

use std::process::ExitCode;

use pim_alerts_client::{Client, UnifiedRoleManagementAlertExpand as Expand};
use pim_alerts_models::UnifiedRoleManagementAlert as Alert;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("triage: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), pim_alerts_client::Error> {
    // The mock (if any) must outlive the calls.
    let (client, _mock) = match std::env::var("GRAPH_TOKEN") {
        Ok(token) => {
            let mut builder = Client::builder().bearer_token(token);
            if let Ok(base) = std::env::var("GRAPH_BASE_URL") {
                builder = builder.base_url(base);
            }
            let client = builder.build()?;
            println!("Calling {} (token from GRAPH_TOKEN)", client.base_url());
            (client, None)
        }
        Err(_) => {
            let server = mock::start().await;
            let client = mock_client(&server)?;
            println!(
                "GRAPH_TOKEN is not set: using an embedded mock at {} that serves the Graph \
                 documentation's example responses",
                client.base_url()
            );
            (client, Some(server))
        }
    };
    let alerts = fetch(&client).await?;
    println!(
        "PIM alerts of scope '/' (DirectoryRole): {}",
        report::render_report(&alerts)
    );
    Ok(())
}

/// A client for the mock's service root.
fn mock_client(server: &wiremock::MockServer) -> Result<Client, pim_alerts_client::Error> {
    let base = format!("{}/beta", server.uri());
    Client::builder()
        .base_url(base)
        .bearer_token("mock-token")
        .build()
}

/// Every alert of the directory scope; the active ones with definition and incidents expanded.
async fn fetch(client: &Client) -> Result<Vec<Alert>, pim_alerts_client::Error> {
    let alerts = client
        .identity_governance()
        .role_management_alerts()
        .alerts();
    let mut all = alerts.list().directory_role_scope().collect_all().await?;
    for alert in all.iter_mut().filter(|a| a.is_active == Some(true)) {
        let Some(id) = alert.id.as_deref() else {
            continue;
        };
        *alert = alerts.by_id(id).get().expand(&[Expand::All]).send().await?;
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn mock_report() -> String {
        let server = mock::start().await;
        let client = mock_client(&server).expect("client");
        let alerts = fetch(&client).await.expect("alerts from the mock");
        report::render_report(&alerts)
    }

    #[tokio::test]
    async fn report_lists_the_active_alert_with_severity_mitigation_and_incidents() {
        let report = mock_report().await;
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines[0], "1 of 7 alerts active", "{report}");
        let header = lines[2];
        let row = lines[3];
        for column in [
            "SEVERITY",
            "ALERT",
            "INCIDENTS",
            "FIXABLE",
            "FIRST MITIGATION STEP",
        ] {
            assert!(header.contains(column), "{header}");
        }
        assert!(row.starts_with("low "), "{row}");
        assert!(
            row.contains("There are too many global administrators"),
            "{row}"
        );
        // Incident count right-aligned under its header; the cut mitigation step ends in `…`.
        let count_end = header.find("INCIDENTS").map(|i| i + "INCIDENTS".len());
        assert_eq!(
            row[..count_end.unwrap_or(0)].chars().last(),
            Some('7'),
            "{row}"
        );
        assert!(
            row.ends_with('…') && row.contains("Review the users in the list"),
            "{row}"
        );
        assert!(report.contains("- Assign lower privileged roles to these users instead."));
        assert!(report.contains("Incidents (7):"), "{report}");
        assert!(report.contains("Lidia Holloway") && report.contains("Global Administrator"));
        assert!(
            !report.contains("DETAIL"),
            "empty columns are left out: {report}"
        );
        assert!(
            !report.contains("InvalidLicense"),
            "inactive alerts are not listed"
        );
    }

    #[tokio::test]
    async fn incident_columns_are_aligned() {
        let report = mock_report().await;
        let incidents: Vec<&str> = report
            .lines()
            .skip_while(|l| !l.contains("USER PRINCIPAL NAME"))
            .collect();
        assert_eq!(incidents.len(), 8, "{report}");
        let upn_column = incidents[0].find("USER PRINCIPAL NAME").expect("header");
        for line in &incidents[1..] {
            let before: String = line.chars().take(upn_column).collect();
            let after: String = line.chars().skip(upn_column).collect();
            assert!(before.ends_with("  ") && !after.starts_with(' '), "{line}");
        }
    }

    #[test]
    fn long_cells_are_cut_and_marked() {
        use table::{Column, render, truncate};
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a rather long\ncell text", 10), "a rather…");
        let text = render(
            &[Column::left("NAME", 6), Column::right("N", 3)],
            &[vec!["abcdefghij".into(), "7".into()], vec!["x".into()]],
            "",
        );
        assert_eq!(text, "NAME    N\nabcde…  7\nx\n");
        let empty_column = render(
            &[Column::left("A", 5), Column::left("B", 5)],
            &[vec!["1".into(), String::new()]],
            "> ",
        );
        assert_eq!(empty_column, "> A\n> 1\n");
    }
}
