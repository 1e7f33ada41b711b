//! Reads the vendored full Graph beta `$metadata` and checks counts and positions that were taken
//! from the file with grep (`grep -c '<EntityType ' ...`, `grep -n ...`).

use std::sync::LazyLock;

use codegen::csdl::read_document;
use codegen::csdl::syntax::*;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);

static DOC: LazyLock<Document> = LazyLock::new(|| {
    let xml = std::fs::read(PATH).expect("vendored metadata");
    read_document("beta-USNat.csdl", &xml).unwrap_or_else(|e| panic!("{e}"))
});

fn at(line: u32, column: u32) -> Pos {
    Pos { line, column }
}

fn all_types() -> impl Iterator<Item = &'static StructuredType> {
    DOC.schemas.iter().flat_map(|s| &s.structured_types)
}

fn count_kind(kind: StructuredKind) -> usize {
    all_types().filter(|t| t.kind == kind).count()
}

fn sum(f: impl Fn(&Schema) -> usize) -> usize {
    DOC.schemas.iter().map(f).sum()
}

#[test]
fn schemas_in_order() {
    assert_eq!(DOC.version, "4.0");
    let schemas: Vec<_> = DOC
        .schemas
        .iter()
        .map(|s| (s.namespace.as_str(), s.alias.as_deref(), s.pos.line))
        .collect();
    assert_eq!(
        schemas,
        [
            ("microsoft.graph", Some("graph"), 4),
            ("microsoft.graph.agentic", Some("agentic"), 17850),
            ("microsoft.graph.cloudLicensing", None, 17863),
            ("microsoft.graph.identityGovernance", None, 17888),
            ("microsoft.graph.security", None, 23266),
            ("microsoft.graph.termStore", None, 25149),
        ]
    );
}

#[test]
fn element_counts_match_grep() {
    assert_eq!(count_kind(StructuredKind::Entity), 722);
    assert_eq!(count_kind(StructuredKind::Complex), 1044);
    assert_eq!(sum(|s| s.enum_types.len()), 479);
    assert_eq!(
        sum(|s| s.enum_types.iter().map(|e| e.members.len()).sum()),
        2683
    );
    assert_eq!(sum(|s| s.annotation_blocks.len()), 284);
    assert_eq!(sum(|s| s.terms.len()), 12);
    assert_eq!(sum(|s| s.type_definitions.len()), 0);
    let ops = || DOC.schemas.iter().flat_map(|s| &s.operations);
    assert_eq!(
        ops().filter(|o| o.kind == OperationKind::Action).count(),
        705
    );
    assert_eq!(
        ops().filter(|o| o.kind == OperationKind::Function).count(),
        251
    );
    assert_eq!(ops().filter(|o| o.return_type.is_some()).count(), 739);
    assert_eq!(all_types().map(|t| t.properties.len()).sum::<usize>(), 6660);
    let nav = all_types()
        .map(|t| t.navigation_properties.len())
        .sum::<usize>();
    assert_eq!(nav, 1064);
    assert_eq!(all_types().map(|t| t.key.len()).sum::<usize>(), 17);
}

#[test]
fn one_entity_container_named_graph_service() {
    let containers: Vec<_> = DOC
        .schemas
        .iter()
        .flat_map(|s| &s.entity_containers)
        .collect();
    let [container] = containers.as_slice() else {
        panic!("{} containers", containers.len())
    };
    assert_eq!(container.name, "GraphService");
    assert_eq!(container.pos, at(17678, 7));
    assert_eq!(container.entity_sets.len(), 58);
    assert_eq!(container.singletons.len(), 23);
    let set_bindings = container.entity_sets.iter();
    let set_bindings: usize = set_bindings
        .map(|s| s.navigation_property_bindings.len())
        .sum();
    let singleton_bindings = container.singletons.iter();
    let singleton_bindings: usize = singleton_bindings
        .map(|s| s.navigation_property_bindings.len())
        .sum();
    let bindings = set_bindings + singleton_bindings;
    assert_eq!(bindings, 70);
    let admin = &container.singletons[0];
    assert_eq!(
        (admin.name.as_str(), admin.ty.as_str()),
        ("admin", "microsoft.graph.admin")
    );
    assert_eq!(admin.pos, at(17802, 9));
}

#[test]
fn unified_role_management_alert() {
    let alert = all_types()
        .find(|t| t.name == "unifiedRoleManagementAlert")
        .expect("unifiedRoleManagementAlert");
    assert_eq!(alert.pos, at(12091, 7));
    assert_eq!(alert.kind, StructuredKind::Entity);
    assert_eq!(alert.base_type.as_deref(), Some("graph.entity"));
    assert_eq!(alert.properties.len(), 7);
    assert_eq!(alert.properties[0].name, "alertDefinitionId");
    assert_eq!(alert.properties[0].pos, at(12092, 9));
    let incidents = &alert.navigation_properties[2];
    assert_eq!(incidents.name, "alertIncidents");
    assert_eq!(
        incidents.ty,
        TypeRef {
            name: "graph.unifiedRoleManagementAlertIncident".to_owned(),
            collection: true
        }
    );
    assert!(incidents.contains_target);
    assert_eq!(incidents.pos, at(12101, 9));
}

#[test]
fn known_positions_and_values() {
    let key_owner = all_types()
        .find(|t| t.name == "authenticationConditionApplication")
        .expect("type with a key");
    assert_eq!(key_owner.key[0].name, "appId");
    assert_eq!(key_owner.key[0].pos, at(7939, 11));
    let graph = &DOC.schemas[0];
    let flags = &graph
        .enum_types
        .iter()
        .find(|e| e.name == "allowedAudiences");
    assert_eq!(flags.map(|e| (e.is_flags, e.pos)), Some((true, at(167, 7))));
    let security = &DOC.schemas[4];
    let classification = security
        .enum_types
        .iter()
        .find(|e| e.name == "alertClassification")
        .expect("alertClassification");
    assert_eq!(classification.underlying_type.as_deref(), Some("Edm.Byte"));
    assert_eq!(classification.pos, at(23302, 7));
    let term = &graph.terms[2];
    assert_eq!(
        term.applies_to.as_deref(),
        Some("microsoft.graph.groundingItem)")
    );
    assert_eq!(term.pos, at(17668, 7));
}

#[test]
fn external_annotation_blocks() {
    let blocks = &DOC.schemas[3].annotation_blocks;
    let first = &blocks[0];
    assert_eq!(
        first.target,
        "microsoft.graph.accessPackageAssignmentPolicy"
    );
    assert_eq!(first.pos, at(18394, 7));
    let Expr::Collection(items) = &first.annotations[0].value else {
        panic!("{:?}", first.annotations[0])
    };
    let Expr::Record(record) = &items[0] else {
        panic!("{items:?}")
    };
    let kind = &record.property_values[1];
    assert_eq!(kind.property, "Kind");
    assert_eq!(
        kind.value,
        Expr::Const {
            kind: "EnumMember".to_owned(),
            text: "Org.OData.Core.V1.RevisionKind/Deprecated".to_owned()
        }
    );
    let groups = blocks
        .iter()
        .find(|b| b.target == "microsoft.graph.GraphService/groups")
        .expect("groups block");
    let expand = &groups.annotations[0];
    assert_eq!(expand.pos, at(20075, 9));
    assert_eq!(
        expand.qualifier.as_deref(),
        Some("Org.OData.Capabilities.V1.ExpandRestrictions")
    );
}
