//! Response shapes of bound operations that are not an entity: a primitive or enum result is
//! sent as the `value` member of an object (OData JSON format, section 4.5).

use serde::Deserialize;

/// The response of an operation that returns one primitive or enum value: `{"value": ...}`
/// (other members, such as `@odata.context`, are ignored).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ValueResponse<T> {
    /// The result.
    pub value: T,
}
