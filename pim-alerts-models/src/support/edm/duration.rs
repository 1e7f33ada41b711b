//! `Edm.Duration`: an ISO 8601 duration (`P30D`, `PT10S`, `-P1DT2H`, `PT0.5S`, `P1Y2M`),
//! validated on decode and kept as the exact text received.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::support::json_value::IntoJson;

/// Why a [`Duration`] could not be parsed or converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DurationError {
    /// Not an ISO 8601 duration.
    Invalid,
    /// Has years or months, whose length depends on the calendar.
    CalendarUnits,
    /// Negative (and not zero).
    Negative,
    /// Does not fit a `std::time::Duration`.
    Overflow,
    /// Has a non-zero fraction finer than a nanosecond.
    Inexact,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DurationError::Invalid => "invalid ISO 8601 duration",
            DurationError::CalendarUnits => "duration has years or months",
            DurationError::Negative => "duration is negative",
            DurationError::Overflow => "duration is too large",
            DurationError::Inexact => "duration is finer than a nanosecond",
        })
    }
}

impl std::error::Error for DurationError {}

/// The components of a parsed duration.
#[derive(Debug, Default)]
struct Parts {
    negative: bool,
    /// Years, months, weeks, days, hours, minutes, whole seconds.
    units: [u64; 7],
    nanos: u32,
    sub_nano: bool,
    /// A component does not fit a `u64`.
    overflow: bool,
}

/// Parses `[-]P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]` (at least one component).
fn parse(text: &str) -> Result<Parts, DurationError> {
    let mut parts = Parts::default();
    let rest = match text.strip_prefix('-') {
        Some(rest) => {
            parts.negative = true;
            rest
        }
        None => text,
    };
    let mut b = rest
        .strip_prefix('P')
        .ok_or(DurationError::Invalid)?
        .as_bytes();
    let (mut in_time, mut next_rank, mut any, mut any_time) = (false, 0, false, false);
    while let Some(&first) = b.first() {
        if first == b'T' {
            if in_time {
                return Err(DurationError::Invalid);
            }
            (in_time, b) = (true, &b[1..]);
            continue;
        }
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let (int, rest) = b.split_at(int_len);
        let (frac, rest) = match rest {
            [b'.', tail @ ..] => {
                let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
                (Some(&tail[..n]), &tail[n..])
            }
            _ => (None, rest),
        };
        let (&unit, rest) = rest.split_first().ok_or(DurationError::Invalid)?;
        let rank = match (in_time, unit) {
            (false, b'Y') => 0,
            (false, b'M') => 1,
            (false, b'W') => 2,
            (false, b'D') => 3,
            (true, b'H') => 4,
            (true, b'M') => 5,
            (true, b'S') => 6,
            _ => return Err(DurationError::Invalid),
        };
        if int.is_empty() || rank < next_rank || frac.is_some_and(|f| f.is_empty() || rank != 6) {
            return Err(DurationError::Invalid);
        }
        let value = int.iter().try_fold(0u64, |acc, &c| {
            acc.checked_mul(10)?.checked_add(u64::from(c - b'0'))
        });
        parts.overflow |= value.is_none();
        parts.units[rank] = value.unwrap_or(u64::MAX);
        if let Some(frac) = frac {
            let (nanos, finer) = frac.split_at(frac.len().min(9));
            let scale = 10u32.pow(9 - nanos.len() as u32);
            parts.nanos = nanos
                .iter()
                .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
                * scale;
            parts.sub_nano = finer.iter().any(|&c| c != b'0');
        }
        (next_rank, any, b) = (rank + 1, true, rest);
        any_time |= in_time;
    }
    if !any || (in_time && !any_time) {
        return Err(DurationError::Invalid);
    }
    Ok(parts)
}

/// `Edm.Duration`: a validated ISO 8601 duration keeping its exact text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration(Box<str>);

impl Duration {
    /// Validates and wraps `text`.
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        parse(text)?;
        Ok(Duration(text.into()))
    }

    /// The text, e.g. `"P30D"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the duration is written with a leading `-`.
    pub fn is_negative(&self) -> bool {
        self.0.starts_with('-')
    }

    /// Converts to a `std::time::Duration` when exact: weeks, days, hours, minutes and
    /// seconds; not years or months, not negative values, not below a nanosecond.
    pub fn to_std(&self) -> Result<std::time::Duration, DurationError> {
        let p = parse(&self.0)?;
        let [years, months, weeks, days, hours, minutes, seconds] = p.units;
        if years != 0 || months != 0 {
            return Err(DurationError::CalendarUnits);
        }
        if p.sub_nano {
            return Err(DurationError::Inexact);
        }
        if p.overflow {
            return Err(DurationError::Overflow);
        }
        let secs = [
            (weeks, 604_800),
            (days, 86_400),
            (hours, 3_600),
            (minutes, 60),
            (seconds, 1),
        ]
        .iter()
        .try_fold(0u64, |acc, &(n, unit)| {
            acc.checked_add(n.checked_mul(unit)?)
        })
        .ok_or(DurationError::Overflow)?;
        if p.negative && (secs != 0 || p.nanos != 0) {
            return Err(DurationError::Negative);
        }
        Ok(std::time::Duration::new(secs, p.nanos))
    }

    /// Writes `d` as `P[nD][T[nH][nM][n[.f]S]]` (`PT0S` for zero).
    pub fn from_std(d: std::time::Duration) -> Self {
        let secs = d.as_secs();
        let (days, hours, minutes, seconds) =
            (secs / 86_400, secs / 3_600 % 24, secs / 60 % 60, secs % 60);
        let nanos = d.subsec_nanos();
        let mut text = String::from("P");
        if days > 0 {
            text += &format!("{days}D");
        }
        if hours > 0 || minutes > 0 || seconds > 0 || nanos > 0 || days == 0 {
            text.push('T');
            if hours > 0 {
                text += &format!("{hours}H");
            }
            if minutes > 0 {
                text += &format!("{minutes}M");
            }
            if seconds > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
                text += &seconds.to_string();
                if nanos > 0 {
                    let frac = format!("{nanos:09}");
                    text.push('.');
                    text += frac.trim_end_matches('0');
                }
                text.push('S');
            }
        }
        Duration(text.into())
    }
}

impl FromStr for Duration {
    type Err = DurationError;
    fn from_str(s: &str) -> Result<Self, DurationError> {
        Duration::parse(s)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// The text `Serialize` writes.
impl IntoJson for Duration {
    fn into_json(self) -> serde_json::Value {
        serde_json::Value::String(self.0.into())
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DurationVisitor;
        impl Visitor<'_> for DurationVisitor {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 duration string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                Duration::parse(v).map_err(|e| E::custom(format_args!("{e} `{v}`")))
            }
        }
        deserializer.deserialize_str(DurationVisitor)
    }
}
