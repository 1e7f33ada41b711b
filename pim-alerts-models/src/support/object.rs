//! Field-by-field decoding and encoding of structured types (entity and complex types).
//!
//! A generated struct implements [`GraphObject`]: it names its `@odata.type`, decodes one
//! declared property at a time ([`GraphObject::set_field`]) and lists its properties for
//! encoding ([`GraphObject::visit_fields`]). Everything else (the key loop, explicit
//! `null`s, unknown properties, `@odata.type` placement, duplicate suppression) lives here.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

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

    /// Decodes the value of the declared property `key` from `map` into its field (use
    /// [`field`]), or returns [`Found::Unknown`] without touching `map`.
    fn set_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
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
#[inline]
pub fn field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
) -> Result<Found, A::Error> {
    *slot = map.next_value()?;
    Ok(if slot.is_some() {
        Found::Value
    } else {
        Found::Null
    })
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

/// Decodes the remaining entries of `map` into `obj`: declared properties into their fields,
/// everything else (and explicit `null`s) into the additional properties.
#[inline]
pub fn decode_fields<'de, T: GraphObject, A: MapAccess<'de>>(
    obj: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
        match obj.set_field(&key, map)? {
            Found::Value => {}
            Found::Null => {
                obj.additional_properties_mut()
                    .insert(key.into_owned(), Value::Null);
            }
            Found::Unknown => {
                let value: Value = map.next_value()?;
                obj.additional_properties_mut()
                    .insert(key.into_owned(), value);
            }
        }
    }
    Ok(())
}

/// `Deserialize` for a [`GraphObject`] decoded on its own (not through a polymorphic enum).
///
/// For derived types the `@odata.type` key is dropped (it is written back canonically);
/// for roots it is kept in the additional properties.
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
            decode_fields(&mut obj, &mut map)?;
            if T::WRITE_ODATA_TYPE {
                obj.additional_properties_mut().remove(ODATA_TYPE);
            }
            Ok(obj)
        }
    }
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
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
