//! Names that collide with names the generator or the runtimes already use get numbered ones
//! (`fixtures/rust/collisions.csdl`, whose models and client `rust_models_compile.rs` compiles),
//! and the problems the writers cannot name their way around are all reported at once, each
//! with its position.

use std::path::Path;

use codegen::csdl::read_document;
use codegen::model::{Model, resolve};
use codegen::rust::WriteError;
use codegen::rust::client::tree::{self, ClientTree, NodeKind};
use codegen::rust::client::write_client;
use codegen::rust::models::write_models;

fn model_of(source: &str, xml: &[u8]) -> Model {
    let doc = read_document(source, xml).unwrap_or_else(|e| panic!("{e}"));
    resolve(&[doc]).unwrap_or_else(|e| panic!("{e}"))
}

fn collisions() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rust/collisions.csdl");
    let xml = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    model_of("collisions.csdl", &xml)
}

fn client_tree() -> ClientTree {
    tree::plan(&collisions()).unwrap_or_else(|e| panic!("{e}"))
}

/// Container members become methods of the runtime's `Client`: those named like its own
/// methods (`builder`, `base_url`, `send_json`, `clone`) are numbered.
#[test]
fn container_members_avoid_the_client_runtime_methods() {
    let roots: Vec<String> = client_tree().roots.into_iter().map(|r| r.method).collect();
    assert_eq!(roots, ["builder_2", "clone_2", "base_url_2", "send_json_2"]);
}

/// Navigation methods named like an entity node's fixed methods (`template`, `get`,
/// `request`, `update`) are numbered; the path segments stay the CSDL names. `list`, which
/// only collection nodes have, stays (Graph's `site/list`).
#[test]
fn navigation_methods_avoid_the_fixed_node_methods() {
    let tree = client_tree();
    let entity = (tree.nodes.iter())
        .find(|n| n.kind == NodeKind::Entity && !n.children.is_empty())
        .expect("the entity node");
    let children: Vec<(&str, Option<&str>)> = (entity.children.iter())
        .map(|c| (c.method.as_str(), c.segment.as_deref()))
        .collect();
    assert_eq!(
        children,
        [
            ("template_2", Some("template")),
            ("get_2", Some("get")),
            ("request_2", Some("request")),
            ("update_2", Some("update")),
            ("list", Some("list")),
        ]
    );
    assert!(entity.get.is_some(), "the node still has its own `get`");
}

/// Required-filter arguments are unique, and none is named like the closure parameter `f`.
#[test]
fn required_filter_arguments_are_unique() {
    let tree = client_tree();
    let filters: Vec<(&str, Vec<&str>)> = (tree.nodes.iter())
        .filter_map(|n| n.required_filter.as_ref())
        .map(|f| {
            let arguments = f.properties.iter().map(|(_, a, _)| a.as_str()).collect();
            (f.method.as_str(), arguments)
        })
        .collect();
    assert_eq!(
        filters,
        [
            ("scope_filter", vec!["scope_id", "scope_id_2"]),
            ("required_filter", vec!["f_2", "scope_id"]),
        ]
    );
}

/// Root-module types named like the models crate root's `support` re-exports are numbered;
/// types in other modules are not affected.
#[test]
fn root_types_avoid_the_support_reexports() {
    let model = collisions();
    let name = |qualified: &str| {
        let id = model.type_id(qualified).expect(qualified);
        model.ty(id).name.rust.clone()
    };
    assert_eq!(
        [name("fx.page"), name("fx.flags"), name("fx.decodeError")],
        ["Page2", "Flags2", "DecodeError2"]
    );
}

/// Wraps schema children (starting on line 4) in a document.
fn document(body: &str) -> String {
    format!(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
         <edmx:DataServices>\n\
         <Schema Namespace=\"ns\" Alias=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         {body}\n</Schema></edmx:DataServices></edmx:Edmx>\n"
    )
}

/// The problems of a `WriteError::Model` as (source, line, column, message); any other variant
/// fails the test.
fn problems(err: WriteError) -> Vec<(String, u32, u32, String)> {
    let WriteError::Model(diagnostics) = err else {
        panic!("not WriteError::Model: {err:?}");
    };
    (diagnostics.iter())
        .map(|d| {
            (
                d.source.clone(),
                d.pos.line,
                d.pos.column,
                d.message.clone(),
            )
        })
        .collect()
}

/// `(source, line, column, message)`.
fn at(source: &str, line: u32, column: u32, message: &str) -> (String, u32, u32, String) {
    (source.to_owned(), line, column, message.to_owned())
}

/// Every type named like a std type is reported, at its declaration, by both writers, as
/// `WriteError::Model` diagnostics that print one `source:line:column: message` line each.
#[test]
fn name_problems_are_all_reported_with_positions() {
    let body = r#"<ComplexType Name="Option"><Property Name="p" Type="Edm.String" /></ComplexType>
<ComplexType Name="Vec"><Property Name="p" Type="Edm.String" /></ComplexType>
  <ComplexType Name="Box"><Property Name="p" Type="Edm.String" /></ComplexType>"#;
    let model = model_of("std.csdl", document(body).as_bytes());
    let expected = [
        at("std.csdl", 4, 1, "type ns.Option is named like a std type"),
        at("std.csdl", 5, 1, "type ns.Vec is named like a std type"),
        at("std.csdl", 6, 3, "type ns.Box is named like a std type"),
    ];
    let models = write_models(&model, "std.csdl").expect_err("std names");
    assert_eq!(
        models.to_string(),
        "std.csdl:4:1: type ns.Option is named like a std type\n\
         std.csdl:5:1: type ns.Vec is named like a std type\n\
         std.csdl:6:3: type ns.Box is named like a std type"
    );
    assert_eq!(problems(models), expected);
    let client = write_client(&model, "std.csdl").expect_err("std names");
    assert_eq!(problems(client), expected);
}

/// Every required-filter property that is no filterable string and every unknown long-running
/// result type is reported, at the property (the entity type when there is none) or operation.
#[test]
fn client_plan_problems_are_all_reported_with_positions() {
    let body = r#"<EntityType Name="e"><Key><PropertyRef Name="id" /></Key>
  <Property Name="id" Type="Edm.String" Nullable="false" />
  <Property Name="count" Type="Edm.Int32" />
</EntityType>
<Action Name="scan" IsBound="true"><Parameter Name="this" Type="n.e" />
  <Annotation Term="RustCodegen.V1.LongRunning" String="ns.nope" />
</Action>
<EntityContainer Name="c"><EntitySet Name="es" EntityType="n.e">
  <Annotation Term="Org.OData.Capabilities.V1.FilterRestrictions"><Record>
    <PropertyValue Property="RequiredProperties"><Collection>
      <PropertyPath>count</PropertyPath><PropertyPath>missing</PropertyPath>
    </Collection></PropertyValue>
  </Record></Annotation>
</EntitySet></EntityContainer>"#;
    let model = model_of("client.csdl", document(body).as_bytes());
    let err = write_client(&model, "client.csdl").expect_err("client problems");
    let filter = |name: &str| {
        format!(
            "required filter `required_filter` of `/es`: `{name}` is not a filterable string property"
        )
    };
    assert_eq!(
        problems(err),
        [
            at("client.csdl", 4, 1, &filter("missing")),
            at("client.csdl", 6, 3, &filter("count")),
            at(
                "client.csdl",
                8,
                1,
                "`ns.scan` is annotated long-running with the unknown type `ns.nope`"
            ),
        ]
    );
}

/// A model without an entity container has no client: `WriteError::NoEntityContainer`, also
/// through `write_crates` (from the client writer's thread), while its models are written.
#[test]
fn a_model_without_a_container_has_no_client() {
    let body = r#"<ComplexType Name="c"><Property Name="p" Type="Edm.String" /></ComplexType>"#;
    let model = model_of("bare.csdl", document(body).as_bytes());
    let err = write_client(&model, "bare.csdl").expect_err("no container");
    assert!(matches!(err, WriteError::NoEntityContainer), "{err:?}");
    assert_eq!(err.to_string(), "the model has no entity container");
    let both = codegen::rust::write_crates(&model, "bare.csdl", true).expect_err("no container");
    assert!(matches!(both, WriteError::NoEntityContainer), "{both:?}");
    let (models, client) = codegen::rust::write_crates(&model, "bare.csdl", false).expect("models");
    assert!(!models.is_empty() && client.is_none());
}
