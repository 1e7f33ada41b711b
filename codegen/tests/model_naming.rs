//! Rust names decided by the model, and annotations merged from a second document.

use codegen::csdl::read_document;
use codegen::csdl::syntax::Document;
use codegen::model::{Model, TypeKind, resolve};

fn read(source: &str, refs: &str, schema: &str) -> Document {
    let xml = format!(
        "<?xml version=\"1.0\"?>\n\
         <edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">{refs}<edmx:DataServices>\n\
         {schema}\n</edmx:DataServices></edmx:Edmx>\n"
    );
    read_document(source, xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

const MAIN: &str = r#"<Schema Namespace="svc.core" Alias="core" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EnumType Name="level"><Member Name="other" /><Member Name="Other" /><Member Name="high" /></EnumType>
  <EnumType Name="kind"><Member Name="a" Value="5" /><Member Name="b" /></EnumType>
  <EntityType Name="thing" Abstract="true">
    <Key><PropertyRef Name="id" /></Key>
    <Property Name="id" Type="Edm.String" Nullable="false" />
    <Property Name="Name" Type="Edm.String" />
    <Property Name="name" Type="Edm.String" />
    <Property Name="type" Type="Edm.String" />
    <Property Name="self" Type="Edm.String" />
    <Property Name="@odata.etag" Type="Edm.String" />
    <Property Name="2fa" Type="Edm.Boolean" />
  </EntityType>
  <EntityType Name="widget" BaseType="core.thing">
    <Property Name="NAME" Type="Edm.String" />
    <NavigationProperty Name="parts" Type="Collection(core.widget)" ContainsTarget="true" />
  </EntityType>
  <EntityType Name="thingBase" BaseType="core.thing" />
  <ComplexType Name="Self" />
  <Action Name="parts" IsBound="true"><Parameter Name="this" Type="core.widget" /></Action>
  <Action Name="parts" IsBound="true"><Parameter Name="this" Type="Collection(core.widget)" /><Parameter Name="Type" Type="Edm.String" /><Parameter Name="type" Type="Edm.String" /></Action>
  <EntityContainer Name="Service">
    <EntitySet Name="widgets" EntityType="core.widget" />
  </EntityContainer>
</Schema>
<Schema Namespace="svc.core.sub" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EnumType Name="level"><Member Name="x" /></EnumType>
</Schema>"#;

/// A hand-written annotations document: only external `Annotations` blocks, capabilities by
/// alias from `edmx:Include`.
const ANNOTATIONS_REFS: &str = r#"<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1.xml"><edmx:Include Namespace="Org.OData.Capabilities.V1" Alias="Capabilities" /></edmx:Reference><edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" /></edmx:Reference>"#;
const ANNOTATIONS: &str = r#"<Schema Namespace="svc.annotations" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <Annotations Target="svc.core.thing/name">
    <Annotation Term="Core.Description" String="The lower-case name." />
  </Annotations>
  <Annotations Target="svc.core.widget">
    <Annotation Term="Core.Description" String="A widget." />
    <Annotation Term="Core.LongDescription" String="Longer." />
  </Annotations>
  <Annotations Target="svc.core.widget/parts">
    <Annotation Term="Capabilities.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="false" /></Record></Annotation>
    <Annotation Term="Capabilities.TopSupported" />
  </Annotations>
  <Annotations Target="svc.core.Service/widgets">
    <Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions"><Record><PropertyValue Property="Deletable" Bool="false" /></Record></Annotation>
  </Annotations>
  <Annotations Target="svc.core.Service/widgets/parts">
    <Annotation Term="Capabilities.CountRestrictions"><Record><PropertyValue Property="Countable" Bool="false" /></Record></Annotation>
  </Annotations>
  <Annotations Target="svc.core.level/high">
    <Annotation Term="Core.Description" String="Very." />
  </Annotations>
  <Annotations Target="svc.core.parts(Collection(svc.core.widget))">
    <Annotation Term="Core.Description" String="On the collection." />
  </Annotations>
</Schema>"#;

fn model() -> Model {
    let main = read("main.csdl", "", MAIN);
    let annotations = read("annotations.csdl", ANNOTATIONS_REFS, ANNOTATIONS);
    resolve(&[main, annotations]).unwrap_or_else(|e| panic!("{e}"))
}

fn fields(model: &Model, qualified: &str) -> Vec<(String, String)> {
    let s = model.structured(model.type_id(qualified).unwrap()).unwrap();
    let props = s
        .properties
        .iter()
        .map(|p| (p.name.csdl.clone(), p.name.rust.clone()));
    let navs = s
        .navigation_properties
        .iter()
        .map(|n| (n.name.csdl.clone(), n.name.rust.clone()));
    props.chain(navs).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn field_names_escape_keywords_and_number_case_collisions() {
    let model = model();
    let thing = [
        ("id", "id"),
        ("Name", "name"),
        ("name", "name_2"),
        ("type", "r#type"),
        ("self", "self_"),
        ("@odata.etag", "odata_etag"),
        ("2fa", "_2fa"),
    ];
    assert_eq!(fields(&model, "svc.core.thing"), pairs(&thing));
    // Inherited fields keep their base's names; the derived type's own ones come after.
    let mut widget = thing.to_vec();
    widget.extend([("NAME", "name_3"), ("parts", "parts")]);
    assert_eq!(fields(&model, "svc.core.widget"), pairs(&widget));
}

#[test]
fn type_names_modules_and_helper_names() {
    let model = model();
    let ty = |q: &str| model.find_type(q).unwrap();
    assert_eq!(ty("svc.core.Self").name.rust, "Self_");
    assert_eq!(ty("svc.core.level").module, Vec::<String>::new());
    assert_eq!(ty("svc.core.sub.level").module, ["sub"]);
    assert_eq!(ty("svc.core.sub.level").name.rust, "Level");
    // `thing` has derived types, so its concrete struct needs a name; `ThingBase` is a real type.
    let TypeKind::Structured(thing) = &ty("svc.core.thing").kind else {
        panic!()
    };
    assert_eq!(thing.concrete_struct_name.as_deref(), Some("ThingBase2"));
    let TypeKind::Structured(widget) = &ty("svc.core.widget").kind else {
        panic!()
    };
    assert_eq!(
        widget.concrete_struct_name, None,
        "no derived types, no helper"
    );
    let TypeKind::Structured(leaf) = &ty("svc.core.thingBase").kind else {
        panic!()
    };
    assert_eq!(leaf.concrete_struct_name, None);
    assert_eq!(model.container.as_ref().unwrap().name.rust, "Service");
}

#[test]
fn enum_variants_and_catch_all() {
    let model = model();
    let TypeKind::Enum(level) = &model.find_type("svc.core.level").unwrap().kind else {
        panic!()
    };
    let variants: Vec<(&str, i64)> = level
        .members
        .iter()
        .map(|m| (m.name.rust.as_str(), m.value))
        .collect();
    assert_eq!(variants, [("Other", 0), ("Other2", 1), ("High", 2)]);
    assert_eq!(level.catch_all_variant, "UnknownValue");
    assert_eq!(level.members[2].docs.description.as_deref(), Some("Very."));
    let TypeKind::Enum(kind) = &model.find_type("svc.core.kind").unwrap().kind else {
        panic!()
    };
    let values: Vec<i64> = kind.members.iter().map(|m| m.value).collect();
    assert_eq!(values, [5, 6]);
}

#[test]
fn operation_methods_do_not_clash_with_navigations() {
    let model = model();
    let names: Vec<(&str, bool, Vec<&str>)> = model
        .operations
        .iter()
        .map(|o| {
            let params = o.parameters.iter().map(|p| p.name.rust.as_str()).collect();
            (
                o.name.rust.as_str(),
                o.binding.as_ref().unwrap().ty.collection,
                params,
            )
        })
        .collect();
    // Sorted by binding type: `Collection(svc.core.widget)` before `svc.core.widget`.
    assert_eq!(
        names,
        [
            ("parts", true, vec!["r#type", "type_2"]),
            ("parts_2", false, vec![])
        ]
    );
    assert_eq!(
        model.operations[0].docs.description.as_deref(),
        Some("On the collection.")
    );
    assert_eq!(model.operations[1].docs.description, None);
}

#[test]
fn annotations_document_is_merged() {
    let model = model();
    let widget_id = model.type_id("svc.core.widget").unwrap();
    let widget = model.ty(widget_id);
    assert_eq!(widget.docs.description.as_deref(), Some("A widget."));
    assert_eq!(widget.docs.long_description.as_deref(), Some("Longer."));
    let s = model.structured(widget_id).unwrap();
    // Annotated on the base type's property, visible on the inherited copy.
    assert_eq!(
        s.property("name").unwrap().docs.description.as_deref(),
        Some("The lower-case name.")
    );
    let parts = s.navigation("parts").unwrap().capabilities.clone();
    assert_eq!(
        (parts.insertable, parts.top_supported, parts.countable),
        (Some(false), Some(true), None)
    );
    let set = model.capabilities_at("widgets").unwrap();
    assert_eq!((set.deletable, set.insertable), (Some(false), None));
    let path = model.capabilities_at("widgets/parts").unwrap();
    assert_eq!(
        (path.insertable, path.countable),
        (Some(false), Some(false))
    );
}

/// Overloads with one binding are named by their parameters, whatever their document order.
#[test]
fn overloads_of_one_binding_get_names_from_their_parameters() {
    let schema = |order: &[&str]| {
        let functions: Vec<String> = order
            .iter()
            .map(|params| {
                let params: String = (params.split(',').filter(|p| !p.is_empty()))
                    .map(|p| format!("<Parameter Name=\"{p}\" Type=\"Edm.Int32\" />"))
                    .collect();
                format!(
                    "<Function Name=\"image\" IsBound=\"true\"><Parameter Name=\"this\" \
                     Type=\"o.chart\" />{params}<ReturnType Type=\"Edm.String\" /></Function>"
                )
            })
            .collect();
        format!(
            "<Schema Namespace=\"o\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\
             <EntityType Name=\"chart\"><Key><PropertyRef Name=\"id\" /></Key>\
             <Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\" /></EntityType>\
             <Function Name=\"image\" IsBound=\"true\"><Parameter Name=\"this\" \
             Type=\"Collection(o.chart)\" /><Parameter Name=\"width\" Type=\"Edm.Int32\" />\
             <ReturnType Type=\"Edm.String\" /></Function>{}</Schema>",
            functions.concat()
        )
    };
    let names = |order: &[&str]| {
        let doc = read("o.csdl", "", &schema(order));
        let model = resolve(&[doc]).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = (model.operations.iter())
            .map(|o| o.name.rust.clone())
            .collect();
        names
    };
    let expected = [
        "image",
        "image",
        "image_with_height_and_width",
        "image_with_width",
        "image_with_width_and_height",
    ];
    let declared = ["", "width", "width,height", "height,width"];
    assert_eq!(
        names(&declared),
        expected,
        "a collection binding is its own scope, with no overload"
    );
    let reversed: Vec<&str> = declared.iter().rev().copied().collect();
    assert_eq!(names(&reversed), expected, "document order changes nothing");
}
