//! The client plan: walks the entity container into a graph of request-builder nodes and
//! decides, per node, which methods, query options and bound operations are generated. Writers
//! only print it.
//!
//! Decisions:
//! - **Nodes are states, not paths.** A node is one (entity type, *entity* or *collection*,
//!   capabilities) state: every path that reaches the same state shares one builder struct, and
//!   the concrete path and its template are accumulated at run time
//!   (`crate::runtime::ResourcePath`). So the plan is linear in the model even where containment
//!   is recursive or reaches one type along exponentially many paths (Graph's whole container).
//!   A path stays part of the state only while an annotation targets a path below it
//!   (`Model::path_capabilities`), so path-specific capabilities still apply exactly.
//! - **Edges.** A singleton or single-valued contained navigation leads to an *entity* node; an
//!   entity set or collection-valued contained navigation to a *collection* node, whose `by_id`
//!   leads to the entity node of its items. Only contained navigation is walked (other targets
//!   are reached with `$expand`). Nodes are numbered breadth-first in container order.
//! - **Names.** From the entity type (`UnifiedRoleManagementAlertRequest`,
//!   `UnifiedRoleManagementAlertCollectionRequest`, `...ListRequest`, `...GetRequest`); types
//!   outside the first namespace's module are prefixed with their module
//!   (`SecurityAlertRequest`). A second state of the same type and kind (other capabilities)
//!   is prefixed with the navigation that reached it first. A navigation method named like one
//!   of an entity node's fixed methods or fields (`get`, `template`, ...:
//!   `ENTITY_NODE_METHODS`) is numbered (`get_2`); container members were already kept clear
//!   of `Client`'s own methods.
//! - **Methods from Capabilities** (`Readable`, `Updatable`, the query restrictions,
//!   `FilterRestrictions/RequiredProperties`): reads unless stated `false`, `update` only where
//!   `Updatable` is stated `true`, query options unless stated `false`.
//! - **Bound operations** are planned in [`bound`]; what an update body must not carry in
//!   [`update_plan`].

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::bound::{self, OperationPlan};
use super::filter_plan::{self, FilterPlan};
use super::query_plan::{self, query_caps, required_filter, required_handles};
pub use super::query_plan::{QueryCaps, QueryEnums, RequiredFilter};
use super::update_plan;
pub use super::update_plan::UpdatePlan;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::naming::{Case, NameScope, cased, escape_keyword};
use crate::model::{Capabilities, ENTITY_NODE_METHODS, Model, TypeId, TypeKind};
use crate::rust::WriteError;

mod place;

use place::{Place, annotated_prefixes};

/// What a node addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// One entity (a singleton, a single-valued navigation, or one item of a collection).
    Entity,
    /// A collection of entities.
    Collection,
}

/// A method that leads to another node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    /// The Rust method name (`alerts`, `by_id`).
    pub method: String,
    /// The node it returns.
    pub node: usize,
    /// The path segment it appends (CSDL name); `None` for `by_id`, which appends a key.
    pub segment: Option<String>,
    /// Rustdoc of the method.
    pub doc: String,
}

/// The `list` builder of a collection node: an alias of the runtime's `ListRequest` over a
/// generated options type that implements the capability traits `caps` allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPlan {
    /// The alias (`UnifiedRoleManagementAlertListRequest`).
    pub builder: String,
    /// The options type (`UnifiedRoleManagementAlertListOptions`).
    pub options: String,
    /// The query options allowed.
    pub caps: QueryCaps,
}

/// One request-builder node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it addresses.
    pub kind: NodeKind,
    /// The node struct name (`UnifiedRoleManagementAlertCollectionRequest`).
    pub name: String,
    /// The entity type.
    pub entity: TypeId,
    /// The template of the first path that reaches the node (for docs).
    pub first_template: String,
    /// Methods to other nodes.
    pub children: Vec<Child>,
    /// Bound actions and functions.
    pub operations: Vec<OperationPlan>,
    /// Rustdoc of the node struct.
    pub doc: String,
    /// Collection nodes: the `list` builder.
    pub list: Option<ListPlan>,
    /// Entity nodes: the `get` builder name.
    pub get: Option<String>,
    /// Entity nodes: the `update` (PATCH) builder name.
    pub update: Option<String>,
    /// Collection nodes: the `$filter` the service requires, if any.
    pub required_filter: Option<RequiredFilter>,
}

/// The whole client plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientTree {
    /// Every node, breadth-first from the container's members.
    pub nodes: Vec<Node>,
    /// Entry points (`Client::identity_governance`): (method name, node, doc).
    pub roots: Vec<Child>,
    /// The container's action and function imports, as entry points on `Client`.
    pub imports: Vec<OperationPlan>,
    /// The `$select`/`$expand` enums, one per entity type of a list or get builder, by type.
    pub query_enums: Vec<QueryEnums>,
    /// The typed `$filter` structs.
    pub filters: FilterPlan,
    /// The pending-operation handles: (result type, handle struct name), by type.
    pub pending: Vec<(TypeId, String)>,
    /// Enum types that need an OData literal form (filters and function parameters).
    pub literal_enums: BTreeSet<TypeId>,
    /// What the update body of each updated entity type must not carry, by type.
    pub updates: Vec<UpdatePlan>,
}

impl ClientTree {
    /// The query enums of entity type `id`.
    pub fn query_enums(&self, id: TypeId) -> Option<&QueryEnums> {
        self.query_enums.iter().find(|q| q.entity == id)
    }

    /// The files of the generated module whose items its `mod.rs` re-exports: those with a
    /// public item (a glob re-export of nothing is an unused import).
    pub fn reexported_modules(&self) -> Vec<&'static str> {
        let nodes = || self.nodes.iter();
        let reads = nodes().any(|n| n.list.is_some() || n.get.is_some() || n.update.is_some());
        let operations = nodes().any(|n| !n.operations.is_empty()) || !self.imports.is_empty();
        let modules = [
            ("builders", reads),
            ("filter", !self.filters.structs.is_empty()),
            ("operations", operations),
            ("paths", !self.nodes.is_empty()),
            ("query", !self.query_enums.is_empty()),
        ];
        (modules.into_iter())
            .filter_map(|(module, used)| used.then_some(module))
            .collect()
    }

    /// The update plan of entity type `id`, if some node updates it.
    pub fn update_plan(&self, id: TypeId) -> Option<&UpdatePlan> {
        self.updates.iter().find(|u| u.entity == id)
    }

    /// The pending-operation handle of result type `id`.
    pub fn pending(&self, id: TypeId) -> Option<&str> {
        (self.pending.iter())
            .find(|(t, _)| *t == id)
            .map(|(_, n)| n.as_str())
    }
}

/// Plans the client of `model`: fails without a container, and on what cannot be planned (a
/// required filter on a property that is no filterable string, an unknown long-running result
/// type), with every such problem at once, each at the position of the item at fault.
pub fn plan(model: &Model) -> Result<ClientTree, WriteError> {
    let container = (model.container.as_ref()).ok_or(WriteError::NoEntityContainer)?;
    let mut walker = Walker {
        model,
        nodes: Vec::new(),
        states: HashMap::new(),
        queue: VecDeque::new(),
        names: NameScope::new(Case::UpperCamel),
        annotated: annotated_prefixes(model),
        problems: Vec::new(),
    };
    let mut roots = Vec::new();
    let members = (container.singletons.iter())
        .map(|s| (&s.name, s.ty, NodeKind::Entity, &s.docs, &s.capabilities))
        .chain(container.entity_sets.iter().map(|s| {
            let kind = NodeKind::Collection;
            (&s.name, s.entity_type, kind, &s.docs, &s.capabilities)
        }));
    for (name, ty, kind, docs, caps) in members {
        let at = Place::root(&name.csdl);
        let node = walker.node(&at, ty, kind, caps.clone());
        roots.push(child(&name.rust, &name.csdl, node, &docs.description));
    }
    walker.run();
    let query_enums = query_plan::query_enums(model, &walker.nodes, &mut walker.names);
    let filtered: Vec<TypeId> = (walker.nodes.iter())
        .filter(|n| n.list.as_ref().is_some_and(|l| l.caps.filter))
        .map(|n| n.entity)
        .collect();
    let filters = filter_plan::plan(model, &filtered, &mut walker.names);
    let (mut nodes, mut problems) = (walker.nodes, walker.problems);
    for node in &mut nodes {
        required_handles(model, node, &filters, &mut problems);
    }
    let imports = bound::imports(model, &roots, &mut walker.names, &mut problems);
    // Every problem once, in source order: an operation bound to a type is planned on each
    // node of the type, so it may have been reported more than once.
    Diagnostics::from_problems(problems)?;
    let operations: Vec<&OperationPlan> = (nodes.iter())
        .flat_map(|n| &n.operations)
        .chain(&imports)
        .collect();
    let pending = bound::pending_handles(model, &operations, &mut walker.names);
    let mut literal_enums = filters.enum_types();
    literal_enums.extend(bound::parameter_enums(model, &operations));
    let updates = update_plan::plan(model, &nodes);
    Ok(ClientTree {
        nodes,
        roots,
        imports,
        query_enums,
        filters,
        pending,
        literal_enums,
        updates,
    })
}

/// What makes two paths share a node.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct State {
    entity: TypeId,
    kind: NodeKind,
    caps: Capabilities,
    path: Option<String>,
}

struct Walker<'m> {
    model: &'m Model,
    nodes: Vec<Node>,
    states: HashMap<State, usize>,
    /// Nodes whose children are not planned yet, with the place that first reached them.
    queue: VecDeque<(usize, Place, Capabilities)>,
    names: NameScope,
    /// Every prefix of an annotated container path (`a`, `a/b`, `a/b/c` for `a/b/c`).
    annotated: BTreeSet<String>,
    /// What could not be planned, so far.
    problems: Vec<Diagnostic>,
}

impl Walker<'_> {
    /// The node of a state, created (and queued) on first sight. `caps` are the member's or
    /// navigation property's; an annotation on the exact (deeper) path overrides them.
    fn node(&mut self, at: &Place, entity: TypeId, kind: NodeKind, caps: Capabilities) -> usize {
        let mut at = at.clone();
        if at
            .path
            .as_ref()
            .is_some_and(|p| !self.annotated.contains(p))
        {
            at.path = None;
        }
        let exact = (at.path.as_ref())
            .filter(|p| p.contains('/'))
            .and_then(|p| self.exact_caps(p));
        let caps = match exact {
            Some(over) => caps.overlaid_with(over),
            None => caps,
        };
        self.node_with(&at, entity, kind, relevant(kind, caps))
    }

    fn exact_caps(&self, path: &str) -> Option<Capabilities> {
        let container = self.model.container.as_ref()?;
        container.path_capabilities.get(path).cloned()
    }

    fn node_with(
        &mut self,
        at: &Place,
        entity: TypeId,
        kind: NodeKind,
        caps: Capabilities,
    ) -> usize {
        let state = State {
            entity,
            kind,
            caps,
            path: at.path.clone(),
        };
        if let Some(&index) = self.states.get(&state) {
            return index;
        }
        let index = self.push(at, &state);
        self.queue
            .push_back((index, at.clone(), state.caps.clone()));
        self.states.insert(state, index);
        index
    }

    /// Plans the children and operations of every queued node, breadth-first.
    fn run(&mut self) {
        while let Some((index, at, caps)) = self.queue.pop_front() {
            let (kind, entity) = (self.nodes[index].kind, self.nodes[index].entity);
            let operations = bound::plan(self.model, entity, kind, &mut self.problems);
            self.nodes[index].operations = operations;
            match kind {
                NodeKind::Collection => {
                    let item = self.node(&at.keyed(), entity, NodeKind::Entity, caps);
                    let by_id = Child {
                        method: "by_id".into(),
                        node: item,
                        segment: None,
                        doc: "One item of the collection by its key.".into(),
                    };
                    self.nodes[index].children.push(by_id);
                }
                NodeKind::Entity => self.navigation(index, &at, entity),
            }
            bound::name_methods(&mut self.nodes[index], &mut self.names);
        }
    }

    /// The contained navigation children of an entity node.
    fn navigation(&mut self, index: usize, at: &Place, entity: TypeId) {
        let Some(s) = self.model.structured(entity) else {
            return;
        };
        let navs: Vec<_> = (s.navigation_properties.iter())
            .filter(|n| n.contains_target)
            .map(|n| {
                (
                    n.name.clone(),
                    n.target,
                    n.collection,
                    n.capabilities.clone(),
                    n.docs.description.clone(),
                )
            })
            .collect();
        let mut methods = NameScope::new(Case::Snake);
        ENTITY_NODE_METHODS.iter().for_each(|m| methods.reserve(m));
        for (name, target, collection, caps, description) in navs {
            let kind = match collection {
                true => NodeKind::Collection,
                false => NodeKind::Entity,
            };
            let node = self.node(&at.nav(&name.csdl), target, kind, caps);
            let c = child(&methods.claim(&name.rust), &name.csdl, node, &description);
            self.nodes[index].children.push(c);
        }
    }

    fn push(&mut self, at: &Place, state: &State) -> usize {
        let (entity, kind, caps) = (state.entity, state.kind, &state.caps);
        let mut stem = type_stem(self.model, entity);
        let plain = self.names.is_taken(&node_name(&stem, kind));
        if plain {
            stem = format!(
                "{}{stem}",
                escape_keyword(&cased(&at.last, Case::UpperCamel))
            );
        }
        let name = self.names.claim(&node_name(&stem, kind));
        let stem = node_stem(&name);
        let readable = caps.readable != Some(false);
        let collection = kind == NodeKind::Collection;
        let list = (collection && readable).then(|| {
            let stem = list_stem(&stem);
            ListPlan {
                builder: self.names.claim(&format!("{stem}ListRequest")),
                options: self.names.claim(&format!("{stem}ListOptions")),
                caps: query_caps(caps),
            }
        });
        let get = (!collection && readable).then(|| self.names.claim(&format!("{stem}GetRequest")));
        let update = (!collection && caps.updatable == Some(true))
            .then(|| self.names.claim(&format!("{stem}UpdateRequest")));
        let required_filter = (collection && !caps.required_filter.is_empty())
            .then(|| required_filter(&caps.required_filter));
        self.nodes.push(Node {
            kind,
            name,
            entity,
            first_template: at.template.clone(),
            children: Vec::new(),
            operations: Vec::new(),
            doc: node_doc(self.model, entity, kind, &at.template),
            list,
            get,
            update,
            required_filter,
        });
        self.nodes.len() - 1
    }
}

/// The capabilities that shape a node of `kind`: an entity node only reads and updates (so
/// paths that differ in list options share it); a collection node keeps all, since its items
/// take theirs from it.
fn relevant(kind: NodeKind, caps: Capabilities) -> Capabilities {
    match kind {
        NodeKind::Entity => Capabilities {
            readable: caps.readable,
            updatable: caps.updatable,
            ..Capabilities::default()
        },
        NodeKind::Collection => caps,
    }
}

/// The name stem of a type: its Rust name, prefixed with its module path outside the root.
pub(super) fn type_stem(model: &Model, id: TypeId) -> String {
    let ty = model.ty(id);
    let modules = ty.module.iter().map(|m| cased(m, Case::UpperCamel));
    modules.chain([ty.name.rust.clone()]).collect()
}

fn node_name(stem: &str, kind: NodeKind) -> String {
    match kind {
        NodeKind::Entity => format!("{stem}Request"),
        NodeKind::Collection => format!("{stem}CollectionRequest"),
    }
}

/// `XRequest` -> `X`, `XCollectionRequest` -> `XCollection`: what builder names start with.
pub(super) fn node_stem(name: &str) -> String {
    name.strip_suffix("Request").unwrap_or(name).to_owned()
}

/// `XCollection` -> `X`: list builders read `XListRequest`.
fn list_stem(stem: &str) -> &str {
    stem.strip_suffix("Collection").unwrap_or(stem)
}

fn node_doc(model: &Model, entity: TypeId, kind: NodeKind, template: &str) -> String {
    let ty = model.ty(entity);
    let what = match (kind, &ty.kind) {
        (NodeKind::Entity, TypeKind::Structured(_)) => {
            format!("One `{}` entity", ty.qualified_name)
        }
        (NodeKind::Collection, _) => format!("A collection of `{}` entities", ty.qualified_name),
        (NodeKind::Entity, _) => format!("One `{}`", ty.qualified_name),
    };
    format!(
        "{what}.\n\nReached for example at `{template}`; the path of a value is kept at run time \
         ([`template`](Self::template) names it in traces and errors)."
    )
}

/// A navigation method; its doc is the member's description and segment.
fn child(method: &str, csdl: &str, node: usize, description: &Option<String>) -> Child {
    Child {
        method: method.to_owned(),
        node,
        segment: Some(csdl.to_owned()),
        doc: format!("{}\n\nPath segment `{csdl}`.", doc_or(description, csdl)),
    }
}

/// The description as rustdoc prose, else a sentence naming the item.
pub(super) fn doc_or(description: &Option<String>, csdl: &str) -> String {
    crate::rust::doc_text::description(description.as_deref())
        .unwrap_or_else(|| format!("The `{csdl}` resource."))
}
