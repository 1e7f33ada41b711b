//! The CSDL layer: syntax structs, the streaming XML reader and the XML writer.

pub mod reader;
pub mod syntax;
pub mod writer;
pub use reader::read_document;
