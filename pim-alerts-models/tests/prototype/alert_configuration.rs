//! Prototype of generated code: the abstract `unifiedRoleManagementAlertConfiguration` family.

use pim_alerts_models::support::edm::Duration;
use pim_alerts_models::support::object::{self, FieldVisitor, Found, GraphObject, field};
use pim_alerts_models::support::polymorphic::{self, Polymorphic, TypeName};
use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::UnifiedRoleManagementAlertDefinition;

/// The tenant-specific settings of a PIM security alert.
///
/// OData type `microsoft.graph.unifiedRoleManagementAlertConfiguration` (abstract): decoded by
/// its `@odata.type`; unknown derived types are kept whole in [`Self::Other`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // boxing would cost an allocation per value
pub enum UnifiedRoleManagementAlertConfiguration {
    /// `microsoft.graph.staleSignInAlertConfiguration`.
    StaleSignInAlertConfiguration(StaleSignInAlertConfiguration),
    /// `microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration`.
    TooManyGlobalAdminsAssignedToTenantAlertConfiguration(
        TooManyGlobalAdminsAssignedToTenantAlertConfiguration,
    ),
    /// A type unknown to this version of the crate: the raw object, `@odata.type` included.
    Other(Map<String, Value>),
}

impl UnifiedRoleManagementAlertConfiguration {
    /// The `@odata.type` of the value, e.g. `#microsoft.graph.staleSignInAlertConfiguration`.
    pub fn odata_type(&self) -> &str {
        match self {
            Self::StaleSignInAlertConfiguration(_) => StaleSignInAlertConfiguration::ODATA_TYPE,
            Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(_) => {
                TooManyGlobalAdminsAssignedToTenantAlertConfiguration::ODATA_TYPE
            }
            Self::Other(raw) => polymorphic::raw_odata_type(raw),
        }
    }

    /// The `id` property (`Edm.String`).
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::StaleSignInAlertConfiguration(v) => v.id.as_deref(),
            Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(v) => v.id.as_deref(),
            Self::Other(raw) => polymorphic::raw_str(raw, "id"),
        }
    }

    /// The `alertDefinitionId` property (`Edm.String`).
    pub fn alert_definition_id(&self) -> Option<&str> {
        match self {
            Self::StaleSignInAlertConfiguration(v) => v.alert_definition_id.as_deref(),
            Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(v) => {
                v.alert_definition_id.as_deref()
            }
            Self::Other(raw) => polymorphic::raw_str(raw, "alertDefinitionId"),
        }
    }

    /// The `isEnabled` property (`Edm.Boolean`).
    pub fn is_enabled(&self) -> Option<bool> {
        match self {
            Self::StaleSignInAlertConfiguration(v) => v.is_enabled,
            Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(v) => v.is_enabled,
            Self::Other(raw) => polymorphic::raw_bool(raw, "isEnabled"),
        }
    }

    /// The `scopeId` property (`Edm.String`).
    pub fn scope_id(&self) -> Option<&str> {
        match self {
            Self::StaleSignInAlertConfiguration(v) => v.scope_id.as_deref(),
            Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(v) => v.scope_id.as_deref(),
            Self::Other(raw) => polymorphic::raw_str(raw, "scopeId"),
        }
    }

    /// The `scopeType` property (`Edm.String`).
    pub fn scope_type(&self) -> Option<&str> {
        match self {
            Self::StaleSignInAlertConfiguration(v) => v.scope_type.as_deref(),
            Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(v) => {
                v.scope_type.as_deref()
            }
            Self::Other(raw) => polymorphic::raw_str(raw, "scopeType"),
        }
    }
}

impl Polymorphic for UnifiedRoleManagementAlertConfiguration {
    const BASE_TYPE: &'static str = "microsoft.graph.unifiedRoleManagementAlertConfiguration";
    const ABSTRACT: bool = true;
    const NAMESPACES: &'static [(&'static str, &'static str)] = super::NAMESPACES;

    fn decode_variant<'de, A: MapAccess<'de>>(
        ty: &TypeName<'_>,
        map: &mut A,
    ) -> Result<Self, A::Error> {
        Ok(match ty.key() {
            ("microsoft.graph", "staleSignInAlertConfiguration") => {
                Self::StaleSignInAlertConfiguration(ty.decode(map)?)
            }
            ("microsoft.graph", "tooManyGlobalAdminsAssignedToTenantAlertConfiguration") => {
                Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(ty.decode(map)?)
            }
            _ => Self::Other(ty.decode_unknown(map)?),
        })
    }
}

impl Serialize for UnifiedRoleManagementAlertConfiguration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::StaleSignInAlertConfiguration(v) => v.serialize(serializer),
            Self::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(v) => {
                v.serialize(serializer)
            }
            Self::Other(raw) => polymorphic::serialize_unknown(raw, serializer),
        }
    }
}

impl<'de> Deserialize<'de> for UnifiedRoleManagementAlertConfiguration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        polymorphic::deserialize(deserializer)
    }
}

/// The settings of the "stale sign-in" alert.
///
/// OData type `microsoft.graph.staleSignInAlertConfiguration`, derived from
/// `microsoft.graph.unifiedRoleManagementAlertConfiguration`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct StaleSignInAlertConfiguration {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `alertDefinitionId` property (`Edm.String`).
    pub alert_definition_id: Option<String>,
    /// The `isEnabled` property (`Edm.Boolean`).
    pub is_enabled: Option<bool>,
    /// The `scopeId` property (`Edm.String`).
    pub scope_id: Option<String>,
    /// The `scopeType` property (`Edm.String`).
    pub scope_type: Option<String>,
    /// The `duration` property (`Edm.Duration`).
    pub duration: Option<Duration>,
    /// The `alertDefinition` navigation property (`microsoft.graph.unifiedRoleManagementAlertDefinition`).
    pub alert_definition: Option<UnifiedRoleManagementAlertDefinition>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for StaleSignInAlertConfiguration {
    const ODATA_TYPE: &'static str = "#microsoft.graph.staleSignInAlertConfiguration";
    const WRITE_ODATA_TYPE: bool = true;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "alertDefinitionId" => field(&mut self.alert_definition_id, map),
            "isEnabled" => field(&mut self.is_enabled, map),
            "scopeId" => field(&mut self.scope_id, map),
            "scopeType" => field(&mut self.scope_type, map),
            "duration" => field(&mut self.duration, map),
            "alertDefinition" => field(&mut self.alert_definition, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("alertDefinitionId", &self.alert_definition_id)?;
        v.field("isEnabled", &self.is_enabled)?;
        v.field("scopeId", &self.scope_id)?;
        v.field("scopeType", &self.scope_type)?;
        v.field("duration", &self.duration)?;
        v.field("alertDefinition", &self.alert_definition)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for StaleSignInAlertConfiguration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for StaleSignInAlertConfiguration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// The settings of the "too many global administrators" alert.
///
/// OData type `microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration`, derived
/// from `microsoft.graph.unifiedRoleManagementAlertConfiguration`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct TooManyGlobalAdminsAssignedToTenantAlertConfiguration {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `alertDefinitionId` property (`Edm.String`).
    pub alert_definition_id: Option<String>,
    /// The `isEnabled` property (`Edm.Boolean`).
    pub is_enabled: Option<bool>,
    /// The `scopeId` property (`Edm.String`).
    pub scope_id: Option<String>,
    /// The `scopeType` property (`Edm.String`).
    pub scope_type: Option<String>,
    /// The `globalAdminCountThreshold` property (`Edm.Int32`).
    pub global_admin_count_threshold: Option<i32>,
    /// The `percentageOfGlobalAdminsOutOfRolesThreshold` property (`Edm.Int32`).
    pub percentage_of_global_admins_out_of_roles_threshold: Option<i32>,
    /// The `alertDefinition` navigation property (`microsoft.graph.unifiedRoleManagementAlertDefinition`).
    pub alert_definition: Option<UnifiedRoleManagementAlertDefinition>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for TooManyGlobalAdminsAssignedToTenantAlertConfiguration {
    const ODATA_TYPE: &'static str =
        "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration";
    const WRITE_ODATA_TYPE: bool = true;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "alertDefinitionId" => field(&mut self.alert_definition_id, map),
            "isEnabled" => field(&mut self.is_enabled, map),
            "scopeId" => field(&mut self.scope_id, map),
            "scopeType" => field(&mut self.scope_type, map),
            "globalAdminCountThreshold" => field(&mut self.global_admin_count_threshold, map),
            "percentageOfGlobalAdminsOutOfRolesThreshold" => field(
                &mut self.percentage_of_global_admins_out_of_roles_threshold,
                map,
            ),
            "alertDefinition" => field(&mut self.alert_definition, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("alertDefinitionId", &self.alert_definition_id)?;
        v.field("isEnabled", &self.is_enabled)?;
        v.field("scopeId", &self.scope_id)?;
        v.field("scopeType", &self.scope_type)?;
        v.field(
            "globalAdminCountThreshold",
            &self.global_admin_count_threshold,
        )?;
        v.field(
            "percentageOfGlobalAdminsOutOfRolesThreshold",
            &self.percentage_of_global_admins_out_of_roles_threshold,
        )?;
        v.field("alertDefinition", &self.alert_definition)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for TooManyGlobalAdminsAssignedToTenantAlertConfiguration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for TooManyGlobalAdminsAssignedToTenantAlertConfiguration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}
