//! Where each emitted type is written: the module folders (every module path with a `mod.rs`)
//! and, per type, a file stem unique in its folder.

use std::collections::{BTreeMap, BTreeSet};

use super::{Repr, TypePlan};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Model;
use crate::model::naming::{Case, NameScope, cased, escape_keyword, unraw};
use crate::rust::WriteError;

/// Every module path with a `mod.rs`, parents of nested modules included.
pub(super) fn all_modules(model: &Model) -> BTreeSet<Vec<String>> {
    let mut modules = BTreeSet::from([Vec::new()]);
    for path in model.modules.values() {
        for len in 1..=path.len() {
            modules.insert(path[..len].to_vec());
        }
    }
    modules
}

/// File stems, unique per module folder and distinct from child module names and `mod`. A type
/// whose module the model does not list is a problem at the type's position.
pub(super) fn assign_files(model: &Model, types: &mut [TypePlan]) -> Result<(), WriteError> {
    let modules = all_modules(model);
    let mut scopes: BTreeMap<Vec<String>, NameScope> = BTreeMap::new();
    for module in &modules {
        let scope = scopes
            .entry(module.clone())
            .or_insert_with(|| NameScope::new(Case::Snake));
        scope.reserve("mod");
        let children = modules.iter().filter(|m| m.len() == module.len() + 1);
        children
            .filter(|m| m.starts_with(module))
            .for_each(|m| scope.reserve(&m[module.len()]));
    }
    for (i, plan) in types.iter_mut().enumerate() {
        let ty = &model.types[i];
        let emits = plan.struct_name.is_some()
            || plan.polymorphic.is_some()
            || matches!(plan.repr, Repr::StringEnum | Repr::Flags);
        if !emits {
            continue;
        }
        let scope = scopes.get_mut(&ty.module).ok_or_else(|| {
            let message = format!("type {} has an unknown module", ty.qualified_name);
            Diagnostics::from(Diagnostic::at(&ty.origin, message))
        })?;
        let stem = scope.claim(&escape_keyword(&cased(&ty.name.rust, Case::Snake)));
        plan.file = Some(unraw(&stem).to_owned());
    }
    Ok(())
}
