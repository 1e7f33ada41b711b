//! Rust representations of the OData primitive (`Edm.*`) types.
//!
//! | Edm type | Rust type |
//! | --- | --- |
//! | `String` | `String` |
//! | `Boolean` | `bool` |
//! | `Byte` / `SByte` / `Int16` / `Int32` | `u8` / `i8` / `i16` / `i32` |
//! | `Int64` | [`Int64`] (number or string) |
//! | `Decimal` | [`Decimal`] (exact text, number or string) |
//! | `Double` / `Single` | [`Double`] / [`Single`] (`"INF"`, `"-INF"`, `"NaN"` too) |
//! | `Guid` | [`uuid::Uuid`] |
//! | `Date` / `TimeOfDay` / `DateTimeOffset` | [`Date`] / [`TimeOfDay`] / [`DateTimeOffset`] |
//! | `Duration` | [`Duration`] |
//! | `Binary` | [`Binary`] (base64url) |
//! | `Untyped`, `graph.Json` | [`serde_json::Value`] |

mod datetime;
mod duration;
mod numbers;

pub use datetime::{Date, DateTimeOffset, TimeOfDay};
pub use duration::{Duration, DurationError};
pub use numbers::{Binary, Decimal, Double, Int64, Single};
pub use uuid::Uuid as Guid;

/// `Edm.Untyped` and `graph.Json`.
pub type Untyped = serde_json::Value;

/// The error of a failed parse of an Edm text form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    type_name: &'static str,
}

impl ParseError {
    pub(crate) fn new(type_name: &'static str) -> Self {
        ParseError { type_name }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid {} value", self.type_name)
    }
}

impl std::error::Error for ParseError {}
