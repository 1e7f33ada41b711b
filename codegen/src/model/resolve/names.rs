//! Names as the resolver handles them: plain CSDL names awaiting their Rust form,
//! namespace-qualified names, and alias expansion (`graph.alert` -> `microsoft.graph.alert`)
//! with the aliases a document declares.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::csdl::syntax::Document;

/// A name whose Rust form is decided later by the naming pass.
pub(crate) fn plain_name(csdl: &str) -> crate::model::Name {
    crate::model::Name {
        csdl: csdl.to_owned(),
        rust: String::new(),
    }
}

/// `namespace.name`, built without the formatting machinery (this runs once per declared type
/// and operation).
pub(crate) fn join_qualified(namespace: &str, name: &str) -> String {
    let mut qualified = String::with_capacity(namespace.len() + 1 + name.len());
    qualified.push_str(namespace);
    qualified.push('.');
    qualified.push_str(name);
    qualified
}

/// The alias part of `name` if `aliases` knows it.
pub(super) fn alias_prefix<'n>(
    aliases: &BTreeMap<String, String>,
    name: &'n str,
) -> Option<&'n str> {
    let (prefix, _) = name.rsplit_once('.')?;
    aliases.contains_key(prefix).then_some(prefix)
}

/// `name` with an alias prefix replaced by its namespace, per `aliases`.
pub(crate) fn qualify_with(aliases: &BTreeMap<String, String>, name: &str) -> String {
    expand_alias(aliases, name).into_owned()
}

/// [`qualify_with`], borrowing `name` when `aliases` has nothing to expand in it.
pub(super) fn expand_alias<'n>(aliases: &BTreeMap<String, String>, name: &'n str) -> Cow<'n, str> {
    let Some((prefix, simple)) = name.rsplit_once('.') else {
        return Cow::Borrowed(name);
    };
    match aliases.get(prefix) {
        Some(namespace) => Cow::Owned(join_qualified(namespace, simple)),
        None => Cow::Borrowed(name),
    }
}

/// The alias map of one document: schema aliases and `edmx:Include` aliases.
pub(crate) fn document_aliases(doc: &Document) -> BTreeMap<String, String> {
    let includes = doc.references.iter().flat_map(|r| &r.includes);
    let from_includes = includes.filter_map(|i| Some((i.alias.clone()?, i.namespace.clone())));
    let from_schemas = doc
        .schemas
        .iter()
        .filter_map(|s| Some((s.alias.clone()?, s.namespace.clone())));
    from_includes.chain(from_schemas).collect()
}
