//! One builder per bound action: a setter per parameter (the JSON body members) and `send()`,
//! which checks required parameters and reads the response as the plan says (`202` + `Location`
//! as a pending operation, a JSON result, or no content).

use proc_macro2::TokenStream;
use quote::quote;

use super::tree::{ActionParam, ActionPlan, ActionResponse, Node};
use super::{Cx, doc_attrs, file_doc, rt};
use crate::rust::plan::ident;

/// The `operations.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc("Builders for the bound actions of the service.");
    let actions = (cx.tree.nodes.iter())
        .flat_map(|n| n.actions.iter().map(move |a| (n, a)))
        .map(|(n, a)| action(cx, n, a));
    quote! {
        #docs
        #(#actions)*
    }
}

fn action(cx: &Cx<'_>, n: &Node, a: &ActionPlan) -> TokenStream {
    let name = ident(&a.builder);
    let body_name = ident(&format!("{}Body", a.builder));
    let client = rt("Client");
    let doc = doc_attrs(&format!("{}\n\n`POST {}`.", a.doc, a.template));
    let has_body = !a.params.is_empty();
    let body_field = has_body.then(|| quote!(pub(super) body: #body_name,));
    let body_struct = has_body.then(|| body_struct(cx, &body_name, &a.params));
    let setters = a.params.iter().map(|p| setter(cx, p));
    let send = send(cx, n, a);
    quote! {
        #doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name {
            pub(super) client: #client,
            pub(super) keys: Vec<String>,
            #body_field
        }

        #body_struct

        impl #name {
            #(#setters)*
            #send
        }
    }
}

/// The private JSON body: one optional member per parameter.
fn body_struct(cx: &Cx<'_>, name: &proc_macro2::Ident, params: &[ActionParam]) -> TokenStream {
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

fn setter(cx: &Cx<'_>, p: &ActionParam) -> TokenStream {
    let rust = ident(&p.rust);
    let ty = cx.plan.rust_type(&p.ty);
    let required = match p.required {
        true => format!(
            " Required: `send()` fails without it. JSON member `{}`.",
            p.csdl
        ),
        false => format!(" Optional. JSON member `{}`.", p.csdl),
    };
    let doc = doc_attrs(&p.doc);
    quote! {
        #doc
        ///
        #[doc = #required]
        pub fn #rust(mut self, value: impl Into<#ty>) -> Self {
            self.body.#rust = Some(value.into());
            self
        }
    }
}

fn send(cx: &Cx<'_>, n: &Node, a: &ActionPlan) -> TokenStream {
    let (error, method) = (rt("Error"), rt("Method"));
    let template = &a.template;
    let names = n.keys.iter();
    let checks = a.params.iter().filter(|p| p.required).map(|p| {
        let rust = ident(&p.rust);
        let msg = format!("{template}: the required parameter `{}` is not set", p.csdl);
        quote! {
            if self.body.#rust.is_none() {
                return Err(#error::InvalidRequest(#msg.into()));
            }
        }
    });
    let json = (!a.params.is_empty()).then(|| quote!(let request = request.json(&self.body);));
    let (ret, call) = response(cx, &a.response);
    quote! {
        /// Sends the request.
        pub async fn send(self) -> Result<#ret, #error> {
            #(#checks)*
            let request = super::request(#method::POST, #template, &[#(#names),*], &self.keys);
            #json
            #call
        }
    }
}

/// The result type and the runtime call for a response kind.
fn response(cx: &Cx<'_>, response: &ActionResponse) -> (TokenStream, TokenStream) {
    match (response, cx.tree.operation_result) {
        (ActionResponse::LongRunning, Some(_)) => (
            quote!(super::PendingOperation),
            quote! {
                let inner = self.client.send_accepted(request).await?;
                Ok(super::PendingOperation { inner })
            },
        ),
        (ActionResponse::LongRunning, None) => {
            let op = rt("Operation");
            (op, quote!(self.client.send_accepted(request).await))
        }
        (ActionResponse::Json(ty), _) => {
            let ty = cx.plan.rust_type(ty);
            (ty, quote!(self.client.send_json(request).await))
        }
        (ActionResponse::NoContent, _) => (
            quote!(()),
            quote!(self.client.send_no_content(request).await),
        ),
    }
}
