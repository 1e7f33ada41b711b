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
            Err(what) => report(cx, doc, annotation.pos, &term, "a `String` constant", &what),
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
        set_bool(cx, doc, slot, &term, annotation);
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
        let term = cx.qualified(doc, &annotation.term);
        if term != LONG_RUNNING {
            continue;
        }
        match string_value(&annotation.value) {
            Ok(name) => found = Some(cx.qualify(doc, name.trim())),
            Err(what) => report(cx, doc, annotation.pos, &term, "a `String` constant", &what),
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
    for annotation in annotations {
        let term = cx.qualified(doc, &annotation.term);
        if let Some(name) = term.strip_prefix(CAPABILITIES) {
            apply_capability(cx, doc, &mut caps, (&term, name), annotation);
        }
    }
    caps
}

/// Records that the annotation of the qualified `term` at `pos` has a value of the wrong kind.
fn report(cx: &mut Resolver, doc: usize, pos: Pos, term: &str, expected: &str, found: &str) {
    report_subject(
        cx,
        doc,
        pos,
        &format!("annotation `{term}`"),
        expected,
        found,
    );
}

/// Records that `subject` (an annotation, or a property value of its record) at `pos` has a
/// value of the wrong kind.
fn report_subject(
    cx: &mut Resolver,
    doc: usize,
    pos: Pos,
    subject: &str,
    expected: &str,
    found: &str,
) {
    cx.error(
        doc,
        pos,
        format!("{subject} takes {expected}, found {found}"),
    );
}

/// Sets `slot` from the Boolean value of `annotation` (of the qualified `term`), or reports it.
fn set_bool(
    cx: &mut Resolver,
    doc: usize,
    slot: &mut Option<bool>,
    term: &str,
    annotation: &Annotation,
) {
    match bool_value(&annotation.value) {
        Ok(value) => *slot = Some(value),
        Err(what) => report(cx, doc, annotation.pos, term, "a `Bool` constant", &what),
    }
}

/// Applies one Capabilities term: `term` is its qualified name, then its name within the
/// vocabulary.
fn apply_capability(
    cx: &mut Resolver,
    doc: usize,
    caps: &mut Capabilities,
    (term, name): (&str, &str),
    annotation: &Annotation,
) {
    let (slot, field) = match name {
        "TopSupported" => return set_bool(cx, doc, &mut caps.top_supported, term, annotation),
        "SkipSupported" => return set_bool(cx, doc, &mut caps.skip_supported, term, annotation),
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
        let what = found(&annotation.value);
        return report(cx, doc, annotation.pos, term, "a `Record`", &what);
    };
    if let Some(value) = record_bool(cx, doc, record, (term, field)) {
        *slot = Some(value);
    }
    if name == "FilterRestrictions" {
        let required = record_paths(cx, doc, record, (term, "RequiredProperties"));
        if !required.is_empty() {
            caps.required_filter = required;
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
        Some((cut, _)) => format!("{}...", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// The Boolean property `field` of a record of the qualified `term`, if present and well formed.
fn record_bool(
    cx: &mut Resolver,
    doc: usize,
    record: &Record,
    (term, field): (&str, &str),
) -> Option<bool> {
    let value = record
        .property_values
        .iter()
        .find(|p| p.property == field)?;
    match bool_value(&value.value) {
        Ok(b) => Some(b),
        Err(what) => {
            let subject = format!("`{field}` of `{term}`");
            report_subject(cx, doc, value.pos, &subject, "a `Bool` constant", &what);
            None
        }
    }
}

/// The property paths of the collection-valued property `field` of a record of the qualified
/// `term`, in order.
fn record_paths(
    cx: &mut Resolver,
    doc: usize,
    record: &Record,
    (term, field): (&str, &str),
) -> Vec<String> {
    let Some(value) = record.property_values.iter().find(|p| p.property == field) else {
        return Vec::new();
    };
    let subject = format!("`{field}` of `{term}`");
    let Expr::Collection(items) = &value.value else {
        let what = found(&value.value);
        let expected = "a `Collection` of `PropertyPath`s";
        report_subject(cx, doc, value.pos, &subject, expected, &what);
        return Vec::new();
    };
    let mut paths = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Expr::Const { kind, text } if kind == "PropertyPath" => {
                paths.push(text.trim().to_owned());
            }
            other => {
                let what = found(other);
                report_subject(cx, doc, value.pos, &subject, "`PropertyPath`s only", &what);
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
