//! Slicing the vendored document to the PIM alerts path: the exact type set, the operations,
//! pruned navigations and container, determinism, and that the slice stands on its own.

use codegen::csdl::read_document;
use codegen::csdl::syntax::Document;
use codegen::csdl::syntax::Pos;
use codegen::csdl::writer::write_document;
use codegen::model::{IncludePath, Model, resolve, select, slice};

const VENDORED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);
const PIM: IncludePath = IncludePath {
    path: "/identityGovernance/roleManagementAlerts",
    source: "include-paths.txt",
    pos: Pos { line: 1, column: 1 },
};

fn vendored() -> (Document, Model) {
    let xml = std::fs::read(VENDORED).expect("vendored metadata is present");
    let doc = read_document("beta-USNat.csdl", &xml).expect("vendored metadata reads");
    let model = resolve(std::slice::from_ref(&doc)).expect("vendored metadata resolves");
    (doc, model)
}

/// The PIM slice: the path (identityGovernance -> roleManagementAlert), the four contained
/// collections and the incidents beneath alerts, the 7 + 7 derived configuration and incident
/// types, `operations`' richLongRunningOperation with the publicError family it needs, the two
/// enums, and `entity` as the common base.
const PIM_TYPES: &[&str] = &[
    "microsoft.graph.alertSeverity",
    "microsoft.graph.entity",
    "microsoft.graph.identityGovernance",
    "microsoft.graph.invalidLicenseAlertConfiguration",
    "microsoft.graph.invalidLicenseAlertIncident",
    "microsoft.graph.longRunningOperation",
    "microsoft.graph.longRunningOperationStatus",
    "microsoft.graph.noMfaOnRoleActivationAlertConfiguration",
    "microsoft.graph.noMfaOnRoleActivationAlertIncident",
    "microsoft.graph.publicError",
    "microsoft.graph.publicErrorDetail",
    "microsoft.graph.publicInnerError",
    "microsoft.graph.redundantAssignmentAlertConfiguration",
    "microsoft.graph.redundantAssignmentAlertIncident",
    "microsoft.graph.richLongRunningOperation",
    "microsoft.graph.roleManagementAlert",
    "microsoft.graph.rolesAssignedOutsidePrivilegedIdentityManagementAlertConfiguration",
    "microsoft.graph.rolesAssignedOutsidePrivilegedIdentityManagementAlertIncident",
    "microsoft.graph.sequentialActivationRenewalsAlertConfiguration",
    "microsoft.graph.sequentialActivationRenewalsAlertIncident",
    "microsoft.graph.staleSignInAlertConfiguration",
    "microsoft.graph.staleSignInAlertIncident",
    "microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration",
    "microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident",
    "microsoft.graph.unifiedRoleManagementAlert",
    "microsoft.graph.unifiedRoleManagementAlertConfiguration",
    "microsoft.graph.unifiedRoleManagementAlertDefinition",
    "microsoft.graph.unifiedRoleManagementAlertIncident",
];

fn type_names(doc: &Document) -> Vec<String> {
    let mut names: Vec<String> = doc
        .schemas
        .iter()
        .flat_map(|s| {
            let structured = s.structured_types.iter().map(|t| t.name.as_str());
            let enums = s.enum_types.iter().map(|t| t.name.as_str());
            let defs = s.type_definitions.iter().map(|t| t.name.as_str());
            structured
                .chain(enums)
                .chain(defs)
                .map(|n| format!("{}.{n}", s.namespace))
        })
        .collect();
    names.sort();
    names
}

#[test]
fn pim_slice_holds_exactly_the_expected_types() {
    let (doc, model) = vendored();
    let selection = select(&model, &[PIM]).unwrap();
    assert_eq!(selection.type_names(&model), PIM_TYPES);
    let sliced = slice(&doc, &model, &[PIM]).unwrap();
    assert_eq!(type_names(&sliced), PIM_TYPES);
    let namespaces: Vec<&str> = sliced
        .schemas
        .iter()
        .map(|s| s.namespace.as_str())
        .collect();
    assert_eq!(namespaces, ["microsoft.graph"], "empty schemas are dropped");
    assert_eq!(sliced.schemas[0].alias.as_deref(), Some("graph"));
}

#[test]
fn entity_subtypes_are_not_pulled_in() {
    let (_, model) = vendored();
    let selection = select(&model, &[PIM]).unwrap();
    let names = selection.type_names(&model);
    for absent in [
        "microsoft.graph.user",
        "microsoft.graph.directoryObject",
        "microsoft.graph.workbookPivotTable",
    ] {
        assert!(
            !names.iter().any(|n| n == absent),
            "{absent} must not be in the slice"
        );
    }
}

#[test]
fn only_the_overloads_bound_to_slice_types_are_kept() {
    let (doc, model) = vendored();
    let sliced = slice(&doc, &model, &[PIM]).unwrap();
    let ops: Vec<(String, String)> = sliced.schemas[0]
        .operations
        .iter()
        .map(|op| {
            let binding = &op.parameters[0];
            let ty = if binding.ty.collection {
                format!("Collection({})", binding.ty.name)
            } else {
                binding.ty.name.clone()
            };
            (op.name.clone(), ty)
        })
        .collect();
    assert_eq!(
        ops,
        [
            (
                "refresh".to_owned(),
                "Collection(graph.unifiedRoleManagementAlert)".to_owned()
            ),
            (
                "refresh".to_owned(),
                "graph.unifiedRoleManagementAlert".to_owned()
            ),
            (
                "remediate".to_owned(),
                "graph.unifiedRoleManagementAlertIncident".to_owned()
            ),
        ]
    );
}

#[test]
fn path_types_keep_only_path_navigations_and_in_slice_targets_survive() {
    let (doc, model) = vendored();
    let sliced = slice(&doc, &model, &[PIM]).unwrap();
    let ty = |name: &str| {
        sliced.schemas[0]
            .structured_types
            .iter()
            .find(|t| t.name == name)
            .unwrap()
    };
    let navs = |name: &str| -> Vec<String> {
        ty(name)
            .navigation_properties
            .iter()
            .map(|n| n.name.clone())
            .collect()
    };
    assert_eq!(navs("identityGovernance"), ["roleManagementAlerts"]);
    assert_eq!(
        navs("roleManagementAlert"),
        [
            "alertConfigurations",
            "alertDefinitions",
            "alerts",
            "operations"
        ]
    );
    assert_eq!(
        navs("unifiedRoleManagementAlert"),
        ["alertConfiguration", "alertDefinition", "alertIncidents"]
    );
    assert_eq!(
        navs("unifiedRoleManagementAlertConfiguration"),
        ["alertDefinition"]
    );
    let container = &sliced.schemas[0].entity_containers[0];
    assert!(container.entity_sets.is_empty());
    let singletons: Vec<&str> = container
        .singletons
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(singletons, ["identityGovernance"]);
    assert!(
        container.singletons[0]
            .navigation_property_bindings
            .is_empty(),
        "the lifecycleWorkflows binding is pruned"
    );
    assert!(
        sliced.schemas[0].terms.is_empty(),
        "no kept annotation uses the schema's terms"
    );
}

#[test]
fn non_contained_navigation_to_a_type_outside_the_slice_is_pruned() {
    // The PIM alert types in this document have no such navigations; privilegedAccess has.
    let (doc, model) = vendored();
    let sliced = slice(
        &doc,
        &model,
        &[IncludePath::on_command_line(
            "/identityGovernance/privilegedAccess",
        )],
    )
    .unwrap();
    let names = type_names(&sliced);
    assert!(
        !names.iter().any(|n| n == "microsoft.graph.directoryObject"),
        "{names:?}"
    );
    let schedule = sliced.schemas[0]
        .structured_types
        .iter()
        .find(|t| t.name == "privilegedAccessGroupAssignmentSchedule")
        .expect("contained beneath privilegedAccess/group");
    let navs: Vec<&str> = schedule
        .navigation_properties
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    // `principal: directoryObject` and `group: graph.group` go; `activatedUsing` targets a
    // type that is in the slice (contained under group/eligibilitySchedules) and stays.
    assert_eq!(navs, ["activatedUsing"]);
    let reslice = resolve(&[sliced]);
    assert!(reslice.is_ok(), "{}", reslice.err().unwrap());
}

#[test]
fn slicing_is_deterministic_and_the_slice_stands_on_its_own() {
    let (doc, model) = vendored();
    let first = write_document(&slice(&doc, &model, &[PIM]).unwrap());
    let second = write_document(&slice(&doc, &model, &[PIM]).unwrap());
    assert!(first == second);
    let reread = read_document("pim.csdl", first.as_bytes()).unwrap();
    assert_eq!(
        write_document(&reread),
        first,
        "the slice's XML round-trips byte-identically"
    );
    let sliced_model =
        resolve(&[reread]).unwrap_or_else(|e| panic!("slice resolves on its own:\n{e}"));
    let names: Vec<&str> = sliced_model
        .types
        .iter()
        .map(|t| t.qualified_name.as_str())
        .collect();
    assert_eq!(names, PIM_TYPES);
}

#[test]
fn unknown_path_segments_are_reported_where_the_path_was_given() {
    let (doc, model) = vendored();
    let in_file = IncludePath::in_file(
        "/identityGovernance/nope",
        "include-paths.txt",
        Pos { line: 3, column: 2 },
    );
    let paths = [in_file, IncludePath::on_command_line("/noSuchSet")];
    let err = slice(&doc, &model, &paths).unwrap_err();
    let found: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "include-paths.txt:3:2: include path `/identityGovernance/nope`: no navigation \
             property `nope` on `microsoft.graph.identityGovernance`",
            "command line (--include): include path `/noSuchSet`: no entity set or singleton \
             `noSuchSet` in container `microsoft.graph.GraphService`"
        ]
    );
}

#[test]
fn container_path_annotations_on_pruned_navigations_are_dropped() {
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="ns" Alias="n" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="leaf"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
<EntityType Name="root"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" />
  <NavigationProperty Name="kept" Type="Collection(n.leaf)" ContainsTarget="true" />
  <NavigationProperty Name="other" Type="Collection(n.leaf)" ContainsTarget="true" />
</EntityType>
<EntityContainer Name="C"><Singleton Name="r" Type="n.root" /></EntityContainer>
<Annotations Target="n.C/r/kept"><Annotation Term="Org.OData.Core.V1.Description" String="k" /></Annotations>
<Annotations Target="n.C/r/other"><Annotation Term="Org.OData.Core.V1.Description" String="o" /></Annotations>
</Schema></edmx:DataServices></edmx:Edmx>"#;
    let doc = read_document("deep.csdl", xml.as_bytes()).expect("reads");
    let model = resolve(std::slice::from_ref(&doc)).expect("resolves");
    let sliced = slice(&doc, &model, &[IncludePath::on_command_line("/r/kept")]).expect("slice");
    let targets: Vec<&str> = (sliced.schemas.iter())
        .flat_map(|s| s.annotation_blocks.iter().map(|b| b.target.as_str()))
        .collect();
    assert_eq!(targets, ["n.C/r/kept"]);
    resolve(&[sliced]).unwrap_or_else(|e| panic!("slice resolves on its own:\n{e}"));
}
