//! The update plan: for every entity type some node updates (`PATCH`), the JSON members its
//! update body must not carry. The client writer prints it as the type's
//! `crate::runtime::UpdateBody` data; the runtime drops those members (and every annotation but
//! `@odata.type`) from the serialized body.
//!
//! Decisions:
//! - **Never sent: keys, navigation properties, and computed and immutable properties**,
//!   declared or inherited, by CSDL name (the JSON member name): a key cannot change, a
//!   navigation property in a `PATCH` body is a deep update, which the service rejects, and a
//!   property annotated `Core.Computed` (the service sets it) or `Core.Immutable` (set on create
//!   only) is not the caller's to update: Graph's update pages send neither. Keys first (in key
//!   order), then navigation properties, then computed and immutable properties (each in
//!   declaration order, inherited first). A key that is a path into a complex property (`a/b`;
//!   none in Graph) is listed as written, so it matches no top-level member and the complex
//!   property is sent: dropping the whole property would drop what the caller changed too.
//! - **Annotations need no per-type data**: the runtime drops every `@` member but
//!   `@odata.type`.
//! - **Derived types**: a body of a type with derived types may be any of them (a polymorphic
//!   enum). Every derived type inherits the base's members and their annotations, so the base's
//!   list fits all of them, and an unknown type too; a derived type that adds some gets its own
//!   list, by the `@odata.type` its struct writes (`#` + qualified name).
//! - Types are listed in type order, once however many nodes update them.

use std::collections::BTreeSet;

use super::tree::Node;
use crate::model::{Model, StructuredDef, TypeId};

/// The update plan of one entity type: what its update body must not carry. (Not the
/// runtime's `UpdateBody` trait, which the client writer implements from it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdatePlan {
    /// The entity type (the body is its struct or polymorphic enum).
    pub entity: TypeId,
    /// Its key, navigation, computed and immutable properties, by CSDL name.
    pub not_sent: Vec<String>,
    /// Derived types that add members to that list: (`@odata.type`, their whole list).
    pub derived: Vec<(String, Vec<String>)>,
}

/// The update plans of the entity types of `nodes` that have an `update` builder.
pub fn plan(model: &Model, nodes: &[Node]) -> Vec<UpdatePlan> {
    let updated: BTreeSet<TypeId> = (nodes.iter())
        .filter(|n| n.update.is_some())
        .map(|n| n.entity)
        .collect();
    (updated.into_iter())
        .filter_map(|id| type_plan(model, id))
        .collect()
}

/// The update plan of entity type `id`; `None` for a type that is not structured.
fn type_plan(model: &Model, id: TypeId) -> Option<UpdatePlan> {
    let s = model.structured(id)?;
    let own = not_sent(s);
    let derived = (s.all_derived.iter())
        .filter_map(|&d| Some((model.ty(d).odata_type(), not_sent(model.structured(d)?))))
        .filter(|(_, list)| *list != own)
        .collect();
    Some(UpdatePlan {
        entity: id,
        not_sent: own,
        derived,
    })
}

/// Keys, then navigation properties, then computed and immutable properties, each once.
fn not_sent(s: &StructuredDef) -> Vec<String> {
    let navigation = s.navigation_properties.iter().map(|n| &n.name.csdl);
    let fixed = (s.properties.iter())
        .filter(|p| p.computed || p.immutable)
        .map(|p| &p.name.csdl);
    let mut list: Vec<String> = Vec::new();
    for name in s.key.iter().chain(navigation).chain(fixed) {
        if !list.contains(name) {
            list.push(name.clone());
        }
    }
    list
}
