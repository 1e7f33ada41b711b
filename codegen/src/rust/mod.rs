//! Writers that print Rust from the resolved model: one file per kind of item.

pub mod client;
pub mod doc_text;
pub mod emit;
mod error;
pub mod models;
pub mod plan;

pub use error::WriteError;

/// One file written by a Rust writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate's `src/generated/` folder, `/`-separated (`security/mod.rs`).
    pub path: String,
    /// The complete file contents, header included.
    pub contents: String,
}

/// The files of both crates for `model`: the models writer and the client writer run on two
/// threads (they share only the read-only model), so whole-model generation takes the longer of
/// the two rather than their sum. `client: false` writes the models only.
pub fn write_crates(
    model: &crate::model::Model,
    input: &str,
    client: bool,
) -> Result<(Vec<GeneratedFile>, Option<Vec<GeneratedFile>>), WriteError> {
    std::thread::scope(|scope| {
        let client = client.then(|| scope.spawn(|| client::write_client(model, input)));
        let models = models::write_models(model, input)?;
        let client = match client.map(|handle| handle.join()) {
            None => None,
            Some(Ok(written)) => Some(written?),
            Some(Err(payload)) => {
                let message = panic_message(payload.as_ref()).to_owned();
                return Err(WriteError::ClientWriterPanicked { message });
            }
        };
        Ok((models, client))
    })
}

/// The text of a panic payload: the message of `panic!` with a literal (`&str`) or a format
/// (`String`), or "a non-string panic" for any other payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a non-string panic"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_payloads_keep_their_text() {
        let literal = std::panic::catch_unwind(|| panic!("a literal")).expect_err("panics");
        assert_eq!(panic_message(literal.as_ref()), "a literal");
        let formatted = std::panic::catch_unwind(|| panic!("formatted {}", 7)).expect_err("panics");
        assert_eq!(panic_message(formatted.as_ref()), "formatted 7");
        let other = std::panic::catch_unwind(|| std::panic::panic_any(7_u8)).expect_err("panics");
        assert_eq!(panic_message(other.as_ref()), "a non-string panic");
    }

    #[test]
    fn the_error_shows_the_panic_message() {
        let err = WriteError::ClientWriterPanicked {
            message: "formatted 7".to_owned(),
        };
        assert_eq!(
            err.to_string(),
            "the client writer thread panicked: formatted 7"
        );
    }
}
