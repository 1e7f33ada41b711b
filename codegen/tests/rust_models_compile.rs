//! The models writer's fixture output compiles against the support runtime and its rustdoc
//! examples pass: every fixture becomes a crate of one temporary workspace (depending on
//! `pim-alerts-models` by path, with `#![deny(warnings, missing_docs)]`), built and doc-tested
//! with one `cargo test --doc --offline`.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::csdl::read_document;
use codegen::model::resolve;
use codegen::rust::models::write_models_documented;

const FIXTURES: &[&str] = &["enums", "names", "polymorphic", "primitives"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Writes fixture `name` as crate `dir`.
fn write_crate(dir: &Path, name: &str, models: &Path) {
    let csdl = workspace().join(format!("codegen/tests/fixtures/rust/{name}.csdl"));
    let xml = std::fs::read(&csdl).expect("fixture");
    let doc = read_document(name, &xml).expect("reads");
    let model = resolve(&[doc]).expect("resolves");
    let files = write_models_documented(&model, name, &format!("fixture_{name}")).expect("writes");
    let manifest = format!(
        "[package]\nname = \"fixture-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\npim-alerts-models = {{ path = {models:?} }}\nserde = \"1\"\nserde_json = \"1\"\n"
    );
    write(&dir.join("Cargo.toml"), &manifest);
    let lib = "//! Fixture crate.\n#![deny(warnings, missing_docs)]\n\
               pub use pim_alerts_models::support;\nmod generated;\npub use generated::*;\n";
    write(&dir.join("src/lib.rs"), lib);
    for f in files {
        write(&dir.join("src/generated").join(&f.path), &f.contents);
    }
}

#[test]
fn fixture_output_compiles() {
    let root = std::env::temp_dir().join(format!("codegen-rust-models-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let models = workspace().join("pim-alerts-models");
    let members: Vec<String> = FIXTURES.iter().map(|n| format!("{n:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    write(&root.join("Cargo.toml"), &manifest);
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).expect("lock");
    for name in FIXTURES {
        write_crate(&root.join(name), name, &models);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["test", "--doc", "--offline", "--workspace", "--quiet"])
        .current_dir(&root)
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/snapshot-check"),
        )
        .output()
        .expect("runs cargo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo test --doc failed:\n{stderr}\n{stdout}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
