//! The client plan: walks the entity container into a tree of request-builder nodes and decides,
//! per node, which methods, query options and bound actions are generated. Writers only print it.
//!
//! Decisions:
//! - **Nodes.** A singleton or single-valued contained navigation is a *single* node; an entity
//!   set or collection-valued contained navigation is a *collection* node with an *item* child
//!   reached with `by_id`. Only contained navigation is walked (non-contained targets are reached
//!   with `$expand`); a type already on the current path is not entered again.
//! - **Templates.** `/identityGovernance/roleManagementAlerts/alerts/{id}`: keys are named `id`,
//!   then `id2`, `id3`, ... by depth; bound actions add their unqualified name as a segment.
//! - **Methods from Capabilities** at the node's container path (`Model::capabilities_at`):
//!   reads (`list`, `get`) unless `Readable` is `false`; writes (`update` on items) only where
//!   `Updatable` is stated `true` (unknown = not generated).
//! - **Query options** on `list`: each unless its capability is stated `false` (unknown =
//!   allowed). `get` offers `$select` and `$expand`.
//! - **Required filters** and **long-running actions** are not in the model yet
//!   (`FilterRestrictions/RequiredProperties`, async actions): the two tables below state them.
//! - **Actions**: bound to the node's entity type (or an ancestor), to the collection for
//!   collection nodes. Functions are not generated yet.

use super::filter_plan::{self, FilterPlan, FilterValue};
use crate::csdl::syntax::OperationKind;
use crate::model::naming::{Case, NameScope, cased, escape_keyword};
use crate::model::{Capabilities, Model, OperationId, Primitive, TypeId, TypeTarget, TypeUse};

/// Container paths whose `list` requires a `$filter` on these properties (from the annotations'
/// `FilterRestrictions/RequiredProperties`, which the model does not carry yet).
/// Each entry: path, method, properties, and an optional preset (method, values, doc).
#[allow(
    clippy::type_complexity,
    reason = "a literal table; the model should carry this (FilterRestrictions/RequiredProperties)"
)]
const REQUIRED_FILTERS: &[(&str, &str, &[&str], Option<(&str, &[&str], &str)>)] = &[(
    "identityGovernance/roleManagementAlerts/alerts",
    "scope_filter",
    &["scopeId", "scopeType"],
    Some((
        "directory_role_scope",
        &["/", "DirectoryRole"],
        "Alerts of Microsoft Entra roles for the whole tenant: `scopeId eq '/' and scopeType eq 'DirectoryRole'`.",
    )),
)];

/// Actions answered with `202 Accepted` + `Location` (documented, not in the metadata).
const LONG_RUNNING_ACTIONS: &[&str] = &["microsoft.graph.refresh"];

/// The type a finished long-running operation is decoded into.
const OPERATION_RESULT: &str = "microsoft.graph.longRunningOperation";

/// Deepest key nesting walked (guards against pathological containment).
const MAX_DEPTH: usize = 8;

/// What a node addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// One entity (singleton or single-valued navigation).
    Single,
    /// A collection of entities.
    Collection,
    /// One entity of a collection, addressed by key.
    Item,
}

/// A method that leads to another node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    /// The Rust method name (`alerts`, `by_id`).
    pub method: String,
    /// The node it returns.
    pub node: usize,
    /// The key placeholder it fills (`by_id`), if any.
    pub key: Option<String>,
    /// Rustdoc of the method.
    pub doc: String,
}

/// How an action's response is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionResponse {
    /// `202` + `Location`: a pending operation handle.
    LongRunning,
    /// A JSON body of this type.
    Json(TypeUse),
    /// `200`/`204` without body.
    NoContent,
}

/// One action parameter (a JSON body member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionParam {
    /// CSDL name (JSON member) and Rust setter name.
    pub csdl: String,
    /// The Rust setter name.
    pub rust: String,
    /// The parameter type.
    pub ty: TypeUse,
    /// Whether `send()` requires it (`Nullable="false"`).
    pub required: bool,
    /// Rustdoc.
    pub doc: String,
}

/// A bound action on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPlan {
    /// The operation.
    pub op: OperationId,
    /// The Rust method name on the node (`refresh`).
    pub method: String,
    /// The builder struct name (`AlertsItemRefreshRequest`).
    pub builder: String,
    /// The path template of the call.
    pub template: String,
    /// How the response is read.
    pub response: ActionResponse,
    /// Body parameters.
    pub params: Vec<ActionParam>,
    /// Rustdoc.
    pub doc: String,
}

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

/// One request-builder node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it addresses.
    pub kind: NodeKind,
    /// The node struct name (`AlertsRequest`, `AlertsItemRequest`).
    pub name: String,
    /// The stem builder names derive from (`Alerts`).
    pub stem: String,
    /// The entity type.
    pub entity: TypeId,
    /// The path template.
    pub template: String,
    /// The container path without keys (`identityGovernance/roleManagementAlerts/alerts`).
    pub path: String,
    /// Key placeholders in template order.
    pub keys: Vec<String>,
    /// Methods to other nodes.
    pub children: Vec<Child>,
    /// Bound actions.
    pub actions: Vec<ActionPlan>,
    /// Rustdoc of the node struct.
    pub doc: String,
    /// Collection nodes: the `list` builder name and its query options.
    pub list: Option<(String, QueryCaps)>,
    /// Single and item nodes: the `get` builder name.
    pub get: Option<String>,
    /// Item and single nodes: the `update` (PATCH) builder name.
    pub update: Option<String>,
    /// Collection nodes: the required `$filter`, if the service demands one.
    pub required_filter: Option<RequiredFilter>,
}

/// A `$filter` the service requires on a collection, and the convenience methods for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredFilter {
    /// The method taking one string per property (`scope_filter`).
    pub method: String,
    /// The properties as (CSDL name, Rust argument name, filter handle method).
    pub properties: Vec<(String, String, String)>,
    /// A preset: method name, values and rustdoc (`directory_role_scope`).
    pub preset: Option<(String, Vec<String>, String)>,
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

/// The whole client plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientTree {
    /// Every node; roots first in container order, then depth-first.
    pub nodes: Vec<Node>,
    /// Entry points (`Client::identity_governance`): (method name, node, doc).
    pub roots: Vec<Child>,
    /// The type `wait()` decodes a finished operation into, if the model has it.
    pub operation_result: Option<TypeId>,
    /// The `$select`/`$expand` enums, one per entity type of a list or get builder, by type.
    pub query_enums: Vec<QueryEnums>,
    /// The typed `$filter` structs.
    pub filters: FilterPlan,
}

impl ClientTree {
    /// The query enums of entity type `id`.
    pub fn query_enums(&self, id: TypeId) -> Option<&QueryEnums> {
        self.query_enums.iter().find(|q| q.entity == id)
    }
}

/// Plans the client of `model`: fails without a container.
pub fn plan(model: &Model) -> Result<ClientTree, String> {
    let container = (model.container.as_ref()).ok_or("the model has no entity container")?;
    let mut walker = Walker {
        model,
        nodes: Vec::new(),
        names: NameScope::new(Case::UpperCamel),
    };
    let mut roots = Vec::new();
    for s in &container.singletons {
        let at = Place::root(&s.name.csdl);
        let node = walker.single(&at, s.ty, &doc_or(&s.docs.description, &s.name.csdl));
        roots.push(child(&walker.nodes, &s.name.rust, node));
    }
    for s in &container.entity_sets {
        let at = Place::root(&s.name.csdl);
        let node = walker.collection(
            &at,
            s.entity_type,
            &doc_or(&s.docs.description, &s.name.csdl),
        );
        roots.push(child(&walker.nodes, &s.name.rust, node));
    }
    let operation_result = model.type_id(OPERATION_RESULT);
    let query_enums = walker.query_enums();
    let filtered: Vec<TypeId> = (walker.nodes.iter())
        .filter(|n| n.list.as_ref().is_some_and(|(_, caps)| caps.filter))
        .map(|n| n.entity)
        .collect();
    let filters = filter_plan::plan(model, &filtered, &mut walker.names);
    let mut nodes = walker.nodes;
    for node in &mut nodes {
        if let Some(required) = &mut node.required_filter {
            required_handles(required, node.entity, &filters)?;
        }
    }
    Ok(ClientTree {
        nodes,
        roots,
        operation_result,
        query_enums,
        filters,
    })
}

/// Where a node sits: template, key-free path, keys so far, types on the path.
#[derive(Debug, Clone)]
struct Place {
    template: String,
    path: String,
    keys: Vec<String>,
    types: Vec<TypeId>,
    last: String,
}

impl Place {
    fn root(name: &str) -> Place {
        Place {
            template: format!("/{name}"),
            path: name.to_owned(),
            keys: Vec::new(),
            types: Vec::new(),
            last: name.to_owned(),
        }
    }

    fn nav(&self, name: &str, ty: TypeId) -> Place {
        let mut next = self.clone();
        next.template = format!("{}/{name}", self.template);
        next.path = format!("{}/{name}", self.path);
        next.types.push(ty);
        next.last = name.to_owned();
        next
    }

    fn keyed(&self) -> Place {
        let mut next = self.clone();
        let key = match self.keys.len() {
            0 => "id".to_owned(),
            n => format!("id{}", n + 1),
        };
        next.template = format!("{}/{{{key}}}", self.template);
        next.keys.push(key);
        next
    }
}

struct Walker<'m> {
    model: &'m Model,
    nodes: Vec<Node>,
    names: NameScope,
}

impl Walker<'_> {
    /// Field and expand enums for every entity type a list or get builder returns.
    fn query_enums(&mut self) -> Vec<QueryEnums> {
        let mut types: Vec<TypeId> = (self.nodes.iter())
            .filter(|n| n.list.is_some() || n.get.is_some())
            .map(|n| n.entity)
            .collect();
        types.sort();
        types.dedup();
        types.into_iter().filter_map(|t| self.enums_of(t)).collect()
    }

    fn enums_of(&mut self, entity: TypeId) -> Option<QueryEnums> {
        let model = self.model;
        let s = model.structured(entity)?;
        let base = &model.ty(entity).name.rust;
        let field_name = self.names.claim(&format!("{base}Field"));
        let expand_name = self.names.claim(&format!("{base}Expand"));
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

    fn caps(&self, at: &Place) -> Capabilities {
        self.model.capabilities_at(&at.path).unwrap_or_default()
    }

    fn push(
        &mut self,
        kind: NodeKind,
        at: &Place,
        entity: TypeId,
        stem: &str,
        doc: String,
    ) -> usize {
        let caps = self.caps(at);
        let name_stem = match kind {
            NodeKind::Item => format!("{stem}Item"),
            _ => stem.to_owned(),
        };
        let name = self.names.claim(&format!("{name_stem}Request"));
        let required_filter = match kind {
            NodeKind::Collection => required_filter(&at.path),
            _ => None,
        };
        let readable = caps.readable != Some(false);
        let list = (kind == NodeKind::Collection && readable).then(|| {
            (
                self.names.claim(&format!("{stem}ListRequest")),
                query_caps(caps),
            )
        });
        let get = (kind != NodeKind::Collection && readable)
            .then(|| self.names.claim(&format!("{name_stem}GetRequest")));
        let update = (kind != NodeKind::Collection && caps.updatable == Some(true))
            .then(|| self.names.claim(&format!("{name_stem}UpdateRequest")));
        self.nodes.push(Node {
            kind,
            name,
            stem: stem.to_owned(),
            entity,
            template: at.template.clone(),
            path: at.path.clone(),
            keys: at.keys.clone(),
            children: Vec::new(),
            actions: Vec::new(),
            doc,
            list,
            get,
            update,
            required_filter,
        });
        self.nodes.len() - 1
    }

    fn stem(&mut self, at: &Place) -> String {
        self.names
            .claim(&escape_keyword(&cased(&at.last, Case::UpperCamel)))
    }

    fn single(&mut self, at: &Place, entity: TypeId, doc: &str) -> usize {
        let stem = self.stem(at);
        let doc = format!("{doc}\n\nRequests at `{}`.", at.template);
        let index = self.push(NodeKind::Single, at, entity, &stem, doc);
        self.entity_members(index, at, entity);
        index
    }

    fn collection(&mut self, at: &Place, entity: TypeId, doc: &str) -> usize {
        let stem = self.stem(at);
        let collection_doc = format!("{doc}\n\nRequests at `{}`.", at.template);
        let index = self.push(NodeKind::Collection, at, entity, &stem, collection_doc);
        let actions = self.actions(at, entity, true, &stem);
        self.nodes[index].actions = actions;
        if at.keys.len() < MAX_DEPTH {
            let item_at = at.keyed();
            let item_doc = format!(
                "One of {}\n\nRequests at `{}`.",
                lower_first(doc),
                item_at.template
            );
            let item = self.push(NodeKind::Item, &item_at, entity, &stem, item_doc);
            self.entity_members(item, &item_at, entity);
            let key = item_at.keys.last().cloned();
            let by_id_doc = format!("One item of `{}` by its key.", at.template);
            let by_id = Child {
                method: "by_id".into(),
                node: item,
                key,
                doc: by_id_doc,
            };
            self.nodes[index].children.push(by_id);
        }
        index
    }

    /// Contained navigation children and bound actions of a single or item node.
    fn entity_members(&mut self, index: usize, at: &Place, entity: TypeId) {
        let stem = self.nodes[index].stem.clone();
        let item_stem = match self.nodes[index].kind {
            NodeKind::Item => format!("{stem}Item"),
            _ => stem,
        };
        self.nodes[index].actions = self.actions(at, entity, false, &item_stem);
        let Some(s) = self.model.structured(entity) else {
            return;
        };
        let navs: Vec<_> = (s.navigation_properties.iter())
            .filter(|n| n.contains_target && !at.types.contains(&n.target) && n.target != entity)
            .cloned()
            .collect();
        for nav in navs {
            let next = at.nav(&nav.name.csdl, entity);
            let doc = doc_or(&nav.docs.description, &nav.name.csdl);
            let node = match nav.collection {
                true => self.collection(&next, nav.target, &doc),
                false => self.single(&next, nav.target, &doc),
            };
            let c = child(&self.nodes, &nav.name.rust, node);
            self.nodes[index].children.push(c);
        }
    }

    fn actions(
        &mut self,
        at: &Place,
        entity: TypeId,
        collection: bool,
        stem: &str,
    ) -> Vec<ActionPlan> {
        let model = self.model;
        let Some(s) = model.structured(entity) else {
            return Vec::new();
        };
        let mut owners = vec![entity];
        owners.extend(s.ancestors.iter().copied());
        let mut ops: Vec<OperationId> = owners
            .iter()
            .filter_map(|t| model.structured(*t))
            .flat_map(|t| t.bound_operations.iter().copied())
            .filter(|id| is_bound_action_on(model, *id, collection))
            .collect();
        ops.sort();
        ops.dedup();
        ops.into_iter()
            .map(|id| self.action(at, id, stem))
            .collect()
    }

    fn action(&mut self, at: &Place, id: OperationId, stem: &str) -> ActionPlan {
        let op = self.model.operation(id);
        let builder = self.names.claim(&format!(
            "{stem}{}Request",
            cased(&op.name.csdl, Case::UpperCamel)
        ));
        let response = if LONG_RUNNING_ACTIONS.contains(&op.qualified_name.as_str()) {
            ActionResponse::LongRunning
        } else {
            match &op.return_type {
                Some(r) => ActionResponse::Json(r.ty),
                None => ActionResponse::NoContent,
            }
        };
        let params = (op.parameters.iter())
            .map(|p| ActionParam {
                csdl: p.name.csdl.clone(),
                rust: p.name.rust.clone(),
                ty: p.ty,
                required: !p.facets.nullable,
                doc: doc_or(&p.docs.description, &p.name.csdl),
            })
            .collect();
        let doc = doc_or(&op.docs.description, &op.qualified_name);
        ActionPlan {
            op: id,
            method: op.name.rust.clone(),
            builder,
            template: format!("{}/{}", at.template, op.name.csdl),
            response,
            params,
            doc,
        }
    }
}

fn is_bound_action_on(model: &Model, id: OperationId, collection: bool) -> bool {
    let op = model.operation(id);
    let binding = op.binding.as_ref();
    op.kind == OperationKind::Action
        && binding.is_some_and(|b| b.ty.collection == collection)
        && binding.is_some_and(|b| matches!(b.ty.target, TypeTarget::Defined(_)))
}

fn query_caps(caps: Capabilities) -> QueryCaps {
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

fn required_filter(path: &str) -> Option<RequiredFilter> {
    let (_, method, props, preset) = REQUIRED_FILTERS.iter().find(|(p, ..)| *p == path)?;
    let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    Some(RequiredFilter {
        method: (*method).to_owned(),
        properties: (props.iter())
            .map(|p| {
                let arg = escape_keyword(&cased(p, Case::Snake));
                ((*p).to_owned(), arg, String::new())
            })
            .collect(),
        preset: preset.map(|(m, values, doc)| (m.to_owned(), owned(values), doc.to_owned())),
    })
}

/// Fills in the filter handle of each required property: a string property of `entity`.
fn required_handles(
    required: &mut RequiredFilter,
    entity: TypeId,
    filters: &FilterPlan,
) -> Result<(), String> {
    let handles = filters.of(entity).map(|f| f.properties.as_slice());
    for (csdl, _, handle) in &mut required.properties {
        let string = FilterValue::Primitive(Primitive::String);
        let found =
            (handles.unwrap_or_default().iter()).find(|p| p.csdl == *csdl && p.value == string);
        match found {
            Some(p) => handle.clone_from(&p.method),
            None => {
                return Err(format!(
                    "required filter `{}`: `{csdl}` is not a filterable string property",
                    required.method
                ));
            }
        }
    }
    Ok(())
}

/// A navigation method; its doc is the target's description and path.
fn child(nodes: &[Node], method: &str, node: usize) -> Child {
    let target = &nodes[node];
    let summary = target.doc.split("\n\n").next().unwrap_or_default();
    Child {
        method: method.to_owned(),
        node,
        key: None,
        doc: format!("{summary}\n\n`{}`.", target.template),
    }
}

/// The description, trimmed, else a sentence naming the item.
fn doc_or(description: &Option<String>, csdl: &str) -> String {
    match description.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => d.to_owned(),
        _ => format!("The `{csdl}` resource."),
    }
}

fn variant(csdl: &str) -> String {
    escape_keyword(&cased(csdl, Case::UpperCamel))
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
