//! Prototype of generated code: the concrete-base `longRunningOperation` family and the
//! complex types it uses.

use pim_alerts_models::support::edm::DateTimeOffset;
use pim_alerts_models::support::object::{self, FieldVisitor, Found, GraphObject, field};
use pim_alerts_models::support::polymorphic::{self, Polymorphic, TypeName};
use serde::de::{Deserialize, Deserializer, MapAccess};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::LongRunningOperationStatus;

/// The status of a long-running operation.
///
/// OData type `microsoft.graph.longRunningOperation` (concrete): an object without
/// `@odata.type` decodes as [`Self::Base`]; unknown derived types are kept in [`Self::Other`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // boxing would cost an allocation per value
pub enum LongRunningOperation {
    /// `microsoft.graph.longRunningOperation` itself.
    Base(LongRunningOperationBase),
    /// `microsoft.graph.richLongRunningOperation`.
    RichLongRunningOperation(RichLongRunningOperation),
    /// A type unknown to this version of the crate: the raw object, `@odata.type` included.
    Other(Map<String, Value>),
}

impl LongRunningOperation {
    /// The `@odata.type` of the value, e.g. `#microsoft.graph.richLongRunningOperation`.
    pub fn odata_type(&self) -> &str {
        match self {
            Self::Base(_) => LongRunningOperationBase::ODATA_TYPE,
            Self::RichLongRunningOperation(_) => RichLongRunningOperation::ODATA_TYPE,
            Self::Other(raw) => polymorphic::raw_odata_type(raw),
        }
    }

    /// The `id` property (`Edm.String`).
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::Base(v) => v.id.as_deref(),
            Self::RichLongRunningOperation(v) => v.id.as_deref(),
            Self::Other(raw) => polymorphic::raw_str(raw, "id"),
        }
    }

    /// The `createdDateTime` property (`Edm.DateTimeOffset`; `None` for unknown types).
    pub fn created_date_time(&self) -> Option<&DateTimeOffset> {
        match self {
            Self::Base(v) => v.created_date_time.as_ref(),
            Self::RichLongRunningOperation(v) => v.created_date_time.as_ref(),
            Self::Other(_) => None,
        }
    }

    /// The `status` property (`microsoft.graph.longRunningOperationStatus`; `None` for unknown types).
    pub fn status(&self) -> Option<&LongRunningOperationStatus> {
        match self {
            Self::Base(v) => v.status.as_ref(),
            Self::RichLongRunningOperation(v) => v.status.as_ref(),
            Self::Other(_) => None,
        }
    }
}

impl Polymorphic for LongRunningOperation {
    const BASE_TYPE: &'static str = "microsoft.graph.longRunningOperation";
    const ABSTRACT: bool = false;
    const NAMESPACES: &'static [(&'static str, &'static str)] = super::NAMESPACES;

    fn decode_variant<'de, A: MapAccess<'de>>(
        ty: &TypeName<'_>,
        map: &mut A,
    ) -> Result<Self, A::Error> {
        Ok(match ty.key() {
            ("microsoft.graph", "longRunningOperation") => Self::Base(ty.decode(map)?),
            ("microsoft.graph", "richLongRunningOperation") => {
                Self::RichLongRunningOperation(ty.decode(map)?)
            }
            _ => Self::Other(ty.decode_unknown(map)?),
        })
    }
}

impl Serialize for LongRunningOperation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Base(v) => v.serialize(serializer),
            Self::RichLongRunningOperation(v) => v.serialize(serializer),
            Self::Other(raw) => polymorphic::serialize_unknown(raw, serializer),
        }
    }
}

impl<'de> Deserialize<'de> for LongRunningOperation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        polymorphic::deserialize(deserializer)
    }
}

/// The properties of `microsoft.graph.longRunningOperation` itself (see [`LongRunningOperation`]).
///
/// OData type `microsoft.graph.longRunningOperation`, derived from `microsoft.graph.entity`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct LongRunningOperationBase {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `createdDateTime` property (`Edm.DateTimeOffset`).
    pub created_date_time: Option<DateTimeOffset>,
    /// The `lastActionDateTime` property (`Edm.DateTimeOffset`).
    pub last_action_date_time: Option<DateTimeOffset>,
    /// The `resourceLocation` property (`Edm.String`).
    pub resource_location: Option<String>,
    /// The `status` property (`microsoft.graph.longRunningOperationStatus`).
    pub status: Option<LongRunningOperationStatus>,
    /// The `statusDetail` property (`Edm.String`).
    pub status_detail: Option<String>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for LongRunningOperationBase {
    const ODATA_TYPE: &'static str = "#microsoft.graph.longRunningOperation";
    const WRITE_ODATA_TYPE: bool = false;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "createdDateTime" => field(&mut self.created_date_time, map),
            "lastActionDateTime" => field(&mut self.last_action_date_time, map),
            "resourceLocation" => field(&mut self.resource_location, map),
            "status" => field(&mut self.status, map),
            "statusDetail" => field(&mut self.status_detail, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("createdDateTime", &self.created_date_time)?;
        v.field("lastActionDateTime", &self.last_action_date_time)?;
        v.field("resourceLocation", &self.resource_location)?;
        v.field("status", &self.status)?;
        v.field("statusDetail", &self.status_detail)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for LongRunningOperationBase {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for LongRunningOperationBase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// A long-running operation with progress and error details.
///
/// OData type `microsoft.graph.richLongRunningOperation`, derived from
/// `microsoft.graph.longRunningOperation`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct RichLongRunningOperation {
    /// The `id` property (`Edm.String`).
    pub id: Option<String>,
    /// The `createdDateTime` property (`Edm.DateTimeOffset`).
    pub created_date_time: Option<DateTimeOffset>,
    /// The `lastActionDateTime` property (`Edm.DateTimeOffset`).
    pub last_action_date_time: Option<DateTimeOffset>,
    /// The `resourceLocation` property (`Edm.String`).
    pub resource_location: Option<String>,
    /// The `status` property (`microsoft.graph.longRunningOperationStatus`).
    pub status: Option<LongRunningOperationStatus>,
    /// The `statusDetail` property (`Edm.String`).
    pub status_detail: Option<String>,
    /// The `error` property (`microsoft.graph.publicError`).
    pub error: Option<PublicError>,
    /// The `percentageComplete` property (`Edm.Int32`).
    pub percentage_complete: Option<i32>,
    /// The `resourceId` property (`Edm.String`).
    pub resource_id: Option<String>,
    /// The `type` property (`Edm.String`).
    pub r#type: Option<String>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for RichLongRunningOperation {
    const ODATA_TYPE: &'static str = "#microsoft.graph.richLongRunningOperation";
    const WRITE_ODATA_TYPE: bool = true;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "id" => field(&mut self.id, map),
            "createdDateTime" => field(&mut self.created_date_time, map),
            "lastActionDateTime" => field(&mut self.last_action_date_time, map),
            "resourceLocation" => field(&mut self.resource_location, map),
            "status" => field(&mut self.status, map),
            "statusDetail" => field(&mut self.status_detail, map),
            "error" => field(&mut self.error, map),
            "percentageComplete" => field(&mut self.percentage_complete, map),
            "resourceId" => field(&mut self.resource_id, map),
            "type" => field(&mut self.r#type, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("id", &self.id)?;
        v.field("createdDateTime", &self.created_date_time)?;
        v.field("lastActionDateTime", &self.last_action_date_time)?;
        v.field("resourceLocation", &self.resource_location)?;
        v.field("status", &self.status)?;
        v.field("statusDetail", &self.status_detail)?;
        v.field("error", &self.error)?;
        v.field("percentageComplete", &self.percentage_complete)?;
        v.field("resourceId", &self.resource_id)?;
        v.field("type", &self.r#type)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for RichLongRunningOperation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for RichLongRunningOperation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// The complex type `microsoft.graph.publicError`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PublicError {
    /// The `code` property (`Edm.String`).
    pub code: Option<String>,
    /// The `details` property (`Collection(microsoft.graph.publicErrorDetail)`).
    pub details: Option<Vec<PublicErrorDetail>>,
    /// The `innerError` property (`microsoft.graph.publicInnerError`).
    pub inner_error: Option<PublicInnerError>,
    /// The `message` property (`Edm.String`).
    pub message: Option<String>,
    /// The `target` property (`Edm.String`).
    pub target: Option<String>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for PublicError {
    const ODATA_TYPE: &'static str = "#microsoft.graph.publicError";
    const WRITE_ODATA_TYPE: bool = false;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "code" => field(&mut self.code, map),
            "details" => field(&mut self.details, map),
            "innerError" => field(&mut self.inner_error, map),
            "message" => field(&mut self.message, map),
            "target" => field(&mut self.target, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("code", &self.code)?;
        v.field("details", &self.details)?;
        v.field("innerError", &self.inner_error)?;
        v.field("message", &self.message)?;
        v.field("target", &self.target)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for PublicError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for PublicError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// The complex type `microsoft.graph.publicErrorDetail`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PublicErrorDetail {
    /// The `code` property (`Edm.String`).
    pub code: Option<String>,
    /// The `message` property (`Edm.String`).
    pub message: Option<String>,
    /// The `target` property (`Edm.String`).
    pub target: Option<String>,
    /// Undeclared properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for PublicErrorDetail {
    const ODATA_TYPE: &'static str = "#microsoft.graph.publicErrorDetail";
    const WRITE_ODATA_TYPE: bool = false;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "code" => field(&mut self.code, map),
            "message" => field(&mut self.message, map),
            "target" => field(&mut self.target, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("code", &self.code)?;
        v.field("message", &self.message)?;
        v.field("target", &self.target)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for PublicErrorDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for PublicErrorDetail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}

/// The open complex type `microsoft.graph.publicInnerError` (dynamic properties land in
/// `additional_properties`).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PublicInnerError {
    /// The `code` property (`Edm.String`).
    pub code: Option<String>,
    /// The `details` property (`Collection(microsoft.graph.publicErrorDetail)`).
    pub details: Option<Vec<PublicErrorDetail>>,
    /// The `message` property (`Edm.String`).
    pub message: Option<String>,
    /// The `target` property (`Edm.String`).
    pub target: Option<String>,
    /// Undeclared (dynamic) properties, instance annotations and explicit `null`s.
    pub additional_properties: Map<String, Value>,
}

impl GraphObject for PublicInnerError {
    const ODATA_TYPE: &'static str = "#microsoft.graph.publicInnerError";
    const WRITE_ODATA_TYPE: bool = false;

    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Found, A::Error> {
        match key {
            "code" => field(&mut self.code, map),
            "details" => field(&mut self.details, map),
            "message" => field(&mut self.message, map),
            "target" => field(&mut self.target, map),
            _ => Ok(Found::Unknown),
        }
    }

    fn visit_fields<V: FieldVisitor>(&self, v: &mut V) -> Result<(), V::Error> {
        v.field("code", &self.code)?;
        v.field("details", &self.details)?;
        v.field("message", &self.message)?;
        v.field("target", &self.target)
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional_properties
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional_properties
    }
}

impl Serialize for PublicInnerError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for PublicInnerError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(deserializer)
    }
}
