//! Prototype of generated code: the non-polymorphic `unifiedRoleManagementAlert` and
//! `unifiedRoleManagementAlertDefinition` entity types.

use pim_alerts_models::support::edm::DateTimeOffset;
use pim_alerts_models::support::object::{self, FieldVisitor, Found, GraphObject, field};
use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::{
    AlertSeverity, UnifiedRoleManagementAlertConfiguration, UnifiedRoleManagementAlertIncident,
};

/// A PIM security alert of a tenant.
///
/// OData type `microsoft.graph.unifiedRoleManagementAlert`, derived from `microsoft.graph.entity`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct UnifiedRoleManagementAlert {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `alertDefinitionId` property (`Edm.String`).
    pub alert_definition_id: Option<String>,
    /// The `incidentCount` property (`Edm.Int32`).
    pub incident_count: Option<i32>,
    /// The `isActive` property (`Edm.Boolean`).
    pub is_active: Option<bool>,
    /// The `lastModifiedDateTime` property (`Edm.DateTimeOffset`).
    pub last_modified_date_time: Option<DateTimeOffset>,
    /// The `lastScannedDateTime` property (`Edm.DateTimeOffset`).
    pub last_scanned_date_time: Option<DateTimeOffset>,
    /// The `scopeId` property (`Edm.String`).
    pub scope_id: Option<String>,
    /// The `scopeType` property (`Edm.String`).
    pub scope_type: Option<String>,
    /// The `alertConfiguration` navigation property (`microsoft.graph.unifiedRoleManagementAlertConfiguration`).
    pub alert_configuration: Option<UnifiedRoleManagementAlertConfiguration>,
    /// The `alertDefinition` navigation property (`microsoft.graph.unifiedRoleManagementAlertDefinition`).
    pub alert_definition: Option<UnifiedRoleManagementAlertDefinition>,
    /// The `alertIncidents` navigation property (`Collection(microsoft.graph.unifiedRoleManagementAlertIncident)`).
    pub alert_incidents: Option<Vec<UnifiedRoleManagementAlertIncident>>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for UnifiedRoleManagementAlert {
    const ODATA_TYPE: &'static str = "#microsoft.graph.unifiedRoleManagementAlert";
    const WRITE_ODATA_TYPE: bool = false;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "alertDefinitionId" => field(&mut self.alert_definition_id, map),
            "incidentCount" => field(&mut self.incident_count, map),
            "isActive" => field(&mut self.is_active, map),
            "lastModifiedDateTime" => field(&mut self.last_modified_date_time, map),
            "lastScannedDateTime" => field(&mut self.last_scanned_date_time, map),
            "scopeId" => field(&mut self.scope_id, map),
            "scopeType" => field(&mut self.scope_type, map),
            "alertConfiguration" => field(&mut self.alert_configuration, map),
            "alertDefinition" => field(&mut self.alert_definition, map),
            "alertIncidents" => field(&mut self.alert_incidents, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("alertDefinitionId", &self.alert_definition_id)?;
        v.field("incidentCount", &self.incident_count)?;
        v.field("isActive", &self.is_active)?;
        v.field("lastModifiedDateTime", &self.last_modified_date_time)?;
        v.field("lastScannedDateTime", &self.last_scanned_date_time)?;
        v.field("scopeId", &self.scope_id)?;
        v.field("scopeType", &self.scope_type)?;
        v.field("alertConfiguration", &self.alert_configuration)?;
        v.field("alertDefinition", &self.alert_definition)?;
        v.field("alertIncidents", &self.alert_incidents)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for UnifiedRoleManagementAlert {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for UnifiedRoleManagementAlert {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// The definition of a PIM security alert type.
///
/// OData type `microsoft.graph.unifiedRoleManagementAlertDefinition`, derived from `microsoft.graph.entity`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct UnifiedRoleManagementAlertDefinition {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `description` property (`Edm.String`).
    pub description: Option<String>,
    /// The `displayName` property (`Edm.String`).
    pub display_name: Option<String>,
    /// The `howToPrevent` property (`Edm.String`).
    pub how_to_prevent: Option<String>,
    /// The `isConfigurable` property (`Edm.Boolean`).
    pub is_configurable: Option<bool>,
    /// The `isRemediatable` property (`Edm.Boolean`).
    pub is_remediatable: Option<bool>,
    /// The `mitigationSteps` property (`Edm.String`).
    pub mitigation_steps: Option<String>,
    /// The `scopeId` property (`Edm.String`).
    pub scope_id: Option<String>,
    /// The `scopeType` property (`Edm.String`).
    pub scope_type: Option<String>,
    /// The `securityImpact` property (`Edm.String`).
    pub security_impact: Option<String>,
    /// The `severityLevel` property (`microsoft.graph.alertSeverity`).
    pub severity_level: Option<AlertSeverity>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for UnifiedRoleManagementAlertDefinition {
    const ODATA_TYPE: &'static str = "#microsoft.graph.unifiedRoleManagementAlertDefinition";
    const WRITE_ODATA_TYPE: bool = false;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "description" => field(&mut self.description, map),
            "displayName" => field(&mut self.display_name, map),
            "howToPrevent" => field(&mut self.how_to_prevent, map),
            "isConfigurable" => field(&mut self.is_configurable, map),
            "isRemediatable" => field(&mut self.is_remediatable, map),
            "mitigationSteps" => field(&mut self.mitigation_steps, map),
            "scopeId" => field(&mut self.scope_id, map),
            "scopeType" => field(&mut self.scope_type, map),
            "securityImpact" => field(&mut self.security_impact, map),
            "severityLevel" => field(&mut self.severity_level, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("description", &self.description)?;
        v.field("displayName", &self.display_name)?;
        v.field("howToPrevent", &self.how_to_prevent)?;
        v.field("isConfigurable", &self.is_configurable)?;
        v.field("isRemediatable", &self.is_remediatable)?;
        v.field("mitigationSteps", &self.mitigation_steps)?;
        v.field("scopeId", &self.scope_id)?;
        v.field("scopeType", &self.scope_type)?;
        v.field("securityImpact", &self.security_impact)?;
        v.field("severityLevel", &self.severity_level)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for UnifiedRoleManagementAlertDefinition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for UnifiedRoleManagementAlertDefinition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}
