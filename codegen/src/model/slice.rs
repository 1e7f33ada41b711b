//! Slicing: which types, operations and container members a set of include paths needs.
//!
//! An include path is rooted in the entity container (`/identityGovernance/roleManagementAlerts`;
//! `/` is the whole container), read like the container part of an annotation target (see
//! [`super::annotation_target`]: an empty segment is an error). Walking it, intermediate types
//! keep only the navigation property on the path; the final type and everything contained
//! beneath it is included.
//!
//! The type closure adds: property types, operation parameter and return types, base types (the
//! full chain), targets of containment navigation properties, and the derived types of every
//! type used as a declared type (property, navigation, parameter, return type, path target).
//! A type that is only inherited from does not bring its subtypes, so `entity` does not pull in
//! its hundreds of subtypes. Non-contained navigation properties survive only when their target
//! is in the slice. Operations are included when bound to an included type.
//!
//! [`slice`] then prunes the syntax document to this selection (see `slice_prune`).

use std::collections::{BTreeMap, BTreeSet};

use super::annotation_target::parse_container_path;
use super::{Model, OperationId, TypeId, TypeKind, TypeTarget, TypeUse};
use crate::csdl::syntax::{Document, Pos};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// What a slice keeps, in model terms.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Types kept with all their members.
    pub full: BTreeSet<TypeId>,
    /// Types on a path that keep only some navigation properties (own ones, by CSDL name).
    pub partial: BTreeMap<TypeId, BTreeSet<String>>,
    /// Entity sets and singletons kept, by CSDL name.
    pub container_members: BTreeSet<String>,
    /// Whether the whole container (`/`) is kept, imports included.
    pub whole_container: bool,
    /// Operations kept.
    pub operations: BTreeSet<OperationId>,
    /// Per kept structured type: the own navigation properties kept, by CSDL name.
    pub kept_navigations: BTreeMap<TypeId, BTreeSet<String>>,
}

impl Selection {
    /// Whether the type is in the slice, fully or as a path step.
    pub fn contains(&self, id: TypeId) -> bool {
        self.full.contains(&id) || self.partial.contains_key(&id)
    }

    /// Sorted qualified names of all types in the slice.
    pub fn type_names(&self, model: &Model) -> Vec<String> {
        let ids = self.full.iter().chain(self.partial.keys());
        let mut names: Vec<String> = ids.map(|&id| model.ty(id).qualified_name.clone()).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// An include path and where it was given, so that a path that does not resolve is reported
/// there (a line of an include-paths file, or the command line) rather than in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncludePath<'a> {
    /// The path, rooted in the entity container (`/` is the whole container).
    pub path: &'a str,
    /// Where the path was given: a file name, or what else gave it (`command line`).
    pub source: &'a str,
    /// Line and column of the path in `source`; line 0 when it has no position there.
    pub pos: Pos,
}

impl<'a> IncludePath<'a> {
    /// A path written at `pos` in the file `source`.
    pub fn in_file(path: &'a str, source: &'a str, pos: Pos) -> Self {
        IncludePath { path, source, pos }
    }

    /// A path given as a command-line argument (`--include`): no file position.
    pub fn on_command_line(path: &'a str) -> Self {
        IncludePath {
            path,
            source: "command line (--include)",
            pos: Pos::default(),
        }
    }
}

/// What a slice takes beyond the closure of its include paths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SliceOptions {
    /// Keep every type of the model, even those no include path reaches (with all their
    /// navigation properties and bound operations); container members are still pruned to the
    /// include paths.
    pub all_types: bool,
}

/// Prunes `doc` (the document `model` was resolved from) to the include paths, returning a
/// CSDL document that is valid on its own. Fails if a path does not resolve, reporting it
/// where the path was given.
pub fn slice(
    doc: &Document,
    model: &Model,
    include_paths: &[IncludePath],
) -> Result<Document, Diagnostics> {
    slice_with(doc, model, include_paths, SliceOptions::default())
}

/// [`slice()`] with options.
pub fn slice_with(
    doc: &Document,
    model: &Model,
    include_paths: &[IncludePath],
    options: SliceOptions,
) -> Result<Document, Diagnostics> {
    let selection = select_with(model, include_paths, options)?;
    Ok(prune(doc, model, &selection))
}

/// Prunes `doc` (one of the documents `model` was resolved from) to a `selection` computed
/// once with [`select`] or [`select_with`]: how several documents (metadata and annotations)
/// are sliced alike.
pub fn prune(doc: &Document, model: &Model, selection: &Selection) -> Document {
    super::slice_prune::prune(doc, model, selection)
}

/// Computes the selection for `include_paths`.
pub fn select(model: &Model, include_paths: &[IncludePath]) -> Result<Selection, Diagnostics> {
    select_with(model, include_paths, SliceOptions::default())
}

/// [`select`] with options.
pub fn select_with(
    model: &Model,
    include_paths: &[IncludePath],
    options: SliceOptions,
) -> Result<Selection, Diagnostics> {
    let mut closure = Closure {
        model,
        selection: Selection::default(),
        queue: Vec::new(),
    };
    let errors: Vec<Diagnostic> = include_paths
        .iter()
        .filter_map(|given| {
            let message = closure.walk_path(given.path).err()?;
            Some(Diagnostic::new(given.source, given.pos, message))
        })
        .collect();
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    if options.all_types {
        (0..model.types.len()).for_each(|i| closure.include(TypeId(i)));
    }
    closure.run();
    let mut selection = closure.selection;
    let full = selection.full.clone();
    selection.partial.retain(|id, _| !full.contains(id));
    selection.kept_navigations = kept_navigations(model, &selection);
    Ok(selection)
}

struct Closure<'m> {
    model: &'m Model,
    selection: Selection,
    queue: Vec<TypeId>,
}

impl Closure<'_> {
    /// Follows one include path, marking path steps and using the final type as declared.
    fn walk_path(&mut self, path: &str) -> Result<(), String> {
        let container = self
            .model
            .container
            .as_ref()
            .ok_or("the model has no entity container")?;
        let segments =
            parse_container_path(path).map_err(|e| format!("include path `{path}`: {e}"))?;
        let Some((&first, deeper)) = segments.split_first() else {
            self.select_whole_container();
            return Ok(());
        };
        let (mut current, _) = container.member(first).ok_or_else(|| {
            format!(
                "include path `{path}`: no entity set or singleton `{first}` in container `{}`",
                container.qualified_name
            )
        })?;
        self.selection.container_members.insert(first.to_owned());
        for &segment in deeper {
            let nav = self
                .model
                .structured(current)
                .and_then(|s| s.navigation(segment))
                .ok_or_else(|| {
                    format!(
                        "include path `{path}`: no navigation property `{segment}` on `{}`",
                        self.model.ty(current).qualified_name
                    )
                })?;
            self.include_path_step(current);
            self.include_path_step(nav.declared_in);
            if let Some(navs) = self.selection.partial.get_mut(&nav.declared_in) {
                navs.insert(segment.to_owned());
            }
            current = nav.target;
        }
        self.use_as_declared(current);
        Ok(())
    }

    fn select_whole_container(&mut self) {
        let Some(container) = self.model.container.as_ref() else {
            return;
        };
        self.selection.whole_container = true;
        for set in &container.entity_sets {
            self.selection
                .container_members
                .insert(set.name.csdl.clone());
            self.use_as_declared(set.entity_type);
        }
        for singleton in &container.singletons {
            self.selection
                .container_members
                .insert(singleton.name.csdl.clone());
            self.use_as_declared(singleton.ty);
        }
        for import in &container.imports {
            import
                .operations
                .iter()
                .for_each(|&op| self.include_operation(op));
        }
    }

    /// A type passed through on a path: its structure and base chain, but only path navigations.
    fn include_path_step(&mut self, id: TypeId) {
        if self.selection.partial.contains_key(&id) {
            return;
        }
        self.selection.partial.insert(id, BTreeSet::new());
        let Some(s) = self.model.structured(id) else {
            return;
        };
        s.ancestors.iter().for_each(|&a| self.include(a));
        let property_types: Vec<TypeUse> = s.properties.iter().map(|p| p.ty).collect();
        property_types.into_iter().for_each(|ty| self.use_type(ty));
    }

    /// A type used as a declared type: it and all its derived types are included.
    fn use_as_declared(&mut self, id: TypeId) {
        self.include(id);
        if let Some(s) = self.model.structured(id) {
            s.all_derived.iter().for_each(|&d| self.include(d));
        }
    }

    fn use_type(&mut self, ty: TypeUse) {
        if let TypeTarget::Defined(id) = ty.target {
            self.use_as_declared(id);
        }
    }

    /// Includes a type with all its members (without its subtypes).
    fn include(&mut self, id: TypeId) {
        if self.selection.full.insert(id) {
            self.queue.push(id);
        }
    }

    fn include_operation(&mut self, id: OperationId) {
        if !self.selection.operations.insert(id) {
            return;
        }
        let op = self.model.operation(id);
        let types = op
            .parameters
            .iter()
            .map(|p| p.ty)
            .chain(op.return_type.as_ref().map(|r| r.ty));
        types
            .collect::<Vec<_>>()
            .into_iter()
            .for_each(|ty| self.use_type(ty));
    }

    /// Processes included types until nothing new is added.
    fn run(&mut self) {
        while let Some(id) = self.queue.pop() {
            let TypeKind::Structured(s) = &self.model.ty(id).kind else {
                continue;
            };
            s.ancestors.iter().for_each(|&a| self.include(a));
            s.properties.iter().for_each(|p| self.use_type(p.ty));
            let contained = s.navigation_properties.iter().filter(|n| n.contains_target);
            contained.for_each(|n| self.use_as_declared(n.target));
            s.bound_operations
                .iter()
                .for_each(|&op| self.include_operation(op));
        }
    }
}

/// Own navigation properties kept per type: on full types, containment ones and those whose
/// target is in the slice; on path steps, the ones on the path.
fn kept_navigations(model: &Model, selection: &Selection) -> BTreeMap<TypeId, BTreeSet<String>> {
    let mut kept: BTreeMap<TypeId, BTreeSet<String>> = selection.partial.clone();
    for &id in &selection.full {
        let Some(s) = model.structured(id) else {
            continue;
        };
        let own = s
            .navigation_properties
            .iter()
            .filter(|n| n.declared_in == id);
        let names = own
            .filter(|n| n.contains_target || selection.contains(n.target))
            .map(|n| n.name.csdl.clone())
            .collect();
        kept.insert(id, names);
    }
    kept
}
