//! The typed names of the query options: per entity type a `Field` enum (`$select`,
//! `$orderby`) and an `Expand` enum (`$expand`, with `*`), each a `crate::runtime::QueryName`.
//! (The options themselves are accumulated by the runtime's `QueryOptions`.)

use proc_macro2::TokenStream;
use quote::quote;

use super::tree::QueryEnums;
use super::{Cx, doc_attrs, file_doc, rt};
use crate::rust::plan::ident;

/// The `query.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc("OData system query options and the typed names they accept.");
    let enums = cx.tree.query_enums.iter().map(|q| query_enums(cx, q));
    quote! {
        #docs
        #(#enums)*
    }
}

fn query_enums(cx: &Cx<'_>, q: &QueryEnums) -> TokenStream {
    let qualified = &cx.plan.model().ty(q.entity).qualified_name;
    let (field, fields) = (&q.field.0, &q.field.1);
    let field_doc = format!("Properties of `{qualified}`, for `$select` and `$orderby`.");
    let field_enum = name_enum(field, &field_doc, fields, None);
    let (expand, all, navs) = (&q.expand.0, &q.expand.1, &q.expand.2);
    let expand_doc = format!("Navigation properties of `{qualified}`, for `$expand`.");
    let expand_enum = name_enum(expand, &expand_doc, navs, Some(all));
    quote! {
        #field_enum
        #expand_enum
    }
}

/// A fieldless enum of wire names with `as_str`; `all` adds a `*` variant first.
fn name_enum(
    name: &str,
    doc: &str,
    members: &[(String, String)],
    all: Option<&String>,
) -> TokenStream {
    let name = ident(name);
    let doc = doc_attrs(doc);
    let query_name = rt("QueryName");
    let mut entries: Vec<(String, String, String)> = Vec::new();
    if let Some(all) = all {
        entries.push(("*".into(), all.clone(), " Everything (`*`).".into()));
    }
    for (csdl, variant) in members {
        entries.push((csdl.clone(), variant.clone(), format!(" `{csdl}`.")));
    }
    let variants = entries.iter().map(|(_, v, d)| {
        let v = ident(v);
        quote!(#[doc = #d] #v,)
    });
    let arms = entries.iter().map(|(csdl, v, _)| {
        let v = ident(v);
        quote!(#name::#v => #csdl,)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The name as written in the query string.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }

        impl #query_name for #name {
            fn as_str(self) -> &'static str {
                #name::as_str(self)
            }
        }
    }
}
