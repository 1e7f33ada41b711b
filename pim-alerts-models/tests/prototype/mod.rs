//! Hand-written prototype of the code the generator emits, for a reduced family of the
//! PIM alerts model. The generator prints exactly this shape, with `crate::support` instead
//! of `pim_alerts_models::support`; tests and the bench include it as a module.
//!
//! Rules the generator follows:
//! - Entity/complex type `ns.fooBar` -> `pub struct FooBar` (`#[derive(Debug, Clone, Default,
//!   PartialEq)]`, `#[non_exhaustive]`): one `pub snake_case: Option<T>` per property, own and
//!   inherited, in CSDL order from the root down (raw identifiers such as `r#type` for
//!   keywords), then `pub additional_properties: Map<String, Value>`. `impl GraphObject`:
//!   `ODATA_TYPE = "#ns.fooBar"`; `WRITE_ODATA_TYPE = true` iff the type is a non-root variant
//!   of a generated polymorphic enum; `set_field` = one `"jsonName" => field(&mut self.x, map)`
//!   arm per property plus `_ => Ok(Found::Unknown)`; `visit_fields` = one
//!   `v.field("jsonName", &self.x)` per property, same order. Serde impls are one-liners to
//!   `object::serialize` / `object::deserialize`.
//! - Polymorphic base (a type with derived types) -> `pub enum` named after the base; a
//!   concrete base's own struct is `{Base}Base` in variant `Base`; one variant per concrete
//!   type named after its struct; catch-all `Other(Map<String, Value>)`;
//!   `#[allow(clippy::large_enum_variant)]`. `impl Polymorphic`: `BASE_TYPE` (qualified, no
//!   `#`), `ABSTRACT`, `NAMESPACES`, and `decode_variant` = one
//!   `("ns", "name") => Self::V(ty.decode(map)?)` arm per concrete type (the base too, when
//!   concrete) plus `_ => Self::Other(ty.decode_unknown(map)?)`. Methods: `odata_type()` and
//!   one accessor per base property (`Option<&str>` for strings and `Option<bool>` for booleans,
//!   reading `Other` through `polymorphic::raw_str`/`raw_bool`; `Option<&T>` otherwise, `None`
//!   for `Other`). Serialize matches variants; Deserialize is `polymorphic::deserialize`.
//! - Property types: Edm per `support::edm`; enum type -> its enum; `IsFlags` enum ->
//!   `Flags<E>`; structured type -> its struct, or its enum when it has derived types;
//!   `Collection(T)` -> `Vec<T>`; navigation properties likewise.
//! - Enum type -> `pub enum` (`#[derive(Debug, Clone, PartialEq, Eq, Hash)]`,
//!   `#[non_exhaustive]`), one unit variant per member plus `Other(String)`; `impl StringEnum`
//!   (two matches); serde impls to `string_enum::serialize` / `string_enum::deserialize`.
//! - Rustdoc on every item: the OData name and type (CSDL descriptions when present).

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
