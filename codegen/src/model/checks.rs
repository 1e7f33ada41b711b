//! Checks of what a name resolves to, beyond "it exists": navigation properties, entity sets and
//! singletons must use an entity type, key properties must name properties of the type (or its
//! base types), and names that share a scope (enum members, an operation's parameters, container
//! members) must be unique. Each problem is reported at the offending item's position.

use super::fast_hash::FastMap;
use super::naming;
use super::resolve::Resolver;
use super::{Model, TypeId, TypeKind, TypeTarget};
use crate::csdl::syntax::{Pos, PropertyRef, StructuredKind};

/// What kind of type `id` is, as an article and a noun (`an enum type`).
pub(crate) fn kind_name(model: &Model, id: TypeId) -> &'static str {
    match model.types.get(id.0).map(|t| &t.kind) {
        Some(TypeKind::Structured(s)) if s.kind == StructuredKind::Entity => "an entity type",
        Some(TypeKind::Structured(_)) => "a complex type",
        Some(TypeKind::Enum(_)) => "an enum type",
        Some(TypeKind::Definition(_)) => "a type definition",
        None => "an unknown type",
    }
}

/// Whether `id` is an entity type.
pub(crate) fn is_entity(model: &Model, id: TypeId) -> bool {
    matches!(model.structured(id), Some(s) if s.kind == StructuredKind::Entity)
}

/// Drops (and reports) every navigation property whose target is not an entity type. Runs
/// once every type is built, before inheritance copies navigation properties into subtypes.
pub(crate) fn navigation_targets(cx: &mut Resolver) {
    for index in 0..cx.model.types.len() {
        let bad = bad_navigations(&cx.model, index);
        if bad.is_empty() {
            continue;
        }
        for (position, message) in &bad {
            let origin = navigation_origin(&cx.model, index, *position);
            cx.error_at(&origin, message.clone());
        }
        if let Some(TypeKind::Structured(s)) = cx.model.types.get_mut(index).map(|t| &mut t.kind) {
            let mut position = 0;
            s.navigation_properties.retain(|_| {
                position += 1;
                !bad.iter().any(|(p, _)| *p == position - 1)
            });
        }
    }
}

/// The positions (in the type's list) and messages of navigation properties of type `index`
/// that target something other than an entity type.
fn bad_navigations(model: &Model, index: usize) -> Vec<(usize, String)> {
    let Some(TypeKind::Structured(s)) = model.types.get(index).map(|t| &t.kind) else {
        return Vec::new();
    };
    let owner = &model.types[index].qualified_name;
    (s.navigation_properties.iter().enumerate())
        .filter(|(_, n)| !is_entity(model, n.target))
        .map(|(position, n)| {
            let message = format!(
                "navigation property `{}` of `{owner}` must target an entity type, not `{}` ({})",
                n.name.csdl,
                model.ty(n.target).qualified_name,
                kind_name(model, n.target)
            );
            (position, message)
        })
        .collect()
}

fn navigation_origin(model: &Model, index: usize, position: usize) -> super::Origin {
    model
        .structured(TypeId(index))
        .and_then(|s| s.navigation_properties.get(position))
        .map(|n| n.origin.clone())
        .unwrap_or_default()
}

/// Reports every `Key/PropertyRef` of type `id` (declared in document `doc`) that does not name
/// a structural property of the type or its base types (runs after inheritance is flattened).
/// A path (`address/id`) is followed through complex properties.
pub(crate) fn key_refs(cx: &mut Resolver, doc: usize, id: TypeId, key: &[PropertyRef]) {
    for property_ref in key {
        if key_path_resolves(&cx.model, id, &property_ref.name) {
            continue;
        }
        let message = format!(
            "key property `{}` of `{}` is not a property of the type or its base types",
            property_ref.name,
            cx.model.ty(id).qualified_name
        );
        cx.error(doc, property_ref.pos, message);
    }
}

/// Whether `path` names a structural property of `id`, through complex properties for `/`.
fn key_path_resolves(model: &Model, id: TypeId, path: &str) -> bool {
    let mut current = Some(id);
    for segment in path.split('/') {
        let property = current
            .and_then(|ty| model.structured(ty))
            .and_then(|s| s.property(segment));
        let Some(property) = property else {
            return false;
        };
        current = match property.ty.target {
            TypeTarget::Defined(next) => Some(next),
            TypeTarget::Primitive(_) => None,
        };
    }
    true
}

/// Reports every name of `names` (name, position) taken by an earlier one, as
/// `"duplicate {what} `name` {scope()}"` at the later position, in document `doc`.
pub(crate) fn unique_names<'n>(
    cx: &mut Resolver,
    doc: usize,
    names: impl Iterator<Item = (&'n str, Pos)> + Clone,
    what: &str,
    scope: impl Fn() -> String,
) {
    // Almost always nothing repeats: the allocation-free check says so first.
    if naming::all_distinct(names.clone().map(|(name, _)| name)) {
        return;
    }
    let mut seen: FastMap<&str, Pos> = FastMap::default();
    for (name, pos) in names {
        match seen.get(name) {
            Some(first) => {
                let message = format!(
                    "duplicate {what} `{name}` {}: first declared at line {}, column {}",
                    scope(),
                    first.line,
                    first.column
                );
                cx.error(doc, pos, message);
            }
            None => {
                seen.insert(name, pos);
            }
        }
    }
}
