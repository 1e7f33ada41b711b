//! The `$filter` plan: which types get a struct of typed property handles, and which handles.
//!
//! Decisions:
//! - **Types.** The entity type of every `list` builder that allows `$filter`, then, transitively,
//!   the targets of their single-valued navigation properties, the types of their single-valued
//!   complex properties and their derived types (for type casts).
//! - **Handles.** Per non-collection structural property whose type has an OData literal: a
//!   primitive (not `Stream`, `Untyped`, geo), a type definition (as its primitive), an enum
//!   type (string or flags). Single-valued navigation and complex properties are *segments*
//!   (a path one level deeper); derived types are *casts* (`as_stale_sign_in_alert_incident()`
//!   writes `microsoft.graph.staleSignInAlertIncident/...`). Collection-valued properties
//!   (lambda operators `any`/`all`) are left to `filter_raw`.
//! - **Empty types** (no handle at all) get no struct, and nothing leads to them.
//! - **Names.** The struct is `<Type>Filter`; handle methods are the model's field names, casts
//!   `as_<type>`, all unique per struct (`new` is reserved for the constructor).

use std::collections::BTreeSet;

use crate::csdl::syntax::StructuredKind;
use crate::model::naming::{Case, NameScope, cased};
use crate::model::{Model, Primitive, StructuredDef, TypeId, TypeKind, TypeTarget, TypeUse};
use crate::rust::doc_text::description;

/// The value type of a property handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterValue {
    /// An Edm primitive (type definitions resolved to theirs).
    Primitive(Primitive),
    /// A string enum type.
    Enum(TypeId),
    /// A flags enum type.
    Flags(TypeId),
}

/// A comparable property handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterProperty {
    /// The CSDL name (the path segment).
    pub csdl: String,
    /// The method name.
    pub method: String,
    /// The value type.
    pub value: FilterValue,
    /// The property's description, if the metadata has one.
    pub description: Option<String>,
}

/// A handle leading to another filter struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterSegment {
    /// The path segment (property name or qualified type name).
    pub segment: String,
    /// The method name.
    pub method: String,
    /// The target type (its filter struct).
    pub target: TypeId,
}

/// The filter struct of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterStruct {
    /// The type.
    pub ty: TypeId,
    /// The struct name (`UnifiedRoleManagementAlertFilter`).
    pub name: String,
    /// Comparable properties.
    pub properties: Vec<FilterProperty>,
    /// Single-valued navigation and complex properties.
    pub segments: Vec<FilterSegment>,
    /// Type casts to derived types.
    pub casts: Vec<FilterSegment>,
}

/// Every filter struct, by type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterPlan {
    /// The structs, sorted by type.
    pub structs: Vec<FilterStruct>,
}

impl FilterPlan {
    /// The filter struct of type `id`.
    pub fn of(&self, id: TypeId) -> Option<&FilterStruct> {
        self.structs.iter().find(|s| s.ty == id)
    }

    /// The enum types some handle compares with (each needs a literal impl).
    pub fn enum_types(&self) -> BTreeSet<TypeId> {
        (self.structs.iter())
            .flat_map(|s| s.properties.iter())
            .filter_map(|p| match p.value {
                FilterValue::Enum(id) => Some(id),
                _ => None,
            })
            .collect()
    }
}

/// Plans the filter structs reachable from `roots`, claiming struct names in `names`.
pub fn plan(model: &Model, roots: &[TypeId], names: &mut NameScope) -> FilterPlan {
    let mut todo: Vec<TypeId> = roots.to_vec();
    let mut seen = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if model.structured(id).is_none() || !seen.insert(id) {
            continue;
        }
        todo.extend(reachable(model, id));
    }
    let mut structs: Vec<FilterStruct> = (seen.into_iter())
        .filter_map(|id| {
            let s = model.structured(id)?;
            let name = names.claim(&format!("{}Filter", model.ty(id).name.rust));
            Some(filter_struct(model, id, s, name))
        })
        .collect();
    drop_empty(&mut structs);
    FilterPlan { structs }
}

/// Removes structs without any handle, and the segments and casts leading to them, until
/// every struct left has a handle (an empty one offers nothing to filter on).
fn drop_empty(structs: &mut Vec<FilterStruct>) {
    loop {
        let before = structs.len();
        structs
            .retain(|s| !(s.properties.is_empty() && s.segments.is_empty() && s.casts.is_empty()));
        if structs.len() == before {
            return;
        }
        let kept: BTreeSet<TypeId> = structs.iter().map(|s| s.ty).collect();
        for s in structs.iter_mut() {
            s.segments.retain(|seg| kept.contains(&seg.target));
            s.casts.retain(|seg| kept.contains(&seg.target));
        }
    }
}

/// Types one handle away from `id`: segment targets and derived types.
fn reachable(model: &Model, id: TypeId) -> Vec<TypeId> {
    let Some(s) = model.structured(id) else {
        return Vec::new();
    };
    let navs = (s.navigation_properties.iter())
        .filter(|n| !n.collection)
        .map(|n| n.target);
    let complex = (s.properties.iter()).filter_map(|p| complex_target(model, &p.ty));
    navs.chain(complex)
        .chain(s.all_derived.iter().copied())
        .collect()
}

fn filter_struct(model: &Model, id: TypeId, s: &StructuredDef, name: String) -> FilterStruct {
    let mut methods = NameScope::new(Case::Snake);
    methods.claim("new");
    let properties = (s.properties.iter())
        .filter_map(|p| {
            Some(FilterProperty {
                value: value_of(model, &p.ty)?,
                csdl: p.name.csdl.clone(),
                method: methods.claim(&p.name.rust),
                description: description(p.docs.description.as_deref()),
            })
        })
        .collect();
    let navs = (s.navigation_properties.iter())
        .filter(|n| !n.collection)
        .map(|n| (n.name.csdl.clone(), n.name.rust.clone(), n.target));
    let complex = (s.properties.iter()).filter_map(|p| {
        Some((
            p.name.csdl.clone(),
            p.name.rust.clone(),
            complex_target(model, &p.ty)?,
        ))
    });
    let segments = (complex.chain(navs))
        .map(|(segment, rust, target)| FilterSegment {
            segment,
            method: methods.claim(&rust),
            target,
        })
        .collect();
    let casts = (s.all_derived.iter())
        .map(|d| {
            let ty = model.ty(*d);
            let method = format!("as_{}", cased(&ty.name.rust, Case::Snake));
            FilterSegment {
                segment: ty.qualified_name.clone(),
                method: methods.claim(&method),
                target: *d,
            }
        })
        .collect();
    FilterStruct {
        ty: id,
        name,
        properties,
        segments,
        casts,
    }
}

/// Whether values of `p` have an OData literal form (the runtime's `Literal`): every primitive
/// but streams, spatial values and untyped JSON. Filter handles and function parameters use it.
pub(super) fn has_literal(p: Primitive) -> bool {
    !matches!(
        p,
        Primitive::Stream | Primitive::Geography | Primitive::Geometry | Primitive::Untyped
    )
}

/// The handle value type of a property type, if it is single-valued and has a literal form.
fn value_of(model: &Model, ty: &TypeUse) -> Option<FilterValue> {
    if ty.collection {
        return None;
    }
    let primitive = |p: Primitive| has_literal(p).then_some(FilterValue::Primitive(p));
    match ty.target {
        TypeTarget::Primitive(p) => primitive(p),
        TypeTarget::Defined(id) => match &model.ty(id).kind {
            TypeKind::Enum(e) if e.is_flags => Some(FilterValue::Flags(id)),
            TypeKind::Enum(_) => Some(FilterValue::Enum(id)),
            TypeKind::Definition(d) => primitive(d.underlying),
            TypeKind::Structured(_) => None,
        },
    }
}

/// The complex type of a single-valued complex property.
fn complex_target(model: &Model, ty: &TypeUse) -> Option<TypeId> {
    match (ty.collection, ty.target) {
        (false, TypeTarget::Defined(id)) => {
            let s = model.structured(id)?;
            (s.kind == StructuredKind::Complex).then_some(id)
        }
        _ => None,
    }
}
