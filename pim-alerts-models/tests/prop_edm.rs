//! Property tests of the Edm primitive types' text and JSON forms: whatever the value, it
//! encodes to text that parses back to the same value (and the same text), and the JSON
//! encoding decodes back equal. `Double`/`Single` include `INF`, `-INF` and `NaN`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use pim_alerts_models::support::edm::{
    Binary, Date, DateTimeOffset, Decimal, Double, Duration, Int64, Single, TimeOfDay,
};
use pim_alerts_models::{from_str, to_string};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any `DateTime<FixedOffset>` in years 0000-9999 with nanoseconds and offsets up to ±23:59.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    let date = (0i32..=9999, 1u32..=12, 1u32..=31);
    let time = (0u32..=23, 0u32..=59, 0u32..=59, 0u32..1_000_000_000);
    let offset = -(23 * 3600 + 59 * 60)..=(23 * 3600 + 59 * 60);
    (date, time, offset).prop_filter_map("a valid instant", |((y, mo, d), (h, mi, s, n), z)| {
        let local = NaiveDateTime::new(
            NaiveDate::from_ymd_opt(y, mo, d)?,
            NaiveTime::from_hms_nano_opt(h, mi, s, n)?,
        );
        // Whole minutes: the text form has no seconds in the offset.
        let offset = FixedOffset::east_opt(z / 60 * 60)?;
        local.and_local_timezone(offset).single()
    })
}

/// Decimal text as OData writes it: `-?digits(.digits)?([eE][+-]?digits)?`.
fn decimal_text() -> impl Strategy<Value = String> {
    "-?[0-9]{1,30}(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?"
}

/// Decimal text that is also a JSON number (no leading zeros).
fn decimal_number_text() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,29})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?"
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn date_time_offset_text_round_trips(value in instant()) {
        let dto = DateTimeOffset::new(value);
        let text = dto.to_string();
        let parsed: DateTimeOffset = text.parse().map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(parsed, dto);
        prop_assert_eq!(parsed.get(), value);
        prop_assert_eq!(parsed.to_string(), text.clone());
        let json = to_string(&dto).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_str::<DateTimeOffset>(&json).ok(), Some(dto), "{}", json);
    }

    #[test]
    fn date_and_time_of_day_text_round_trip(value in instant()) {
        let date = Date(value.date_naive());
        prop_assert_eq!(date.to_string().parse::<Date>().ok(), Some(date));
        let time = TimeOfDay::new(value.time());
        prop_assert_eq!(time.to_string().parse::<TimeOfDay>().ok(), Some(time));
    }

    #[test]
    fn duration_from_std_round_trips(secs in any::<u64>(), nanos in 0u32..1_000_000_000) {
        let std = std::time::Duration::new(secs, nanos);
        let duration = Duration::from_std(std);
        prop_assert_eq!(duration.to_std(), Ok(std), "{}", duration);
        let reparsed: Duration = duration.as_str().parse().map_err(|e| TestCaseError::fail(format!("{duration}: {e}")))?;
        prop_assert_eq!(&reparsed, &duration);
        let json = to_string(&duration).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_str::<Duration>(&json).ok(), Some(duration));
    }

    #[test]
    fn duration_text_is_kept_exactly(text in "-?P([0-9]{1,25}Y)?([0-9]{1,5}M)?([0-9]{1,5}W)?([0-9]{1,5}D)?(T([0-9]{1,5}H)?([0-9]{1,5}M)?([0-9]{1,5}(\\.[0-9]{1,15})?S)?)?") {
        // The regex also makes texts without any component (`P`, `PT`), which must fail.
        match text.parse::<Duration>() {
            Ok(duration) => prop_assert_eq!(duration.as_str(), text.as_str()),
            Err(_) => prop_assert!(text.ends_with('P') || text.ends_with('T'), "{} rejected", text),
        }
    }

    #[test]
    fn decimal_text_round_trips_as_number(text in decimal_number_text()) {
        let decimal = Decimal::number(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(decimal.as_str(), text.as_str());
        prop_assert!(!decimal.is_quoted());
        let json = to_string(&decimal).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_str::<Decimal>(&json).ok(), Some(decimal), "{}", json);
    }

    #[test]
    fn decimal_text_round_trips_as_string(text in decimal_text()) {
        let decimal = Decimal::string(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(decimal.as_str(), text.as_str());
        prop_assert!(decimal.is_quoted());
        let json = to_string(&decimal).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_str::<Decimal>(&json).ok(), Some(decimal), "{}", json);
    }

    #[test]
    fn int64_round_trips_as_number_and_string(n in any::<i64>()) {
        let json = to_string(&Int64(n)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_str::<Int64>(&json).ok(), Some(Int64(n)));
        prop_assert_eq!(from_str::<Int64>(&format!("\"{n}\"")).ok(), Some(Int64(n)));
    }

    #[test]
    fn double_round_trips_including_non_finite(bits in any::<u64>()) {
        let value = f64::from_bits(bits);
        let json = to_string(&Double(value)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = from_str::<Double>(&json).map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
        if value.is_nan() {
            prop_assert!(back.0.is_nan(), "{}", json);
        } else {
            prop_assert_eq!(back.0.to_bits(), value.to_bits(), "{}", json);
        }
    }

    #[test]
    fn single_round_trips_including_non_finite(bits in any::<u32>()) {
        let value = f32::from_bits(bits);
        let json = to_string(&Single(value)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = from_str::<Single>(&json).map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
        if value.is_nan() {
            prop_assert!(back.0.is_nan(), "{}", json);
        } else {
            prop_assert_eq!(back.0.to_bits(), value.to_bits(), "{}", json);
        }
    }

    #[test]
    fn binary_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let binary = Binary(bytes);
        let json = to_string(&binary).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_str::<Binary>(&json).ok(), Some(binary.clone()));
        prop_assert_eq!(Binary::decode(&binary.to_string()).ok(), Some(binary));
    }
}

/// The special values travel as the strings OData defines.
#[test]
fn non_finite_doubles_use_the_odata_strings() {
    for (value, text) in [
        (f64::INFINITY, "\"INF\""),
        (f64::NEG_INFINITY, "\"-INF\""),
        (f64::NAN, "\"NaN\""),
    ] {
        assert_eq!(to_string(&Double(value)).ok().as_deref(), Some(text));
    }
}
