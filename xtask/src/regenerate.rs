//! `cargo xtask codegen [--check]`: regenerates the Rust crates from `metadata/`.
//!
//! Reads the excerpt and the hand-written annotations, resolves them together, runs the
//! writers, formats every file with rustfmt (so `cargo fmt` is a no-op on generated code) and
//! then writes all files at once, or with `--check` names every stale file and fails.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use codegen::csdl::read_document;
use codegen::csdl::syntax::Document;
use codegen::model::{Model, resolve};
use codegen::rust::GeneratedFile;

use crate::files::{self, OutputFile};
use crate::metadata::EXCERPT;

/// The hand-written annotations merged over the excerpt, relative to the project root.
pub const ANNOTATIONS: &str = "metadata/pim-alerts.annotations.csdl";

/// Where the models writer's output goes, relative to the project root.
const MODELS_OUT: &str = "pim-alerts-models/src/generated";
/// The models crate's name, used by the generated rustdoc examples.
const MODELS_CRATE: &str = "pim_alerts_models";
/// Where the client writer's output goes, relative to the project root.
const CLIENT_OUT: &str = "pim-alerts-client/src/generated";

/// Regenerates, or with `check` verifies, every generated file. Writes nothing on failure.
pub fn run(root: &Path, check: bool) -> Result<()> {
    let outputs = generate(root)?;
    let owned = owned_dirs(root);
    if check {
        let found = files::check(&outputs, &owned)?;
        files::ensure_fresh(&found, "cargo xtask codegen")?;
        println!("generated code is up to date ({} files)", outputs.len());
        return Ok(());
    }
    let changed = files::write_all(&outputs, &owned)?;
    crate::metadata::report(&changed, "generated code");
    Ok(())
}

/// Computes every generated file in memory.
pub fn generate(root: &Path) -> Result<Vec<OutputFile>> {
    let model = load_model(root)?;
    let models = codegen::rust::models::write_models_documented(&model, EXCERPT, MODELS_CRATE)?;
    let client = codegen::rust::client::write_client(&model, EXCERPT)?;
    let mut outputs = place(&root.join(MODELS_OUT), models)?;
    outputs.extend(place(&root.join(CLIENT_OUT), client)?);
    Ok(outputs)
}

fn owned_dirs(root: &Path) -> Vec<PathBuf> {
    vec![root.join(MODELS_OUT), root.join(CLIENT_OUT)]
}

/// Reads the excerpt and the annotations and resolves them into one model.
pub fn load_model(root: &Path) -> Result<Model> {
    let docs = [read(root, EXCERPT)?, read(root, ANNOTATIONS)?];
    resolve(&docs).map_err(anyhow::Error::new)
}

fn read(root: &Path, relative: &str) -> Result<Document> {
    let bytes =
        std::fs::read(root.join(relative)).with_context(|| format!("reading {relative}"))?;
    read_document(relative, &bytes).map_err(anyhow::Error::new)
}

fn place(dir: &Path, generated: Vec<GeneratedFile>) -> Result<Vec<OutputFile>> {
    generated
        .into_iter()
        .map(|file| {
            let path = dir.join(&file.path);
            let contents = rustfmt(&file.contents)
                .with_context(|| format!("formatting generated {}", path.display()))?;
            Ok(OutputFile { path, contents })
        })
        .collect()
}

/// Formats Rust source with the toolchain's rustfmt, as `cargo fmt` would.
fn rustfmt(source: &str) -> Result<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running rustfmt (install it with `rustup component add rustfmt`)")?;
    let mut stdin = child.stdin.take().context("rustfmt stdin")?;
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().context("waiting for rustfmt")?;
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("rustfmt writer thread panicked"))?
        .context("writing to rustfmt")?;
    if !output.status.success() {
        bail!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout).context("rustfmt printed invalid UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// The checked-in generated code is what `cargo xtask codegen` writes now.
    #[test]
    fn checked_in_generated_code_is_fresh() {
        let root = root();
        let outputs = generate(&root).expect("generation succeeds");
        let found = files::check(&outputs, &owned_dirs(&root)).expect("check");
        if let Err(err) = files::ensure_fresh(&found, "cargo xtask codegen") {
            panic!("{err}");
        }
    }

    #[test]
    fn generation_is_byte_identical_on_every_run() {
        let root = root();
        assert_eq!(
            generate(&root).expect("first"),
            generate(&root).expect("second")
        );
    }

    #[test]
    fn rustfmt_formats_and_reports_syntax_errors() {
        assert_eq!(rustfmt("fn  a( ){}").expect("valid"), "fn a() {}\n");
        let err = rustfmt("fn (").expect_err("invalid");
        assert!(err.to_string().contains("rustfmt failed"), "{err}");
    }
}
