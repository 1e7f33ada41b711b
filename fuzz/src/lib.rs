//! Oracles shared by the fuzz targets: what must hold for any input, beyond "no panic".

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes `data` as `T`; if that succeeds, the value must encode, its encoding must decode
/// again, and encoding that second value must give the same bytes (the encoding is a fixed
/// point: nothing is lost or invented after one trip).
pub fn json_round_trip<T>(data: &[u8])
where
    T: DeserializeOwned + Serialize + Debug,
{
    let Ok(first) = pim_alerts_models::from_slice::<T>(data) else {
        return;
    };
    let encoded = match pim_alerts_models::to_vec(&first) {
        Ok(bytes) => bytes,
        Err(e) => panic!("a decoded value does not encode: {e}\n{first:?}"),
    };
    let second: T = match pim_alerts_models::from_slice(&encoded) {
        Ok(value) => value,
        Err(e) => panic!(
            "our own encoding does not decode: {e}\n{}",
            String::from_utf8_lossy(&encoded)
        ),
    };
    let again = match pim_alerts_models::to_vec(&second) {
        Ok(bytes) => bytes,
        Err(e) => panic!("a re-decoded value does not encode: {e}\n{second:?}"),
    };
    assert_eq!(
        String::from_utf8_lossy(&encoded),
        String::from_utf8_lossy(&again),
        "encoding is not stable after one round trip"
    );
}

/// Reads the OData string literal that starts at the beginning of `text` (`'...'`, a quote
/// inside written as `''`). Returns the decoded string and the rest of `text` after the
/// closing quote, or `None` if `text` does not start with a complete literal.
pub fn read_string_literal(text: &str) -> Option<(String, &str)> {
    let mut rest = text.strip_prefix('\'')?;
    let mut decoded = String::new();
    loop {
        let quote = rest.find('\'')?;
        decoded.push_str(&rest[..quote]);
        rest = &rest[quote + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                decoded.push('\'');
                rest = after;
            }
            None => return Some((decoded, rest)),
        }
    }
}
