//! The CSDL XML writer: prints a syntax [`Document`] as valid, deterministic, diffable CSDL.
//!
//! Layout: `<?xml ...?>` header, 2-space indentation, one element per line, attributes in a
//! fixed order per element, trailing newline. Within a schema the elements are grouped and
//! sorted: enum types, complex types, entity types, type definitions (each by name), operations
//! (by name, then binding type as written), terms, entity containers, annotation blocks (by
//! target, then qualifier). Members inside an element keep their order. Constant annotation
//! values are written as attributes (`Bool="true"`), as elements inside collections.
//!
//! Reading the output back and writing it again gives byte-identical text.

use std::fmt::Write as _;

use crate::csdl::syntax::{
    Annotation, AnnotationsBlock, Document, EntityContainer, EnumType, Expr, Facets, MaxLength,
    NavigationProperty, Operation, OperationKind, Property, Record, Scale, Schema, StructuredKind,
    StructuredType, Term, TypeDefinition, TypeRef,
};

const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// The document as CSDL XML text.
pub fn write_document(doc: &Document) -> String {
    let mut w = XmlWriter::default();
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let version = if doc.version.is_empty() {
        "4.0"
    } else {
        doc.version.as_str()
    };
    w.open(
        "edmx:Edmx",
        &[("Version", version.into()), ("xmlns:edmx", EDMX_NS.into())],
    );
    for reference in &doc.references {
        w.open("edmx:Reference", &[("Uri", reference.uri.clone())]);
        for include in &reference.includes {
            let attrs = [
                ("Namespace", include.namespace.clone()),
                ("Alias", opt(&include.alias)),
            ];
            w.empty("edmx:Include", &attrs);
        }
        w.close("edmx:Reference");
    }
    w.open("edmx:DataServices", &[]);
    for schema in &doc.schemas {
        write_schema(&mut w, schema);
    }
    w.close("edmx:DataServices");
    w.close("edmx:Edmx");
    w.out
}

/// Indented XML output with attributes given as (name, value); empty values are omitted.
#[derive(Default)]
struct XmlWriter {
    out: String,
    depth: usize,
}

type Attrs<'a> = [(&'a str, String)];

impl XmlWriter {
    fn start_tag(&mut self, name: &str, attrs: &Attrs) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs.iter().filter(|(_, v)| !v.is_empty()) {
            let _ = write!(self.out, " {key}=\"{}\"", escape_attribute(value));
        }
    }

    fn open(&mut self, name: &str, attrs: &Attrs) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn empty(&mut self, name: &str, attrs: &Attrs) {
        self.start_tag(name, attrs);
        self.out.push_str(" />\n");
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        let _ = writeln!(self.out, "</{name}>");
    }

    fn text_element(&mut self, name: &str, text: &str) {
        self.start_tag(name, &[]);
        let _ = writeln!(self.out, ">{}</{name}>", escape_text(text));
    }

    /// An element that is self-closing when `has_children` is false; returns whether it opened.
    fn element(&mut self, name: &str, attrs: &Attrs, has_children: bool) -> bool {
        if has_children {
            self.open(name, attrs);
        } else {
            self.empty(name, attrs);
        }
        has_children
    }
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push_str(&escape_text(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn flag(value: bool) -> String {
    if value { "true".into() } else { String::new() }
}

fn type_ref(ty: &TypeRef) -> String {
    if ty.collection {
        format!("Collection({})", ty.name)
    } else {
        ty.name.clone()
    }
}

/// Facet attributes in fixed order; `Nullable` only when false.
fn facet_attrs(facets: &Facets) -> Vec<(&'static str, String)> {
    let max_length = facets.max_length.map(|m| match m {
        MaxLength::Max => "max".to_owned(),
        MaxLength::Value(n) => n.to_string(),
    });
    let scale = facets.scale.map(|s| match s {
        Scale::Variable => "variable".to_owned(),
        Scale::Floating => "floating".to_owned(),
        Scale::Value(n) => n.to_string(),
    });
    vec![
        (
            "Nullable",
            if facets.nullable {
                String::new()
            } else {
                "false".into()
            },
        ),
        ("MaxLength", max_length.unwrap_or_default()),
        (
            "Precision",
            facets.precision.map(|p| p.to_string()).unwrap_or_default(),
        ),
        ("Scale", scale.unwrap_or_default()),
        ("SRID", opt(&facets.srid)),
        (
            "Unicode",
            facets.unicode.map(|u| u.to_string()).unwrap_or_default(),
        ),
    ]
}

fn sorted_by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_by(|a, b| name(a).cmp(name(b)));
    sorted
}

fn write_schema(w: &mut XmlWriter, schema: &Schema) {
    let attrs = [
        ("Namespace", schema.namespace.clone()),
        ("Alias", opt(&schema.alias)),
        ("xmlns", EDM_NS.into()),
    ];
    w.open("Schema", &attrs);
    for e in sorted_by_name(&schema.enum_types, |e| &e.name) {
        write_enum(w, e);
    }
    for kind in [StructuredKind::Complex, StructuredKind::Entity] {
        let of_kind: Vec<StructuredType> = schema
            .structured_types
            .iter()
            .filter(|t| t.kind == kind)
            .cloned()
            .collect();
        for t in sorted_by_name(&of_kind, |t| &t.name) {
            write_structured(w, t);
        }
    }
    for t in sorted_by_name(&schema.type_definitions, |t| &t.name) {
        write_type_definition(w, t);
    }
    let mut operations: Vec<&Operation> = schema.operations.iter().collect();
    operations.sort_by_cached_key(|op| (op.name.clone(), binding_text(op)));
    operations.into_iter().for_each(|op| write_operation(w, op));
    schema.terms.iter().for_each(|t| write_term(w, t));
    schema
        .entity_containers
        .iter()
        .for_each(|c| write_container(w, c));
    let mut blocks: Vec<&AnnotationsBlock> = schema.annotation_blocks.iter().collect();
    blocks.sort_by(|a, b| (&a.target, &a.qualifier).cmp(&(&b.target, &b.qualifier)));
    blocks.into_iter().for_each(|b| write_block(w, b));
    write_annotations(w, &schema.annotations);
    w.close("Schema");
}

/// The binding parameter type as written, empty for unbound operations.
fn binding_text(op: &Operation) -> String {
    match op.parameters.first() {
        Some(p) if op.is_bound => type_ref(&p.ty),
        _ => String::new(),
    }
}

fn write_enum(w: &mut XmlWriter, e: &EnumType) {
    let attrs = [
        ("Name", e.name.clone()),
        ("UnderlyingType", opt(&e.underlying_type)),
        ("IsFlags", flag(e.is_flags)),
    ];
    if !w.element(
        "EnumType",
        &attrs,
        !e.members.is_empty() || !e.annotations.is_empty(),
    ) {
        return;
    }
    for m in &e.members {
        let value = m.value.map(|v| v.to_string()).unwrap_or_default();
        let attrs = [("Name", m.name.clone()), ("Value", value)];
        if w.element("Member", &attrs, !m.annotations.is_empty()) {
            write_annotations(w, &m.annotations);
            w.close("Member");
        }
    }
    write_annotations(w, &e.annotations);
    w.close("EnumType");
}

fn write_structured(w: &mut XmlWriter, t: &StructuredType) {
    let tag = match t.kind {
        StructuredKind::Entity => "EntityType",
        StructuredKind::Complex => "ComplexType",
    };
    let attrs = [
        ("Name", t.name.clone()),
        ("BaseType", opt(&t.base_type)),
        ("Abstract", flag(t.is_abstract)),
        ("OpenType", flag(t.open_type)),
        ("HasStream", flag(t.has_stream)),
    ];
    let has_children = !t.key.is_empty()
        || !t.properties.is_empty()
        || !t.navigation_properties.is_empty()
        || !t.annotations.is_empty();
    if !w.element(tag, &attrs, has_children) {
        return;
    }
    if !t.key.is_empty() {
        w.open("Key", &[]);
        for k in &t.key {
            w.empty(
                "PropertyRef",
                &[("Name", k.name.clone()), ("Alias", opt(&k.alias))],
            );
        }
        w.close("Key");
    }
    t.properties.iter().for_each(|p| write_property(w, p));
    t.navigation_properties
        .iter()
        .for_each(|n| write_navigation(w, n));
    write_annotations(w, &t.annotations);
    w.close(tag);
}

fn write_property(w: &mut XmlWriter, p: &Property) {
    let mut attrs = vec![("Name", p.name.clone()), ("Type", type_ref(&p.ty))];
    attrs.extend(facet_attrs(&p.facets));
    attrs.push(("DefaultValue", opt(&p.default_value)));
    if w.element("Property", &attrs, !p.annotations.is_empty()) {
        write_annotations(w, &p.annotations);
        w.close("Property");
    }
}

fn write_navigation(w: &mut XmlWriter, n: &NavigationProperty) {
    let attrs = [
        ("Name", n.name.clone()),
        ("Type", type_ref(&n.ty)),
        (
            "Nullable",
            if n.nullable {
                String::new()
            } else {
                "false".into()
            },
        ),
        ("Partner", opt(&n.partner)),
        ("ContainsTarget", flag(n.contains_target)),
    ];
    if w.element("NavigationProperty", &attrs, !n.annotations.is_empty()) {
        write_annotations(w, &n.annotations);
        w.close("NavigationProperty");
    }
}

fn write_type_definition(w: &mut XmlWriter, t: &TypeDefinition) {
    let mut attrs = vec![
        ("Name", t.name.clone()),
        ("UnderlyingType", t.underlying_type.clone()),
    ];
    attrs.extend(
        facet_attrs(&t.facets)
            .into_iter()
            .filter(|(k, _)| *k != "Nullable"),
    );
    if w.element("TypeDefinition", &attrs, !t.annotations.is_empty()) {
        write_annotations(w, &t.annotations);
        w.close("TypeDefinition");
    }
}

fn write_operation(w: &mut XmlWriter, op: &Operation) {
    let tag = match op.kind {
        OperationKind::Action => "Action",
        OperationKind::Function => "Function",
    };
    let attrs = [
        ("Name", op.name.clone()),
        ("IsBound", flag(op.is_bound)),
        ("IsComposable", flag(op.is_composable)),
        ("EntitySetPath", opt(&op.entity_set_path)),
    ];
    let has_children =
        !op.parameters.is_empty() || op.return_type.is_some() || !op.annotations.is_empty();
    if !w.element(tag, &attrs, has_children) {
        return;
    }
    for p in &op.parameters {
        let mut attrs = vec![("Name", p.name.clone()), ("Type", type_ref(&p.ty))];
        attrs.extend(facet_attrs(&p.facets));
        if w.element("Parameter", &attrs, !p.annotations.is_empty()) {
            write_annotations(w, &p.annotations);
            w.close("Parameter");
        }
    }
    if let Some(r) = &op.return_type {
        let mut attrs = vec![("Type", type_ref(&r.ty))];
        attrs.extend(facet_attrs(&r.facets));
        w.empty("ReturnType", &attrs);
    }
    write_annotations(w, &op.annotations);
    w.close(tag);
}

fn write_term(w: &mut XmlWriter, t: &Term) {
    let mut attrs = vec![
        ("Name", t.name.clone()),
        ("Type", type_ref(&t.ty)),
        ("BaseTerm", opt(&t.base_term)),
    ];
    attrs.extend(facet_attrs(&t.facets));
    attrs.push(("DefaultValue", opt(&t.default_value)));
    attrs.push(("AppliesTo", opt(&t.applies_to)));
    if w.element("Term", &attrs, !t.annotations.is_empty()) {
        write_annotations(w, &t.annotations);
        w.close("Term");
    }
}

fn write_container(w: &mut XmlWriter, c: &EntityContainer) {
    w.open(
        "EntityContainer",
        &[("Name", c.name.clone()), ("Extends", opt(&c.extends))],
    );
    for set in &c.entity_sets {
        let attrs = [
            ("Name", set.name.clone()),
            ("EntityType", set.entity_type.clone()),
            (
                "IncludeInServiceDocument",
                if set.include_in_service_document {
                    String::new()
                } else {
                    "false".into()
                },
            ),
        ];
        let has_children =
            !set.navigation_property_bindings.is_empty() || !set.annotations.is_empty();
        if w.element("EntitySet", &attrs, has_children) {
            write_bindings(w, &set.navigation_property_bindings);
            write_annotations(w, &set.annotations);
            w.close("EntitySet");
        }
    }
    for s in &c.singletons {
        let attrs = [("Name", s.name.clone()), ("Type", s.ty.clone())];
        let has_children = !s.navigation_property_bindings.is_empty() || !s.annotations.is_empty();
        if w.element("Singleton", &attrs, has_children) {
            write_bindings(w, &s.navigation_property_bindings);
            write_annotations(w, &s.annotations);
            w.close("Singleton");
        }
    }
    let imports = [
        ("ActionImport", "Action", &c.action_imports),
        ("FunctionImport", "Function", &c.function_imports),
    ];
    for (tag, operation_attr, list) in imports {
        for i in list {
            let attrs = [
                ("Name", i.name.clone()),
                (operation_attr, i.operation.clone()),
                ("EntitySet", opt(&i.entity_set)),
                (
                    "IncludeInServiceDocument",
                    flag(i.include_in_service_document && tag == "FunctionImport"),
                ),
            ];
            if w.element(tag, &attrs, !i.annotations.is_empty()) {
                write_annotations(w, &i.annotations);
                w.close(tag);
            }
        }
    }
    write_annotations(w, &c.annotations);
    w.close("EntityContainer");
}

fn write_bindings(w: &mut XmlWriter, bindings: &[crate::csdl::syntax::NavigationPropertyBinding]) {
    for b in bindings {
        w.empty(
            "NavigationPropertyBinding",
            &[("Path", b.path.clone()), ("Target", b.target.clone())],
        );
    }
}

fn write_block(w: &mut XmlWriter, block: &AnnotationsBlock) {
    let attrs = [
        ("Target", block.target.clone()),
        ("Qualifier", opt(&block.qualifier)),
    ];
    if w.element("Annotations", &attrs, !block.annotations.is_empty()) {
        write_annotations(w, &block.annotations);
        w.close("Annotations");
    }
}

fn write_annotations(w: &mut XmlWriter, annotations: &[Annotation]) {
    for a in annotations {
        let mut attrs = vec![("Term", a.term.clone()), ("Qualifier", opt(&a.qualifier))];
        write_valued(w, "Annotation", &mut attrs, &a.value);
    }
}

/// An `Annotation` or `PropertyValue`: a constant value as attribute, other values as child.
fn write_valued<'a>(
    w: &mut XmlWriter,
    tag: &str,
    attrs: &mut Vec<(&'a str, String)>,
    value: &'a Expr,
) {
    match value {
        Expr::Empty => w.empty(tag, attrs),
        Expr::Const { kind, text } if !text.is_empty() => {
            attrs.push((kind.as_str(), text.clone()));
            w.empty(tag, attrs);
        }
        other => {
            w.open(tag, attrs);
            write_expr(w, other);
            w.close(tag);
        }
    }
}

fn write_expr(w: &mut XmlWriter, expr: &Expr) {
    match expr {
        Expr::Empty => {}
        Expr::Const { kind, text } => w.text_element(kind, text),
        Expr::Record(record) => write_record(w, record),
        Expr::Collection(items) => {
            if w.element("Collection", &[], !items.is_empty()) {
                items.iter().for_each(|item| write_expr(w, item));
                w.close("Collection");
            }
        }
        Expr::Other { element, .. } => w.empty(element, &[]),
    }
}

fn write_record(w: &mut XmlWriter, record: &Record) {
    let attrs = [("Type", opt(&record.ty))];
    let has_children = !record.property_values.is_empty() || !record.annotations.is_empty();
    if !w.element("Record", &attrs, has_children) {
        return;
    }
    for pv in &record.property_values {
        let mut attrs = vec![("Property", pv.property.clone())];
        write_valued(w, "PropertyValue", &mut attrs, &pv.value);
    }
    write_annotations(w, &record.annotations);
    w.close("Record");
}
