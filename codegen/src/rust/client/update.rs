//! The `update.rs` file: the `crate::runtime::UpdateBody` data of every updated entity type
//! (the members its update body must not carry), printed from the
//! [`update_plan`](super::update_plan).

use proc_macro2::TokenStream;
use quote::quote;

use super::tree::UpdatePlan;
use super::{Cx, file_doc, rt};

/// The `update.rs` file.
pub(super) fn file(cx: &Cx<'_>) -> TokenStream {
    let docs = file_doc(
        "What the update (`PATCH`) body of each updatable entity type must not carry: its key,\n\
         navigation, computed and immutable properties (the runtime drops them, and annotations\n\
         other than `@odata.type`).",
    );
    let impls = cx.tree.updates.iter().map(|u| body_impl(cx, u));
    quote! {
        #docs
        #(#impls)*
    }
}

/// `impl UpdateBody for <entity type>`.
fn body_impl(cx: &Cx<'_>, u: &UpdatePlan) -> TokenStream {
    let (ty, update_body) = (cx.entity(u.entity), rt("UpdateBody"));
    let not_sent = &u.not_sent;
    let derived = (!u.derived.is_empty()).then(|| {
        let rows =
            (u.derived.iter()).map(|(odata_type, names)| quote!((#odata_type, &[#(#names),*])));
        quote! {
            const NOT_SENT_BY_TYPE: &'static [(&'static str, &'static [&'static str])] =
                &[#(#rows),*];
        }
    });
    quote! {
        impl #update_body for #ty {
            const NOT_SENT: &'static [&'static str] = &[#(#not_sent),*];
            #derived
        }
    }
}
