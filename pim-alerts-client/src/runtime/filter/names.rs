//! The property names a `$filter` text refers to on the listed item itself, for the local
//! check of a required filter ([`Clauses::mentions`](super::Clauses::mentions)).
//!
//! A name counts (compared by the caller in any ASCII case) where it starts a member path:
//!
//! * at the start of a path: `scopeId eq '/'`, `scopeId in ('/')`, `startswith(scopeId,'/')`;
//! * after type casts or `$it` only: `microsoft.graph.unifiedRoleManagementAlert/scopeId`,
//!   `$it/scopeId` (the listed item, inside a lambda).
//!
//! It does not count as a later segment of a path: `alertDefinition/scopeId` is the
//! definition's property, and `x/scopeId` in `any(x: x/scopeId eq '/')` a property of a
//! collection's member (`x` is neither a cast nor `$it`). Nor inside a string literal (`'...'`,
//! where `''` is a quote, or OData 4.01's `"..."`, where `\"` is one), nor as part of a number,
//! date or GUID.
//!
//! Every other name comes too: keywords (`eq`, `and`), function names (`startswith`, `any`) and
//! lambda variables (`x` in `any(x: ...)`). No property of the listed items has a keyword's or
//! a function's name. A lambda variable or a function literally named like a required property
//! (`any(scopeId: scopeId/id eq 1)`) counts as that property: the check then accepts a filter
//! that does not constrain it, and the service has the last word. The check errs only that way,
//! towards sending.
//!
//! Names are read as the service reads them: `[A-Za-z_$][A-Za-z0-9_.]*`, so a qualified name
//! (`microsoft.graph.alert`, a type cast) is one name. The text is not validated: what is not
//! OData is skipped.

/// One token of a filter text, as far as the names need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// An identifier, a qualified name (`microsoft.graph.alert`) or `$it`.
    Name(&'a str),
    /// `/`, between the segments of a path.
    Slash,
    /// Anything else: a string literal, a number, a parenthesis, a comma, an operator sign.
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
                b'\'' | b'"' => {
                    at = literal_end(bytes, at, b);
                    Token::Other
                }
                b'/' => Token::Slash,
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

/// Where the string literal opened by `quote` just before `at` ends (after its closing quote,
/// or the end of the text): `''` is a quote in a `'...'` literal, `\"` in a `"..."` one.
fn literal_end(bytes: &[u8], mut at: usize, quote: u8) -> usize {
    while let Some(&c) = bytes.get(at) {
        at += 1;
        match c {
            b'\'' if quote == b'\'' && bytes.get(at) == Some(&b'\'') => at += 1,
            b'\\' if quote == b'"' => at += 1,
            c if c == quote => break,
            _ => {}
        }
    }
    at
}

/// The names of `text` that are properties of the listed item where they name a property (see
/// the module docs), with the other names of the text: keywords, functions, lambda variables.
pub(super) fn item_properties(text: &str) -> impl Iterator<Item = &str> {
    // Whether the last token was a `/`, and whether the path before it is only casts and `$it`
    // (so that the name after the `/` is still on the listed item).
    let (mut after_slash, mut on_item) = (false, false);
    tokens(text).filter_map(move |token| {
        let Token::Name(name) = token else {
            after_slash = token == Token::Slash;
            on_item &= after_slash;
            return None;
        };
        let starts_path = !after_slash || on_item;
        let leads_to_item = name.contains('.') || name.eq_ignore_ascii_case("$it");
        after_slash = false;
        on_item = starts_path && leads_to_item;
        (starts_path && !leads_to_item).then_some(name)
    })
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
        assert_eq!(
            props(r#"scopeType in ["scopeId", "a\"scopeId\\"] and x eq 1"#),
            ["scopeType", "in", "and", "x", "eq"]
        );
        assert_eq!(props("'unterminated scopeId"), Vec::<&str>::new());
        assert_eq!(props("\"unterminated scopeId"), Vec::<&str>::new());
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
    fn in_a_lambda_only_paths_from_it_reach_the_item() {
        assert_eq!(props("startswith(scopeId,'/')"), ["startswith", "scopeId"]);
        assert_eq!(
            props("alertIncidents/any(x: x/scopeId eq '/')"),
            ["alertIncidents", "x", "x", "eq"]
        );
        assert_eq!(
            props("alertIncidents/any(x: $it/scopeId eq x/id)"),
            ["alertIncidents", "x", "scopeId", "eq", "x"]
        );
        // The documented limit: a lambda variable named like a property counts as one.
        assert!(props("alertIncidents/any(scopeId: scopeId/id eq 1)").contains(&"scopeId"));
    }
}
