//! Annotations and annotation expressions for the CSDL writer.
//!
//! A constant value is written as an attribute (`Bool="true"`, `String=""`), inside a
//! collection as an element; records and collections as elements; any other expression
//! ([`Expr::Other`]) as the XML text it was read from.

use super::xml::{Attrs, XmlWriter, opt, req};
use crate::csdl::syntax::{Annotation, Expr, Record};

pub(super) fn write_annotations(w: &mut XmlWriter, annotations: &[Annotation]) {
    for a in annotations {
        let mut attrs = vec![("Term", req(&a.term)), ("Qualifier", opt(&a.qualifier))];
        write_valued(w, "Annotation", &mut attrs, &a.value);
    }
}

/// An `Annotation` or `PropertyValue`: a constant value as attribute, other values as child.
fn write_valued<'a>(
    w: &mut XmlWriter,
    tag: &str,
    attrs: &mut Vec<(&'a str, Option<String>)>,
    value: &'a Expr,
) {
    match value {
        Expr::Empty => w.empty(tag, attrs),
        Expr::Const { kind, text } => {
            attrs.push((kind.as_str(), Some(text.clone())));
            w.empty(tag, attrs);
        }
        other => {
            w.open(tag, attrs);
            write_expr(w, other);
            w.close(tag);
        }
    }
}

fn write_expr(w: &mut XmlWriter, expr: &Expr) {
    match expr {
        Expr::Empty => {}
        Expr::Const { kind, text } => w.text_element(kind, text),
        Expr::Record(record) => write_record(w, record),
        Expr::Collection(items) => {
            if w.element("Collection", &[], !items.is_empty()) {
                items.iter().for_each(|item| write_expr(w, item));
                w.close("Collection");
            }
        }
        Expr::Other { element, raw } if raw.is_empty() => w.empty(element, &[]),
        Expr::Other { raw, .. } => w.raw(raw),
    }
}

fn write_record(w: &mut XmlWriter, record: &Record) {
    let attrs: &Attrs = &[("Type", opt(&record.ty))];
    let has_children = !record.property_values.is_empty() || !record.annotations.is_empty();
    if !w.element("Record", attrs, has_children) {
        return;
    }
    for pv in &record.property_values {
        let mut attrs = vec![("Property", req(&pv.property))];
        write_valued(w, "PropertyValue", &mut attrs, &pv.value);
    }
    write_annotations(w, &record.annotations);
    w.close("Record");
}
