//! The XML layer of the CSDL writer: indented elements, attributes in the order given, and
//! escaping of text and attribute values.
//!
//! An attribute is written when its value is `Some`, even when the value is empty
//! (`DefaultValue=""` means the empty string, not "no default"); `None` omits it.

use std::fmt::Write as _;

/// Attributes as (name, value); `None` values are omitted.
pub(super) type Attrs<'a> = [(&'a str, Option<String>)];

/// Indented XML output: 2 spaces per level, one element per line.
#[derive(Default)]
pub(super) struct XmlWriter {
    pub(super) out: String,
    depth: usize,
}

impl XmlWriter {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &Attrs) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            if let Some(value) = value {
                let _ = write!(self.out, " {key}=\"{}\"", escape_attribute(value));
            }
        }
    }

    pub(super) fn open(&mut self, name: &str, attrs: &Attrs) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &Attrs) {
        self.start_tag(name, attrs);
        self.out.push_str(" />\n");
    }

    pub(super) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    pub(super) fn text_element(&mut self, name: &str, text: &str) {
        self.start_tag(name, &[]);
        let _ = writeln!(self.out, ">{}</{name}>", escape_text(text));
    }

    /// XML text kept as read (an element and its subtree), on a line of its own.
    pub(super) fn raw(&mut self, xml: &str) {
        self.indent();
        self.out.push_str(xml);
        self.out.push('\n');
    }

    /// An element that is self-closing when `has_children` is false; returns whether it opened.
    pub(super) fn element(&mut self, name: &str, attrs: &Attrs, has_children: bool) -> bool {
        if has_children {
            self.open(name, attrs);
        } else {
            self.empty(name, attrs);
        }
        has_children
    }
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push_str(&escape_text(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// A required attribute: always written.
pub(super) fn req(value: &str) -> Option<String> {
    Some(value.to_owned())
}

/// An optional attribute: written when present, even if empty.
pub(super) fn opt(value: &Option<String>) -> Option<String> {
    value.clone()
}

/// A boolean attribute written only as `"true"` (its default is false).
pub(super) fn flag(value: bool) -> Option<String> {
    value.then(|| "true".to_owned())
}

/// A boolean attribute written only as `"false"` (its default is true).
pub(super) fn unless_true(value: bool) -> Option<String> {
    (!value).then(|| "false".to_owned())
}
