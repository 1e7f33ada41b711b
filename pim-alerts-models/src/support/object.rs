//! Field-by-field decoding and encoding of structured types (entity and complex types).
//!
//! A generated struct implements [`GraphObject`]: it names its `@odata.type`, decodes one
//! declared property at a time ([`GraphObject::set_field`]) and lists its properties for
//! encoding ([`GraphObject::visit_fields`]). Everything else (the key loop, explicit
//! `null`s, unknown properties, `@odata.type` placement, duplicate suppression) lives here.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::polymorphic::{RawTag, TypeName};

/// The `@odata.type` control information key.
pub const ODATA_TYPE: &str = "@odata.type";

/// What [`GraphObject::set_field`] did with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A declared property; its value was decoded and stored.
    Value,
    /// A declared property whose value was an explicit JSON `null` (the field is now `None`).
    Null,
    /// Not a declared property; the value has **not** been consumed.
    Unknown,
}

/// A structured type (entity or complex type) as emitted by the generator.
pub trait GraphObject: Default {
    /// The qualified type name as written in `@odata.type`, e.g.
    /// `"#microsoft.graph.staleSignInAlertIncident"`.
    const ODATA_TYPE: &'static str;
    /// Whether encoding writes `@odata.type` first: `true` for types that are a derived
    /// variant of a polymorphic enum, `false` for roots and plain types.
    const WRITE_ODATA_TYPE: bool;
    /// The `(namespace, alias)` pairs of the model, as in
    /// [`Polymorphic::NAMESPACES`](super::Polymorphic::NAMESPACES): a derived type decoded on
    /// its own compares a received `@odata.type` with its own through them.
    const NAMESPACES: &'static [(&'static str, &'static str)];

    /// Decodes the value of the declared property `key` from `map` into its field (use
    /// [`field`], or [`string_field`] for `String` properties), or returns
    /// [`Found::Unknown`] without touching `map`.
    ///
    /// `key` is the raw key as received (see [`RawKey`]): declared names are ASCII, so a key
    /// that matches one is valid UTF-8.
    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &[u8],
        map: &mut A,
    ) -> Result<Found, A::Error>;

    /// Calls [`FieldVisitor::field`] for every declared property, in declaration order.
    fn visit_fields<V: FieldVisitor>(&self, visitor: &mut V) -> Result<(), V::Error>;

    /// Unknown properties, instance annotations and explicit `null`s.
    fn additional_properties(&self) -> &Map<String, Value>;

    /// Mutable access to [`GraphObject::additional_properties`].
    fn additional_properties_mut(&mut self) -> &mut Map<String, Value>;
}

/// Receives the declared properties of a [`GraphObject`].
pub trait FieldVisitor {
    /// Error that stops the visit.
    type Error;
    /// Visits the property `name` (its JSON name).
    fn field<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), Self::Error>;
}

/// Decodes the next value of `map` into `slot`, reporting an explicit `null`.
#[inline(always)]
pub fn field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
) -> Result<Found, A::Error> {
    *slot = map.next_value()?;
    Ok(found(slot))
}

/// [`field`] for `String` properties: one `deserialize_any` takes a string or `null` (serde's
/// `Option<String>` asks twice: `deserialize_option`, then `deserialize_string`).
#[inline(always)]
pub fn string_field<'de, A: MapAccess<'de>>(
    slot: &mut Option<String>,
    map: &mut A,
) -> Result<Found, A::Error> {
    *slot = map.next_value_seed(OptionalString)?;
    Ok(found(slot))
}

/// What a decoded slot holds: a value, or the explicit `null` that left it empty.
#[inline(always)]
fn found<T>(slot: &Option<T>) -> Found {
    match slot {
        Some(_) => Found::Value,
        None => Found::Null,
    }
}

/// Seed and visitor of [`string_field`]: a JSON string or `null`.
struct OptionalString;

impl<'de> DeserializeSeed<'de> for OptionalString {
    type Value = Option<String>;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OptionalString {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }
    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<String>, E> {
        Ok(Some(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        String::deserialize(d).map(Some)
    }
}

/// A JSON object key, borrowed from the input when possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A JSON object key as raw bytes, borrowed from the input when possible.
///
/// Requested as bytes, serde_json hands keys over without validating their UTF-8 (it still
/// decodes escapes). Matching against the declared (ASCII) names needs no validation, so it is
/// deferred to [`RawKey::into_string`], which only keys that are stored (unknown properties,
/// `null`s) pay for. Deserializers that only have strings hand those over unchanged.
///
/// Byte mode is lenient in one way: serde_json does not reject an unescaped control character
/// inside such a string (it decodes to the same bytes as its valid `\u00XX` escape). String
/// *values* of declared properties keep serde_json's strict path.
///
/// `serde_path_to_error` records only string keys: run it over
/// [`StrKeys`](super::StrKeys), or its paths show `?` for the properties of generated types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawKey<'de>(pub Cow<'de, [u8]>);

impl RawKey<'_> {
    /// The key as a `String`; an error if it is not UTF-8.
    pub fn into_string<E: de::Error>(self) -> Result<String, E> {
        String::from_utf8(self.0.into_owned())
            .map_err(|e| E::custom(format_args!("property name is not valid UTF-8: {e}")))
    }
}

impl<'de> From<Cow<'de, [u8]>> for RawKey<'de> {
    fn from(bytes: Cow<'de, [u8]>) -> Self {
        RawKey(bytes)
    }
}

impl<'de> Deserialize<'de> for RawKey<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        raw_bytes(deserializer)
    }
}

/// Reads a JSON string as raw bytes into `T` (see [`RawKey`]); strings from deserializers
/// that only have strings are taken as they are.
///
/// Generic over `T` so that each raw type ([`RawKey`], the `@odata.type` tag) gets its own
/// copy of the deserializer's byte path, inlined where it is used.
#[inline]
pub(crate) fn raw_bytes<'de, T: From<Cow<'de, [u8]>>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_bytes(RawVisitor(PhantomData))
}

/// The visitor of [`raw_bytes`].
struct RawVisitor<T>(PhantomData<T>);

impl<'de, T: From<Cow<'de, [u8]>>> Visitor<'de> for RawVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<T, E> {
        Ok(T::from(Cow::Borrowed(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<T, E> {
        Ok(T::from(Cow::Owned(v.to_owned())))
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<T, E> {
        Ok(T::from(Cow::Owned(v)))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<T, E> {
        Ok(T::from(Cow::Borrowed(v.as_bytes())))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from(Cow::Owned(v.as_bytes().to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        Ok(T::from(Cow::Owned(v.into_bytes())))
    }
}

/// Decodes the remaining entries of `map` into `obj`: declared properties into their fields,
/// everything else (and explicit `null`s) into the additional properties.
#[inline]
pub fn decode_fields<'de, T: GraphObject, A: MapAccess<'de>>(
    obj: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    decode_fields_with(obj, map, |_, map| map.next_value().map(Some))
}

/// [`decode_fields`] taking the value of each undeclared key through `unknown`, which returns
/// the value to store, or `None` to drop it.
#[inline]
fn decode_fields_with<'de, T, A, F>(
    obj: &mut T,
    map: &mut A,
    mut unknown: F,
) -> Result<(), A::Error>
where
    T: GraphObject,
    A: MapAccess<'de>,
    F: FnMut(&[u8], &mut A) -> Result<Option<Value>, A::Error>,
{
    while let Some(key) = map.next_key::<RawKey<'de>>()? {
        let value = match obj.set_field(&key.0, map)? {
            Found::Value => continue,
            Found::Null => Value::Null,
            Found::Unknown => match unknown(&key.0, map)? {
                Some(value) => value,
                None => continue,
            },
        };
        obj.additional_properties_mut()
            .insert(key.into_string()?, value);
    }
    Ok(())
}

/// `Deserialize` for a [`GraphObject`] decoded on its own (not through a polymorphic enum).
///
/// A derived type (one that writes `@odata.type`) accepts its own tag, in any form its
/// polymorphic enum accepts (see [`TypeName::parse`]), and drops it: it is written back
/// canonically. A tag naming any other type is an error at that tag, since the value would
/// re-encode as this type; such values decode through the base type's polymorphic enum.
/// A tag that is not a string (`null` included) is an error at that tag too, as it is for the
/// polymorphic enum: it names no type, so it is neither this type's tag nor an absent one.
/// A root keeps a received tag, whatever it names, in its additional properties and writes
/// it back unchanged.
pub fn deserialize<'de, T: GraphObject, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(PhantomData<T>);
    impl<'de, T: GraphObject> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", T::ODATA_TYPE.trim_start_matches('#'))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut obj = T::default();
            if !T::WRITE_ODATA_TYPE {
                decode_fields(&mut obj, &mut map)?;
                return Ok(obj);
            }
            decode_fields_with(&mut obj, &mut map, |key, map| {
                if key == ODATA_TYPE.as_bytes() {
                    map.next_value_seed(OwnTag::<T>(PhantomData))?;
                    return Ok(None);
                }
                map.next_value().map(Some)
            })?;
            Ok(obj)
        }
    }
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// The value of `@odata.type` in a derived type `T` decoded on its own: `T`'s own tag, else
/// an error naming both.
struct OwnTag<T>(PhantomData<T>);

impl<'de, T: GraphObject> DeserializeSeed<'de> for OwnTag<T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let RawTag(tag) = RawTag::deserialize(deserializer)?;
        if TypeName::parse(&tag, T::NAMESPACES).names(T::ODATA_TYPE, T::NAMESPACES) {
            return Ok(());
        }
        Err(de::Error::custom(format_args!(
            "`@odata.type` names another type: expected `{}`, found `{}`; decode into the \
             polymorphic enum of the base type to accept any of its derived types",
            T::ODATA_TYPE,
            String::from_utf8_lossy(&tag),
        )))
    }
}

/// `Serialize` for a [`GraphObject`]: `@odata.type` first (derived types, or a root whose
/// input carried one), then the `Some` fields, then additional properties except keys whose
/// field is `Some`.
pub fn serialize<T: GraphObject, S: Serializer>(obj: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let extra = obj.additional_properties();
    let mut map = serializer.serialize_map(None)?;
    if T::WRITE_ODATA_TYPE {
        map.serialize_entry(ODATA_TYPE, T::ODATA_TYPE)?;
    } else if let Some(tag) = extra.get(ODATA_TYPE) {
        map.serialize_entry(ODATA_TYPE, tag)?;
    }
    obj.visit_fields(&mut WriteFields(&mut map))?;
    for (key, value) in extra {
        if key != ODATA_TYPE && !is_set(obj, key) {
            map.serialize_entry(key, value)?;
        }
    }
    map.end()
}

/// Whether the declared property `key` of `obj` is `Some`.
pub fn is_set<T: GraphObject>(obj: &T, key: &str) -> bool {
    /// Stops the visit (with `Err`) at the first `Some` field named `key`.
    struct IsSet<'k>(&'k str);
    impl FieldVisitor for IsSet<'_> {
        type Error = ();
        fn field<V: Serialize>(&mut self, name: &'static str, value: &Option<V>) -> Result<(), ()> {
            if name == self.0 && value.is_some() {
                Err(())
            } else {
                Ok(())
            }
        }
    }
    obj.visit_fields(&mut IsSet(key)).is_err()
}

/// Writes every `Some` field as a map entry.
struct WriteFields<'a, M>(&'a mut M);

impl<M: SerializeMap> FieldVisitor for WriteFields<'_, M> {
    type Error = M::Error;
    fn field<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.0.serialize_entry(name, value),
            None => Ok(()),
        }
    }
}
