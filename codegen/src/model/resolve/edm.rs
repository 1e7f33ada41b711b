//! The `Edm` primitive types by name, and the key the model writes for a resolved type
//! reference (`Collection(ns.name)`, `Edm.String`).

use crate::model::{Model, Primitive, TypeTarget, TypeUse};

/// The primitive named `Edm.<name>`.
pub(crate) fn primitive(name: &str) -> Option<Primitive> {
    use Primitive as P;
    let p = match name {
        "Binary" => P::Binary,
        "Boolean" => P::Boolean,
        "Byte" => P::Byte,
        "Date" => P::Date,
        "DateTimeOffset" => P::DateTimeOffset,
        "Decimal" => P::Decimal,
        "Double" => P::Double,
        "Duration" => P::Duration,
        "Guid" => P::Guid,
        "Int16" => P::Int16,
        "Int32" => P::Int32,
        "Int64" => P::Int64,
        "SByte" => P::SByte,
        "Single" => P::Single,
        "Stream" => P::Stream,
        "String" => P::String,
        "TimeOfDay" => P::TimeOfDay,
        "Untyped"
        | "PrimitiveType"
        | "ComplexType"
        | "EntityType"
        | "AnnotationPath"
        | "PropertyPath"
        | "NavigationPropertyPath" => P::Untyped,
        other if other.starts_with("Geography") => P::Geography,
        other if other.starts_with("Geometry") => P::Geometry,
        _ => return None,
    };
    Some(p)
}

/// The model's key for a type reference as written by the model: `Collection(ns.name)` or
/// `ns.name` (`Edm.X` for primitives).
pub(crate) fn type_use_key(model: &Model, ty: &TypeUse) -> String {
    let mut key = String::with_capacity(64);
    if ty.collection {
        key.push_str("Collection(");
    }
    match ty.target {
        TypeTarget::Primitive(p) => {
            key.push_str("Edm.");
            key.push_str(primitive_name(p));
        }
        TypeTarget::Defined(id) => key.push_str(&model.ty(id).qualified_name),
    }
    if ty.collection {
        key.push(')');
    }
    key
}

/// The `Edm` name of a primitive as [`type_use_key`] spells it (its variant name).
fn primitive_name(p: Primitive) -> &'static str {
    match p {
        Primitive::Binary => "Binary",
        Primitive::Boolean => "Boolean",
        Primitive::Byte => "Byte",
        Primitive::Date => "Date",
        Primitive::DateTimeOffset => "DateTimeOffset",
        Primitive::Decimal => "Decimal",
        Primitive::Double => "Double",
        Primitive::Duration => "Duration",
        Primitive::Guid => "Guid",
        Primitive::Int16 => "Int16",
        Primitive::Int32 => "Int32",
        Primitive::Int64 => "Int64",
        Primitive::SByte => "SByte",
        Primitive::Single => "Single",
        Primitive::Stream => "Stream",
        Primitive::String => "String",
        Primitive::TimeOfDay => "TimeOfDay",
        Primitive::Geography => "Geography",
        Primitive::Geometry => "Geometry",
        Primitive::Untyped => "Untyped",
    }
}
