//! Project automation: `cargo xtask metadata` extracts the checked-in CSDL excerpt,
//! `cargo xtask codegen` regenerates the Rust crates from it.

mod files;

fn main() {}
