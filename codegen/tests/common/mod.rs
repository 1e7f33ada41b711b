//! Shared pieces of the reader tests: the document frame every small test schema sits in.

/// The first three lines of every test document; the schema body starts on line 4.
pub const HEAD: &str =
    "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">
<edmx:DataServices>
<Schema Namespace=\"ns\" Alias=\"a\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
";

/// What closes the document after the schema body.
pub const TAIL: &str = "
</Schema>
</edmx:DataServices>
</edmx:Edmx>
";
