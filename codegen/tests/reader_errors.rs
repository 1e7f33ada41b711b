//! Tests of the CSDL reader's diagnostics: one test per error kind, asserting the message and the
//! line and column, plus robustness against truncated, mutated and deeply nested input.

use codegen::Diagnostic;
use codegen::csdl::read_document;
use codegen::csdl::syntax::Pos;

mod common;

use common::{HEAD, TAIL};

/// The diagnostics for `xml` as `(line, column, message)`; panics if it reads without error.
fn errors(xml: impl AsRef<[u8]>) -> Vec<(u32, u32, String)> {
    match read_document("bad.csdl", xml.as_ref()) {
        Ok(doc) => panic!("expected errors, read {doc:?}"),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|d| {
                assert_eq!(d.source, "bad.csdl");
                (d.pos.line, d.pos.column, d.message.clone())
            })
            .collect(),
    }
}

/// The diagnostics for a schema with `body`.
fn schema_errors(body: &str) -> Vec<(u32, u32, String)> {
    errors(format!("{HEAD}{body}{TAIL}"))
}

fn one(line: u32, column: u32, message: &str) -> Vec<(u32, u32, String)> {
    vec![(line, column, message.to_owned())]
}

#[test]
fn mismatched_end_tag() {
    let xml = "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">
  <edmx:DataServices>
  </edmx:Edmx>";
    assert_eq!(
        errors(xml),
        one(
            3,
            3,
            "invalid XML: ill-formed document: expected `</edmx:DataServices>`, but `</edmx:Edmx>` was found"
        )
    );
}

#[test]
fn truncated_document() {
    let xml =
        format!("{HEAD}<EntityType Name=\"e\">\n  <Property Name=\"p\" Type=\"Edm.String\" />\n");
    assert_eq!(
        errors(xml),
        one(
            6,
            1,
            "unexpected end of document: `<EntityType>` opened at line 4, column 1 is not closed"
        )
    );
}

#[test]
fn truncated_inside_a_tag() {
    let xml = format!("{HEAD}  <EntityType Name=\"e");
    assert_eq!(
        errors(xml),
        one(
            4,
            3,
            "invalid XML: syntax error: attribute value not closed: `\"` not found before end of input"
        )
    );
}

#[test]
fn unknown_entity_in_text() {
    let body = "<Annotation Term=\"T\">\n  <String>a &nbsp; b</String></Annotation>";
    assert_eq!(
        schema_errors(body),
        one(
            5,
            13,
            "unknown entity `&nbsp;`: only the XML entities `&lt;`, `&gt;`, `&amp;`, `&apos;` and `&quot;` are defined"
        )
    );
}

#[test]
fn bad_entities_in_attributes() {
    let body = "<EnumType Name=\"a&nbsp;\" />\n<EnumType Name=\"&#xZZ;\" />";
    let found = schema_errors(body);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (4, 1));
    assert!(
        found[0]
            .2
            .starts_with("invalid value for `Name` on `<EnumType>`: ")
            && found[0].2.contains("nbsp"),
        "{found:?}"
    );
    assert_eq!((found[1].0, found[1].1), (5, 1));
    assert!(
        found[1].2.contains("invalid character reference"),
        "{found:?}"
    );
}

#[test]
fn wrong_root_element() {
    let xml = "<?xml version=\"1.0\"?>\n<Schema Namespace=\"x\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" />";
    assert_eq!(
        errors(xml),
        one(
            2,
            1,
            "wrong root element: expected `edmx:Edmx` (namespace `http://docs.oasis-open.org/odata/ns/edmx`), found `<Schema>`"
        )
    );
    let xml = "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"urn:not-edmx\" />";
    assert_eq!(
        errors(xml),
        one(
            1,
            1,
            "wrong root element: expected `edmx:Edmx` (namespace `http://docs.oasis-open.org/odata/ns/edmx`), found `<edmx:Edmx>` in another namespace"
        )
    );
}

#[test]
fn schema_outside_the_csdl_namespace() {
    let xml = "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">
<edmx:DataServices>
  <Schema Namespace=\"ns\"><EntityType Name=\"e\"/></Schema>
  <v3:Schema Namespace=\"old\" xmlns:v3=\"http://schemas.microsoft.com/ado/2009/11/edm\"/>
</edmx:DataServices>
</edmx:Edmx>";
    let expected = |column: u32, qname: &str| {
        (
            column,
            format!(
                "`<{qname}>` is not in the CSDL namespace: expected \
                 `http://docs.oasis-open.org/odata/ns/edm` (CSDL 4.0/4.01), e.g. \
                 `xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"` on the schema"
            ),
        )
    };
    let (first, second) = (expected(3, "Schema"), expected(3, "v3:Schema"));
    assert_eq!(
        errors(xml),
        vec![(3, first.0, first.1), (4, second.0, second.1)]
    );
}

#[test]
fn empty_input() {
    let expected = one(1, 1, "empty document: expected an `edmx:Edmx` root element");
    assert_eq!(errors(""), expected);
    assert_eq!(errors(" \n\t\r\n "), expected);
    assert_eq!(errors("\u{feff}"), expected);
    assert_eq!(
        errors("<?xml version=\"1.0\"?>\n<!-- nothing -->\n"),
        one(3, 1, "no root element: expected `edmx:Edmx`")
    );
}

#[test]
fn text_before_and_elements_after_the_root() {
    let xml = "hello <edmx:Edmx/>";
    assert_eq!(
        errors(xml),
        one(1, 7, "text before the root element `edmx:Edmx`")
    );
    let xml = format!("{HEAD}{TAIL}<extra/>");
    assert_eq!(
        errors(xml),
        one(8, 1, "unexpected element `<extra>` after the root element")
    );
}

#[test]
fn missing_required_attributes_are_all_reported() {
    let xml = "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">
<edmx:Reference><edmx:Include /></edmx:Reference>
<edmx:DataServices>
<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
  <EntityType>
    <Property Name=\"p\" />
  </EntityType>
  <Annotations><Annotation /></Annotations>
</Schema>
</edmx:DataServices>
</edmx:Edmx>";
    let expected: Vec<_> = [
        (1, 1, "`Version` on `<edmx:Edmx>`"),
        (2, 1, "`Uri` on `<edmx:Reference>`"),
        (2, 17, "`Namespace` on `<edmx:Include>`"),
        (4, 1, "`Namespace` on `<Schema>`"),
        (5, 3, "`Name` on `<EntityType>`"),
        (6, 5, "`Type` on `<Property>`"),
        (8, 3, "`Target` on `<Annotations>`"),
        (8, 16, "`Term` on `<Annotation>`"),
    ]
    .into_iter()
    .map(|(l, c, what)| (l, c, format!("missing required attribute {what}")))
    .collect();
    assert_eq!(errors(xml), expected);
}

#[test]
fn unbalanced_collection() {
    let body = "<ComplexType Name=\"c\">
  <Property Name=\"a\" Type=\"Collection(a.x\" />
  <Property Name=\"b\" Type=\"Collection(Collection(a.x))\" />
  <NavigationProperty Name=\"c\" Type=\"a.x)\" />
</ComplexType>";
    let message = |value: &str, element: &str| {
        format!(
            "unbalanced `Collection(` in `Type=\"{value}\"` on `<{element}>`: expected `Collection(Namespace.Type)` or `Namespace.Type`"
        )
    };
    assert_eq!(
        schema_errors(body),
        vec![
            (5, 3, message("Collection(a.x", "Property")),
            (6, 3, message("Collection(Collection(a.x))", "Property")),
            (7, 3, message("a.x)", "NavigationProperty")),
        ]
    );
}

#[test]
fn invalid_boolean_values() {
    let body = "<EntityType Name=\"e\" Abstract=\"yes\">\n  <Property Name=\"p\" Type=\"Edm.String\" Nullable=\"1\" />\n</EntityType>";
    assert_eq!(
        schema_errors(body),
        vec![
            (
                4,
                1,
                "invalid value \"yes\" for `Abstract` on `<EntityType>`: expected `true` or `false`"
                    .to_owned()
            ),
            (
                5,
                3,
                "invalid value \"1\" for `Nullable` on `<Property>`: expected `true` or `false`"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn invalid_integer_values() {
    let body = "<EnumType Name=\"e\"><Member Name=\"m\" Value=\"1.5\" /></EnumType>
<ComplexType Name=\"c\"><Property Name=\"p\" Type=\"Edm.Decimal\" Precision=\"-1\" MaxLength=\"big\" Scale=\"x\" /></ComplexType>";
    assert_eq!(
        schema_errors(body),
        vec![
            (4, 20, "invalid value \"1.5\" for `Value` on `<Member>`: expected a 64-bit integer".to_owned()),
            (5, 23, "invalid value \"big\" for `MaxLength` on `<Property>`: expected `max` or a non-negative integer".to_owned()),
            (5, 23, "invalid value \"-1\" for `Precision` on `<Property>`: expected a non-negative integer".to_owned()),
            (5, 23, "invalid value \"x\" for `Scale` on `<Property>`: expected `variable`, `floating` or a non-negative integer".to_owned()),
        ]
    );
}

#[test]
fn bound_operation_without_parameter() {
    let body = "<Action Name=\"dismiss\" IsBound=\"true\" />\n<Function Name=\"count\" IsBound=\"true\"><ReturnType Type=\"Edm.Int32\" /></Function>";
    assert_eq!(
        schema_errors(body),
        vec![
            (4, 1, "bound action `dismiss` (IsBound=\"true\") has no parameter: the first parameter must be the binding parameter".to_owned()),
            (5, 1, "bound function `count` (IsBound=\"true\") has no parameter: the first parameter must be the binding parameter".to_owned()),
        ]
    );
}

#[test]
fn invalid_utf8() {
    let mut xml = format!("{HEAD}<EnumType Name=\"").into_bytes();
    xml.extend_from_slice(b"ab\xFFc\" />");
    assert_eq!(
        errors(xml),
        one(4, 19, "the document is not valid UTF-8 (byte 0xFF)")
    );
}

#[test]
fn nesting_deeper_than_the_bound() {
    let mut body = String::from("<Annotation Term=\"T\">\n");
    body.push_str(&"<Collection>".repeat(300));
    body.push_str(&"</Collection>".repeat(300));
    body.push_str("</Annotation>");
    // Edmx, DataServices, Schema and Annotation are 4 levels: collection 253 is level 257.
    let column = 1 + 12 * 252;
    assert_eq!(
        schema_errors(&body),
        one(
            5,
            column,
            "element `<Collection>` is nested more than 256 levels deep"
        )
    );
    let unknown = format!("{}{}", "<x>".repeat(100_000), "</x>".repeat(100_000));
    let found = schema_errors(&unknown);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0, found[0].1), (4, 1 + 3 * 253));
}

#[test]
fn every_readable_problem_is_reported_at_once() {
    let body = "<EntityType Name=\"e\" OpenType=\"maybe\">
  <Property Type=\"Edm.String\" />
</EntityType>
<Action Name=\"a\" IsBound=\"true\" />
<EntityType Name=\"f\"><Property Name=\"x\" Type=\"Edm.String\"></EntityType>";
    let found = schema_errors(body);
    let positions: Vec<_> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(positions, [(4, 1), (5, 3), (7, 1), (8, 59)], "{found:?}");
    assert!(found[1].2.contains("`Name` on `<Property>`"), "{found:?}");
    assert_eq!(
        found[3].2,
        "invalid XML: ill-formed document: expected `</Property>`, but `</EntityType>` was found"
    );
}

#[test]
fn diagnostics_display_source_line_and_column() {
    let Err(diagnostics) = read_document("file.csdl", b"  ") else {
        panic!("expected an error")
    };
    let expected = Diagnostic::new(
        "file.csdl",
        Pos { line: 1, column: 1 },
        "empty document: expected an `edmx:Edmx` root element",
    );
    assert_eq!(diagnostics.0, [expected]);
    assert_eq!(
        diagnostics.to_string(),
        "file.csdl:1:1: empty document: expected an `edmx:Edmx` root element"
    );
}

#[test]
fn truncated_or_mutated_input_never_panics() {
    let xml = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csdl/annotations.csdl"
    ))
    .expect("fixture");
    assert!(read_document("ok", &xml).is_ok());
    let end = xml.iter().rposition(|&b| b == b'>').expect("a tag");
    for cut in 0..end {
        let prefix = xml.get(..cut).expect("in range");
        assert!(
            read_document("cut", prefix).is_err(),
            "prefix of {cut} bytes read"
        );
    }
    let mut seed = 0x2545_f491_u32;
    for _ in 0..2000 {
        let mut mutated = xml.clone();
        for _ in 0..4 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let at = seed as usize % mutated.len();
            let byte = (seed >> 24) as u8;
            if let Some(b) = mutated.get_mut(at) {
                *b = byte;
            }
        }
        let _ = read_document("mutated", &mutated);
    }
}

#[test]
fn duplicate_attribute() {
    let body = "<EnumType Name=\"a\" IsFlags=\"true\" Name=\"b\" />";
    assert_eq!(
        schema_errors(body),
        one(
            4,
            1,
            "invalid attributes on `<EnumType>`: `Name` is given twice"
        )
    );
}
