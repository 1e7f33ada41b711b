//! The property names a `$filter` text refers to on the listed item itself, for the local
//! check of a required filter ([`Clauses::mentions`](super::Clauses::mentions)).
//!
//! A name counts where it is a property of the listed item:
//!
//! * at the start of a member path: `scopeId eq '/'`, `scopeId in ('/')`,
//!   `startswith(scopeId,'/')`;
//! * after type casts or `$it` only: `microsoft.graph.unifiedRoleManagementAlert/scopeId`,
//!   `$it/scopeId` (the listed item, inside a lambda).
//!
//! It does not count
//!
//! * as a later segment of a path: `alertDefinition/scopeId` is the definition's property;
//! * after a lambda variable, in that lambda: `x/scopeId` in `any(x: x/scopeId eq '/')` is a
//!   property of a collection's member;
//! * as a function name (followed by `(`) or a lambda variable's declaration (followed by `:`);
//! * inside a string literal (`'...'`, where `''` is a quote), or as part of a number, date or
//!   GUID.
//!
//! Names are read as the service reads them: `[A-Za-z_$][A-Za-z0-9_.]*`, so a qualified name
//! (`microsoft.graph.alert`, a type cast) is one name. The text is not validated: what is not
//! OData is skipped, and the service has the last word.

use std::iter::Peekable;

/// One token of a filter text, as far as the names need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// An identifier, a qualified name (`microsoft.graph.alert`) or `$it`.
    Name(&'a str),
    /// `/`, between the segments of a path.
    Slash,
    /// `:`, after a lambda variable.
    Colon,
    /// `(`.
    Open,
    /// `)`.
    Close,
    /// Anything else: a string literal, a number, a comma, an operator sign.
    Other,
}

/// The tokens of `text`; whitespace is skipped.
fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let is_name_char = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.';
    std::iter::from_fn(move || {
        while let Some(&b) = bytes.get(at) {
            let start = at;
            at += 1;
            let token = match b {
                b'\'' => {
                    // A literal ends at a quote not followed by another one.
                    while let Some(&c) = bytes.get(at) {
                        at += 1;
                        if c == b'\'' && bytes.get(at) != Some(&b'\'') {
                            break;
                        }
                        at += usize::from(c == b'\'');
                    }
                    Token::Other
                }
                b'/' => Token::Slash,
                b':' => Token::Colon,
                b'(' => Token::Open,
                b')' => Token::Close,
                b if b.is_ascii_whitespace() => continue,
                b if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {
                    while bytes.get(at).is_some_and(is_name_char) {
                        at += 1;
                    }
                    Token::Name(text.get(start..at)?)
                }
                b if b.is_ascii_digit() => {
                    // A number, or the digits of a date or GUID: never a name.
                    while bytes.get(at).is_some_and(is_name_char) {
                        at += 1;
                    }
                    Token::Other
                }
                _ => Token::Other,
            };
            return Some(token);
        }
        None
    })
}

/// The names of `text` that are properties of the listed item where they name a property (see
/// the module docs); keywords such as `eq` and `and` come too, but no property has their name.
pub(super) fn item_properties(text: &str) -> impl Iterator<Item = &str> {
    ItemProperties {
        tokens: tokens(text).peekable(),
        prev: Token::Other,
        depth: 0,
        at_item: false,
        lambdas: Vec::new(),
    }
}

struct ItemProperties<'a, I: Iterator<Item = Token<'a>>> {
    tokens: Peekable<I>,
    /// The token before the current one.
    prev: Token<'a>,
    /// How many parentheses are open.
    depth: usize,
    /// Whether the path read so far is only type casts and `$it`, so that a segment after the
    /// next `/` is a property of the listed item.
    at_item: bool,
    /// The lambda variables in scope, each with the depth of its lambda's parentheses.
    lambdas: Vec<(&'a str, usize)>,
}

impl<'a, I: Iterator<Item = Token<'a>>> Iterator for ItemProperties<'a, I> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while let Some(token) = self.tokens.next() {
            let prev = std::mem::replace(&mut self.prev, token);
            let found = match token {
                Token::Name(name) => self.name(name, prev),
                Token::Open => {
                    self.depth += 1;
                    None
                }
                Token::Close => {
                    self.depth = self.depth.saturating_sub(1);
                    let depth = self.depth;
                    self.lambdas.retain(|&(_, d)| d <= depth);
                    None
                }
                Token::Slash => {
                    self.at_item &= matches!(prev, Token::Name(_));
                    None
                }
                Token::Colon | Token::Other => {
                    self.at_item = false;
                    None
                }
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

impl<'a, I: Iterator<Item = Token<'a>>> ItemProperties<'a, I> {
    /// Reads the name after `prev`; returns it when it is a property of the listed item.
    fn name(&mut self, name: &'a str, prev: Token<'a>) -> Option<&'a str> {
        // A path's first segment, or one after casts and `$it` only, is on the listed item.
        let on_item = prev != Token::Slash || self.at_item;
        let is_lambda_var = prev != Token::Slash
            && (self.lambdas.iter()).any(|(var, _)| var.eq_ignore_ascii_case(name));
        match self.tokens.peek() {
            Some(Token::Colon) => {
                self.lambdas.push((name, self.depth));
                self.at_item = false;
                None
            }
            Some(Token::Open) => {
                self.at_item = false;
                None
            }
            _ if is_lambda_var => {
                self.at_item = false;
                None
            }
            _ if name.contains('.') || name.eq_ignore_ascii_case("$it") => {
                self.at_item = on_item;
                None
            }
            _ => {
                self.at_item = false;
                on_item.then_some(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(text: &str) -> Vec<&str> {
        item_properties(text).collect()
    }

    #[test]
    fn literals_numbers_dates_and_guids_are_skipped() {
        assert_eq!(
            props("scopeId eq '/' and scopeType eq 'Directory''Role scopeId'"),
            ["scopeId", "eq", "and", "scopeType", "eq"]
        );
        assert_eq!(
            props("lastScannedDateTime gt 2024-01-01T00:00:00.5Z"),
            ["lastScannedDateTime", "gt"]
        );
        assert_eq!(
            props("id eq 3b0e753b-0000-4e1d-8e0a-1c3b5b2b6c7d"),
            ["id", "eq"]
        );
        assert_eq!(props("'unterminated scopeId"), Vec::<&str>::new());
        assert_eq!(props(""), Vec::<&str>::new());
    }

    #[test]
    fn later_segments_of_a_path_are_not_properties_of_the_item() {
        assert_eq!(
            props("alertDefinition/scopeId eq '/' and alertDefinition/scopeType eq 'x'"),
            ["alertDefinition", "eq", "and", "alertDefinition", "eq"]
        );
        assert_eq!(
            props("alertDefinition/microsoft.graph.x/scopeId eq '/'"),
            ["alertDefinition", "eq"]
        );
    }

    #[test]
    fn casts_and_it_lead_to_the_item() {
        assert_eq!(
            props("microsoft.graph.unifiedRoleManagementAlert/scopeId eq '/'"),
            ["scopeId", "eq"]
        );
        assert_eq!(props("$it/scopeId eq '/'"), ["scopeId", "eq"]);
        assert_eq!(props("$IT/a/scopeId eq 1"), ["a", "eq"]);
    }

    #[test]
    fn functions_and_lambda_variables_are_not_properties() {
        assert_eq!(props("startswith(scopeId,'/')"), ["scopeId"]);
        assert_eq!(
            props("alertIncidents/any(x: x/scopeId eq '/') and scopeType eq 'r'"),
            ["alertIncidents", "eq", "and", "scopeType", "eq"]
        );
        // The variable is in scope only inside its lambda.
        assert_eq!(
            props("alertIncidents/any(scopeId: scopeId/id eq 1) or scopeId eq '/'"),
            ["alertIncidents", "eq", "or", "scopeId", "eq"]
        );
        assert_eq!(
            props("alertIncidents/any(x: $it/scopeId eq x/id)"),
            ["alertIncidents", "scopeId", "eq"]
        );
    }
}
