//! The CSDL XML writer: prints a syntax [`Document`] as valid, deterministic, diffable CSDL.
//!
//! Layout: `<?xml ...?>` header, 2-space indentation, one element per line, attributes in a
//! fixed order per element, trailing newline. Within a schema the elements are grouped and
//! sorted: enum types, complex types, entity types, type definitions (each by name), operations
//! (by name, then binding type as written), terms, entity containers, annotation blocks (by
//! target, then qualifier). Members inside an element keep their order. Constant annotation
//! values are written as attributes (`Bool="true"`), as elements inside collections; other
//! expressions as the XML they were read from. Optional attributes are written whenever they
//! are present, even when empty (`DefaultValue=""`).
//!
//! Reading the output back gives the same syntax (apart from positions and the sort order
//! above), and writing it again gives byte-identical text.

mod annotations;
mod xml;

use crate::csdl::syntax::{
    AnnotationsBlock, Document, EntityContainer, EnumType, Facets, MaxLength, NavigationProperty,
    Operation, OperationKind, Property, Scale, Schema, StructuredKind, StructuredType, Term,
    TypeDefinition, TypeRef,
};
use annotations::write_annotations;
use xml::{XmlWriter, flag, opt, req, unless_true};

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
        &[("Version", req(version)), ("xmlns:edmx", req(EDMX_NS))],
    );
    for reference in &doc.references {
        w.open("edmx:Reference", &[("Uri", req(&reference.uri))]);
        for include in &reference.includes {
            let attrs = [
                ("Namespace", req(&include.namespace)),
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

fn type_ref(ty: &TypeRef) -> String {
    if ty.collection {
        format!("Collection({})", ty.name)
    } else {
        ty.name.clone()
    }
}

/// Facet attributes in fixed order; `Nullable` only when false.
fn facet_attrs(facets: &Facets) -> Vec<(&'static str, Option<String>)> {
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
        ("Nullable", unless_true(facets.nullable)),
        ("MaxLength", max_length),
        ("Precision", facets.precision.map(|p| p.to_string())),
        ("Scale", scale),
        ("SRID", opt(&facets.srid)),
        ("Unicode", facets.unicode.map(|u| u.to_string())),
    ]
}

fn sorted_by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_by(|a, b| name(a).cmp(name(b)));
    sorted
}

fn write_schema(w: &mut XmlWriter, schema: &Schema) {
    let attrs = [
        ("Namespace", req(&schema.namespace)),
        ("Alias", opt(&schema.alias)),
        ("xmlns", req(EDM_NS)),
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
        ("Name", req(&e.name)),
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
        let value = m.value.map(|v| v.to_string());
        let attrs = [("Name", req(&m.name)), ("Value", value)];
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
        ("Name", req(&t.name)),
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
                &[("Name", req(&k.name)), ("Alias", opt(&k.alias))],
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
    let mut attrs = vec![("Name", req(&p.name)), ("Type", Some(type_ref(&p.ty)))];
    attrs.extend(facet_attrs(&p.facets));
    attrs.push(("DefaultValue", opt(&p.default_value)));
    if w.element("Property", &attrs, !p.annotations.is_empty()) {
        write_annotations(w, &p.annotations);
        w.close("Property");
    }
}

fn write_navigation(w: &mut XmlWriter, n: &NavigationProperty) {
    let attrs = [
        ("Name", req(&n.name)),
        ("Type", Some(type_ref(&n.ty))),
        ("Nullable", unless_true(n.nullable)),
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
        ("Name", req(&t.name)),
        ("UnderlyingType", req(&t.underlying_type)),
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
        ("Name", req(&op.name)),
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
        let mut attrs = vec![("Name", req(&p.name)), ("Type", Some(type_ref(&p.ty)))];
        attrs.extend(facet_attrs(&p.facets));
        if w.element("Parameter", &attrs, !p.annotations.is_empty()) {
            write_annotations(w, &p.annotations);
            w.close("Parameter");
        }
    }
    if let Some(r) = &op.return_type {
        let mut attrs = vec![("Type", Some(type_ref(&r.ty)))];
        attrs.extend(facet_attrs(&r.facets));
        w.empty("ReturnType", &attrs);
    }
    write_annotations(w, &op.annotations);
    w.close(tag);
}

fn write_term(w: &mut XmlWriter, t: &Term) {
    let mut attrs = vec![
        ("Name", req(&t.name)),
        ("Type", Some(type_ref(&t.ty))),
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
        &[("Name", req(&c.name)), ("Extends", opt(&c.extends))],
    );
    for set in &c.entity_sets {
        let attrs = [
            ("Name", req(&set.name)),
            ("EntityType", req(&set.entity_type)),
            (
                "IncludeInServiceDocument",
                unless_true(set.include_in_service_document),
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
        let attrs = [("Name", req(&s.name)), ("Type", req(&s.ty))];
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
                ("Name", req(&i.name)),
                (operation_attr, req(&i.operation)),
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
            &[("Path", req(&b.path)), ("Target", req(&b.target))],
        );
    }
}

fn write_block(w: &mut XmlWriter, block: &AnnotationsBlock) {
    let attrs = [
        ("Target", req(&block.target)),
        ("Qualifier", opt(&block.qualifier)),
    ];
    if w.element("Annotations", &attrs, !block.annotations.is_empty()) {
        write_annotations(w, &block.annotations);
        w.close("Annotations");
    }
}
