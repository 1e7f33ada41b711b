//! The CSDL writer's output reads back and writes again byte-identically, on the full vendored
//! document; and its layout rules hold (header, indentation, sorting, escaping).

use codegen::csdl::read_document;
use codegen::csdl::syntax::{
    Annotation, Document, EnumMember, EnumType, Expr, Property, Schema, StructuredKind,
    StructuredType, TypeRef,
};
use codegen::csdl::writer::write_document;

const VENDORED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);

fn roundtrip(text: &str) -> String {
    let doc = read_document("written.csdl", text.as_bytes())
        .unwrap_or_else(|e| panic!("written XML reads back:\n{e}"));
    write_document(&doc)
}

#[test]
fn full_vendored_document_roundtrips_byte_identically() {
    let xml = std::fs::read(VENDORED).unwrap();
    let doc = read_document("beta-USNat.csdl", &xml).unwrap();
    let first = write_document(&doc);
    let second = roundtrip(&first);
    assert!(first == second, "second write differs from the first");
    assert!(
        first.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<edmx:Edmx Version=\"4.0\"")
    );
    assert!(first.ends_with("</edmx:Edmx>\n"));
    // Nothing is lost: re-reading gives the same syntax apart from positions and order.
    let reread = read_document("written.csdl", first.as_bytes()).unwrap();
    let count = |d: &Document| -> [usize; 5] {
        let s = d.schemas.iter();
        [
            s.clone().map(|s| s.structured_types.len()).sum(),
            s.clone().map(|s| s.enum_types.len()).sum(),
            s.clone().map(|s| s.operations.len()).sum(),
            s.clone().map(|s| s.annotation_blocks.len()).sum(),
            s.clone().map(|s| s.terms.len()).sum(),
        ]
    };
    assert_eq!(count(&doc), count(&reread));
    assert_eq!(count(&doc)[3], 284);
}

fn small_document() -> Document {
    let property = |name: &str, ty: &str| Property {
        name: name.into(),
        ty: TypeRef {
            name: ty.into(),
            collection: false,
        },
        ..Property::default()
    };
    let mut p = property("note", "Edm.String");
    p.annotations.push(Annotation {
        term: "Org.OData.Core.V1.Description".into(),
        qualifier: None,
        value: Expr::Const {
            kind: "String".into(),
            text: "a \"quoted\" <b> & line\nbreak".into(),
        },
        pos: Default::default(),
    });
    Document {
        source: "small.csdl".into(),
        version: "4.0".into(),
        references: vec![],
        schemas: vec![Schema {
            namespace: "ns".into(),
            alias: Some("n".into()),
            structured_types: vec![
                StructuredType {
                    name: "zeta".into(),
                    properties: vec![p],
                    ..Default::default()
                },
                StructuredType {
                    kind: StructuredKind::Complex,
                    name: "beta".into(),
                    ..Default::default()
                },
                StructuredType {
                    name: "alpha".into(),
                    base_type: Some("n.zeta".into()),
                    ..Default::default()
                },
            ],
            enum_types: vec![EnumType {
                name: "color".into(),
                members: vec![EnumMember {
                    name: "red".into(),
                    value: Some(0),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

#[test]
fn layout_is_sorted_indented_and_escaped() {
    let text = write_document(&small_document());
    let expected = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="ns" Alias="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color">
        <Member Name="red" Value="0" />
      </EnumType>
      <ComplexType Name="beta" />
      <EntityType Name="alpha" BaseType="n.zeta" />
      <EntityType Name="zeta">
        <Property Name="note" Type="Edm.String">
          <Annotation Term="Org.OData.Core.V1.Description" String="a &quot;quoted&quot; &lt;b&gt; &amp; line&#10;break" />
        </Property>
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;
    assert_eq!(text, expected);
    let reread = read_document("small.csdl", text.as_bytes()).unwrap();
    let Expr::Const {
        text: description, ..
    } = &reread.schemas[0]
        .structured_types
        .iter()
        .find(|t| t.name == "zeta")
        .unwrap()
        .properties[0]
        .annotations[0]
        .value
    else {
        panic!("description is a constant");
    };
    assert_eq!(description, "a \"quoted\" <b> & line\nbreak");
    assert_eq!(roundtrip(&text), text);
}

/// A document in the writer's own layout with what the writer used to lose: empty attribute
/// values that were given (`DefaultValue=""`, `Qualifier=""`, `String=""`) and expressions
/// it does not model (`UrlRef`, `Null`, `Apply`), which are kept as written.
const KEEPS_EMPTY_AND_OTHER: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="c">
        <Property Name="blank" Type="Edm.String" DefaultValue="" />
        <Property Name="none" Type="Edm.String">
          <Annotation Term="Core.Description" Qualifier="" String="" />
        </Property>
      </ComplexType>
      <Term Name="t" Type="Edm.String" DefaultValue="" />
      <Annotations Target="ns.c">
        <Annotation Term="Core.Links">
          <UrlRef><String>https://example.com/a?b=1&amp;c=&lt;d&gt;</String></UrlRef>
        </Annotation>
        <Annotation Term="Core.Example">
          <Collection>
            <Null />
            <Apply Function="odata.concat"><String>a</String><Path>b</Path></Apply>
          </Collection>
        </Annotation>
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

#[test]
fn empty_values_and_unmodelled_expressions_survive_a_round_trip() {
    let doc = read_document("keeps.csdl", KEEPS_EMPTY_AND_OTHER.as_bytes()).unwrap();
    let written = write_document(&doc);
    assert_eq!(written, KEEPS_EMPTY_AND_OTHER);
    let reread = read_document("keeps.csdl", written.as_bytes()).unwrap();
    assert_eq!(reread, doc, "read -> write -> read gives the same syntax");

    let schema = &reread.schemas[0];
    let props = &schema.structured_types[0].properties;
    assert_eq!(props[0].default_value.as_deref(), Some(""));
    assert_eq!(props[1].default_value, None);
    let description = &props[1].annotations[0];
    assert_eq!(description.qualifier.as_deref(), Some(""));
    assert_eq!(
        description.value,
        Expr::Const {
            kind: "String".into(),
            text: String::new()
        }
    );
    assert_eq!(schema.terms[0].default_value.as_deref(), Some(""));
    let block = &schema.annotation_blocks[0].annotations;
    let Expr::Other { element, raw } = &block[0].value else {
        panic!("{:?}", block[0].value)
    };
    assert_eq!(element, "UrlRef");
    assert_eq!(
        raw,
        "<UrlRef><String>https://example.com/a?b=1&amp;c=&lt;d&gt;</String></UrlRef>"
    );
    let Expr::Collection(items) = &block[1].value else {
        panic!("{:?}", block[1].value)
    };
    let elements: Vec<_> = (items.iter())
        .map(|i| match i {
            Expr::Other { element, .. } => element.as_str(),
            _ => "not kept as written",
        })
        .collect();
    assert_eq!(elements, ["Null", "Apply"]);
}
