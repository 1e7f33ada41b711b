//! The event layer of the CSDL reader: a thin cursor over quick-xml events.
//!
//! [`Parser`] reads events from the input slice (no copies, no event buffer), keeps the stack of
//! open elements (for the depth bound and for "not closed" errors), tracks `xmlns` bindings so
//! that elements can be matched by local name *and* namespace, parses the attributes of the
//! element just opened into a reused vector, and collects diagnostics. The element handlers in
//! the sibling modules only use the methods here.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesCData, BytesRef, BytesStart, BytesText, Event};

use super::attrs::AttrSet;
use super::position::LineCursor;
use super::scratch::Scratch;
use crate::csdl::syntax::Pos;
use crate::diagnostic::Diagnostic;

/// The namespace of the `edmx:` elements.
pub(super) const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
/// The namespace of the CSDL (`Schema` and below) elements.
pub(super) const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";
/// The deepest element nesting the reader accepts.
pub(super) const MAX_DEPTH: usize = 256;

/// The namespace an element is in, as far as the reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// `http://docs.oasis-open.org/odata/ns/edmx`.
    Edmx,
    /// `http://docs.oasis-open.org/odata/ns/edm`.
    Edm,
    /// Any other namespace, or none.
    Other,
}

impl Ns {
    fn of_uri(uri: &str) -> Ns {
        match uri {
            EDMX_NS => Ns::Edmx,
            EDM_NS => Ns::Edm,
            _ => Ns::Other,
        }
    }
}

/// A start tag as read, before its attributes are looked at.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tag<'a> {
    /// Tag name and attributes: the text between `<` and `>` (or `/>`).
    content: &'a str,
    /// Length of the qualified name at the start of `content`.
    name_len: usize,
    /// Byte offset of the `<`.
    offset: usize,
    /// The element's depth: the number of open elements while inside it.
    depth: usize,
}

/// An element whose attributes have been read; they stay available through
/// [`Parser::value`] and friends until the next element is opened.
#[derive(Debug, Clone, Copy)]
pub(super) struct Elem<'a> {
    /// The qualified name as written, e.g. `edmx:Edmx`.
    pub(super) qname: &'a str,
    /// The name without prefix.
    pub(super) local: &'a str,
    /// The namespace the prefix resolves to.
    pub(super) ns: Ns,
    /// Line and column of the `<`.
    pub(super) pos: Pos,
    /// Byte offset of the `<`.
    pub(super) offset: usize,
    depth: usize,
}

impl<'a> Elem<'a> {
    /// Whether this is the CSDL element `local` (in the edm namespace).
    pub(super) fn is_edm(&self, local: &str) -> bool {
        self.ns == Ns::Edm && self.local == local
    }

    /// The local name if this is a CSDL (edm namespace) element, else `""`.
    pub(super) fn edm_name(&self) -> &'a str {
        if self.ns == Ns::Edm { self.local } else { "" }
    }

    /// Whether this is the `edmx:` element `local`.
    pub(super) fn is_edmx(&self, local: &str) -> bool {
        self.ns == Ns::Edmx && self.local == local
    }
}

/// One event, as the element handlers see it.
pub(super) enum Ev<'a> {
    /// A start or empty tag.
    Open(Tag<'a>),
    /// An end tag.
    Close,
    /// Character data.
    Text(BytesText<'a>),
    /// An entity or character reference in character data.
    Ref(BytesRef<'a>),
    /// A CDATA section.
    CData(BytesCData<'a>),
    /// End of input, or reading stopped at a fatal error.
    Eof,
}

/// An `xmlns` or `xmlns:prefix` declaration in scope.
#[derive(Debug, Clone, Copy)]
struct Binding<'a> {
    prefix: &'a str,
    ns: Ns,
    depth: usize,
}

/// The streaming state of one document read.
pub(super) struct Parser<'a> {
    source: &'a str,
    text: &'a str,
    reader: Reader<&'a [u8]>,
    cursor: LineCursor<'a>,
    /// Qualified name and offset of every open element, outermost first.
    open: Vec<(&'a str, usize)>,
    bindings: Vec<Binding<'a>>,
    attrs: AttrSet<'a>,
    /// Offset of the last event read.
    last_offset: usize,
    diagnostics: Vec<Diagnostic>,
    fatal: bool,
    /// Buffers for member lists (see [`Scratch`]).
    pub(super) scratch: Scratch,
}

impl<'a> Parser<'a> {
    /// A parser over `text`, reporting problems against `source`.
    pub(super) fn new(source: &'a str, text: &'a str) -> Self {
        Parser {
            source,
            text,
            reader: Reader::from_str(text),
            cursor: LineCursor::new(text.as_bytes()),
            open: Vec::new(),
            bindings: Vec::new(),
            attrs: AttrSet::default(),
            last_offset: 0,
            diagnostics: Vec::new(),
            fatal: false,
            scratch: Scratch::default(),
        }
    }

    /// Reports a problem at `pos`; reading goes on.
    pub(super) fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(self.source, pos, message));
    }

    /// Reports a problem at byte `offset` and stops reading.
    pub(super) fn fatal_at(&mut self, offset: usize, message: impl Into<String>) {
        let pos = self.cursor.pos(offset);
        self.error(pos, message);
        self.fatal = true;
    }

    /// Every problem reported so far, in the order found.
    pub(super) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Byte offset of the end of the last event read.
    pub(super) fn offset(&self) -> usize {
        to_usize(self.reader.buffer_position())
    }

    /// The input from byte `from` to the end of the last event read (`""` if out of range).
    pub(super) fn source_since(&self, from: usize) -> &'a str {
        self.text.get(from..self.offset()).unwrap_or_default()
    }

    /// The next event. After a fatal error, always [`Ev::Eof`].
    pub(super) fn next(&mut self) -> Ev<'a> {
        if self.fatal {
            return Ev::Eof;
        }
        let depth = self.open.len();
        while self.bindings.last().is_some_and(|b| b.depth > depth) {
            self.bindings.pop();
        }
        loop {
            let offset = self.offset();
            self.last_offset = offset;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let at = to_usize(self.reader.error_position());
                    self.fatal_at(at, format!("invalid XML: {error}"));
                    return Ev::Eof;
                }
            };
            match event {
                Event::Start(start) => return self.start(&start, offset, false),
                Event::Empty(start) => return self.start(&start, offset, true),
                Event::End(_) => {
                    self.open.pop();
                    return Ev::Close;
                }
                Event::Text(text) => return Ev::Text(text),
                Event::GeneralRef(reference) => return Ev::Ref(reference),
                Event::CData(cdata) => return Ev::CData(cdata),
                Event::Eof => {
                    self.end_of_input();
                    return Ev::Eof;
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
    }

    /// Turns a start tag into a [`Tag`] borrowing from the input, enforcing the depth bound.
    fn start(&mut self, start: &BytesStart<'_>, offset: usize, empty: bool) -> Ev<'a> {
        let name_len = start.name().0.len();
        let content = offset
            .checked_add(1)
            .and_then(|from| self.text.get(from..from.checked_add(start.len())?));
        let Some(content) = content.filter(|c| c.len() >= name_len) else {
            self.fatal_at(offset, "internal error: start tag does not match the input");
            return Ev::Eof;
        };
        let depth = self.open.len() + 1;
        if depth > MAX_DEPTH {
            let name = content.get(..name_len).unwrap_or_default();
            let message = format!("element `<{name}>` is nested more than {MAX_DEPTH} levels deep");
            self.fatal_at(offset, message);
            return Ev::Eof;
        }
        if !empty {
            self.open
                .push((content.get(..name_len).unwrap_or_default(), offset));
        }
        Ev::Open(Tag {
            content,
            name_len,
            offset,
            depth,
        })
    }

    /// At the end of input: every element must have been closed.
    fn end_of_input(&mut self) {
        let Some(&(name, offset)) = self.open.last() else {
            return;
        };
        let opened = self.cursor.pos(offset);
        let end = self.text.len();
        let message = format!(
            "unexpected end of document: `<{name}>` opened at line {}, column {} is not closed",
            opened.line, opened.column
        );
        self.fatal_at(end, message);
    }

    /// Reads the attributes of `tag`, applies its `xmlns` declarations and resolves its name.
    pub(super) fn open(&mut self, tag: Tag<'a>) -> Elem<'a> {
        let pos = self.cursor.pos(tag.offset);
        let qname = tag.content.get(..tag.name_len).unwrap_or_default();
        if self.attrs.read_plain(tag.content, tag.name_len) {
            for (prefix, ns) in self.attrs.xmlns_bindings() {
                self.bindings.push(Binding {
                    prefix,
                    ns: Ns::of_uri(ns),
                    depth: tag.depth,
                });
            }
        } else {
            self.read_attributes(&tag, qname);
        }
        if let Some(name) = self.attrs.duplicate() {
            let message = format!("invalid attributes on `<{qname}>`: `{name}` is given twice");
            self.fatal_at(tag.offset, message);
        }
        let colon = qname.bytes().position(|b| b == b':');
        let split = colon.and_then(|at| Some((qname.get(..at)?, qname.get(at + 1..)?)));
        let (prefix, local) = split.unwrap_or(("", qname));
        Elem {
            qname,
            local,
            ns: self.resolve(prefix),
            pos,
            offset: tag.offset,
            depth: tag.depth,
        }
    }

    /// Reads the attributes of `tag` with quick-xml's iterator (the slow path, for attributes
    /// that are not all plainly written), recording `xmlns` declarations as they come.
    fn read_attributes(&mut self, tag: &Tag<'a>, qname: &str) {
        self.attrs.clear();
        let mut attrs = Attributes::new(tag.content, tag.name_len);
        for attr in attrs.with_checks(false) {
            match attr {
                Ok(attr) => {
                    if let Some(prefix) = xmlns_prefix(attr.key.0) {
                        let ns = Ns::of_uri(&attr.value);
                        let depth = tag.depth;
                        self.bindings.push(Binding { prefix, ns, depth });
                    }
                    self.attrs.push(attr);
                }
                Err(error) => {
                    let message = format!("invalid attributes on `<{qname}>`: {error}");
                    self.fatal_at(tag.offset, message);
                    break;
                }
            }
        }
    }

    /// The namespace `prefix` is bound to (the innermost binding wins).
    fn resolve(&self, prefix: &str) -> Ns {
        self.bindings
            .iter()
            .rev()
            .find(|b| b.prefix == prefix)
            .map_or(Ns::Other, |b| b.ns)
    }

    /// The next child element of `parent`, or `None` once `parent` is closed.
    ///
    /// Every child returned must be consumed (read to its end or [`skip`](Self::skip)ped)
    /// before the next call.
    pub(super) fn child(&mut self, parent: &Elem<'a>) -> Option<Elem<'a>> {
        while self.open.len() >= parent.depth {
            match self.next() {
                Ev::Open(tag) => return Some(self.open(tag)),
                Ev::Close | Ev::Text(_) | Ev::CData(_) => {}
                Ev::Ref(reference) => {
                    self.reference(&reference);
                }
                Ev::Eof => return None,
            }
        }
        None
    }

    /// Consumes whatever is left of `elem`, including all of its subtree. Does nothing if it is
    /// already closed.
    pub(super) fn skip(&mut self, elem: &Elem<'a>) {
        self.skip_to(elem.depth);
    }

    fn skip_to(&mut self, depth: usize) {
        while self.open.len() >= depth {
            if let Ev::Eof = self.next() {
                return;
            }
        }
    }

    /// The character content of `elem` with references decoded; child elements are skipped.
    pub(super) fn text_content(&mut self, elem: &Elem<'a>) -> String {
        let mut out = String::new();
        while self.open.len() >= elem.depth {
            match self.next() {
                Ev::Text(text) => out.push_str(&text.xml10_content()),
                Ev::CData(cdata) => out.push_str(&cdata.xml10_content()),
                Ev::Ref(reference) => out.extend(self.reference(&reference)),
                Ev::Open(tag) => self.skip_to(tag.depth),
                Ev::Close => {}
                Ev::Eof => break,
            }
        }
        out
    }

    /// Decodes a character or predefined entity reference; reports anything else.
    pub(super) fn reference(&mut self, reference: &BytesRef<'_>) -> Option<char> {
        let name: &str = reference;
        let decoded = match reference.resolve_char_ref() {
            Ok(Some(c)) => Ok(c),
            Ok(None) => quick_xml::escape::resolve_predefined_entity(name)
                .and_then(|s| s.chars().next())
                .ok_or_else(|| format!("unknown entity `&{name};`: only the XML entities `&lt;`, `&gt;`, `&amp;`, `&apos;` and `&quot;` are defined")),
            Err(error) => Err(format!("invalid character reference `&{name};`: {error}")),
        };
        match decoded {
            Ok(c) => Some(c),
            Err(message) => {
                let pos = self.cursor.pos(self.last_offset);
                self.error(pos, message);
                None
            }
        }
    }

    /// Whether the element opened last might have an attribute named in `mask` (see
    /// [`bit`](super::attrs::bit)); false means certainly not.
    pub(super) fn may_have_any(&self, mask: u64) -> bool {
        self.attrs.may_have_any(mask)
    }

    /// Whether the element opened last has attribute `name`.
    pub(super) fn has(&self, name: &str) -> bool {
        self.attrs.has(name)
    }

    /// The attribute names of the element opened last.
    pub(super) fn attr_names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.attrs.names()
    }

    /// The decoded value of attribute `name` of `elem` (which must be the element opened last).
    pub(super) fn value(&mut self, elem: &Elem<'a>, name: &str) -> Option<Cow<'a, str>> {
        let decoded = self.attrs.value(name)?;
        self.checked(elem, name, decoded)
    }

    /// Reports an attribute value whose references could not be decoded.
    fn checked(
        &mut self,
        elem: &Elem<'a>,
        name: &str,
        decoded: Result<Cow<'a, str>, String>,
    ) -> Option<Cow<'a, str>> {
        match decoded {
            Ok(value) => Some(value),
            Err(error) => {
                let qname = elem.qname;
                self.error(
                    elem.pos,
                    format!("invalid value for `{name}` on `<{qname}>`: {error}"),
                );
                None
            }
        }
    }

    /// Attribute `name` of `elem` as an owned string, if present.
    pub(super) fn string(&mut self, elem: &Elem<'a>, name: &str) -> Option<String> {
        self.value(elem, name).map(Cow::into_owned)
    }

    /// The value of attribute `name` of `elem`; reports it missing when absent.
    pub(super) fn required_value(&mut self, elem: &Elem<'a>, name: &str) -> Option<Cow<'a, str>> {
        let Some(decoded) = self.attrs.value(name) else {
            let qname = elem.qname;
            let message = format!("missing required attribute `{name}` on `<{qname}>`");
            self.error(elem.pos, message);
            return None;
        };
        self.checked(elem, name, decoded)
    }

    /// Attribute `name` of `elem`; reports it missing and returns "" when absent.
    pub(super) fn required(&mut self, elem: &Elem<'a>, name: &str) -> String {
        self.required_value(elem, name)
            .map(Cow::into_owned)
            .unwrap_or_default()
    }
}

/// The prefix an attribute named `key` declares: `""` for `xmlns`, `p` for `xmlns:p`.
pub(super) fn xmlns_prefix(key: &str) -> Option<&str> {
    match key.strip_prefix("xmlns")? {
        "" => Some(""),
        rest => rest.strip_prefix(':'),
    }
}

/// `n` as a `usize`, saturating.
fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
