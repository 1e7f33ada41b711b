//! Typed attribute values: Booleans, integers, type references with `Collection(...)` and the
//! type facets. Invalid values are reported at the element and replaced by the default, so that
//! reading goes on and every problem is found in one pass.

use std::str::FromStr;

use super::attrs::bit;
use super::events::{Elem, Parser};
use crate::csdl::syntax::{Facets, MaxLength, Scale, TypeRef};

/// Why a `Type` value is not a type reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TypeError {
    /// `Collection(` without its `)`, a stray parenthesis, or nesting.
    Unbalanced,
    /// Empty, or containing whitespace.
    Invalid,
}

/// Parses `Edm.String` or `Collection(graph.alert)`.
fn parse_type(text: &str) -> Result<TypeRef, TypeError> {
    let (name, collection) = match text.strip_prefix("Collection(") {
        Some(rest) => (rest.strip_suffix(')').ok_or(TypeError::Unbalanced)?, true),
        None => (text, false),
    };
    let suspicious = |b: u8| matches!(b, b'(' | b')') || b.is_ascii_whitespace();
    if name.is_empty() || name.bytes().any(suspicious) {
        let parenthesis = name.bytes().any(|b| b == b'(' || b == b')');
        return Err(if parenthesis {
            TypeError::Unbalanced
        } else {
            TypeError::Invalid
        });
    }
    Ok(TypeRef {
        name: name.to_owned(),
        collection,
    })
}

/// Parses the `MaxLength` facet.
fn parse_max_length(text: &str) -> Option<MaxLength> {
    match text {
        "max" => Some(MaxLength::Max),
        _ => parse_unsigned(text).map(MaxLength::Value),
    }
}

/// Parses the `Scale` facet.
fn parse_scale(text: &str) -> Option<Scale> {
    match text {
        "variable" => Some(Scale::Variable),
        "floating" => Some(Scale::Floating),
        _ => parse_unsigned(text).map(Scale::Value),
    }
}

/// Parses digits only (no sign, no spaces).
fn parse_unsigned<T: FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl<'a> Parser<'a> {
    /// Reports an attribute value that does not fit, saying what was expected.
    fn invalid(&mut self, elem: &Elem<'a>, name: &str, value: &str, expected: &str) {
        let qname = elem.qname;
        let message =
            format!("invalid value \"{value}\" for `{name}` on `<{qname}>`: expected {expected}");
        self.error(elem.pos, message);
    }

    /// A Boolean attribute (`true` or `false`), `default` when absent or invalid.
    pub(super) fn bool_attr(&mut self, elem: &Elem<'a>, name: &str, default: bool) -> bool {
        let Some(value) = self.value(elem, name) else {
            return default;
        };
        match &*value {
            "true" => true,
            "false" => false,
            other => {
                self.invalid(elem, name, other, "`true` or `false`");
                default
            }
        }
    }

    /// An optional Boolean attribute.
    fn opt_bool_attr(&mut self, elem: &Elem<'a>, name: &str) -> Option<bool> {
        self.has(name).then(|| self.bool_attr(elem, name, false))
    }

    /// A signed 64-bit integer attribute.
    pub(super) fn i64_attr(&mut self, elem: &Elem<'a>, name: &str) -> Option<i64> {
        let value = self.value(elem, name)?;
        let parsed = value.parse().ok();
        if parsed.is_none() {
            self.invalid(elem, name, &value, "a 64-bit integer");
        }
        parsed
    }

    /// A non-negative integer attribute.
    fn u32_attr(&mut self, elem: &Elem<'a>, name: &str) -> Option<u32> {
        let value = self.value(elem, name)?;
        let parsed = parse_unsigned(&value);
        if parsed.is_none() {
            self.invalid(elem, name, &value, "a non-negative integer");
        }
        parsed
    }

    /// A type reference attribute such as `Type="Collection(graph.alert)"`. Reports it missing or
    /// malformed (and returns an empty name).
    pub(super) fn type_attr(&mut self, elem: &Elem<'a>, name: &str) -> TypeRef {
        let Some(value) = self.required_value(elem, name) else {
            return TypeRef::default();
        };
        match parse_type(&value) {
            Ok(ty) => ty,
            Err(TypeError::Unbalanced) => {
                let qname = elem.qname;
                let message = format!(
                    "unbalanced `Collection(` in `{name}=\"{value}\"` on `<{qname}>`: expected `Collection(Namespace.Type)` or `Namespace.Type`"
                );
                self.error(elem.pos, message);
                TypeRef::default()
            }
            Err(TypeError::Invalid) => {
                self.invalid(elem, name, &value, "a qualified type name");
                TypeRef::default()
            }
        }
    }

    /// The facets `Nullable`, `MaxLength`, `Precision`, `Scale`, `SRID` and `Unicode`.
    pub(super) fn facets(&mut self, elem: &Elem<'a>) -> Facets {
        const FACETS: u64 = bit("Nullable")
            | bit("MaxLength")
            | bit("Precision")
            | bit("Scale")
            | bit("SRID")
            | bit("Unicode");
        if !self.may_have_any(FACETS) {
            return Facets::default();
        }
        Facets {
            nullable: self.bool_attr(elem, "Nullable", true),
            max_length: self.max_length_attr(elem),
            precision: self.u32_attr(elem, "Precision"),
            scale: self.scale_attr(elem),
            srid: self.string(elem, "SRID"),
            unicode: self.opt_bool_attr(elem, "Unicode"),
        }
    }

    fn max_length_attr(&mut self, elem: &Elem<'a>) -> Option<MaxLength> {
        let value = self.value(elem, "MaxLength")?;
        let parsed = parse_max_length(&value);
        if parsed.is_none() {
            self.invalid(elem, "MaxLength", &value, "`max` or a non-negative integer");
        }
        parsed
    }

    fn scale_attr(&mut self, elem: &Elem<'a>) -> Option<Scale> {
        let value = self.value(elem, "Scale")?;
        let parsed = parse_scale(&value);
        if parsed.is_none() {
            let expected = "`variable`, `floating` or a non-negative integer";
            self.invalid(elem, "Scale", &value, expected);
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(name: &str, collection: bool) -> Result<TypeRef, TypeError> {
        Ok(TypeRef {
            name: name.to_owned(),
            collection,
        })
    }

    #[test]
    fn type_references() {
        assert_eq!(parse_type("Edm.String"), ty("Edm.String", false));
        assert_eq!(parse_type("Collection(graph.x)"), ty("graph.x", true));
        for bad in [
            "Collection(graph.x",
            "Collection(Collection(graph.x))",
            "Collection(graph.x))",
            "Collection(a)b",
            "graph.x)",
            "Collection(",
        ] {
            assert_eq!(parse_type(bad), Err(TypeError::Unbalanced), "{bad}");
        }
        for bad in ["", "Collection()", "a b"] {
            assert_eq!(parse_type(bad), Err(TypeError::Invalid), "{bad}");
        }
    }

    #[test]
    fn facet_values() {
        assert_eq!(parse_max_length("max"), Some(MaxLength::Max));
        assert_eq!(parse_max_length("40"), Some(MaxLength::Value(40)));
        assert_eq!(parse_max_length("-1"), None);
        assert_eq!(parse_scale("variable"), Some(Scale::Variable));
        assert_eq!(parse_scale("floating"), Some(Scale::Floating));
        assert_eq!(parse_scale("7"), Some(Scale::Value(7)));
        assert_eq!(parse_scale("+7"), None);
        assert_eq!(parse_unsigned::<u32>("99999999999"), None);
    }
}
