//! The one parser of external annotation targets (`<Annotations Target="...">`, CSDL 4.01
//! section 14.2.1), shared by the resolver ([`super::external_annotations`]), the pruner
//! ([`super::slice_prune`]) and, for container paths, the slice closure ([`super::slice`]).
//!
//! The grammar accepted (names as written: alias expansion is the caller's, it knows the
//! document's aliases):
//!
//! ```text
//! target    = head [ "(" [ type *( "," type ) ] ")" ] *( "/" segment )
//! head      = qualified name: a type, an action or function, a term or the entity container
//! type      = name | "Collection(" name ")"        ; blanks around a type are allowed
//! segment   = a member, a type cast, a parameter name, `$ReturnType`, `@Term#Qualifier`
//! ```
//!
//! Names and segments are non-empty and hold no blank, `/`, `(`, `)` or `,`. A malformed target
//! is an error naming what is wrong and the character (1-based) of the target where it is;
//! the parser never panics.

use std::fmt;

/// A parsed annotation target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnnotationTarget<'t> {
    /// The qualified (or alias-qualified) name the target starts with.
    pub head: &'t str,
    /// The overload signature after an action or function name: its parameter types as
    /// written (binding parameter first); empty for `()`, `None` without parentheses (all
    /// overloads, or not an operation).
    pub overload: Option<Vec<SignatureType<'t>>>,
    /// The segments after the head and overload: members, type casts, a parameter name or
    /// `$ReturnType`, as written.
    pub path: Vec<&'t str>,
}

/// One parameter type of an overload signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SignatureType<'t> {
    /// The (alias-)qualified type name, without `Collection(...)`.
    pub name: &'t str,
    /// Whether it was written `Collection(name)`.
    pub collection: bool,
}

impl SignatureType<'_> {
    /// The type as the model keys a type use (`Collection(ns.t)`, `ns.t`, `Edm.String`), with
    /// its name passed through `qualify` (alias expansion).
    pub fn key(&self, qualify: impl Fn(&str) -> String) -> String {
        let name = qualify(self.name);
        if self.collection {
            format!("Collection({name})")
        } else {
            name
        }
    }
}

/// Why a target is malformed, and where: `column` is the 1-based character of the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TargetError {
    /// 1-based character position in the target text.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at character {}", self.message, self.column)
    }
}

/// Parses an annotation target.
pub(crate) fn parse_target(text: &str) -> Result<AnnotationTarget<'_>, TargetError> {
    let head_end = text.find(['/', '(', ')']).unwrap_or(text.len());
    let head = check_name(text, 0, head_end, "a qualified name")?;
    let (overload, rest) = match text[head_end..].chars().next() {
        Some('(') => {
            let close = closing_paren(text, head_end)?;
            let types = signature(text, head_end + 1, close)?;
            (Some(types), close + 1)
        }
        Some(')') => return Err(error(text, head_end, "`)` without a matching `(`")),
        _ => (None, head_end),
    };
    let path = match text[rest..].chars().next() {
        None => Vec::new(),
        Some('/') => segments(text, rest + 1)?,
        Some(_) => return Err(error(text, rest, "expected `/` or the end after `)`")),
    };
    Ok(AnnotationTarget {
        head,
        overload,
        path,
    })
}

/// Parses a path rooted in the entity container (`/set/nav/...`, an include path): the
/// segments without the leading and trailing `/`; none for `/` (the whole container).
pub(crate) fn parse_container_path(text: &str) -> Result<Vec<&str>, TargetError> {
    let start = text.len() - text.trim_start_matches('/').len();
    let end = text.trim_end_matches('/').len().max(start);
    if start == end {
        return Ok(Vec::new());
    }
    segments(&text[..end], start)
}

/// The `/`-separated segments of `text` from byte `start` to its end.
fn segments(text: &str, start: usize) -> Result<Vec<&str>, TargetError> {
    let mut found = Vec::new();
    let mut from = start;
    loop {
        let end = text[from..].find('/').map_or(text.len(), |i| from + i);
        found.push(check_name(text, from, end, "a path segment")?);
        if end == text.len() {
            return Ok(found);
        }
        from = end + 1;
    }
}

/// The byte index of the `)` closing the `(` at byte `open`, allowing one nested
/// `Collection(...)` level.
fn closing_paren(text: &str, open: usize) -> Result<usize, TargetError> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().skip_while(|&(i, _)| i < open) {
        match c {
            '(' if depth == 2 => return Err(error(text, i, "parentheses nested too deep")),
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            '/' if depth > 0 => return Err(error(text, i, "`/` inside an overload signature")),
            _ => {}
        }
    }
    Err(error(text, open, "`(` is never closed"))
}

/// The parameter types between the parentheses at bytes `start..end`.
fn signature(text: &str, start: usize, end: usize) -> Result<Vec<SignatureType<'_>>, TargetError> {
    if text[start..end].trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut types = Vec::new();
    let mut from = start;
    loop {
        let comma = text[from..end].find(',').map_or(end, |i| from + i);
        types.push(signature_type(text, from, comma)?);
        if comma == end {
            return Ok(types);
        }
        from = comma + 1;
    }
}

/// One parameter type at bytes `start..end`, blanks around it (and inside `Collection(...)`)
/// allowed.
fn signature_type(text: &str, start: usize, end: usize) -> Result<SignatureType<'_>, TargetError> {
    let (start, end) = trimmed(text, start, end);
    let collection = text[start..end].starts_with("Collection(") && text[..end].ends_with(')');
    if !collection {
        let name = check_name(text, start, end, "a parameter type")?;
        return Ok(SignatureType { name, collection });
    }
    let (from, to) = trimmed(text, start + "Collection(".len(), end - 1);
    let name = check_name(text, from, to, "a type name")?;
    Ok(SignatureType { name, collection })
}

/// The byte range `start..end` of `text` without the blanks around it.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let item = &text[start..end];
    let from = start + (item.len() - item.trim_start().len());
    (from, from + item.trim().len())
}

/// The name at bytes `start..end` of `text`, or an error if it is empty or holds a character
/// no name may hold.
fn check_name<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    what: &str,
) -> Result<&'t str, TargetError> {
    let name = &text[start..end];
    if name.is_empty() {
        return Err(error(text, start, &format!("expected {what}")));
    }
    let bad = name
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || "/(),".contains(c));
    match bad {
        Some((i, c)) => Err(error(
            text,
            start + i,
            &format!("unexpected {c:?} in {what}"),
        )),
        None => Ok(name),
    }
}

/// A [`TargetError`] at byte `at` of `text`.
fn error(text: &str, at: usize, message: &str) -> TargetError {
    let column = text.get(..at).map_or(0, |t| t.chars().count()) + 1;
    TargetError {
        column,
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests;
