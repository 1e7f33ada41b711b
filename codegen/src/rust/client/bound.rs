//! Bound actions and functions of a node: which operations apply, their method and builder
//! names, their parameters and how their responses are read.
//!
//! Decisions:
//! - **Which.** Operations bound to the node's entity type or an ancestor, to the collection
//!   for collection nodes. Where an operation of the same qualified name and parameter names is
//!   bound to both a type and its ancestor, only the most derived is kept: the service resolves
//!   the URL segment to it anyway.
//! - **URL.** The unqualified name is appended as a segment (`.../alerts/refresh`). Functions
//!   are `GET name(p=@p,...)` with each parameter set passed as a query alias `@p=<literal>`:
//!   OData literals for primitives and enums, JSON for structured and collection values. Only
//!   parameters that are set are passed; unset non-nullable ones make `send()` fail.
//! - **Names.** Methods are the operation's Rust name (the model already names overloads of one
//!   binding by their parameters, `image_with_width`); what still collides on a node (an
//!   operation bound to an ancestor, a navigation method, the fixed methods `get`, `list`, ...)
//!   is numbered in operation order. Builders are `<node stem><Method>Request`.
//! - **Responses.** The `RustCodegen.V1.LongRunning` annotation: `202` + `Location`, polled
//!   into the named type through a pending-operation handle. Otherwise: no return type, no
//!   content; a collection, one page (`value`, links); an entity or complex type, the object;
//!   a primitive or enum, the `value` member of the response object.

use std::collections::{BTreeSet, HashSet};

use super::filter_plan::has_literal;
use super::tree::{Node, NodeKind, doc_or, node_stem, type_stem};
use crate::csdl::syntax::OperationKind;
use crate::diagnostic::Diagnostic;
use crate::model::naming::{Case, NameScope, cased};
use crate::model::{
    CLIENT_METHODS, COLLECTION_NODE_METHODS, ENTITY_NODE_METHODS, Model, OperationId, TypeId,
    TypeKind, TypeTarget, TypeUse,
};
use crate::rust::doc_text::description;

/// How an operation's response is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// `202` + `Location`: a pending operation that polls into this type.
    LongRunning(TypeId),
    /// A JSON object of this (structured) type.
    Object(TypeUse),
    /// A primitive or enum in the `value` member.
    Value(TypeUse),
    /// A collection: one page of this element type.
    Collection(TypeUse),
    /// `200`/`204` without body.
    NoContent,
}

/// How a function parameter is written into its query alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// An OData literal (`'text'`, `42`, `2024-01-31`, `'high'`).
    Literal,
    /// JSON (structured and collection values).
    Json,
}

/// One operation parameter: a JSON body member (actions) or a query alias (functions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamPlan {
    /// CSDL name.
    pub csdl: String,
    /// The Rust setter name.
    pub rust: String,
    /// The parameter type.
    pub ty: TypeUse,
    /// Whether `send()` requires it (`Nullable="false"`).
    pub required: bool,
    /// How a function passes it (actions always send JSON).
    pub encoding: Encoding,
    /// Rustdoc.
    pub doc: String,
}

/// A bound action or function on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationPlan {
    /// The operation.
    pub op: OperationId,
    /// A function (`GET`) rather than an action (`POST`).
    pub function: bool,
    /// The Rust method name on the node (`refresh`); set by `name_methods`.
    pub method: String,
    /// The builder struct name; set by `name_methods`.
    pub builder: String,
    /// The URL segment: the operation's unqualified name.
    pub segment: String,
    /// How the response is read.
    pub response: Response,
    /// Parameters after the binding parameter.
    pub params: Vec<ParamPlan>,
    /// Rustdoc.
    pub doc: String,
}

/// The operations bound to `entity` (or an ancestor), for an entity or collection node; those
/// that cannot be planned are left out and reported in `problems`.
pub(super) fn plan(
    model: &Model,
    entity: TypeId,
    kind: NodeKind,
    problems: &mut Vec<Diagnostic>,
) -> Vec<OperationPlan> {
    let Some(s) = model.structured(entity) else {
        return Vec::new();
    };
    let collection = kind == NodeKind::Collection;
    let mut seen = HashSet::new();
    let mut ops = Vec::new();
    for owner in std::iter::once(entity).chain(s.ancestors.iter().copied()) {
        let Some(t) = model.structured(owner) else {
            continue;
        };
        for &id in &t.bound_operations {
            let op = model.operation(id);
            let binding = op.binding.as_ref().map(|b| b.ty);
            if !binding.is_some_and(|b| {
                b.collection == collection && matches!(b.target, TypeTarget::Defined(_))
            }) {
                continue;
            }
            let params: Vec<&str> = op.parameters.iter().map(|p| p.name.csdl.as_str()).collect();
            if seen.insert((op.qualified_name.as_str(), params)) {
                ops.push(id);
            }
        }
    }
    ops.sort();
    let mut plans = Vec::with_capacity(ops.len());
    for id in ops {
        match operation(model, id) {
            Ok(o) => plans.push(o),
            Err(problem) => problems.push(problem),
        }
    }
    plans
}

/// The plan of operation `id`; fails, at the operation's position, on a long-running result
/// type that does not exist.
pub(super) fn operation(model: &Model, id: OperationId) -> Result<OperationPlan, Diagnostic> {
    let op = model.operation(id);
    let function = op.kind == OperationKind::Function;
    let response = match (&op.long_running, &op.return_type) {
        (Some(result), _) => match model.type_id(result) {
            Some(t) => Response::LongRunning(t),
            None => {
                let message = format!(
                    "`{}` is annotated long-running with the unknown type `{result}`",
                    op.qualified_name
                );
                return Err(Diagnostic::at(&op.origin, message));
            }
        },
        (None, None) => Response::NoContent,
        (None, Some(r)) if r.ty.collection => Response::Collection(TypeUse {
            collection: false,
            ..r.ty
        }),
        (None, Some(r)) if is_structured(model, r.ty) => Response::Object(r.ty),
        (None, Some(r)) => Response::Value(r.ty),
    };
    let params = (op.parameters.iter())
        .map(|p| ParamPlan {
            csdl: p.name.csdl.clone(),
            rust: p.name.rust.clone(),
            ty: p.ty,
            required: !p.facets.nullable,
            encoding: encoding(model, p.ty),
            doc: doc_or(&p.docs.description, &p.name.csdl),
        })
        .collect();
    Ok(OperationPlan {
        op: id,
        function,
        method: op.name.rust.clone(),
        builder: String::new(),
        segment: op.name.csdl.clone(),
        response,
        params,
        doc: description(op.docs.description.as_deref()).unwrap_or_else(|| {
            let what = if function { "function" } else { "action" };
            format!("The {what} `{}`.", op.qualified_name)
        }),
    })
}

fn is_structured(model: &Model, ty: TypeUse) -> bool {
    matches!(ty.target, TypeTarget::Defined(id) if model.structured(id).is_some())
}

/// Literal for primitives with a literal form, enums and type definitions over them; else JSON.
fn encoding(model: &Model, ty: TypeUse) -> Encoding {
    if ty.collection {
        return Encoding::Json;
    }
    let literal = match ty.target {
        TypeTarget::Primitive(p) => has_literal(p),
        TypeTarget::Defined(id) => match &model.ty(id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Definition(d) => has_literal(d.underlying),
            TypeKind::Structured(_) => false,
        },
    };
    match literal {
        true => Encoding::Literal,
        false => Encoding::Json,
    }
}

/// Final method and builder names of a node's operations, after the fixed methods and the
/// navigation methods.
pub(super) fn name_methods(node: &mut Node, names: &mut NameScope) {
    let mut methods = NameScope::new(Case::Snake);
    (ENTITY_NODE_METHODS.iter())
        .chain(COLLECTION_NODE_METHODS)
        .for_each(|m| methods.reserve(m));
    for c in &node.children {
        methods.reserve(&c.method);
    }
    let stem = node_stem(&node.name);
    for o in &mut node.operations {
        o.method = methods.claim(&o.method);
        o.builder = names.claim(&format!(
            "{stem}{}Request",
            cased(&o.method, Case::UpperCamel)
        ));
    }
}

/// The entry points of the container's action and function imports: one per imported
/// overload, on `Client`, after the container members and the runtime's own methods. Overloads
/// that cannot be planned are left out and reported in `problems`.
pub(super) fn imports(
    model: &Model,
    roots: &[super::tree::Child],
    names: &mut NameScope,
    problems: &mut Vec<Diagnostic>,
) -> Vec<OperationPlan> {
    let Some(container) = model.container.as_ref() else {
        return Vec::new();
    };
    let mut methods = NameScope::new(Case::Snake);
    CLIENT_METHODS.iter().for_each(|m| methods.reserve(m));
    for r in roots {
        methods.reserve(&r.method);
    }
    let mut plans = Vec::new();
    for import in &container.imports {
        for &id in &import.operations {
            let mut o = match operation(model, id) {
                Ok(o) => o,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            o.segment.clone_from(&import.name.csdl);
            o.method = methods.claim(&import.name.rust);
            o.builder = names.claim(&format!("{}Request", cased(&o.method, Case::UpperCamel)));
            plans.push(o);
        }
    }
    plans
}

/// One pending-operation handle per long-running result type: `PendingOperation` when there is
/// one, else `<Type>PendingOperation`.
pub(super) fn pending_handles(
    model: &Model,
    operations: &[&OperationPlan],
    names: &mut NameScope,
) -> Vec<(TypeId, String)> {
    let results: BTreeSet<TypeId> = (operations.iter())
        .filter_map(|o| match o.response {
            Response::LongRunning(t) => Some(t),
            _ => None,
        })
        .collect();
    let single = results.len() == 1;
    (results.into_iter())
        .map(|t| {
            let name = match single {
                true => names.claim("PendingOperation"),
                false => names.claim(&format!("{}PendingOperation", type_stem(model, t))),
            };
            (t, name)
        })
        .collect()
}

/// Enum types passed as function parameter literals (each needs a literal impl).
pub(super) fn parameter_enums(model: &Model, operations: &[&OperationPlan]) -> BTreeSet<TypeId> {
    (operations.iter())
        .filter(|o| o.function)
        .flat_map(|o| &o.params)
        .filter(|p| p.encoding == Encoding::Literal)
        .filter_map(|p| match p.ty.target {
            TypeTarget::Defined(id) => match &model.ty(id).kind {
                TypeKind::Enum(e) if !e.is_flags => Some(id),
                _ => None,
            },
            TypeTarget::Primitive(_) => None,
        })
        .collect()
}
