//! Interpretation of annotation terms: `Core.Description` / `Core.LongDescription` become
//! [`Docs`], `Core.Computed` / `Core.Immutable` on a property become [`Mutability`], the
//! Capabilities restrictions become [`Capabilities`].
//!
//! Terms are matched by full name (`Org.OData.Capabilities.V1.UpdateRestrictions`) after alias
//! expansion, so `Capabilities.UpdateRestrictions` under an `edmx:Include Alias` works too.
//! Qualifiers are ignored (Graph writes e.g. `Qualifier="Org.OData.Capabilities.V1.ExpandRestrictions"`
//! on its default annotations); later annotations of a term override earlier ones. All other
//! terms are skipped, never an error. The generator's own vocabulary `RustCodegen.V1` has one
//! term, `LongRunning` (on an action: it answers `202 Accepted` + `Location`, and polling the
//! location returns the qualified type given as the term's string value). External
//! `Annotations` blocks are applied by target in [`super::external_annotations`].

use super::resolve::Resolver;
use super::{Capabilities, Docs, PropertyDef};
use crate::csdl::syntax::{Annotation, Expr};

const CORE: &str = "Org.OData.Core.V1.";
const CAPABILITIES: &str = "Org.OData.Capabilities.V1.";
const LONG_RUNNING: &str = "RustCodegen.V1.LongRunning";

/// The description annotations among `annotations` of an item in document `doc`.
pub(crate) fn docs(cx: &Resolver, doc: usize, annotations: &[Annotation]) -> Docs {
    let mut docs = Docs::default();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        let Some(core_term) = term.strip_prefix(CORE) else {
            continue;
        };
        let text = string_value(&annotation.value);
        match core_term {
            "Description" => docs.description = text,
            "LongDescription" => docs.long_description = text,
            _ => {}
        }
    }
    docs
}

/// `Core.Computed` and `Core.Immutable` as a property's annotations say: `None` where a term is
/// absent (or its value is no Boolean constant), so an external block overrides only what it
/// states. Both are Boolean terms: an annotation without a value means `true`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mutability {
    computed: Option<bool>,
    immutable: Option<bool>,
}

impl Mutability {
    /// Sets the flags this stated on `property`, keeping the others.
    pub(crate) fn apply_to(self, property: &mut PropertyDef) {
        property.computed = self.computed.unwrap_or(property.computed);
        property.immutable = self.immutable.unwrap_or(property.immutable);
    }
}

/// The mutability annotations among `annotations` of a property in document `doc`.
pub(crate) fn mutability(cx: &Resolver, doc: usize, annotations: &[Annotation]) -> Mutability {
    let mut found = Mutability::default();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        let value = || bool_value(&annotation.value);
        match term.strip_prefix(CORE) {
            Some("Computed") => found.computed = value().or(found.computed),
            Some("Immutable") => found.immutable = value().or(found.immutable),
            _ => {}
        }
    }
    found
}

/// The `RustCodegen.V1.LongRunning` annotation among `annotations` of an action: the qualified
/// type its monitor URL returns (alias-qualified names expanded).
pub(crate) fn long_running(
    cx: &Resolver,
    doc: usize,
    annotations: &[Annotation],
) -> Option<String> {
    let mut found = None;
    for annotation in annotations {
        if cx.qualified(doc, &annotation.term) == LONG_RUNNING {
            found = string_value(&annotation.value).map(|t| cx.qualify(doc, t.trim()));
        }
    }
    found
}

/// The Capabilities restrictions among `annotations` of an item in document `doc`.
pub(crate) fn capabilities(cx: &Resolver, doc: usize, annotations: &[Annotation]) -> Capabilities {
    let mut caps = Capabilities::default();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        if let Some(capability_term) = term.strip_prefix(CAPABILITIES) {
            apply_capability(&mut caps, capability_term, &annotation.value);
        }
    }
    caps
}

fn apply_capability(caps: &mut Capabilities, term: &str, value: &Expr) {
    let field = |property: &str| record_bool(value, property);
    match term {
        "ReadRestrictions" => caps.readable = field("Readable").or(caps.readable),
        "InsertRestrictions" => caps.insertable = field("Insertable").or(caps.insertable),
        "UpdateRestrictions" => caps.updatable = field("Updatable").or(caps.updatable),
        "DeleteRestrictions" => caps.deletable = field("Deletable").or(caps.deletable),
        "FilterRestrictions" => {
            caps.filterable = field("Filterable").or(caps.filterable);
            let required = record_paths(value, "RequiredProperties");
            if !required.is_empty() {
                caps.required_filter = required;
            }
        }
        "SortRestrictions" => caps.sortable = field("Sortable").or(caps.sortable),
        "CountRestrictions" => caps.countable = field("Countable").or(caps.countable),
        "ExpandRestrictions" => caps.expandable = field("Expandable").or(caps.expandable),
        "SelectSupport" => caps.selectable = field("Supported").or(caps.selectable),
        "SelectRestrictions" => caps.selectable = field("Selectable").or(caps.selectable),
        "TopSupported" => caps.top_supported = bool_value(value).or(caps.top_supported),
        "SkipSupported" => caps.skip_supported = bool_value(value).or(caps.skip_supported),
        _ => {}
    }
}

/// A Boolean constant; an annotation without a value means `true`.
fn bool_value(value: &Expr) -> Option<bool> {
    match value {
        Expr::Empty => Some(true),
        Expr::Const { kind, text } if kind == "Bool" => match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The Boolean property `property` of a record value.
fn record_bool(value: &Expr, property: &str) -> Option<bool> {
    let Expr::Record(record) = value else {
        return None;
    };
    let found = record
        .property_values
        .iter()
        .find(|p| p.property == property)?;
    bool_value(&found.value)
}

/// The property paths of a record's collection-valued property `property`, in order.
fn record_paths(value: &Expr, property: &str) -> Vec<String> {
    let Expr::Record(record) = value else {
        return Vec::new();
    };
    let found = record
        .property_values
        .iter()
        .find(|p| p.property == property);
    let Some(Expr::Collection(items)) = found.map(|p| &p.value) else {
        return Vec::new();
    };
    (items.iter())
        .filter_map(|item| match item {
            Expr::Const { kind, text } if kind == "PropertyPath" => Some(text.trim().to_owned()),
            _ => None,
        })
        .collect()
}

fn string_value(value: &Expr) -> Option<String> {
    match value {
        Expr::Const { kind, text } if kind == "String" => Some(text.clone()),
        _ => None,
    }
}

pub(crate) fn overlay_docs(base: &mut Docs, over: Docs) {
    if over.description.is_some() {
        base.description = over.description;
    }
    if over.long_description.is_some() {
        base.long_description = over.long_description;
    }
}
