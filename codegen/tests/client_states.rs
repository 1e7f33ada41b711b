//! The client plan is a graph of states, not a tree of paths: recursive containment and many
//! paths to one type share nodes, and bound functions are planned with their parameters.

use codegen::csdl::read_document;
use codegen::model::{Model, resolve};
use codegen::rust::client::bound::{Encoding, Response};
use codegen::rust::client::tree::{self, ClientTree, NodeKind};

const CSDL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="fs" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="kind"><Member Name="file" /><Member Name="link" /></EnumType>
      <EntityType Name="folder">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
        <NavigationProperty Name="children" Type="Collection(fs.folder)" ContainsTarget="true" />
        <NavigationProperty Name="parent" Type="fs.folder" />
      </EntityType>
      <Function Name="find" IsBound="true">
        <Parameter Name="this" Type="Collection(fs.folder)" />
        <Parameter Name="name" Type="Edm.String" Nullable="false" />
        <Parameter Name="kinds" Type="Collection(fs.kind)" />
        <ReturnType Type="Collection(fs.folder)" />
      </Function>
      <Function Name="size" IsBound="true">
        <Parameter Name="this" Type="fs.folder" />
        <Parameter Name="kind" Type="fs.kind" />
        <ReturnType Type="Edm.Int64" />
      </Function>
      <Function Name="search">
        <Parameter Name="q" Type="Edm.String" Nullable="false" />
        <ReturnType Type="Collection(fs.folder)" />
      </Function>
      <EntityContainer Name="service">
        <Singleton Name="root" Type="fs.folder" />
        <EntitySet Name="folders" EntityType="fs.folder" />
        <FunctionImport Name="searchAll" Function="fs.search" EntitySet="folders" />
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

fn model(csdl: &str) -> Model {
    let doc = read_document("fs.csdl", csdl.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    resolve(&[doc]).unwrap_or_else(|e| panic!("{e}"))
}

fn plan() -> ClientTree {
    tree::plan(&model(CSDL)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn recursive_containment_is_a_cycle_of_two_nodes() {
    let tree = plan();
    let names: Vec<&str> = tree.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["FolderRequest", "FolderCollectionRequest"]);
    let (entity, collection) = (&tree.nodes[0], &tree.nodes[1]);
    assert_eq!(
        (entity.kind, collection.kind),
        (NodeKind::Entity, NodeKind::Collection)
    );
    let children: Vec<(&str, usize)> = (entity.children.iter())
        .map(|c| (c.method.as_str(), c.node))
        .collect();
    assert_eq!(
        children,
        [("children", 1)],
        "only contained navigation is walked"
    );
    let by_id: Vec<(&str, usize)> = (collection.children.iter())
        .map(|c| (c.method.as_str(), c.node))
        .collect();
    assert_eq!(
        by_id,
        [("by_id", 0)],
        "an item of the collection is the same node as `root`"
    );
    let roots: Vec<(&str, usize)> = tree
        .roots
        .iter()
        .map(|r| (r.method.as_str(), r.node))
        .collect();
    assert_eq!(roots, [("root", 0), ("folders", 1)]);
}

#[test]
fn bound_functions_have_parameters_and_typed_responses() {
    let tree = plan();
    let find = &tree.nodes[1].operations;
    assert_eq!(find.len(), 1);
    let find = &find[0];
    assert!(find.function);
    assert_eq!(
        (find.method.as_str(), find.builder.as_str()),
        ("find", "FolderCollectionFindRequest")
    );
    assert!(matches!(find.response, Response::Collection(t) if !t.collection));
    let params: Vec<(&str, bool, Encoding)> = (find.params.iter())
        .map(|p| (p.csdl.as_str(), p.required, p.encoding))
        .collect();
    assert_eq!(
        params,
        [
            ("name", true, Encoding::Literal),
            ("kinds", false, Encoding::Json)
        ]
    );
    let size = &tree.nodes[0].operations[0];
    assert_eq!(size.builder, "FolderSizeRequest");
    assert!(matches!(size.response, Response::Value(_)));
    assert_eq!(size.params[0].encoding, Encoding::Literal);
    assert_eq!(tree.literal_enums.len(), 1, "`kind` needs a literal form");
}

#[test]
fn imports_are_entry_points_named_by_the_import() {
    let tree = plan();
    let imports: Vec<(&str, &str, &str, bool)> = (tree.imports.iter())
        .map(|o| {
            (
                o.method.as_str(),
                o.builder.as_str(),
                o.segment.as_str(),
                o.function,
            )
        })
        .collect();
    assert_eq!(
        imports,
        [("search_all", "SearchAllRequest", "searchAll", true)]
    );
}

/// A collection whose Capabilities differ is its own node, named after the path that reached it,
/// and its list builder implements only the capability traits the annotations allow.
#[test]
fn capabilities_split_states_and_select_the_query_traits() {
    let annotated = CSDL.replace(
        r#"<EntitySet Name="folders" EntityType="fs.folder" />"#,
        r#"<EntitySet Name="folders" EntityType="fs.folder">
          <Annotation Term="Org.OData.Capabilities.V1.TopSupported" Bool="false" />
        </EntitySet>"#,
    );
    let model = model(&annotated);
    let tree = tree::plan(&model).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = tree.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "FolderRequest",
            "FolderCollectionRequest",
            "ChildrenFolderCollectionRequest"
        ]
    );
    let files =
        codegen::rust::client::write_client(&model, "fs.csdl").unwrap_or_else(|e| panic!("{e}"));
    let builders = &files
        .iter()
        .find(|f| f.path == "builders.rs")
        .expect("builders.rs")
        .contents;
    let has = |capability: &str, options: &str| {
        builders.contains(&format!(
            "impl crate::runtime::builders::{capability} for {options} {{}}"
        ))
    };
    // `folders` (TopSupported false) is reached first; `root/children` has the defaults.
    assert!(!has("Top", "FolderListOptions"), "{builders}");
    assert!(has("Skip", "FolderListOptions"));
    assert!(has("Top", "ChildrenFolderListOptions") && has("Skip", "ChildrenFolderListOptions"));
}
