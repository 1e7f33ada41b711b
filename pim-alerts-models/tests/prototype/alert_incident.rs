//! Prototype of generated code: the abstract `unifiedRoleManagementAlertIncident` family.

use pim_alerts_models::support::edm::DateTimeOffset;
use pim_alerts_models::support::object::{self, FieldVisitor, Found, GraphObject, field};
use pim_alerts_models::support::polymorphic::{self, Polymorphic, TypeName};
use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

/// An incident of a PIM security alert.
///
/// OData type `microsoft.graph.unifiedRoleManagementAlertIncident` (abstract): decoded by its
/// `@odata.type`; unknown derived types are kept whole in [`Self::Other`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // boxing would cost an allocation per value
pub enum UnifiedRoleManagementAlertIncident {
    /// `microsoft.graph.redundantAssignmentAlertIncident`.
    RedundantAssignmentAlertIncident(RedundantAssignmentAlertIncident),
    /// `microsoft.graph.staleSignInAlertIncident`.
    StaleSignInAlertIncident(StaleSignInAlertIncident),
    /// `microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident`.
    TooManyGlobalAdminsAssignedToTenantAlertIncident(
        TooManyGlobalAdminsAssignedToTenantAlertIncident,
    ),
    /// A type unknown to this version of the crate: the raw object, `@odata.type` included.
    Other(Map<String, Value>),
}

impl UnifiedRoleManagementAlertIncident {
    /// The `@odata.type` of the value, e.g. `#microsoft.graph.staleSignInAlertIncident`.
    pub fn odata_type(&self) -> &str {
        match self {
            Self::RedundantAssignmentAlertIncident(_) => {
                RedundantAssignmentAlertIncident::ODATA_TYPE
            }
            Self::StaleSignInAlertIncident(_) => StaleSignInAlertIncident::ODATA_TYPE,
            Self::TooManyGlobalAdminsAssignedToTenantAlertIncident(_) => {
                TooManyGlobalAdminsAssignedToTenantAlertIncident::ODATA_TYPE
            }
            Self::Other(raw) => polymorphic::raw_odata_type(raw),
        }
    }

    /// The `id` property (`Edm.String`).
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::RedundantAssignmentAlertIncident(v) => v.id.as_deref(),
            Self::StaleSignInAlertIncident(v) => v.id.as_deref(),
            Self::TooManyGlobalAdminsAssignedToTenantAlertIncident(v) => v.id.as_deref(),
            Self::Other(raw) => polymorphic::raw_str(raw, "id"),
        }
    }
}

impl Polymorphic for UnifiedRoleManagementAlertIncident {
    const BASE_TYPE: &'static str = "microsoft.graph.unifiedRoleManagementAlertIncident";
    const ABSTRACT: bool = true;
    const NAMESPACES: &'static [(&'static str, &'static str)] = super::NAMESPACES;

    fn decode_variant<'de, A: MapAccess<'de>>(
        ty: &TypeName<'_>,
        map: &mut A,
    ) -> Result<Self, A::Error> {
        Ok(match ty.key() {
            ("microsoft.graph", "redundantAssignmentAlertIncident") => {
                Self::RedundantAssignmentAlertIncident(ty.decode(map)?)
            }
            ("microsoft.graph", "staleSignInAlertIncident") => {
                Self::StaleSignInAlertIncident(ty.decode(map)?)
            }
            ("microsoft.graph", "tooManyGlobalAdminsAssignedToTenantAlertIncident") => {
                Self::TooManyGlobalAdminsAssignedToTenantAlertIncident(ty.decode(map)?)
            }
            _ => Self::Other(ty.decode_unknown(map)?),
        })
    }
}

impl Serialize for UnifiedRoleManagementAlertIncident {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::RedundantAssignmentAlertIncident(v) => v.serialize(serializer),
            Self::StaleSignInAlertIncident(v) => v.serialize(serializer),
            Self::TooManyGlobalAdminsAssignedToTenantAlertIncident(v) => v.serialize(serializer),
            Self::Other(raw) => polymorphic::serialize_unknown(raw, serializer),
        }
    }
}

impl<'de> Deserialize<'de> for UnifiedRoleManagementAlertIncident {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        polymorphic::deserialize(deserializer)
    }
}

/// An incident of the "redundant assignment" alert.
///
/// OData type `microsoft.graph.redundantAssignmentAlertIncident`, derived from
/// `microsoft.graph.unifiedRoleManagementAlertIncident`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct RedundantAssignmentAlertIncident {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `assigneeDisplayName` property (`Edm.String`).
    pub assignee_display_name: Option<String>,
    /// The `assigneeId` property (`Edm.String`).
    pub assignee_id: Option<String>,
    /// The `assigneeUserPrincipalName` property (`Edm.String`).
    pub assignee_user_principal_name: Option<String>,
    /// The `lastActivationDateTime` property (`Edm.DateTimeOffset`).
    pub last_activation_date_time: Option<DateTimeOffset>,
    /// The `roleDefinitionId` property (`Edm.String`).
    pub role_definition_id: Option<String>,
    /// The `roleDisplayName` property (`Edm.String`).
    pub role_display_name: Option<String>,
    /// The `roleTemplateId` property (`Edm.String`).
    pub role_template_id: Option<String>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for RedundantAssignmentAlertIncident {
    const ODATA_TYPE: &'static str = "#microsoft.graph.redundantAssignmentAlertIncident";
    const WRITE_ODATA_TYPE: bool = true;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "assigneeDisplayName" => field(&mut self.assignee_display_name, map),
            "assigneeId" => field(&mut self.assignee_id, map),
            "assigneeUserPrincipalName" => field(&mut self.assignee_user_principal_name, map),
            "lastActivationDateTime" => field(&mut self.last_activation_date_time, map),
            "roleDefinitionId" => field(&mut self.role_definition_id, map),
            "roleDisplayName" => field(&mut self.role_display_name, map),
            "roleTemplateId" => field(&mut self.role_template_id, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("assigneeDisplayName", &self.assignee_display_name)?;
        v.field("assigneeId", &self.assignee_id)?;
        v.field(
            "assigneeUserPrincipalName",
            &self.assignee_user_principal_name,
        )?;
        v.field("lastActivationDateTime", &self.last_activation_date_time)?;
        v.field("roleDefinitionId", &self.role_definition_id)?;
        v.field("roleDisplayName", &self.role_display_name)?;
        v.field("roleTemplateId", &self.role_template_id)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for RedundantAssignmentAlertIncident {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for RedundantAssignmentAlertIncident {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// An incident of the "stale sign-in" alert.
///
/// OData type `microsoft.graph.staleSignInAlertIncident`, derived from
/// `microsoft.graph.unifiedRoleManagementAlertIncident`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct StaleSignInAlertIncident {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `assigneeDisplayName` property (`Edm.String`).
    pub assignee_display_name: Option<String>,
    /// The `assigneeId` property (`Edm.String`).
    pub assignee_id: Option<String>,
    /// The `assigneeUserPrincipalName` property (`Edm.String`).
    pub assignee_user_principal_name: Option<String>,
    /// The `assignmentCreatedDateTime` property (`Edm.DateTimeOffset`).
    pub assignment_created_date_time: Option<DateTimeOffset>,
    /// The `lastSignInDateTime` property (`Edm.DateTimeOffset`).
    pub last_sign_in_date_time: Option<DateTimeOffset>,
    /// The `roleDefinitionId` property (`Edm.String`).
    pub role_definition_id: Option<String>,
    /// The `roleDisplayName` property (`Edm.String`).
    pub role_display_name: Option<String>,
    /// The `roleTemplateId` property (`Edm.String`).
    pub role_template_id: Option<String>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for StaleSignInAlertIncident {
    const ODATA_TYPE: &'static str = "#microsoft.graph.staleSignInAlertIncident";
    const WRITE_ODATA_TYPE: bool = true;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "assigneeDisplayName" => field(&mut self.assignee_display_name, map),
            "assigneeId" => field(&mut self.assignee_id, map),
            "assigneeUserPrincipalName" => field(&mut self.assignee_user_principal_name, map),
            "assignmentCreatedDateTime" => field(&mut self.assignment_created_date_time, map),
            "lastSignInDateTime" => field(&mut self.last_sign_in_date_time, map),
            "roleDefinitionId" => field(&mut self.role_definition_id, map),
            "roleDisplayName" => field(&mut self.role_display_name, map),
            "roleTemplateId" => field(&mut self.role_template_id, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("assigneeDisplayName", &self.assignee_display_name)?;
        v.field("assigneeId", &self.assignee_id)?;
        v.field(
            "assigneeUserPrincipalName",
            &self.assignee_user_principal_name,
        )?;
        v.field(
            "assignmentCreatedDateTime",
            &self.assignment_created_date_time,
        )?;
        v.field("lastSignInDateTime", &self.last_sign_in_date_time)?;
        v.field("roleDefinitionId", &self.role_definition_id)?;
        v.field("roleDisplayName", &self.role_display_name)?;
        v.field("roleTemplateId", &self.role_template_id)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for StaleSignInAlertIncident {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for StaleSignInAlertIncident {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// An incident of the "too many global administrators" alert.
///
/// OData type `microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident`, derived from
/// `microsoft.graph.unifiedRoleManagementAlertIncident`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct TooManyGlobalAdminsAssignedToTenantAlertIncident {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `assigneeDisplayName` property (`Edm.String`).
    pub assignee_display_name: Option<String>,
    /// The `assigneeId` property (`Edm.String`).
    pub assignee_id: Option<String>,
    /// The `assigneeUserPrincipalName` property (`Edm.String`).
    pub assignee_user_principal_name: Option<String>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for TooManyGlobalAdminsAssignedToTenantAlertIncident {
    const ODATA_TYPE: &'static str =
        "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident";
    const WRITE_ODATA_TYPE: bool = true;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "assigneeDisplayName" => field(&mut self.assignee_display_name, map),
            "assigneeId" => field(&mut self.assignee_id, map),
            "assigneeUserPrincipalName" => field(&mut self.assignee_user_principal_name, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("assigneeDisplayName", &self.assignee_display_name)?;
        v.field("assigneeId", &self.assignee_id)?;
        v.field(
            "assigneeUserPrincipalName",
            &self.assignee_user_principal_name,
        )
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for TooManyGlobalAdminsAssignedToTenantAlertIncident {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for TooManyGlobalAdminsAssignedToTenantAlertIncident {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}
