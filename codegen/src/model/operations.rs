//! Actions and functions: parameters resolved, the binding parameter split off, operations
//! sorted by qualified name then binding type and attached to their binding types.
//!
//! Overloads of one name are distinguished by binding type including collection-ness, so
//! `refresh` on `Collection(graph.unifiedRoleManagementAlert)`, on
//! `graph.unifiedRoleManagementAlert` and on `graph.workbookPivotTable` are three operations,
//! each attached only to its own binding type. Overloads with the same binding (functions by
//! parameter set) are ordered by their parameter names, so the order never depends on the
//! document's.

use super::resolve::{Resolver, join_qualified, plain_name, type_use_key};
use super::{
    Binding, Model, OperationDef, OperationId, ParameterDef, ReturnDef, TypeKind, TypeTarget,
    annotations, checks,
};
use crate::csdl::syntax::{Operation, Schema};

/// Builds every operation of every document into the model and attaches bound ones.
pub(crate) fn build(cx: &mut Resolver) {
    let docs = cx.docs;
    let mut operations = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for schema in &doc.schemas {
            operations.extend(
                schema
                    .operations
                    .iter()
                    .filter_map(|op| build_operation(cx, d, schema, op)),
            );
        }
    }
    cx.model.operations = sorted(&cx.model, operations);
    attach_bound(&mut cx.model);
}

/// `operations` sorted by qualified name, binding type key, then parameter names (a stable
/// sort of indices, comparing borrowed keys: nothing is cloned for the sort).
fn sorted(model: &Model, operations: Vec<OperationDef>) -> Vec<OperationDef> {
    let keys: Vec<String> = (operations.iter())
        .map(|op| binding_key(model, op))
        .collect();
    let mut order: Vec<usize> = (0..operations.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&operations[a], &operations[b]);
        (x.qualified_name.cmp(&y.qualified_name))
            .then_with(|| keys[a].cmp(&keys[b]))
            .then_with(|| parameter_names(x).cmp(parameter_names(y)))
    });
    let mut slots: Vec<Option<OperationDef>> = operations.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// The binding type as a sortable key: empty for unbound operations.
pub(crate) fn binding_key(model: &Model, op: &OperationDef) -> String {
    op.binding
        .as_ref()
        .map_or(String::new(), |b| type_use_key(model, &b.ty))
}

/// The ids of the operations named `qualified` (operations are sorted by qualified name).
pub(crate) fn overloads<'m>(
    model: &'m Model,
    qualified: &'m str,
) -> impl Iterator<Item = usize> + 'm {
    let first = (model.operations).partition_point(|op| op.qualified_name.as_str() < qualified);
    (first..model.operations.len())
        .take_while(move |&i| model.operations[i].qualified_name == qualified)
}

/// The overloads of `qualified` an annotation target's signature names, given as type keys
/// (see [`type_use_key`]), binding parameter first: `()` names the unbound overloads; a
/// non-empty list, those whose parameter types start with it (an action lists its binding
/// type, a function all its parameter types).
pub(crate) fn matching_overloads<'m>(
    model: &'m Model,
    qualified: &'m str,
    listed: &'m [String],
) -> impl Iterator<Item = usize> + 'm {
    overloads(model, qualified).filter(move |&i| {
        let op = &model.operations[i];
        if listed.is_empty() {
            return op.binding.is_none();
        }
        let binding = op.binding.iter().map(|b| type_use_key(model, &b.ty));
        let params = op.parameters.iter().map(|p| type_use_key(model, &p.ty));
        let keys: Vec<String> = binding.chain(params).collect();
        keys.starts_with(listed)
    })
}

fn build_operation<'a>(
    cx: &mut Resolver<'a>,
    doc: usize,
    schema: &Schema,
    op: &'a Operation,
) -> Option<OperationDef> {
    let qualified = join_qualified(&schema.namespace, &op.name);
    let names = op.parameters.iter().map(|p| (p.name.as_str(), p.pos));
    let scope = || format!("of `{qualified}`");
    checks::unique_names(cx, doc, names, "parameter", scope);
    let mut parameters = op.parameters.iter();
    let binding = if op.is_bound {
        let Some(first) = parameters.next() else {
            let message = format!("bound operation `{qualified}` has no binding parameter");
            cx.error(doc, op.pos, message);
            return None;
        };
        let what = || format!("binding parameter `{}` of `{qualified}`", first.name);
        let ty = cx.resolve_type_or_report(doc, &first.ty, first.pos, what)?;
        Some(Binding {
            parameter: first.name.clone(),
            ty,
        })
    } else {
        None
    };
    let parameters = parameters
        .filter_map(|p| {
            let what = || format!("parameter `{}` of `{qualified}`", p.name);
            let ty = cx.resolve_type_or_report(doc, &p.ty, p.pos, what)?;
            Some(ParameterDef {
                name: plain_name(&p.name),
                ty,
                facets: p.facets.clone(),
                docs: annotations::docs(cx, doc, &p.annotations),
            })
        })
        .collect();
    let return_type = op.return_type.as_ref().and_then(|r| {
        let what = || format!("the return type of `{qualified}`");
        let ty = cx.resolve_type_or_report(doc, &r.ty, r.pos, what)?;
        Some(ReturnDef {
            ty,
            facets: r.facets.clone(),
        })
    });
    Some(OperationDef {
        name: plain_name(&op.name),
        namespace: schema.namespace.clone(),
        qualified_name: qualified,
        kind: op.kind,
        binding,
        parameters,
        return_type,
        is_composable: op.is_composable,
        entity_set_path: op.entity_set_path.clone(),
        long_running: annotations::long_running(cx, doc, &op.annotations),
        docs: annotations::docs(cx, doc, &op.annotations),
        origin: cx.origin(doc, op.pos),
    })
}

/// The parameter names of `op`, in order.
fn parameter_names(op: &OperationDef) -> impl Iterator<Item = &String> {
    op.parameters.iter().map(|p| &p.name.csdl)
}

/// Records every bound operation on its binding type (entity or complex).
fn attach_bound(model: &mut Model) {
    let bindings: Vec<(usize, usize)> = model
        .operations
        .iter()
        .enumerate()
        .filter_map(|(i, op)| match op.binding.as_ref()?.ty.target {
            TypeTarget::Defined(id) => Some((i, id.0)),
            TypeTarget::Primitive(_) => None,
        })
        .collect();
    for (op, ty) in bindings {
        if let Some(TypeKind::Structured(s)) = model.types.get_mut(ty).map(|t| &mut t.kind) {
            s.bound_operations.push(OperationId(op));
        }
    }
}
