//! Hand-written prototype of the code the generator emits, for a reduced family of the
//! PIM alerts model. The generator prints exactly this shape (with `crate::support` instead
//! of `pim_alerts_models::support`); tests and benches include it as a module.
//!
//! Per type the generator emits:
//! - entity/complex type: a struct (`Option` field per property, inherited ones included,
//!   plus `additional_properties`), `impl GraphObject` (`ODATA_TYPE`, `WRITE_ODATA_TYPE`,
//!   `set_field` match, `visit_fields` list, two accessors) and one-line serde impls;
//! - polymorphic base: an enum (variant per concrete type + `Other`), `odata_type()` and
//!   base-property accessors, `impl Polymorphic` (type-name match) and one-line serde impls;
//! - enum type: an enum (variant per member + `Other(String)`), `impl StringEnum`, serde impls.

// The prototype is a library-shaped module compiled into test and bench crates, which do not
// use every item.
#![allow(dead_code, unused_imports)]

mod alert;
mod alert_configuration;
mod alert_incident;
mod enums;
mod long_running_operation;

pub use alert::{UnifiedRoleManagementAlert, UnifiedRoleManagementAlertDefinition};
pub use alert_configuration::{
    StaleSignInAlertConfiguration, TooManyGlobalAdminsAssignedToTenantAlertConfiguration,
    UnifiedRoleManagementAlertConfiguration,
};
pub use alert_incident::{
    RedundantAssignmentAlertIncident, StaleSignInAlertIncident,
    TooManyGlobalAdminsAssignedToTenantAlertIncident, UnifiedRoleManagementAlertIncident,
};
pub use enums::{AlertSeverity, LongRunningOperationStatus};
pub use long_running_operation::{
    LongRunningOperation, LongRunningOperationBase, PublicError, PublicErrorDetail,
    PublicInnerError, RichLongRunningOperation,
};

/// The `(namespace, alias)` pairs of the model, accepted in `@odata.type`.
pub const NAMESPACES: &[(&str, &str)] = &[
    ("microsoft.graph", "graph"),
    ("microsoft.graph.identityGovernance", ""),
    ("microsoft.graph.security", ""),
];
