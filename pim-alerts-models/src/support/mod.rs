//! Hand-written runtime support for the generated models.
//!
//! The generated code is mechanical: per struct an impl of [`GraphObject`] (one `match` on
//! JSON names plus a field list), per polymorphic enum an impl of [`Polymorphic`] (one
//! `match` on type names), per enum type an impl of [`StringEnum`]. The decoding loops,
//! `null`/unknown-property bookkeeping, `@odata.type` handling and Edm formats live here.

pub mod codec;
pub mod edm;
pub mod flags;
pub mod json_value;
pub mod object;
pub mod page;
pub mod polymorphic;
pub mod str_keys;
pub mod string_enum;

pub use codec::{DecodeError, from_slice, from_str, to_string, to_vec};
pub use flags::Flags;
pub use json_value::IntoJson;
pub use object::{FieldVisitor, Found, GraphObject, field};
pub use page::Page;
pub use polymorphic::{Polymorphic, TypeName};
pub use str_keys::StrKeys;
pub use string_enum::StringEnum;
