//! Turning syntax documents into a [`Model`]: declare every type under its namespace-qualified
//! name, resolve every type reference, then hand over to the inheritance, operation, container,
//! annotation and naming passes.
//!
//! Problems never stop the resolver early: each one becomes a [`Diagnostic`] and the offending
//! reference is dropped, so one run reports everything that is wrong.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::fast_hash::FastMap;
use super::{
    Docs, EnumDef, EnumMemberDef, Model, NavigationDef, Origin, Primitive, PropertyDef,
    StructuredDef, TypeDef, TypeDefinitionDef, TypeId, TypeKind, TypeTarget, TypeUse, annotations,
    checks, container, external_annotations, inherit, operations, rust_names,
};
use crate::csdl::syntax::{
    Document, EnumType, NavigationProperty, Pos, Schema, StructuredType, TypeDefinition, TypeRef,
};
use crate::diagnostic::{Diagnostic, Diagnostics};

mod edm;
mod names;

pub(crate) use edm::{primitive, type_use_key};
use names::{alias_prefix, expand_alias};
pub(crate) use names::{document_aliases, join_qualified, plain_name, qualify_with};

/// Resolves one or more documents (e.g. the service metadata plus a document of external
/// annotations) into one model. Returns every semantic problem at once, sorted by position.
pub fn resolve(docs: &[Document]) -> Result<Model, Diagnostics> {
    let mut cx = Resolver::new(docs);
    cx.declare_types();
    cx.build_types();
    checks::navigation_targets(&mut cx);
    operations::build(&mut cx);
    container::build(&mut cx);
    external_annotations::apply_external(&mut cx);
    inherit::link(&mut cx);
    cx.check_keys();
    rust_names::assign(&mut cx.model);
    cx.finish()
}

/// Where a type is declared: document, schema and position in the schema's list.
#[derive(Debug, Clone, Copy)]
enum DeclRef {
    Structured(usize, usize, usize),
    Enum(usize, usize, usize),
    Definition(usize, usize, usize),
}

/// State shared by the resolver passes.
pub(crate) struct Resolver<'a> {
    /// The input documents.
    pub docs: &'a [Document],
    /// Per document: its source name, shared by the origins of its items.
    sources: Vec<Arc<str>>,
    /// Per document: alias -> namespace (schema aliases and `edmx:Include` aliases).
    aliases: Vec<BTreeMap<String, String>>,
    /// Schema aliases of all documents, the fallback for names a document does not alias.
    global_aliases: BTreeMap<String, String>,
    /// Declarations in type-id order.
    decls: Vec<DeclRef>,
    /// Their qualified names, until [`Resolver::build_types`] moves them into the types.
    decl_names: Vec<String>,
    /// Per document: type names as written -> resolved element type (successes only; filled
    /// once every type is declared). Graph writes the same few thousand names ~60k times.
    resolved_names: RefCell<Vec<FastMap<&'a str, TypeTarget>>>,
    /// The model being built.
    pub model: Model,
    /// Problems found so far.
    pub errors: Vec<Diagnostic>,
}

impl<'a> Resolver<'a> {
    fn new(docs: &'a [Document]) -> Self {
        let mut global_aliases = BTreeMap::new();
        let mut schema_aliases = BTreeMap::new();
        let aliases = docs.iter().map(document_aliases).collect::<Vec<_>>();
        for doc in docs {
            for schema in &doc.schemas {
                if let Some(alias) = &schema.alias {
                    global_aliases
                        .entry(alias.clone())
                        .or_insert_with(|| schema.namespace.clone());
                    schema_aliases
                        .entry(schema.namespace.clone())
                        .or_insert_with(|| alias.clone());
                }
            }
        }
        Resolver {
            docs,
            aliases,
            global_aliases,
            sources: docs.iter().map(|d| Arc::from(d.source.as_str())).collect(),
            decls: Vec::new(),
            decl_names: Vec::new(),
            resolved_names: RefCell::new(vec![FastMap::default(); docs.len()]),
            model: Model {
                aliases: schema_aliases,
                ..Model::default()
            },
            errors: Vec::new(),
        }
    }

    /// Records a problem at `pos` in document `doc`.
    pub fn error(&mut self, doc: usize, pos: Pos, message: String) {
        let source = self.docs.get(doc).map_or("", |d| d.source.as_str());
        self.errors.push(Diagnostic::new(source, pos, message));
    }

    /// Records a problem at a model item's origin.
    pub fn error_at(&mut self, origin: &Origin, message: String) {
        self.errors.push(Diagnostic::at(origin, message));
    }

    /// The origin record for an item at `pos` in document `doc`.
    pub fn origin(&self, doc: usize, pos: Pos) -> Origin {
        let source = self.sources.get(doc).cloned().unwrap_or_default();
        Origin { source, pos }
    }

    /// `name` (alias- or namespace-qualified) with its namespace part expanded:
    /// `graph.alert` -> `microsoft.graph.alert`.
    pub fn qualify(&self, doc: usize, name: &str) -> String {
        self.qualified(doc, name).into_owned()
    }

    /// [`Resolver::qualify`], borrowing `name` when it has no alias to expand.
    pub fn qualified<'n>(&self, doc: usize, name: &'n str) -> Cow<'n, str> {
        match self.aliases.get(doc) {
            Some(aliases) if alias_prefix(aliases, name).is_some() => expand_alias(aliases, name),
            _ => expand_alias(&self.global_aliases, name),
        }
    }

    /// Resolves a type reference, or returns the qualified name that did not resolve.
    pub fn resolve_type(&self, doc: usize, ty: &'a TypeRef) -> Result<TypeUse, String> {
        Ok(TypeUse {
            target: self.resolve_cached(doc, &ty.name)?,
            collection: ty.collection,
        })
    }

    /// [`Resolver::resolve_name`] through the per-document cache of names as written.
    fn resolve_cached(&self, doc: usize, name: &'a str) -> Result<TypeTarget, String> {
        let cached = (self.resolved_names.borrow().get(doc)).and_then(|m| m.get(name).copied());
        if let Some(target) = cached {
            return Ok(target);
        }
        let target = self.resolve_name(doc, name)?;
        if let Some(names) = self.resolved_names.borrow_mut().get_mut(doc) {
            names.insert(name, target);
        }
        Ok(target)
    }

    /// Resolves an element type name, or returns the qualified name that did not resolve.
    fn resolve_name(&self, doc: usize, name: &str) -> Result<TypeTarget, String> {
        let qualified = self.qualified(doc, name);
        let target = match qualified.strip_prefix("Edm.") {
            Some(edm) => primitive(edm).map(TypeTarget::Primitive),
            None => self.model.type_id(&qualified).map(TypeTarget::Defined),
        };
        target.ok_or_else(|| qualified.into_owned())
    }

    /// Resolves a type reference used by `what`, recording a diagnostic when it does not resolve.
    pub fn resolve_type_or_report(
        &mut self,
        doc: usize,
        ty: &'a TypeRef,
        pos: Pos,
        what: impl FnOnce() -> String,
    ) -> Option<TypeUse> {
        match self.resolve_type(doc, ty) {
            Ok(resolved) => Some(resolved),
            Err(name) => {
                let what = what();
                self.error(doc, pos, format!("unresolved type `{name}` used by {what}"));
                None
            }
        }
    }

    /// Collects every type declaration, sorted by qualified name, and reports duplicates.
    fn declare_types(&mut self) {
        let mut decls = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            for (s, schema) in doc.schemas.iter().enumerate() {
                decls.extend(schema_decls(d, s, schema));
            }
        }
        decls.sort_by(|a, b| a.0.cmp(&b.0));
        self.decls.reserve(decls.len());
        self.decl_names.reserve(decls.len());
        self.model.type_index.reserve(decls.len());
        let mut previous: Option<(usize, Pos)> = None;
        for (qualified, decl) in decls {
            let (doc, pos) = (decl_doc(decl), self.decl_pos(decl));
            if let Some((prev_doc, prev_pos)) = previous
                && self.decl_names.last() == Some(&qualified)
            {
                let first = self.origin(prev_doc, prev_pos);
                let message = format!(
                    "duplicate type name `{qualified}`: first declared at {}:{}:{}",
                    first.source, first.pos.line, first.pos.column
                );
                self.error(doc, pos, message);
                continue;
            }
            let id = TypeId(self.decls.len());
            self.model.type_index.insert(qualified.clone(), id);
            self.decls.push(decl);
            self.decl_names.push(qualified);
            previous = Some((doc, pos));
        }
    }

    fn decl_pos(&self, decl: DeclRef) -> Pos {
        let schema = |d: usize, s: usize| self.docs.get(d).and_then(|doc| doc.schemas.get(s));
        let pos = match decl {
            DeclRef::Structured(d, s, i) => schema(d, s)
                .and_then(|x| x.structured_types.get(i))
                .map(|t| t.pos),
            DeclRef::Enum(d, s, i) => schema(d, s)
                .and_then(|x| x.enum_types.get(i))
                .map(|t| t.pos),
            DeclRef::Definition(d, s, i) => schema(d, s)
                .and_then(|x| x.type_definitions.get(i))
                .map(|t| t.pos),
        };
        pos.unwrap_or_default()
    }

    /// Checks the `Key/PropertyRef`s of every structured type against its flattened properties.
    fn check_keys(&mut self) {
        let docs = self.docs;
        for index in 0..self.decls.len() {
            let Some(DeclRef::Structured(d, s, i)) = self.decls.get(index).copied() else {
                continue;
            };
            let declared = docs.get(d).and_then(|doc| doc.schemas.get(s));
            if let Some(t) = declared.and_then(|schema| schema.structured_types.get(i)) {
                checks::key_refs(self, d, TypeId(index), &t.key);
            }
        }
    }

    /// Builds a [`TypeDef`] for every declaration, with own members only.
    fn build_types(&mut self) {
        let docs = self.docs;
        let names = std::mem::take(&mut self.decl_names);
        self.model.types.reserve(names.len());
        for (index, (decl, qualified)) in self.decls.clone().into_iter().zip(names).enumerate() {
            let (d, s) = match decl {
                DeclRef::Structured(d, s, _)
                | DeclRef::Enum(d, s, _)
                | DeclRef::Definition(d, s, _) => (d, s),
            };
            let Some(schema) = docs.get(d).and_then(|doc| doc.schemas.get(s)) else {
                continue;
            };
            let id = TypeId(index);
            let def = match decl {
                DeclRef::Structured(.., i) => schema
                    .structured_types
                    .get(i)
                    .map(|t| self.build_structured(d, schema, id, t, qualified)),
                DeclRef::Enum(.., i) => schema
                    .enum_types
                    .get(i)
                    .map(|t| self.build_enum(d, schema, t, qualified)),
                DeclRef::Definition(.., i) => schema
                    .type_definitions
                    .get(i)
                    .map(|t| self.build_definition(d, schema, t, qualified)),
            };
            if let Some(def) = def {
                self.model.types.push(def);
            }
        }
    }

    /// The type `qualified` (`schema`'s namespace, a dot, `name`) declared at `pos`.
    fn type_def(
        &self,
        doc: usize,
        schema: &Schema,
        (name, qualified): (&str, String),
        pos: Pos,
        kind: TypeKind,
    ) -> TypeDef {
        TypeDef {
            name: plain_name(name),
            namespace: schema.namespace.clone(),
            qualified_name: qualified,
            module: Vec::new(),
            docs: Docs::default(),
            kind,
            origin: self.origin(doc, pos),
        }
    }

    fn build_structured(
        &mut self,
        doc: usize,
        schema: &Schema,
        id: TypeId,
        t: &'a StructuredType,
        qualified: String,
    ) -> TypeDef {
        let base = t.base_type.as_ref().and_then(|base| {
            let resolved = self.resolve_cached(doc, base);
            if let Ok(TypeTarget::Defined(id)) = resolved {
                return Some(id);
            }
            let base = resolved.err().unwrap_or_else(|| self.qualify(doc, base));
            let message = format!("unresolved base type `{base}` of `{qualified}`");
            self.error(doc, t.pos, message);
            None
        });
        let mut properties = Vec::with_capacity(t.properties.len());
        properties.extend(t.properties.iter().filter_map(|p| {
            let what = || format!("property `{}` of `{qualified}`", p.name);
            let ty = self.resolve_type_or_report(doc, &p.ty, p.pos, what)?;
            let (computed, immutable) = annotations::mutability(self, doc, &p.annotations).flags();
            Some(PropertyDef {
                name: plain_name(&p.name),
                ty,
                facets: p.facets.clone(),
                default_value: p.default_value.clone(),
                declared_in: id,
                docs: annotations::docs(self, doc, &p.annotations),
                computed,
                immutable,
                origin: self.origin(doc, p.pos),
            })
        }));
        let mut navigation_properties = Vec::with_capacity(t.navigation_properties.len());
        navigation_properties.extend(
            (t.navigation_properties.iter())
                .filter_map(|n| self.build_navigation(doc, id, n, &qualified)),
        );
        let structured = StructuredDef {
            kind: t.kind,
            base,
            is_abstract: t.is_abstract,
            open_type: t.open_type,
            has_stream: t.has_stream,
            key: t.key.iter().map(|k| k.name.clone()).collect(),
            properties,
            navigation_properties,
            capabilities: annotations::capabilities(self, doc, &t.annotations),
            ..StructuredDef::default()
        };
        let kind = TypeKind::Structured(structured);
        let mut def = self.type_def(doc, schema, (&t.name, qualified), t.pos, kind);
        def.docs = annotations::docs(self, doc, &t.annotations);
        def
    }

    /// A navigation property of the type `id` (`qualified`), if its target resolves to a type.
    fn build_navigation(
        &mut self,
        doc: usize,
        id: TypeId,
        n: &'a NavigationProperty,
        qualified: &str,
    ) -> Option<NavigationDef> {
        let what = || format!("navigation property `{}` of `{qualified}`", n.name);
        let ty = self.resolve_type_or_report(doc, &n.ty, n.pos, what)?;
        let TypeTarget::Defined(target) = ty.target else {
            let what = what();
            let message = format!("{what} must target an entity type, not `{}`", n.ty.name);
            self.error(doc, n.pos, message);
            return None;
        };
        Some(NavigationDef {
            name: plain_name(&n.name),
            target,
            collection: ty.collection,
            nullable: n.nullable,
            partner: n.partner.clone(),
            contains_target: n.contains_target,
            declared_in: id,
            capabilities: annotations::capabilities(self, doc, &n.annotations),
            docs: annotations::docs(self, doc, &n.annotations),
            origin: self.origin(doc, n.pos),
        })
    }

    fn build_enum(
        &mut self,
        doc: usize,
        schema: &Schema,
        t: &EnumType,
        qualified: String,
    ) -> TypeDef {
        let underlying = t
            .underlying_type
            .as_deref()
            .map_or(Some(Primitive::Int32), |u| {
                primitive(self.qualified(doc, u).trim_start_matches("Edm."))
            });
        if underlying.is_none() {
            let message = format!(
                "unresolved underlying type `{}` of enum `{}.{}`",
                t.underlying_type.as_deref().unwrap_or_default(),
                schema.namespace,
                t.name
            );
            self.error(doc, t.pos, message);
        }
        let members = t.members.iter().map(|m| (m.name.as_str(), m.pos));
        let scope = || format!("in enum `{qualified}`");
        checks::unique_names(self, doc, members, "member", scope);
        let mut next_value = 0i64;
        let members = t
            .members
            .iter()
            .map(|m| {
                let value = m.value.unwrap_or(next_value);
                next_value = value.saturating_add(1);
                EnumMemberDef {
                    name: plain_name(&m.name),
                    value,
                    docs: annotations::docs(self, doc, &m.annotations),
                }
            })
            .collect();
        let def = EnumDef {
            underlying: underlying.unwrap_or(Primitive::Int32),
            is_flags: t.is_flags,
            members,
            catch_all_variant: String::new(),
        };
        let kind = TypeKind::Enum(def);
        let mut built = self.type_def(doc, schema, (&t.name, qualified), t.pos, kind);
        built.docs = annotations::docs(self, doc, &t.annotations);
        built
    }

    fn build_definition(
        &mut self,
        doc: usize,
        schema: &Schema,
        t: &TypeDefinition,
        qualified: String,
    ) -> TypeDef {
        let underlying_type = self.qualified(doc, &t.underlying_type);
        let underlying = underlying_type.strip_prefix("Edm.").and_then(primitive);
        if underlying.is_none() {
            let message = format!(
                "unresolved underlying type `{underlying_type}` of type definition `{}.{}`",
                schema.namespace, t.name
            );
            self.error(doc, t.pos, message);
        }
        let def = TypeDefinitionDef {
            underlying: underlying.unwrap_or(Primitive::String),
            facets: t.facets.clone(),
        };
        let kind = TypeKind::Definition(def);
        let mut built = self.type_def(doc, schema, (&t.name, qualified), t.pos, kind);
        built.docs = annotations::docs(self, doc, &t.annotations);
        built
    }

    fn finish(mut self) -> Result<Model, Diagnostics> {
        if self.errors.is_empty() {
            return Ok(self.model);
        }
        self.errors.sort();
        self.errors.dedup();
        Err(Diagnostics(self.errors))
    }
}

fn schema_decls(d: usize, s: usize, schema: &Schema) -> Vec<(String, DeclRef)> {
    let qualified = |name: &str| join_qualified(&schema.namespace, name);
    let structured = schema.structured_types.iter().enumerate();
    let enums = schema.enum_types.iter().enumerate();
    let definitions = schema.type_definitions.iter().enumerate();
    structured
        .map(|(i, t)| (qualified(&t.name), DeclRef::Structured(d, s, i)))
        .chain(enums.map(|(i, t)| (qualified(&t.name), DeclRef::Enum(d, s, i))))
        .chain(definitions.map(|(i, t)| (qualified(&t.name), DeclRef::Definition(d, s, i))))
        .collect()
}

fn decl_doc(decl: DeclRef) -> usize {
    match decl {
        DeclRef::Structured(d, ..) | DeclRef::Enum(d, ..) | DeclRef::Definition(d, ..) => d,
    }
}
