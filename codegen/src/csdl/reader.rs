//! The streaming CSDL XML reader: turns an `edmx:Edmx` document (CSDL 4.0 / 4.01) into the
//! syntax structs of [`crate::csdl::syntax`], with the line and column of every item.
//!
//! Reading is one pass over quick-xml events borrowed from the input. Problems that leave the XML
//! readable (missing attributes, bad values, an unbalanced `Collection(`) are collected and all
//! returned together; XML syntax errors, a wrong root element and nesting deeper than
//! `events::MAX_DEPTH` levels stop reading. Unknown elements and attributes are skipped,
//! except a `Schema` outside the CSDL namespace, which is reported (skipping it would leave an
//! empty model without a word).
//! Names are not resolved here: that is the model's job.

mod annotations;
mod attrs;
mod container;
mod events;
mod position;
mod schema;
mod scratch;
mod values;

use events::{EDM_NS, EDMX_NS, Elem, Ev, Parser};

use crate::csdl::syntax::{Document, Include, Pos, Reference};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Reads a CSDL XML document. `source` names the document in diagnostics.
///
/// Returns every problem found (in document order) if there is any; never panics, whatever the
/// bytes.
pub fn read_document(source: &str, xml: &[u8]) -> Result<Document, Diagnostics> {
    let text = decode(source, xml)?;
    if text.trim().is_empty() {
        let message = "empty document: expected an `edmx:Edmx` root element";
        return Err(Diagnostic::new(source, start_pos(), message).into());
    }
    let mut parser = Parser::new(source, text);
    let mut document = Document {
        source: source.to_owned(),
        ..Document::default()
    };
    parser.document(&mut document);
    let diagnostics = parser.into_diagnostics();
    if diagnostics.is_empty() {
        Ok(document)
    } else {
        Err(Diagnostics(diagnostics))
    }
}

/// Line 1, column 1.
fn start_pos() -> Pos {
    Pos { line: 1, column: 1 }
}

/// The input as UTF-8 text without a byte order mark.
fn decode<'x>(source: &str, xml: &'x [u8]) -> Result<&'x str, Diagnostics> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    std::str::from_utf8(xml).map_err(|error| {
        let valid = xml.get(..error.valid_up_to()).unwrap_or_default();
        let pos = position::LineCursor::new(valid).pos(valid.len());
        let byte = xml.get(error.valid_up_to()).copied().unwrap_or_default();
        let message = format!("the document is not valid UTF-8 (byte 0x{byte:02X})");
        Diagnostic::new(source, pos, message).into()
    })
}

impl<'a> Parser<'a> {
    /// Reads the whole document: prolog, root element, and checks what follows it.
    fn document(&mut self, document: &mut Document) {
        let Some(root) = self.root() else {
            return;
        };
        if !root.is_edmx("Edmx") {
            let message = format!(
                "wrong root element: expected `edmx:Edmx` (namespace `{EDMX_NS}`), found `<{}>`{}",
                root.qname,
                if root.local == "Edmx" {
                    " in another namespace"
                } else {
                    ""
                }
            );
            self.error(root.pos, message);
            return;
        }
        self.edmx(root, document);
        self.after_root();
    }

    /// Finds the root element, reporting text before it or its absence.
    fn root(&mut self) -> Option<Elem<'a>> {
        loop {
            match self.next() {
                Ev::Open(tag) => return Some(self.open(tag)),
                Ev::Text(text) if text.trim().is_empty() => {}
                Ev::Eof => {
                    let at = self.offset();
                    self.fatal_at(at, "no root element: expected `edmx:Edmx`");
                    return None;
                }
                _ => {
                    let at = self.offset();
                    self.fatal_at(at, "text before the root element `edmx:Edmx`");
                    return None;
                }
            }
        }
    }

    /// Reports an element after the root one (text and comments there are ignored).
    fn after_root(&mut self) {
        loop {
            match self.next() {
                Ev::Open(tag) => {
                    let elem = self.open(tag);
                    let message = format!(
                        "unexpected element `<{}>` after the root element",
                        elem.qname
                    );
                    self.error(elem.pos, message);
                    return;
                }
                Ev::Eof => return,
                _ => {}
            }
        }
    }

    /// Reads `edmx:Edmx`.
    fn edmx(&mut self, elem: Elem<'a>, document: &mut Document) {
        document.version = self.required(&elem, "Version");
        while let Some(child) = self.child(&elem) {
            if child.is_edmx("Reference") {
                let reference = self.reference_elem(child);
                document.references.push(reference);
            } else if child.is_edmx("DataServices") {
                self.data_services(child, document);
            } else {
                self.skip(&child);
            }
        }
    }

    /// Reads `edmx:DataServices`: the schemas. A `Schema` outside the CSDL namespace (no
    /// default namespace, or CSDL v3's) is reported, not silently skipped: it would otherwise
    /// leave an empty model.
    fn data_services(&mut self, elem: Elem<'a>, document: &mut Document) {
        while let Some(child) = self.child(&elem) {
            if child.is_edm("Schema") {
                let schema = self.schema(child);
                document.schemas.push(schema);
            } else {
                if child.local == "Schema" {
                    let message = format!(
                        "`<{}>` is not in the CSDL namespace: expected `{EDM_NS}` \
                         (CSDL 4.0/4.01), e.g. `xmlns=\"{EDM_NS}\"` on the schema",
                        child.qname
                    );
                    self.error(child.pos, message);
                }
                self.skip(&child);
            }
        }
    }

    /// Reads `edmx:Reference` and its `edmx:Include`s.
    fn reference_elem(&mut self, elem: Elem<'a>) -> Reference {
        let mut reference = Reference {
            uri: self.required(&elem, "Uri"),
            includes: Vec::new(),
            pos: elem.pos,
        };
        while let Some(child) = self.child(&elem) {
            if child.is_edmx("Include") {
                reference.includes.push(Include {
                    namespace: self.required(&child, "Namespace"),
                    alias: self.string(&child, "Alias"),
                    pos: child.pos,
                });
            }
            self.skip(&child);
        }
        reference
    }
}
