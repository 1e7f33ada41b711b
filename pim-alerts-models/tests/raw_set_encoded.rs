//! What a setter whose value goes through `serde_json::to_value` (`Edm.Decimal`, structured
//! values) writes into a polymorphic enum's catch-all variant: the generated arm is
//! `support::polymorphic::raw_set_encoded(raw, "<name>", value.as_ref())?`, so these tests call
//! that function with the values such setters take (codegen's polymorphic fixture has a
//! `Decimal` and a complex property; its snapshot shows the calls).

use pim_alerts_models::support::edm::Decimal;
use pim_alerts_models::support::polymorphic::raw_set_encoded;
use pim_alerts_models::{PublicError, from_str, to_string};
use serde_json::{Map, Value, json};

/// A catch-all object as decoded: a tag and one other member.
fn raw() -> Map<String, Value> {
    let text = r##"{"@odata.type":"#fx.future","keep":"me"}"##;
    serde_json::from_str(text).expect("object")
}

/// The JSON text `raw` encodes to after `price` is set to `decimal`.
fn written(decimal: &Decimal) -> String {
    let mut raw = raw();
    raw_set_encoded(&mut raw, "price", Some(decimal)).expect("encodes");
    assert_eq!(raw["keep"], json!("me"));
    serde_json::to_string(&raw["price"]).expect("encodes")
}

#[test]
fn a_decimal_on_the_catch_all_is_the_nearest_f64() {
    // The struct field writes the text as given; the raw object holds a `serde_json::Value`.
    let exact = Decimal::number("1.50").expect("decimal");
    assert_eq!(serde_json::to_string(&exact).expect("encodes"), "1.50");
    assert_eq!(written(&exact), "1.5");
    let long = Decimal::number("0.12345678901234567890123").expect("decimal");
    assert_eq!(written(&long), "0.12345678901234568");
    // The string form (IEEE754Compatible) stays a string, digits and all.
    let quoted = Decimal::string("1.50").expect("decimal");
    assert_eq!(written(&quoted), r#""1.50""#);
}

#[test]
fn a_received_decimal_on_the_catch_all_is_the_nearest_f64_too() {
    // What the setter writes is what the catch-all keeps of a decimal it receives.
    let text = r##"{"@odata.type":"#microsoft.graph.futureOperation","price":1.50}"##;
    let op: pim_alerts_models::LongRunningOperation = from_str(text).expect("decodes");
    assert_eq!(
        to_string(&op).expect("encodes"),
        r##"{"@odata.type":"#microsoft.graph.futureOperation","price":1.5}"##
    );
}

#[test]
fn a_decimal_out_of_f64_range_fails_and_leaves_the_object_unchanged() {
    let huge = Decimal::number("1e400").expect("a valid Edm.Decimal");
    let mut raw = raw();
    raw.insert("price".into(), json!(2));
    let before = raw.clone();
    let err = raw_set_encoded(&mut raw, "price", Some(&huge)).expect_err("out of f64 range");
    assert!(err.to_string().contains("number out of range"), "{err}");
    assert_eq!(raw, before);
}

#[test]
fn a_complex_value_on_the_catch_all_is_the_json_of_the_struct() {
    let text =
        r#"{"code":"badRequest","details":[{"code":"x","target":"id"}],"extra":[1,{"a":null}]}"#;
    let error: PublicError = from_str(text).expect("decodes");
    let mut raw = raw();
    raw_set_encoded(&mut raw, "error", Some(&error)).expect("encodes");
    let expected: Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(raw["error"], expected);
    assert_eq!(raw["keep"], json!("me"));
    raw_set_encoded::<PublicError>(&mut raw, "error", None).expect("removes");
    assert_eq!(
        Value::Object(raw),
        json!({"@odata.type":"#fx.future","keep":"me"})
    );
}
