//! Pruning a syntax document to a [`Selection`]: keeps the kept types (path steps with only
//! their path navigation properties, other types without navigation properties whose targets
//! were left out), the kept operations, the kept container members with their navigation
//! property bindings pruned, annotation blocks whose target survives, references and aliases.
//! Terms are kept when the whole container is kept, otherwise only when a kept annotation uses
//! them. Schemas left empty are dropped.
//!
//! An annotation block survives when what its target names does: targets are parsed by
//! [`super::annotation_target`] and overloads matched by [`matching_overloads`], as the
//! resolver does, so a block the slice keeps resolves in the slice and a block it drops
//! annotates something the slice left out. A block targeting a term of the same document
//! survives with the term.

use std::collections::{BTreeMap, BTreeSet};

use super::annotation_target::parse_target;
use super::operations::{binding_key, matching_overloads, overloads};
use super::resolve::{document_aliases, qualify_with};
use super::slice::Selection;
use super::{Model, OperationId, TypeId};
use crate::csdl::syntax::{
    Annotation, AnnotationsBlock, Document, EntityContainer, Expr, NavigationPropertyBinding,
    Operation, Schema, StructuredType,
};

/// The pruned copy of `doc`.
pub(crate) fn prune(doc: &Document, model: &Model, selection: &Selection) -> Document {
    let pruner = Pruner {
        model,
        selection,
        aliases: document_aliases(doc),
        terms: (doc.schemas.iter())
            .flat_map(|s| {
                s.terms
                    .iter()
                    .map(|t| format!("{}.{}", s.namespace, t.name))
            })
            .collect(),
        kept_operations: selection
            .operations
            .iter()
            .map(|&id| {
                let op = model.operation(id);
                (op.qualified_name.clone(), binding_key(model, op))
            })
            .collect(),
    };
    let mut schemas: Vec<Schema> = doc.schemas.iter().map(|s| pruner.schema(s)).collect();
    if !selection.whole_container {
        let used = terms_kept(&pruner, &mut schemas);
        for schema in &mut schemas {
            let namespace = schema.namespace.clone();
            schema
                .terms
                .retain(|t| used.contains(&format!("{namespace}.{}", t.name)));
        }
    }
    schemas.retain(|s| !is_empty(s));
    Document {
        source: doc.source.clone(),
        version: doc.version.clone(),
        references: doc.references.clone(),
        schemas,
    }
}

struct Pruner<'m> {
    model: &'m Model,
    selection: &'m Selection,
    aliases: BTreeMap<String, String>,
    /// Qualified names of the terms `doc` declares.
    terms: BTreeSet<String>,
    kept_operations: BTreeSet<(String, String)>,
}

impl Pruner<'_> {
    fn qualify(&self, name: &str) -> String {
        qualify_with(&self.aliases, name)
    }

    fn type_in_slice(&self, namespace: &str, name: &str) -> Option<TypeId> {
        let id = self.model.type_id(&format!("{namespace}.{name}"))?;
        self.selection.contains(id).then_some(id)
    }

    fn schema(&self, schema: &Schema) -> Schema {
        let ns = schema.namespace.as_str();
        Schema {
            structured_types: schema
                .structured_types
                .iter()
                .filter_map(|t| self.structured(ns, t))
                .collect(),
            enum_types: schema
                .enum_types
                .iter()
                .filter(|t| self.type_in_slice(ns, &t.name).is_some())
                .cloned()
                .collect(),
            type_definitions: schema
                .type_definitions
                .iter()
                .filter(|t| self.type_in_slice(ns, &t.name).is_some())
                .cloned()
                .collect(),
            operations: schema
                .operations
                .iter()
                .filter(|op| self.operation_kept(ns, op))
                .cloned()
                .collect(),
            terms: schema.terms.clone(),
            entity_containers: schema
                .entity_containers
                .iter()
                .map(|c| self.container(c))
                .collect(),
            annotation_blocks: schema
                .annotation_blocks
                .iter()
                .filter(|b| self.block_kept(b))
                .cloned()
                .collect(),
            ..schema.clone()
        }
    }

    fn structured(&self, namespace: &str, t: &StructuredType) -> Option<StructuredType> {
        let id = self.type_in_slice(namespace, &t.name)?;
        let kept = self.selection.kept_navigations.get(&id);
        let mut pruned = t.clone();
        pruned
            .navigation_properties
            .retain(|n| kept.is_some_and(|k| k.contains(&n.name)));
        Some(pruned)
    }

    fn operation_kept(&self, namespace: &str, op: &Operation) -> bool {
        let qualified = format!("{namespace}.{}", op.name);
        let binding = match op.parameters.first().filter(|_| op.is_bound) {
            Some(p) if p.ty.collection => format!("Collection({})", self.qualify(&p.ty.name)),
            Some(p) => self.qualify(&p.ty.name),
            None => String::new(),
        };
        self.kept_operations.contains(&(qualified, binding))
    }

    fn container(&self, c: &EntityContainer) -> EntityContainer {
        let members = &self.selection.container_members;
        let mut pruned = c.clone();
        pruned.entity_sets.retain(|s| members.contains(&s.name));
        pruned.singletons.retain(|s| members.contains(&s.name));
        for set in &mut pruned.entity_sets {
            let ty = self.model.type_id(&self.qualify(&set.entity_type));
            set.navigation_property_bindings
                .retain(|b| self.binding_kept(ty, b));
        }
        for singleton in &mut pruned.singletons {
            let ty = self.model.type_id(&self.qualify(&singleton.ty));
            singleton
                .navigation_property_bindings
                .retain(|b| self.binding_kept(ty, b));
        }
        if !self.selection.whole_container {
            pruned.action_imports.clear();
            pruned.function_imports.clear();
        }
        pruned
    }

    /// A binding survives when its target set is kept and every navigation on its path is.
    fn binding_kept(&self, start: Option<TypeId>, binding: &NavigationPropertyBinding) -> bool {
        let target = binding.target.rsplit('/').next().unwrap_or_default();
        if !self.selection.container_members.contains(target) {
            return false;
        }
        let mut current = start;
        for segment in binding.path.split('/') {
            current = match current {
                _ if segment.contains('.') => self.model.type_id(&self.qualify(segment)),
                Some(id) => self.kept_navigation_target(id, segment),
                None => None,
            };
        }
        current.is_some()
    }

    fn kept_navigation_target(&self, id: TypeId, name: &str) -> Option<TypeId> {
        let nav = self.model.structured(id)?.navigation(name)?;
        let kept = self.selection.kept_navigations.get(&nav.declared_in)?;
        kept.contains(name).then_some(nav.target)
    }

    /// Whether an external annotations block targets something that survives (a malformed
    /// target, which the resolver reports, survives nowhere).
    fn block_kept(&self, block: &AnnotationsBlock) -> bool {
        let Ok(target) = parse_target(&block.target) else {
            return false;
        };
        let head = self.qualify(target.head);
        if let Some(signature) = &target.overload {
            let listed: Vec<String> = (signature.iter())
                .map(|t| t.key(|name| self.qualify(name)))
                .collect();
            return self.any_kept(matching_overloads(self.model, &head, &listed));
        }
        let container = self.model.container.as_ref();
        if container.is_some_and(|c| c.qualified_name == head) {
            return self.container_path_kept(&target.path);
        }
        if let Some(id) = self.model.type_id(&head) {
            return self.selection.contains(id) && self.type_path_kept(id, &target.path);
        }
        self.any_kept(overloads(self.model, &head)) || self.terms.contains(&head)
    }

    /// The term a block targets, if it is one of this document's (the block then survives
    /// with the term: see [`terms_kept`]).
    fn targeted_term(&self, block: &AnnotationsBlock) -> Option<String> {
        let target = parse_target(&block.target).ok()?;
        let head = self.qualify(target.head);
        (target.overload.is_none() && self.terms.contains(&head)).then_some(head)
    }

    /// Whether any of the operations `ids` is kept.
    fn any_kept(&self, mut ids: impl Iterator<Item = usize>) -> bool {
        ids.any(|i| self.selection.operations.contains(&OperationId(i)))
    }

    /// Whether a container path (`set/nav/...`, without the container) survives: the container
    /// itself always does; an import when the whole container is kept; otherwise its first
    /// segment is a kept member and the rest survives [`Pruner::path_kept`].
    fn container_path_kept(&self, path: &[&str]) -> bool {
        let Some((first, deeper)) = path.split_first() else {
            return true;
        };
        let Some(container) = self.model.container.as_ref() else {
            return false;
        };
        if container.imports.iter().any(|i| i.name.csdl == *first) {
            return self.selection.whole_container;
        }
        let member = container.member(first);
        match member.filter(|_| self.selection.container_members.contains(*first)) {
            Some((start, _)) => self.path_kept(start, deeper),
            None => false,
        }
    }

    /// Whether a path below the kept type `id` survives: its own member for one segment
    /// (the resolver rejects inherited ones), [`Pruner::path_kept`] for more.
    fn type_path_kept(&self, id: TypeId, path: &[&str]) -> bool {
        match path {
            [] => true,
            [member] => self.member_kept(id, member),
            deeper => self.path_kept(id, deeper),
        }
    }

    /// Whether `segments` below the type `start` survive: every navigation property on the
    /// way is kept, a type cast is in the slice, and a structural property ends the walk.
    fn path_kept(&self, start: TypeId, segments: &[&str]) -> bool {
        let mut current = start;
        for segment in segments {
            if let Some(cast) = self.model.type_id(&self.qualify(segment)) {
                if !self.selection.contains(cast) {
                    return false;
                }
                current = cast;
                continue;
            }
            if (self.model.structured(current)).is_some_and(|s| s.property(segment).is_some()) {
                return true;
            }
            match self.kept_navigation_target(current, segment) {
                Some(target) => current = target,
                None => return false,
            }
        }
        true
    }

    fn member_kept(&self, id: TypeId, member: &str) -> bool {
        let ty = self.model.ty(id);
        match &ty.kind {
            super::TypeKind::Structured(s) => {
                let own_property = s
                    .properties
                    .iter()
                    .any(|p| p.name.csdl == member && p.declared_in == id);
                let kept_nav = self
                    .selection
                    .kept_navigations
                    .get(&id)
                    .is_some_and(|k| k.contains(member));
                own_property || kept_nav
            }
            super::TypeKind::Enum(e) => e.members.iter().any(|m| m.name.csdl == member),
            super::TypeKind::Definition(_) => false,
        }
    }
}

/// The terms a partial slice keeps: those used by an annotation left in `schemas` outside the
/// blocks that target a term, and, to a fixpoint, those used by the blocks targeting a kept
/// term (a term kept only through another term's block keeps its own blocks). Drops the blocks
/// targeting a term not kept.
fn terms_kept(pruner: &Pruner, schemas: &mut [Schema]) -> BTreeSet<String> {
    let mut used = used_terms(pruner, schemas);
    loop {
        let found = terms_used_on_kept_terms(pruner, schemas, &used);
        let before = used.len();
        used.extend(found);
        if used.len() == before {
            break;
        }
    }
    for schema in schemas.iter_mut() {
        (schema.annotation_blocks).retain(|b| {
            pruner
                .targeted_term(b)
                .is_none_or(|term| used.contains(&term))
        });
    }
    used
}

/// Qualified names of the terms used by the blocks that target a term in `kept`.
fn terms_used_on_kept_terms(
    pruner: &Pruner,
    schemas: &[Schema],
    kept: &BTreeSet<String>,
) -> Vec<String> {
    let blocks = schemas.iter().flat_map(|s| &s.annotation_blocks);
    let on_kept = blocks.filter(|b| pruner.targeted_term(b).is_some_and(|t| kept.contains(&t)));
    let mut found = Vec::new();
    for block in on_kept {
        collect_terms(&block.annotations, &mut |term| {
            found.push(pruner.qualify(term));
        });
    }
    found
}

/// Qualified names of the terms used by any annotation left in `schemas`, outside the blocks
/// that target a term.
fn used_terms(pruner: &Pruner, schemas: &[Schema]) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut add = |annotations: &[Annotation]| {
        collect_terms(annotations, &mut |term| {
            used.insert(pruner.qualify(term));
        })
    };
    for schema in schemas {
        add(&schema.annotations);
        (schema.annotation_blocks.iter())
            .filter(|b| pruner.targeted_term(b).is_none())
            .for_each(|b| add(&b.annotations));
        schema.enum_types.iter().for_each(|e| {
            add(&e.annotations);
            e.members.iter().for_each(|m| add(&m.annotations));
        });
        schema
            .type_definitions
            .iter()
            .for_each(|t| add(&t.annotations));
        for t in &schema.structured_types {
            add(&t.annotations);
            t.properties.iter().for_each(|p| add(&p.annotations));
            t.navigation_properties
                .iter()
                .for_each(|n| add(&n.annotations));
        }
        for op in &schema.operations {
            add(&op.annotations);
            op.parameters.iter().for_each(|p| add(&p.annotations));
        }
        for c in &schema.entity_containers {
            add(&c.annotations);
            c.entity_sets.iter().for_each(|s| add(&s.annotations));
            c.singletons.iter().for_each(|s| add(&s.annotations));
        }
    }
    used
}

/// Calls `found` with every term of `annotations`, including annotations nested in records.
fn collect_terms(annotations: &[Annotation], found: &mut dyn FnMut(&str)) {
    for annotation in annotations {
        found(&annotation.term);
        collect_expr_terms(&annotation.value, found);
    }
}

fn collect_expr_terms(expr: &Expr, found: &mut dyn FnMut(&str)) {
    match expr {
        Expr::Record(record) => {
            collect_terms(&record.annotations, found);
            record
                .property_values
                .iter()
                .for_each(|pv| collect_expr_terms(&pv.value, found));
        }
        Expr::Collection(items) => items
            .iter()
            .for_each(|item| collect_expr_terms(item, found)),
        _ => {}
    }
}

fn is_empty(schema: &Schema) -> bool {
    schema.structured_types.is_empty()
        && schema.enum_types.is_empty()
        && schema.type_definitions.is_empty()
        && schema.operations.is_empty()
        && schema.terms.is_empty()
        && schema.entity_containers.is_empty()
        && schema.annotation_blocks.is_empty()
}
