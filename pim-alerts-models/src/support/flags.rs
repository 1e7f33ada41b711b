//! `IsFlags` enum types: an ordered set of members written as `"a,b"`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use super::json_value::IntoJson;
use super::string_enum::StringEnum;

/// A set of flag members of the enum `E`, kept in the order received.
///
/// Decodes from and encodes to Graph's comma-separated form (`"email,sms"`); the empty
/// string is the empty set.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<E>(pub Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: PartialEq> Flags<E> {
    /// Whether `member` is in the set.
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }

    /// Adds `member` unless already present; returns whether it was added.
    pub fn insert(&mut self, member: E) -> bool {
        if self.contains(&member) {
            return false;
        }
        self.0.push(member);
        true
    }
}

impl<E: PartialEq> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut flags = Flags::default();
        for member in iter {
            flags.insert(member);
        }
        flags
    }
}

impl<E: StringEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, member) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.name())?;
        }
        Ok(())
    }
}

impl<E: StringEnum + PartialEq> Flags<E> {
    /// Parses the comma-separated form (spaces around names are ignored).
    pub fn parse(text: &str) -> Self {
        text.split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(E::from_name)
            .collect()
    }
}

impl<E: StringEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The comma-separated text `Serialize` writes (the same `Display`).
impl<E: StringEnum> IntoJson for Flags<E> {
    fn into_json(self) -> serde_json::Value {
        serde_json::Value::String(self.to_string())
    }
}

impl<'de, E: StringEnum + PartialEq> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor<E>(PhantomData<E>);
        impl<E: StringEnum + PartialEq> Visitor<'_> for FlagsVisitor<E> {
            type Value = Flags<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("comma-separated enum member names")
            }
            fn visit_str<Er: de::Error>(self, v: &str) -> Result<Flags<E>, Er> {
                Ok(Flags::parse(v))
            }
        }
        deserializer.deserialize_str(FlagsVisitor(PhantomData))
    }
}
