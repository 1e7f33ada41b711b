//! The one OData literal encoder: how a Rust value is written inside a `$filter` expression.
//!
//! | Edm type | Rust type | literal |
//! | --- | --- | --- |
//! | `String` | `String` | `'O''Brien'` (single-quoted, quotes doubled) |
//! | `Boolean` | `bool` | `true`, `false` |
//! | `Byte` … `Int64` | `u8`, `i8`, `i16`, `i32`, `i64` | `42`, `-7` |
//! | `Double` / `Single` | `f64` / `f32` | `1.5`, `1e300`, `INF`, `-INF`, `NaN` |
//! | `Decimal` | [`edm::Decimal`] | its exact text, `1.50` |
//! | `Guid` | [`edm::Guid`] | unquoted, `9e864769-63e3-4635-8069-551bcd46183d` |
//! | `Date` / `TimeOfDay` / `DateTimeOffset` | [`edm::Date`], … | unquoted, `2024-01-31T08:00:00Z` |
//! | `Duration` | [`edm::Duration`] | `duration'P1D'` |
//! | `Binary` | [`edm::Binary`] | `binary'AQID'` (base64url) |
//! | enum types | generated enums | the member name quoted, `'high'` (Graph's form) |
//! | flags enums | [`Flags`] | the member names quoted, `'a,b'` |
//!
//! The text is raw OData; the request encodes it for the query string (`%27` for `'`, `%2B`
//! for the `+` of an offset, ...).

use std::fmt::Write as _;

use pim_alerts_models::Flags;
use pim_alerts_models::support::StringEnum;
use pim_alerts_models::support::edm;

/// A value with an OData literal form (see the module docs for each type's form).
pub trait Literal {
    /// Appends the literal to `out`.
    fn write_literal(&self, out: &mut String);

    /// The literal as a new string.
    fn to_literal(&self) -> String {
        let mut out = String::new();
        self.write_literal(&mut out);
        out
    }
}

/// Values `gt`, `ge`, `lt` and `le` apply to: numbers, dates, times and durations.
pub trait Ordered: Literal {}

/// Appends `text` single-quoted with every `'` doubled: the literal can never end early.
pub fn write_quoted(text: &str, out: &mut String) {
    out.reserve(text.len() + 2);
    out.push('\'');
    for (i, part) in text.split('\'').enumerate() {
        if i > 0 {
            out.push_str("''");
        }
        out.push_str(part);
    }
    out.push('\'');
}

/// Appends the member name of an enum value, quoted (`'high'`).
pub fn write_enum<E: StringEnum>(value: &E, out: &mut String) {
    write_quoted(value.name(), out);
}

impl Literal for String {
    fn write_literal(&self, out: &mut String) {
        write_quoted(self, out);
    }
}

impl Literal for bool {
    fn write_literal(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// Integers: decimal digits with an optional `-`.
macro_rules! integer_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn write_literal(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
        impl Ordered for $ty {}
    )*};
}
integer_literal!(u8, i8, i16, i32, i64);

/// Floats: shortest round-trip digits (`1.5`, `1e300`), `INF`, `-INF`, `NaN`.
macro_rules! float_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn write_literal(&self, out: &mut String) {
                match self {
                    v if v.is_nan() => out.push_str("NaN"),
                    v if v.is_infinite() => out.push_str(if *v > 0.0 { "INF" } else { "-INF" }),
                    v => {
                        let _ = write!(out, "{v:?}");
                    }
                }
            }
        }
        impl Ordered for $ty {}
    )*};
}
float_literal!(f32, f64);

/// Types whose `Display` is already the unquoted literal.
macro_rules! display_literal {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn write_literal(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
display_literal!(
    edm::Decimal,
    edm::Guid,
    edm::Date,
    edm::TimeOfDay,
    edm::DateTimeOffset
);
impl Ordered for edm::Decimal {}
impl Ordered for edm::Date {}
impl Ordered for edm::TimeOfDay {}
impl Ordered for edm::DateTimeOffset {}

impl Literal for edm::Duration {
    fn write_literal(&self, out: &mut String) {
        out.push_str("duration");
        write_quoted(self.as_str(), out);
    }
}
impl Ordered for edm::Duration {}

impl Literal for edm::Binary {
    fn write_literal(&self, out: &mut String) {
        out.push_str("binary");
        write_quoted(&self.to_string(), out);
    }
}

impl<E: StringEnum> Literal for Flags<E> {
    fn write_literal(&self, out: &mut String) {
        write_quoted(&self.to_string(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a quoted literal back the way an OData parser does: `None` when the quote closes
    /// before the end of the text (the literal escaped).
    fn unquote(literal: &str) -> Option<String> {
        let inner = literal.strip_prefix('\'')?.strip_suffix('\'')?;
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                // Inside the literal a quote only stands for itself when doubled.
                if chars.next() != Some('\'') {
                    return None;
                }
            }
            out.push(c);
        }
        Some(out)
    }

    #[test]
    fn strings_are_quoted_with_quotes_doubled() {
        assert_eq!("O'Brien".to_owned().to_literal(), "'O''Brien'");
        assert_eq!(String::new().to_literal(), "''");
        assert_eq!("'".to_owned().to_literal(), "''''");
        assert_eq!(
            "it's a 'test'".to_owned().to_literal(),
            "'it''s a ''test'''"
        );
    }

    #[test]
    fn no_string_escapes_its_literal() {
        // Every string over a small alphabet of troublesome characters, up to length 5, plus
        // classic injection attempts: each reads back to itself and never closes early.
        let alphabet = ['\'', 'a', ' ', ')', '/', '%', 'é', '"'];
        let mut cases = vec![
            "x' or 1 eq 1 or 'a' eq 'a".to_owned(),
            "') or (true".to_owned(),
            "'' ''' ''''".to_owned(),
            "%27%27".to_owned(),
        ];
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            frontier = (frontier.iter())
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            cases.extend(frontier.iter().cloned());
        }
        assert!(cases.len() > 30_000);
        for case in cases {
            let literal = case.to_literal();
            assert_eq!(
                unquote(&literal).as_deref(),
                Some(case.as_str()),
                "{literal}"
            );
        }
    }

    #[test]
    fn numbers_and_booleans() {
        assert_eq!(true.to_literal(), "true");
        assert_eq!(false.to_literal(), "false");
        assert_eq!(0i32.to_literal(), "0");
        assert_eq!((-7i16).to_literal(), "-7");
        assert_eq!(255u8.to_literal(), "255");
        assert_eq!(i64::MAX.to_literal(), "9223372036854775807");
        assert_eq!(i64::MIN.to_literal(), "-9223372036854775808");
        assert_eq!(1.5f64.to_literal(), "1.5");
        assert_eq!(2.0f64.to_literal(), "2.0");
        assert_eq!(1e300f64.to_literal(), "1e300");
        assert_eq!(f64::INFINITY.to_literal(), "INF");
        assert_eq!(f32::NEG_INFINITY.to_literal(), "-INF");
        assert_eq!(f64::NAN.to_literal(), "NaN");
        let decimal: edm::Decimal = "1.50".parse().expect("decimal");
        assert_eq!(decimal.to_literal(), "1.50");
    }

    #[test]
    fn dates_guids_durations_unquoted_or_prefixed() {
        let dto: edm::DateTimeOffset = "2024-01-31T08:00:00.5+01:00".parse().expect("dto");
        assert_eq!(dto.to_literal(), "2024-01-31T08:00:00.5+01:00");
        let zulu: edm::DateTimeOffset = "2023-09-20T17:06:01.363Z".parse().expect("dto");
        assert_eq!(zulu.to_literal(), "2023-09-20T17:06:01.363Z");
        let date: edm::Date = "2024-02-29".parse().expect("date");
        assert_eq!(date.to_literal(), "2024-02-29");
        let tod: edm::TimeOfDay = "08:30:00".parse().expect("time");
        assert_eq!(tod.to_literal(), "08:30:00");
        let guid: edm::Guid = "9E864769-63E3-4635-8069-551BCD46183D"
            .parse()
            .expect("guid");
        assert_eq!(guid.to_literal(), "9e864769-63e3-4635-8069-551bcd46183d");
        let duration = edm::Duration::parse("P1D").expect("duration");
        assert_eq!(duration.to_literal(), "duration'P1D'");
        let binary = edm::Binary(vec![1, 2, 3, 250]);
        assert_eq!(binary.to_literal(), "binary'AQID-g=='");
    }

    #[test]
    fn enum_members_are_quoted_names() {
        let high = pim_alerts_models::AlertSeverity::from_name("high");
        let mut out = String::new();
        write_enum(&high, &mut out);
        assert_eq!(out, "'high'");
        // An unknown member kept in the catch-all is still one literal.
        let odd = pim_alerts_models::AlertSeverity::from_name("it's");
        out.clear();
        write_enum(&odd, &mut out);
        assert_eq!(out, "'it''s'");
    }
}
