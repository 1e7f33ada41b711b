//! Interpretation of annotation terms: `Core.Description` / `Core.LongDescription` become
//! [`Docs`], `Core.Computed` / `Core.Immutable` on a property become [`Mutability`], the
//! Capabilities restrictions become [`Capabilities`].
//!
//! Terms are matched by full name (`Org.OData.Capabilities.V1.UpdateRestrictions`) after alias
//! expansion, so `Capabilities.UpdateRestrictions` under an `edmx:Include Alias` works too.
//! Qualifiers are ignored (Graph writes e.g. `Qualifier="Org.OData.Capabilities.V1.ExpandRestrictions"`
//! on its default annotations); later annotations of a term override earlier ones. A term read
//! here whose value is of the wrong kind (`Core.Computed` with `String="yes"`, a restriction that
//! is not a record, `Updatable` given as a path) is an error at the annotation or the record's
//! property value: skipping it would silently generate the wrong methods. All other terms are
//! skipped, never an error. The generator's own vocabulary `RustCodegen.V1` has one
//! term, `LongRunning` (on an action: it answers `202 Accepted` + `Location`, and polling the
//! location returns the qualified type given as the term's string value). External
//! `Annotations` blocks are applied by target in [`super::external_annotations`].

use super::resolve::Resolver;
use super::{Capabilities, Docs, PropertyDef};
use crate::csdl::syntax::{Annotation, Expr, Pos, Record};

const CORE: &str = "Org.OData.Core.V1.";
const CAPABILITIES: &str = "Org.OData.Capabilities.V1.";
const LONG_RUNNING: &str = "RustCodegen.V1.LongRunning";

/// Problems found while interpreting, each with where it is; reported once interpretation ends.
type Problems = Vec<(Pos, String)>;

/// The description annotations among `annotations` of an item in document `doc`.
pub(crate) fn docs(cx: &mut Resolver, doc: usize, annotations: &[Annotation]) -> Docs {
    let mut docs = Docs::default();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        let slot = match term.strip_prefix(CORE) {
            Some("Description") => &mut docs.description,
            Some("LongDescription") => &mut docs.long_description,
            _ => continue,
        };
        match string_value(&annotation.value) {
            Ok(text) => *slot = Some(text.to_owned()),
            Err(what) => report(cx, doc, annotation, "a `String` constant", &what),
        }
    }
    docs
}

/// `Core.Computed` and `Core.Immutable` as a property's annotations say: `None` where a term is
/// absent, so an external block overrides only what it states. Both are Boolean terms: an
/// annotation without a value means `true`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mutability {
    computed: Option<bool>,
    immutable: Option<bool>,
}

impl Mutability {
    /// `(computed, immutable)` of a property declared with these annotations.
    pub(crate) fn flags(self) -> (bool, bool) {
        (
            self.computed.unwrap_or(false),
            self.immutable.unwrap_or(false),
        )
    }

    /// Sets the flags this stated on `property`, keeping the others.
    pub(crate) fn apply_to(self, property: &mut PropertyDef) {
        property.computed = self.computed.unwrap_or(property.computed);
        property.immutable = self.immutable.unwrap_or(property.immutable);
    }
}

/// The mutability annotations among `annotations` of a property in document `doc`.
pub(crate) fn mutability(cx: &mut Resolver, doc: usize, annotations: &[Annotation]) -> Mutability {
    let mut found = Mutability::default();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        let slot = match term.strip_prefix(CORE) {
            Some("Computed") => &mut found.computed,
            Some("Immutable") => &mut found.immutable,
            _ => continue,
        };
        match bool_value(&annotation.value) {
            Ok(value) => *slot = Some(value),
            Err(what) => report(cx, doc, annotation, "a `Bool` constant", &what),
        }
    }
    found
}

/// The `RustCodegen.V1.LongRunning` annotation among `annotations` of an action: the qualified
/// type its monitor URL returns (alias-qualified names expanded).
pub(crate) fn long_running(
    cx: &mut Resolver,
    doc: usize,
    annotations: &[Annotation],
) -> Option<String> {
    let mut found = None;
    for annotation in annotations {
        if cx.qualified(doc, &annotation.term) != LONG_RUNNING {
            continue;
        }
        match string_value(&annotation.value) {
            Ok(name) => found = Some(cx.qualify(doc, name.trim())),
            Err(what) => report(cx, doc, annotation, "a `String` constant", &what),
        }
    }
    found
}

/// The Capabilities restrictions among `annotations` of an item in document `doc`.
pub(crate) fn capabilities(
    cx: &mut Resolver,
    doc: usize,
    annotations: &[Annotation],
) -> Capabilities {
    let mut caps = Capabilities::default();
    let mut problems = Problems::new();
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        if let Some(capability_term) = term.strip_prefix(CAPABILITIES) {
            apply_capability(&mut caps, capability_term, annotation, &mut problems);
        }
    }
    for (pos, message) in problems {
        cx.error(doc, pos, message);
    }
    caps
}

/// Records that `annotation` (of a term read here) has a value of the wrong kind.
fn report(cx: &mut Resolver, doc: usize, annotation: &Annotation, expected: &str, found: &str) {
    let term = cx.qualified(doc, &annotation.term).into_owned();
    let message = format!("annotation `{term}` takes {expected}, found {found}");
    cx.error(doc, annotation.pos, message);
}

/// Applies one Capabilities term; `term` is its name without the vocabulary's namespace.
fn apply_capability(
    caps: &mut Capabilities,
    term: &str,
    annotation: &Annotation,
    problems: &mut Problems,
) {
    let (slot, field) = match term {
        "TopSupported" => return apply_tag(&mut caps.top_supported, term, annotation, problems),
        "SkipSupported" => return apply_tag(&mut caps.skip_supported, term, annotation, problems),
        "ReadRestrictions" => (&mut caps.readable, "Readable"),
        "InsertRestrictions" => (&mut caps.insertable, "Insertable"),
        "UpdateRestrictions" => (&mut caps.updatable, "Updatable"),
        "DeleteRestrictions" => (&mut caps.deletable, "Deletable"),
        "FilterRestrictions" => (&mut caps.filterable, "Filterable"),
        "SortRestrictions" => (&mut caps.sortable, "Sortable"),
        "CountRestrictions" => (&mut caps.countable, "Countable"),
        "ExpandRestrictions" => (&mut caps.expandable, "Expandable"),
        "SelectSupport" => (&mut caps.selectable, "Supported"),
        "SelectRestrictions" => (&mut caps.selectable, "Selectable"),
        _ => return,
    };
    let Expr::Record(record) = &annotation.value else {
        let message = format!(
            "annotation `{CAPABILITIES}{term}` takes a `Record`, found {}",
            found(&annotation.value)
        );
        problems.push((annotation.pos, message));
        return;
    };
    if let Some(value) = record_bool(record, field, term, problems) {
        *slot = Some(value);
    }
    if term == "FilterRestrictions" {
        let required = record_paths(record, "RequiredProperties", term, problems);
        if !required.is_empty() {
            caps.required_filter = required;
        }
    }
}

/// A Boolean term such as `TopSupported`: sets `slot`, or records what is wrong.
fn apply_tag(
    slot: &mut Option<bool>,
    term: &str,
    annotation: &Annotation,
    problems: &mut Problems,
) {
    match bool_value(&annotation.value) {
        Ok(value) => *slot = Some(value),
        Err(what) => {
            let message =
                format!("annotation `{CAPABILITIES}{term}` takes a `Bool` constant, found {what}");
            problems.push((annotation.pos, message));
        }
    }
}

/// A Boolean constant (an annotation without a value means `true`), or what was found instead.
fn bool_value(value: &Expr) -> Result<bool, String> {
    match value {
        Expr::Empty => Ok(true),
        Expr::Const { kind, text } if kind == "Bool" => match text.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(format!(
                "`Bool` value `{}`, which is neither `true` nor `false`",
                shortened(other)
            )),
        },
        other => Err(found(other)),
    }
}

/// A string constant, or what was found instead.
fn string_value(value: &Expr) -> Result<&str, String> {
    match value {
        Expr::Const { kind, text } if kind == "String" => Ok(text),
        other => Err(found(other)),
    }
}

/// How a diagnostic names a value: its kind, and for a constant its text.
fn found(value: &Expr) -> String {
    match value {
        Expr::Empty => "no value".to_owned(),
        Expr::Const { kind, text } => format!("`{kind}` value `{}`", shortened(text)),
        Expr::Record(_) => "a `Record`".to_owned(),
        Expr::Collection(_) => "a `Collection`".to_owned(),
        Expr::Other { element, .. } => format!("a `<{element}>` expression"),
    }
}

/// `text` cut to its first 40 characters (with an ellipsis when cut), for a diagnostic.
fn shortened(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The Boolean property `field` of a capability record, if present and well formed.
fn record_bool(record: &Record, field: &str, term: &str, problems: &mut Problems) -> Option<bool> {
    let found = record
        .property_values
        .iter()
        .find(|p| p.property == field)?;
    bool_value(&found.value)
        .map_err(|what| {
            let message = format!(
                "`{field}` of `{CAPABILITIES}{term}` takes a `Bool` constant, found {what}"
            );
            problems.push((found.pos, message));
        })
        .ok()
}

/// The property paths of a capability record's collection-valued property `field`, in order.
fn record_paths(record: &Record, field: &str, term: &str, problems: &mut Problems) -> Vec<String> {
    let Some(found_value) = record.property_values.iter().find(|p| p.property == field) else {
        return Vec::new();
    };
    let what = format!("`{field}` of `{CAPABILITIES}{term}`");
    let Expr::Collection(items) = &found_value.value else {
        let message = format!(
            "{what} takes a `Collection` of `PropertyPath`s, found {}",
            found(&found_value.value)
        );
        problems.push((found_value.pos, message));
        return Vec::new();
    };
    let mut paths = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Expr::Const { kind, text } if kind == "PropertyPath" => {
                paths.push(text.trim().to_owned());
            }
            other => {
                let message = format!("{what} lists `PropertyPath`s, found {}", found(other));
                problems.push((found_value.pos, message));
            }
        }
    }
    paths
}

pub(crate) fn overlay_docs(base: &mut Docs, over: Docs) {
    if over.description.is_some() {
        base.description = over.description;
    }
    if over.long_description.is_some() {
        base.long_description = over.long_description;
    }
}
