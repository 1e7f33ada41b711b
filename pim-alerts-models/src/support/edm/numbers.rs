//! `Edm.Int64`, `Edm.Decimal`, `Edm.Double`, `Edm.Single` and `Edm.Binary`.

use std::fmt;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::{
    STANDARD_PAD_INDIFFERENT, URL_SAFE, URL_SAFE_PAD_INDIFFERENT,
};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::ParseError;
use crate::support::json_value::IntoJson;

/// `Edm.Int64`: decodes from a JSON number or a numeric string (IEEE754Compatible), encodes
/// as a number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Int64(pub i64);

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

/// The number `Serialize` writes.
impl IntoJson for Int64 {
    fn into_json(self) -> serde_json::Value {
        serde_json::Value::from(self.0)
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Int64Visitor;
        impl Visitor<'_> for Int64Visitor {
            type Value = Int64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Int64 number or numeric string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int64, E> {
                Ok(Int64(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int64, E> {
                i64::try_from(v)
                    .map(Int64)
                    .map_err(|_| E::custom("Edm.Int64 out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int64, E> {
                v.parse()
                    .map(Int64)
                    .map_err(|_| E::custom("invalid Edm.Int64 string"))
            }
        }
        deserializer.deserialize_any(Int64Visitor)
    }
}

/// `Edm.Decimal`: the exact decimal text, in the form received (JSON number or string).
///
/// Decoding needs a `serde_json` deserializer (it reads the raw JSON text). Values that go
/// through a `serde_json::Value` (this crate does not enable serde_json's
/// `arbitrary_precision`) become the nearest `f64`: `1.50` is `1.5`, digits beyond `f64`
/// precision are rounded and a number out of `f64` range (`1e400`) is an error. That happens
/// to a decimal decoded by buffered polymorphic decoding, received by a polymorphic enum's
/// catch-all variant, or set there by a setter (`serde_json::to_value`). The string form
/// ([`Decimal::string`]) keeps its text everywhere.
#[derive(Debug, Clone)]
pub struct Decimal(Box<RawValue>);

impl Decimal {
    /// A decimal written as a JSON number.
    pub fn number(text: &str) -> Result<Self, ParseError> {
        check_decimal(text)?;
        RawValue::from_string(text.to_owned())
            .map(Decimal)
            .map_err(|_| ParseError::new("Edm.Decimal"))
    }

    /// A decimal written as a JSON string (`IEEE754Compatible=true`).
    pub fn string(text: &str) -> Result<Self, ParseError> {
        check_decimal(text)?;
        RawValue::from_string(format!("\"{text}\""))
            .map(Decimal)
            .map_err(|_| ParseError::new("Edm.Decimal"))
    }

    /// The decimal text, e.g. `"1.50"`.
    pub fn as_str(&self) -> &str {
        self.0.get().trim_matches('"')
    }

    /// Whether the value travels as a JSON string.
    pub fn is_quoted(&self) -> bool {
        self.0.get().starts_with('"')
    }

    /// The nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        self.as_str().parse().unwrap_or(f64::NAN)
    }
}

/// Checks `-?digits(.digits)?([eE][+-]?digits)?`.
fn check_decimal(text: &str) -> Result<(), ParseError> {
    let err = || ParseError::new("Edm.Decimal");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if digits(int) && digits(frac) && exponent_ok {
        Ok(())
    } else {
        Err(err())
    }
}

impl FromStr for Decimal {
    type Err = ParseError;
    /// Parses decimal text into the JSON-number form.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        Decimal::number(s)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        if text.starts_with('"') {
            serde_json::from_str::<String>(text)
                .map_err(de::Error::custom)
                .and_then(|s| Decimal::string(&s).map_err(de::Error::custom))
        } else {
            check_decimal(text)
                .map(|()| Decimal(raw))
                .map_err(de::Error::custom)
        }
    }
}

/// Decodes a JSON number, a numeric string or `"INF"`/`"-INF"`/`"NaN"`.
macro_rules! ieee_float {
    ($name:ident, $float:ty, $edm:literal, $serialize:ident, $json_number:path) => {
        #[doc = concat!("`", $edm, "`: accepts JSON numbers and `\"INF\"`, `\"-INF\"`, `\"NaN\"`;")]
        /// writes non-finite values in that string form.
        #[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
        pub struct $name(pub $float);

        impl $name {
            /// The string a non-finite value travels as; `None` for a finite one (a number).
            fn non_finite_text(self) -> Option<&'static str> {
                let v = self.0;
                if v.is_finite() {
                    None
                } else if v.is_nan() {
                    Some("NaN")
                } else if v > 0.0 {
                    Some("INF")
                } else {
                    Some("-INF")
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self.non_finite_text() {
                    None => serializer.$serialize(self.0),
                    Some(text) => serializer.serialize_str(text),
                }
            }
        }

        /// What `Serialize` writes: the number, or the non-finite value's string.
        impl IntoJson for $name {
            fn into_json(self) -> serde_json::Value {
                match self.non_finite_text() {
                    None => $json_number(self.0),
                    Some(text) => serde_json::Value::String(text.to_owned()),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct FloatVisitor;
                impl Visitor<'_> for FloatVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!(
                            "an ",
                            $edm,
                            " number, \"INF\", \"-INF\" or \"NaN\""
                        ))
                    }
                    #[allow(
                        clippy::cast_possible_truncation,
                        reason = "Edm.Single is f32: narrowing a JSON number is the conversion"
                    )]
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    #[allow(
                        clippy::cast_precision_loss,
                        reason = "an integer JSON literal for a floating-point Edm type"
                    )]
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    #[allow(
                        clippy::cast_precision_loss,
                        reason = "an integer JSON literal for a floating-point Edm type"
                    )]
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        match v {
                            "INF" => Ok($name(<$float>::INFINITY)),
                            "-INF" => Ok($name(<$float>::NEG_INFINITY)),
                            "NaN" => Ok($name(<$float>::NAN)),
                            _ => v
                                .parse::<$float>()
                                .ok()
                                .filter(|f| f.is_finite())
                                .map($name)
                                .ok_or_else(|| E::custom(concat!("invalid ", $edm, " string"))),
                        }
                    }
                }
                deserializer.deserialize_any(FloatVisitor)
            }
        }
    };
}

ieee_float!(
    Double,
    f64,
    "Edm.Double",
    serialize_f64,
    serde_json::Value::from
);
ieee_float!(Single, f32, "Edm.Single", serialize_f32, single_json_number);

/// A finite `f32` as the JSON number its `Serialize` writes: the shortest decimal that reads
/// back as it (`0.1`), held as the `f64` of that decimal. `Value::from(f32)` would widen the
/// `f32` itself and write `0.10000000149011612`.
fn single_json_number(value: f32) -> serde_json::Value {
    let shortest = value.to_string().parse::<f64>();
    serde_json::Value::from(shortest.unwrap_or(f64::from(value)))
}

/// `Edm.Binary`: decodes base64url or standard base64, padded or not; encodes base64url
/// with padding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// Decodes base64url or standard base64 (not both alphabets mixed), padded or not.
    pub fn decode(text: &str) -> Result<Self, ParseError> {
        let has_std = text.contains(['+', '/']);
        let has_url = text.contains(['-', '_']);
        let engine = match (has_std, has_url) {
            (true, true) => return Err(ParseError::new("Edm.Binary")),
            (true, false) => &STANDARD_PAD_INDIFFERENT,
            _ => &URL_SAFE_PAD_INDIFFERENT,
        };
        engine
            .decode(text)
            .map(Binary)
            .map_err(|_| ParseError::new("Edm.Binary"))
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&URL_SAFE.encode(&self.0))
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The base64url text `Serialize` writes (its `Display`).
impl IntoJson for Binary {
    fn into_json(self) -> serde_json::Value {
        serde_json::Value::String(self.to_string())
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BinaryVisitor;
        impl Visitor<'_> for BinaryVisitor {
            type Value = Binary;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64url string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Binary, E> {
                Binary::decode(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(BinaryVisitor)
    }
}
