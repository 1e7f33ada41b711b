//! Prototype of generated code: CSDL enum types.

use pim_alerts_models::support::string_enum::{self, StringEnum};
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

/// The `microsoft.graph.alertSeverity` enum type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AlertSeverity {
    /// `unknown`.
    Unknown,
    /// `informational`.
    Informational,
    /// `low`.
    Low,
    /// `medium`.
    Medium,
    /// `high`.
    High,
    /// `unknownFutureValue`.
    UnknownFutureValue,
    /// A member unknown to this version of the crate.
    Other(String),
}

impl StringEnum for AlertSeverity {
    fn from_name(name: &str) -> Self {
        match name {
            "unknown" => Self::Unknown,
            "informational" => Self::Informational,
            "low" => Self::Low,
            "medium" => Self::Medium,
            "high" => Self::High,
            "unknownFutureValue" => Self::UnknownFutureValue,
            other => Self::Other(other.to_owned()),
        }
    }

    fn name(&self) -> &str {
        match self {
            Self::Unknown => "unknown",
            Self::Informational => "informational",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::UnknownFutureValue => "unknownFutureValue",
            Self::Other(name) => name,
        }
    }
}

impl Serialize for AlertSeverity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        string_enum::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for AlertSeverity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_enum::deserialize(deserializer)
    }
}

/// The `microsoft.graph.longRunningOperationStatus` enum type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LongRunningOperationStatus {
    /// `notStarted`.
    NotStarted,
    /// `running`.
    Running,
    /// `succeeded`.
    Succeeded,
    /// `failed`.
    Failed,
    /// `unknownFutureValue`.
    UnknownFutureValue,
    /// A member unknown to this version of the crate.
    Other(String),
}

impl StringEnum for LongRunningOperationStatus {
    fn from_name(name: &str) -> Self {
        match name {
            "notStarted" => Self::NotStarted,
            "running" => Self::Running,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            "unknownFutureValue" => Self::UnknownFutureValue,
            other => Self::Other(other.to_owned()),
        }
    }

    fn name(&self) -> &str {
        match self {
            Self::NotStarted => "notStarted",
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::UnknownFutureValue => "unknownFutureValue",
            Self::Other(name) => name,
        }
    }
}

impl Serialize for LongRunningOperationStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        string_enum::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for LongRunningOperationStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_enum::deserialize(deserializer)
    }
}
