//! What the query options of the client plan are: which options a `list` builder offers (from
//! Capabilities), the `$filter` a collection requires (`FilterRestrictions/RequiredProperties`)
//! with its convenience method, and the `$select`/`$expand` name enums of each entity type.

use std::collections::BTreeSet;

use super::filter_plan::{FilterPlan, FilterValue};
use super::tree::Node;
use crate::diagnostic::Diagnostic;
use crate::model::naming::{Case, NameScope, cased, escape_keyword};
use crate::model::{Capabilities, Model, Origin, Primitive, TypeId};

/// Query options a `list` builder offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueryCaps {
    /// `$select`.
    pub select: bool,
    /// `$expand`.
    pub expand: bool,
    /// `$filter`.
    pub filter: bool,
    /// `$orderby`.
    pub orderby: bool,
    /// `$top`.
    pub top: bool,
    /// `$skip`.
    pub skip: bool,
    /// `$count`.
    pub count: bool,
}

/// A `$filter` the service requires on a collection (`FilterRestrictions/RequiredProperties`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredFilter {
    /// The method taking one string per property (`scope_filter` for `scopeId`, `scopeType`).
    pub method: String,
    /// The properties as (CSDL name, Rust argument name, filter handle method).
    pub properties: Vec<(String, String, String)>,
}

/// The `$select`/`$orderby` and `$expand` enums of one entity type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryEnums {
    /// The entity type.
    pub entity: TypeId,
    /// The field enum name and its variants as (CSDL name, variant).
    pub field: (String, Vec<(String, String)>),
    /// The expand enum name, the `*` variant, and navigation variants as (CSDL name, variant).
    pub expand: (String, String, Vec<(String, String)>),
}

/// Field and expand enums for every entity type a list or get builder returns.
pub(super) fn query_enums(model: &Model, nodes: &[Node], names: &mut NameScope) -> Vec<QueryEnums> {
    let mut types: Vec<TypeId> = (nodes.iter())
        .filter(|n| n.list.is_some() || n.get.is_some())
        .map(|n| n.entity)
        .collect();
    types.sort();
    types.dedup();
    types
        .into_iter()
        .filter_map(|t| enums_of(model, t, names))
        .collect()
}

fn enums_of(model: &Model, entity: TypeId, names: &mut NameScope) -> Option<QueryEnums> {
    let s = model.structured(entity)?;
    let base = &model.ty(entity).name.rust;
    let field_name = names.claim(&format!("{base}Field"));
    let expand_name = names.claim(&format!("{base}Expand"));
    let mut field_scope = NameScope::new(Case::UpperCamel);
    let fields = (s.properties.iter())
        .map(|p| {
            (
                p.name.csdl.clone(),
                field_scope.claim(&variant(&p.name.csdl)),
            )
        })
        .collect();
    let mut expand_scope = NameScope::new(Case::UpperCamel);
    let all = expand_scope.claim("All");
    let navs = (s.navigation_properties.iter())
        .map(|n| {
            (
                n.name.csdl.clone(),
                expand_scope.claim(&variant(&n.name.csdl)),
            )
        })
        .collect();
    Some(QueryEnums {
        entity,
        field: (field_name, fields),
        expand: (expand_name, all, navs),
    })
}

pub(super) fn query_caps(caps: &Capabilities) -> QueryCaps {
    let allowed = |c: Option<bool>| c != Some(false);
    QueryCaps {
        select: allowed(caps.selectable),
        expand: allowed(caps.expandable),
        filter: allowed(caps.filterable),
        orderby: allowed(caps.sortable),
        top: allowed(caps.top_supported),
        skip: allowed(caps.skip_supported),
        count: allowed(caps.countable),
    }
}

/// The required-filter method: named after the first word the properties share
/// (`scopeId`, `scopeType` -> `scope_filter`), else `required_filter`.
pub(super) fn required_filter(properties: &[String]) -> RequiredFilter {
    let first_word = |p: &str| -> String {
        let snake = cased(p, Case::Snake);
        snake.split('_').next().unwrap_or_default().to_owned()
    };
    let words: BTreeSet<String> = properties.iter().map(|p| first_word(p)).collect();
    let method = match words.iter().next() {
        Some(word) if words.len() == 1 && properties.len() > 1 => format!("{word}_filter"),
        _ => "required_filter".to_owned(),
    };
    RequiredFilter {
        method: escape_keyword(&method),
        properties: required_arguments(properties),
    }
}

/// The name of the closure parameter the required-filter method's body passes to `filter`
/// (`self.filter(|f| ...)`): no argument may take it.
pub(super) const FILTER_CLOSURE_PARAMETER: &str = "f";

/// (CSDL name, argument name, no handle yet) per required property: snake-case argument names,
/// unique in one scope (`scopeId`, `scope_id` -> `scope_id`, `scope_id_2`) that also holds the
/// closure parameter.
fn required_arguments(properties: &[String]) -> Vec<(String, String, String)> {
    let mut arguments = NameScope::new(Case::Snake);
    arguments.reserve(FILTER_CLOSURE_PARAMETER);
    (properties.iter())
        .map(|p| {
            let argument = arguments.claim(&escape_keyword(&cased(p, Case::Snake)));
            (p.clone(), argument, String::new())
        })
        .collect()
}

/// Fills in the filter handle of each required property of `node`'s required filter: a
/// filterable string property of its entity. Each property that is not one is reported in
/// `problems`, at the property (or, when the entity has no such property, at the entity type).
pub(super) fn required_handles(
    model: &Model,
    node: &mut Node,
    filters: &FilterPlan,
    problems: &mut Vec<Diagnostic>,
) {
    let Node {
        required_filter: Some(required),
        entity,
        first_template,
        ..
    } = node
    else {
        return;
    };
    let handles = filters.of(*entity).map(|f| f.properties.as_slice());
    let string = FilterValue::Primitive(Primitive::String);
    for (csdl, _, handle) in &mut required.properties {
        let found =
            (handles.unwrap_or_default().iter()).find(|p| p.csdl == *csdl && p.value == string);
        match found {
            Some(p) => handle.clone_from(&p.method),
            None => {
                let message = format!(
                    "required filter `{}` of `{first_template}`: `{csdl}` is not a filterable \
                     string property",
                    required.method
                );
                let origin = property_origin(model, *entity, csdl);
                problems.push(Diagnostic::at(origin, message));
            }
        }
    }
}

/// Where property `csdl` of `entity` is declared, else where `entity` is.
fn property_origin<'m>(model: &'m Model, entity: TypeId, csdl: &str) -> &'m Origin {
    let declared = (model.structured(entity).into_iter())
        .flat_map(|s| &s.properties)
        .find(|p| p.name.csdl == csdl);
    declared.map_or(&model.ty(entity).origin, |p| &p.origin)
}

fn variant(csdl: &str) -> String {
    escape_keyword(&cased(csdl, Case::UpperCamel))
}
