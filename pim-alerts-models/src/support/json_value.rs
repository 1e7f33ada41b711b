//! [`IntoJson`]: a value as the `serde_json::Value` its `Serialize` writes, for values whose
//! encoding cannot fail. The polymorphic enums' setters use it to write into the catch-all
//! variant's raw object without a `Result` that could only be `Ok`.
//!
//! Each impl produces the JSON of the type's own `Serialize` by the same means (the same
//! `Display`, name or number), next to that impl where the type is ours. `Edm.Decimal` and
//! structured values have no impl: their encoding goes through `serde_json::to_value`, which
//! can fail (see [`Decimal`](super::edm::Decimal)).

use serde_json::Value;
use uuid::Uuid;

use super::string_enum::StringEnum;

/// A value whose JSON encoding cannot fail, as that JSON.
pub trait IntoJson {
    /// The JSON the value's `Serialize` writes.
    fn into_json(self) -> Value;
}

/// Types `serde_json::Value::from` encodes as their `Serialize` does.
macro_rules! into_json_from {
    ($($ty:ty),*) => {
        $(impl IntoJson for $ty {
            fn into_json(self) -> Value {
                Value::from(self)
            }
        })*
    };
}

into_json_from!(bool, String, u8, i8, i16, i32);

impl IntoJson for Value {
    fn into_json(self) -> Value {
        self
    }
}

/// A collection: the array of its elements' JSON.
impl<T: IntoJson> IntoJson for Vec<T> {
    fn into_json(self) -> Value {
        Value::Array(self.into_iter().map(IntoJson::into_json).collect())
    }
}

/// An enum type: its member name, as [`string_enum::serialize`](super::string_enum::serialize)
/// writes it.
impl<E: StringEnum> IntoJson for E {
    fn into_json(self) -> Value {
        Value::String(self.name().to_owned())
    }
}

/// `Edm.Guid`: the lowercase hyphenated text `uuid`'s `Serialize` writes for JSON (its
/// `Display`).
impl IntoJson for Uuid {
    fn into_json(self) -> Value {
        Value::String(self.to_string())
    }
}
