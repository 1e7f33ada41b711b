//! `cargo xtask metadata [--from <file or https URL>]`: extracts the checked-in CSDL excerpt
//! `metadata/pim-alerts.csdl` from a full `$metadata` document, for the include paths listed in
//! `metadata/include-paths.txt`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use codegen::csdl::syntax::Pos;
use codegen::csdl::{read_document, writer::write_document};
use codegen::model::{IncludePath, resolve, slice};

use crate::files::{self, OutputFile};

/// The full document used when `--from` is not given, relative to the project root.
pub const VENDORED: &str = "metadata/vendor/beta-USNat.csdl";
/// The include paths, one per line, relative to the project root.
pub const INCLUDE_PATHS: &str = "metadata/include-paths.txt";
/// The excerpt this command writes, relative to the project root.
pub const EXCERPT: &str = "metadata/pim-alerts.csdl";

/// Reads the full document from `from` (default: the vendored copy), extracts the excerpt and
/// writes it if it changed. Nothing is written when any step fails.
pub fn run(root: &Path, from: Option<&str>) -> Result<()> {
    let (source, bytes) = load(root, from.unwrap_or(VENDORED))?;
    let include_text = fs::read_to_string(root.join(INCLUDE_PATHS))
        .with_context(|| format!("reading {INCLUDE_PATHS}"))?;
    let paths = parse_include_paths(&include_text)?;
    let excerpt = extract(&source, &bytes, &paths)?;
    let output = OutputFile {
        path: root.join(EXCERPT),
        contents: excerpt,
    };
    let changed = files::write_all(std::slice::from_ref(&output), &[])?;
    report(&changed, EXCERPT);
    Ok(())
}

/// Reads, resolves and slices a full document, returning the excerpt as CSDL XML. A path that
/// does not resolve is reported where it was given.
pub fn extract(source: &str, bytes: &[u8], include_paths: &[IncludePath]) -> Result<String> {
    let doc = read_document(source, bytes).map_err(anyhow::Error::new)?;
    let model = resolve(std::slice::from_ref(&doc)).map_err(anyhow::Error::new)?;
    let sliced = slice(&doc, &model, include_paths).map_err(anyhow::Error::new)?;
    Ok(write_document(&sliced))
}

/// The non-empty, non-comment lines of the include-paths file, each with its line and column
/// in [`INCLUDE_PATHS`]; each must start with `/`.
pub fn parse_include_paths(text: &str) -> Result<Vec<IncludePath<'_>>> {
    let mut paths = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !line.starts_with('/') {
            bail!(
                "{INCLUDE_PATHS}:{}: include path `{line}` must start with `/`",
                index + 1
            );
        }
        let indent = raw.len() - raw.trim_start().len();
        let column = raw.get(..indent).unwrap_or_default().chars().count() + 1;
        let pos = Pos {
            line: u32::try_from(index + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        };
        paths.push(IncludePath::in_file(line, INCLUDE_PATHS, pos));
    }
    if paths.is_empty() {
        bail!("{INCLUDE_PATHS} lists no include path");
    }
    Ok(paths)
}

fn load(root: &Path, from: &str) -> Result<(String, Vec<u8>)> {
    if from.starts_with("https://") {
        return Ok((from.to_string(), download(from)?));
    }
    if from.contains("://") {
        bail!("--from {from}: only local files and https:// URLs are supported");
    }
    let path = if Path::new(from).is_absolute() {
        PathBuf::from(from)
    } else {
        root.join(from)
    };
    let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok((from.to_string(), bytes))
}

fn download(url: &str) -> Result<Vec<u8>> {
    let response = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(120))
        .build()?
        .get(url)
        .send()
        .with_context(|| format!("downloading {url}"))?;
    let status = response.status();
    if !status.is_success() {
        bail!("downloading {url}: HTTP {status}");
    }
    Ok(response
        .bytes()
        .with_context(|| format!("downloading {url}"))?
        .to_vec())
}

/// Prints what a command changed.
pub fn report(changed: &[PathBuf], what: &str) {
    if changed.is_empty() {
        println!("{what}: up to date");
    }
    for path in changed {
        println!("updated {}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn include_paths_skip_comments_and_reject_relative_paths() {
        let paths = parse_include_paths("# c\n\n /a/b \n/c\n").expect("valid");
        let found: Vec<_> = paths
            .iter()
            .map(|p| (p.path, p.pos.line, p.pos.column))
            .collect();
        assert_eq!(found, vec![("/a/b", 3, 2), ("/c", 4, 1)]);
        let err = parse_include_paths("# c\nrelative\n").expect_err("relative");
        assert!(
            err.to_string().contains(":2: include path `relative`"),
            "{err}"
        );
        assert!(parse_include_paths("# only a comment\n").is_err());
    }

    #[test]
    fn extraction_is_deterministic_and_matches_the_checked_in_excerpt() {
        let root = root();
        let bytes = fs::read(root.join(VENDORED)).expect("vendored metadata");
        let text = fs::read_to_string(root.join(INCLUDE_PATHS)).expect("include paths");
        let paths = parse_include_paths(&text).expect("valid include paths");
        let first = extract(VENDORED, &bytes, &paths).expect("extract");
        let second = extract(VENDORED, &bytes, &paths).expect("extract again");
        assert_eq!(first, second, "two extractions differ");
        let checked_in = fs::read_to_string(root.join(EXCERPT)).expect("excerpt");
        assert!(
            first == checked_in,
            "{EXCERPT} is stale: run `cargo xtask metadata`"
        );
    }

    #[test]
    fn a_path_that_does_not_resolve_is_reported_at_its_line() {
        let root = root();
        let bytes = fs::read(root.join(VENDORED)).expect("vendored metadata");
        let paths = parse_include_paths("# c\n  /identityGovernance/nope\n").expect("valid");
        let err = extract(VENDORED, &bytes, &paths).expect_err("unknown navigation");
        assert_eq!(
            err.to_string(),
            "metadata/include-paths.txt:2:3: include path `/identityGovernance/nope`: \
             no navigation property `nope` on `microsoft.graph.identityGovernance`"
        );
    }

    #[test]
    fn a_broken_document_is_an_error_with_position() {
        let paths = [IncludePath::on_command_line("/x")];
        let err = extract("broken.csdl", b"<edmx:Edmx", &paths).expect_err("broken");
        assert!(err.to_string().starts_with("broken.csdl:1:"), "{err}");
    }
}
