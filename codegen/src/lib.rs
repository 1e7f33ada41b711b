//! CSDL reader, resolved model and Rust writers for Microsoft Graph bindings.
//!
//! The pipeline is `csdl` (read XML into syntax structs) -> `model` (resolve names, inheritance,
//! bound operations; decide Rust names; slice) -> writers (print Rust or CSDL).

pub mod csdl;
pub mod diagnostic;
pub mod model;
pub mod rust;

pub use diagnostic::{Diagnostic, Diagnostics};
