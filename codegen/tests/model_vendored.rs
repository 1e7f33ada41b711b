//! The vendored full Graph beta document reads and resolves without error, and the resolved
//! model holds what the PIM bindings rely on.

use codegen::csdl::read_document;
use codegen::csdl::syntax::Document;
use codegen::model::{Model, TypeKind, TypeTarget, resolve};

const VENDORED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);

fn vendored() -> Document {
    let xml = std::fs::read(VENDORED).expect("vendored metadata is present");
    read_document("beta-USNat.csdl", &xml).expect("vendored metadata reads")
}

fn model() -> Model {
    resolve(&[vendored()]).unwrap_or_else(|e| panic!("vendored metadata resolves:\n{e}"))
}

#[test]
fn resolves_all_six_schemas_without_error() {
    let model = model();
    let namespaces: Vec<&String> = model.modules.keys().collect();
    assert_eq!(
        namespaces,
        [
            "microsoft.graph",
            "microsoft.graph.agentic",
            "microsoft.graph.cloudLicensing",
            "microsoft.graph.identityGovernance",
            "microsoft.graph.security",
            "microsoft.graph.termStore"
        ]
    );
    let count = |f: fn(&TypeKind) -> bool| model.types.iter().filter(|t| f(&t.kind)).count();
    assert_eq!(count(|k| matches!(k, TypeKind::Enum(_))), 479);
    let structured = count(|k| matches!(k, TypeKind::Structured(_)));
    assert_eq!(structured, 722 + 1044);
    let container = model.container.as_ref().expect("container");
    assert_eq!(container.qualified_name, "microsoft.graph.GraphService");
}

#[test]
fn types_are_sorted_by_qualified_name() {
    let model = model();
    let names: Vec<&str> = model
        .types
        .iter()
        .map(|t| t.qualified_name.as_str())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn inheritance_is_flattened_base_first() {
    let model = model();
    let id = model
        .type_id("microsoft.graph.richLongRunningOperation")
        .unwrap();
    let s = model.structured(id).unwrap();
    let names: Vec<&str> = s.properties.iter().map(|p| p.name.csdl.as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "createdDateTime",
            "lastActionDateTime",
            "resourceLocation",
            "status",
            "statusDetail",
            "error",
            "percentageComplete",
            "resourceId",
            "type"
        ]
    );
    assert_eq!(s.key, ["id"]);
    assert_eq!(s.properties[9].name.rust, "r#type");
    let ancestors: Vec<&str> = s
        .ancestors
        .iter()
        .map(|&a| model.ty(a).qualified_name.as_str())
        .collect();
    assert_eq!(
        ancestors,
        [
            "microsoft.graph.longRunningOperation",
            "microsoft.graph.entity"
        ]
    );
}

#[test]
fn derived_type_lists_are_direct_and_transitive() {
    let model = model();
    let incident = model
        .type_id("microsoft.graph.unifiedRoleManagementAlertIncident")
        .unwrap();
    let s = model.structured(incident).unwrap();
    assert_eq!(s.direct_derived.len(), 7);
    assert_eq!(s.all_derived, s.direct_derived);
    let entity = model
        .structured(model.type_id("microsoft.graph.entity").unwrap())
        .unwrap();
    assert!(
        entity.direct_derived.len() > 400,
        "{}",
        entity.direct_derived.len()
    );
    let lro = model
        .type_id("microsoft.graph.longRunningOperation")
        .unwrap();
    let rich = model
        .type_id("microsoft.graph.richLongRunningOperation")
        .unwrap();
    assert!(entity.all_derived.contains(&rich) && !entity.direct_derived.contains(&rich));
    assert!(
        model
            .structured(lro)
            .unwrap()
            .direct_derived
            .contains(&rich)
    );
}

#[test]
fn refresh_overloads_attach_to_their_binding_types() {
    let model = model();
    let refresh: Vec<_> = model
        .operations
        .iter()
        .filter(|o| o.qualified_name == "microsoft.graph.refresh")
        .collect();
    let bindings: Vec<(String, bool, &str)> = refresh
        .iter()
        .map(|o| {
            let b = o.binding.as_ref().unwrap();
            let TypeTarget::Defined(id) = b.ty.target else {
                panic!()
            };
            (
                model.ty(id).name.csdl.clone(),
                b.ty.collection,
                b.parameter.as_str(),
            )
        })
        .collect();
    assert!(bindings.contains(&(
        "unifiedRoleManagementAlert".into(),
        true,
        "bindingParameter"
    )));
    assert!(bindings.contains(&(
        "unifiedRoleManagementAlert".into(),
        false,
        "bindingParameter"
    )));
    assert!(bindings.contains(&("workbookPivotTable".into(), false, "bindparameter")));
    let alert = model
        .type_id("microsoft.graph.unifiedRoleManagementAlert")
        .unwrap();
    let bound: Vec<(&str, bool)> = model
        .structured(alert)
        .unwrap()
        .bound_operations
        .iter()
        .map(|&op| {
            let op = model.operation(op);
            (
                op.name.csdl.as_str(),
                op.binding.as_ref().unwrap().ty.collection,
            )
        })
        .collect();
    assert_eq!(bound, [("refresh", true), ("refresh", false)]);
    let collection_refresh = refresh
        .iter()
        .find(|o| o.binding.as_ref().unwrap().ty.collection)
        .unwrap();
    let params: Vec<&str> = collection_refresh
        .parameters
        .iter()
        .map(|p| p.name.csdl.as_str())
        .collect();
    assert_eq!(params, ["scopeType", "scopeId"]);
}

#[test]
fn alert_severity_in_two_namespaces_gets_two_modules() {
    let model = model();
    let graph = model.find_type("microsoft.graph.alertSeverity").unwrap();
    let security = model
        .find_type("microsoft.graph.security.alertSeverity")
        .unwrap();
    assert_eq!(
        (graph.module.as_slice(), graph.name.rust.as_str()),
        (&[][..], "AlertSeverity")
    );
    assert_eq!(security.module, ["security"]);
    assert_eq!(security.name.rust, "AlertSeverity");
    let TypeKind::Enum(e) = &graph.kind else {
        panic!("enum")
    };
    assert_eq!(e.members[0].name.rust, "Unknown");
    assert_eq!(e.catch_all_variant, "Other");
    let ig = model
        .find_type("microsoft.graph.identityGovernance.workflow")
        .unwrap();
    assert_eq!(ig.module, ["identity_governance"]);
}

#[test]
fn capabilities_from_container_path_targets() {
    let model = model();
    // `microsoft.graph.GraphService/users`: ExpandRestrictions/Expandable = true (qualified).
    let users = model.capabilities_at("users").expect("users resolves");
    assert_eq!(users.expandable, Some(true));
    assert_eq!(users.insertable, None);
    // `microsoft.graph.user/messages`: ExpandRestrictions/Expandable = false, on the nav.
    let user = model
        .structured(model.type_id("microsoft.graph.user").unwrap())
        .unwrap();
    assert_eq!(
        user.navigation("messages").unwrap().capabilities.expandable,
        Some(false)
    );
    assert_eq!(
        model.capabilities_at("me/messages").unwrap().expandable,
        Some(false)
    );
    assert!(
        model
            .capabilities_at("identityGovernance/roleManagementAlerts/alerts")
            .is_some()
    );
    assert!(
        model
            .capabilities_at("identityGovernance/noSuchThing")
            .is_none()
    );
}
