//! Interpretation of annotation terms: `Core.Description` / `Core.LongDescription` become
//! [`Docs`], the Capabilities restrictions become [`Capabilities`].
//!
//! Terms are matched by full name (`Org.OData.Capabilities.V1.UpdateRestrictions`) after alias
//! expansion, so `Capabilities.UpdateRestrictions` under an `edmx:Include Alias` works too.
//! Qualifiers are ignored (Graph writes e.g. `Qualifier="Org.OData.Capabilities.V1.ExpandRestrictions"`
//! on its default annotations); later annotations of a term override earlier ones. All other
//! terms are skipped, never an error. The generator's own vocabulary `RustCodegen.V1` has one
//! term, `LongRunning` (on an action: it answers `202 Accepted` + `Location`, and polling the
//! location returns the qualified type given as the term's string value). External
//! `Annotations` blocks are applied by target: a type, a type member (`ns.type/prop`), an
//! operation signature (`ns.op(ns.type, Edm.String)`), or a container path
//! (`ns.Container/set/nav`). Targets that do not resolve are skipped.

use super::resolve::{Resolver, type_use_key};
use super::{Capabilities, Docs, TypeKind};
use crate::csdl::syntax::{Annotation, Expr};

const CORE: &str = "Org.OData.Core.V1.";
const CAPABILITIES: &str = "Org.OData.Capabilities.V1.";
const LONG_RUNNING: &str = "RustCodegen.V1.LongRunning";

/// The description annotations among `annotations` of an item in document `doc`.
pub(crate) fn docs(cx: &Resolver, doc: usize, annotations: &[Annotation]) -> Docs {
    let mut docs = Docs::default();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        let Some(core_term) = term.strip_prefix(CORE) else {
            continue;
        };
        let text = string_value(&annotation.value);
        match core_term {
            "Description" => docs.description = text,
            "LongDescription" => docs.long_description = text,
            _ => {}
        }
    }
    docs
}

/// The `RustCodegen.V1.LongRunning` annotation among `annotations` of an action: the qualified
/// type its monitor URL returns (alias-qualified names expanded).
pub(crate) fn long_running(
    cx: &Resolver,
    doc: usize,
    annotations: &[Annotation],
) -> Option<String> {
    let mut found = None;
    for annotation in annotations {
        if cx.qualified(doc, &annotation.term) == LONG_RUNNING {
            found = string_value(&annotation.value).map(|t| cx.qualify(doc, t.trim()));
        }
    }
    found
}

/// The Capabilities restrictions among `annotations` of an item in document `doc`.
pub(crate) fn capabilities(cx: &Resolver, doc: usize, annotations: &[Annotation]) -> Capabilities {
    let mut caps = Capabilities::default();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        if let Some(capability_term) = term.strip_prefix(CAPABILITIES) {
            apply_capability(&mut caps, capability_term, &annotation.value);
        }
    }
    caps
}

fn apply_capability(caps: &mut Capabilities, term: &str, value: &Expr) {
    let field = |property: &str| record_bool(value, property);
    match term {
        "ReadRestrictions" => caps.readable = field("Readable").or(caps.readable),
        "InsertRestrictions" => caps.insertable = field("Insertable").or(caps.insertable),
        "UpdateRestrictions" => caps.updatable = field("Updatable").or(caps.updatable),
        "DeleteRestrictions" => caps.deletable = field("Deletable").or(caps.deletable),
        "FilterRestrictions" => {
            caps.filterable = field("Filterable").or(caps.filterable);
            let required = record_paths(value, "RequiredProperties");
            if !required.is_empty() {
                caps.required_filter = required;
            }
        }
        "SortRestrictions" => caps.sortable = field("Sortable").or(caps.sortable),
        "CountRestrictions" => caps.countable = field("Countable").or(caps.countable),
        "ExpandRestrictions" => caps.expandable = field("Expandable").or(caps.expandable),
        "SelectSupport" => caps.selectable = field("Supported").or(caps.selectable),
        "SelectRestrictions" => caps.selectable = field("Selectable").or(caps.selectable),
        "TopSupported" => caps.top_supported = bool_value(value).or(caps.top_supported),
        "SkipSupported" => caps.skip_supported = bool_value(value).or(caps.skip_supported),
        _ => {}
    }
}

/// A Boolean constant; an annotation without a value means `true`.
fn bool_value(value: &Expr) -> Option<bool> {
    match value {
        Expr::Empty => Some(true),
        Expr::Const { kind, text } if kind == "Bool" => match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The Boolean property `property` of a record value.
fn record_bool(value: &Expr, property: &str) -> Option<bool> {
    let Expr::Record(record) = value else {
        return None;
    };
    let found = record
        .property_values
        .iter()
        .find(|p| p.property == property)?;
    bool_value(&found.value)
}

/// The property paths of a record's collection-valued property `property`, in order.
fn record_paths(value: &Expr, property: &str) -> Vec<String> {
    let Expr::Record(record) = value else {
        return Vec::new();
    };
    let found = record
        .property_values
        .iter()
        .find(|p| p.property == property);
    let Some(Expr::Collection(items)) = found.map(|p| &p.value) else {
        return Vec::new();
    };
    (items.iter())
        .filter_map(|item| match item {
            Expr::Const { kind, text } if kind == "PropertyPath" => Some(text.trim().to_owned()),
            _ => None,
        })
        .collect()
}

fn string_value(value: &Expr) -> Option<String> {
    match value {
        Expr::Const { kind, text } if kind == "String" => Some(text.clone()),
        _ => None,
    }
}

fn overlay_docs(base: &mut Docs, over: Docs) {
    if over.description.is_some() {
        base.description = over.description;
    }
    if over.long_description.is_some() {
        base.long_description = over.long_description;
    }
}

/// Applies every external `Annotations` block of every document. Runs before inheritance is
/// flattened, so annotations on a property reach the copies in derived types.
pub(crate) fn apply_external(cx: &mut Resolver) {
    let docs_in = cx.docs;
    for (d, doc) in docs_in.iter().enumerate() {
        let blocks = doc.schemas.iter().flat_map(|s| &s.annotation_blocks);
        for block in blocks {
            let found_docs = docs(cx, d, &block.annotations);
            let caps = capabilities(cx, d, &block.annotations);
            if block.target.contains('(') {
                let long_running = long_running(cx, d, &block.annotations);
                apply_to_operation(cx, d, &block.target, found_docs, long_running);
            } else {
                apply_to_path(cx, d, &block.target, found_docs, caps);
            }
        }
    }
}

fn apply_to_path(cx: &mut Resolver, doc: usize, target: &str, docs: Docs, caps: Capabilities) {
    let mut segments = target.split('/');
    let head = cx.qualify(doc, segments.next().unwrap_or_default());
    let rest: Vec<&str> = segments.collect();
    let is_container = cx
        .model
        .container
        .as_ref()
        .is_some_and(|c| c.qualified_name == head);
    if is_container {
        apply_to_container_path(cx, &rest, docs, caps);
    } else if let Some(id) = cx.model.type_id(&head) {
        let ty = &mut cx.model.types[id.0];
        match rest.as_slice() {
            [] => {
                overlay_docs(&mut ty.docs, docs);
                if let TypeKind::Structured(s) = &mut ty.kind {
                    s.capabilities = std::mem::take(&mut s.capabilities).overlaid_with(caps);
                }
            }
            [member] => apply_to_member(&mut ty.kind, member, docs, caps),
            _ => {}
        }
    }
}

fn apply_to_member(kind: &mut TypeKind, member: &str, docs: Docs, caps: Capabilities) {
    match kind {
        TypeKind::Structured(s) => {
            if let Some(p) = s.properties.iter_mut().find(|p| p.name.csdl == member) {
                overlay_docs(&mut p.docs, docs);
            } else if let Some(n) = s
                .navigation_properties
                .iter_mut()
                .find(|n| n.name.csdl == member)
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
}

fn apply_to_container_path(cx: &mut Resolver, path: &[&str], docs: Docs, caps: Capabilities) {
    let Some(container) = cx.model.container.as_mut() else {
        return;
    };
    match path {
        [] => {}
        [name] => {
            if let Some(set) = container
                .entity_sets
                .iter_mut()
                .find(|s| s.name.csdl == *name)
            {
                overlay_docs(&mut set.docs, docs);
                set.capabilities = std::mem::take(&mut set.capabilities).overlaid_with(caps);
            } else if let Some(single) = container
                .singletons
                .iter_mut()
                .find(|s| s.name.csdl == *name)
            {
                overlay_docs(&mut single.docs, docs);
                single.capabilities = std::mem::take(&mut single.capabilities).overlaid_with(caps);
            }
        }
        deeper => {
            let entry = container
                .path_capabilities
                .entry(deeper.join("/"))
                .or_default();
            *entry = std::mem::take(entry).overlaid_with(caps);
        }
    }
}

/// Applies docs (and a long-running result) to the operations matching a signature target
/// `ns.name(T1, T2, ...)`: same qualified name and parameter types (binding parameter first)
/// starting with the listed ones.
fn apply_to_operation(
    cx: &mut Resolver,
    doc: usize,
    target: &str,
    docs: Docs,
    long_running: Option<String>,
) {
    let Some((name, rest)) = target.split_once('(') else {
        return;
    };
    let name = cx.qualify(doc, name.trim());
    let listed: Vec<String> = rest
        .strip_suffix(')')
        .unwrap_or(rest)
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| qualify_type_text(cx, doc, t))
        .collect();
    let model = &cx.model;
    // Operations are sorted by qualified name: only the overloads of `name` are compared.
    let first = (model.operations).partition_point(|op| op.qualified_name.as_str() < name.as_str());
    let overloads =
        (first..model.operations.len()).take_while(|&i| model.operations[i].qualified_name == name);
    let matching: Vec<usize> = overloads
        .filter(|&i| {
            let op = &model.operations[i];
            let binding = op.binding.iter().map(|b| type_use_key(model, &b.ty));
            let params = op.parameters.iter().map(|p| type_use_key(model, &p.ty));
            let keys: Vec<String> = binding.chain(params).collect();
            keys.starts_with(&listed)
        })
        .collect();
    for i in matching {
        if let Some(op) = cx.model.operations.get_mut(i) {
            overlay_docs(&mut op.docs, docs.clone());
            if long_running.is_some() {
                op.long_running.clone_from(&long_running);
            }
        }
    }
}

fn qualify_type_text(cx: &Resolver, doc: usize, text: &str) -> String {
    match text
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
    {
        Some(inner) => format!("Collection({})", cx.qualify(doc, inner.trim())),
        None => cx.qualify(doc, text),
    }
}
