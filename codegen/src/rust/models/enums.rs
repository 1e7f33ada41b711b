//! CSDL enum types: an enum with a variant per member plus a catch-all holding an unknown
//! member name, `impl StringEnum` (two matches), serde impls, and `as_str()` plus `Display`
//! from the support macro `impl_as_str_and_display!`. `IsFlags` types are the same
//! enum; properties of such a type are `support::Flags<E>` (the plan decides), which reads and
//! writes Graph's comma-separated member lists.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{doc_attrs, examples};
use crate::model::{EnumDef, TypeId, TypeKind};
use crate::rust::doc_text::description;
use crate::rust::plan::{Plan, ident};

/// The enum of enum type `id` and its impls.
pub(super) fn enum_items(plan: &Plan<'_>, id: TypeId) -> TokenStream {
    let ty = plan.model().ty(id);
    let TypeKind::Enum(e) = &ty.kind else {
        return TokenStream::new();
    };
    let name = ident(&ty.name.rust);
    let other = ident(&e.catch_all_variant);
    let docs = doc_attrs(&enum_doc(plan, id, e));
    let variants = e.members.iter().map(|m| {
        let doc = match description(m.docs.description.as_deref()) {
            Some(d) => format!("`{}`: {d}", m.name.csdl),
            None => format!("`{}`.", m.name.csdl),
        };
        let doc = doc_attrs(&doc);
        let vname = ident(&m.name.rust);
        quote!(#doc #vname,)
    });
    let string_enum = string_enum_impl(plan, e, &name, &other);
    let serde = serde_impls(plan, &name);
    let support = plan.support();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member unknown to this version of the crate.
            #other(String),
        }
        #string_enum
        #serde
        #support::string_enum::impl_as_str_and_display!(#name);
    }
}

fn enum_doc(plan: &Plan<'_>, id: TypeId, e: &EnumDef) -> String {
    let summary = plan.type_summary(id);
    let example = examples::string_enum_example(plan, id, e);
    let underlying = format!("Edm.{:?}", e.underlying);
    if e.is_flags {
        let support = plan.support().to_string().replace(' ', "");
        format!(
            "{summary}\n\nA flags enum (underlying `{underlying}`): Graph sends sets of members as \
             comma-separated names, so properties of this type are \
             [`Flags<Self>`]({support}::Flags).{example}"
        )
    } else {
        format!("{summary}{example}")
    }
}

fn string_enum_impl(plan: &Plan<'_>, e: &EnumDef, name: &Ident, other: &Ident) -> TokenStream {
    let support = plan.support();
    let from_name = if e.members.is_empty() {
        quote!(Self::#other(name.to_owned()))
    } else {
        let arms = e.members.iter().map(|m| {
            let (json, vname) = (&m.name.csdl, ident(&m.name.rust));
            quote!(#json => Self::#vname,)
        });
        quote! {
            match name {
                #(#arms)*
                other => Self::#other(other.to_owned()),
            }
        }
    };
    let names = e.members.iter().map(|m| {
        let (json, vname) = (&m.name.csdl, ident(&m.name.rust));
        quote!(Self::#vname => #json,)
    });
    quote! {
        impl #support::string_enum::StringEnum for #name {
            fn from_name(name: &str) -> Self {
                #from_name
            }

            fn name(&self) -> &str {
                match self {
                    #(#names)*
                    Self::#other(name) => name,
                }
            }
        }
    }
}

fn serde_impls(plan: &Plan<'_>, name: &Ident) -> TokenStream {
    let support = plan.support();
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #support::string_enum::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #support::string_enum::deserialize(deserializer)
            }
        }
    }
}
