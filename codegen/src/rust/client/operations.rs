//! One builder per bound operation: a setter per parameter, `header()` (kept in the runtime's
//! `PendingHeaders` until the request exists) and `send()`, which checks required parameters,
//! builds the request and reads the response as the plan says. Actions `POST` their parameters
//! as a JSON body; functions `GET` `name(p=@p,...)` with each parameter a query alias.

use proc_macro2::TokenStream;
use quote::quote;

use super::bound::{Encoding, OperationPlan, ParamPlan, Response};
use super::{Cx, doc_attrs, file_doc, rt};
use crate::rust::plan::ident;

/// The `operations.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc(
        "Builders for the bound actions and functions of the service, and for its imports.",
    );
    let operations = (cx.tree.nodes.iter())
        .flat_map(|n| n.operations.iter())
        .chain(&cx.tree.imports)
        .map(|o| operation(cx, o));
    quote! {
        #docs
        #(#operations)*
    }
}

fn operation(cx: &Cx<'_>, o: &OperationPlan) -> TokenStream {
    let name = ident(&o.builder);
    let (client, path) = (rt("Client"), rt("ResourcePath"));
    let verb = if o.function { "GET" } else { "POST" };
    let doc = doc_attrs(&format!("{}\n\n`{verb} .../{}`.", o.doc, o.segment));
    let (state_field, state_struct) = match (o.function, o.params.is_empty()) {
        (true, _) => (quote!(pub(super) call: crate::runtime::FunctionCall,), None),
        (false, true) => (TokenStream::new(), None),
        (false, false) => {
            let body_name = ident(&format!("{}Body", o.builder));
            let strukt = body_struct(cx, &body_name, &o.params);
            (quote!(pub(super) body: #body_name,), Some(strukt))
        }
    };
    let setters = o.params.iter().map(|p| match o.function {
        true => function_setter(cx, p),
        false => action_setter(cx, p),
    });
    let send = send(cx, o);
    let headers = quote!(crate::runtime::builders::PendingHeaders);
    let header = header_setter();
    quote! {
        #doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name {
            pub(super) client: #client,
            pub(super) path: #path,
            pub(super) headers: #headers,
            #state_field
        }

        #state_struct

        impl #name {
            #(#setters)*
            #header
            #send
        }
    }
}

/// The private JSON body of an action: one optional member per parameter.
fn body_struct(cx: &Cx<'_>, name: &proc_macro2::Ident, params: &[ParamPlan]) -> TokenStream {
    let fields = params.iter().map(|p| {
        let (rust, csdl) = (ident(&p.rust), &p.csdl);
        let ty = cx.plan.rust_type(&p.ty);
        quote! {
            #[serde(rename = #csdl, skip_serializing_if = "Option::is_none")]
            #rust: Option<#ty>,
        }
    });
    quote! {
        /// The JSON body of the action.
        #[derive(Debug, Clone, Default, serde::Serialize)]
        pub(super) struct #name {
            #(#fields)*
        }
    }
}

fn setter_doc(p: &ParamPlan, place: &str) -> TokenStream {
    let required = match p.required {
        true => format!(
            " Required: `send()` fails without it. {place} `{}`.",
            p.csdl
        ),
        false => format!(" Optional. {place} `{}`.", p.csdl),
    };
    let doc = doc_attrs(&p.doc);
    quote! {
        #doc
        ///
        #[doc = #required]
    }
}

fn action_setter(cx: &Cx<'_>, p: &ParamPlan) -> TokenStream {
    let rust = ident(&p.rust);
    let ty = cx.plan.rust_type(&p.ty);
    let doc = setter_doc(p, "JSON member");
    quote! {
        #doc
        pub fn #rust(mut self, value: impl Into<#ty>) -> Self {
            self.body.#rust = Some(value.into());
            self
        }
    }
}

fn function_setter(cx: &Cx<'_>, p: &ParamPlan) -> TokenStream {
    let (rust, csdl) = (ident(&p.rust), &p.csdl);
    let ty = cx.plan.rust_type(&p.ty);
    let doc = setter_doc(p, "Query alias for parameter");
    let encode = match p.encoding {
        Encoding::Literal => quote!(self.call.literal(#csdl, &value);),
        Encoding::Json => quote!(self.call.json(#csdl, &value);),
    };
    quote! {
        #doc
        pub fn #rust(mut self, value: impl Into<#ty>) -> Self {
            let value: #ty = value.into();
            #encode
            self
        }
    }
}

/// `header()`, documented once in the runtime (`Request::header` has the rules).
fn header_setter() -> TokenStream {
    quote! {
        /// Adds a request header; see [`Request::header`](crate::runtime::Request::header)
        /// for the rules.
        pub fn header(mut self, name: &str, value: &str) -> Self {
            self.headers.push(name, value);
            self
        }
    }
}

fn send(cx: &Cx<'_>, o: &OperationPlan) -> TokenStream {
    let (error, method) = (rt("Error"), rt("Method"));
    let (ret, call) = response(cx, &o.response);
    let required = o.params.iter().filter(|p| p.required);
    let prepare = match o.function {
        true => {
            let segment = &o.segment;
            let names = required.map(|p| &p.csdl);
            quote!(let request = self.call.request(&self.path, #segment, &[#(#names),*]);)
        }
        false => {
            let checks = required.map(|p| {
                let rust = ident(&p.rust);
                let msg = format!("the required parameter `{}` is not set", p.csdl);
                quote! {
                    if self.body.#rust.is_none() {
                        return Err(#error::InvalidRequest(
                            format!("{}: {}", self.path.template(), #msg).into(),
                        ));
                    }
                }
            });
            let json =
                (!o.params.is_empty()).then(|| quote!(let request = request.json(&self.body);));
            quote! {
                #(#checks)*
                let request = self.path.request(#method::POST);
                #json
            }
        }
    };
    quote! {
        /// Sends the request.
        pub async fn send(self) -> Result<#ret, #error> {
            #prepare
            let request = self.headers.apply(request);
            #call
        }
    }
}

/// The result type and the runtime call for a response kind (the builder owns its client
/// handle, so it calls the runtime's owning variants: no second handle per call).
fn response(cx: &Cx<'_>, response: &Response) -> (TokenStream, TokenStream) {
    match response {
        Response::LongRunning(result) => {
            let handle = cx.tree.pending(*result).map(ident);
            (
                quote!(super::#handle),
                quote! {
                    let inner = self.client.send_accepted_owned(request).await?;
                    Ok(super::#handle { inner })
                },
            )
        }
        Response::Object(ty) => {
            let ty = cx.plan.rust_type(ty);
            (ty, quote!(self.client.send_json_owned(request).await))
        }
        Response::Value(ty) => {
            let ty = cx.plan.rust_type(ty);
            let value = rt("ValueResponse");
            (
                ty.clone(),
                quote! {
                    let response: #value<#ty> = self.client.send_json_owned(request).await?;
                    Ok(response.value)
                },
            )
        }
        Response::Collection(ty) => {
            let ty = cx.plan.rust_type(ty);
            let page = rt("Page");
            (
                quote!(#page<#ty>),
                quote!(self.client.send_json_owned(request).await),
            )
        }
        Response::NoContent => (
            quote!(()),
            quote!(self.client.send_no_content_owned(request).await),
        ),
    }
}
