//! Tests of the CSDL reader on annotations: attribute and element values, records, collections,
//! nested annotations, and decoding of entity and character references.

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

fn konst(kind: &str, text: &str) -> Expr {
    Expr::Const {
        kind: kind.to_owned(),
        text: text.to_owned(),
    }
}

#[test]
fn inline_annotations_with_attribute_values() {
    let s = schema(
        r#"<Annotation Term="Core.SchemaVersion" String="1.0" />
<EntityType Name="e">
  <Annotation Term="Core.Immutable" />
  <Annotation Term="Core.Computed" Bool="false" Qualifier="q" />
  <Annotation Term="Validation.Minimum" Int="-3" />
  <Annotation Term="Core.Permissions" EnumMember="Core.Permission/Read Core.Permission/Write" />
  <Annotation Term="Core.Target" Path="a/b" />
</EntityType>"#,
    );
    assert_eq!(s.annotations[0].value, konst("String", "1.0"));
    let a = &s.structured_types[0].annotations;
    let got: Vec<_> = a
        .iter()
        .map(|a| (a.term.as_str(), a.qualifier.as_deref(), a.value.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("Core.Immutable", None, Expr::Empty),
            ("Core.Computed", Some("q"), konst("Bool", "false")),
            ("Validation.Minimum", None, konst("Int", "-3")),
            (
                "Core.Permissions",
                None,
                konst("EnumMember", "Core.Permission/Read Core.Permission/Write")
            ),
            ("Core.Target", None, konst("Path", "a/b")),
        ]
    );
    assert_eq!(a[1].pos, at(7, 3));
}

#[test]
fn external_annotations_with_element_values() {
    let xml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csdl/annotations.csdl"
    ))
    .expect("fixture");
    let s = read(&xml).schemas.remove(0);
    let [block, qualified] = s.annotation_blocks.as_slice() else {
        panic!("{:?}", s.annotation_blocks)
    };
    assert_eq!(
        (block.target.as_str(), block.qualifier.as_deref()),
        ("ns.svc/alerts", None)
    );
    assert_eq!(block.pos, at(4, 7));
    assert_eq!(
        (qualified.target.as_str(), qualified.qualifier.as_deref()),
        ("ns.alert", Some("Tablet"))
    );
    let values: Vec<_> = block.annotations.iter().map(|a| &a.value).collect();
    assert_eq!(values[0], &konst("String", " spaced & <kept>\n"));
    assert_eq!(
        values[1],
        &konst("EnumMember", "Core.RevisionKind/Deprecated")
    );
    let Expr::Record(record) = values[2] else {
        panic!("{:?}", values[2])
    };
    assert_eq!(
        record.ty.as_deref(),
        Some("Capabilities.ReadRestrictionsType")
    );
    let props: Vec<_> = record
        .property_values
        .iter()
        .map(|p| (p.property.as_str(), p.value.clone()))
        .collect();
    assert_eq!(props[0], ("Readable", konst("Bool", "false")));
    assert_eq!(props[1].0, "CustomHeaders");
    let Expr::Collection(items) = &props[1].1 else {
        panic!("{:?}", props[1])
    };
    let Expr::Record(inner) = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(
        inner.property_values[0].value,
        konst("String", "ConsistencyLevel")
    );
    assert_eq!(inner.property_values[1].value, konst("Bool", "true"));
    assert_eq!(items[1], konst("NavigationPropertyPath", "manager"));
    assert_eq!(
        items[2],
        Expr::Other {
            element: "Null".to_owned(),
            raw: "<Null />".to_owned(),
        }
    );
    assert_eq!(
        props[2],
        (
            "Extra",
            Expr::Other {
                element: "Apply".to_owned(),
                raw: r#"<Apply Function="odata.concat"><String>a</String><Path>b</Path></Apply>"#
                    .to_owned(),
            }
        )
    );
    assert_eq!(record.property_values[0].pos, at(13, 13));
    assert_eq!(record.annotations[0].term, "Core.Description");
    assert_eq!(values[3], &Expr::Collection(Vec::new()));
    assert_eq!(qualified.annotations[0].value, konst("Int", "42"));
}

#[test]
fn nested_annotations_are_tolerated() {
    let s = schema(
        r#"<Annotations Target="a.e">
  <Annotation Term="Core.Description" String="outer">
    <Annotation Term="Core.Description" String="on the annotation"><Annotation Term="x.y" /></Annotation>
  </Annotation>
  <Annotation Term="Core.Links"><Record><PropertyValue Property="p" String="v"><Annotation Term="Core.Description" String="on the value" /></PropertyValue></Record></Annotation>
</Annotations>"#,
    );
    let a = &s.annotation_blocks[0].annotations;
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].value, konst("String", "outer"));
    let Expr::Record(r) = &a[1].value else {
        panic!("{:?}", a[1])
    };
    assert_eq!(r.property_values[0].value, konst("String", "v"));
}

#[test]
fn entities_are_decoded_in_attributes_and_text() {
    let s = schema(
        r#"<EnumType Name="a&amp;b&lt;c&gt;&#x41;&#66;&quot;&apos;" />
<Annotation Term="T" String="tab&#x9;nl&#10;é" />
<Annotation Term="U"><String>x &lt;y&gt; &#x1F600; <![CDATA[<raw>&amp;]]></String></Annotation>"#,
    );
    assert_eq!(s.enum_types[0].name, "a&b<c>AB\"'");
    assert_eq!(s.annotations[0].value, konst("String", "tab\tnl\né"));
    assert_eq!(
        s.annotations[1].value,
        konst("String", "x <y> \u{1F600} <raw>&amp;")
    );
}
