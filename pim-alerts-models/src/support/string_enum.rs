//! CSDL enum types (Graph sends member names as JSON strings).
//!
//! A generated enum implements [`StringEnum`] (two `match`es), delegates its serde impls to
//! [`serialize`] and [`deserialize`], and gets an inherent `as_str()` and `Display` from
//! [`impl_as_str_and_display!`]; unrecognised names land in its catch-all variant.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;

/// An enum type whose values travel as member names.
pub trait StringEnum: Sized {
    /// The member named `name`, or the catch-all holding `name`. Never fails.
    fn from_name(name: &str) -> Self;
    /// The member name (or the string held by the catch-all).
    fn name(&self) -> &str;
}

/// `Serialize` for a [`StringEnum`].
pub fn serialize<E: StringEnum, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.name())
}

/// `Deserialize` for a [`StringEnum`] (no allocation for known members).
pub fn deserialize<'de, E: StringEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    struct NameVisitor<E>(PhantomData<E>);
    impl<E: StringEnum> Visitor<'_> for NameVisitor<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enum member name")
        }
        fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(E::from_name(v))
        }
    }
    deserializer.deserialize_str(NameVisitor(PhantomData))
}

/// Gives a generated [`StringEnum`] type an inherent `as_str()` and `impl Display`, both the
/// member name as the metadata spells it (or the unknown name as received). Generated code
/// invokes it once per enum type (`crate::support::string_enum::impl_as_str_and_display!(Name);`);
/// neither can be a blanket impl (`Display` is a foreign trait, `as_str` an inherent method).
#[macro_export]
#[doc(hidden)]
macro_rules! impl_as_str_and_display {
    ($name:ident) => {
        impl $name {
            /// The member name as the metadata spells it (`"informational"`), or the unknown name
            /// as received; the same text as `to_string()` and as the JSON string.
            pub fn as_str(&self) -> &str {
                <Self as $crate::support::string_enum::StringEnum>::name(self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

#[doc(inline)]
pub use crate::impl_as_str_and_display;
