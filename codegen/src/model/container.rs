//! The entity container: entity sets and singletons resolved to their entity types, imports
//! resolved to the unbound operations they import. The first container found (documents and
//! schemas in order) is the model's container. Entity sets and singletons must use an entity
//! type, and all members (sets, singletons, imports) share one scope of unique names.

use super::resolve::{Resolver, plain_name};
use super::{
    Container, EntitySetDef, ImportDef, OperationId, SingletonDef, TypeId, annotations, checks,
};
use crate::csdl::syntax::{EntityContainer, OperationImport, OperationKind, Pos};

/// Builds the model's container from the first `EntityContainer` of the documents.
pub(crate) fn build(cx: &mut Resolver) {
    let docs = cx.docs;
    let first = docs.iter().enumerate().find_map(|(d, doc)| {
        doc.schemas
            .iter()
            .find_map(|s| Some((d, s.namespace.as_str(), s.entity_containers.first()?)))
    });
    let Some((doc, namespace, container)) = first else {
        return;
    };
    let built = build_container(cx, doc, namespace, container);
    cx.model.container = Some(built);
}

fn build_container(
    cx: &mut Resolver,
    doc: usize,
    namespace: &str,
    c: &EntityContainer,
) -> Container {
    let qualified = format!("{namespace}.{}", c.name);
    check_member_names(cx, doc, c, &qualified);
    let entity_sets = c
        .entity_sets
        .iter()
        .filter_map(|s| {
            let what = &format!("entity set `{}`", s.name);
            Some(EntitySetDef {
                name: plain_name(&s.name),
                entity_type: entity_type(cx, doc, &s.entity_type, s.pos, what)?,
                bindings: s
                    .navigation_property_bindings
                    .iter()
                    .map(|b| (b.path.clone(), b.target.clone()))
                    .collect(),
                capabilities: annotations::capabilities(cx, doc, &s.annotations),
                docs: annotations::docs(cx, doc, &s.annotations),
            })
        })
        .collect();
    let singletons = c
        .singletons
        .iter()
        .filter_map(|s| {
            let what = &format!("singleton `{}`", s.name);
            Some(SingletonDef {
                name: plain_name(&s.name),
                ty: entity_type(cx, doc, &s.ty, s.pos, what)?,
                bindings: s
                    .navigation_property_bindings
                    .iter()
                    .map(|b| (b.path.clone(), b.target.clone()))
                    .collect(),
                capabilities: annotations::capabilities(cx, doc, &s.annotations),
                docs: annotations::docs(cx, doc, &s.annotations),
            })
        })
        .collect();
    let actions = c.action_imports.iter().map(|i| (OperationKind::Action, i));
    let functions = c
        .function_imports
        .iter()
        .map(|i| (OperationKind::Function, i));
    let imports = actions
        .chain(functions)
        .filter_map(|(kind, import)| build_import(cx, doc, kind, import))
        .collect();
    Container {
        name: plain_name(&c.name),
        qualified_name: qualified,
        entity_sets,
        singletons,
        imports,
        path_capabilities: Default::default(),
    }
}

/// Reports a set, singleton or import whose name an earlier member of the container took.
fn check_member_names(cx: &mut Resolver, doc: usize, c: &EntityContainer, qualified: &str) {
    let sets = c.entity_sets.iter().map(|s| (s.name.as_str(), s.pos));
    let singletons = c.singletons.iter().map(|s| (s.name.as_str(), s.pos));
    let imports = (c.action_imports.iter()).chain(&c.function_imports);
    let mut names: Vec<(&str, Pos)> = sets
        .chain(singletons)
        .chain(imports.map(|i| (i.name.as_str(), i.pos)))
        .collect();
    names.sort_by_key(|&(_, pos)| pos);
    let scope = || format!("in container `{qualified}`");
    checks::unique_names(cx, doc, names.into_iter(), "name", scope);
}

/// The entity type `name` used by `what` (an entity set or singleton), if it resolves to one.
fn entity_type(cx: &mut Resolver, doc: usize, name: &str, pos: Pos, what: &str) -> Option<TypeId> {
    let qualified = cx.qualify(doc, name);
    let Some(id) = cx.model.type_id(&qualified) else {
        let message = format!("unresolved type `{qualified}` used by {what}");
        cx.error(doc, pos, message);
        return None;
    };
    if !checks::is_entity(&cx.model, id) {
        let kind = checks::kind_name(&cx.model, id);
        let message = format!("{what} must use an entity type, not `{qualified}` ({kind})");
        cx.error(doc, pos, message);
        return None;
    }
    Some(id)
}

fn build_import(
    cx: &mut Resolver,
    doc: usize,
    kind: OperationKind,
    import: &OperationImport,
) -> Option<ImportDef> {
    let qualified = cx.qualify(doc, &import.operation);
    let operations: Vec<OperationId> = (0..cx.model.operations.len())
        .filter(|&i| {
            let op = &cx.model.operations[i];
            op.qualified_name == qualified && op.binding.is_none()
        })
        .map(OperationId)
        .collect();
    if operations.is_empty() {
        let message = format!(
            "unresolved operation `{qualified}` imported by `{}`",
            import.name
        );
        cx.error(doc, import.pos, message);
        return None;
    }
    Some(ImportDef {
        name: plain_name(&import.name),
        kind,
        operations,
        entity_set: import.entity_set.clone(),
    })
}
