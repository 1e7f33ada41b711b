//! The resolved model: every name resolved, inheritance flattened, bound operations attached,
//! annotations interpreted and every Rust name decided.
//!
//! Writers only print what is here. Types are stored in one vector sorted by qualified name and
//! referred to by [`TypeId`]; operations likewise by [`OperationId`]. Qualified names are always
//! namespace-qualified (`microsoft.graph.alert`, never `graph.alert`).
//!
//! Build a model with [`resolve`]; prune a document to a set of container paths with [`slice()`].

mod annotation_target;
mod annotations;
mod checks;
mod container;
mod external_annotations;
mod fast_hash;
mod inherit;
pub mod naming;
mod operations;
mod resolve;
mod rust_names;
mod slice;
mod slice_prune;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::csdl::syntax::{Facets, OperationKind, Pos, StructuredKind};

pub use resolve::resolve;
pub(crate) use rust_names::{CLIENT_METHODS, COLLECTION_NODE_METHODS, ENTITY_NODE_METHODS};
pub use slice::{
    IncludePath, Selection, SliceOptions, prune, select, select_with, slice, slice_with,
};

/// Index of a type in [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Index of an operation in [`Model::operations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OperationId(pub usize);

/// Where an item was declared: document source name and position, for diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The document's source name, shared by every item of the document.
    pub source: Arc<str>,
    /// The item's start tag.
    pub pos: Pos,
}

/// A name as written in CSDL and the Rust identifier chosen for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    /// The CSDL name, e.g. `alertIncidents`.
    pub csdl: String,
    /// The Rust identifier, e.g. `alert_incidents` (possibly raw, `r#type`).
    pub rust: String,
}

/// Description annotations (`Org.OData.Core.V1.Description` and `LongDescription`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// `Core.Description`.
    pub description: Option<String>,
    /// `Core.LongDescription`.
    pub long_description: Option<String>,
}

/// What the service says may be done with an entity set, singleton or navigation property
/// (Capabilities vocabulary). `None` means the metadata does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Capabilities {
    /// `ReadRestrictions/Readable`.
    pub readable: Option<bool>,
    /// `InsertRestrictions/Insertable`.
    pub insertable: Option<bool>,
    /// `UpdateRestrictions/Updatable`.
    pub updatable: Option<bool>,
    /// `DeleteRestrictions/Deletable`.
    pub deletable: Option<bool>,
    /// `FilterRestrictions/Filterable`.
    pub filterable: Option<bool>,
    /// `SortRestrictions/Sortable`.
    pub sortable: Option<bool>,
    /// `CountRestrictions/Countable`.
    pub countable: Option<bool>,
    /// `ExpandRestrictions/Expandable`.
    pub expandable: Option<bool>,
    /// `SelectSupport/Supported` or `SelectRestrictions/Selectable`.
    pub selectable: Option<bool>,
    /// `TopSupported`.
    pub top_supported: Option<bool>,
    /// `SkipSupported`.
    pub skip_supported: Option<bool>,
    /// `FilterRestrictions/RequiredProperties`: properties every `$filter` must constrain
    /// (empty when the metadata does not say).
    pub required_filter: Vec<String>,
}

impl Capabilities {
    /// `self` with every field that `over` states replaced by `over`'s value.
    pub fn overlaid_with(self, over: Capabilities) -> Capabilities {
        Capabilities {
            readable: over.readable.or(self.readable),
            insertable: over.insertable.or(self.insertable),
            updatable: over.updatable.or(self.updatable),
            deletable: over.deletable.or(self.deletable),
            filterable: over.filterable.or(self.filterable),
            sortable: over.sortable.or(self.sortable),
            countable: over.countable.or(self.countable),
            expandable: over.expandable.or(self.expandable),
            selectable: over.selectable.or(self.selectable),
            top_supported: over.top_supported.or(self.top_supported),
            skip_supported: over.skip_supported.or(self.skip_supported),
            required_filter: match over.required_filter.is_empty() {
                true => self.required_filter,
                false => over.required_filter,
            },
        }
    }
}

/// An `Edm` primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(
    missing_docs,
    reason = "each variant is the Edm primitive of the same name"
)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    TimeOfDay,
    /// Any `Edm.Geography*` type.
    Geography,
    /// Any `Edm.Geometry*` type.
    Geometry,
    /// `Edm.Untyped`, `Edm.PrimitiveType`, `Edm.ComplexType`, `Edm.EntityType`.
    Untyped,
}

/// The element type a type reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeTarget {
    /// An `Edm` primitive.
    Primitive(Primitive),
    /// A type declared in the model.
    Defined(TypeId),
}

/// A resolved type reference: element type and whether it is a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeUse {
    /// The element type.
    pub target: TypeTarget,
    /// `Collection(...)`.
    pub collection: bool,
}

/// All resolved types, operations and the entity container of one or more documents.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Every declared type, sorted by qualified name.
    pub types: Vec<TypeDef>,
    /// Every operation, sorted by qualified name, then binding type.
    pub operations: Vec<OperationDef>,
    /// The entity container, if any document declares one.
    pub container: Option<Container>,
    /// Schema namespace -> Rust module path (`microsoft.graph` -> `[]`,
    /// `microsoft.graph.security` -> `["security"]`).
    pub modules: BTreeMap<String, Vec<String>>,
    /// Schema namespace -> the alias its `Schema` element declares (`microsoft.graph` ->
    /// `graph`); namespaces without one are absent.
    pub aliases: BTreeMap<String, String>,
    /// Qualified name -> type (hashed: looked up for every type reference the resolver meets).
    pub(crate) type_index: fast_hash::FastMap<String, TypeId>,
}

impl Model {
    /// The type with this id.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The operation with this id.
    pub fn operation(&self, id: OperationId) -> &OperationDef {
        &self.operations[id.0]
    }

    /// The type with this namespace-qualified name (`microsoft.graph.alert`).
    pub fn type_id(&self, qualified_name: &str) -> Option<TypeId> {
        self.type_index.get(qualified_name).copied()
    }

    /// The type with this namespace-qualified name.
    pub fn find_type(&self, qualified_name: &str) -> Option<&TypeDef> {
        self.type_id(qualified_name).map(|id| self.ty(id))
    }

    /// The structured type with this id, if it is one.
    pub fn structured(&self, id: TypeId) -> Option<&StructuredDef> {
        match &self.ty(id).kind {
            TypeKind::Structured(s) => Some(s),
            _ => None,
        }
    }

    /// Capabilities at a container path such as `identityGovernance/roleManagementAlerts/alerts`:
    /// those of the last navigation property (or the entity set or singleton), overlaid with
    /// annotations that target exactly this path. `None` if the path does not resolve.
    pub fn capabilities_at(&self, path: &str) -> Option<Capabilities> {
        let container = self.container.as_ref()?;
        let segments = annotation_target::parse_container_path(path).ok()?;
        let (first, deeper) = segments.split_first()?;
        let (mut current, mut caps) = container.member(first)?;
        for segment in deeper {
            let nav = self.structured(current)?.navigation(segment)?;
            current = nav.target;
            caps = nav.capabilities.clone();
        }
        let exact = container.path_capabilities.get(path.trim_matches('/'));
        Some(match exact {
            Some(over) => caps.overlaid_with(over.clone()),
            None => caps,
        })
    }
}

/// A declared type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// CSDL simple name and Rust type name (unique within [`TypeDef::module`]).
    pub name: Name,
    /// The schema namespace, e.g. `microsoft.graph.security`.
    pub namespace: String,
    /// `namespace.name`.
    pub qualified_name: String,
    /// The Rust module path the type lives in (see [`Model::modules`]).
    pub module: Vec<String>,
    /// Description annotations.
    pub docs: Docs,
    /// What kind of type, with its members.
    pub kind: TypeKind,
    /// Where it was declared.
    pub origin: Origin,
}

impl TypeDef {
    /// The `@odata.type` value Graph sends for an instance of this type, e.g.
    /// `#microsoft.graph.alertIncident`: what the models write and what the client matches.
    pub fn odata_type(&self) -> String {
        format!("#{}", self.qualified_name)
    }
}

/// The kinds of declared type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An entity or complex type.
    Structured(StructuredDef),
    /// An enum type.
    Enum(EnumDef),
    /// A type definition over a primitive.
    Definition(TypeDefinitionDef),
}

/// An entity or complex type with inheritance resolved.
#[derive(Debug, Clone, Default)]
pub struct StructuredDef {
    /// Entity or complex.
    pub kind: StructuredKind,
    /// The direct base type.
    pub base: Option<TypeId>,
    /// All base types, nearest first (`[roleManagementAlert -> entity]` gives `[entity]`).
    pub ancestors: Vec<TypeId>,
    /// Types whose base type is this one, sorted.
    pub direct_derived: Vec<TypeId>,
    /// All types that inherit from this one directly or transitively, sorted.
    pub all_derived: Vec<TypeId>,
    /// `Abstract="true"`.
    pub is_abstract: bool,
    /// `OpenType="true"`.
    pub open_type: bool,
    /// `HasStream="true"`.
    pub has_stream: bool,
    /// Key property names, inherited from the base type when not declared.
    pub key: Vec<String>,
    /// Structural properties, inherited ones first (base first), then own in declared order.
    pub properties: Vec<PropertyDef>,
    /// Navigation properties, inherited first, then own.
    pub navigation_properties: Vec<NavigationDef>,
    /// Operations bound to this type or to a collection of it, in operation order.
    pub bound_operations: Vec<OperationId>,
    /// Capabilities annotated on the type itself.
    pub capabilities: Capabilities,
    /// When the type has derived types a writer may need a polymorphic enum (taking
    /// [`TypeDef::name`]) and a struct for the concrete type: this is that struct's name.
    pub concrete_struct_name: Option<String>,
}

impl StructuredDef {
    /// The structural property with this CSDL name (own or inherited).
    pub fn property(&self, csdl_name: &str) -> Option<&PropertyDef> {
        self.properties.iter().find(|p| p.name.csdl == csdl_name)
    }

    /// The navigation property with this CSDL name (own or inherited).
    pub fn navigation(&self, csdl_name: &str) -> Option<&NavigationDef> {
        self.navigation_properties
            .iter()
            .find(|n| n.name.csdl == csdl_name)
    }
}

/// A structural property.
#[derive(Debug, Clone)]
pub struct PropertyDef {
    /// CSDL name and Rust field name (unique among the type's fields, inherited included).
    pub name: Name,
    /// The property type.
    pub ty: TypeUse,
    /// Facets as written.
    pub facets: Facets,
    /// `DefaultValue` as written.
    pub default_value: Option<String>,
    /// The type that declares it.
    pub declared_in: TypeId,
    /// Description annotations.
    pub docs: Docs,
    /// `Core.Computed`: the service sets it; a client never sends it.
    pub computed: bool,
    /// `Core.Immutable`: settable on create, never changed by an update.
    pub immutable: bool,
    /// Where it was declared.
    pub origin: Origin,
}

/// A navigation property.
#[derive(Debug, Clone)]
pub struct NavigationDef {
    /// CSDL name and Rust field name (same scope as the structural properties).
    pub name: Name,
    /// The target entity type.
    pub target: TypeId,
    /// Whether it is a collection.
    pub collection: bool,
    /// `Nullable`.
    pub nullable: bool,
    /// `Partner`.
    pub partner: Option<String>,
    /// `ContainsTarget="true"`.
    pub contains_target: bool,
    /// The type that declares it.
    pub declared_in: TypeId,
    /// Capabilities from annotations on the property (inline or `Type/nav` targets).
    pub capabilities: Capabilities,
    /// Description annotations.
    pub docs: Docs,
    /// Where it was declared.
    pub origin: Origin,
}

/// An enum type.
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// The underlying integer type (`Int32` unless stated).
    pub underlying: Primitive,
    /// `IsFlags="true"`.
    pub is_flags: bool,
    /// Members in declared order.
    pub members: Vec<EnumMemberDef>,
    /// A variant name, free among the members, for values the metadata does not list.
    pub catch_all_variant: String,
}

/// An enum member.
#[derive(Debug, Clone)]
pub struct EnumMemberDef {
    /// CSDL name and Rust variant name.
    pub name: Name,
    /// The value, as written or implied (previous + 1, starting at 0).
    pub value: i64,
    /// Description annotations.
    pub docs: Docs,
}

/// A type definition.
#[derive(Debug, Clone)]
pub struct TypeDefinitionDef {
    /// The underlying primitive.
    pub underlying: Primitive,
    /// Facets as written.
    pub facets: Facets,
}

/// An action or function.
#[derive(Debug, Clone)]
pub struct OperationDef {
    /// CSDL name and Rust method name (unique among the operations of the same binding).
    pub name: Name,
    /// The schema namespace.
    pub namespace: String,
    /// `namespace.name`.
    pub qualified_name: String,
    /// Action or function.
    pub kind: OperationKind,
    /// The binding parameter of a bound operation.
    pub binding: Option<Binding>,
    /// Parameters after the binding parameter.
    pub parameters: Vec<ParameterDef>,
    /// The return type.
    pub return_type: Option<ReturnDef>,
    /// `IsComposable`.
    pub is_composable: bool,
    /// `EntitySetPath`.
    pub entity_set_path: Option<String>,
    /// Long-running: the action answers `202 Accepted` with a `Location` to poll, which returns
    /// this type (qualified name), from the generator's own term `RustCodegen.V1.LongRunning`.
    pub long_running: Option<String>,
    /// Description annotations.
    pub docs: Docs,
    /// Where it was declared.
    pub origin: Origin,
}

/// The binding parameter of a bound operation.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The parameter's CSDL name (`bindingParameter`, `bindparameter`, `this`, ...).
    pub parameter: String,
    /// The binding type.
    pub ty: TypeUse,
}

/// An operation parameter.
#[derive(Debug, Clone)]
pub struct ParameterDef {
    /// CSDL name and Rust argument name (unique within the operation).
    pub name: Name,
    /// The type.
    pub ty: TypeUse,
    /// Facets as written.
    pub facets: Facets,
    /// Description annotations.
    pub docs: Docs,
}

/// An operation's return type.
#[derive(Debug, Clone)]
pub struct ReturnDef {
    /// The type.
    pub ty: TypeUse,
    /// Facets (nullability) as written.
    pub facets: Facets,
}

/// The entity container.
#[derive(Debug, Clone, Default)]
pub struct Container {
    /// CSDL name and Rust type name.
    pub name: Name,
    /// `namespace.name`.
    pub qualified_name: String,
    /// Entity sets, in declared order. Rust names share one scope with singletons and imports.
    pub entity_sets: Vec<EntitySetDef>,
    /// Singletons, in declared order.
    pub singletons: Vec<SingletonDef>,
    /// Action and function imports, in declared order.
    pub imports: Vec<ImportDef>,
    /// Capabilities annotated on deeper container paths (`identityGovernance/roleManagementAlerts`),
    /// keyed by the path without the container name.
    pub path_capabilities: BTreeMap<String, Capabilities>,
}

impl Container {
    /// The type and capabilities of the entity set or singleton with this CSDL name.
    pub fn member(&self, csdl_name: &str) -> Option<(TypeId, Capabilities)> {
        let set = self.entity_sets.iter().find(|s| s.name.csdl == csdl_name);
        let singleton = self.singletons.iter().find(|s| s.name.csdl == csdl_name);
        set.map(|s| (s.entity_type, s.capabilities.clone()))
            .or(singleton.map(|s| (s.ty, s.capabilities.clone())))
    }
}

/// An entity set.
#[derive(Debug, Clone)]
pub struct EntitySetDef {
    /// CSDL name and Rust method name.
    pub name: Name,
    /// The entity type.
    pub entity_type: TypeId,
    /// `NavigationPropertyBinding`s as (path, target), as written.
    pub bindings: Vec<(String, String)>,
    /// Capabilities.
    pub capabilities: Capabilities,
    /// Description annotations.
    pub docs: Docs,
}

/// A singleton.
#[derive(Debug, Clone)]
pub struct SingletonDef {
    /// CSDL name and Rust method name.
    pub name: Name,
    /// The entity type.
    pub ty: TypeId,
    /// `NavigationPropertyBinding`s as (path, target), as written.
    pub bindings: Vec<(String, String)>,
    /// Capabilities.
    pub capabilities: Capabilities,
    /// Description annotations.
    pub docs: Docs,
}

/// An action or function import.
#[derive(Debug, Clone)]
pub struct ImportDef {
    /// CSDL name and Rust method name.
    pub name: Name,
    /// Action or function.
    pub kind: OperationKind,
    /// The unbound overloads it imports.
    pub operations: Vec<OperationId>,
    /// `EntitySet`, as written.
    pub entity_set: Option<String>,
}
