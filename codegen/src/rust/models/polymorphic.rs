//! Polymorphic enums keyed on `@odata.type`: a variant per concrete type (the plan's order) and
//! a catch-all holding the raw object; `odata_type()` and an accessor per structural and
//! navigation property of the base, then the setters (`setters.rs`); `impl From<Struct>` per variant (so `config.into()` wraps
//! a struct in its variant); `impl Polymorphic` (a match on the namespace, then on the raw
//! simple name) and serde impls.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{doc_attrs, examples};
use crate::model::{Name, StructuredDef, TypeId, TypeUse};
use crate::rust::plan::{Access, Plan, PolymorphicPlan, Variant, access, ident};

/// The enum of type `id` and its impls.
pub(super) fn enum_items(plan: &Plan<'_>, id: TypeId, p: &PolymorphicPlan) -> TokenStream {
    let ty = plan.model().ty(id);
    let name = ident(&ty.name.rust);
    let other = ident(&p.other);
    let docs = doc_attrs(&enum_doc(plan, id, p));
    let variants = p.variants.iter().map(|v| {
        let doc = format!(" `{}`.", plan.model().ty(v.ty).qualified_name);
        let (vname, path) = (ident(&v.name), plan.struct_path(v.ty));
        quote!(#[doc = #doc] #vname(#path),)
    });
    let allow = (!p.variants.is_empty()).then(|| {
        quote!(#[allow(clippy::large_enum_variant, reason = "boxing would cost an allocation per value")])
    });
    let methods = methods(plan, id, p, &name);
    let from_impls = from_impls(plan, p, &name);
    let polymorphic = polymorphic_impl(plan, id, p, &name);
    let serde = serde_impls(plan, p, &name);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #allow
        pub enum #name {
            #(#variants)*
            /// A type unknown to this version of the crate: the raw object, `@odata.type` included.
            #other(serde_json::Map<String, serde_json::Value>),
        }
        #methods
        #(#from_impls)*
        #polymorphic
        #serde
    }
}

fn enum_doc(plan: &Plan<'_>, id: TypeId, p: &PolymorphicPlan) -> String {
    let model = plan.model();
    let concrete = p.variants.first().is_some_and(|v| v.ty == id);
    let mut kind = if concrete { "concrete" } else { "abstract" }.to_owned();
    if let Some(base) = model.structured(id).and_then(|s| s.base) {
        kind.push_str(&format!(
            ", derived from `{}`",
            model.ty(base).qualified_name
        ));
    }
    let how = if concrete {
        "an object without `@odata.type` decodes as the base variant"
    } else {
        "decoded by its `@odata.type`"
    };
    format!(
        "{}\n\nOData type `{}` ({kind}): {how}; unknown derived types are kept whole in [`Self::{}`].{}",
        plan.type_summary(id),
        model.ty(id).qualified_name,
        p.other,
        examples::polymorphic_example(plan, id, p)
    )
}

/// `odata_type()`, the accessors of the structural and navigation properties, then the setters.
fn methods(plan: &Plan<'_>, id: TypeId, p: &PolymorphicPlan, name: &Ident) -> TokenStream {
    let support = plan.support();
    let other = ident(&p.other);
    let arms = p.variants.iter().map(|v| {
        let (vname, path) = (ident(&v.name), plan.struct_path(v.ty));
        quote!(Self::#vname(_) => <#path as #support::object::GraphObject>::ODATA_TYPE,)
    });
    let example = p.variants.first().map_or(&id, |v| &v.ty);
    let odata_doc = format!(
        " The `@odata.type` of the value, e.g. `#{}`.",
        plan.model().ty(*example).qualified_name
    );
    let accessors = plan
        .model()
        .structured(id)
        .map(|s| members(plan, p, s).collect::<Vec<_>>())
        .unwrap_or_default();
    let setters = (plan.model().structured(id))
        .map(|s| super::setters::setters(plan, p, s))
        .unwrap_or_default();
    quote! {
        impl #name {
            #[doc = #odata_doc]
            pub fn odata_type(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#other(raw) => #support::polymorphic::raw_odata_type(raw),
                }
            }
            #(#accessors)*
            #(#setters)*
        }
    }
}

/// `impl From<Struct> for Enum` per variant. The plan gives each variant its own type, and a
/// type has one struct, so no two impls of one enum share a source type; the catch-all holds
/// a raw map and gets none.
fn from_impls(plan: &Plan<'_>, p: &PolymorphicPlan, name: &Ident) -> Vec<TokenStream> {
    let variants = p.variants.iter();
    variants
        .filter_map(|v| {
            let (vname, path) = (ident(&v.name), plan.struct_path(v.ty)?);
            Some(quote! {
                impl ::std::convert::From<#path> for #name {
                    fn from(value: #path) -> Self {
                        Self::#vname(value)
                    }
                }
            })
        })
        .collect()
}

/// A property or navigation property of the base type, read by one accessor.
struct Member<'a> {
    name: &'a Name,
    ty: TypeUse,
    /// The property's rustdoc.
    doc: String,
}

/// The accessors of `s`'s properties, then of its navigation properties (the plan's order).
fn members<'a>(
    plan: &'a Plan<'_>,
    p: &'a PolymorphicPlan,
    s: &'a StructuredDef,
) -> impl Iterator<Item = TokenStream> + 'a {
    let props = p.accessors.iter().filter_map(|(i, method)| {
        let prop = s.properties.get(*i)?;
        let doc = plan.property_doc(prop);
        Some((
            Member {
                name: &prop.name,
                ty: prop.ty,
                doc,
            },
            method,
        ))
    });
    let navs = p.navigation_accessors.iter().filter_map(|(i, method)| {
        let nav = s.navigation_properties.get(*i)?;
        let (ty, doc) = (Plan::navigation_use(nav), plan.navigation_doc(nav));
        Some((
            Member {
                name: &nav.name,
                ty,
                doc,
            },
            method,
        ))
    });
    props
        .chain(navs)
        .map(|(member, method)| accessor(plan, p, member, method))
}

fn accessor(plan: &Plan<'_>, p: &PolymorphicPlan, member: Member<'_>, method: &str) -> TokenStream {
    let support = plan.support();
    let (field, json, method) = (ident(&member.name.rust), &member.name.csdl, ident(method));
    let kind = access(&member.ty);
    let element = plan.rust_type(&member.ty);
    let returns = match (&kind, member.ty.collection) {
        (Access::Str, _) => quote!(Option<&str>),
        (Access::Bool, _) => quote!(Option<bool>),
        (Access::Ref, true) => {
            let inner = plan.element_type(member.ty.target);
            quote!(Option<&[#inner]>)
        }
        (Access::Ref, false) => quote!(Option<&#element>),
    };
    let arms = p.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let boxed = plan.is_boxed(v.ty, json);
        let read = match kind {
            Access::Bool => quote!(v.#field),
            Access::Ref if !boxed && !member.ty.collection => quote!(v.#field.as_ref()),
            _ => quote!(v.#field.as_deref()),
        };
        quote!(Self::#vname(v) => #read,)
    });
    let other = ident(&p.other);
    let raw = match kind {
        Access::Str => quote!(#support::polymorphic::raw_str(raw, #json)),
        Access::Bool => quote!(#support::polymorphic::raw_bool(raw, #json)),
        Access::Ref => quote!(None),
    };
    let raw_pattern = match kind {
        Access::Ref => quote!(Self::#other(_)),
        _ => quote!(Self::#other(raw)),
    };
    let mut doc = member.doc;
    if let Access::Ref = kind {
        doc.push_str(&format!(
            "\n\n`None` for types unknown to this crate ([`Self::{other}`])."
        ));
    }
    let doc = doc_attrs(&doc);
    quote! {
        #doc
        pub fn #method(&self) -> #returns {
            match self {
                #(#arms)*
                #raw_pattern => #raw,
            }
        }
    }
}

fn polymorphic_impl(plan: &Plan<'_>, id: TypeId, p: &PolymorphicPlan, name: &Ident) -> TokenStream {
    let support = plan.support();
    let model = plan.model();
    let base = &model.ty(id).qualified_name;
    let is_abstract = model.structured(id).is_none_or(|s| s.is_abstract);
    let namespaces = plan.item_path(&[], "NAMESPACES");
    let other = ident(&p.other);
    let unknown = quote!(Self::#other(ty.decode_unknown(map)?));
    let body = if p.variants.is_empty() {
        quote!(Ok(#unknown))
    } else {
        let namespaces = variants_by_namespace(plan, p)
            .into_iter()
            .map(|(ns, variants)| {
                let arms = variants.iter().map(|v| {
                    let name =
                        proc_macro2::Literal::byte_string(model.ty(v.ty).name.csdl.as_bytes());
                    let vname = ident(&v.name);
                    quote!(#name => Self::#vname(ty.decode(map)?),)
                });
                quote! {
                    #ns => match ty.name {
                        #(#arms)*
                        _ => #unknown,
                    },
                }
            });
        quote! {
            Ok(match ty.namespace {
                #(#namespaces)*
                _ => #unknown,
            })
        }
    };
    quote! {
        impl #support::polymorphic::Polymorphic for #name {
            const BASE_TYPE: &'static str = #base;
            const ABSTRACT: bool = #is_abstract;
            const NAMESPACES: &'static [(&'static str, &'static str)] = #namespaces;

            fn decode_variant<'de, A: serde::de::MapAccess<'de>>(
                ty: &#support::polymorphic::TypeName<'_>,
                map: &mut A,
            ) -> Result<Self, A::Error> {
                #body
            }
        }
    }
}

/// The variants grouped by namespace (first appearance order), so that the generated match
/// compares the namespace once and then only the (raw byte) simple name.
fn variants_by_namespace<'p>(
    plan: &Plan<'_>,
    p: &'p PolymorphicPlan,
) -> Vec<(String, Vec<&'p Variant>)> {
    let mut groups: Vec<(String, Vec<_>)> = Vec::new();
    for v in &p.variants {
        let ns = &plan.model().ty(v.ty).namespace;
        match groups.iter_mut().find(|(n, _)| n == ns) {
            Some((_, list)) => list.push(v),
            None => groups.push((ns.clone(), vec![v])),
        }
    }
    groups
}

fn serde_impls(plan: &Plan<'_>, p: &PolymorphicPlan, name: &Ident) -> TokenStream {
    let support = plan.support();
    let other = ident(&p.other);
    let arms = p.variants.iter().map(|v| {
        let vname = ident(&v.name);
        quote!(Self::#vname(v) => serde::Serialize::serialize(v, serializer),)
    });
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#arms)*
                    Self::#other(raw) => #support::polymorphic::serialize_unknown(raw, serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #support::polymorphic::deserialize(deserializer)
            }
        }
    }
}
