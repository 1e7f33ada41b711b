//! `IntoJson` (what the polymorphic enums' setters write on the catch-all) gives exactly the JSON
//! each type's `Serialize` writes, for every type it is implemented for.

use pim_alerts_models::support::edm::{
    Binary, Date, DateTimeOffset, Double, Duration, Guid, Int64, Single, TimeOfDay, Untyped,
};
use pim_alerts_models::support::{Flags, IntoJson};
use pim_alerts_models::{LongRunningOperationStatus, from_str};
use serde::Serialize;
use serde_json::json;

/// Asserts that `value.into_json()` writes the JSON text `value`'s `Serialize` writes, and returns it.
fn same_json<T: IntoJson + Serialize + Clone + std::fmt::Debug>(value: T) -> serde_json::Value {
    // Compared as text: a `Value` can hold a number the written JSON spells differently.
    let serialized = serde_json::to_string(&value).expect("serializes");
    let written = value.clone().into_json();
    let written_text = serde_json::to_string(&written).expect("a Value serializes");
    assert_eq!(written_text, serialized, "{value:?}");
    written
}

fn parsed<T: std::str::FromStr>(text: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    text.parse().expect(text)
}

#[test]
fn primitives_write_their_serialize_json() {
    assert_eq!(same_json(true), json!(true));
    assert_eq!(same_json("a\"b".to_owned()), json!("a\"b"));
    assert_eq!(same_json(255_u8), json!(255));
    assert_eq!(same_json(-128_i8), json!(-128));
    assert_eq!(same_json(i16::MIN), json!(-32768));
    assert_eq!(same_json(i32::MAX), json!(2147483647));
    assert_eq!(same_json(Int64(i64::MIN)), json!(i64::MIN));
    assert_eq!(same_json(Double(1.5)), json!(1.5));
    assert_eq!(same_json(Double(f64::NAN)), json!("NaN"));
    assert_eq!(same_json(Double(f64::INFINITY)), json!("INF"));
    assert_eq!(same_json(Single(f32::NEG_INFINITY)), json!("-INF"));
    assert_eq!(same_json(Single(0.1)), json!(0.1));
    assert_eq!(same_json(Single(16_777_217.0)), json!(16_777_216.0));
    let guid: Guid = parsed("3F2504E0-4F89-11D3-9A0C-0305E82C3301");
    assert_eq!(
        same_json(guid),
        json!("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    );
    assert_eq!(same_json(Binary(vec![0xfb, 0xff])), json!("-_8="));
    assert_eq!(same_json(json!({"a": [1, null]})), json!({"a": [1, null]}));
    let untyped: Untyped = json!(1.25);
    assert_eq!(same_json(untyped), json!(1.25));
}

#[test]
fn text_forms_write_their_serialize_json() {
    let date: Date = parsed("2024-02-29");
    assert_eq!(same_json(date), json!("2024-02-29"));
    let time: TimeOfDay = parsed("07:05:00.5000");
    assert_eq!(same_json(time), json!("07:05:00.5000"));
    let at: DateTimeOffset = parsed("2024-05-01T10:00:00.1234567+02:00");
    assert_eq!(same_json(at), json!("2024-05-01T10:00:00.1234567+02:00"));
    let zulu: DateTimeOffset = parsed("2024-05-01T10:00:00Z");
    assert_eq!(same_json(zulu), json!("2024-05-01T10:00:00Z"));
    let duration: Duration = parsed("-P1DT2H");
    assert_eq!(same_json(duration), json!("-P1DT2H"));
}

#[test]
fn enums_flags_and_collections_write_their_serialize_json() {
    assert_eq!(
        same_json(LongRunningOperationStatus::Succeeded),
        json!("succeeded")
    );
    let future: LongRunningOperationStatus = from_str(r#""paused""#).expect("decodes");
    assert_eq!(same_json(future), json!("paused"));
    let statuses: Flags<LongRunningOperationStatus> =
        from_str(r#""running,failed""#).expect("decodes");
    assert_eq!(same_json(statuses), json!("running,failed"));
    let empty: Flags<LongRunningOperationStatus> = Flags::default();
    assert_eq!(same_json(empty), json!(""));
    assert_eq!(
        same_json(vec!["a".to_owned(), "b".to_owned()]),
        json!(["a", "b"])
    );
    assert_eq!(same_json(Vec::<bool>::new()), json!([]));
    let dates: Vec<Date> = vec![parsed("2024-01-01"), parsed("2024-12-31")];
    assert_eq!(same_json(dates), json!(["2024-01-01", "2024-12-31"]));
}
