//! `Edm.Date`, `Edm.TimeOfDay` and `Edm.DateTimeOffset`, re-encoding the exact text they
//! decoded (fraction digit count, `Z` versus `+00:00`) without allocating.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use super::ParseError;
use crate::support::json_value::IntoJson;

/// Parses an unsigned decimal number made of exactly `b.len()` ASCII digits.
fn num(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Parses `YYYY-MM-DD`.
fn parse_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(num(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, num(&b[5..7])?, num(&b[8..10])?)
}

/// Parses `HH:MM[:SS[.f{1,9}]]`; returns the time, whether seconds were present and the
/// number of fraction digits.
fn parse_time(b: &[u8], seconds_required: bool) -> Option<(NaiveTime, bool, u8)> {
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let (hour, minute) = (num(&b[..2])?, num(&b[3..5])?);
    if b.len() == 5 {
        if seconds_required {
            return None;
        }
        return NaiveTime::from_hms_opt(hour, minute, 0).map(|t| (t, false, 0));
    }
    if b.len() < 8 || b[5] != b':' {
        return None;
    }
    let second = num(&b[6..8])?;
    let (nanos, digits) = match &b[8..] {
        [] => (0, 0),
        [b'.', frac @ ..] if (1..=9).contains(&frac.len()) => (
            num(frac)? * 10u32.pow(9 - frac.len() as u32),
            frac.len() as u8,
        ),
        _ => return None,
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos).map(|t| (t, true, digits))
}

/// Writes `.fff` with `digits` digits of `nanos` (nothing for 0 digits).
fn write_fraction(f: &mut fmt::Formatter<'_>, nanos: u32, digits: u8) -> fmt::Result {
    if digits == 0 {
        return Ok(());
    }
    let scaled = nanos / 10u32.pow(9 - u32::from(digits.min(9)));
    write!(f, ".{scaled:0width$}", width = usize::from(digits))
}

/// Fraction digits needed to write `nanos` exactly.
fn needed_digits(nanos: u32) -> u8 {
    if nanos == 0 {
        return 0;
    }
    let mut digits = 9;
    let mut n = nanos;
    while n.is_multiple_of(10) {
        n /= 10;
        digits -= 1;
    }
    digits
}

/// Implements `Serialize` and `IntoJson` (both via `Display`), `Deserialize` and `FromStr` (via
/// the byte parser).
///
/// `Deserialize` asks for the string's raw bytes: the parsers accept ASCII only, so serde_json's
/// UTF-8 validation of the text would be wasted work.
macro_rules! text_serde {
    ($ty:ident, $edm:literal, $parse:expr) => {
        impl FromStr for $ty {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                let parse: fn(&[u8]) -> Option<$ty> = $parse;
                parse(s.as_bytes()).ok_or(ParseError::new($edm))
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        impl IntoJson for $ty {
            fn into_json(self) -> serde_json::Value {
                serde_json::Value::String(self.to_string())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct TextVisitor;
                impl Visitor<'_> for TextVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("an ", $edm, " string"))
                    }
                    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<$ty, E> {
                        let parse: fn(&[u8]) -> Option<$ty> = $parse;
                        parse(v).ok_or_else(|| {
                            let text = String::from_utf8_lossy(v);
                            E::custom(format_args!("invalid {} `{text}`", $edm))
                        })
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        self.visit_bytes(v.as_bytes())
                    }
                }
                deserializer.deserialize_bytes(TextVisitor)
            }
        }
    };
}

/// `Edm.Date` (`YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }
}

text_serde!(Date, "Edm.Date", |b| parse_date(b).map(Date));

/// `Edm.TimeOfDay` (`HH:MM[:SS[.fffffff]]`), remembering its written precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    time: NaiveTime,
    seconds: bool,
    digits: u8,
}

impl TimeOfDay {
    /// Wraps `time`, written with seconds and the fraction digits it needs.
    pub fn new(time: NaiveTime) -> Self {
        TimeOfDay {
            time,
            seconds: true,
            digits: needed_digits(time.nanosecond() % 1_000_000_000),
        }
    }

    /// The time.
    pub fn time(&self) -> NaiveTime {
        self.time
    }

    /// Number of fraction digits written.
    pub fn fraction_digits(&self) -> u8 {
        self.digits
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.time;
        write!(f, "{:02}:{:02}", t.hour(), t.minute())?;
        if self.seconds {
            write!(f, ":{:02}", t.second())?;
            write_fraction(f, t.nanosecond(), self.digits)?;
        }
        Ok(())
    }
}

text_serde!(TimeOfDay, "Edm.TimeOfDay", |b| {
    parse_time(b, false).map(|(time, seconds, digits)| TimeOfDay {
        time,
        seconds,
        digits,
    })
});

/// How a [`DateTimeOffset`] wrote its offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum OffsetForm {
    /// `Z`.
    Zulu,
    /// `+hh:mm` / `-hh:mm`.
    Numeric,
    /// `-00:00`.
    NegativeZero,
}

/// `Edm.DateTimeOffset` (`YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±hh:mm)`), remembering its text form
/// (fraction digit count, `Z` or numeric offset) so that it re-encodes identically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeOffset {
    value: DateTime<FixedOffset>,
    digits: u8,
    offset: OffsetForm,
}

impl DateTimeOffset {
    /// Wraps `value`: written with the fraction digits it needs, and `Z` for a zero offset.
    pub fn new(value: DateTime<FixedOffset>) -> Self {
        let offset = if value.offset().local_minus_utc() == 0 {
            OffsetForm::Zulu
        } else {
            OffsetForm::Numeric
        };
        DateTimeOffset {
            value,
            digits: needed_digits(value.nanosecond() % 1_000_000_000),
            offset,
        }
    }

    /// The instant with its offset.
    pub fn get(&self) -> DateTime<FixedOffset> {
        self.value
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.value.with_timezone(&Utc)
    }

    /// Number of fraction digits written.
    pub fn fraction_digits(&self) -> u8 {
        self.digits
    }

    /// Whether the offset is written `Z`.
    pub fn is_zulu(&self) -> bool {
        self.offset == OffsetForm::Zulu
    }

    fn parse(b: &[u8]) -> Option<Self> {
        if b.len() < 20 || b[10] != b'T' {
            return None;
        }
        let date = parse_date(&b[..10])?;
        let (tz_at, offset) = match b.last()? {
            b'Z' => (b.len() - 1, OffsetForm::Zulu),
            _ if b.len() >= 25 => (b.len() - 6, OffsetForm::Numeric),
            _ => return None,
        };
        let (time, _, digits) = parse_time(&b[11..tz_at], true)?;
        let (seconds, offset) = match offset {
            OffsetForm::Zulu => (0, offset),
            _ => {
                let tz = &b[tz_at..];
                if tz[3] != b':' {
                    return None;
                }
                let secs = i32::try_from(num(&tz[1..3])? * 3600 + num(&tz[4..6])? * 60).ok()?;
                match (tz[0], secs) {
                    (b'+', _) => (secs, offset),
                    (b'-', 0) => (0, OffsetForm::NegativeZero),
                    (b'-', _) => (-secs, offset),
                    _ => return None,
                }
            }
        };
        let value = FixedOffset::east_opt(seconds)?
            .from_local_datetime(&date.and_time(time))
            .single()?;
        Some(DateTimeOffset {
            value,
            digits,
            offset,
        })
    }
}

impl From<DateTime<FixedOffset>> for DateTimeOffset {
    fn from(value: DateTime<FixedOffset>) -> Self {
        DateTimeOffset::new(value)
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(value: DateTime<Utc>) -> Self {
        DateTimeOffset::new(value.fixed_offset())
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.value.naive_local();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            local.year(),
            local.month(),
            local.day(),
            local.hour(),
            local.minute(),
            local.second()
        )?;
        write_fraction(f, local.nanosecond(), self.digits)?;
        let secs = self.value.offset().local_minus_utc();
        match self.offset {
            OffsetForm::Zulu if secs == 0 => f.write_str("Z"),
            OffsetForm::NegativeZero if secs == 0 => f.write_str("-00:00"),
            _ => {
                let sign = if secs < 0 { '-' } else { '+' };
                let secs = secs.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60)
            }
        }
    }
}

text_serde!(DateTimeOffset, "Edm.DateTimeOffset", DateTimeOffset::parse);
