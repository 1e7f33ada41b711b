//! One struct per tree node (singleton, collection, item): the navigation methods to child
//! nodes, and the methods that start `list`, `get`, `update` and action builders.

use proc_macro2::TokenStream;
use quote::quote;

use super::tree::{ActionPlan, Node};
use super::{Cx, doc_attrs, file_doc, rt, sibling};
use crate::rust::plan::ident;

/// The `paths.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc("Request-builder nodes: one per addressable path of the service.");
    let nodes = cx.tree.nodes.iter().map(|n| node(cx, n));
    quote! {
        #docs
        #(#nodes)*
    }
}

fn node(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let name = ident(&n.name);
    let doc = doc_attrs(&n.doc);
    let client = rt("Client");
    let template = &n.template;
    let children = n.children.iter().map(|c| child(cx, c));
    let reads = [list(n), get(n), update(cx, n)];
    let actions = n.actions.iter().map(action);
    let request = needs_request(n).then(|| request_fn(n));
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct #name {
            pub(super) client: #client,
            pub(super) keys: Vec<String>,
        }

        impl #name {
            /// The path template of this node, as recorded in traces and errors.
            pub fn template(&self) -> &'static str {
                #template
            }
            #(#children)*
            #(#reads)*
            #(#actions)*
            #request
        }
    }
}

fn needs_request(n: &Node) -> bool {
    n.list.is_some() || n.get.is_some() || n.update.is_some()
}

/// The node's request for `method` (keys filled in).
fn request_fn(n: &Node) -> TokenStream {
    let (request, method) = (rt("Request"), rt("Method"));
    let names = n.keys.iter();
    quote! {
        fn request(&self, method: #method) -> #request {
            super::request(method, self.template(), &[#(#names),*], &self.keys)
        }
    }
}

fn child(cx: &Cx<'_>, c: &super::tree::Child) -> TokenStream {
    let target = sibling(&cx.tree.nodes[c.node].name);
    let method = ident(&c.method);
    let doc = doc_attrs(&c.doc);
    match &c.key {
        Some(_) => quote! {
            #doc
            ///
            /// The key is sent as one percent-encoded path segment; an empty key (or `.`/`..`)
            /// is reported by `send()` as an invalid request.
            pub fn #method(&self, id: impl Into<String>) -> #target {
                let mut keys = self.keys.clone();
                keys.push(id.into());
                #target { client: self.client.clone(), keys }
            }
        },
        None => quote! {
            #doc
            pub fn #method(&self) -> #target {
                #target { client: self.client.clone(), keys: self.keys.clone() }
            }
        },
    }
}

fn list(n: &Node) -> TokenStream {
    let Some((builder, _)) = &n.list else {
        return TokenStream::new();
    };
    let builder = sibling(builder);
    let method = rt("Method");
    quote! {
        /// Lists the collection (`GET`); `send()` returns the first page, `stream()` every item.
        pub fn list(&self) -> #builder {
            #builder {
                client: self.client.clone(),
                request: self.request(#method::GET),
                query: super::QueryOptions::default(),
            }
        }
    }
}

fn get(n: &Node) -> TokenStream {
    let Some(builder) = &n.get else {
        return TokenStream::new();
    };
    let builder = sibling(builder);
    let method = rt("Method");
    quote! {
        /// Reads the entity (`GET`).
        pub fn get(&self) -> #builder {
            #builder {
                client: self.client.clone(),
                request: self.request(#method::GET),
                query: super::QueryOptions::default(),
            }
        }
    }
}

fn update(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let Some(builder) = &n.update else {
        return TokenStream::new();
    };
    let builder = sibling(builder);
    let method = rt("Method");
    let body = cx.entity(n.entity);
    quote! {
        /// Updates the entity (`PATCH`, answered `204 No Content`): only the properties set in
        /// `body` are sent. Derived types carry their `@odata.type`.
        pub fn update(&self, body: &#body) -> #builder {
            #builder {
                client: self.client.clone(),
                request: self.request(#method::PATCH).json(body),
            }
        }
    }
}

fn action(a: &ActionPlan) -> TokenStream {
    let (method, builder) = (ident(&a.method), sibling(&a.builder));
    let doc = doc_attrs(&a.doc);
    let kind = match a.params.is_empty() {
        true => " Starts the action; call `send()` to perform it.",
        false => " Starts the action; set its parameters, then call `send()`.",
    };
    let body = (!a.params.is_empty()).then(|| quote!(body: Default::default(),));
    quote! {
        #doc
        ///
        #[doc = #kind]
        pub fn #method(&self) -> #builder {
            #builder {
                client: self.client.clone(),
                keys: self.keys.clone(),
                #body
            }
        }
    }
}
