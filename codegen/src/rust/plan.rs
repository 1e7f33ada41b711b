//! The Rust-emission plan: every decision about *how* a model type is printed as Rust, made once
//! from the [`Model`] so that writers (models and client builders) only print.
//!
//! Decisions, per structured type:
//! - **Used** types are those some declaration refers to: a property, a navigation property, an
//!   operation's binding, parameter or return type, an entity set or a singleton.
//! - A used type with derived types becomes a **polymorphic enum** named [`TypeDef::name`]
//!   (`@odata.type` dispatch): a `Base` variant holding its struct when it is concrete, one
//!   variant per concrete derived type (all depths, abstract intermediates skipped) and a
//!   catch-all `Other(Map)`. A used *abstract* type without derived types also becomes such an
//!   enum, with only `Other`: a value of it can only be a derived type this crate does not know.
//!   The enum has an accessor per property and a setter per property a caller may change
//!   (see `plan/polymorphic.rs`).
//! - Every **concrete** type gets a struct holding all its properties (inherited included): named
//!   [`StructuredDef::concrete_struct_name`](crate::model::StructuredDef::concrete_struct_name) when the type has derived types (whether or not its
//!   enum is emitted, so the name does not change with use), else [`TypeDef::name`].
//! - An **abstract type nobody uses** gets no item: its properties are in every derived struct.
//! - `microsoft.graph.Json` (Graph's "any JSON" complex type) is `serde_json::Value`.
//! - Type definitions are spelled as their underlying primitive; `IsFlags` enum types as
//!   `support::Flags<E>`.
//! - A struct field is **boxed** when the field's type contains the struct again by value, i.e.
//!   the field closes a cycle of non-collection fields and enum variants (strongly connected
//!   components); collections need no box.
//! - A struct whose type is a derived variant of some emitted enum writes `@odata.type`.
//!
//! Paths are crate-relative (`crate::security::Alert`) with a configurable prefix, so the client
//! writer can print `pim_alerts_models::security::Alert`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

mod boxing;
mod files;
mod idents;
mod polymorphic;

use boxing::boxed_fields;
use files::{all_modules, assign_files};
pub use idents::ident;
use idents::{path_tokens, validate_names};
use polymorphic::polymorphic_plan;
pub use polymorphic::{Access, RawWrite, Setter, access};

use super::WriteError;
use crate::csdl::syntax::StructuredKind;
use crate::model::naming::{Case, NameScope};
use crate::model::{
    Model, NavigationDef, Primitive, PropertyDef, TypeDef, TypeId, TypeKind, TypeTarget, TypeUse,
};

/// Complex types that stand for arbitrary JSON.
const JSON_TYPES: &[&str] = &["microsoft.graph.Json"];

/// Names the generated code uses unqualified; a generated type may not take them.
const RESERVED_TYPE_NAMES: &[&str] = &["Option", "Vec", "Box", "String", "Result"];

/// How a reference to a type is spelled in Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repr {
    /// The struct with this name, in the type's module.
    Struct(String),
    /// The polymorphic enum named after the type.
    Polymorphic,
    /// The string enum named after the type.
    StringEnum,
    /// `support::Flags` of the enum named after the type.
    Flags,
    /// `serde_json::Value`.
    Json,
    /// A primitive (type definitions).
    Primitive(Primitive),
    /// Not emitted (an abstract type nobody uses); spelled as raw JSON if ever referenced.
    Omitted,
}

/// A variant of a polymorphic enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The concrete type it holds.
    pub ty: TypeId,
    /// The variant identifier (`Base` for the enum's own type).
    pub name: String,
}

/// The polymorphic enum of a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolymorphicPlan {
    /// Variants in order: `Base` first, then derived types by qualified name.
    pub variants: Vec<Variant>,
    /// The catch-all variant (`Other`).
    pub other: String,
    /// Accessor methods for the type's structural properties: (property index, method name).
    pub accessors: Vec<(usize, String)>,
    /// Accessor methods for the type's navigation properties: (navigation index, method name),
    /// named after the structural ones.
    pub navigation_accessors: Vec<(usize, String)>,
    /// Setters of the structural properties a caller may change, named after the accessors.
    pub setters: Vec<Setter>,
}

/// Every decision about one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypePlan {
    /// How references to the type are spelled.
    pub repr: Repr,
    /// The struct holding the type's properties, if one is emitted.
    pub struct_name: Option<String>,
    /// The polymorphic enum, if one is emitted.
    pub polymorphic: Option<PolymorphicPlan>,
    /// The struct's field for undeclared properties (`additional_properties`).
    pub additional_field: String,
    /// Whether the struct writes `@odata.type` (it is a derived variant of an emitted enum).
    pub write_odata_type: bool,
    /// The file stem in the type's module folder (`None`: nothing emitted).
    pub file: Option<String>,
}

/// The Rust-emission plan of a model.
#[derive(Debug, Clone)]
pub struct Plan<'m> {
    model: &'m Model,
    prefix: TokenStream,
    types: Vec<TypePlan>,
    /// (owner type, field CSDL name) of boxed fields.
    boxed: BTreeSet<(TypeId, String)>,
    /// The crate name rustdoc examples `use` (`None`: no examples).
    doc_crate: Option<String>,
}

impl<'m> Plan<'m> {
    /// Plans `model`, printing item paths under `prefix` (`crate` inside the models crate,
    /// `pim_alerts_models` elsewhere). Fails on a prefix that is no path
    /// ([`WriteError::InvalidPrefix`]) and on names that cannot be printed ([`WriteError::Model`],
    /// every one at once).
    pub fn new(model: &'m Model, prefix: &str) -> Result<Plan<'m>, WriteError> {
        let prefix = path_tokens(prefix)?;
        validate_names(model)?;
        let used = used_types(model);
        let mut types: Vec<TypePlan> = (0..model.types.len())
            .map(|i| base_plan(model, TypeId(i), &used))
            .collect();
        for i in 0..types.len() {
            types[i].polymorphic = polymorphic_plan(model, TypeId(i), &types);
        }
        mark_derived_variants(&mut types);
        assign_files(model, &mut types)?;
        let boxed = boxed_fields(model, &types);
        Ok(Plan {
            model,
            prefix,
            types,
            boxed,
            doc_crate: None,
        })
    }

    /// Has writers add runnable rustdoc examples that use the crate as `crate_name`
    /// (`pim_alerts_models`).
    pub fn with_doc_crate(mut self, crate_name: &str) -> Self {
        self.doc_crate = Some(crate_name.to_owned());
        self
    }

    /// The crate name for rustdoc examples, if examples are wanted.
    pub fn doc_crate(&self) -> Option<&str> {
        self.doc_crate.as_deref()
    }

    /// The model planned.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The decisions for type `id`.
    pub fn ty(&self, id: TypeId) -> &TypePlan {
        &self.types[id.0]
    }

    /// The path prefix (`crate`).
    pub fn prefix(&self) -> &TokenStream {
        &self.prefix
    }

    /// `prefix::support`.
    pub fn support(&self) -> TokenStream {
        let prefix = &self.prefix;
        quote!(#prefix::support)
    }

    /// The path of item `name` in `module` (`crate::security::Alert`).
    pub fn item_path(&self, module: &[String], name: &str) -> TokenStream {
        let prefix = &self.prefix;
        let segments = module.iter().map(|m| ident(m));
        let name = ident(name);
        quote!(#prefix #(:: #segments)* :: #name)
    }

    /// The path of the struct of type `id` (its concrete struct), if it has one.
    pub fn struct_path(&self, id: TypeId) -> Option<TokenStream> {
        let name = self.ty(id).struct_name.as_deref()?;
        Some(self.item_path(&self.model.ty(id).module, name))
    }

    /// The path of the item named after type `id` (enum or struct).
    pub fn type_path(&self, id: TypeId) -> TokenStream {
        let ty = self.model.ty(id);
        self.item_path(&ty.module, &ty.name.rust)
    }

    /// The Rust type of a type reference: `Vec<..>` for collections.
    pub fn rust_type(&self, ty: &TypeUse) -> TokenStream {
        let element = self.element_type(ty.target);
        if ty.collection {
            quote!(Vec<#element>)
        } else {
            element
        }
    }

    /// The Rust type of a field of `owner` (inside its `Option`): boxed when it closes a cycle.
    pub fn field_type(&self, owner: TypeId, csdl_name: &str, ty: &TypeUse) -> TokenStream {
        let rust = self.rust_type(ty);
        if self.is_boxed(owner, csdl_name) {
            quote!(Box<#rust>)
        } else {
            rust
        }
    }

    /// Whether field `csdl_name` of `owner`'s struct is boxed.
    pub fn is_boxed(&self, owner: TypeId, csdl_name: &str) -> bool {
        self.boxed.contains(&(owner, csdl_name.to_owned()))
    }

    /// The Rust type of one element of a type reference.
    pub fn element_type(&self, target: TypeTarget) -> TokenStream {
        let id = match target {
            TypeTarget::Primitive(p) => return self.primitive_type(p),
            TypeTarget::Defined(id) => id,
        };
        let support = self.support();
        match &self.ty(id).repr {
            Repr::Struct(name) => self.item_path(&self.model.ty(id).module, name),
            Repr::Polymorphic | Repr::StringEnum => self.type_path(id),
            Repr::Flags => {
                let path = self.type_path(id);
                quote!(#support::Flags<#path>)
            }
            Repr::Primitive(p) => self.primitive_type(*p),
            Repr::Json | Repr::Omitted => quote!(#support::edm::Untyped),
        }
    }

    /// The Rust type of an Edm primitive (see `support::edm`).
    pub fn primitive_type(&self, p: Primitive) -> TokenStream {
        let edm = {
            let support = self.support();
            quote!(#support::edm)
        };
        match p {
            Primitive::String => quote!(String),
            Primitive::Boolean => quote!(bool),
            Primitive::Byte => quote!(u8),
            Primitive::SByte => quote!(i8),
            Primitive::Int16 => quote!(i16),
            Primitive::Int32 => quote!(i32),
            Primitive::Int64 => quote!(#edm::Int64),
            Primitive::Decimal => quote!(#edm::Decimal),
            Primitive::Double => quote!(#edm::Double),
            Primitive::Single => quote!(#edm::Single),
            Primitive::Guid => quote!(#edm::Guid),
            Primitive::Date => quote!(#edm::Date),
            Primitive::TimeOfDay => quote!(#edm::TimeOfDay),
            Primitive::DateTimeOffset => quote!(#edm::DateTimeOffset),
            Primitive::Duration => quote!(#edm::Duration),
            Primitive::Binary => quote!(#edm::Binary),
            Primitive::Stream | Primitive::Untyped | Primitive::Geography | Primitive::Geometry => {
                quote!(#edm::Untyped)
            }
        }
    }

    /// The navigation property's type as a type reference.
    pub fn navigation_use(nav: &NavigationDef) -> TypeUse {
        TypeUse {
            target: TypeTarget::Defined(nav.target),
            collection: nav.collection,
        }
    }

    /// The CSDL spelling of a type reference: `Edm.String`, `Collection(microsoft.graph.x)`.
    pub fn type_display(&self, ty: &TypeUse) -> String {
        let element = match ty.target {
            TypeTarget::Primitive(p) => format!("Edm.{p:?}"),
            TypeTarget::Defined(id) => self.model.ty(id).qualified_name.clone(),
        };
        if ty.collection {
            format!("Collection({element})")
        } else {
            element
        }
    }

    /// The rustdoc of a property: its description, else a sentence naming it and its type;
    /// plus notes where the Rust type is raw JSON and where only the service sets the value.
    pub fn property_doc(&self, p: &PropertyDef) -> String {
        let text = member_doc(&p.docs, &p.name.csdl, "property", &self.type_display(&p.ty));
        let notes = [value_note(p.ty.target), settable_note(p)];
        notes
            .into_iter()
            .flatten()
            .fold(text, |text, note| format!("{text}\n\n{note}"))
    }

    /// The rustdoc of a navigation property.
    pub fn navigation_doc(&self, n: &NavigationDef) -> String {
        let display = self.type_display(&Self::navigation_use(n));
        member_doc(&n.docs, &n.name.csdl, "navigation property", &display)
    }

    /// The first rustdoc paragraph of a type: its description, else a sentence naming it.
    pub fn type_summary(&self, id: TypeId) -> String {
        let ty = self.model.ty(id);
        if let Some(d) = super::doc_text::description(ty.docs.description.as_deref()) {
            return d;
        }
        let kind = match &ty.kind {
            TypeKind::Structured(s) if s.kind == StructuredKind::Complex => "complex type",
            TypeKind::Structured(_) => "entity type",
            TypeKind::Enum(_) => "enum type",
            TypeKind::Definition(_) => "type definition",
        };
        format!("The {kind} `{}`.", ty.qualified_name)
    }

    /// The `(namespace, alias)` pairs accepted in `@odata.type` (`#graph.alert`), sorted by
    /// namespace; the alias is the one the namespace's schema declares, else empty.
    pub fn namespaces(&self) -> Vec<(String, String)> {
        let aliases = &self.model.aliases;
        (self.model.modules.keys())
            .map(|ns| (ns.clone(), aliases.get(ns).cloned().unwrap_or_default()))
            .collect()
    }

    /// Every module path that gets a `mod.rs`, the root (`[]`) included, sorted.
    pub fn modules(&self) -> BTreeSet<Vec<String>> {
        all_modules(self.model)
    }
}

/// Types some declaration refers to.
fn used_types(model: &Model) -> BTreeSet<TypeId> {
    let mut used = BTreeSet::new();
    let mut add = |t: &TypeUse| {
        if let TypeTarget::Defined(id) = t.target {
            used.insert(id);
        }
    };
    for s in model.types.iter().filter_map(structured) {
        s.properties.iter().for_each(|p| add(&p.ty));
        let navs = s.navigation_properties.iter();
        navs.for_each(|n| add(&Plan::navigation_use(n)));
    }
    for op in &model.operations {
        op.binding.iter().for_each(|b| add(&b.ty));
        op.parameters.iter().for_each(|p| add(&p.ty));
        op.return_type.iter().for_each(|r| add(&r.ty));
    }
    if let Some(c) = &model.container {
        used.extend(c.entity_sets.iter().map(|s| s.entity_type));
        used.extend(c.singletons.iter().map(|s| s.ty));
    }
    used
}

fn structured(ty: &TypeDef) -> Option<&crate::model::StructuredDef> {
    match &ty.kind {
        TypeKind::Structured(s) => Some(s),
        _ => None,
    }
}

/// Repr and struct name of one type (enums are planned afterwards).
fn base_plan(model: &Model, id: TypeId, used: &BTreeSet<TypeId>) -> TypePlan {
    let ty = model.ty(id);
    let mut plan = TypePlan {
        repr: Repr::Omitted,
        struct_name: None,
        polymorphic: None,
        additional_field: String::new(),
        write_odata_type: false,
        file: None,
    };
    match &ty.kind {
        TypeKind::Enum(e) if e.is_flags => plan.repr = Repr::Flags,
        TypeKind::Enum(_) => plan.repr = Repr::StringEnum,
        TypeKind::Definition(d) => plan.repr = Repr::Primitive(d.underlying),
        TypeKind::Structured(_) if JSON_TYPES.contains(&ty.qualified_name.as_str()) => {
            plan.repr = Repr::Json;
        }
        TypeKind::Structured(s) => {
            let enum_wanted = used.contains(&id) && (!s.all_derived.is_empty() || s.is_abstract);
            if !s.is_abstract {
                let name = s.concrete_struct_name.clone();
                plan.struct_name = Some(name.unwrap_or_else(|| ty.name.rust.clone()));
                plan.additional_field = additional_field(s);
            }
            plan.repr = match (&plan.struct_name, enum_wanted) {
                (_, true) => Repr::Polymorphic,
                (Some(name), false) => Repr::Struct(name.clone()),
                (None, false) => Repr::Omitted,
            };
        }
    }
    plan
}

/// `additional_properties`, unless a declared field took it.
fn additional_field(s: &crate::model::StructuredDef) -> String {
    let mut scope = NameScope::new(Case::Snake);
    s.properties
        .iter()
        .for_each(|p| scope.reserve(&p.name.rust));
    let navs = s.navigation_properties.iter();
    navs.for_each(|n| scope.reserve(&n.name.rust));
    scope.claim("additional_properties")
}

/// Structs that are a non-`Base` variant of an emitted enum write `@odata.type`.
fn mark_derived_variants(types: &mut [TypePlan]) {
    let derived: BTreeSet<TypeId> = (types.iter().enumerate())
        .filter_map(|(i, t)| t.polymorphic.as_ref().map(|p| (i, p)))
        .flat_map(|(i, p)| p.variants.iter().filter(move |v| v.ty.0 != i))
        .map(|v| v.ty)
        .collect();
    for id in derived {
        types[id.0].write_odata_type = true;
    }
}

fn member_doc(docs: &crate::model::Docs, csdl: &str, what: &str, display: &str) -> String {
    super::doc_text::description(docs.description.as_deref())
        .unwrap_or_else(|| format!("The `{csdl}` {what} (`{display}`)."))
}

/// A note for properties the caller cannot change (`Core.Computed` or `Core.Immutable`), which
/// an update never sends.
fn settable_note(p: &PropertyDef) -> Option<&'static str> {
    match (p.computed, p.immutable) {
        (true, _) => Some("Read-only: set by the service; an update does not send it."),
        (false, true) => Some("Set when the entity is created; an update does not send it."),
        (false, false) => None,
    }
}

/// A note for properties whose Rust type is raw JSON.
fn value_note(target: TypeTarget) -> Option<&'static str> {
    match target {
        TypeTarget::Primitive(Primitive::Geography | Primitive::Geometry) => {
            Some("Kept as raw JSON (GeoJSON): the crate has no geospatial types.")
        }
        TypeTarget::Primitive(Primitive::Stream) => {
            Some("Stream content is not sent inline; any value received is kept as raw JSON.")
        }
        _ => None,
    }
}
