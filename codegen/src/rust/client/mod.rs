//! The client writer: prints the typed request builders of the client crate's `src/generated/`
//! from the [`tree`] plan, calling only the hand-written runtime (`crate::runtime`).
//!
//! Layout (paths relative to `src/generated/`):
//! - `mod.rs`: module docs, the entry points on `Client` and the pending-operation handles;
//! - `paths.rs`: one struct per node (an entity type as one entity or as a collection) with its
//!   navigation, `list`/`get`/`update` and operation methods;
//! - `builders.rs`: the `list`, `get` and `update` request builders;
//! - `operations.rs`: one builder per bound action or function;
//! - `query.rs`: the query-option accumulator and the `$select`/`$expand` enums per type;
//! - `filter.rs`: the typed `$filter` handle structs per type (from the [`filter_plan`]);
//! - `update.rs`: what the update body of each updated entity type must not carry (from the
//!   [`update_plan`]).
//!
//! Writers print fully qualified paths (`crate::runtime::Client`, `pim_alerts_models::...`) and
//! import nothing, so no CSDL name can clash with an import.

pub mod bound;
mod builders;
pub mod filter_plan;
mod filters;
mod operations;
mod paths;
mod query;
pub mod query_plan;
pub mod tree;
mod update;
pub mod update_plan;

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_text::doc_lines;
use super::emit::format_file;
use super::plan::{Plan, ident};
use super::{GeneratedFile, WriteError};
use crate::model::{Model, TypeId, TypeTarget};
use tree::ClientTree;

/// The crate path model types are printed under.
const MODELS_CRATE: &str = "pim_alerts_models";

/// Writes the request builders of `model`; `input` names the metadata in each file's header.
pub fn write_client(model: &Model, input: &str) -> Result<Vec<GeneratedFile>, WriteError> {
    let plan = Plan::new(model, MODELS_CRATE)?;
    let tree = tree::plan(model)?;
    let cx = Cx {
        plan: &plan,
        tree: &tree,
    };
    let files = [
        ("builders.rs", builders::file(&cx)),
        ("filter.rs", filters::file(&cx)),
        ("mod.rs", root_file(&cx)),
        ("operations.rs", operations::file(&cx)),
        ("paths.rs", paths::file(&cx)),
        ("query.rs", query::file(&cx)),
        ("update.rs", update::file(&cx)),
    ];
    files
        .into_iter()
        .map(|(path, tokens)| {
            let contents = format_file(path, input, tokens)?;
            Ok(GeneratedFile {
                path: path.to_owned(),
                contents,
            })
        })
        .collect()
}

/// What every writer reads: the type plan (for type tokens) and the client tree.
struct Cx<'a> {
    plan: &'a Plan<'a>,
    tree: &'a ClientTree,
}

impl Cx<'_> {
    /// The Rust type of entity type `id` (`pim_alerts_models::UnifiedRoleManagementAlert`).
    fn entity(&self, id: TypeId) -> TokenStream {
        self.plan.element_type(TypeTarget::Defined(id))
    }
}

/// `crate::runtime::<name>`.
fn rt(name: &str) -> TokenStream {
    let name = ident(name);
    quote!(crate::runtime::#name)
}

/// `super::<name>`: an item of a sibling generated file, through the root's re-exports.
fn sibling(name: &str) -> TokenStream {
    let name = ident(name);
    quote!(super::#name)
}

/// `#[doc = ...]` attributes for `text`, one per line (prettyplease prints them as `///`).
/// CSDL text in `text` must have been made prose by [`crate::rust::doc_text`].
fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `//!` attributes for a file.
fn file_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#![doc = #lines])*)
}

/// The root module: submodules, re-exports, entry points, the operation handle, the helper.
fn root_file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc(
        "Typed request builders for Microsoft Graph, generated from the CSDL metadata.\n\n\
         Start from [`Client`](crate::runtime::Client): \
         `client.identity_governance().role_management_alerts().alerts()...`.\n\
         Every builder only describes a call; `send()` performs it through the runtime.",
    );
    let (client, path) = (rt("Client"), rt("ResourcePath"));
    let entries = cx.tree.roots.iter().map(|r| {
        let (method, node) = (ident(&r.method), ident(&cx.tree.nodes[r.node].name));
        let segment = r.segment.as_deref().unwrap_or_default();
        let doc = doc_attrs(&r.doc);
        quote! {
            #doc
            pub fn #method(&self) -> #node {
                #node { client: self.clone(), path: #path::root(#segment) }
            }
        }
    });
    let imports = cx.tree.imports.iter().map(|o| import(o, &path));
    let reexports = cx.tree.reexported_modules().into_iter().map(ident);
    let pending = cx
        .tree
        .pending
        .iter()
        .map(|(ty, name)| pending_operation(cx, *ty, name));
    quote! {
        #docs
        mod builders;
        mod filter;
        mod operations;
        mod paths;
        mod query;
        mod update;
        #(pub use #reexports::*;)*

        impl #client {
            #(#entries)*
            #(#imports)*
        }

        #(#pending)*
    }
}

/// The entry point of an action or function import (`client.low_stock()`).
fn import(o: &bound::OperationPlan, path: &TokenStream) -> TokenStream {
    let (method, builder) = (ident(&o.method), ident(&o.builder));
    let doc = doc_attrs(&o.doc);
    let fields = match o.function {
        true => quote!(path: #path::default(), call: Default::default(),),
        false => {
            let segment = &o.segment;
            let body = (!o.params.is_empty()).then(|| quote!(body: Default::default(),));
            quote!(path: #path::root(#segment), #body)
        }
    };
    quote! {
        #doc
        pub fn #method(&self) -> #builder {
            #builder { client: self.clone(), headers: Default::default(), #fields }
        }
    }
}

/// The handle returned by long-running actions, typed to the model's operation type.
fn pending_operation(cx: &Cx<'_>, result: TypeId, name: &str) -> TokenStream {
    let ty = cx.entity(result);
    let name = ident(name);
    let (operation, error, policy) = (rt("Operation"), rt("Error"), rt("PollPolicy"));
    let client = rt("Client");
    quote! {
        /// A long-running operation accepted with `202 Accepted` and a `Location` header.
        ///
        /// The `Location` URL is opaque: it is polled as given (on the configured origin only).
        #[derive(Debug, Clone)]
        pub struct #name {
            inner: #operation,
        }

        impl #name {
            /// The monitor URL from the `Location` header.
            pub fn location(&self) -> &str {
                self.inner.location().as_str()
            }

            /// The operation at a monitor URL saved earlier from [`location`](Self::location),
            /// to poll again (e.g. after a restart); it must be on `client`'s origin.
            pub fn resume(client: &#client, location: &str) -> Result<Self, #error> {
                client.resume_operation(location).map(|inner| Self { inner })
            }

            /// Polls with the client's poll policy until the operation ends, and returns the
            /// final operation (status `succeeded`); `failed` is an error.
            pub async fn wait(&self) -> Result<#ty, #error> {
                self.inner.wait().await
            }

            /// Like [`wait`](Self::wait), with an explicit poll policy.
            pub async fn wait_with(&self, policy: &#policy) -> Result<#ty, #error> {
                self.inner.wait_with(policy).await
            }

            /// The runtime's untyped handle.
            pub fn into_inner(self) -> #operation {
                self.inner
            }
        }
    }
}
