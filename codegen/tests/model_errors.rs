//! Every kind of semantic error is reported with source, line, column and message, and all of
//! a document's errors come back together, sorted by position.

use codegen::csdl::read_document;
use codegen::csdl::syntax::{Document, Operation, Pos, Schema};
use codegen::model::{Model, resolve};

/// Wraps schema children (starting on line 4) in a document.
fn doc(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n\
         <Schema Namespace=\"ns\" Alias=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         {body}\n</Schema></edmx:DataServices></edmx:Edmx>\n"
    )
}

/// The resolver's diagnostics for `body`, as `line:col: message` strings.
fn errors(body: &str) -> Vec<String> {
    let syntax = read_document("test.csdl", doc(body).as_bytes()).expect("test XML reads");
    let err = resolve(&[syntax]).expect_err("the document has semantic errors");
    err.iter()
        .map(|d| {
            assert_eq!(d.source, "test.csdl");
            format!("{}:{}: {}", d.pos.line, d.pos.column, d.message)
        })
        .collect()
}

#[test]
fn unresolved_property_type() {
    let body = r#"<EntityType Name="a">
  <Property Name="p" Type="n.missing" />
</EntityType>"#;
    assert_eq!(
        errors(body),
        ["5:3: unresolved type `ns.missing` used by property `p` of `ns.a`"]
    );
}

#[test]
fn unresolved_base_type() {
    let body = r#"<EntityType Name="a" BaseType="graph.nothing" />"#;
    assert_eq!(
        errors(body),
        ["4:1: unresolved base type `graph.nothing` of `ns.a`"]
    );
}

#[test]
fn cyclic_inheritance_names_the_cycle() {
    let body = r#"<EntityType Name="a" BaseType="n.c" />
<EntityType Name="b" BaseType="n.a" />
<EntityType Name="c" BaseType="ns.b" />
<EntityType Name="d" BaseType="n.c" />"#;
    assert_eq!(
        errors(body),
        ["4:1: cyclic inheritance: ns.a -> ns.c -> ns.b -> ns.a"]
    );
}

#[test]
fn self_inheritance_is_a_cycle() {
    let body = r#"<ComplexType Name="a" BaseType="n.a" />"#;
    assert_eq!(errors(body), ["4:1: cyclic inheritance: ns.a -> ns.a"]);
}

#[test]
fn duplicate_type_name_in_a_namespace() {
    let body = r#"<ComplexType Name="a" />
<EnumType Name="a"><Member Name="x" /></EnumType>"#;
    assert_eq!(
        errors(body),
        ["5:1: duplicate type name `ns.a`: first declared at test.csdl:4:1"]
    );
}

#[test]
fn duplicate_property_and_inherited_clash() {
    let body = r#"<EntityType Name="base">
  <Property Name="id" Type="Edm.String" />
</EntityType>
<EntityType Name="derived" BaseType="n.base">
  <Property Name="name" Type="Edm.String" />
  <Property Name="name" Type="Edm.Int32" />
  <Property Name="id" Type="Edm.String" />
</EntityType>"#;
    assert_eq!(
        errors(body),
        [
            "9:3: duplicate property `name` in `ns.derived`",
            "10:3: property `id` of `ns.derived` clashes with the property inherited from `ns.base`",
        ]
    );
}

#[test]
fn bound_operation_without_parameters() {
    // The XML reader already rejects this, so build the syntax by hand: the model must not
    // rely on the reader for it.
    let operation = Operation {
        name: "go".into(),
        is_bound: true,
        pos: Pos { line: 3, column: 5 },
        ..Operation::default()
    };
    let syntax = Document {
        source: "hand.csdl".into(),
        schemas: vec![Schema {
            namespace: "ns".into(),
            operations: vec![operation],
            ..Schema::default()
        }],
        ..Document::default()
    };
    let err = resolve(&[syntax]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hand.csdl:3:5: bound operation `ns.go` has no binding parameter"
    );
}

#[test]
fn all_errors_of_a_document_at_once_sorted_by_position() {
    let body = r#"<Action Name="go" IsBound="true"><Parameter Name="b" Type="n.b" /><Parameter Name="x" Type="n.y" /></Action>
<EntityType Name="a" BaseType="n.a" />
<EntityType Name="b">
  <Property Name="p" Type="Collection(n.nope)" />
  <NavigationProperty Name="q" Type="n.gone" />
</EntityType>
<ComplexType Name="b" />"#;
    assert_eq!(
        errors(body),
        [
            "4:67: unresolved type `ns.y` used by parameter `x` of `ns.go`",
            "5:1: cyclic inheritance: ns.a -> ns.a",
            "7:3: unresolved type `ns.nope` used by property `p` of `ns.b`",
            "8:3: unresolved type `ns.gone` used by navigation property `q` of `ns.b`",
            "10:1: duplicate type name `ns.b`: first declared at test.csdl:6:1",
        ]
    );
}

#[test]
fn hostile_input_does_not_panic() {
    // Deep chains, unknown Edm types, empty names and containers pointing nowhere.
    let mut body = String::new();
    for i in 0..200 {
        body.push_str(&format!(
            "<EntityType Name=\"t{i}\" BaseType=\"n.t{}\" />\n",
            (i + 1) % 200
        ));
    }
    body.push_str(r#"<ComplexType Name="x"><Property Name="" Type="Edm.Nope" /></ComplexType>
<Function Name="f" IsBound="true"><Parameter Name="b" Type="Edm.String" /></Function>
<EntityContainer Name="C"><EntitySet Name="s" EntityType="n.zzz" /><FunctionImport Name="i" Function="n.none" /></EntityContainer>
<Annotations Target="n.x/nothing/deeper"><Annotation Term="Org.OData.Core.V1.Description" /></Annotations>
<Annotations Target="n.f(Edm.String"><Annotation Term="Org.OData.Core.V1.Description" String="d" /></Annotations>"#);
    let found = errors(&body);
    assert_eq!(found.len(), 7, "{found:#?}");
    assert!(found[0].contains("cyclic inheritance: ns.t0 -> ns.t1 -> "));
    assert!(found[1].contains("unresolved type `Edm.Nope`"));
    assert!(found[2].contains("unresolved type `ns.zzz` used by entity set `s`"));
    assert!(found[3].contains("unresolved operation `ns.none` imported by `i`"));
    assert!(found[4].contains("annotation target `n.x/nothing/deeper`: `ns.x` has no member"));
    assert!(found[5].ends_with(
        "annotation `Org.OData.Core.V1.Description` takes a `String` constant, found no value"
    ));
    // Read as the signature `(Edm.String)` before the targets had one parser.
    assert!(
        found[6]
            .ends_with("annotation target `n.f(Edm.String`: `(` is never closed at character 4")
    );
}

#[test]
fn annotation_targets_that_do_not_resolve() {
    let body = r#"<EntityType Name="base"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
<EntityType Name="e" BaseType="n.base" />
<Function Name="f"><ReturnType Type="Edm.String" /></Function>
<EntityContainer Name="C"><EntitySet Name="es" EntityType="n.e" /></EntityContainer>
<Annotations Target="n.C/esTypo"><Annotation Term="Org.OData.Core.V1.Description" String="x" /></Annotations>
<Annotations Target="n.nope"><Annotation Term="Org.OData.Core.V1.Description" String="x" /></Annotations>
<Annotations Target="n.e/nope"><Annotation Term="Org.OData.Core.V1.Description" String="x" /></Annotations>
<Annotations Target="n.g()"><Annotation Term="Org.OData.Core.V1.Description" String="x" /></Annotations>
<Annotations Target="n.f(Edm.Int32)"><Annotation Term="Org.OData.Core.V1.Description" String="x" /></Annotations>
<Annotations Target="n.e/id"><Annotation Term="Org.OData.Core.V1.Description" String="x" /></Annotations>
<Annotations Target="n.C/es/nope"><Annotation Term="Org.OData.Core.V1.Description" String="x" /></Annotations>
<Annotations Target="n.base/id"><Annotation Term="Org.OData.Core.V1.Description" String="fine" /></Annotations>
<Annotations Target="n.f()"><Annotation Term="Org.OData.Core.V1.Description" String="fine" /></Annotations>
<Annotations Target="n.C/es/n.e/id"><Annotation Term="Org.OData.Core.V1.Description" String="fine: an alias-qualified cast" /></Annotations>"#;
    assert_eq!(
        errors(body),
        [
            "8:1: annotation target `n.C/esTypo`: no entity set, singleton or import `esTypo` in container `ns.C`",
            "9:1: annotation target `n.nope`: no type, operation, term or entity container `ns.nope`",
            "10:1: annotation target `n.e/nope`: `ns.e` has no member `nope`",
            "11:1: annotation target `n.g()`: no action or function `ns.g`",
            "12:1: annotation target `n.f(Edm.Int32)`: no overload of `ns.f` takes (Edm.Int32)",
            "13:1: annotation target `n.e/id`: `id` is inherited from `ns.base`: target `ns.base/id` instead",
            "14:1: annotation target `n.C/es/nope`: `ns.e` has no member `nope`",
        ]
    );
}

#[test]
fn entity_sets_and_singletons_must_use_entity_types() {
    let body = r#"<EnumType Name="k"><Member Name="a" /></EnumType>
<ComplexType Name="c" />
<EntityContainer Name="C">
  <EntitySet Name="ks" EntityType="n.k" />
  <Singleton Name="one" Type="n.c" />
</EntityContainer>"#;
    assert_eq!(
        errors(body),
        [
            "7:3: entity set `ks` must use an entity type, not `ns.k` (an enum type)",
            "8:3: singleton `one` must use an entity type, not `ns.c` (a complex type)",
        ]
    );
}

#[test]
fn navigation_properties_must_target_entity_types() {
    let body = r#"<EnumType Name="k"><Member Name="a" /></EnumType>
<EntityType Name="e">
  <Key><PropertyRef Name="id" /></Key>
  <Property Name="id" Type="Edm.String" Nullable="false" />
  <NavigationProperty Name="x" Type="Collection(n.k)" ContainsTarget="true" />
</EntityType>"#;
    assert_eq!(
        errors(body),
        [
            "8:3: navigation property `x` of `ns.e` must target an entity type, not `ns.k` (an enum type)"
        ]
    );
}

#[test]
fn key_property_refs_must_name_properties() {
    let body = r#"<EntityType Name="base"><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
<EntityType Name="e" BaseType="n.base">
  <Key><PropertyRef Name="id" /><PropertyRef Name="nope" /></Key>
</EntityType>"#;
    assert_eq!(
        errors(body),
        ["6:33: key property `nope` of `ns.e` is not a property of the type or its base types"]
    );
}

#[test]
fn duplicate_enum_members() {
    let body = r#"<EnumType Name="k">
  <Member Name="a" />
  <Member Name="a" />
</EnumType>"#;
    assert_eq!(
        errors(body),
        ["6:3: duplicate member `a` in enum `ns.k`: first declared at line 5, column 3"]
    );
}

#[test]
fn duplicate_parameters() {
    let body = r#"<Action Name="go">
  <Parameter Name="p" Type="Edm.String" />
  <Parameter Name="p" Type="Edm.Int32" />
</Action>"#;
    assert_eq!(
        errors(body),
        ["6:3: duplicate parameter `p` of `ns.go`: first declared at line 5, column 3"]
    );
}

#[test]
fn duplicate_container_member_names() {
    let body = r#"<EntityType Name="e"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
<Action Name="go" />
<EntityContainer Name="C">
  <EntitySet Name="x" EntityType="n.e" />
  <Singleton Name="x" Type="n.e" />
  <ActionImport Name="x" Action="n.go" />
</EntityContainer>"#;
    assert_eq!(
        errors(body),
        [
            "8:3: duplicate name `x` in container `ns.C`: first declared at line 7, column 3",
            "9:3: duplicate name `x` in container `ns.C`: first declared at line 7, column 3",
        ]
    );
}

// A term the model reads (`Core.Description`, `Core.Computed`, `Core.Immutable`, the
// Capabilities restrictions, `RustCodegen.V1.LongRunning`) with a value of the wrong kind is an
// error at the annotation, or at the record's property value, inline or in an external block.

/// An entity type `ns.thing` with the properties `props`, an action `ns.go` bound to it, and a
/// container whose entity set `things` carries `set_annotations`; then `rest`.
fn service(props: &str, set_annotations: &str, rest: &str) -> String {
    format!(
        r#"<EntityType Name="thing">
<Key><PropertyRef Name="id" /></Key>
<Property Name="id" Type="Edm.String" Nullable="false" />
{props}
</EntityType>
<Action Name="go" IsBound="true"><Parameter Name="t" Type="n.thing" /></Action>
<EntityContainer Name="C"><EntitySet Name="things" EntityType="n.thing">
{set_annotations}
</EntitySet></EntityContainer>
{rest}"#
    )
}

fn resolved(body: &str) -> Model {
    let syntax = read_document("test.csdl", doc(body).as_bytes()).expect("test XML reads");
    resolve(&[syntax]).unwrap_or_else(|e| panic!("resolves:\n{e}"))
}

#[test]
fn mutability_terms_take_a_boolean() {
    let props = r#"<Property Name="a" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Computed" String="yes" /></Property>
<Property Name="b" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Immutable" Bool="ture" /></Property>"#;
    let rest = r#"<Annotations Target="n.thing/id"><Annotation Term="Org.OData.Core.V1.Computed"><Path>a</Path></Annotation></Annotations>"#;
    assert_eq!(
        errors(&service(props, "", rest)),
        [
            "7:38: annotation `Org.OData.Core.V1.Computed` takes a `Bool` constant, found `String` value `yes`",
            "8:38: annotation `Org.OData.Core.V1.Immutable` takes a `Bool` constant, found `Bool` value `ture`, which is neither `true` nor `false`",
            "14:34: annotation `Org.OData.Core.V1.Computed` takes a `Bool` constant, found `Path` value `a`",
        ]
    );
}

#[test]
fn restrictions_take_a_record_of_booleans_and_property_paths() {
    let set_annotations = r#"<Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions" Bool="false" />
<Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions"><Record><PropertyValue Property="Deletable" String="false" /></Record></Annotation>
<Annotation Term="Org.OData.Capabilities.V1.FilterRestrictions"><Record><PropertyValue Property="RequiredProperties"><Collection><String>id</String></Collection></PropertyValue></Record></Annotation>
<Annotation Term="Org.OData.Capabilities.V1.TopSupported" String="no" />"#;
    assert_eq!(
        errors(&service("", set_annotations, "")),
        [
            "11:1: annotation `Org.OData.Capabilities.V1.UpdateRestrictions` takes a `Record`, found `Bool` value `false`",
            "12:73: `Deletable` of `Org.OData.Capabilities.V1.DeleteRestrictions` takes a `Bool` constant, found `String` value `false`",
            "13:73: `RequiredProperties` of `Org.OData.Capabilities.V1.FilterRestrictions` takes `PropertyPath`s only, found `String` value `id`",
            "14:1: annotation `Org.OData.Capabilities.V1.TopSupported` takes a `Bool` constant, found `String` value `no`",
        ]
    );
}

#[test]
fn descriptions_and_the_long_running_term_take_a_string() {
    // A long value is cut in the message.
    let long = "x".repeat(60);
    let rest = format!(
        r#"<Annotations Target="n.go(n.thing)">
<Annotation Term="RustCodegen.V1.LongRunning" Bool="true" />
<Annotation Term="Org.OData.Core.V1.Description"><Record /></Annotation>
</Annotations>
<Annotations Target="n.thing"><Annotation Term="Org.OData.Core.V1.LongDescription" Int="{long}" /></Annotations>"#
    );
    assert_eq!(
        errors(&service("", "", &rest)),
        [
            "14:1: annotation `RustCodegen.V1.LongRunning` takes a `String` constant, found `Bool` value `true`",
            "15:1: annotation `Org.OData.Core.V1.Description` takes a `String` constant, found a `Record`",
            format!(
                "17:31: annotation `Org.OData.Core.V1.LongDescription` takes a `String` constant, found `Int` value `{}...`",
                "x".repeat(40)
            )
            .as_str(),
        ]
    );
}

#[test]
fn well_formed_values_in_every_form_are_read() {
    let props = r#"<Property Name="a" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Computed" /></Property>
<Property Name="b" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Immutable"><Bool>true</Bool></Annotation>
<Annotation Term="Org.OData.Core.V1.Description"><String>element form</String></Annotation></Property>"#;
    let set_annotations = r#"<Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions"><Record><PropertyValue Property="Updatable"><Bool>false</Bool></PropertyValue></Record></Annotation>
<Annotation Term="Org.OData.Capabilities.V1.FilterRestrictions"><Record><PropertyValue Property="RequiredProperties"><Collection><PropertyPath>a</PropertyPath></Collection></PropertyValue></Record></Annotation>
<Annotation Term="Org.OData.Capabilities.V1.TopSupported" />"#;
    let model = resolved(&service(props, set_annotations, ""));
    let thing = model.type_id("ns.thing").expect("ns.thing");
    let s = model.structured(thing).expect("structured");
    let (a, b) = (s.property("a").expect("a"), s.property("b").expect("b"));
    assert_eq!((a.computed, a.immutable), (true, false));
    assert_eq!((b.computed, b.immutable), (false, true));
    assert_eq!(b.docs.description.as_deref(), Some("element form"));
    let container = model.container.as_ref().expect("container");
    let caps = &container.entity_sets[0].capabilities;
    assert_eq!(caps.updatable, Some(false));
    assert_eq!(caps.required_filter, ["a"]);
    assert_eq!(caps.top_supported, Some(true));
}
