//! Edm primitive types: accepted forms, exact re-encoding, rejections, flags and string enums.

use std::time::Duration as StdDuration;

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike};
use pim_alerts_models::support::StringEnum;
use pim_alerts_models::support::edm::{
    Binary, Date, DateTimeOffset, Decimal, Double, Duration, DurationError, Int64, Single,
    TimeOfDay,
};
use pim_alerts_models::{Flags, from_str, to_string};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes the JSON `text` as `T` and checks it re-encodes to exactly `text`.
fn exact<T: DeserializeOwned + Serialize>(text: &str) -> T {
    let value: T = from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(to_string(&value).unwrap(), text);
    value
}

fn rejects<T: DeserializeOwned + std::fmt::Debug>(text: &str) {
    assert!(from_str::<T>(text).is_err(), "{text} was accepted");
}

#[test]
fn date_time_offset_keeps_its_text() {
    for text in [
        r#""0001-01-01T08:00:00Z""#,
        r#""2023-09-20T17:05:57.457Z""#,
        r#""2023-09-20T17:06:01.25Z""#,
        r#""2023-09-20T17:06:01.2500000Z""#,
        r#""2023-09-20T17:06:01.1234567+02:00""#,
        r#""2023-09-20T17:06:01.123456789-05:30""#,
        r#""2023-09-20T17:06:01+00:00""#,
        r#""2023-09-20T17:06:01-00:00""#,
        r#""9999-12-31T23:59:59.9999999Z""#,
        r#""0001-01-01T00:00:00+14:00""#,
    ] {
        exact::<DateTimeOffset>(text);
    }
    let v: DateTimeOffset = from_str(r#""2023-09-20T17:06:01.1234567+02:00""#).unwrap();
    assert_eq!(v.fraction_digits(), 7);
    assert!(!v.is_zulu());
    assert_eq!(v.get().nanosecond(), 123_456_700);
    assert_eq!(
        v.to_utc().to_rfc3339(),
        "2023-09-20T15:06:01.123456700+00:00"
    );
    let a: DateTimeOffset = from_str(r#""2023-09-20T17:06:01Z""#).unwrap();
    let b: DateTimeOffset = from_str(r#""2023-09-20T17:06:01.0Z""#).unwrap();
    assert_eq!(a.get(), b.get());
    assert_ne!(a, b, "text form is part of the value");
    for bad in [
        r#""2023-09-20T17:06:01""#,
        r#""2023-09-20 17:06:01Z""#,
        r#""2023-09-20T17:06Z""#,
        r#""2023-02-30T17:06:01Z""#,
        r#""2023-09-20T24:00:00Z""#,
        r#""2023-09-20T17:06:01.Z""#,
        r#""2023-09-20T17:06:01.1234567890Z""#,
        r#""2023-09-20T17:06:01+0200""#,
        r#""2023-09-20T17:06:01+02:0x""#,
        r#""2023-09-20T17:06:01z""#,
        r#""+2023-09-20T17:06:01Z""#,
        r#""2023-09-20T17:06:01.５Z""#,
        "17",
    ] {
        rejects::<DateTimeOffset>(bad);
    }
    let built = DateTimeOffset::new(
        FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2024, 1, 2, 3, 4, 5)
            .unwrap(),
    );
    assert_eq!(built.to_string(), "2024-01-02T03:04:05+01:00");
}

#[test]
fn date_and_time_of_day() {
    let d = exact::<Date>(r#""2024-02-29""#);
    assert_eq!(d.0, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    exact::<Date>(r#""0001-01-01""#);
    for bad in [
        r#""2023-02-29""#,
        r#""2024-2-29""#,
        r#""20240229""#,
        r#""2024-02-29T00:00:00Z""#,
    ] {
        rejects::<Date>(bad);
    }
    for text in [
        r#""13:45""#,
        r#""13:45:00""#,
        r#""13:45:00.5""#,
        r#""13:45:00.5000000""#,
        r#""00:00:00.000000001""#,
    ] {
        exact::<TimeOfDay>(text);
    }
    let t: TimeOfDay = from_str(r#""13:45:00.5000000""#).unwrap();
    assert_eq!(t.fraction_digits(), 7);
    assert_eq!(
        t.time(),
        NaiveTime::from_hms_milli_opt(13, 45, 0, 500).unwrap()
    );
    assert_eq!(TimeOfDay::new(t.time()).to_string(), "13:45:00.5");
    for bad in [
        r#""24:00""#,
        r#""13:60""#,
        r#""1:45""#,
        r#""13:45:0""#,
        r#""13:45:00.""#,
    ] {
        rejects::<TimeOfDay>(bad);
    }
}

#[test]
fn duration_validates_and_converts() {
    for (text, std) in [
        ("P30D", Some(StdDuration::from_secs(30 * 86_400))),
        ("PT10S", Some(StdDuration::from_secs(10))),
        ("P1DT2H", Some(StdDuration::from_secs(86_400 + 7_200))),
        ("PT0.5S", Some(StdDuration::from_millis(500))),
        ("PT1H30M0.000000001S", Some(StdDuration::new(5_400, 1))),
        ("P2W", Some(StdDuration::from_secs(14 * 86_400))),
        ("-PT0S", Some(StdDuration::ZERO)),
        ("P1Y2M", None),
        ("-P1D", None),
        ("PT0.0000000001S", None),
        ("PT99999999999999999999S", None),
    ] {
        let json = format!("\"{text}\"");
        let d: Duration = from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(to_string(&d).unwrap(), json);
        assert_eq!(d.to_std().ok(), std, "{text}");
    }
    assert_eq!(
        Duration::parse("P1Y2M").unwrap().to_std(),
        Err(DurationError::CalendarUnits)
    );
    assert_eq!(
        Duration::parse("-P1D").unwrap().to_std(),
        Err(DurationError::Negative)
    );
    assert!(Duration::parse("-P1D").unwrap().is_negative());
    for bad in [
        "", "P", "PT", "P1DT", "1D", "P1H", "PT1D", "P1M1Y", "PT1.5M", "P1.5D", "PT1S2M", "P-1D",
        "PT.5S", "PT1.S", "P1DTT1H", "p1d",
    ] {
        assert_eq!(Duration::parse(bad), Err(DurationError::Invalid), "{bad:?}");
    }
    for (std, text) in [
        (StdDuration::ZERO, "PT0S"),
        (StdDuration::from_secs(86_400), "P1D"),
        (StdDuration::from_secs(90_061), "P1DT1H1M1S"),
        (StdDuration::from_millis(1_500), "PT1.5S"),
        (StdDuration::from_secs(3_600), "PT1H"),
    ] {
        let d = Duration::from_std(std);
        assert_eq!(d.as_str(), text);
        assert_eq!(d.to_std(), Ok(std));
    }
}

#[test]
fn numbers() {
    assert_eq!(exact::<Int64>("9223372036854775807").0, i64::MAX);
    assert_eq!(from_str::<Int64>(r#""-42""#).unwrap(), Int64(-42));
    rejects::<Int64>("9223372036854775808");
    rejects::<Int64>("1.5");
    rejects::<Int64>(r#""x""#);

    for text in [
        "1.10",
        "-0.000000000000000000000000001",
        "12345678901234567890.123456789",
        r#""1.10""#,
        "1e400",
        r#""-3.5E-7""#,
    ] {
        let d = exact::<Decimal>(text);
        assert_eq!(d.as_str(), text.trim_matches('"'));
        assert_eq!(d.is_quoted(), text.starts_with('"'));
    }
    for bad in [
        r#""1.""#, r#""abc""#, r#"".5""#, r#""1e""#, "true", r#""NaN""#,
    ] {
        rejects::<Decimal>(bad);
    }
    assert_eq!(Decimal::string("2.50").unwrap().to_string(), "2.50");

    exact::<Double>("1.5");
    exact::<Double>(r#""INF""#);
    exact::<Double>(r#""-INF""#);
    assert!(exact::<Double>(r#""NaN""#).0.is_nan());
    assert_eq!(from_str::<Double>("3").unwrap(), Double(3.0));
    assert_eq!(from_str::<Double>(r#""2.5""#).unwrap(), Double(2.5));
    rejects::<Double>(r#""Infinity""#);
    assert_eq!(exact::<Single>("0.1").0, 0.1f32);
    assert_eq!(exact::<Single>(r#""-INF""#).0, f32::NEG_INFINITY);
}

#[test]
fn binary_and_guid() {
    let b = exact::<Binary>(r#""-_8=""#);
    assert_eq!(b.0, vec![0xfb, 0xff]);
    for text in [r#""-_8""#, r#""+/8=""#, r#""+/8""#] {
        assert_eq!(from_str::<Binary>(text).unwrap(), b, "{text}");
    }
    assert_eq!(exact::<Binary>(r#""aGk=""#).0, b"hi");
    for bad in [r#""+_8=""#, r#""a""#, r#""a$==""#] {
        rejects::<Binary>(bad);
    }
    let guid = exact::<uuid::Uuid>(r#""60caa50f-7863-4f48-bf97-2a8fb990b681""#);
    assert_eq!(guid.get_version_num(), 4);
}

/// A tiny enum in the generated shape, for flags.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Email,
    Sms,
    Other(String),
}

impl StringEnum for Mode {
    fn from_name(name: &str) -> Self {
        match name {
            "email" => Self::Email,
            "sms" => Self::Sms,
            other => Self::Other(other.to_owned()),
        }
    }
    fn name(&self) -> &str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Other(name) => name,
        }
    }
}

#[test]
fn flags() {
    let f = exact::<Flags<Mode>>(r#""sms,email,voice""#);
    assert_eq!(
        f.0,
        vec![Mode::Sms, Mode::Email, Mode::Other("voice".into())]
    );
    assert!(f.contains(&Mode::Email));
    assert_eq!(
        from_str::<Flags<Mode>>(r#""email, sms,email""#).unwrap().0,
        vec![Mode::Email, Mode::Sms]
    );
    assert!(exact::<Flags<Mode>>(r#""""#).0.is_empty());
    let mut f = Flags::default();
    assert!(f.insert(Mode::Sms) && !f.insert(Mode::Sms));
    assert_eq!(to_string(&f).unwrap(), r#""sms""#);
}

#[test]
fn decimal_and_dates_decode_from_a_value_too() {
    use serde_json::json;
    let d: Decimal = serde_json::from_value(json!("1.50")).unwrap();
    assert_eq!((d.as_str(), d.is_quoted()), ("1.50", true));
    let d: Decimal = serde_json::from_value(json!(2.5)).unwrap();
    assert_eq!((d.as_str(), d.is_quoted()), ("2.5", false));
    let t: DateTimeOffset = serde_json::from_value(json!("2023-09-20T17:05:57.457Z")).unwrap();
    assert_eq!(
        serde_json::to_value(t).unwrap(),
        json!("2023-09-20T17:05:57.457Z")
    );
}
