//! External `Annotations` blocks, applied by target: a type, a type member (`ns.type/prop`), an
//! operation overload (`ns.op(ns.type, Edm.String)`; `ns.op()` is the unbound one) or one of
//! its parameters (`ns.op(ns.type)/param`, `ns.op/param` for all overloads), or a container
//! path (`ns.Container/set/nav`). A longer parameter path (`ns.op(ns.type)/param/member`) names
//! a member of the parameter's type, not the parameter. Targets are parsed by [`super::annotation_target`]; the
//! descriptions, capabilities and property mutability (`Core.Computed`, `Core.Immutable`)
//! they carry are interpreted by [`super::annotations`].
//!
//! A target that is malformed or does not resolve (unknown type, member, container path,
//! operation, overload or parameter) is reported at the block's position, so a typo in a
//! hand-written annotations document cannot silently change the generated API. The check
//! applies to every document, the vendored Graph `$metadata` included: all 284 of its
//! `Annotations` blocks (109 on a type or operation, 175 on a member or container child)
//! resolve, so no document needs an exemption. A member inherited from a base type is an error
//! with a hint to target the base (applying it to the base would change the siblings too).
//! Targets the model has no place for (an operation named without a signature, a term, the
//! container itself, a member of a member, the binding parameter, `$ReturnType`, a member of a
//! parameter's type) resolve but carry nothing the writers use.

use super::annotation_target::parse_target;
use super::annotations::{Mutability, capabilities, docs, long_running, mutability, overlay_docs};
use super::operations::{matching_overloads, overloads};
use super::resolve::{Resolver, join_qualified};
use super::{
    Capabilities, Container, Docs, Model, OperationDef, TypeId, TypeKind, TypeTarget, TypeUse,
};
use crate::csdl::syntax::AnnotationsBlock;

/// Applies every external `Annotations` block of every document and reports those whose target
/// does not resolve. Runs before inheritance is flattened, so annotations on a property reach
/// the copies in derived types.
pub(crate) fn apply_external(cx: &mut Resolver) {
    let docs_in = cx.docs;
    for (d, doc) in docs_in.iter().enumerate() {
        for block in doc.schemas.iter().flat_map(|s| &s.annotation_blocks) {
            if let Err(problem) = apply_block(cx, d, block) {
                let message = format!("annotation target `{}`: {problem}", block.target);
                cx.error(d, block.pos, message);
            }
        }
    }
}

/// Applies one block, or says why its target does not resolve.
fn apply_block(cx: &mut Resolver, doc: usize, block: &AnnotationsBlock) -> Result<(), String> {
    let target = parse_target(&block.target).map_err(|e| e.to_string())?;
    let found_docs = docs(cx, doc, &block.annotations);
    let head = cx.qualify(doc, target.head);
    if let Some(signature) = &target.overload {
        let listed: Vec<String> = (signature.iter())
            .map(|t| t.key(|name| cx.qualify(doc, name)))
            .collect();
        let long_running = long_running(cx, doc, &block.annotations);
        let overload = Overload {
            name: &head,
            listed: &listed,
            long_running,
        };
        return apply_to_overload(&mut cx.model, &overload, &target.path, found_docs);
    }
    let caps = capabilities(cx, doc, &block.annotations);
    let member = MemberTerms {
        docs: found_docs,
        caps,
        mutability: mutability(cx, doc, &block.annotations),
    };
    // Every segment qualified: a type cast in the path may be written with an alias.
    let path: Vec<String> = target.path.iter().map(|s| cx.qualify(doc, s)).collect();
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    apply_to_path(cx, &head, &path, member)
}

/// What a block without a signature carries: descriptions, capabilities, and for a structural
/// property its mutability.
struct MemberTerms {
    docs: Docs,
    caps: Capabilities,
    mutability: Mutability,
}

/// Applies a target without a signature: `head` (qualified) and the segments after it.
fn apply_to_path(
    cx: &mut Resolver,
    head: &str,
    rest: &[&str],
    terms: MemberTerms,
) -> Result<(), String> {
    let is_container = (cx.model.container.as_ref()).is_some_and(|c| c.qualified_name == head);
    if is_container {
        return apply_to_container_path(&mut cx.model, rest, terms.docs, terms.caps);
    }
    if let Some(id) = cx.model.type_id(head) {
        return apply_to_type(&mut cx.model, id, rest, terms);
    }
    let all: Vec<usize> = overloads(&cx.model, head).collect();
    if let ([param, members @ ..], false) = (rest, all.is_empty()) {
        return apply_to_parameter_path(&mut cx.model, &all, param, members, terms.docs);
    }
    if !all.is_empty() || is_term(cx, head) {
        return Ok(());
    }
    Err(format!(
        "no type, operation, term or entity container `{head}`"
    ))
}

/// Whether a document declares the term `qualified`.
fn is_term(cx: &Resolver, qualified: &str) -> bool {
    let schemas = cx.docs.iter().flat_map(|d| &d.schemas);
    let mut terms = schemas.flat_map(|s| s.terms.iter().map(|t| (&s.namespace, &t.name)));
    terms.any(|(namespace, name)| join_qualified(namespace, name) == qualified)
}

fn apply_to_type(
    model: &mut Model,
    id: TypeId,
    rest: &[&str],
    terms: MemberTerms,
) -> Result<(), String> {
    match rest {
        [] => {
            let ty = &mut model.types[id.0];
            overlay_docs(&mut ty.docs, terms.docs);
            if let TypeKind::Structured(s) = &mut ty.kind {
                s.capabilities = std::mem::take(&mut s.capabilities).overlaid_with(terms.caps);
            }
            Ok(())
        }
        [member] => apply_to_member(model, id, member, terms),
        deeper => follow_navigations(model, id, deeper),
    }
}

fn apply_to_member(
    model: &mut Model,
    id: TypeId,
    member: &str,
    terms: MemberTerms,
) -> Result<(), String> {
    let MemberTerms {
        docs,
        caps,
        mutability,
    } = terms;
    let (_, declared_in) = find_member(model, id, member)?;
    if declared_in != id {
        let base = &model.ty(declared_in).qualified_name;
        return Err(format!(
            "`{member}` is inherited from `{base}`: target `{base}/{member}` instead"
        ));
    }
    match &mut model.types[declared_in.0].kind {
        TypeKind::Structured(s) => {
            if let Some(p) = s.properties.iter_mut().find(|p| p.name.csdl == member) {
                overlay_docs(&mut p.docs, docs);
                mutability.apply_to(p);
            } else if let Some(n) =
                (s.navigation_properties.iter_mut()).find(|n| n.name.csdl == member)
            {
                overlay_docs(&mut n.docs, docs);
                n.capabilities = std::mem::take(&mut n.capabilities).overlaid_with(caps);
            }
        }
        TypeKind::Enum(e) => {
            if let Some(m) = e.members.iter_mut().find(|m| m.name.csdl == member) {
                overlay_docs(&mut m.docs, docs);
            }
        }
        TypeKind::Definition(_) => {}
    }
    Ok(())
}

/// The member `member` of type `id` or of one of its base types (inheritance is not flattened
/// yet): the member's type if it has one, and the type that declares it.
fn find_member(
    model: &Model,
    id: TypeId,
    member: &str,
) -> Result<(Option<TypeId>, TypeId), String> {
    let mut current = Some(id);
    // Bounded: cycles are only broken later, by the inheritance pass.
    for _ in 0..=model.types.len() {
        let Some(ty) = current else { break };
        match &model.ty(ty).kind {
            TypeKind::Structured(s) => {
                if let Some(p) = s.properties.iter().find(|p| p.name.csdl == member) {
                    let target = match p.ty.target {
                        TypeTarget::Defined(target) => Some(target),
                        TypeTarget::Primitive(_) => None,
                    };
                    return Ok((target, ty));
                }
                if let Some(n) = s
                    .navigation_properties
                    .iter()
                    .find(|n| n.name.csdl == member)
                {
                    return Ok((Some(n.target), ty));
                }
                current = s.base;
            }
            TypeKind::Enum(e) if e.members.iter().any(|m| m.name.csdl == member) => {
                return Ok((None, ty));
            }
            _ => break,
        }
    }
    let owner = &model.ty(id).qualified_name;
    Err(format!("`{owner}` has no member `{member}`"))
}

fn apply_to_container_path(
    model: &mut Model,
    path: &[&str],
    docs: Docs,
    caps: Capabilities,
) -> Result<(), String> {
    let Some(container) = model.container.as_ref() else {
        return Ok(());
    };
    match path {
        [] => Ok(()),
        [name] => {
            let known = container.member(name).is_some()
                || container.imports.iter().any(|i| i.name.csdl == *name);
            if !known {
                return Err(no_container_member(container, name));
            }
            if let Some(container) = model.container.as_mut() {
                apply_to_container_member(container, name, docs, caps);
            }
            Ok(())
        }
        [first, deeper @ ..] => {
            let (start, _) =
                (container.member(first)).ok_or_else(|| no_container_member(container, first))?;
            follow_navigations(model, start, deeper)?;
            if let Some(container) = model.container.as_mut() {
                let entry = container
                    .path_capabilities
                    .entry(path.join("/"))
                    .or_default();
                *entry = std::mem::take(entry).overlaid_with(caps);
            }
            Ok(())
        }
    }
}

fn no_container_member(container: &Container, name: &str) -> String {
    format!(
        "no entity set, singleton or import `{name}` in container `{}`",
        container.qualified_name
    )
}

/// Follows `segments` from the type `start`: navigation or structural properties, or a type
/// cast (a qualified type name).
fn follow_navigations(model: &Model, start: TypeId, segments: &[&str]) -> Result<(), String> {
    let mut current = start;
    for (at, segment) in segments.iter().enumerate() {
        if let Some(cast) = model.type_id(segment) {
            current = cast;
            continue;
        }
        let (ty, _) = find_member(model, current, segment)?;
        match (ty, segments.get(at + 1..).unwrap_or_default()) {
            (Some(next), _) => current = next,
            (None, []) => return Ok(()),
            // As for a parameter of primitive type (see `resolve_parameter_members`).
            (None, rest) => {
                return Err(format!(
                    "member `{segment}` has a primitive type, with no member `{}`",
                    rest.join("/")
                ));
            }
        }
    }
    Ok(())
}

fn apply_to_container_member(
    container: &mut Container,
    name: &str,
    docs: Docs,
    caps: Capabilities,
) {
    if let Some(set) = container
        .entity_sets
        .iter_mut()
        .find(|s| s.name.csdl == name)
    {
        overlay_docs(&mut set.docs, docs);
        set.capabilities = std::mem::take(&mut set.capabilities).overlaid_with(caps);
    } else if let Some(single) = container
        .singletons
        .iter_mut()
        .find(|s| s.name.csdl == name)
    {
        overlay_docs(&mut single.docs, docs);
        single.capabilities = std::mem::take(&mut single.capabilities).overlaid_with(caps);
    }
}

/// An overload signature target: the operation's qualified name, the parameter types listed
/// (as type keys, binding parameter first) and a long-running result to record.
struct Overload<'t> {
    name: &'t str,
    listed: &'t [String],
    long_running: Option<String>,
}

/// Applies docs (and a long-running result) to the operations matching a signature target
/// `ns.name(T1, T2, ...)` (see [`matching_overloads`]), or to their parameter `ns.name(...)/p`.
fn apply_to_overload(
    model: &mut Model,
    overload: &Overload,
    path: &[&str],
    docs: Docs,
) -> Result<(), String> {
    let name = overload.name;
    if overloads(model, name).next().is_none() {
        return Err(format!("no action or function `{name}`"));
    }
    let matching: Vec<usize> = matching_overloads(model, name, overload.listed).collect();
    if matching.is_empty() {
        let listed = overload.listed.join(", ");
        return Err(format!("no overload of `{name}` takes ({listed})"));
    }
    if let [param, members @ ..] = path {
        return apply_to_parameter_path(model, &matching, param, members, docs);
    }
    for i in matching {
        if let Some(op) = model.operations.get_mut(i) {
            overlay_docs(&mut op.docs, docs.clone());
            if overload.long_running.is_some() {
                op.long_running.clone_from(&overload.long_running);
            }
        }
    }
    Ok(())
}

/// Applies docs to the parameter `param` of the operations `ids` when no `members` follow it;
/// members name a member of the parameter's type, which must exist but carries nothing.
fn apply_to_parameter_path(
    model: &mut Model,
    ids: &[usize],
    param: &str,
    members: &[&str],
    docs: Docs,
) -> Result<(), String> {
    match members {
        [] => apply_to_parameter(model, ids, param, docs),
        _ => resolve_parameter_members(model, ids, param, members),
    }
}

/// Checks that `members` resolve from the type of the parameter `param` (the binding parameter
/// and `$ReturnType` included) of at least one of the operations `ids`.
fn resolve_parameter_members(
    model: &Model,
    ids: &[usize],
    param: &str,
    members: &[&str],
) -> Result<(), String> {
    let ops = ids.iter().filter_map(|&i| model.operations.get(i));
    let types: Vec<&TypeUse> = ops.filter_map(|op| parameter_type(op, param)).collect();
    if types.is_empty() {
        return Err(no_parameter(model, ids, param));
    }
    let mut first_problem = String::new();
    for ty in types {
        let found = match ty.target {
            TypeTarget::Defined(id) => follow_navigations(model, id, members),
            TypeTarget::Primitive(_) => Err(format!(
                "parameter `{param}` has a primitive type, with no member `{}`",
                members.join("/")
            )),
        };
        match found {
            Ok(()) => return Ok(()),
            Err(problem) if first_problem.is_empty() => first_problem = problem,
            Err(_) => {}
        }
    }
    Err(first_problem)
}

/// The type of the parameter `param` of `op`: a declared parameter, the binding parameter or
/// `$ReturnType`.
fn parameter_type<'m>(op: &'m OperationDef, param: &str) -> Option<&'m TypeUse> {
    if param == "$ReturnType" {
        return op.return_type.as_ref().map(|r| &r.ty);
    }
    if let Some(binding) = op.binding.as_ref().filter(|b| b.parameter == param) {
        return Some(&binding.ty);
    }
    let mut declared = op.parameters.iter();
    declared.find(|p| p.name.csdl == param).map(|p| &p.ty)
}

/// Applies docs to the parameter `param` of the operations `ids` (the binding parameter and
/// `$ReturnType` resolve but have no docs of their own), or says that none of them has it.
fn apply_to_parameter(
    model: &mut Model,
    ids: &[usize],
    param: &str,
    docs: Docs,
) -> Result<(), String> {
    let mut found = false;
    for &i in ids {
        let Some(op) = model.operations.get_mut(i) else {
            continue;
        };
        found |= parameter_type(op, param).is_some();
        for p in op.parameters.iter_mut().filter(|p| p.name.csdl == param) {
            overlay_docs(&mut p.docs, docs.clone());
            found = true;
        }
    }
    if found {
        return Ok(());
    }
    Err(no_parameter(model, ids, param))
}

fn no_parameter(model: &Model, ids: &[usize], param: &str) -> String {
    let name = (ids.first())
        .and_then(|&i| model.operations.get(i))
        .map_or("", |op| op.qualified_name.as_str());
    format!("no overload of `{name}` has a parameter `{param}`")
}
