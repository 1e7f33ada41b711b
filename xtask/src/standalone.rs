//! `cargo xtask codegen --metadata <file> --include <path>... [--all-types] --out <dir>`: writes
//! a standalone models crate and client crate for any include paths of a full `$metadata`.
//!
//! The output is a small cargo workspace (`<dir>/Cargo.toml`, `<dir>/models`, `<dir>/client`)
//! whose crates compile this project's hand-written support code by path (see [`crates`]). The
//! document is read, resolved, sliced to the include paths (`/` is the whole container;
//! `--all-types` keeps every type), resolved again and handed to the same writers as the
//! checked-in crates. Files are written all-or-nothing (`files::write_all`); generated Rust is
//! prettyplease-formatted and not passed through rustfmt (thousands of files at full scale).

mod crates;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use codegen::csdl::read_document;
use codegen::csdl::syntax::Document;
use codegen::model::{IncludePath, Model, SliceOptions, prune, resolve, select_with};
use codegen::rust::GeneratedFile;

use crate::files::{self, OutputFile};

/// What to generate, from the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The full `$metadata` document.
    pub metadata: PathBuf,
    /// Extra documents merged over it (external annotations), in order.
    pub annotations: Vec<PathBuf>,
    /// Include paths rooted in the entity container (`/` for all of it).
    pub include: Vec<String>,
    /// Keep every type, even those no include path reaches.
    pub all_types: bool,
    /// Write only the models crate (`--models-only`).
    pub models_only: bool,
    /// The output folder.
    pub out: PathBuf,
}

/// Parses the arguments after `codegen`; `None` when none of the standalone options is given.
pub fn parse(args: &[String]) -> Result<Option<Options>> {
    if args.is_empty() || args == ["--check"] {
        return Ok(None);
    }
    let (mut metadata, mut out, mut include, mut annotations) =
        (None, None, Vec::new(), Vec::new());
    let (mut all_types, mut models_only) = (false, false);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--metadata" => metadata = Some(PathBuf::from(value()?)),
            "--annotations" => annotations.push(PathBuf::from(value()?)),
            "--include" => include.push(include_path(&value()?)?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--all-types" => all_types = true,
            "--models-only" => models_only = true,
            _ => bail!("unexpected argument `{flag}`"),
        }
    }
    let metadata = metadata.context("--metadata <file> is required with --include/--out")?;
    let out = out.context("--out <dir> is required with --metadata")?;
    if include.is_empty() {
        bail!("at least one --include <path> is required (`--include /` for the whole container)");
    }
    Ok(Some(Options {
        metadata,
        annotations,
        include,
        all_types,
        models_only,
        out,
    }))
}

fn include_path(value: &str) -> Result<String> {
    if !value.starts_with('/') {
        bail!("--include `{value}`: an include path starts with `/` (the entity container)");
    }
    Ok(value.to_owned())
}

/// Generates the crates and writes them under `options.out`. Writes nothing on failure.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let outputs = generate(root, options)?;
    let owned = crates::generated_dirs(&options.out);
    let changed = files::write_all(&outputs, &owned)?;
    println!(
        "{}: {} files, {} changed",
        options.out.display(),
        outputs.len(),
        changed.len()
    );
    Ok(())
}

/// Computes every output file in memory.
pub fn generate(root: &Path, options: &Options) -> Result<Vec<OutputFile>> {
    let model = load_model(options)?;
    let input = options.metadata.display().to_string();
    let (models, client) = codegen::rust::write_crates(&model, &input, !options.models_only)?;
    let mut outputs = crates::scaffold(root, &options.out, !options.models_only)?;
    outputs.extend(place(&crates::models_generated(&options.out), models));
    if let Some(client) = client {
        outputs.extend(place(&crates::client_generated(&options.out), client));
    }
    Ok(outputs)
}

/// Reads, resolves and slices the documents into the model the writers print.
pub fn load_model(options: &Options) -> Result<Model> {
    let mut docs = vec![read(&options.metadata)?];
    for path in &options.annotations {
        docs.push(read(path)?);
    }
    let full = resolve(&docs).map_err(anyhow::Error::new)?;
    let whole = options
        .include
        .iter()
        .any(|p| p.trim_matches('/').is_empty());
    if whole && options.all_types {
        return Ok(full);
    }
    let paths: Vec<IncludePath> = (options.include.iter())
        .map(|path| IncludePath::on_command_line(path))
        .collect();
    let slice_options = SliceOptions {
        all_types: options.all_types,
    };
    // Every document is pruned to the one selection, the annotations too: their targets were
    // checked against the full model above, and a target outside the slice would not resolve
    // below.
    let selection = select_with(&full, &paths, slice_options).map_err(anyhow::Error::new)?;
    for doc in &mut docs {
        *doc = prune(doc, &full, &selection);
    }
    resolve(&docs).map_err(anyhow::Error::new)
}

fn read(path: &Path) -> Result<Document> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    read_document(&path.display().to_string(), &bytes).map_err(anyhow::Error::new)
}

fn place(dir: &Path, generated: Vec<GeneratedFile>) -> impl Iterator<Item = OutputFile> {
    generated.into_iter().map(move |file| OutputFile {
        path: dir.join(&file.path),
        contents: file.contents,
    })
}

#[cfg(test)]
mod tests;
