//! Plain syntax structs for a CSDL XML document, exactly as written: names are not yet resolved,
//! aliases not yet expanded. The reader fills these; the model resolves them.
//!
//! Every item carries the [`Pos`] of its start tag so that later stages can report problems with
//! file, line and column.

/// A 1-based line and column in the source document (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// A whole `edmx:Edmx` document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The name the document was read from (a path or URL), used in error messages.
    pub source: String,
    /// The `Version` attribute of `edmx:Edmx` (`4.0` or `4.01`).
    pub version: String,
    /// `edmx:Reference` elements.
    pub references: Vec<Reference>,
    /// The `Schema` elements of `edmx:DataServices`, in document order.
    pub schemas: Vec<Schema>,
}

/// An `edmx:Reference` to another CSDL document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reference {
    /// The `Uri` attribute.
    pub uri: String,
    /// `edmx:Include` children.
    pub includes: Vec<Include>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// An `edmx:Include` of a referenced namespace, optionally with an alias.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Include {
    /// The `Namespace` attribute.
    pub namespace: String,
    /// The `Alias` attribute.
    pub alias: Option<String>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `Schema` element.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// The `Namespace` attribute, e.g. `microsoft.graph`.
    pub namespace: String,
    /// The `Alias` attribute, e.g. `graph`.
    pub alias: Option<String>,
    /// `EntityType` and `ComplexType` elements, in document order.
    pub structured_types: Vec<StructuredType>,
    /// `EnumType` elements.
    pub enum_types: Vec<EnumType>,
    /// `TypeDefinition` elements.
    pub type_definitions: Vec<TypeDefinition>,
    /// `Action` and `Function` elements, in document order.
    pub operations: Vec<Operation>,
    /// `Term` elements.
    pub terms: Vec<Term>,
    /// `EntityContainer` elements (at most one is valid, but all are kept).
    pub entity_containers: Vec<EntityContainer>,
    /// External `Annotations` blocks.
    pub annotation_blocks: Vec<AnnotationsBlock>,
    /// Inline annotations on the schema itself.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// Whether a structured type is an `EntityType` or a `ComplexType`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StructuredKind {
    /// `EntityType`.
    #[default]
    Entity,
    /// `ComplexType`.
    Complex,
}

/// An `EntityType` or `ComplexType`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructuredType {
    /// Entity or complex.
    pub kind: StructuredKind,
    /// The `Name` attribute.
    pub name: String,
    /// The `BaseType` attribute, qualified by namespace or alias.
    pub base_type: Option<String>,
    /// `Abstract="true"`.
    pub is_abstract: bool,
    /// `OpenType="true"`.
    pub open_type: bool,
    /// `HasStream="true"` (entity types only).
    pub has_stream: bool,
    /// `Key/PropertyRef` elements (entity types only).
    pub key: Vec<PropertyRef>,
    /// `Property` elements.
    pub properties: Vec<Property>,
    /// `NavigationProperty` elements.
    pub navigation_properties: Vec<NavigationProperty>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `PropertyRef` inside `Key`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PropertyRef {
    /// The `Name` attribute (a property path).
    pub name: String,
    /// The `Alias` attribute.
    pub alias: Option<String>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A type reference such as `Edm.String` or `Collection(graph.alert)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeRef {
    /// The qualified element type name, without `Collection(...)`.
    pub name: String,
    /// Whether the reference was `Collection(...)`.
    pub collection: bool,
}

/// The `MaxLength` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxLength {
    /// `max`.
    Max,
    /// A number of characters or bytes.
    Value(u64),
}

/// The `Scale` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// `variable`.
    Variable,
    /// `floating` (CSDL 4.01).
    Floating,
    /// A number of digits.
    Value(u32),
}

/// Type facets shared by properties, parameters, return types, terms and type definitions.
#[derive(Debug, Clone, PartialEq)]
pub struct Facets {
    /// `Nullable`, defaulting to true.
    pub nullable: bool,
    /// `MaxLength`.
    pub max_length: Option<MaxLength>,
    /// `Precision`.
    pub precision: Option<u32>,
    /// `Scale`.
    pub scale: Option<Scale>,
    /// `SRID` (a number or `variable`), kept as written.
    pub srid: Option<String>,
    /// `Unicode`.
    pub unicode: Option<bool>,
}

impl Default for Facets {
    fn default() -> Self {
        Facets {
            nullable: true,
            max_length: None,
            precision: None,
            scale: None,
            srid: None,
            unicode: None,
        }
    }
}

/// A structural `Property`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Property {
    /// The `Name` attribute.
    pub name: String,
    /// The `Type` attribute.
    pub ty: TypeRef,
    /// Facets.
    pub facets: Facets,
    /// The `DefaultValue` attribute.
    pub default_value: Option<String>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `NavigationProperty`.
#[derive(Debug, Clone, PartialEq)]
pub struct NavigationProperty {
    /// The `Name` attribute.
    pub name: String,
    /// The `Type` attribute.
    pub ty: TypeRef,
    /// `Nullable`, defaulting to true.
    pub nullable: bool,
    /// The `Partner` attribute.
    pub partner: Option<String>,
    /// `ContainsTarget="true"`.
    pub contains_target: bool,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

impl Default for NavigationProperty {
    fn default() -> Self {
        NavigationProperty {
            name: String::new(),
            ty: TypeRef::default(),
            nullable: true,
            partner: None,
            contains_target: false,
            annotations: Vec::new(),
            pos: Pos::default(),
        }
    }
}

/// An `EnumType`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnumType {
    /// The `Name` attribute.
    pub name: String,
    /// `IsFlags="true"`.
    pub is_flags: bool,
    /// `UnderlyingType`, e.g. `Edm.Int64`; `None` means `Edm.Int32`.
    pub underlying_type: Option<String>,
    /// `Member` elements in document order.
    pub members: Vec<EnumMember>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `Member` of an `EnumType`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnumMember {
    /// The `Name` attribute.
    pub name: String,
    /// The `Value` attribute, if written (values may be sparse).
    pub value: Option<i64>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `TypeDefinition`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeDefinition {
    /// The `Name` attribute.
    pub name: String,
    /// The `UnderlyingType` attribute (a primitive type).
    pub underlying_type: String,
    /// Facets (`Nullable` does not apply and stays true).
    pub facets: Facets,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// Whether an operation is an `Action` or a `Function`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperationKind {
    /// `Action`.
    #[default]
    Action,
    /// `Function`.
    Function,
}

/// An `Action` or `Function`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Operation {
    /// Action or function.
    pub kind: OperationKind,
    /// The `Name` attribute.
    pub name: String,
    /// `IsBound="true"`: the first parameter is the binding parameter.
    pub is_bound: bool,
    /// `IsComposable="true"` (functions only).
    pub is_composable: bool,
    /// The `EntitySetPath` attribute.
    pub entity_set_path: Option<String>,
    /// `Parameter` elements in order; when bound, the first is the binding parameter.
    pub parameters: Vec<Parameter>,
    /// The `ReturnType` element.
    pub return_type: Option<ReturnType>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `Parameter` of an operation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parameter {
    /// The `Name` attribute.
    pub name: String,
    /// The `Type` attribute.
    pub ty: TypeRef,
    /// Facets.
    pub facets: Facets,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// The `ReturnType` of an operation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReturnType {
    /// The `Type` attribute.
    pub ty: TypeRef,
    /// Facets.
    pub facets: Facets,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `Term` definition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Term {
    /// The `Name` attribute.
    pub name: String,
    /// The `Type` attribute.
    pub ty: TypeRef,
    /// The `BaseTerm` attribute.
    pub base_term: Option<String>,
    /// The `AppliesTo` attribute, kept as written (space-separated).
    pub applies_to: Option<String>,
    /// The `DefaultValue` attribute.
    pub default_value: Option<String>,
    /// Facets.
    pub facets: Facets,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// The `EntityContainer`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityContainer {
    /// The `Name` attribute.
    pub name: String,
    /// The `Extends` attribute.
    pub extends: Option<String>,
    /// `EntitySet` elements.
    pub entity_sets: Vec<EntitySet>,
    /// `Singleton` elements.
    pub singletons: Vec<Singleton>,
    /// `ActionImport` elements.
    pub action_imports: Vec<OperationImport>,
    /// `FunctionImport` elements.
    pub function_imports: Vec<OperationImport>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// An `EntitySet`.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySet {
    /// The `Name` attribute.
    pub name: String,
    /// The `EntityType` attribute.
    pub entity_type: String,
    /// `IncludeInServiceDocument`, defaulting to true.
    pub include_in_service_document: bool,
    /// `NavigationPropertyBinding` elements.
    pub navigation_property_bindings: Vec<NavigationPropertyBinding>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `Singleton`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Singleton {
    /// The `Name` attribute.
    pub name: String,
    /// The `Type` attribute.
    pub ty: String,
    /// `NavigationPropertyBinding` elements.
    pub navigation_property_bindings: Vec<NavigationPropertyBinding>,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// A `NavigationPropertyBinding`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NavigationPropertyBinding {
    /// The `Path` attribute.
    pub path: String,
    /// The `Target` attribute.
    pub target: String,
    /// Position of the start tag.
    pub pos: Pos,
}

/// An `ActionImport` or `FunctionImport`.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationImport {
    /// The `Name` attribute.
    pub name: String,
    /// The `Action` or `Function` attribute: the qualified operation name.
    pub operation: String,
    /// The `EntitySet` attribute.
    pub entity_set: Option<String>,
    /// `IncludeInServiceDocument` (function imports), defaulting to false.
    pub include_in_service_document: bool,
    /// Inline annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// An external `Annotations` block: annotations applied to `target` from outside.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnnotationsBlock {
    /// The `Target` attribute, e.g. `microsoft.graph.alert/severity` or
    /// `microsoft.graph.GraphService/alerts`.
    pub target: String,
    /// The `Qualifier` attribute.
    pub qualifier: Option<String>,
    /// The annotations.
    pub annotations: Vec<Annotation>,
    /// Position of the start tag.
    pub pos: Pos,
}

/// An `Annotation`: a term applied with a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// The `Term` attribute, qualified by namespace or alias.
    pub term: String,
    /// The `Qualifier` attribute.
    pub qualifier: Option<String>,
    /// The value, from an attribute (`String="..."`) or a child element.
    pub value: Expr,
    /// Position of the start tag.
    pub pos: Pos,
}

/// An annotation expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// No value given (for a Boolean term this means `true`).
    Empty,
    /// A constant or path expression, from an attribute or element: `kind` is its CSDL name
    /// (`String`, `Bool`, `Int`, `Float`, `Decimal`, `Date`, `DateTimeOffset`, `Duration`,
    /// `EnumMember`, `Path`, `PropertyPath`, `NavigationPropertyPath`, `AnnotationPath`, ...)
    /// and `text` its value as written.
    Const {
        /// The expression kind.
        kind: String,
        /// The value text.
        text: String,
    },
    /// A `Record` expression.
    Record(Record),
    /// A `Collection` expression.
    Collection(Vec<Expr>),
    /// Any other expression element (`Apply`, `If`, `Null`, `UrlRef`, ...), kept by name and
    /// as written (for the CSDL writer), and otherwise ignored.
    Other {
        /// The element name.
        element: String,
        /// The element's text as written in the source, from its `<` to the end of its end tag,
        /// namespace prefixes and references unchanged.
        raw: String,
    },
}

/// A `Record` expression.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The `Type` attribute.
    pub ty: Option<String>,
    /// `PropertyValue` children.
    pub property_values: Vec<PropertyValue>,
    /// Annotations on the record.
    pub annotations: Vec<Annotation>,
}

/// A `PropertyValue` inside a `Record`.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyValue {
    /// The `Property` attribute.
    pub property: String,
    /// The value.
    pub value: Expr,
    /// Position of the start tag.
    pub pos: Pos,
}
