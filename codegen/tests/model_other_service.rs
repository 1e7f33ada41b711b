//! A non-Graph CSDL document (`fixtures/other/inventory.csdl`: namespaces `Contoso.Inventory`
//! and `Contoso.Inventory.Staff`, container `InventoryService`, no `entity` base type) resolves,
//! slices and is written by both writers with nothing assuming Graph's names.

use std::path::Path;

use codegen::csdl::read_document;
use codegen::model::{IncludePath, Model, TypeKind, resolve, slice};

fn document() -> codegen::csdl::syntax::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other/inventory.csdl");
    let bytes = std::fs::read(&path).expect("fixture");
    read_document("inventory.csdl", &bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn model() -> Model {
    resolve(&[document()]).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_container_namespace_is_the_root_module() {
    let model = model();
    let modules: Vec<(&str, Vec<&str>)> = (model.modules.iter())
        .map(|(ns, path)| (ns.as_str(), path.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        modules,
        [
            ("Contoso.Inventory", vec![]),
            ("Contoso.Inventory.Staff", vec!["staff"])
        ]
    );
    let container = model.container.as_ref().expect("container");
    assert_eq!(
        container.qualified_name,
        "Contoso.Inventory.InventoryService"
    );
    assert_eq!(container.name.rust, "InventoryService");
}

#[test]
fn same_simple_name_in_two_namespaces_and_case_only_differences() {
    let model = model();
    let status = model.find_type("Contoso.Inventory.status").expect("status");
    let staff_status = model
        .find_type("Contoso.Inventory.Staff.status")
        .expect("status");
    assert_eq!(
        (status.name.rust.as_str(), staff_status.name.rust.as_str()),
        ("Status", "Status")
    );
    assert_ne!(status.module, staff_status.module);
    let TypeKind::Enum(e) = &status.kind else {
        panic!("enum")
    };
    let variants: Vec<&str> = e.members.iter().map(|m| m.name.rust.as_str()).collect();
    assert_eq!(variants, ["Active", "Active2", "Type", "Self_"]);
    let address = model.structured(model.type_id("Contoso.Inventory.address").unwrap());
    let fields: Vec<&str> = (address.unwrap().properties.iter())
        .map(|p| p.name.rust.as_str())
        .collect();
    assert_eq!(fields, ["street", "r#type", "type_2"]);
}

#[test]
fn flags_with_int64_values_and_deep_inheritance_without_a_common_base() {
    let model = model();
    let TypeKind::Enum(flags) = &model
        .find_type("Contoso.Inventory.permissions")
        .unwrap()
        .kind
    else {
        panic!("enum")
    };
    assert!(flags.is_flags);
    assert_eq!(flags.members.last().map(|m| m.value), Some(4_294_967_296));
    let frozen = model.type_id("Contoso.Inventory.frozen").unwrap();
    let ancestors: Vec<&str> = (model.structured(frozen).unwrap().ancestors.iter())
        .map(|&a| model.ty(a).qualified_name.as_str())
        .collect();
    assert_eq!(
        ancestors,
        [
            "Contoso.Inventory.perishable",
            "Contoso.Inventory.item",
            "Contoso.Inventory.record"
        ]
    );
}

#[test]
fn overloads_are_distinct_and_named_by_parameters() {
    let model = model();
    let names: Vec<(&str, &str)> = (model.operations.iter())
        .map(|o| (o.qualified_name.as_str(), o.name.rust.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Contoso.Inventory.lowStock", "low_stock"),
            ("Contoso.Inventory.restock", "restock"),
            ("Contoso.Inventory.restock", "restock"),
            ("Contoso.Inventory.stockLevel", "stock_level"),
            (
                "Contoso.Inventory.stockLevel",
                "stock_level_with_sku_and_since"
            ),
        ]
    );
}

#[test]
fn slices_by_its_own_container_paths() {
    let doc = document();
    let model = model();
    let sliced = slice(
        &doc,
        &model,
        &[IncludePath::on_command_line("/headquarters/items")],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let again = resolve(&[sliced]).unwrap_or_else(|e| panic!("slice resolves on its own:\n{e}"));
    let mut names: Vec<&str> = again.types.iter().map(|t| t.name.csdl.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "address",
            "frozen",
            "item",
            "perishable",
            "permissions",
            "record",
            "sku",
            "status",
            "tree",
            "warehouse"
        ]
    );
    let err = slice(
        &doc,
        &model,
        &[IncludePath::on_command_line("/headquarters/nope")],
    )
    .expect_err("bad path");
    assert_eq!(
        err.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
        [
            "include path `/headquarters/nope`: no navigation property `nope` on \
          `Contoso.Inventory.warehouse`"
        ]
    );
}

#[test]
fn both_writers_write_it_without_graph_names_in_the_models() {
    let model = model();
    let models = codegen::rust::models::write_models(&model, "inventory.csdl").expect("models");
    let paths: Vec<&str> = models.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"staff/person.rs") && paths.contains(&"warehouse.rs"),
        "{paths:?}"
    );
    for file in &models {
        assert!(!file.contents.contains("microsoft.graph"), "{}", file.path);
    }
    let client = codegen::rust::client::write_client(&model, "inventory.csdl").expect("client");
    let root = client.iter().find(|f| f.path == "mod.rs").expect("mod.rs");
    assert!(
        root.contents.contains("ResourcePath::root(\"warehouses\")"),
        "entity set paths are the service's"
    );
}
