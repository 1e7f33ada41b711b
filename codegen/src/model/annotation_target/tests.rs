//! Unit tests of the annotation target parser: every target shape the callers meet, and
//! malformed targets with the character each error points at.

use super::{AnnotationTarget, SignatureType, parse_container_path, parse_target};

fn parsed(text: &str) -> AnnotationTarget<'_> {
    parse_target(text).unwrap_or_else(|e| panic!("`{text}` parses: {e}"))
}

fn plain(name: &str) -> SignatureType<'_> {
    SignatureType {
        name,
        collection: false,
    }
}

fn collection(name: &str) -> SignatureType<'_> {
    SignatureType {
        name,
        collection: true,
    }
}

/// The error for `text`, as the resolver words it after the target.
fn error(text: &str) -> String {
    match parse_target(text) {
        Ok(target) => panic!("`{text}` should not parse, got {target:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_type_a_term_or_the_container_alone() {
    for text in [
        "microsoft.graph.alert",
        "graph.alert",
        "Org.OData.Core.V1.Description",
    ] {
        let target = parsed(text);
        assert_eq!(
            (target.head, target.overload, target.path),
            (text, None, vec![])
        );
    }
}

#[test]
fn a_member_of_a_type_alias_qualified_or_not() {
    let target = parsed("graph.alert/severity");
    assert_eq!(target.head, "graph.alert");
    assert_eq!(target.overload, None);
    assert_eq!(target.path, ["severity"]);
}

#[test]
fn a_container_path_with_a_cast() {
    let text = "microsoft.graph.EntityContainer/identityGovernance/roleManagementAlerts";
    let target = parsed(text);
    assert_eq!(target.head, "microsoft.graph.EntityContainer");
    assert_eq!(target.path, ["identityGovernance", "roleManagementAlerts"]);
    let cast = parsed("n.C/es/n.e/id");
    assert_eq!(cast.path, ["es", "n.e", "id"]);
}

#[test]
fn operation_overloads() {
    let bound = parsed("microsoft.graph.refresh(microsoft.graph.unifiedRoleManagementAlert)");
    assert_eq!(bound.head, "microsoft.graph.refresh");
    let alert = plain("microsoft.graph.unifiedRoleManagementAlert");
    assert_eq!(bound.overload, Some(vec![alert]));
    assert!(bound.path.is_empty());
    let unbound = parsed("n.f()");
    assert_eq!(unbound.overload, Some(vec![]));
    let function = parsed("n.f(Collection(n.e), Edm.String,Collection( n.x ) )");
    let listed = vec![collection("n.e"), plain("Edm.String"), collection("n.x")];
    assert_eq!(function.overload, Some(listed));
}

#[test]
fn a_parameter_or_the_return_type_of_an_operation() {
    let param = parsed("microsoft.graph.refresh(microsoft.graph.alert)/paramName");
    assert_eq!(param.overload.map(|o| o.len()), Some(1));
    assert_eq!(param.path, ["paramName"]);
    let all_overloads = parsed("n.f/$ReturnType");
    assert_eq!(
        (all_overloads.overload, all_overloads.path),
        (None, vec!["$ReturnType"])
    );
}

#[test]
fn signature_types_key_like_the_model() {
    let expand = |name: &str| name.replacen("n.", "ns.", 1);
    assert_eq!(collection("n.e").key(expand), "Collection(ns.e)");
    assert_eq!(plain("Edm.String").key(expand), "Edm.String");
}

#[test]
fn unbalanced_parentheses() {
    assert_eq!(
        error("n.f(Edm.String"),
        "`(` is never closed at character 4"
    );
    assert_eq!(
        error("n.f(Collection(n.e)"),
        "`(` is never closed at character 4"
    );
    assert_eq!(error("n.f)"), "`)` without a matching `(` at character 4");
    assert_eq!(
        error("n.f(n.e))"),
        "expected `/` or the end after `)` at character 9"
    );
    assert_eq!(
        error("n.f(n.e)x"),
        "expected `/` or the end after `)` at character 9"
    );
    assert_eq!(
        error("n.f(Collection(Collection(n.e)))"),
        "parentheses nested too deep at character 26"
    );
}

#[test]
fn empty_names_and_segments() {
    assert_eq!(error(""), "expected a qualified name at character 1");
    assert_eq!(error("/n.e"), "expected a qualified name at character 1");
    assert_eq!(error("(n.e)"), "expected a qualified name at character 1");
    assert_eq!(error("n.e//id"), "expected a path segment at character 5");
    assert_eq!(error("n.e/"), "expected a path segment at character 5");
    assert_eq!(
        error("n.f(n.e,)"),
        "expected a parameter type at character 9"
    );
    assert_eq!(
        error("n.f(,n.e)"),
        "expected a parameter type at character 5"
    );
    assert_eq!(
        error("n.f(Collection())"),
        "expected a type name at character 16"
    );
    assert_eq!(error("n.f()/"), "expected a path segment at character 7");
}

#[test]
fn characters_no_name_may_hold() {
    assert_eq!(
        error("n.e /id"),
        "unexpected ' ' in a qualified name at character 4"
    );
    assert_eq!(
        error("n.e/a b"),
        "unexpected ' ' in a path segment at character 6"
    );
    assert_eq!(
        error("n.e/a,b"),
        "unexpected ',' in a path segment at character 6"
    );
    assert_eq!(
        error("n.e/f(x)"),
        "unexpected '(' in a path segment at character 6"
    );
    assert_eq!(
        error("n.f(n.a/b)"),
        "`/` inside an overload signature at character 8"
    );
    assert_eq!(
        error("n.f(g(x))"),
        "unexpected '(' in a parameter type at character 6"
    );
}

#[test]
fn positions_count_characters_not_bytes() {
    assert_eq!(error("n.é//x"), "expected a path segment at character 5");
}

#[test]
fn container_paths() {
    assert_eq!(parse_container_path("/"), Ok(vec![]));
    assert_eq!(parse_container_path(""), Ok(vec![]));
    let path = parse_container_path("/identityGovernance/roleManagementAlerts/");
    assert_eq!(path, Ok(vec!["identityGovernance", "roleManagementAlerts"]));
    assert_eq!(parse_container_path("users"), Ok(vec!["users"]));
    let empty = parse_container_path("/a//b").map_err(|e| e.to_string());
    assert_eq!(
        empty,
        Err("expected a path segment at character 4".to_owned())
    );
}

#[test]
fn every_cut_of_a_target_parses_or_points_inside_it() {
    let samples = [
        "n.f(Collection(n.é), Edm.String)/p",
        "ns.C/set/ns.cast/prop",
        "((n))/,(,)//",
    ];
    for sample in samples {
        let cuts = sample.char_indices().map(|(i, _)| i).chain([sample.len()]);
        for i in cuts {
            for text in [&sample[..i], &sample[i..]] {
                let width = text.chars().count() + 1;
                let columns = [parse_target(text).err(), parse_container_path(text).err()];
                for e in columns.into_iter().flatten() {
                    assert!((1..=width).contains(&e.column), "`{text}`: {e}");
                }
            }
        }
    }
}
