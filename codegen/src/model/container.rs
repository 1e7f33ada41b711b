//! The entity container: entity sets and singletons resolved to their entity types, imports
//! resolved to the unbound operations they import. The first container found (documents and
//! schemas in order) is the model's container.

use super::resolve::{Resolver, plain_name};
use super::{Container, EntitySetDef, ImportDef, OperationId, SingletonDef, TypeId, annotations};
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

fn entity_type(cx: &mut Resolver, doc: usize, name: &str, pos: Pos, what: &str) -> Option<TypeId> {
    let qualified = cx.qualify(doc, name);
    let id = cx.model.type_id(&qualified);
    if id.is_none() {
        cx.error(
            doc,
            pos,
            format!("unresolved type `{qualified}` used by {what}"),
        );
    }
    id
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
