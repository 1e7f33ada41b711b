//! Tests of `cargo xtask codegen --metadata ... --out ...`: argument parsing, errors, and the
//! files generated for a slice of the vendored document.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn options(include: &[&str], all_types: bool) -> Options {
    Options {
        metadata: root().join(crate::metadata::VENDORED),
        annotations: Vec::new(),
        include: include.iter().map(|s| s.to_string()).collect(),
        all_types,
        models_only: false,
        out: PathBuf::from("/nonexistent/out"),
    }
}

#[test]
fn without_standalone_options_the_command_is_the_checked_in_regeneration() {
    assert_eq!(parse(&args(&[])).expect("no args"), None);
    assert_eq!(parse(&args(&["--check"])).expect("check"), None);
}

#[test]
fn parses_every_option() {
    let parsed = parse(&args(&[
        "--metadata",
        "m.csdl",
        "--include",
        "/users",
        "--annotations",
        "a.csdl",
        "--include",
        "/",
        "--all-types",
        "--models-only",
        "--out",
        "o",
    ]))
    .expect("valid")
    .expect("standalone");
    assert_eq!(
        parsed,
        Options {
            metadata: PathBuf::from("m.csdl"),
            annotations: vec![PathBuf::from("a.csdl")],
            include: vec!["/users".into(), "/".into()],
            all_types: true,
            models_only: true,
            out: PathBuf::from("o"),
        }
    );
}

#[test]
fn bad_arguments_are_clear_errors() {
    let cases: &[(&[&str], &str)] = &[
        (&["--metadata", "m", "--out", "o"], "at least one --include"),
        (
            &["--include", "/", "--out", "o"],
            "--metadata <file> is required",
        ),
        (
            &["--metadata", "m", "--include", "/"],
            "--out <dir> is required",
        ),
        (
            &["--metadata", "m", "--include", "users"],
            "--include `users`",
        ),
        (&["--metadata"], "--metadata needs a value"),
        (
            &["--metadata", "m", "--frobnicate"],
            "unexpected argument `--frobnicate`",
        ),
    ];
    for (list, expected) in cases {
        let err = parse(&args(list)).expect_err("invalid");
        assert!(err.to_string().contains(expected), "{list:?}: {err}");
    }
}

#[test]
fn an_include_path_that_does_not_resolve_names_the_path_and_the_segment() {
    let err = load_model(&options(
        &["/identityGovernance/roleManagementAlerts/nope"],
        false,
    ))
    .expect_err("bad path");
    let text = format!("{err:#}");
    assert!(
        text.contains(
            "include path `/identityGovernance/roleManagementAlerts/nope`: no navigation \
             property `nope` on `microsoft.graph.roleManagementAlert`"
        ),
        "{text}"
    );
}

/// An annotations document with one target outside the PIM slice, one inside, and `typo`.
fn annotations_file(typo: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-annotations-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("annotations-{}.csdl", typo.len()));
    let text = format!(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
         <edmx:DataServices><Schema Namespace=\"ours\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         <Annotations Target=\"microsoft.graph.user\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"u\" /></Annotations>\n\
         <Annotations Target=\"microsoft.graph.roleManagementAlert{typo}\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"ours\" /></Annotations>\n\
         </Schema></edmx:DataServices></edmx:Edmx>\n"
    );
    fs::write(&path, text).expect("write annotations");
    path
}

#[test]
fn annotations_outside_the_slice_are_pruned_and_typos_reported() {
    let mut opts = options(&["/identityGovernance/roleManagementAlerts"], false);
    opts.annotations = vec![annotations_file("")];
    let model = load_model(&opts).expect("a target outside the slice is no error");
    let alert = model.find_type("microsoft.graph.roleManagementAlert");
    let description = alert.and_then(|t| t.docs.description.as_deref());
    assert_eq!(description, Some("ours"));
    opts.annotations = vec![annotations_file("Typo")];
    let err = load_model(&opts).expect_err("typo");
    let text = format!("{err:#}");
    assert!(
        text.ends_with(
            ".csdl:4:1: annotation target `microsoft.graph.roleManagementAlertTypo`: no type, \
             operation, term or entity container `microsoft.graph.roleManagementAlertTypo`"
        ),
        "{text}"
    );
    let _ = fs::remove_dir_all(opts.annotations[0].parent().unwrap_or(Path::new("")));
}

#[test]
fn a_missing_metadata_file_is_named() {
    let mut opts = options(&["/"], false);
    opts.metadata = PathBuf::from("/nonexistent/metadata.csdl");
    let err = load_model(&opts).expect_err("missing");
    assert!(
        format!("{err:#}").contains("reading /nonexistent/metadata.csdl"),
        "{err:#}"
    );
}

#[test]
fn all_types_keeps_types_no_path_reaches() {
    let path = ["/identityGovernance/roleManagementAlerts"];
    let sliced = load_model(&options(&path, false)).expect("slice");
    let all = load_model(&options(&path, true)).expect("all types");
    assert!(sliced.find_type("microsoft.graph.user").is_none());
    assert!(all.find_type("microsoft.graph.user").is_some());
    let container = all.container.as_ref().expect("container");
    let members: Vec<&str> = (container.singletons.iter().map(|s| s.name.csdl.as_str()))
        .chain(container.entity_sets.iter().map(|s| s.name.csdl.as_str()))
        .collect();
    assert_eq!(members, ["identityGovernance"], "container still pruned");
}

#[test]
fn generates_a_workspace_with_two_crates_over_the_hand_written_code() {
    let outputs = generate(
        &root(),
        &options(&["/identityGovernance/roleManagementAlerts"], false),
    )
    .expect("generate");
    let out = Path::new("/nonexistent/out");
    let find = |relative: &str| {
        outputs
            .iter()
            .find(|o| o.path == out.join(relative))
            .unwrap_or_else(|| panic!("{relative} is generated"))
    };
    assert!(
        find("Cargo.toml")
            .contents
            .contains("members = [\"models\", \"client\"]")
    );
    assert!(find("Cargo.lock").contents.contains("name = \"serde\""));
    let client_manifest = &find("client/Cargo.toml").contents;
    assert!(
        client_manifest.contains(
            "pim_alerts_models = { package = \"generated-models\", path = \"../models\" }"
        ),
        "{client_manifest}"
    );
    assert!(!client_manifest.contains("workspace = true\npim-alerts"));
    // The hand-written code's docs name the crates `pim_alerts_models` and `pim_alerts_client`;
    // its doctests use this project's types, which a slice need not have, so they are off.
    for (manifest, lib) in [
        ("models/Cargo.toml", "pim_alerts_models"),
        ("client/Cargo.toml", "pim_alerts_client"),
    ] {
        let text = &find(manifest).contents;
        let expected = format!("[lib]\nname = \"{lib}\"\ndoctest = false\n");
        assert!(text.contains(&expected), "{manifest}:\n{text}");
    }
    let support = root()
        .canonicalize()
        .expect("root")
        .join("pim-alerts-models/src/support/mod.rs");
    let lib = &find("models/src/lib.rs").contents;
    assert!(
        lib.contains(&format!("#[path = \"{}\"]", support.display())),
        "{lib}"
    );
    assert!(
        find("client/src/lib.rs")
            .contents
            .contains("pub mod runtime;")
    );
    let alert = find("models/src/generated/unified_role_management_alert.rs");
    assert!(
        alert
            .contents
            .contains("pub struct UnifiedRoleManagementAlert")
    );
    find("client/src/generated/paths.rs");
}

/// A metadata file whose third line declares a type named like a std type, which the writers
/// refuse.
fn std_named_metadata() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-std-name-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("std-name.csdl");
    let text = "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
         <edmx:DataServices><Schema Namespace=\"ns\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         <ComplexType Name=\"Option\"><Property Name=\"p\" Type=\"Edm.String\" /></ComplexType>\n\
         <EntityType Name=\"e\"><Key><PropertyRef Name=\"id\" /></Key><Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\" /></EntityType>\n\
         <EntityContainer Name=\"c\"><EntitySet Name=\"es\" EntityType=\"ns.e\" /></EntityContainer>\n\
         </Schema></edmx:DataServices></edmx:Edmx>\n";
    fs::write(&path, text).expect("write metadata");
    path
}

/// A writer's refusal reaches the CLI as the typed `WriteError` (callers can downcast it), and
/// `{err:#}`, which the CLI prints, names the file, line and column.
#[test]
fn a_writer_error_keeps_its_type_and_position() {
    let mut opts = options(&["/"], true);
    opts.metadata = std_named_metadata();
    let err = generate(&root(), &opts).expect_err("a type named Option");
    let text = format!("{err:#}");
    assert!(
        text.ends_with("std-name.csdl:3:1: type ns.Option is named like a std type"),
        "{text}"
    );
    let Some(codegen::rust::WriteError::Model(problems)) = err.downcast_ref() else {
        panic!("not WriteError::Model: {err:?}");
    };
    let lines: Vec<u32> = problems.iter().map(|d| d.pos.line).collect();
    assert_eq!(lines, [3]);
    let _ = fs::remove_dir_all(opts.metadata.parent().unwrap_or(Path::new("")));
}
