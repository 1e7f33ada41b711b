//! Typed serde models for the Microsoft Graph beta PIM security alerts API.
//!
//! The models (structs for entity and complex types, enums for polymorphic types and enum
//! types) are generated from the service's CSDL into `src/generated/`; [`support`] is the
//! small hand-written runtime they build on: Edm primitive types ([`support::edm`]),
//! collection pages ([`Page`]), `@odata.type` dispatch and JSON entry points whose errors
//! carry the JSON path ([`from_slice`], [`DecodeError`]).
//!
//! Every struct keeps unknown properties, instance annotations and explicit `null`s in
//! `additional_properties`, so decoding then encoding loses nothing.
//!
//! The crate is plain data plus serde: no HTTP client and no async runtime (CI checks that
//! neither `tokio` nor `reqwest` is among its dependencies), so it serves webhooks, stored
//! exports and other HTTP stacks as well as the generated client, `pim-alerts-client`.
//!
//! Regenerated code follows Graph additively: structs and enums are `#[non_exhaustive]`,
//! polymorphic enums end in an `Other` variant and string enums in `Other(String)`, so a new
//! property, derived type or enum member is a minor release of this crate.
//!
//! ```
//! use pim_alerts_models::{
//!     AlertSeverity, Page, StaleSignInAlertConfiguration, UnifiedRoleManagementAlert,
//!     UnifiedRoleManagementAlertIncident, from_str, to_string,
//! };
//!
//! // A page of alerts as Graph sends it, with an expanded definition and incidents.
//! let body = r##"{
//!   "@odata.context": "https://graph.microsoft.com/beta/$metadata#identityGovernance/roleManagementAlerts/alerts",
//!   "value": [{
//!     "id": "DirectoryRole_00000000-0000-0000-0000-000000000000_StaleSignInAlert",
//!     "isActive": true,
//!     "incidentCount": 1,
//!     "lastScannedDateTime": "2022-11-10T06:40:11.0830000Z",
//!     "alertDefinition": { "id": "DirectoryRole_StaleSignInAlert", "severityLevel": "medium" },
//!     "alertIncidents": [{
//!       "@odata.type": "#microsoft.graph.staleSignInAlertIncident",
//!       "id": "8d1a4a8c-0000-0000-0000-000000000000",
//!       "assigneeUserPrincipalName": "admin@contoso.com",
//!       "lastSignInDateTime": "0001-01-01T08:00:00Z"
//!     }]
//!   }]
//! }"##;
//! let page: Page<UnifiedRoleManagementAlert> = from_str(body)?;
//! let alert = &page.value[0];
//! assert_eq!(alert.is_active, Some(true));
//! let severity = alert.alert_definition.as_ref().and_then(|d| d.severity_level.clone());
//! assert_eq!(severity, Some(AlertSeverity::Medium));
//! for incident in alert.alert_incidents.iter().flatten() {
//!     match incident {
//!         UnifiedRoleManagementAlertIncident::StaleSignInAlertIncident(stale) => {
//!             assert_eq!(stale.assignee_user_principal_name.as_deref(), Some("admin@contoso.com"));
//!         }
//!         other => println!("another kind of incident: {}", other.odata_type()),
//!     }
//! }
//! // Re-encoding gives back every property, annotations and timestamps' exact text included.
//! let again: serde_json::Value = serde_json::from_str(&to_string(&page)?)?;
//! assert_eq!(again, serde_json::from_str::<serde_json::Value>(body)?);
//!
//! // A PATCH body for a derived configuration carries its `@odata.type`.
//! let mut config = StaleSignInAlertConfiguration::default();
//! config.is_enabled = Some(true);
//! config.duration = Some("P30D".parse()?);
//! assert_eq!(
//!     to_string(&config)?,
//!     r##"{"@odata.type":"#microsoft.graph.staleSignInAlertConfiguration","isEnabled":true,"duration":"P30D"}"##
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod support;

pub use support::{DecodeError, Flags, Page, from_slice, from_str, to_string, to_vec};

mod generated;

pub use generated::*;
