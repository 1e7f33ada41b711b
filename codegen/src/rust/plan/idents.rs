//! Identifier tokens and the up-front check that every name the writers print is one.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::RESERVED_TYPE_NAMES;
use crate::model::{Model, TypeDef, TypeKind};

/// An identifier token, raw (`r#type`) when written so. Names are validated in [`Plan::new`].
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) if is_identifier(raw) => Ident::new_raw(raw, Span::call_site()),
        _ if is_identifier(name) => Ident::new(name, Span::call_site()),
        _ => Ident::new("invalid_identifier", Span::call_site()),
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && name != "_"
}

fn check_ident(name: &str, what: &str) -> Result<(), String> {
    let bare = name.strip_prefix("r#");
    let ok = match bare {
        Some(raw) => is_identifier(raw) && !["self", "Self", "super", "crate"].contains(&raw),
        None => is_identifier(name),
    };
    ok.then_some(())
        .ok_or_else(|| format!("{what} `{name}` is not a Rust identifier"))
}

pub(super) fn path_tokens(prefix: &str) -> Result<TokenStream, String> {
    let path: syn::Path =
        syn::parse_str(prefix).map_err(|e| format!("bad path prefix `{prefix}`: {e}"))?;
    Ok(quote!(#path))
}

/// Checks every name the models writer prints.
pub(super) fn validate_names(model: &Model) -> Result<(), String> {
    for module in model.modules.values().flatten() {
        check_ident(module, "module")?;
    }
    if model
        .modules
        .values()
        .any(|m| m.first().is_some_and(|s| s == "support"))
    {
        return Err("a namespace maps to module `support`, which the crate reserves".into());
    }
    for ty in &model.types {
        check_ident(&ty.name.rust, &format!("type {}", ty.qualified_name))?;
        if RESERVED_TYPE_NAMES.contains(&ty.name.rust.as_str()) {
            return Err(format!(
                "type {} is named like a std type",
                ty.qualified_name
            ));
        }
        validate_members(ty)?;
    }
    Ok(())
}

fn validate_members(ty: &TypeDef) -> Result<(), String> {
    let what = |m: &str| format!("member {m} of {}", ty.qualified_name);
    match &ty.kind {
        TypeKind::Structured(s) => {
            let props = s.properties.iter().map(|p| &p.name);
            let navs = s.navigation_properties.iter().map(|n| &n.name);
            for name in props.chain(navs) {
                check_ident(&name.rust, &what(&name.csdl))?;
            }
            match &s.concrete_struct_name {
                Some(n) => check_ident(n, &what("(concrete struct)")),
                None => Ok(()),
            }
        }
        TypeKind::Enum(e) => {
            for m in &e.members {
                check_ident(&m.name.rust, &what(&m.name.csdl))?;
            }
            check_ident(&e.catch_all_variant, &what("(catch-all)"))
        }
        TypeKind::Definition(_) => Ok(()),
    }
}
