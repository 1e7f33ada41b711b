//! The `list`, `get` and `update` request builders: aliases of the runtime's generic builders
//! (`crate::runtime::ListRequest`, `GetRequest`, `UpdateRequest`), which hold all behaviour. Per
//! collection only what differs is printed: an options type naming the entity and its name
//! enums, the capability traits the Capabilities annotations allow (`Selectable`, `Top`, ...),
//! the typed-filter handles, and the required-filter convenience.

use proc_macro2::TokenStream;
use quote::quote;

use super::query_plan::FILTER_CLOSURE_PARAMETER;
use super::tree::{ListPlan, Node, QueryCaps, RequiredFilter};
use super::{Cx, doc_attrs, file_doc, rt, sibling};
use crate::rust::plan::ident;

/// The `builders.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc("Request builders for reading and updating entities and collections.");
    let items = cx.tree.nodes.iter().map(|n| {
        let list = n.list.as_ref().map(|l| list_builder(cx, n, l));
        let get = get_builder(cx, n);
        let update = update_builder(cx, n);
        quote!(#list #get #update)
    });
    quote! {
        #docs
        #(#items)*
    }
}

/// The `...Field` and `...Expand` enums of the node's entity, or the runtime's `NoName`.
fn name_types(cx: &Cx<'_>, n: &Node) -> (TokenStream, TokenStream) {
    match cx.tree.query_enums(n.entity) {
        Some(q) => (sibling(&q.field.0), sibling(&q.expand.0)),
        None => (rt("NoName"), rt("NoName")),
    }
}

fn qualified<'a>(cx: &'a Cx<'_>, n: &Node) -> &'a str {
    &cx.plan.model().ty(n.entity).qualified_name
}

fn list_builder(cx: &Cx<'_>, n: &Node, l: &ListPlan) -> TokenStream {
    let (alias, options) = (ident(&l.builder), ident(&l.options));
    let alias_doc = doc_attrs(&format!(
        "Lists a collection of `{}` (`GET`), such as `{}`.",
        qualified(cx, n),
        n.first_template
    ));
    let options_doc = doc_attrs(&format!(
        "What [`{}`] is typed with: the item type, its names, and the query options the \
         service allows there.",
        l.builder
    ));
    let (entity, (field, expand)) = (cx.entity(n.entity), name_types(cx, n));
    let required = n.required_filter.as_ref().map(|f| {
        let props = f.properties.iter().map(|(c, _, _)| c.as_str());
        let method = &f.method;
        let required = quote!(crate::runtime::builders::RequiredFilter);
        quote! {
            const REQUIRED_FILTER: Option<#required> = Some(#required {
                properties: &[#(#props),*],
                method: #method,
            });
        }
    });
    let caps = capability_impls(cx, n, &options, l.caps);
    let convenience = n
        .required_filter
        .as_ref()
        .map(|f| required_filter(&alias, f));
    let (list_request, list_options) = (rt("ListRequest"), rt("ListOptions"));
    quote! {
        #alias_doc
        pub type #alias = #list_request<#options>;

        #options_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #options;

        impl #list_options for #options {
            type Entity = #entity;
            type Field = #field;
            type Expand = #expand;
            #required
        }

        #caps
        #convenience
    }
}

/// `impl crate::runtime::builders::<Capability> for <Options> {}` for each allowed option, and
/// the typed-filter handles.
fn capability_impls(
    cx: &Cx<'_>,
    n: &Node,
    options: &proc_macro2::Ident,
    caps: QueryCaps,
) -> TokenStream {
    let allowed = [
        (caps.select, "Selectable"),
        (caps.expand, "Expandable"),
        (caps.filter, "Filterable"),
        (caps.orderby, "Sortable"),
        (caps.top, "Top"),
        (caps.skip, "Skip"),
        (caps.count, "Countable"),
    ];
    let impls = (allowed.iter()).filter(|(on, _)| *on).map(|(_, name)| {
        let name = ident(name);
        quote!(impl crate::runtime::builders::#name for #options {})
    });
    let handles = (caps.filter)
        .then(|| cx.tree.filters.of(n.entity))
        .flatten()
        .map(|h| {
            let handles = sibling(&h.name);
            quote! {
                impl crate::runtime::builders::TypedFilter for #options {
                    type Handles = #handles;
                }
            }
        });
    quote!(#(#impls)* #handles)
}

/// The required-filter convenience: one string argument per property.
fn required_filter(alias: &proc_macro2::Ident, f: &RequiredFilter) -> TokenStream {
    let method = ident(&f.method);
    let args: Vec<_> = f.properties.iter().map(|(_, r, _)| ident(r)).collect();
    let clauses: Vec<String> = (f.properties.iter())
        .map(|(c, _, _)| format!("{c} eq '…'"))
        .collect();
    let doc = doc_attrs(&format!(
        "The `$filter` the service requires here: `{}`.",
        clauses.join(" and ")
    ));
    let param = ident(FILTER_CLOSURE_PARAMETER);
    let mut parts = f.properties.iter().map(|(_, arg, handle)| {
        let (arg, handle) = (ident(arg), ident(handle));
        quote!(#param.#handle().eq(#arg))
    });
    let first = parts.next().unwrap_or_default();
    let body = quote!(#first #(.and(#parts))*);
    quote! {
        impl #alias {
            #doc
            pub fn #method(self, #(#args: &str),*) -> Self {
                self.filter(|#param| #body)
            }
        }
    }
}

fn get_builder(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let Some(builder) = &n.get else {
        return TokenStream::new();
    };
    let alias = ident(builder);
    let doc = doc_attrs(&format!(
        "Reads one `{}` (`GET`), such as `{}`.",
        qualified(cx, n),
        n.first_template
    ));
    let (entity, (field, expand)) = (cx.entity(n.entity), name_types(cx, n));
    let get = rt("GetRequest");
    quote! {
        #doc
        pub type #alias = #get<#entity, #field, #expand>;
    }
}

fn update_builder(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let Some(builder) = &n.update else {
        return TokenStream::new();
    };
    let alias = ident(builder);
    let doc = doc_attrs(&format!(
        "Updates one `{}` (`PATCH`, `204 No Content`), such as `{}`.",
        qualified(cx, n),
        n.first_template
    ));
    let update = rt("UpdateRequest");
    quote! {
        #doc
        pub type #alias = #update;
    }
}
