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
            Some(Err(_)) => return Err(WriteError::ClientWriterPanicked),
        };
        Ok((models, client))
    })
}
