//! Tests of the CSDL reader on small documents: one test per construct, asserting the values
//! read, plus tolerance of unknown and foreign-namespace elements and attributes.

use codegen::csdl::read_document;
use codegen::csdl::syntax::*;

mod common;

use common::{HEAD, TAIL};

fn read(xml: &str) -> Document {
    read_document("test.csdl", xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

/// Reads `body` as the content of the single schema `ns`.
fn schema(body: &str) -> Schema {
    let mut doc = read(&format!("{HEAD}{body}{TAIL}"));
    assert_eq!(doc.schemas.len(), 1);
    doc.schemas.remove(0)
}

fn at(line: u32, column: u32) -> Pos {
    Pos { line, column }
}

fn ty(name: &str, collection: bool) -> TypeRef {
    TypeRef {
        name: name.to_owned(),
        collection,
    }
}

fn konst(kind: &str, text: &str) -> Expr {
    Expr::Const {
        kind: kind.to_owned(),
        text: text.to_owned(),
    }
}

#[test]
fn edmx_version_references_and_includes() {
    let doc = read(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.01" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis.example/Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" />
    <edmx:Include Namespace="Org.OData.Other" />
  </edmx:Reference>
  <edmx:DataServices />
</edmx:Edmx>"#,
    );
    assert_eq!(doc.source, "test.csdl");
    assert_eq!(doc.version, "4.01");
    assert!(doc.schemas.is_empty());
    let [reference] = doc.references.as_slice() else {
        panic!("{:?}", doc.references)
    };
    assert_eq!(reference.uri, "https://oasis.example/Core.V1.xml");
    assert_eq!(reference.pos, at(3, 3));
    let includes: Vec<_> = reference
        .includes
        .iter()
        .map(|i| (i.namespace.as_str(), i.alias.as_deref(), i.pos))
        .collect();
    assert_eq!(
        includes,
        [
            ("Org.OData.Core.V1", Some("Core"), at(4, 5)),
            ("Org.OData.Other", None, at(5, 5))
        ]
    );
}

#[test]
fn several_schemas_with_namespace_and_alias() {
    let doc = read(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
<Schema Namespace="one" Alias="o" xmlns="http://docs.oasis-open.org/odata/ns/edm"/>
<Schema Namespace="two" xmlns="http://docs.oasis-open.org/odata/ns/edm"><EnumType Name="e"/></Schema>
</edmx:DataServices>
</edmx:Edmx>"#,
    );
    let schemas: Vec<_> = doc
        .schemas
        .iter()
        .map(|s| (s.namespace.as_str(), s.alias.as_deref(), s.pos))
        .collect();
    assert_eq!(
        schemas,
        [("one", Some("o"), at(3, 1)), ("two", None, at(4, 1))]
    );
    assert_eq!(doc.schemas[1].enum_types[0].name, "e");
}

#[test]
fn entity_type_with_key_base_type_and_flags() {
    let s = schema(
        r#"<EntityType Name="base" Abstract="true" OpenType="true">
  <Key><PropertyRef Name="id" /><PropertyRef Name="a/b" Alias="ab" /></Key>
  <Property Name="id" Type="Edm.String" Nullable="false" />
</EntityType>
<EntityType Name="photo" BaseType="a.base" HasStream="true" />"#,
    );
    let [base, photo] = s.structured_types.as_slice() else {
        panic!("{:?}", s.structured_types)
    };
    assert_eq!(base.kind, StructuredKind::Entity);
    assert_eq!(base.name, "base");
    assert!(base.is_abstract && base.open_type && !base.has_stream);
    assert_eq!(base.base_type, None);
    let key: Vec<_> = base
        .key
        .iter()
        .map(|k| (k.name.as_str(), k.alias.as_deref()))
        .collect();
    assert_eq!(key, [("id", None), ("a/b", Some("ab"))]);
    assert_eq!(base.key[0].pos, at(5, 8));
    assert_eq!(base.properties.len(), 1);
    assert_eq!(base.pos, at(4, 1));
    assert_eq!(photo.base_type.as_deref(), Some("a.base"));
    assert!(photo.has_stream && !photo.is_abstract && !photo.open_type);
    assert!(photo.key.is_empty());
    assert_eq!(photo.pos, at(8, 1));
}

#[test]
fn complex_type_with_navigation_property() {
    let s = schema(
        r#"<ComplexType Name="address" BaseType="a.location" OpenType="true">
  <Property Name="city" Type="Edm.String" />
  <NavigationProperty Name="owner" Type="a.user" />
</ComplexType>"#,
    );
    let ct = &s.structured_types[0];
    assert_eq!(ct.kind, StructuredKind::Complex);
    assert_eq!(
        (ct.name.as_str(), ct.base_type.as_deref()),
        ("address", Some("a.location"))
    );
    assert!(ct.open_type);
    assert_eq!(ct.properties[0].name, "city");
    assert_eq!(ct.navigation_properties[0].name, "owner");
    assert_eq!(ct.navigation_properties[0].ty, ty("a.user", false));
    assert_eq!(ct.navigation_properties[0].pos, at(6, 3));
}

#[test]
fn enum_type_with_flags_underlying_type_and_sparse_values() {
    let s = schema(
        r#"<EnumType Name="color" IsFlags="true" UnderlyingType="Edm.Int64">
  <Member Name="red" Value="1" />
  <Member Name="blue" Value="4"><Annotation Term="Core.Description" String="b" /></Member>
  <Member Name="big" Value="-9223372036854775808" />
</EnumType>
<EnumType Name="plain"><Member Name="x" /></EnumType>"#,
    );
    let [color, plain] = s.enum_types.as_slice() else {
        panic!("{:?}", s.enum_types)
    };
    assert!(color.is_flags);
    assert_eq!(color.underlying_type.as_deref(), Some("Edm.Int64"));
    let members: Vec<_> = color
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(
        members,
        [("red", Some(1)), ("blue", Some(4)), ("big", Some(i64::MIN))]
    );
    assert_eq!(color.members[1].annotations[0].value, konst("String", "b"));
    assert_eq!(color.members[1].pos, at(6, 3));
    assert!(!plain.is_flags);
    assert_eq!(plain.underlying_type, None);
    assert_eq!(plain.members[0].value, None);
}

#[test]
fn type_definition() {
    let s = schema(
        r#"<TypeDefinition Name="money" UnderlyingType="Edm.Decimal" Precision="18" Scale="2">
  <Annotation Term="Core.Description" String="cash" />
</TypeDefinition>"#,
    );
    let td = &s.type_definitions[0];
    assert_eq!(
        (td.name.as_str(), td.underlying_type.as_str()),
        ("money", "Edm.Decimal")
    );
    assert_eq!(td.facets.precision, Some(18));
    assert_eq!(td.facets.scale, Some(Scale::Value(2)));
    assert!(td.facets.nullable);
    assert_eq!(td.annotations[0].term, "Core.Description");
    assert_eq!(td.pos, at(4, 1));
}

#[test]
fn property_facets() {
    let s = schema(
        r#"<ComplexType Name="c">
  <Property Name="plain" Type="Edm.String" />
  <Property Name="s" Type="Edm.String" Nullable="false" MaxLength="max" Unicode="false" DefaultValue="a&amp;b" />
  <Property Name="n" Type="Edm.Decimal" Nullable="true" MaxLength="40" Precision="10" Scale="variable" />
  <Property Name="f" Type="Edm.Decimal" Scale="floating" />
  <Property Name="g" Type="Edm.GeographyPoint" SRID="4326" />
  <Property Name="list" Type="Collection(a.item)" />
</ComplexType>"#,
    );
    let p = &s.structured_types[0].properties;
    assert_eq!(p[0].facets, Facets::default());
    assert!(p[0].facets.nullable);
    assert_eq!(p[0].default_value, None);
    assert!(!p[1].facets.nullable);
    assert_eq!(p[1].facets.max_length, Some(MaxLength::Max));
    assert_eq!(p[1].facets.unicode, Some(false));
    assert_eq!(p[1].default_value.as_deref(), Some("a&b"));
    assert!(p[2].facets.nullable);
    assert_eq!(p[2].facets.max_length, Some(MaxLength::Value(40)));
    assert_eq!(p[2].facets.precision, Some(10));
    assert_eq!(p[2].facets.scale, Some(Scale::Variable));
    assert_eq!(p[3].facets.scale, Some(Scale::Floating));
    assert_eq!(p[4].facets.srid.as_deref(), Some("4326"));
    assert_eq!(p[4].ty, ty("Edm.GeographyPoint", false));
    assert_eq!(p[5].ty, ty("a.item", true));
    assert_eq!(p[5].pos, at(10, 3));
}

#[test]
fn navigation_property_attributes() {
    let s = schema(
        r#"<EntityType Name="e">
  <NavigationProperty Name="kids" Type="Collection(a.kid)" Partner="parent" ContainsTarget="true">
    <OnDelete Action="Cascade" />
  </NavigationProperty>
  <NavigationProperty Name="boss" Type="a.person" Nullable="false" />
</EntityType>"#,
    );
    let n = &s.structured_types[0].navigation_properties;
    assert_eq!(n.len(), 2);
    assert_eq!(n[0].ty, ty("a.kid", true));
    assert_eq!(n[0].partner.as_deref(), Some("parent"));
    assert!(n[0].contains_target && n[0].nullable);
    assert_eq!(n[1].ty, ty("a.person", false));
    assert!(!n[1].nullable && !n[1].contains_target);
    assert_eq!(n[1].partner, None);
}

#[test]
fn actions_and_functions() {
    let s = schema(
        r#"<Action Name="dismiss" IsBound="true" EntitySetPath="bp/alerts">
  <Parameter Name="bp" Type="a.alert" Nullable="false" />
  <Parameter Name="reason" Type="Edm.String" MaxLength="100" />
  <Parameter Name="tags" Type="Collection(Edm.String)" />
  <ReturnType Type="a.alert" Nullable="false" />
</Action>
<Function Name="recent" IsComposable="true"><ReturnType Type="Collection(a.alert)" /></Function>
<Action Name="reset" />"#,
    );
    let [dismiss, recent, reset] = s.operations.as_slice() else {
        panic!("{:?}", s.operations)
    };
    assert_eq!(dismiss.kind, OperationKind::Action);
    assert!(dismiss.is_bound && !dismiss.is_composable);
    assert_eq!(dismiss.entity_set_path.as_deref(), Some("bp/alerts"));
    let params: Vec<_> = dismiss
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.ty.clone(), p.facets.nullable))
        .collect();
    assert_eq!(
        params,
        [
            ("bp", ty("a.alert", false), false),
            ("reason", ty("Edm.String", false), true),
            ("tags", ty("Edm.String", true), true)
        ]
    );
    assert_eq!(
        dismiss.parameters[1].facets.max_length,
        Some(MaxLength::Value(100))
    );
    let ret = dismiss.return_type.as_ref().expect("return type");
    assert_eq!(
        (ret.ty.clone(), ret.facets.nullable, ret.pos),
        (ty("a.alert", false), false, at(8, 3))
    );
    assert_eq!(recent.kind, OperationKind::Function);
    assert!(recent.is_composable && !recent.is_bound);
    assert_eq!(
        recent.return_type.as_ref().map(|r| r.ty.clone()),
        Some(ty("a.alert", true))
    );
    assert!(reset.parameters.is_empty() && reset.return_type.is_none());
    assert_eq!(reset.pos, at(11, 1));
}

#[test]
fn entity_container() {
    let s = schema(
        r#"<EntityContainer Name="svc" Extends="other.svc">
  <EntitySet Name="alerts" EntityType="a.alert" IncludeInServiceDocument="false">
    <NavigationPropertyBinding Path="definition" Target="definitions" />
    <Annotation Term="Core.Description" String="all alerts" />
  </EntitySet>
  <Singleton Name="me" Type="a.user"><NavigationPropertyBinding Path="manager" Target="users" /></Singleton>
  <ActionImport Name="reset" Action="a.reset" />
  <FunctionImport Name="recent" Function="a.recent" EntitySet="alerts" IncludeInServiceDocument="true" />
</EntityContainer>"#,
    );
    let c = &s.entity_containers[0];
    assert_eq!(
        (c.name.as_str(), c.extends.as_deref()),
        ("svc", Some("other.svc"))
    );
    let set = &c.entity_sets[0];
    assert_eq!(
        (set.name.as_str(), set.entity_type.as_str()),
        ("alerts", "a.alert")
    );
    assert!(!set.include_in_service_document);
    let b = &set.navigation_property_bindings[0];
    assert_eq!(
        (b.path.as_str(), b.target.as_str(), b.pos),
        ("definition", "definitions", at(6, 5))
    );
    assert_eq!(set.annotations[0].value, konst("String", "all alerts"));
    let me = &c.singletons[0];
    assert_eq!((me.name.as_str(), me.ty.as_str()), ("me", "a.user"));
    assert_eq!(me.navigation_property_bindings[0].target, "users");
    let ai = &c.action_imports[0];
    assert_eq!(
        (
            ai.name.as_str(),
            ai.operation.as_str(),
            ai.entity_set.as_deref()
        ),
        ("reset", "a.reset", None)
    );
    assert!(!ai.include_in_service_document);
    let fi = &c.function_imports[0];
    assert_eq!(
        (fi.operation.as_str(), fi.entity_set.as_deref()),
        ("a.recent", Some("alerts"))
    );
    assert!(fi.include_in_service_document);
    assert_eq!(fi.pos, at(11, 3));
}

#[test]
fn term_definition() {
    let s = schema(
        r#"<Term Name="note" Type="Collection(Edm.String)" BaseTerm="Core.Description" AppliesTo="EntityType Property" DefaultValue="none" Nullable="false" />"#,
    );
    let t = &s.terms[0];
    assert_eq!(t.name, "note");
    assert_eq!(t.ty, ty("Edm.String", true));
    assert_eq!(t.base_term.as_deref(), Some("Core.Description"));
    assert_eq!(t.applies_to.as_deref(), Some("EntityType Property"));
    assert_eq!(t.default_value.as_deref(), Some("none"));
    assert!(!t.facets.nullable);
    assert_eq!(t.pos, at(4, 1));
}

#[test]
fn unknown_elements_and_attributes_are_skipped_not_misread() {
    let s = schema(
        r#"<EntityType Name="e" Color="blue" xmlns:x="urn:other">
  <Documentation><Property Name="fake" Type="Edm.String" /><Summary>text</Summary></Documentation>
  <x:Property Name="foreign" Type="Edm.String" />
  <Property Name="real" Type="Edm.String" Weird="1" />
  <x:Wrapper><NavigationProperty Name="hidden" Type="a.e" /></x:Wrapper>
</EntityType>
<Widget><EntityType Name="ghost" /></Widget>
<x:EntityType xmlns:x="urn:other" Name="alien" />"#,
    );
    assert_eq!(s.structured_types.len(), 1);
    let e = &s.structured_types[0];
    let names: Vec<_> = e.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["real"]);
    assert!(e.navigation_properties.is_empty());
}

#[test]
fn elements_are_matched_by_namespace_not_prefix() {
    // A `Schema` in another namespace is an error now (see `reader_errors.rs`).
    let doc = read(
        r#"<e:Edmx Version="4.0" xmlns:e="http://docs.oasis-open.org/odata/ns/edmx">
<e:DataServices>
<c:Schema Namespace="prefixed" xmlns:c="http://docs.oasis-open.org/odata/ns/edm"><c:EnumType Name="x" /></c:Schema>
<DataServices xmlns="http://docs.oasis-open.org/odata/ns/edm" />
</e:DataServices>
</e:Edmx>"#,
    );
    let names: Vec<_> = doc.schemas.iter().map(|s| s.namespace.as_str()).collect();
    assert_eq!(names, ["prefixed"]);
    assert_eq!(doc.schemas[0].enum_types[0].name, "x");
}

#[test]
fn columns_count_characters_not_bytes() {
    let s = schema(r#"<Annotation Term="é€😀" String="ü" /><EnumType Name="after" />"#);
    // `é€😀ü` are 4 characters but 11 bytes.
    assert_eq!(s.enum_types[0].pos, at(4, 37));
}
