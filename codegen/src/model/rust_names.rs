//! The naming pass: gives every model item its Rust name through [`super::naming`], making
//! names unique per scope in a deterministic order.
//!
//! Scopes: one per Rust module for types (module per namespace); one per structured type for
//! fields (properties and navigation properties together, inherited ones first, so a derived
//! type's inherited fields keep the names its base chose); one per enum for variants plus its
//! catch-all; one per binding type for bound operations (seeded with navigation names so a
//! request builder's methods cannot clash); one per operation for parameters; one for the
//! container's members, which become methods of the runtime's `Client` and so first reserve
//! [`CLIENT_METHODS`]. Helper items claim their names after all declared types; root-module
//! types first reserve [`SUPPORT_REEXPORTS`].

use std::collections::{BTreeMap, BTreeSet};

use super::fast_hash::FastMap;
use super::naming::{
    Case, NameScope, all_distinct, cased, escape_keyword, field_name, module_name, type_name,
    unraw, variant_name,
};
use super::operations::binding_key;
use super::{Model, StructuredDef, TypeKind, TypeTarget};

/// Catch-all variant candidates for enum values the metadata does not list, in preference order.
const CATCH_ALL_CANDIDATES: &[&str] = &["Other", "UnknownValue", "Unrecognized"];

/// Methods an entity node of the client may have (besides its navigation and operation
/// methods), and its fields: a navigation or bound operation named like one of them is numbered
/// (`get_2`).
pub(crate) const ENTITY_NODE_METHODS: &[&str] =
    &["get", "update", "template", "request", "path", "client"];

/// Methods only a collection node has. Bound operations of collections avoid them too; a
/// navigation (only entity nodes have those) keeps such a name (Graph's `site/list`).
pub(crate) const COLLECTION_NODE_METHODS: &[&str] = &["list", "by_id"];

/// Methods of the client runtime's `Client` (`pim-alerts-client/src/runtime`: `config.rs`,
/// `paging.rs`, `send.rs`), on which the generated client adds one method per container member
/// and import: those are numbered when they would clash. `clone` too: an inherent `clone` would
/// shadow `Clone::clone`, which the generated code calls on the client.
pub(crate) const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "retry_policy",
    "poll_policy",
    "paged",
    "send_json",
    "send_json_owned",
    "send_no_content",
    "send_no_content_owned",
    "send_accepted",
    "send_accepted_owned",
    "send_raw",
    "resume_operation",
    "execute",
    "with_retries",
    "attempt",
    "check_response",
    "refuse_foreign_redirect",
    "timed_out",
    "body_error",
    "http_request",
    "clone",
];

/// Type names the models crate's root re-exports from its `support` module
/// (`pim-alerts-models/src/lib.rs`: `pub use support::{DecodeError, Flags, Page, ...}`). An
/// explicit re-export beats the glob `pub use generated::*`, so a root-module type of the same
/// name would be shadowed: such types are numbered (`Page2`).
pub(crate) const SUPPORT_REEXPORTS: &[&str] = &["DecodeError", "Flags", "Page"];

/// Assigns every Rust name in the model.
pub(crate) fn assign(model: &mut Model) {
    assign_modules(model);
    assign_type_names(model);
    assign_fields(model);
    assign_enum_variants(model);
    assign_operation_names(model);
    assign_container_names(model);
}

/// The namespace that maps to the root module: the container's, else the shortest one.
fn root_namespace(model: &Model, namespaces: &BTreeSet<&str>) -> String {
    let from_container = model
        .container
        .as_ref()
        .and_then(|c| c.qualified_name.rsplit_once('.'))
        .map(|(namespace, _)| namespace.to_owned());
    let shortest = namespaces
        .iter()
        .min_by_key(|n| (n.len(), **n))
        .map(|n| (*n).to_owned());
    from_container.or(shortest).unwrap_or_default()
}

/// The Rust module path of `namespace`: segments below the root namespace, snake_cased.
pub fn module_path(namespace: &str, root: &str) -> Vec<String> {
    if namespace == root {
        return Vec::new();
    }
    let below_root = namespace
        .strip_prefix(root)
        .and_then(|rest| rest.strip_prefix('.'))
        .filter(|_| !root.is_empty());
    below_root
        .unwrap_or(namespace)
        .split('.')
        .map(module_name)
        .collect()
}

fn assign_modules(model: &mut Model) {
    let types = model.types.iter().map(|t| t.namespace.as_str());
    let operations = model.operations.iter().map(|o| o.namespace.as_str());
    // Types and operations come in runs of one namespace: each run is inserted once.
    let mut namespaces: BTreeSet<&str> = BTreeSet::new();
    let mut last = None;
    for namespace in types.chain(operations) {
        if last != Some(namespace) {
            namespaces.insert(namespace);
            last = Some(namespace);
        }
    }
    let root = root_namespace(model, &namespaces);
    let modules = (namespaces.iter())
        .map(|n| ((*n).to_owned(), module_path(n, &root)))
        .collect();
    model.modules = modules;
    // Types are sorted by qualified name, so runs of them share a namespace: look it up once.
    let mut current: Option<(&str, &Vec<String>)> = None;
    for ty in &mut model.types {
        let module = match current {
            Some((namespace, module)) if namespace == ty.namespace => module,
            _ => {
                let Some((namespace, module)) = model.modules.get_key_value(&ty.namespace) else {
                    ty.module = Vec::new();
                    continue;
                };
                current = Some((namespace, module));
                module
            }
        };
        ty.module.clone_from(module);
    }
}

fn assign_type_names(model: &mut Model) {
    let (scope_of, root_scope, mut scopes) = module_scopes(model);
    SUPPORT_REEXPORTS
        .iter()
        .for_each(|name| scopes[root_scope].reserve(name));
    for (ty, &scope) in model.types.iter_mut().zip(&scope_of) {
        ty.name.rust = scopes[scope].claim_owned(type_name(&ty.name.csdl));
    }
    if let Some(container) = &mut model.container {
        container.name.rust = scopes[root_scope].claim_owned(type_name(&container.name.csdl));
    }
    for (ty, &scope) in model.types.iter_mut().zip(&scope_of) {
        let TypeKind::Structured(s) = &mut ty.kind else {
            continue;
        };
        if s.direct_derived.is_empty() {
            continue;
        }
        let base_name = format!("{}Base", ty.name.rust);
        s.concrete_struct_name = Some(scopes[scope].claim_first_free(&[&base_name]));
    }
}

/// One type-name scope per Rust module: the scope index of every type, that of the root
/// module (the container's), and the empty scopes. Module paths are compared, never cloned.
fn module_scopes(model: &Model) -> (Vec<usize>, usize, Vec<NameScope>) {
    let mut index: BTreeMap<&[String], usize> = BTreeMap::new();
    let modules = model.types.iter().map(|t| t.module.as_slice());
    let mut scope_of = Vec::with_capacity(model.types.len());
    for module in modules.chain([&[][..]]) {
        let next = index.len();
        scope_of.push(*index.entry(module).or_insert(next));
    }
    let root = scope_of.pop().unwrap_or_default();
    // Room for the names of the module's types, their `...Base` structs and the root's extra
    // names, so claiming them never grows a scope.
    let mut sizes = vec![0; index.len()];
    for (ty, &scope) in model.types.iter().zip(&scope_of) {
        let base_struct =
            matches!(&ty.kind, TypeKind::Structured(s) if !s.direct_derived.is_empty());
        sizes[scope] += 1 + usize::from(base_struct);
    }
    if let Some(root) = sizes.get_mut(root) {
        *root += 1 + SUPPORT_REEXPORTS.len();
    }
    let scopes = (sizes.into_iter())
        .map(|names| NameScope::with_capacity(Case::UpperCamel, names))
        .collect();
    (scope_of, root, scopes)
}

/// Field names, bases before derived types so inherited fields copy their base's names.
fn assign_fields(model: &mut Model) {
    let mut order: Vec<(usize, usize)> = (0..model.types.len())
        .filter_map(|i| match &model.types[i].kind {
            TypeKind::Structured(s) => Some((s.ancestors.len(), i)),
            _ => None,
        })
        .collect();
    order.sort_unstable();
    for (_, index) in order {
        let inherited = copy_inherited_names(&mut model.types, index);
        if let TypeKind::Structured(s) = &mut model.types[index].kind {
            name_fields(s, inherited);
        }
    }
}

/// Names the own fields of `s` (those after the `inherited` properties and navigation
/// properties, which already carry their base's names): each claims its name after the
/// inherited ones, properties before navigation properties.
fn name_fields(s: &mut StructuredDef, (inherited_props, inherited_navs): (usize, usize)) {
    let own_props = s.properties.iter_mut().skip(inherited_props);
    let own_navs = s.navigation_properties.iter_mut().skip(inherited_navs);
    let own = || (own_props.map(|p| &mut p.name)).chain(own_navs.map(|n| &mut n.name));
    own().for_each(|name| name.rust = field_name(&name.csdl));
    let all = (s.properties.iter().map(|p| p.name.rust.as_str()))
        .chain(s.navigation_properties.iter().map(|n| n.name.rust.as_str()));
    // Usually nothing clashes and every field keeps its wanted name: no scope is needed.
    if all_distinct(all) {
        return;
    }
    let mut scope = NameScope::new(Case::Snake);
    (s.properties.iter().take(inherited_props)).for_each(|p| scope.reserve(&p.name.rust));
    (s.navigation_properties.iter().take(inherited_navs)).for_each(|n| scope.reserve(&n.name.rust));
    let own_props = s.properties.iter_mut().skip(inherited_props);
    let own_navs = s.navigation_properties.iter_mut().skip(inherited_navs);
    for name in (own_props.map(|p| &mut p.name)).chain(own_navs.map(|n| &mut n.name)) {
        name.rust = scope.claim(&name.rust);
    }
}

/// Gives the inherited fields of the structured type `index` the Rust names its base type
/// chose, and returns how many properties and navigation properties the base has.
fn copy_inherited_names(types: &mut [super::TypeDef], index: usize) -> (usize, usize) {
    let base = match types.get(index).map(|t| &t.kind) {
        Some(TypeKind::Structured(s)) => s.base.map(|b| b.0),
        _ => None,
    };
    let Some(base) = base.filter(|&b| b != index && b < types.len()) else {
        return (0, 0);
    };
    let (low, high) = types.split_at_mut(base.max(index));
    let (base, derived) = match base < index {
        true => (&low[base], &mut high[0]),
        false => (&high[0], &mut low[index]),
    };
    let (TypeKind::Structured(base), TypeKind::Structured(derived)) =
        (&base.kind, &mut derived.kind)
    else {
        return (0, 0);
    };
    for (to, from) in derived.properties.iter_mut().zip(&base.properties) {
        to.name.rust.clone_from(&from.name.rust);
    }
    let navs = derived.navigation_properties.iter_mut();
    for (to, from) in navs.zip(&base.navigation_properties) {
        to.name.rust.clone_from(&from.name.rust);
    }
    (base.properties.len(), base.navigation_properties.len())
}

fn assign_enum_variants(model: &mut Model) {
    for ty in &mut model.types {
        let TypeKind::Enum(e) = &mut ty.kind else {
            continue;
        };
        let wanted: Vec<String> = (e.members.iter())
            .map(|m| variant_name(&m.name.csdl))
            .collect();
        // Usually every member keeps its wanted name: no scope is needed.
        let catch_all = all_distinct(wanted.iter().map(String::as_str))
            .then(|| {
                CATCH_ALL_CANDIDATES
                    .iter()
                    .find(|c| !wanted.iter().any(|w| unraw(w) == **c))
            })
            .flatten();
        if let Some(catch_all) = catch_all {
            for (member, name) in e.members.iter_mut().zip(wanted) {
                member.name.rust = name;
            }
            e.catch_all_variant = (*catch_all).to_owned();
            continue;
        }
        let mut scope = NameScope::new(Case::UpperCamel);
        for (member, wanted) in e.members.iter_mut().zip(&wanted) {
            member.name.rust = scope.claim(wanted);
        }
        e.catch_all_variant = scope.claim_first_free(CATCH_ALL_CANDIDATES);
    }
}

/// Operation method names, one scope per binding. Overloads (same name, same binding, different
/// parameters) are named by their parameters so each name stays the same whatever the document
/// order: the parameterless overload keeps the plain name, the others get
/// `<name>_with_<p1>_and_<p2>` (`image`, `image_with_width`, `image_with_width_and_height`).
fn assign_operation_names(model: &mut Model) {
    let keys: Vec<String> = (model.operations.iter())
        .map(|op| binding_key(model, op))
        .collect();
    // Sized up front (at most one entry per operation): growing a map rehashes every key.
    let capacity = model.operations.len();
    let mut overloads: FastMap<(&str, &str), usize> =
        FastMap::with_capacity_and_hasher(capacity, Default::default());
    for (op, key) in model.operations.iter().zip(&keys) {
        *overloads.entry((key, &op.name.csdl)).or_default() += 1;
    }
    let mut names: Vec<String> = (model.operations.iter().zip(&keys))
        .map(
            |(op, key)| match overloads.get(&(key.as_str(), op.name.csdl.as_str())) {
                Some(1) => field_name(&op.name.csdl),
                _ => overload_name(op),
            },
        )
        .collect();
    // One scope per binding: the operations of each binding, in operation order. Scopes are
    // independent of each other, so the order they are visited in does not matter.
    // Not sized: Graph beta binds about 950 operations to about 220 types.
    let mut bindings: FastMap<&str, Vec<usize>> = FastMap::default();
    for (index, key) in keys.iter().enumerate() {
        bindings.entry(key).or_default().push(index);
    }
    for members in bindings.values() {
        claim_in_binding_scope(model, members, &mut names);
    }
    for (op, name) in model.operations.iter_mut().zip(names) {
        op.name.rust = name;
        name_parameters(op);
    }
}

/// Makes the method names of the operations `members` (indices, in order) that share one
/// binding unique: each wants `names[index]`, which is replaced by the name it gets.
fn claim_in_binding_scope(model: &Model, members: &[usize], names: &mut [String]) {
    let Some(&first) = members.first() else {
        return;
    };
    let reserved = binding_navigation_names(model, first);
    let wanted = members.iter().filter_map(|&i| names.get(i));
    // Usually nothing clashes and every operation keeps its wanted name: no scope is needed.
    if all_distinct(reserved.iter().copied().chain(wanted.map(String::as_str))) {
        return;
    }
    let mut scope = NameScope::new(Case::Snake);
    reserved.iter().for_each(|n| scope.reserve(n));
    for &i in members {
        if let Some(name) = names.get_mut(i) {
            *name = scope.claim(name);
        }
    }
}

/// Names the parameters of `op`, one scope per operation.
fn name_parameters(op: &mut super::OperationDef) {
    let wanted: Vec<String> = (op.parameters.iter())
        .map(|p| field_name(&p.name.csdl))
        .collect();
    if all_distinct(wanted.iter().map(String::as_str)) {
        for (p, name) in op.parameters.iter_mut().zip(wanted) {
            p.name.rust = name;
        }
        return;
    }
    let mut scope = NameScope::new(Case::Snake);
    for (p, name) in op.parameters.iter_mut().zip(&wanted) {
        p.name.rust = scope.claim(name);
    }
}

/// `name` for a parameterless overload, else `name_with_p1_and_p2`.
fn overload_name(op: &super::OperationDef) -> String {
    if op.parameters.is_empty() {
        return field_name(&op.name.csdl);
    }
    let parameters: Vec<String> = (op.parameters.iter())
        .map(|p| cased(&p.name.csdl, Case::Snake))
        .collect();
    let name = cased(&op.name.csdl, Case::Snake);
    escape_keyword(&format!("{name}_with_{}", parameters.join("_and_")))
}

/// The names a method of operations bound like operation `index` must not take: for a single
/// entity binding, the entity's navigation property names (request builders have both).
fn binding_navigation_names(model: &Model, index: usize) -> Vec<&str> {
    let binding = model
        .operations
        .get(index)
        .and_then(|op| op.binding.as_ref());
    if let Some(b) = binding.filter(|b| !b.ty.collection)
        && let TypeTarget::Defined(id) = b.ty.target
        && let Some(s) = model.structured(id)
    {
        return (s.navigation_properties.iter())
            .map(|n| n.name.rust.as_str())
            .collect();
    }
    Vec::new()
}

fn assign_container_names(model: &mut Model) {
    let Some(container) = &mut model.container else {
        return;
    };
    let mut scope = NameScope::new(Case::Snake);
    CLIENT_METHODS.iter().for_each(|m| scope.reserve(m));
    for set in &mut container.entity_sets {
        set.name.rust = scope.claim_owned(field_name(&set.name.csdl));
    }
    for singleton in &mut container.singletons {
        singleton.name.rust = scope.claim_owned(field_name(&singleton.name.csdl));
    }
    for import in &mut container.imports {
        import.name.rust = scope.claim_owned(field_name(&import.name.csdl));
    }
}

#[cfg(test)]
mod tests {
    use super::{CLIENT_METHODS, SUPPORT_REEXPORTS};

    /// The names of the functions in the `impl Client` blocks of one runtime source file.
    fn client_methods_in(text: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut inside = false;
        for line in text.lines() {
            if line == "impl Client {" {
                inside = true;
            } else if line == "}" {
                inside = false;
            } else if inside && let Some(rest) = line.strip_prefix("    ") {
                let rest = ["pub(crate) ", "pub "]
                    .iter()
                    .fold(rest, |r, p| r.trim_start_matches(p));
                let rest = rest.trim_start_matches("async ");
                if let Some(name) = rest.strip_prefix("fn ") {
                    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_'));
                    names.push(name[..end.unwrap_or(name.len())].to_owned());
                }
            }
        }
        names
    }

    /// [`CLIENT_METHODS`] are the methods of the runtime's `Client`, every one of them (an
    /// inherent method of any visibility clashes with a generated one of the same name), plus
    /// `clone`.
    #[test]
    fn client_methods_match_the_runtime() {
        let runtime = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../pim-alerts-client/src/runtime"
        );
        let mut found = vec!["clone".to_owned()];
        let mut dirs = vec![std::path::PathBuf::from(runtime)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                match path.extension() {
                    None => dirs.push(path),
                    Some(_) => {
                        let text = std::fs::read_to_string(&path).unwrap_or_default();
                        found.extend(client_methods_in(&text));
                    }
                }
            }
        }
        let mut expected: Vec<&str> = CLIENT_METHODS.to_vec();
        let mut found: Vec<&str> = found.iter().map(String::as_str).collect();
        expected.sort_unstable();
        found.sort_unstable();
        assert_eq!(found, expected, "{runtime}");
    }

    /// [`SUPPORT_REEXPORTS`] are the type names of the models crate root's `pub use support::`.
    #[test]
    fn support_reexports_match_the_models_crate_root() {
        let lib = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../pim-alerts-models/src/lib.rs"
        );
        let text = std::fs::read_to_string(lib).unwrap_or_default();
        let list = (text.lines())
            .find_map(|l| l.strip_prefix("pub use support::{"))
            .and_then(|rest| rest.strip_suffix("};"))
            .unwrap_or_default();
        let types: Vec<&str> = (list.split(',').map(str::trim))
            .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
            .collect();
        assert_eq!(types, SUPPORT_REEXPORTS, "{lib}");
    }
}
