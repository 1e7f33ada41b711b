//! `mod.rs` files: the module's namespace docs, a private module per type file with its items
//! re-exported, the public child modules, and (root only) the `NAMESPACES` table that
//! `@odata.type` parsing uses.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::TypeId;
use crate::model::naming::escape_keyword;
use crate::rust::plan::{Plan, ident};

/// The `mod.rs` of `module` (`[]` is the root).
pub(super) fn mod_file(plan: &Plan<'_>, module: &[String]) -> TokenStream {
    let doc = module_doc(plan, module);
    let children = plan
        .modules()
        .into_iter()
        .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
        .map(|m| ident(&m[module.len()]));
    let mut files = type_files(plan, module);
    files.sort();
    let mods = files.iter().map(|(stem, _)| ident(&escape_keyword(stem)));
    let uses = files.iter().map(|(stem, items)| {
        let stem = ident(&escape_keyword(stem));
        let items = items.iter().map(|i| ident(i));
        quote!(pub use #stem::{#(#items),*};)
    });
    let namespaces = module.is_empty().then(|| namespaces_const(plan));
    quote! {
        #![doc = #doc]
        #(pub mod #children;)*
        #(mod #mods;)*
        #(#uses)*
        #namespaces
    }
}

fn module_doc(plan: &Plan<'_>, module: &[String]) -> String {
    let namespaces: Vec<String> = (plan.model().modules.iter())
        .filter(|(_, m)| m.as_slice() == module)
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    match (module.is_empty(), namespaces.is_empty()) {
        (true, _) => format!(
            " Models generated from CSDL: the types of {}, with one module per nested namespace.",
            or_none(&namespaces)
        ),
        (false, true) => " Modules of nested namespaces.".to_owned(),
        (false, false) => format!(" The types of the {} namespace.", namespaces.join(", ")),
    }
}

fn or_none(namespaces: &[String]) -> String {
    if namespaces.is_empty() {
        "no namespace".to_owned()
    } else {
        namespaces.join(", ")
    }
}

/// (file stem, public item names) of the type files in `module`.
fn type_files(plan: &Plan<'_>, module: &[String]) -> Vec<(String, Vec<String>)> {
    let model = plan.model();
    (0..model.types.len())
        .map(TypeId)
        .filter(|&id| model.ty(id).module.as_slice() == module)
        .filter_map(|id| {
            let tp = plan.ty(id);
            let stem = tp.file.clone()?;
            let mut items = Vec::new();
            let named_item = tp.polymorphic.is_some() || tp.struct_name.is_none();
            if named_item {
                items.push(model.ty(id).name.rust.clone());
            }
            items.extend(tp.struct_name.clone());
            items.sort();
            items.dedup();
            Some((stem, items))
        })
        .collect()
}

fn namespaces_const(plan: &Plan<'_>) -> TokenStream {
    let pairs = plan
        .namespaces()
        .into_iter()
        .map(|(ns, alias)| quote!((#ns, #alias)));
    quote! {
        /// The `(namespace, alias)` pairs of the model, accepted in `@odata.type` (an empty alias
        /// means none).
        pub const NAMESPACES: &[(&str, &str)] = &[#(#pairs),*];
    }
}
