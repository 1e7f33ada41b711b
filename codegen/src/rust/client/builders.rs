//! The `list`, `get` and `update` request builders: query options where Capabilities allow them,
//! the required-filter conveniences, and `send()` (plus paging on lists).

use proc_macro2::TokenStream;
use quote::quote;

use super::tree::{Node, QueryCaps, RequiredFilter};
use super::{Cx, doc_attrs, file_doc, rt, sibling};
use crate::rust::plan::ident;

/// The `builders.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc("Request builders for reading and updating entities and collections.");
    let items = cx.tree.nodes.iter().map(|n| {
        let list = list_builder(cx, n);
        let get = get_builder(cx, n);
        let update = update_builder(cx, n);
        quote!(#list #get #update)
    });
    quote! {
        #docs
        #(#items)*
    }
}

/// The struct both read builders share.
fn read_struct(name: &proc_macro2::Ident, doc: &str) -> TokenStream {
    let (client, request) = (rt("Client"), rt("Request"));
    let doc = doc_attrs(doc);
    quote! {
        #doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name {
            pub(super) client: #client,
            pub(super) request: #request,
            pub(super) query: super::QueryOptions,
        }
    }
}

fn list_builder(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let Some((builder, caps)) = &n.list else {
        return TokenStream::new();
    };
    let name = ident(builder);
    let doc = format!(
        "Lists a collection of `{}` (`GET`), such as `{}`.",
        cx.plan.model().ty(n.entity).qualified_name,
        n.first_template
    );
    let strukt = read_struct(&name, &doc);
    let options = query_methods(cx, n, *caps);
    let required = n.required_filter.as_ref().map(required_filter);
    let send = list_send(cx, n);
    quote! {
        #strukt
        impl #name {
            #options
            #required
            #send
        }
    }
}

fn get_builder(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let Some(builder) = &n.get else {
        return TokenStream::new();
    };
    let name = ident(builder);
    let doc = format!(
        "Reads one `{}` (`GET`), such as `{}`.",
        cx.plan.model().ty(n.entity).qualified_name,
        n.first_template
    );
    let strukt = read_struct(&name, &doc);
    let caps = QueryCaps {
        select: true,
        expand: true,
        ..QueryCaps::default()
    };
    let options = query_methods(cx, n, caps);
    let (ty, error) = (cx.entity(n.entity), rt("Error"));
    quote! {
        #strukt
        impl #name {
            #options
            /// Sends the request and decodes the entity.
            pub async fn send(self) -> Result<#ty, #error> {
                let request = self.query.apply(self.request);
                self.client.send_json(request).await
            }
        }
    }
}

fn update_builder(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let Some(builder) = &n.update else {
        return TokenStream::new();
    };
    let name = ident(builder);
    let doc = doc_attrs(&format!(
        "Updates one `{}` (`PATCH`, `204 No Content`), such as `{}`.",
        cx.plan.model().ty(n.entity).qualified_name,
        n.first_template
    ));
    let (client, request, error) = (rt("Client"), rt("Request"), rt("Error"));
    quote! {
        #doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name {
            pub(super) client: #client,
            pub(super) request: #request,
        }

        impl #name {
            /// Sends the request; success is `204 No Content` (or a `200` whose body is ignored).
            pub async fn send(self) -> Result<(), #error> {
                self.client.send_no_content(self.request).await
            }
        }
    }
}

/// `send`, `paged`, `pages`, `stream` and `collect_all` of a list builder.
fn list_send(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let ty = cx.entity(n.entity);
    let (error, page, paged) = (rt("Error"), rt("Page"), rt("Paged"));
    let check = n.required_filter.as_ref().map(|f| {
        let props: Vec<&str> = f.properties.iter().map(|(c, _, _)| c.as_str()).collect();
        let msg = format!(
            "the service requires a $filter on {}; use `{}`",
            props.join(", "),
            f.method
        );
        quote! {
            if self.query.filter.is_empty() {
                let template = self.request.template();
                return Err(#error::InvalidRequest(format!("{template}: {}", #msg).into()));
            }
        }
    });
    quote! {
        /// The request with its query options, or the reason it cannot be sent.
        fn finish(self) -> Result<(crate::runtime::Client, crate::runtime::Request), #error> {
            #check
            Ok((self.client, self.query.apply(self.request)))
        }

        /// Sends the request and returns the first page (`value`, `@odata.nextLink`,
        /// `@odata.count`).
        pub async fn send(self) -> Result<#page<#ty>, #error> {
            let (client, request) = self.finish()?;
            client.send_json(request).await
        }

        /// A lazy cursor over every page (see [`Paged`](crate::runtime::Paged)).
        pub fn paged(self) -> Result<#paged<#ty>, #error> {
            let (client, request) = self.finish()?;
            Ok(client.paged(request))
        }

        /// Every page as a stream, following `@odata.nextLink`; a request that cannot be sent
        /// yields its error as the only item.
        pub fn pages(self) -> futures::stream::BoxStream<'static, Result<#page<#ty>, #error>> {
            match self.paged() {
                Ok(paged) => paged.pages(),
                Err(e) => futures::StreamExt::boxed(futures::stream::once(async move { Err(e) })),
            }
        }

        /// Every item of every page as a stream; a request that cannot be sent yields its
        /// error as the only item.
        pub fn stream(self) -> futures::stream::BoxStream<'static, Result<#ty, #error>> {
            match self.paged() {
                Ok(paged) => paged.items(),
                Err(e) => futures::StreamExt::boxed(futures::stream::once(async move { Err(e) })),
            }
        }

        /// Collects every item of every page.
        pub async fn collect_all(self) -> Result<Vec<#ty>, #error> {
            self.paged()?.collect_all().await
        }
    }
}

/// The query-option methods `caps` allows, typed by the entity's enums.
fn query_methods(cx: &Cx<'_>, n: &Node, caps: QueryCaps) -> TokenStream {
    let Some(enums) = cx.tree.query_enums(n.entity) else {
        return TokenStream::new();
    };
    let (field, expand) = (sibling(&enums.field.0), sibling(&enums.expand.0));
    let select = caps.select.then(|| {
        quote! {
            /// `$select`: only these properties (repeated calls add to the list).
            pub fn select(mut self, fields: &[#field]) -> Self {
                self.query.select.extend(fields.iter().map(|f| f.as_str()));
                self
            }
        }
    });
    let expand = caps.expand.then(|| {
        quote! {
            /// `$expand`: include these navigation properties (`All` is `*`).
            pub fn expand(mut self, navigation: &[#expand]) -> Self {
                self.query.expand.extend(navigation.iter().map(|e| e.as_str()));
                self
            }
        }
    });
    let filter = caps.filter.then(|| filter_methods(cx, n));
    let orderby = caps.orderby.then(|| {
        quote! {
            /// `$orderby` ascending on `field` (repeated calls add keys).
            pub fn orderby(mut self, field: #field) -> Self {
                self.query.orderby.push(field.as_str().to_owned());
                self
            }

            /// `$orderby` descending on `field` (repeated calls add keys).
            pub fn orderby_desc(mut self, field: #field) -> Self {
                self.query.orderby.push(format!("{} desc", field.as_str()));
                self
            }
        }
    });
    let top = caps.top.then(|| {
        quote! {
            /// `$top`: at most `n` items per page.
            pub fn top(mut self, n: u32) -> Self {
                self.query.top = Some(n);
                self
            }
        }
    });
    let skip = caps.skip.then(|| {
        quote! {
            /// `$skip`: skip the first `n` items.
            pub fn skip(mut self, n: u32) -> Self {
                self.query.skip = Some(n);
                self
            }
        }
    });
    let count = caps.count.then(|| {
        quote! {
            /// `$count`: ask for `@odata.count` in the response.
            pub fn count(mut self, count: bool) -> Self {
                self.query.count = Some(count);
                self
            }
        }
    });
    quote!(#select #expand #filter #orderby #top #skip #count)
}

/// `filter` (typed, through the entity's handle struct), `filter_by` and `filter_raw`.
fn filter_methods(cx: &Cx<'_>, n: &Node) -> TokenStream {
    let raw = quote! {
        /// `$filter` as raw OData text (not checked; several filters are joined with `and`).
        pub fn filter_raw(mut self, filter: &str) -> Self {
            self.query.filter.push_raw(filter);
            self
        }
    };
    let Some(handles) = cx.tree.filters.of(n.entity) else {
        return raw;
    };
    let doc = doc_attrs(&format!(
        "`$filter` from the typed property handles of [`{0}`](super::{0}), passed to `build`\n\
         (several filters are joined with `and`).",
        handles.name
    ));
    let handles = sibling(&handles.name);
    let root = cx.entity(n.entity);
    let filter = rt("Filter");
    quote! {
        #doc
        pub fn filter(self, build: impl FnOnce(#handles) -> #filter<#root>) -> Self {
            self.filter_by(build(#handles::new()))
        }

        /// `$filter` from an expression built beforehand with the same handles.
        pub fn filter_by(mut self, filter: #filter<#root>) -> Self {
            self.query.filter.push(filter);
            self
        }

        #raw
    }
}

/// The required-filter convenience: one string argument per property.
fn required_filter(f: &RequiredFilter) -> TokenStream {
    let method = ident(&f.method);
    let args: Vec<_> = f.properties.iter().map(|(_, r, _)| ident(r)).collect();
    let clauses: Vec<String> = (f.properties.iter())
        .map(|(c, _, _)| format!("{c} eq '…'"))
        .collect();
    let doc = doc_attrs(&format!(
        "The `$filter` the service requires here: `{}`.",
        clauses.join(" and ")
    ));
    let mut parts = f.properties.iter().map(|(_, arg, handle)| {
        let (arg, handle) = (ident(arg), ident(handle));
        quote!(f.#handle().eq(#arg))
    });
    let first = parts.next().unwrap_or_default();
    let body = quote!(#first #(.and(#parts))*);
    quote! {
        #doc
        pub fn #method(self, #(#args: &str),*) -> Self {
            self.filter(|f| #body)
        }
    }
}
