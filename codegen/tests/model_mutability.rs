//! `Core.Computed` and `Core.Immutable` on properties: read inline or from an external
//! `Annotations` block (also in another document), by full term name or alias, with or without
//! a `Bool` value, recorded on `PropertyDef` and carried by the copies in derived types.

use codegen::csdl::read_document;
use codegen::csdl::syntax::Document;
use codegen::model::{Model, resolve};

const EDMX: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" />
  </edmx:Reference>"#;

/// The service document, as the annotations document includes it: alias `s`.
const SERVICE_REFERENCE: &str = r#"<edmx:Reference Uri="service.csdl">
    <edmx:Include Namespace="ns" Alias="s" />
  </edmx:Reference>"#;

/// A document with the `Core` reference, `references` and one schema `schema_attrs` holding
/// `body`.
fn document(name: &str, references: &str, schema_attrs: &str, body: &str) -> Document {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{EDMX}{references}<edmx:DataServices>\n\
         <Schema {schema_attrs} xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         {body}\n</Schema></edmx:DataServices></edmx:Edmx>\n"
    );
    read_document(name, xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

/// `ns.thing` with the properties `props` (each `<Property>` written out) and `ns.special`,
/// derived from it, adding `extra`.
fn service(props: &str) -> Document {
    let body = format!(
        r#"<EntityType Name="thing">
  <Key><PropertyRef Name="id" /></Key>
  <Property Name="id" Type="Edm.String" Nullable="false" />
  {props}
</EntityType>
<EntityType Name="special" BaseType="n.thing"><Property Name="extra" Type="Edm.Int32" /></EntityType>"#
    );
    document("service.csdl", "", r#"Namespace="ns" Alias="n""#, &body)
}

fn resolved(docs: &[Document]) -> Model {
    resolve(docs).unwrap_or_else(|e| panic!("resolves:\n{e}"))
}

/// `(computed, immutable)` of property `prop` of type `ty`.
fn flags(model: &Model, ty: &str, prop: &str) -> (bool, bool) {
    let id = model.type_id(ty).unwrap_or_else(|| panic!("no {ty}"));
    let s = model.structured(id).expect("structured");
    let p = s.property(prop).unwrap_or_else(|| panic!("no {ty}/{prop}"));
    (p.computed, p.immutable)
}

#[test]
fn inline_terms_by_full_name_or_alias_with_or_without_a_value() {
    let props = r#"<Property Name="plain" Type="Edm.String" />
  <Property Name="bare" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Computed" /></Property>
  <Property Name="aliased" Type="Edm.String"><Annotation Term="Core.Computed" Bool="true" /></Property>
  <Property Name="notComputed" Type="Edm.String"><Annotation Term="Core.Computed" Bool="false" /></Property>
  <Property Name="fixed" Type="Edm.String"><Annotation Term="Core.Immutable" /></Property>
  <Property Name="notFixed" Type="Edm.String"><Annotation Term="Org.OData.Core.V1.Immutable" Bool="false" /></Property>
  <Property Name="other" Type="Edm.String"><Annotation Term="Core.Permissions" EnumMember="Core.Permission/Read" /></Property>"#;
    let model = resolved(&[service(props)]);
    let expected = [
        ("plain", (false, false)),
        ("bare", (true, false)),
        ("aliased", (true, false)),
        ("notComputed", (false, false)),
        ("fixed", (false, true)),
        ("notFixed", (false, false)),
        ("other", (false, false)),
        ("id", (false, false)),
    ];
    for (prop, want) in expected {
        assert_eq!(flags(&model, "ns.thing", prop), want, "{prop}");
    }
}

#[test]
fn derived_types_carry_the_flags_of_inherited_properties() {
    let props = r#"<Property Name="stamp" Type="Edm.DateTimeOffset"><Annotation Term="Core.Computed" /></Property>"#;
    let model = resolved(&[service(props)]);
    assert_eq!(flags(&model, "ns.special", "stamp"), (true, false));
    assert_eq!(flags(&model, "ns.special", "extra"), (false, false));
}

/// An annotations document in its own namespace holding `blocks`, referring to the service
/// by alias `s`.
fn external(blocks: &str) -> Document {
    document(
        "notes.csdl",
        SERVICE_REFERENCE,
        r#"Namespace="notes""#,
        blocks,
    )
}

#[test]
fn external_blocks_set_and_clear_the_flags_by_full_name_or_alias() {
    let props = r#"<Property Name="stamp" Type="Edm.String"><Annotation Term="Core.Computed" /></Property>
  <Property Name="origin" Type="Edm.String" />
  <Property Name="count" Type="Edm.Int32" />
  <Property Name="owner" Type="Edm.String" />"#;
    let notes = external(
        r#"<Annotations Target="s.thing/stamp"><Annotation Term="Core.Computed" Bool="false" /></Annotations>
<Annotations Target="ns.thing/origin"><Annotation Term="Org.OData.Core.V1.Immutable" /></Annotations>
<Annotations Target="s.thing/count"><Annotation Term="Core.Computed" Bool="true" /><Annotation Term="Core.Description" String="How many." /></Annotations>
<Annotations Target="s.thing/owner"><Annotation Term="Org.OData.Core.V1.Computed" Bool="true" /><Annotation Term="Core.Immutable" Bool="true" /></Annotations>"#,
    );
    let model = resolved(&[service(props), notes]);
    assert_eq!(
        flags(&model, "ns.thing", "stamp"),
        (false, false),
        "cleared"
    );
    assert_eq!(flags(&model, "ns.thing", "origin"), (false, true));
    assert_eq!(flags(&model, "ns.thing", "count"), (true, false));
    assert_eq!(flags(&model, "ns.thing", "owner"), (true, true));
    assert_eq!(
        flags(&model, "ns.special", "count"),
        (true, false),
        "inherited"
    );
    let id = model.type_id("ns.thing").expect("thing");
    let count = model.structured(id).and_then(|s| s.property("count"));
    let description = count.and_then(|p| p.docs.description.as_deref());
    assert_eq!(description, Some("How many."), "other terms still apply");
}

#[test]
fn an_external_flag_on_an_inherited_member_must_target_the_base() {
    let props = r#"<Property Name="stamp" Type="Edm.String" />"#;
    let notes = external(
        r#"<Annotations Target="s.special/stamp"><Annotation Term="Core.Computed" /></Annotations>"#,
    );
    let err = resolve(&[service(props), notes]).expect_err("inherited member");
    let message = err.to_string();
    assert!(
        message.contains("`stamp` is inherited from `ns.thing`: target `ns.thing/stamp` instead"),
        "{message}"
    );
}

#[test]
fn the_models_docs_say_which_properties_an_update_does_not_send() {
    let props = r#"<Property Name="plain" Type="Edm.String" />
  <Property Name="computed" Type="Edm.String"><Annotation Term="Core.Computed" /></Property>
  <Property Name="immutable" Type="Edm.String"><Annotation Term="Core.Immutable" /></Property>"#;
    let model = resolved(&[service(props)]);
    let plan = codegen::rust::plan::Plan::new(&model, "crate").expect("plans");
    let id = model.type_id("ns.thing").expect("ns.thing");
    let doc = |prop: &str| {
        let s = model.structured(id).expect("structured");
        plan.property_doc(s.property(prop).expect(prop))
    };
    assert!(!doc("plain").contains("update"), "{}", doc("plain"));
    assert!(
        doc("computed").ends_with("Read-only: set by the service; an update does not send it.")
    );
    assert!(
        doc("immutable").ends_with("Set when the entity is created; an update does not send it.")
    );
}
