//! The writers' fixture output compiles against the hand-written runtimes and its rustdoc
//! examples pass: every fixture becomes a models crate of one temporary workspace (depending on
//! `pim-alerts-models` by path and re-exporting at its root what that crate's root re-exports,
//! with `#![deny(warnings, missing_docs)]`), built and doc-tested with one
//! `cargo test --doc --offline`. The fixtures in [`CLIENT_FIXTURES`] also get a client crate
//! (the generated client over `pim-alerts-client/src/runtime`, compiled in by `#[path]`, as
//! `cargo xtask codegen --out` does), checked with `cargo check --offline` under the same lints.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::csdl::read_document;
use codegen::model::{Model, resolve};
use codegen::rust::GeneratedFile;
use codegen::rust::client::write_client;
use codegen::rust::models::write_models_documented;

const FIXTURES: &[&str] = &[
    "collisions",
    "descriptions",
    "enums",
    "names",
    "polymorphic",
    "primitives",
    "inventory",
];

/// Fixtures whose client is compiled too: `collisions` names things like the runtime's own;
/// `inventory` has bound and unbound functions and actions, overloads and a singleton.
const CLIENT_FIXTURES: &[&str] = &["collisions", "inventory"];

/// Fixtures that are not in `fixtures/rust/` but in `fixtures/other/`: services that are not
/// Graph, with their own tests.
const OTHER_FIXTURES: &[&str] = &["inventory"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(workspace().join(relative)).expect(relative)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn write_files(dir: &Path, files: Vec<GeneratedFile>) {
    for f in files {
        write(&dir.join("src/generated").join(&f.path), &f.contents);
    }
}

fn fixture_model(name: &str) -> Model {
    let dir = if OTHER_FIXTURES.contains(&name) {
        "other"
    } else {
        "rust"
    };
    let csdl = workspace().join(format!("codegen/tests/fixtures/{dir}/{name}.csdl"));
    let xml = std::fs::read(&csdl).expect("fixture");
    let doc = read_document(name, &xml).expect("reads");
    resolve(&[doc]).expect("resolves")
}

/// The lines of `[name]` in a manifest, up to the next section header.
fn section<'a>(manifest: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("[{name}]");
    let mut lines = manifest.lines().skip_while(|l| l.trim() != header);
    lines.next();
    lines
        .take_while(|l| !l.trim_start().starts_with('['))
        .collect()
}

/// Dependencies that are crates of this workspace: the fixture crates replace them.
fn is_local(line: &str) -> bool {
    line.contains("path = \"") || line.starts_with("pim-alerts-") || line.starts_with("codegen")
}

/// The `pub use support::{...};` line of the models crate's root: generated root-module names
/// must not clash with these, so the fixture crates re-export the same names.
fn support_reexports() -> String {
    let lib = read("pim-alerts-models/src/lib.rs");
    let line = lib.lines().find(|l| l.starts_with("pub use support::{"));
    line.expect("pim-alerts-models re-exports support items")
        .to_owned()
}

/// Writes fixture `name` as models crate `dir`.
fn write_models_crate(dir: &Path, name: &str, models: &Path) {
    let model = fixture_model(name);
    let files = write_models_documented(&model, name, &format!("fixture_{name}")).expect("writes");
    let manifest = format!(
        "[package]\nname = \"fixture-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\npim-alerts-models = {{ path = {models:?} }}\nserde = \"1\"\nserde_json = \"1\"\n"
    );
    write(&dir.join("Cargo.toml"), &manifest);
    let lib = format!(
        "//! Fixture crate.\n#![deny(warnings, missing_docs)]\n\
         pub use pim_alerts_models::support;\n{}\nmod generated;\npub use generated::*;\n",
        support_reexports()
    );
    write(&dir.join("src/lib.rs"), &lib);
    write_files(dir, files);
}

/// Writes the client of fixture `name` as crate `dir`, over the models crate `../<name>`. No
/// TLS feature is enabled (nothing is sent), so the check builds no C code.
fn write_client_crate(dir: &Path, name: &str) {
    let files = write_client(&fixture_model(name), name).expect("writes the client");
    let client = read("pim-alerts-client/Cargo.toml");
    let features = section(&client, "features");
    let features = features.iter().filter(|l| !l.starts_with("default"));
    let dependencies = section(&client, "dependencies");
    let dependencies = dependencies.iter().filter(|l| !is_local(l));
    let manifest = format!(
        "[package]\nname = \"fixture-client-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [features]\n{}\n\n[dependencies]\npim_alerts_models = {{ package = \"fixture-{name}\", path = \"../{name}\" }}\n{}\n",
        features.copied().collect::<Vec<_>>().join("\n"),
        dependencies.copied().collect::<Vec<_>>().join("\n"),
    );
    write(&dir.join("Cargo.toml"), &manifest);
    let runtime = workspace().join("pim-alerts-client/src/runtime/mod.rs");
    let lib = format!(
        "//! Fixture client crate.\n#![deny(warnings, missing_docs)]\n\
         #[path = {:?}]\npub mod runtime;\nmod generated;\npub use generated::*;\n",
        runtime.display().to_string()
    );
    write(&dir.join("src/lib.rs"), &lib);
    write_files(dir, files);
}

/// The workspace manifest: every crate, and the dependency versions of this workspace.
fn workspace_manifest(members: &[String]) -> String {
    let root = read("Cargo.toml");
    let dependencies = section(&root, "workspace.dependencies");
    let dependencies: Vec<&str> = dependencies.into_iter().filter(|l| !is_local(l)).collect();
    format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[workspace.dependencies]\n{}\n",
        members.join(", "),
        dependencies.join("\n")
    )
}

fn cargo(root: &Path, args: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(root)
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
        "cargo {args:?} failed:\n{stderr}\n{stdout}"
    );
}

#[test]
fn fixture_output_compiles() {
    let root = std::env::temp_dir().join(format!("codegen-rust-models-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let models = workspace().join("pim-alerts-models");
    let clients = CLIENT_FIXTURES.iter().map(|n| format!("client-{n}"));
    let members: Vec<String> = (FIXTURES.iter().map(|n| n.to_string()))
        .chain(clients)
        .map(|n| format!("{n:?}"))
        .collect();
    write(&root.join("Cargo.toml"), &workspace_manifest(&members));
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).expect("lock");
    for name in FIXTURES {
        write_models_crate(&root.join(name), name, &models);
    }
    for name in CLIENT_FIXTURES {
        write_client_crate(&root.join(format!("client-{name}")), name);
    }
    let mut doc_test = vec!["test", "--doc", "--offline", "--quiet"];
    let packages: Vec<String> = FIXTURES.iter().map(|n| format!("fixture-{n}")).collect();
    for package in &packages {
        doc_test.extend(["-p", package]);
    }
    cargo(&root, &doc_test);
    let mut check = vec!["check", "--offline", "--quiet"];
    let clients: Vec<String> = (CLIENT_FIXTURES.iter())
        .map(|n| format!("fixture-client-{n}"))
        .collect();
    for package in &clients {
        check.extend(["-p", package]);
    }
    cargo(&root, &check);
    let _ = std::fs::remove_dir_all(&root);
}
