//! Writing generated files all-or-nothing, and the `--check` comparison.
//!
//! Every output is computed in memory first; only then are files written: all of them to
//! temporary files beside their targets, and only when every one is written are they renamed
//! over the targets. A failed run never leaves a half-written file, a generation or write error
//! leaves the checked-in files exactly as they were, and the error names the file that failed.

use std::fs;
use std::io::Write as _;
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

/// Brings the disk in line with `outputs`: writes the files that differ and removes extra
/// files from `owned_dirs`. Returns the paths it changed.
///
/// Two phases: every changed file is first written in full to a temporary file beside its
/// target ([`stage`]); only when all of them are written are they renamed over their targets
/// ([`commit`]). A failure while staging (disk full, a folder that cannot be created, a
/// target that is a folder) removes the temporary files and leaves every target untouched.
pub fn write_all(outputs: &[OutputFile], owned_dirs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let found = check(outputs, owned_dirs)?;
    let changed: Vec<&OutputFile> = outputs
        .iter()
        .filter(|o| found.stale.contains(&o.path))
        .collect();
    let staged = stage(&changed)?;
    let mut done = commit(staged)?;
    for path in found.extra {
        fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        done.push(path);
    }
    Ok(done)
}

/// A file written in full beside its target, waiting to be renamed over it.
#[derive(Debug)]
pub struct Staged {
    /// The temporary file.
    pub tmp: PathBuf,
    /// The file it replaces.
    pub target: PathBuf,
    /// A folder that staging created (the outermost one), removed again on failure.
    pub created_dir: Option<PathBuf>,
}

/// Writes every file of `outputs` to its temporary file. On the first failure, removes what
/// was staged so far and fails naming the file and saying that nothing was changed.
pub fn stage(outputs: &[&OutputFile]) -> Result<Vec<Staged>> {
    let mut staged = Vec::with_capacity(outputs.len());
    for out in outputs {
        match stage_one(&out.path, &out.contents) {
            Ok(one) => staged.push(one),
            Err(err) => {
                discard(&staged);
                return Err(err.context(format!(
                    "could not write {}; no file was changed",
                    out.path.display()
                )));
            }
        }
    }
    Ok(staged)
}

/// Renames every staged file over its target. A rename failure (rare: same folder, same
/// file system) removes the temporary files not yet renamed and fails naming the files that
/// were already replaced and those that were not.
pub fn commit(staged: Vec<Staged>) -> Result<Vec<PathBuf>> {
    let mut done = Vec::with_capacity(staged.len());
    for (index, one) in staged.iter().enumerate() {
        if let Err(err) = fs::rename(&one.tmp, &one.target) {
            discard(&staged[index..]);
            let list = |paths: &mut dyn Iterator<Item = &PathBuf>| {
                let names: Vec<String> = paths.map(|p| p.display().to_string()).collect();
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            };
            bail!(
                "renaming {} to {}: {err}; already replaced: {}; left as they were: {}",
                one.tmp.display(),
                one.target.display(),
                list(&mut done.iter()),
                list(&mut staged[index..].iter().map(|s| &s.target)),
            );
        }
        done.push(one.target.clone());
    }
    Ok(done)
}

/// Writes and syncs the temporary file for `path`; removes it (and any folder it created)
/// on failure.
fn stage_one(path: &Path, contents: &str) -> Result<Staged> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent folder", path.display()))?;
    let file_name = path
        .file_name()
        .with_context(|| format!("{} has no file name", path.display()))?;
    if path.is_dir() {
        bail!("{} is a folder, not a file", path.display());
    }
    let created_dir = outermost_missing(dir);
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let staged = Staged {
        tmp,
        target: path.to_path_buf(),
        created_dir,
    };
    let written = fs::File::create(&staged.tmp)
        .with_context(|| format!("creating {}", staged.tmp.display()))
        .and_then(|mut file| {
            file.write_all(contents.as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("writing {}", staged.tmp.display()))
        });
    match written {
        Ok(()) => Ok(staged),
        Err(err) => {
            discard(std::slice::from_ref(&staged));
            Err(err)
        }
    }
}

/// The outermost ancestor of `dir` that does not exist yet (what `create_dir_all` creates).
fn outermost_missing(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .last()
        .map(Path::to_path_buf)
}

/// Removes staged temporary files and the folders staging created (best effort: this runs
/// after another failure, which is the one reported).
fn discard(staged: &[Staged]) {
    for one in staged {
        let _ = fs::remove_file(&one.tmp);
    }
    for dir in staged.iter().filter_map(|s| s.created_dir.as_ref()) {
        let _ = fs::remove_dir_all(dir);
    }
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
