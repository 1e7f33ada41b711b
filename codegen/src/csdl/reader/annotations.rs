//! Reads annotations: inline `Annotation` elements, external `Annotations` blocks, and the
//! annotation expressions (constants and paths as attributes or elements, `Record` with
//! `PropertyValue`, `Collection`, anything else kept as [`Expr::Other`]).
//!
//! Annotations on annotations and on property values are skipped; annotations on records are
//! kept in [`Record::annotations`].

use super::events::{Elem, Parser};
use crate::csdl::syntax::{Annotation, AnnotationsBlock, Expr, PropertyValue, Record};

/// Constant and path expressions, which may be written as an attribute or as an element with
/// text content.
const CONST_KINDS: [&str; 17] = [
    "Binary",
    "Bool",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Duration",
    "EnumMember",
    "Float",
    "Guid",
    "Int",
    "String",
    "TimeOfDay",
    "AnnotationPath",
    "ModelElementPath",
    "NavigationPropertyPath",
    "PropertyPath",
    "Path",
];

fn is_const_kind(name: &str) -> bool {
    CONST_KINDS.contains(&name)
}

impl<'a> Parser<'a> {
    /// Reads an external `Annotations` block.
    pub(super) fn annotations_block(&mut self, elem: Elem<'a>) -> AnnotationsBlock {
        AnnotationsBlock {
            target: self.required(&elem, "Target"),
            qualifier: self.string(&elem, "Qualifier"),
            pos: elem.pos,
            annotations: self.annotation_children(&elem),
        }
    }

    /// Reads an `Annotation` and its value.
    pub(super) fn annotation(&mut self, elem: Elem<'a>) -> Annotation {
        Annotation {
            term: self.required(&elem, "Term"),
            qualifier: self.string(&elem, "Qualifier"),
            pos: elem.pos,
            value: self.valued(&elem),
        }
    }

    /// The value of an `Annotation` or `PropertyValue`: the first constant attribute, else the
    /// first expression child. Nested annotations and further expressions are skipped.
    fn valued(&mut self, elem: &Elem<'a>) -> Expr {
        let mut value = self.const_attr(elem);
        while let Some(child) = self.child(elem) {
            let name = child.edm_name();
            if name.is_empty() || name == "Annotation" || value != Expr::Empty {
                self.skip(&child);
            } else {
                value = self.expr(child);
            }
        }
        value
    }

    /// A constant or path expression given as an attribute, e.g. `Bool="true"`.
    fn const_attr(&mut self, elem: &Elem<'a>) -> Expr {
        let Some(kind) = self.attr_names().find(|name| is_const_kind(name)) else {
            return Expr::Empty;
        };
        let text = self.string(elem, kind).unwrap_or_default();
        Expr::Const {
            kind: kind.to_owned(),
            text,
        }
    }

    /// Reads an expression element (which must be in the edm namespace).
    fn expr(&mut self, elem: Elem<'a>) -> Expr {
        match elem.local {
            kind if is_const_kind(kind) => {
                let text = self.text_content(&elem);
                let text = match kind {
                    "String" => text,
                    _ => text.trim().to_owned(),
                };
                Expr::Const {
                    kind: kind.to_owned(),
                    text,
                }
            }
            "Record" => Expr::Record(self.record(elem)),
            "Collection" => Expr::Collection(self.collection(elem)),
            other => {
                self.skip(&elem);
                Expr::Other {
                    element: other.to_owned(),
                    raw: self.source_since(elem.offset).to_owned(),
                }
            }
        }
    }

    /// Reads a `Record` expression.
    fn record(&mut self, elem: Elem<'a>) -> Record {
        let mut record = Record {
            ty: self.string(&elem, "Type"),
            ..Record::default()
        };
        while let Some(child) = self.child(&elem) {
            match child.edm_name() {
                "PropertyValue" => record.property_values.push(self.property_value(child)),
                "Annotation" => record.annotations.push(self.annotation(child)),
                _ => self.skip(&child),
            }
        }
        record
    }

    /// Reads a `PropertyValue` of a record.
    fn property_value(&mut self, elem: Elem<'a>) -> PropertyValue {
        PropertyValue {
            property: self.required(&elem, "Property"),
            pos: elem.pos,
            value: self.valued(&elem),
        }
    }

    /// Reads the items of a `Collection` expression.
    fn collection(&mut self, elem: Elem<'a>) -> Vec<Expr> {
        let mut items = Vec::new();
        while let Some(child) = self.child(&elem) {
            match child.edm_name() {
                "" | "Annotation" => self.skip(&child),
                _ => items.push(self.expr(child)),
            }
        }
        items
    }
}
