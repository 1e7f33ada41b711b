//! Writers that print Rust from the resolved model: one file per kind of item.

pub mod client;
pub mod emit;
pub mod models;
pub mod plan;

/// One file written by a Rust writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate's `src/generated/` folder, `/`-separated (`security/mod.rs`).
    pub path: String,
    /// The complete file contents, header included.
    pub contents: String,
}
