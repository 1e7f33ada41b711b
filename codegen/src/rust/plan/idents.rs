//! Identifier tokens and the up-front check that every name the writers print is one: every
//! problem is reported at once, each at the position of the item at fault.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::RESERVED_TYPE_NAMES;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Model, Origin, TypeDef, TypeKind};
use crate::rust::WriteError;

/// An identifier token, raw (`r#type`) when written so. Names are validated in [`Plan::new`](crate::rust::plan::Plan::new).
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

/// Why `name` cannot be printed as an identifier, if it cannot.
fn ident_problem(name: &str, what: &str) -> Option<String> {
    let bare = name.strip_prefix("r#");
    let ok = match bare {
        Some(raw) => is_identifier(raw) && !["self", "Self", "super", "crate"].contains(&raw),
        None => is_identifier(name),
    };
    (!ok).then(|| format!("{what} `{name}` is not a Rust identifier"))
}

/// Every problem of one model, each at the origin of the item at fault.
#[derive(Default)]
struct Problems(Vec<Diagnostic>);

impl Problems {
    fn at(&mut self, origin: &Origin, message: String) {
        self.0.push(Diagnostic::at(origin, message));
    }

    fn ident(&mut self, origin: &Origin, name: &str, what: &str) {
        if let Some(message) = ident_problem(name, what) {
            self.at(origin, message);
        }
    }

    /// All problems in source order, or `Ok` when there are none.
    fn finish(self) -> Result<(), Diagnostics> {
        Diagnostics::from_problems(self.0)
    }
}

/// `prefix` as path tokens, or [`WriteError::InvalidPrefix`] when it is no Rust path.
pub(super) fn path_tokens(prefix: &str) -> Result<TokenStream, WriteError> {
    let path: syn::Path = syn::parse_str(prefix).map_err(|source| WriteError::InvalidPrefix {
        prefix: prefix.to_owned(),
        source,
    })?;
    Ok(quote!(#path))
}

/// Checks every name the models writer prints and reports every problem at once, each at the
/// origin of the item at fault (a module's at the first item of its namespace).
pub(super) fn validate_names(model: &Model) -> Result<(), Diagnostics> {
    let mut problems = Problems::default();
    for (namespace, module) in &model.modules {
        let Some(origin) = namespace_origin(model, namespace) else {
            continue;
        };
        module_problems(&mut problems, origin, module);
    }
    for ty in &model.types {
        type_problems(&mut problems, ty);
    }
    problems.finish()
}

/// The first type or operation declared in `namespace` (every module has one).
fn namespace_origin<'m>(model: &'m Model, namespace: &str) -> Option<&'m Origin> {
    let types = (model.types.iter()).filter(|t| t.namespace == namespace);
    let operations = (model.operations.iter()).filter(|o| o.namespace == namespace);
    (types.map(|t| &t.origin))
        .chain(operations.map(|o| &o.origin))
        .next()
}

fn module_problems(problems: &mut Problems, origin: &Origin, module: &[String]) {
    for segment in module {
        problems.ident(origin, segment, "module");
    }
    if module.first().is_some_and(|s| s == "support") {
        let message = "a namespace maps to module `support`, which the crate reserves";
        problems.at(origin, message.to_owned());
    }
}

fn type_problems(problems: &mut Problems, ty: &TypeDef) {
    let what = format!("type {}", ty.qualified_name);
    problems.ident(&ty.origin, &ty.name.rust, &what);
    if RESERVED_TYPE_NAMES.contains(&ty.name.rust.as_str()) {
        problems.at(&ty.origin, format!("{what} is named like a std type"));
    }
    member_problems(problems, ty);
}

/// Member names, each at its own origin (enum members, which have none, at their type's).
fn member_problems(problems: &mut Problems, ty: &TypeDef) {
    let what = |m: &str| format!("member {m} of {}", ty.qualified_name);
    match &ty.kind {
        TypeKind::Structured(s) => {
            let props = s.properties.iter().map(|p| (&p.name, &p.origin));
            let navs = s.navigation_properties.iter().map(|n| (&n.name, &n.origin));
            for (name, origin) in props.chain(navs) {
                problems.ident(origin, &name.rust, &what(&name.csdl));
            }
            if let Some(n) = &s.concrete_struct_name {
                problems.ident(&ty.origin, n, &what("(concrete struct)"));
            }
        }
        TypeKind::Enum(e) => {
            for m in &e.members {
                problems.ident(&ty.origin, &m.name.rust, &what(&m.name.csdl));
            }
            problems.ident(&ty.origin, &e.catch_all_variant, &what("(catch-all)"));
        }
        TypeKind::Definition(_) => {}
    }
}
