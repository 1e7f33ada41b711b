//! Writing generated files all-or-nothing, and the `--check` comparison.
//!
//! Every output is computed in memory first; only then are files written: all of them to
//! temporary files beside their targets, stale files renamed aside, and only when all of that
//! succeeded are the new files renamed over the targets ([`transaction`]). A failed run never
//! leaves a half-written file, a generation or write error leaves the checked-in files exactly
//! as they were, and the error names the file that failed and the state of the tree.

mod transaction;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// One output file: where it goes and what it must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path of the file.
    pub path: PathBuf,
    /// Its full contents.
    pub contents: String,
}

/// What `--check` found: the files whose contents differ from what generation produces, and
/// the files in generated folders that generation no longer produces.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files that are missing or differ.
    pub stale: Vec<PathBuf>,
    /// Files under an owned folder that are not produced any more.
    pub extra: Vec<PathBuf>,
}

impl Staleness {
    /// Whether everything on disk matches.
    pub fn is_fresh(&self) -> bool {
        self.stale.is_empty() && self.extra.is_empty()
    }
}

/// Compares `outputs` with the disk. `owned_dirs` are folders that hold only generated files:
/// anything else found in them counts as extra.
pub fn check(outputs: &[OutputFile], owned_dirs: &[PathBuf]) -> Result<Staleness> {
    let mut found = Staleness::default();
    for out in outputs {
        let current = fs::read_to_string(&out.path).ok();
        if current.as_deref() != Some(out.contents.as_str()) {
            found.stale.push(out.path.clone());
        }
    }
    found.extra = extra_files(outputs, owned_dirs)?;
    Ok(found)
}

/// Brings the disk in line with `outputs`: writes the files that differ, removes extra files
/// from `owned_dirs` and the folders there that this empties. Returns the paths it changed.
///
/// All or nothing (see [`transaction`]): every change is prepared beside its target first
/// (new contents written, stale files renamed aside) and only then committed by renames. A
/// failure while preparing (disk full, a folder that cannot be created, a target that is a
/// folder, a stale file that cannot be moved) or committing leaves every file as it was, and
/// the error names the file and says so.
pub fn write_all(outputs: &[OutputFile], owned_dirs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let found = check(outputs, owned_dirs)?;
    let changed: Vec<&OutputFile> = outputs
        .iter()
        .filter(|o| found.stale.contains(&o.path))
        .collect();
    transaction::prepare(&changed, &found.extra)?.commit(owned_dirs)
}

fn extra_files(outputs: &[OutputFile], owned_dirs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut extra = Vec::new();
    for dir in owned_dirs {
        if !dir.exists() {
            continue;
        }
        for path in files_under(dir)? {
            if !outputs.iter().any(|o| o.path == path) {
                extra.push(path);
            }
        }
    }
    extra.sort();
    Ok(extra)
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading {}", dir.display()))?
            .path();
        if path.is_dir() {
            files.extend(files_under(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// Fails with a message naming every stale or extra file, and the command that fixes them.
pub fn ensure_fresh(found: &Staleness, fix: &str) -> Result<()> {
    if found.is_fresh() {
        return Ok(());
    }
    let mut msg = String::from("generated files are out of date:\n");
    for p in &found.stale {
        msg.push_str(&format!("  stale: {}\n", p.display()));
    }
    for p in &found.extra {
        msg.push_str(&format!("  no longer generated: {}\n", p.display()));
    }
    msg.push_str(&format!("run `{fix}` and commit the result"));
    bail!(msg)
}

#[cfg(test)]
mod faults;

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn check_names_stale_missing_and_extra_files() {
        let dir = temp_dir("check");
        fs::write(dir.join("same.rs"), "a").expect("write");
        fs::write(dir.join("old.rs"), "old").expect("write");
        fs::write(dir.join("gone.rs"), "x").expect("write");
        let outputs = vec![
            OutputFile {
                path: dir.join("same.rs"),
                contents: "a".into(),
            },
            OutputFile {
                path: dir.join("old.rs"),
                contents: "new".into(),
            },
            OutputFile {
                path: dir.join("missing.rs"),
                contents: "m".into(),
            },
        ];
        let found = check(&outputs, std::slice::from_ref(&dir)).expect("check");
        assert_eq!(
            found.stale,
            vec![dir.join("old.rs"), dir.join("missing.rs")]
        );
        assert_eq!(found.extra, vec![dir.join("gone.rs")]);
        let err = ensure_fresh(&found, "cargo xtask codegen").expect_err("stale");
        let text = err.to_string();
        assert!(text.contains("old.rs") && text.contains("missing.rs") && text.contains("gone.rs"));
    }

    #[test]
    fn write_all_makes_the_disk_match_and_is_then_fresh() {
        let dir = temp_dir("write");
        fs::write(dir.join("gone.rs"), "x").expect("write");
        let outputs = vec![OutputFile {
            path: dir.join("sub/new.rs"),
            contents: "n".into(),
        }];
        let changed = write_all(&outputs, std::slice::from_ref(&dir)).expect("write_all");
        assert_eq!(changed, vec![dir.join("sub/new.rs"), dir.join("gone.rs")]);
        assert_eq!(
            fs::read_to_string(dir.join("sub/new.rs")).expect("read"),
            "n"
        );
        assert!(
            check(&outputs, std::slice::from_ref(&dir))
                .expect("check")
                .is_fresh()
        );
        assert!(write_all(&outputs, &[dir]).expect("again").is_empty());
    }

    #[test]
    fn failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = temp_dir("fail");
        let target = dir.join("file.rs");
        fs::write(&target, "old").expect("write");
        // A directory where the temporary file should go makes creating it fail.
        let blocker = dir.join(format!(".file.rs.tmp-{}", std::process::id()));
        fs::create_dir_all(blocker.join("x")).expect("blocker");
        let outputs = [OutputFile {
            path: target.clone(),
            contents: "new".into(),
        }];
        assert!(write_all(&outputs, &[]).is_err());
        assert_eq!(fs::read_to_string(&target).expect("read"), "old");
    }
}
