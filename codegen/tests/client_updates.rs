//! What an update (`PATCH`) body must not carry, per updated entity type: planned from the
//! model (keys, navigation properties, and properties annotated `Core.Computed` or
//! `Core.Immutable`, declared or inherited; derived types that add some get their own list)
//! and printed as the runtime's `UpdateBody` data.

use codegen::csdl::read_document;
use codegen::model::{Model, resolve};
use codegen::rust::client::tree::{self, UpdatePlan};
use codegen::rust::client::write_client;

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" />
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="shop" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="person">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="item">
        <Key><PropertyRef Name="sku" /></Key>
        <Property Name="sku" Type="Edm.String" Nullable="false" />
        <Property Name="name" Type="Edm.String" />
        <Property Name="created" Type="Edm.DateTimeOffset">
          <Annotation Term="Core.Computed" />
        </Property>
        <Property Name="code" Type="Edm.String" />
        <Property Name="note" Type="Edm.String">
          <Annotation Term="Core.Computed" Bool="false" />
        </Property>
        <NavigationProperty Name="owner" Type="shop.person" />
      </EntityType>
      <EntityType Name="plainItem" BaseType="shop.item">
        <Property Name="colour" Type="Edm.String" />
      </EntityType>
      <EntityType Name="stampedItem" BaseType="shop.item">
        <Property Name="stamp" Type="Edm.String">
          <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />
        </Property>
      </EntityType>
      <EntityType Name="specialItem" BaseType="shop.item">
        <Property Name="extra" Type="Edm.Int32" />
        <NavigationProperty Name="bonus" Type="Collection(shop.person)" />
      </EntityType>
      <EntityContainer Name="service">
        <EntitySet Name="items" EntityType="shop.item">
          <Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions">
            <Record><PropertyValue Property="Updatable" Bool="true" /></Record>
          </Annotation>
        </EntitySet>
        <EntitySet Name="people" EntityType="shop.person" />
      </EntityContainer>
      <Annotations Target="shop.item/code">
        <Annotation Term="Core.Immutable" Bool="true" />
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

fn model() -> Model {
    let doc = read_document("shop.csdl", CSDL.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    resolve(&[doc]).unwrap_or_else(|e| panic!("{e}"))
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn keys_navigation_computed_and_immutable_are_listed_per_updated_type() {
    let model = model();
    let tree = tree::plan(&model).unwrap_or_else(|e| panic!("{e}"));
    let item = model.type_id("shop.item").expect("item");
    let base = ["sku", "owner", "created", "code"];
    let expected = UpdatePlan {
        entity: item,
        not_sent: strings(&base),
        derived: vec![
            (
                "#shop.specialItem".to_owned(),
                strings(&["sku", "owner", "bonus", "created", "code"]),
            ),
            (
                "#shop.stampedItem".to_owned(),
                strings(&[&base[..], &["stamp"]].concat()),
            ),
        ],
    };
    assert_eq!(
        tree.updates,
        [expected],
        "people are not updatable; plainItem adds nothing not sent; `note` is not computed"
    );
}

#[test]
fn the_writer_prints_the_lists_and_names_them_in_the_docs() {
    let files = write_client(&model(), "shop.csdl").unwrap_or_else(|e| panic!("{e}"));
    let text = |path: &str| {
        let file = files.iter().find(|f| f.path == path);
        file.unwrap_or_else(|| panic!("no {path}")).contents.clone()
    };
    let update = text("update.rs");
    assert!(
        update.contains("impl crate::runtime::UpdateBody for pim_alerts_models::Item {"),
        "{update}"
    );
    assert!(
        update.contains(
            r#"const NOT_SENT: &'static [&'static str] = &["sku", "owner", "created", "code"];"#
        ),
        "{update}"
    );
    assert!(
        update
            .contains(r##"("#shop.stampedItem", &["sku", "owner", "created", "code", "stamp"])"##),
        "{update}"
    );
    let paths = text("paths.rs");
    assert!(
        paths.contains(
            "its key, navigation, computed and immutable properties (`sku`, `owner`, `created`, `code`) or any"
        ),
        "{paths}"
    );
    assert!(paths.contains(".update_json(body)"), "{paths}");
}
