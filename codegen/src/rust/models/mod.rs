//! The models writer: prints the `src/generated/` tree of the models crate from a [`Plan`].
//!
//! Layout: `mod.rs` (root module: file modules, re-exports, namespace modules, `NAMESPACES`),
//! one folder per nested namespace module with its own `mod.rs`, and one file per emitted type
//! (snake_case stem chosen by the plan) holding its polymorphic enum, struct or enum. Paths are
//! `/`-separated and relative to `src/generated/`; the list is sorted by path.
//!
//! Writers print fully qualified paths (`crate::support::object::GraphObject`,
//! `serde_json::Map`) and import nothing, so no CSDL type name can clash with an import.

mod enums;
mod examples;
mod module;
mod polymorphic;
mod setters;
mod structs;

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_text::doc_lines;
use super::emit::format_file;
use super::plan::{Plan, Repr};
use super::{GeneratedFile, WriteError};
use crate::model::{Model, TypeId};

/// Writes the models of `model`; `input` names the metadata in each file's header.
pub fn write_models(model: &Model, input: &str) -> Result<Vec<GeneratedFile>, WriteError> {
    let plan = Plan::new(model, "crate")?;
    write_planned(&plan, input)
}

/// Writes the models of `model` as [`write_models`] does, plus runnable rustdoc examples on the
/// main types that `use` the crate as `crate_name` (`pim_alerts_models`). Fails with
/// [`WriteError::InvalidCrateName`] if `crate_name` is not a Rust identifier.
pub fn write_models_documented(
    model: &Model,
    input: &str,
    crate_name: &str,
) -> Result<Vec<GeneratedFile>, WriteError> {
    syn::parse_str::<syn::Ident>(crate_name).map_err(|source| WriteError::InvalidCrateName {
        name: crate_name.to_owned(),
        source,
    })?;
    let plan = Plan::new(model, "crate")?.with_doc_crate(crate_name);
    write_planned(&plan, input)
}

/// Writes the models of an existing plan (whose prefix must be `crate`).
pub fn write_planned(plan: &Plan<'_>, input: &str) -> Result<Vec<GeneratedFile>, WriteError> {
    let mut files = Vec::new();
    for index in 0..plan.model().types.len() {
        let id = TypeId(index);
        if let Some(stem) = &plan.ty(id).file {
            let path = file_path(&plan.model().ty(id).module, &format!("{stem}.rs"));
            let contents = format_file(&path, input, type_file(plan, id))?;
            files.push(GeneratedFile { path, contents });
        }
    }
    for module in plan.modules() {
        let path = file_path(&module, "mod.rs");
        let contents = format_file(&path, input, module::mod_file(plan, &module))?;
        files.push(GeneratedFile { path, contents });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `security/alert.rs`.
fn file_path(module: &[String], file: &str) -> String {
    let mut segments: Vec<&str> = module
        .iter()
        .map(|m| crate::model::naming::unraw(m))
        .collect();
    segments.push(file);
    segments.join("/")
}

/// The items of one type's file.
fn type_file(plan: &Plan<'_>, id: TypeId) -> TokenStream {
    let tp = plan.ty(id);
    let ty = plan.model().ty(id);
    let file_doc = doc(&format!("The `{}` type.", ty.qualified_name));
    let enum_items = tp
        .polymorphic
        .as_ref()
        .map(|p| polymorphic::enum_items(plan, id, p));
    let struct_items = tp
        .struct_name
        .as_ref()
        .map(|_| structs::struct_items(plan, id));
    let string_enum =
        matches!(tp.repr, Repr::StringEnum | Repr::Flags).then(|| enums::enum_items(plan, id));
    quote! {
        #![doc = #file_doc]
        #enum_items
        #struct_items
        #string_enum
    }
}

/// A rustdoc text as one ` line` string per line (for `#[doc = ...]`), joined back by `\n`.
fn doc(text: &str) -> String {
    doc_lines(text).collect::<Vec<_>>().join("\n")
}

/// `#[doc = ...]` attributes for `text`, one per line (prettyplease prints them as `///`).
/// CSDL text in `text` must have been made prose by [`crate::rust::doc_text`].
fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// The second paragraph of a struct's docs: its OData type and base.
fn odata_type_line(plan: &Plan<'_>, id: TypeId) -> String {
    let model = plan.model();
    let ty = model.ty(id);
    let base = model.structured(id).and_then(|s| s.base);
    match base {
        Some(b) => format!(
            "OData type `{}`, derived from `{}`.",
            ty.qualified_name,
            model.ty(b).qualified_name
        ),
        None => format!("OData type `{}`.", ty.qualified_name),
    }
}
