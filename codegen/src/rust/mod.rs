//! Writers that print Rust from the resolved model: one file per kind of item.

pub mod emit;
