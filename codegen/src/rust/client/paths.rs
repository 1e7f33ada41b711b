//! One struct per tree node (singleton, collection, item): the navigation methods to child
//! nodes, and the methods that start `list`, `get`, `update` and action builders.

use proc_macro2::TokenStream;
use quote::quote;

use super::bound::OperationPlan;
use super::tree::{Node, UpdatePlan};
use super::{Cx, doc_attrs, file_doc, rt, sibling};
use crate::rust::plan::ident;

/// The `paths.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc(
        "Request-builder nodes: one per entity type addressed as one entity or as a collection\n(and per distinct set of capabilities); the path is carried at run time.",
    );
    let nodes = cx.tree.nodes.iter().map(|n| node(cx, n));
    quote! {
        #docs
        #(#nodes)*
    }
}

fn node(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let name = ident(&n.name);
    let doc = doc_attrs(&n.doc);
    let (client, path) = (rt("Client"), rt("ResourcePath"));
    let children = n.children.iter().map(|c| child(cx, c));
    let reads = [list(n), get(n), update(cx, n)];
    let operations = n.operations.iter().map(operation);
    let request = needs_request(n).then(request_fn);
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct #name {
            pub(super) client: #client,
            pub(super) path: #path,
        }

        impl #name {
            /// The path template of this value, as recorded in traces and errors.
            pub fn template(&self) -> &str {
                self.path.template()
            }
            #(#children)*
            #(#reads)*
            #(#operations)*
            #request
        }
    }
}

fn needs_request(n: &Node) -> bool {
    n.list.is_some() || n.get.is_some() || n.update.is_some()
}

/// The node's request for `method`.
fn request_fn() -> TokenStream {
    let (request, method) = (rt("Request"), rt("Method"));
    quote! {
        fn request(&self, method: #method) -> #request {
            self.path.request(method)
        }
    }
}

fn child(cx: &Cx<'_>, c: &super::tree::Child) -> TokenStream {
    let target = sibling(&cx.tree.nodes[c.node].name);
    let method = ident(&c.method);
    let doc = doc_attrs(&c.doc);
    match &c.segment {
        None => quote! {
            #doc
            ///
            /// The key is sent as one percent-encoded path segment; an empty key (or `.`/`..`)
            /// is reported by `send()` as an invalid request.
            pub fn #method(&self, id: impl AsRef<str>) -> #target {
                #target { client: self.client.clone(), path: self.path.key(id.as_ref()) }
            }
        },
        Some(segment) => quote! {
            #doc
            pub fn #method(&self) -> #target {
                #target { client: self.client.clone(), path: self.path.segment(#segment) }
            }
        },
    }
}

fn list(n: &Node) -> TokenStream {
    let Some(l) = &n.list else {
        return TokenStream::new();
    };
    let builder = sibling(&l.builder);
    let method = rt("Method");
    quote! {
        /// Lists the collection (`GET`); `send()` returns the first page, `stream()` every item.
        pub fn list(&self) -> #builder {
            #builder::new(self.client.clone(), self.request(#method::GET))
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
            #builder::new(self.client.clone(), self.request(#method::GET))
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
    let doc = doc_attrs(&update_doc(cx.tree.update_plan(n.entity)));
    quote! {
        #doc
        pub fn update(&self, body: &#body) -> #builder {
            #builder::new(self.client.clone(), self.request(#method::PATCH).update_json(body))
        }
    }
}

/// What `update()` says it sends, naming the members it never sends.
fn update_doc(plan: Option<&UpdatePlan>) -> String {
    let names = plan.map(|p| p.not_sent.as_slice()).unwrap_or_default();
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let members = match quoted.is_empty() {
        true => String::new(),
        false => format!(
            "its key, navigation, computed and immutable properties ({}) or ",
            quoted.join(", ")
        ),
    };
    let derived = match plan.is_some_and(|p| !p.derived.is_empty()) {
        true => " A derived type that adds such properties does not send those either.",
        false => "",
    };
    format!(
        "Updates the entity (`PATCH`, answered `204 No Content`).\n\n\
         Sends the properties set in `body` as they serialize (explicit `null`s included), \
         after its `@odata.type` if it has one (derived types always do), and any \
         `<navigation>@odata.bind` link the caller added. Never sent: {members}any other \
         annotation (`@odata.context`, `<property>@odata.context`, ...), so a value read with \
         `get()` can be changed and sent back.{derived}"
    )
}

fn operation(o: &OperationPlan) -> TokenStream {
    let (method, builder) = (ident(&o.method), sibling(&o.builder));
    let doc = doc_attrs(&o.doc);
    let kind = match o.params.is_empty() {
        true => " Starts the call; `send()` performs it.",
        false => " Starts the call; set its parameters, then call `send()`.",
    };
    let fields = match o.function {
        true => quote!(path: self.path.clone(), call: Default::default(),),
        false => {
            let segment = &o.segment;
            let body = (!o.params.is_empty()).then(|| quote!(body: Default::default(),));
            quote!(path: self.path.segment(#segment), #body)
        }
    };
    quote! {
        #doc
        ///
        #[doc = #kind]
        pub fn #method(&self) -> #builder {
            #builder {
                client: self.client.clone(),
                headers: Default::default(),
                #fields
            }
        }
    }
}
