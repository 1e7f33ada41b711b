//! JSON entry points whose decoding errors carry the JSON path of the failure.

use std::error::Error;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A JSON decoding failure: where (path, line, column) and why.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    message: String,
    source: serde_json::Error,
}

impl DecodeError {
    fn new(path: String, source: serde_json::Error) -> Self {
        let mut message = source.to_string();
        let suffix = format!(" at line {} column {}", source.line(), source.column());
        if source.line() != 0 && message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
        DecodeError {
            path,
            message,
            source,
        }
    }

    /// The JSON path of the failing value, e.g. `value[3].severityLevel` (`.` for the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// 1-based line of the failure in the input (0 if unknown).
    pub fn line(&self) -> usize {
        self.source.line()
    }

    /// 1-based column of the failure in the input (0 if unknown).
    pub fn column(&self) -> usize {
        self.source.column()
    }

    /// The failure without its location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if self.line() != 0 {
            write!(f, " at line {} column {}", self.line(), self.column())?;
        }
        Ok(())
    }
}

impl Error for DecodeError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}

/// Decodes `T` from JSON bytes, reporting the JSON path on failure.
///
/// Decodes at full speed first; only when that fails is the input decoded again under
/// `serde_path_to_error` (which allocates per key) to find the path.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(bytes)
        .or_else(|_| with_path(&mut serde_json::Deserializer::from_slice(bytes)))
}

/// Decodes `T` from a JSON string, reporting the JSON path on failure (see [`from_slice`]).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    serde_json::from_str(text).or_else(|_| with_path(&mut serde_json::Deserializer::from_str(text)))
}

fn with_path<'de, R: serde_json::de::Read<'de>, T: DeserializeOwned>(
    de: &mut serde_json::Deserializer<R>,
) -> Result<T, DecodeError> {
    // `StrKeys` under the path tracker: it records only keys it sees as strings.
    let value = serde_path_to_error::deserialize(super::StrKeys::new(&mut *de))
        .map_err(|e| DecodeError::new(e.path().to_string(), e.into_inner()))?;
    de.end().map_err(|e| DecodeError::new(".".to_owned(), e))?;
    Ok(value)
}

/// Encodes `value` as compact JSON bytes.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(value)
}

/// Encodes `value` as a compact JSON string.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}
