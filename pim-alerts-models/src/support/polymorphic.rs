//! Polymorphic enums keyed on `@odata.type`.
//!
//! A generated enum implements [`Polymorphic`] (one `match` from type name to variant) and
//! delegates `Deserialize` to [`deserialize`]. Decoding takes the fast path when `@odata.type`
//! is the first key (the variant decodes straight from the live `MapAccess`, so
//! `serde_path_to_error` paths stay exact); otherwise the object is buffered into a
//! [`serde_json::Map`] and decoded from there (errors then name the field in the message).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor,
};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::object::{GraphObject, ODATA_TYPE, RawKey, decode_fields, raw_bytes};

/// A parsed `@odata.type`: canonical namespace plus simple name.
///
/// The tag is kept as raw bytes, like object keys (see [`RawKey`]): matching it against the
/// declared (ASCII) type names needs no UTF-8 validation, so only a tag that is stored (an
/// unknown type's, or a root type's) is validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeName<'a> {
    /// The namespace (never the alias), e.g. `"microsoft.graph"`.
    pub namespace: &'static str,
    /// The simple type name, e.g. `b"staleSignInAlertIncident"`.
    pub name: &'a [u8],
    /// The tag as received (`None` when the object had no `@odata.type`).
    pub tag: Option<&'a [u8]>,
}

impl<'a> TypeName<'a> {
    /// Parses `#microsoft.graph.x`, `microsoft.graph.x` or `#graph.x` given the
    /// `(namespace, alias)` pairs of the model (an empty alias means none). The longest
    /// matching qualifier wins (`microsoft.graph.security.x` is in `microsoft.graph.security`);
    /// a tag in no listed namespace gets an empty namespace and so matches no variant.
    #[inline]
    pub fn parse(tag: &'a [u8], namespaces: &[(&'static str, &'static str)]) -> Self {
        let bytes = tag.strip_prefix(b"#").unwrap_or(tag);
        let mut best: Option<(&'static str, usize)> = None;
        for &(namespace, alias) in namespaces {
            for qualifier in [namespace, alias] {
                let len = qualifier.len();
                if len > 0
                    && bytes.get(len) == Some(&b'.')
                    && best.is_none_or(|(_, best_len)| len > best_len)
                    && bytes.starts_with(qualifier.as_bytes())
                {
                    best = Some((namespace, len));
                }
            }
        }
        let (namespace, name) = match best {
            Some((namespace, len)) => (namespace, bytes.get(len + 1..).unwrap_or_default()),
            None => ("", bytes),
        };
        TypeName {
            namespace,
            name,
            tag: Some(tag),
        }
    }

    /// The name of an untagged object of the qualified type `qualified` (`"ns.name"`).
    pub fn untagged(qualified: &'static str) -> TypeName<'static> {
        let (namespace, name) = qualified.rsplit_once('.').unwrap_or(("", qualified));
        TypeName {
            namespace,
            name: name.as_bytes(),
            tag: None,
        }
    }

    /// The `(namespace, name)` pair.
    pub fn key(&self) -> (&'static str, &'a [u8]) {
        (self.namespace, self.name)
    }

    /// Whether this names the type whose tag is `tag` (a `GraphObject::ODATA_TYPE`), compared
    /// as [`Polymorphic::decode_variant`] compares: the [`key`](Self::key)s of both, parsed
    /// with `namespaces`, are equal (so `#`, namespace or alias do not matter; case does).
    pub fn names(&self, tag: &str, namespaces: &[(&'static str, &'static str)]) -> bool {
        self.key() == TypeName::parse(tag.as_bytes(), namespaces).key()
    }

    /// The tag as received as a JSON string value; an error if it is not UTF-8.
    fn tag_value<E: de::Error>(&self) -> Result<Option<Value>, E> {
        self.tag
            .map(|tag| match std::str::from_utf8(tag) {
                Ok(tag) => Ok(Value::String(tag.to_owned())),
                Err(e) => Err(E::custom(format_args!(
                    "`@odata.type` is not valid UTF-8: {e}"
                ))),
            })
            .transpose()
    }

    /// Decodes the rest of `map` as `T` (the variant this name selected). A root type keeps a
    /// received tag in its additional properties so that it re-encodes.
    #[inline]
    pub fn decode<'de, T: GraphObject, A: MapAccess<'de>>(
        &self,
        map: &mut A,
    ) -> Result<T, A::Error> {
        let mut obj = T::default();
        decode_fields(&mut obj, map)?;
        // After the fields: a later duplicate `@odata.type` must not replace the tag that
        // chose this variant (it would re-encode as another type).
        if T::WRITE_ODATA_TYPE {
            return Ok(obj);
        }
        if let Some(tag) = self.tag_value()? {
            obj.additional_properties_mut()
                .insert(ODATA_TYPE.to_owned(), tag);
        }
        Ok(obj)
    }
}

impl TypeName<'_> {
    /// Collects the rest of `map` into the raw object of an unknown type, `@odata.type`
    /// (as received) included: the `_` arm of [`Polymorphic::decode_variant`].
    pub fn decode_unknown<'de, A: MapAccess<'de>>(
        &self,
        map: &mut A,
    ) -> Result<Map<String, Value>, A::Error> {
        let mut raw = Map::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            raw.insert(key, value);
        }
        // Last, so that a later duplicate `@odata.type` cannot replace the tag that decided.
        if let Some(tag) = self.tag_value()? {
            raw.insert(ODATA_TYPE.to_owned(), tag);
        }
        Ok(raw)
    }
}

/// A polymorphic enum: one variant per concrete type plus a catch-all for unknown types.
pub trait Polymorphic: Sized {
    /// Qualified name of the declared base type, e.g. `"microsoft.graph.longRunningOperation"`.
    const BASE_TYPE: &'static str;
    /// Whether the base type is abstract (an untagged object is then an error).
    const ABSTRACT: bool;
    /// The `(namespace, alias)` pairs accepted in `@odata.type`.
    const NAMESPACES: &'static [(&'static str, &'static str)];

    /// Decodes the variant named `ty` from `map` via [`TypeName::decode`]; for a type that is
    /// not a known concrete type, the catch-all via [`TypeName::decode_unknown`].
    fn decode_variant<'de, A: MapAccess<'de>>(
        ty: &TypeName<'_>,
        map: &mut A,
    ) -> Result<Self, A::Error>;
}

/// `Deserialize` for a [`Polymorphic`] enum.
pub fn deserialize<'de, E: Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    deserializer.deserialize_map(PolymorphicVisitor(PhantomData))
}

struct PolymorphicVisitor<E>(PhantomData<E>);

impl<'de, E: Polymorphic> Visitor<'de> for PolymorphicVisitor<E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", E::BASE_TYPE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<E, A::Error> {
        let first = map.next_key::<RawKey<'de>>()?;
        let mut buffer = Map::new();
        if let Some(key) = first {
            if *key.0 == *ODATA_TYPE.as_bytes() {
                let RawTag(tag) = map.next_value::<RawTag<'de>>()?;
                return E::decode_variant(&TypeName::parse(&tag, E::NAMESPACES), &mut map);
            }
            let value: Value = map.next_value()?;
            buffer.insert(key.into_string()?, value);
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                buffer.insert(key, value);
            }
        }
        from_buffer(buffer).map_err(de::Error::custom)
    }
}

/// The value of `@odata.type` as raw bytes (like [`RawKey`]).
pub(crate) struct RawTag<'de>(pub(crate) Cow<'de, [u8]>);

impl<'de> From<Cow<'de, [u8]>> for RawTag<'de> {
    fn from(bytes: Cow<'de, [u8]>) -> Self {
        RawTag(bytes)
    }
}

impl<'de> Deserialize<'de> for RawTag<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        raw_bytes(deserializer)
    }
}

/// Decodes a [`Polymorphic`] enum from an already buffered object (slow path).
pub fn from_buffer<E: Polymorphic>(mut buffer: Map<String, Value>) -> Result<E, serde_json::Error> {
    let tag = match buffer.remove(ODATA_TYPE) {
        Some(Value::String(tag)) => Some(tag),
        Some(_) => return Err(de::Error::custom("`@odata.type` must be a string")),
        None if E::ABSTRACT => {
            return Err(de::Error::custom(format_args!(
                "missing `@odata.type` for abstract type `{}`",
                E::BASE_TYPE
            )));
        }
        None => None,
    };
    let ty = match &tag {
        Some(tag) => TypeName::parse(tag.as_bytes(), E::NAMESPACES),
        None => TypeName::untagged(E::BASE_TYPE),
    };
    E::decode_variant(&ty, &mut BufferedMap::new(buffer))
}

/// A `MapAccess` over a buffered object whose value errors name the key.
struct BufferedMap {
    entries: serde_json::map::IntoIter,
    current: Option<(String, Value)>,
}

impl BufferedMap {
    fn new(map: Map<String, Value>) -> Self {
        BufferedMap {
            entries: map.into_iter(),
            current: None,
        }
    }
}

impl<'de> MapAccess<'de> for BufferedMap {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        let key: StrDeserializer<'_, Self::Error> = entry.0.as_str().into_deserializer();
        let key = seed.deserialize(key)?;
        self.current = Some(entry);
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let (key, value) = self
            .current
            .take()
            .ok_or_else(|| <Self::Error as de::Error>::custom("value requested before key"))?;
        seed.deserialize(value)
            .map_err(|e| de::Error::custom(format_args!("`{key}`: {e}")))
    }
}

/// `Serialize` for the catch-all variant: the raw object, `@odata.type` first.
pub fn serialize_unknown<S: Serializer>(
    raw: &Map<String, Value>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(raw.len()))?;
    if let Some(tag) = raw.get(ODATA_TYPE) {
        map.serialize_entry(ODATA_TYPE, tag)?;
    }
    for (key, value) in raw {
        if key != ODATA_TYPE {
            map.serialize_entry(key, value)?;
        }
    }
    map.end()
}

/// The `@odata.type` of a raw object (empty when absent or not a string).
pub fn raw_odata_type(raw: &Map<String, Value>) -> &str {
    raw_str(raw, ODATA_TYPE).unwrap_or("")
}

/// A string property of a raw object (accessors on the catch-all variant).
pub fn raw_str<'a>(raw: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    raw.get(key).and_then(Value::as_str)
}

/// A boolean property of a raw object (accessors on the catch-all variant).
pub fn raw_bool(raw: &Map<String, Value>, key: &str) -> Option<bool> {
    raw.get(key).and_then(Value::as_bool)
}

/// Writes (`Some`) or removes (`None`) the property `key` of a raw object (setters on the
/// catch-all variant); the other properties are untouched.
pub fn raw_set(raw: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    match value {
        Some(value) => {
            raw.insert(key.to_owned(), value);
        }
        None => {
            raw.remove(key);
        }
    }
}

/// [`raw_set`] with the value encoded by `serde_json::to_value` of its own `Serialize`: the JSON
/// the models write, except that an [`Edm.Decimal`](super::edm::Decimal) number becomes the
/// nearest `f64` (see its docs), and one out of `f64` range is an error. On an error the raw
/// object is unchanged.
pub fn raw_set_encoded<T: Serialize>(
    raw: &mut Map<String, Value>,
    key: &str,
    value: Option<&T>,
) -> Result<(), serde_json::Error> {
    let value = value.map(serde_json::to_value).transpose()?;
    raw_set(raw, key, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::TypeName;

    const NS: &[(&str, &str)] = &[
        ("microsoft.graph", "graph"),
        ("microsoft.graph.security", ""),
    ];

    #[test]
    fn parse_picks_the_longest_qualifier() {
        let key = |tag: &'static str| {
            let (namespace, name) = TypeName::parse(tag.as_bytes(), NS).key();
            (namespace, std::str::from_utf8(name).expect("ASCII"))
        };
        assert_eq!(
            key("#microsoft.graph.security.alert"),
            ("microsoft.graph.security", "alert")
        );
        assert_eq!(key("microsoft.graph.alert"), ("microsoft.graph", "alert"));
        assert_eq!(key("#graph.alert"), ("microsoft.graph", "alert"));
        assert_eq!(key("#contoso.alert"), ("", "contoso.alert"));
        assert_eq!(key("#microsoft.graph"), ("", "microsoft.graph"));
        assert_eq!(key("#graphx.alert"), ("", "graphx.alert"));
        assert_eq!(key(""), ("", ""));
    }
}
