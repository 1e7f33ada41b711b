//! Project automation: `cargo xtask metadata` extracts the checked-in CSDL excerpt,
//! `cargo xtask codegen` regenerates the Rust crates from it.

mod files;
mod metadata;
mod regenerate;
mod standalone;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

const USAGE: &str = "\
usage:
  cargo xtask metadata [--from <file or https URL>]
      extract metadata/pim-alerts.csdl from a full $metadata (default: the vendored copy)
  cargo xtask codegen [--check]
      regenerate the models and client from metadata/ (--check: fail if anything is stale)
  cargo xtask codegen --metadata <file> [--annotations <file>]... --include <path>...
                      [--all-types] [--models-only] --out <dir>
      write a standalone models crate and client crate (a cargo workspace) under <dir> for
      the include paths of any $metadata (`--include /`: the whole container; --all-types:
      every type, even those no include path reaches; --models-only: no client crate)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let root = project_root();
    match args.split_first() {
        Some((cmd, rest)) if cmd == "metadata" => {
            let from = flag_value(rest, "--from")?;
            metadata::run(&root, from)
        }
        Some((cmd, rest)) if cmd == "codegen" => {
            let standalone =
                standalone::parse(rest).map_err(|e| anyhow::anyhow!("{e}\n{USAGE}"))?;
            match (rest, standalone) {
                (_, Some(options)) => standalone::run(&root, &options),
                ([], None) => regenerate::run(&root, false),
                (_, None) => regenerate::run(&root, true),
            }
        }
        Some((cmd, _)) if cmd == "help" || cmd == "--help" => {
            println!("{USAGE}");
            Ok(())
        }
        _ => bail!("{USAGE}"),
    }
}

/// The value of `--name <value>` if present; any other argument is an error.
fn flag_value<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>> {
    match args {
        [] => Ok(None),
        [flag, value] if flag == name => Ok(Some(value)),
        _ => bail!("unexpected arguments {args:?}\n{USAGE}"),
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
