//! The one error type of the Rust writers ([`WriteError`]): what can stop the models or client
//! writer, with the structure callers match on (CSDL positions, the argument at fault, the file
//! being written).

use crate::diagnostic::Diagnostics;

/// Why a Rust writer could not write its files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// Problems in the model that stop generation (a name that is no Rust identifier or is
    /// taken by a std type, a required filter that cannot be printed, ...): every problem at
    /// once, each with its CSDL source, line and column, in source order.
    #[error(transparent)]
    Model(#[from] Diagnostics),
    /// The model has no entity container, so there is no client to write.
    #[error("the model has no entity container")]
    NoEntityContainer,
    /// The item path prefix given by the caller (`crate`, `pim_alerts_models`) is no Rust path.
    #[error("bad path prefix `{prefix}`")]
    InvalidPrefix {
        /// The prefix as given.
        prefix: String,
        /// Why it does not parse as a path.
        #[source]
        source: syn::Error,
    },
    /// The crate name for rustdoc examples given by the caller is no Rust identifier.
    #[error("bad crate name `{name}`")]
    InvalidCrateName {
        /// The crate name as given.
        name: String,
        /// Why it does not parse as an identifier.
        #[source]
        source: syn::Error,
    },
    /// A writer printed tokens that do not parse as a Rust file: a bug in that writer. The
    /// message shows only the start of the tokens (they run to megabytes) and their length.
    #[error(
        "writer produced invalid Rust for {file} (tokens, {} bytes: {})",
        .tokens.len(),
        token_excerpt(.tokens)
    )]
    InvalidRust {
        /// The path of the file being written, relative to `src/generated/`.
        file: String,
        /// The tokens the writer printed, to find the writer at fault.
        tokens: String,
        /// Where parsing failed.
        #[source]
        source: syn::Error,
    },
    /// The client writer's thread panicked (a bug in the writer).
    #[error("the client writer thread panicked: {message}")]
    ClientWriterPanicked {
        /// The panic's message, or "a non-string panic" when its payload is no string.
        message: String,
    },
}

/// How many characters of the tokens [`WriteError::InvalidRust`] shows.
const SHOWN_TOKEN_CHARS: usize = 200;

/// The first [`SHOWN_TOKEN_CHARS`] characters of `tokens` in backticks, then `...` if there
/// are more.
fn token_excerpt(tokens: &str) -> String {
    match tokens.char_indices().nth(SHOWN_TOKEN_CHARS) {
        Some((end, _)) => format!("`{}`...", tokens.get(..end).unwrap_or(tokens)),
        None => format!("`{tokens}`"),
    }
}
