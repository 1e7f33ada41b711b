//! The plan of a polymorphic enum: its variants and the names of its methods, accessors
//! (`is_enabled`) and setters (`set_is_enabled`).
//!
//! A setter writes one structural property on every variant and, on the catch-all, into the
//! raw JSON object. Only properties the caller may change get one: not the key (it names the
//! entity), not `Core.Computed` ones (the service sets them) and not `Core.Immutable` ones (an
//! update never changes them). Navigation properties get none: an update does not send them.
//!
//! An accessor on the catch-all reads the raw object only for strings and booleans ([`Access`]);
//! a setter returns a `Result` only where the value's encoding can fail ([`RawWrite`]).

use super::{PolymorphicPlan, Repr, TypePlan, Variant};
use crate::model::naming::{Case, NameScope, setter_name};
use crate::model::{Model, Primitive, PropertyDef, StructuredDef, TypeId, TypeTarget, TypeUse};

/// A setter of a polymorphic enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setter {
    /// The property's index in the base type's structural properties.
    pub property: usize,
    /// The method name (`set_is_enabled`), unique among the enum's methods.
    pub method: String,
    /// The property's accessor (`is_enabled`), named in the setter's doc.
    pub accessor: String,
    /// How that accessor reads the property (whether it reads it on the catch-all).
    pub access: Access,
    /// How the value becomes JSON for the catch-all variant's raw object.
    pub raw: RawWrite,
}

/// How an accessor of a polymorphic enum reads a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `Option<&str>`; the catch-all's raw object answers too.
    Str,
    /// `Option<bool>`; the catch-all's raw object answers too.
    Bool,
    /// `Option<&T>` or `Option<&[T]>`; `None` on the catch-all.
    Ref,
}

/// How the accessors read a property of type `ty`.
pub fn access(ty: &TypeUse) -> Access {
    match (ty.collection, ty.target) {
        (false, TypeTarget::Primitive(Primitive::String)) => Access::Str,
        (false, TypeTarget::Primitive(Primitive::Boolean)) => Access::Bool,
        _ => Access::Ref,
    }
}

/// How a setter writes its value into the catch-all variant's raw object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawWrite {
    /// `support::IntoJson`, for values whose encoding cannot fail (every primitive but
    /// `Edm.Decimal`, enum types, JSON, and collections of those): the same JSON as the field's
    /// `Serialize`, and the setter returns nothing.
    Json,
    /// `serde_json::to_value` of the value's own `Serialize`, which fails for an `Edm.Decimal`
    /// out of `f64` range: the setter returns its `Result`. Every structured value is written
    /// this way, whether or not its type holds a decimal (the plan does not look inside).
    Serialize,
}

/// The enum of type `id`, if it gets one.
pub(super) fn polymorphic_plan(
    model: &Model,
    id: TypeId,
    types: &[TypePlan],
) -> Option<PolymorphicPlan> {
    if types[id.0].repr != Repr::Polymorphic {
        return None;
    }
    let s = model.structured(id)?;
    let mut scope = NameScope::new(Case::UpperCamel);
    let other = scope.claim("Other");
    let mut variants = Vec::new();
    if types[id.0].struct_name.is_some() {
        variants.push(Variant {
            ty: id,
            name: scope.claim("Base"),
        });
    }
    for &d in &s.all_derived {
        if types[d.0].struct_name.is_some() {
            let name = scope.claim(&model.ty(d).name.rust);
            variants.push(Variant { ty: d, name });
        }
    }
    let mut methods = NameScope::new(Case::Snake);
    methods.reserve("odata_type");
    let accessors: Vec<_> = (s.properties.iter().enumerate())
        .map(|(i, p)| (i, methods.claim(&p.name.rust)))
        .collect();
    let navigation_accessors = (s.navigation_properties.iter().enumerate())
        .map(|(i, n)| (i, methods.claim(&n.name.rust)))
        .collect();
    let setters = plan_setters(s, &accessors, &mut methods, types);
    Some(PolymorphicPlan {
        variants,
        other,
        accessors,
        navigation_accessors,
        setters,
    })
}

/// The setters of the enum of `s`, claimed in `methods` after the accessors (so an accessor
/// never changes name because of a setter) in property order. `accessors` are the planned
/// (property index, accessor name) pairs.
fn plan_setters(
    s: &StructuredDef,
    accessors: &[(usize, String)],
    methods: &mut NameScope,
    types: &[TypePlan],
) -> Vec<Setter> {
    accessors
        .iter()
        .filter_map(|(i, accessor)| {
            let prop = s.properties.get(*i)?;
            settable(s, prop).then(|| Setter {
                property: *i,
                method: methods.claim_owned(setter_name(accessor)),
                accessor: accessor.clone(),
                access: access(&prop.ty),
                raw: raw_write(types, &prop.ty),
            })
        })
        .collect()
}

/// Whether the caller may change `prop` (see the module docs).
fn settable(s: &StructuredDef, prop: &PropertyDef) -> bool {
    !prop.computed && !prop.immutable && !s.key.contains(&prop.name.csdl)
}

/// How a setter of a property of type `ty` writes the catch-all's raw object: by `IntoJson`
/// unless the element's encoding can fail. A collection encodes as its elements do.
fn raw_write(types: &[TypePlan], ty: &TypeUse) -> RawWrite {
    let infallible = match ty.target {
        TypeTarget::Primitive(p) => p != Primitive::Decimal,
        TypeTarget::Defined(id) => match types.get(id.0).map(|t| &t.repr) {
            Some(Repr::Primitive(p)) => *p != Primitive::Decimal,
            Some(Repr::StringEnum | Repr::Flags | Repr::Json | Repr::Omitted) => true,
            Some(Repr::Struct(_) | Repr::Polymorphic) | None => false,
        },
    };
    if infallible {
        RawWrite::Json
    } else {
        RawWrite::Serialize
    }
}
