//! The models writer: snapshots of small CSDL fixtures, determinism, the PIM alerts metadata,
//! and (in `rust_models_compile.rs`) that the output compiles against the support runtime.

use std::path::{Path, PathBuf};

use codegen::csdl::read_document;
use codegen::model::{Model, resolve};
use codegen::rust::models::{write_models, write_models_documented};
use codegen::rust::{GeneratedFile, WriteError};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn model_of(paths: &[PathBuf]) -> Model {
    let docs: Vec<_> = paths
        .iter()
        .map(|p| {
            let xml = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            read_document(&p.display().to_string(), &xml).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    resolve(&docs).unwrap_or_else(|e| panic!("{e}"))
}

/// Names of the fixtures under `tests/fixtures/rust/` (without `.csdl`).
const FIXTURES: &[&str] = &["enums", "names", "polymorphic", "primitives"];

fn fixture(name: &str) -> Vec<GeneratedFile> {
    let path = workspace().join(format!("codegen/tests/fixtures/rust/{name}.csdl"));
    let model = model_of(&[path]);
    let input = format!("fixtures/rust/{name}.csdl");
    // The crate name of the fixture's crate in `rust_models_compile.rs`, which runs the examples.
    write_models_documented(&model, &input, &format!("fixture_{name}")).expect("writes")
}

/// All files of one output, each under a `=== path ===` line.
fn joined(files: &[GeneratedFile]) -> String {
    files
        .iter()
        .map(|f| format!("=== {} ===\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixture_snapshots() {
    for name in FIXTURES {
        insta::assert_snapshot!(format!("rust_models_{name}"), joined(&fixture(name)));
    }
}

#[test]
fn output_is_deterministic() {
    for name in FIXTURES {
        assert_eq!(fixture(name), fixture(name), "{name}");
    }
    assert_eq!(pim_alerts(), pim_alerts());
}

#[test]
fn paths_are_sorted_and_unique() {
    let files = pim_alerts();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted);
}

/// A prefix that is no Rust path is `InvalidPrefix`, holding the prefix and syn's reason.
#[test]
fn bad_prefix_is_an_error() {
    let model = model_of(&[workspace().join("codegen/tests/fixtures/rust/enums.csdl")]);
    let err = codegen::rust::plan::Plan::new(&model, "not a path").expect_err("bad prefix");
    assert_eq!(err.to_string(), "bad path prefix `not a path`");
    match err {
        WriteError::InvalidPrefix { prefix, source } => {
            assert_eq!(prefix, "not a path");
            assert!(!source.to_string().is_empty());
        }
        other => panic!("not InvalidPrefix: {other:?}"),
    }
}

/// A crate name for the examples that is no identifier is `InvalidCrateName`.
#[test]
fn examples_need_a_crate_identifier() {
    let model = model_of(&[workspace().join("codegen/tests/fixtures/rust/enums.csdl")]);
    let err = write_models_documented(&model, "enums", "not-a-crate").expect_err("bad name");
    assert_eq!(err.to_string(), "bad crate name `not-a-crate`");
    assert!(
        matches!(&err, WriteError::InvalidCrateName { name, .. } if name == "not-a-crate"),
        "{err:?}"
    );
    let plain = write_models(&model, "enums").expect("writes");
    assert!(plain.iter().all(|f| !f.contents.contains("# Example")));
}

fn pim_alerts() -> Vec<GeneratedFile> {
    let root = workspace().join("metadata");
    let model = model_of(&[
        root.join("pim-alerts.csdl"),
        root.join("pim-alerts.annotations.csdl"),
    ]);
    write_models(&model, "metadata/pim-alerts.csdl").expect("writes")
}

/// Writes the PIM alerts models to `$RUST_MODELS_OUT` (for review before `cargo xtask codegen`).
#[test]
fn pim_alerts_models_write() {
    let files = pim_alerts();
    assert!(files.iter().any(|f| f.path == "mod.rs"));
    if let Ok(out) = std::env::var("RUST_MODELS_OUT") {
        for f in &files {
            let path = Path::new(&out).join(&f.path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, &f.contents).expect("write");
        }
    }
}

/// `@odata.type` accepts each namespace's declared schema alias (the vendored document has two).
#[test]
fn namespaces_carry_the_declared_schema_aliases() {
    let model = model_of(&[workspace().join("metadata/vendor/beta-USNat.csdl")]);
    let plan = codegen::rust::plan::Plan::new(&model, "crate").expect("plans");
    let namespaces = plan.namespaces();
    let alias = |ns: &str| {
        let found = namespaces.iter().find(|(n, _)| n == ns);
        found
            .map(|(_, a)| a.as_str())
            .unwrap_or_else(|| panic!("{ns}"))
    };
    assert_eq!(alias("microsoft.graph"), "graph");
    assert_eq!(alias("microsoft.graph.agentic"), "agentic");
    assert_eq!(alias("microsoft.graph.security"), "");
    assert_eq!(namespaces.len(), 6);
}

/// Setters of a polymorphic enum: only for properties the caller may change (not the key, not
/// `Core.Computed` or `Core.Immutable` ones), named `set_` + accessor, numbered where that is an
/// accessor's name already; fallible only where the value's encoding can fail (a structured
/// value or an `Edm.Decimal`, through `serde_json::to_value`): other primitives, enum types,
/// type definitions and their collections write `IntoJson`.
#[test]
fn polymorphic_setters_are_planned_for_settable_properties() {
    use codegen::rust::plan::{Access, Plan, RawWrite};
    let model = model_of(&[workspace().join("codegen/tests/fixtures/rust/polymorphic.csdl")]);
    let plan = Plan::new(&model, "crate").expect("plans");
    let shape = model
        .types
        .iter()
        .position(|t| t.qualified_name == "fx.shape");
    let shape = codegen::model::TypeId(shape.expect("fx.shape"));
    let p = plan.ty(shape).polymorphic.as_ref().expect("enum");
    let s = model.structured(shape).expect("structured");
    let setters: Vec<(&str, &str, RawWrite)> = (p.setters.iter())
        .map(|x| {
            (
                s.properties[x.property].name.csdl.as_str(),
                x.method.as_str(),
                x.raw,
            )
        })
        .collect();
    assert_eq!(
        setters,
        [
            ("label", "set_label", RawWrite::Json),
            ("visible", "set_visible_2", RawWrite::Json),
            ("area", "set_area", RawWrite::Json),
            ("tags", "set_tags", RawWrite::Json),
            ("setVisible", "set_set_visible", RawWrite::Json),
            ("type", "set_type", RawWrite::Json),
            ("colours", "set_colours", RawWrite::Json),
            ("code", "set_code", RawWrite::Json),
            ("anchor", "set_anchor", RawWrite::Serialize),
            ("price", "set_price", RawWrite::Serialize),
        ]
    );
    let accessors: Vec<&str> = p.accessors.iter().map(|(_, m)| m.as_str()).collect();
    assert!(accessors.contains(&"set_visible") && accessors.contains(&"r#type"));
    // Each setter names its property's accessor and how it reads on the catch-all.
    let read: Vec<(&str, Access)> = (p.setters.iter())
        .map(|x| (x.accessor.as_str(), x.access))
        .collect();
    assert_eq!(
        read,
        [
            ("label", Access::Str),
            ("visible", Access::Bool),
            ("area", Access::Ref),
            ("tags", Access::Ref),
            ("set_visible", Access::Str),
            ("r#type", Access::Str),
            ("colours", Access::Ref),
            ("code", Access::Ref),
            ("anchor", Access::Ref),
            ("price", Access::Ref),
        ]
    );
}
