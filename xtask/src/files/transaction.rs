//! The all-or-nothing change behind [`write_all`](super::write_all): new contents and
//! removals are prepared beside their targets, then committed by renames, and undone on any
//! failure.
//!
//! 1. [`prepare`]: every changed file is written in full to a temporary file beside its
//!    target (`.name.tmp-<pid>`), every target that will be replaced is hard-linked to a backup
//!    (`.name.old-<pid>`), and every file that is no longer generated is renamed aside
//!    (`.name.removed-<pid>`). A failure undoes all of it: no target has changed.
//! 2. [`Transaction::commit`]: the temporary files are renamed over their targets. A failure
//!    puts the backups back, removes new files and renames the removed files back.
//! 3. Then the backups and the removed files are deleted and folders the removal emptied are
//!    pruned. A failure here leaves the generated files correct; the error names what is left.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::OutputFile;

/// A file written in full beside its target, waiting to be renamed over it.
#[derive(Debug)]
struct Staged {
    /// The temporary file.
    tmp: PathBuf,
    /// The file it replaces.
    target: PathBuf,
    /// A hard link to the target's old contents, when the target exists.
    backup: Option<PathBuf>,
    /// A folder that staging created (the outermost one), removed again on failure.
    created_dir: Option<PathBuf>,
}

/// A file that is no longer generated, renamed to a temporary name beside it.
#[derive(Debug)]
struct Aside {
    /// Where it was.
    path: PathBuf,
    /// Where it is now.
    aside: PathBuf,
}

/// Everything prepared, nothing committed: the targets are as they were, except that the
/// files to remove are renamed aside.
#[derive(Debug)]
pub struct Transaction {
    writes: Vec<Staged>,
    removals: Vec<Aside>,
}

/// Stages `outputs` and moves the files of `remove` aside. On the first failure undoes what
/// was done and fails naming the file and saying that nothing was changed.
pub fn prepare(outputs: &[&OutputFile], remove: &[PathBuf]) -> Result<Transaction> {
    let mut done = Transaction {
        writes: Vec::with_capacity(outputs.len()),
        removals: Vec::with_capacity(remove.len()),
    };
    for out in outputs {
        match stage_one(&out.path, &out.contents) {
            Ok(one) => done.writes.push(one),
            Err(err) => return Err(unprepare(done, err, "write", &out.path)),
        }
    }
    for path in remove {
        match move_aside(path) {
            Ok(aside) => done.removals.push(aside),
            Err(err) => return Err(unprepare(done, err, "remove", path)),
        }
    }
    Ok(done)
}

/// Undoes a partial preparation and returns the error to report.
fn unprepare(done: Transaction, err: anyhow::Error, what: &str, path: &Path) -> anyhow::Error {
    let failed = restore_removals(&done.removals);
    discard(&done.writes);
    err.context(match failed.is_empty() {
        true => format!("could not {what} {}; no file was changed", path.display()),
        false => format!(
            "could not {what} {}; no file was changed, but these removed files could not be put \
             back: {}",
            path.display(),
            failed.join("; ")
        ),
    })
}

impl Transaction {
    /// Renames every staged file over its target, then deletes the backups and removed files
    /// and prunes the folders under `prune_within` that the removals emptied. Returns the
    /// changed paths: the written files, then the removed ones.
    pub fn commit(self, prune_within: &[PathBuf]) -> Result<Vec<PathBuf>> {
        for (index, one) in self.writes.iter().enumerate() {
            if let Err(err) = fs::rename(&one.tmp, &one.target) {
                let context = format!(
                    "renaming {} to {}: {err}",
                    one.tmp.display(),
                    one.target.display()
                );
                bail!("{context}; {}", self.roll_back(index));
            }
        }
        self.clean_up(prune_within)
    }

    /// Undoes the first `committed` renames and the preparation; says what state that left.
    fn roll_back(&self, committed: usize) -> String {
        let mut failed = Vec::new();
        for one in self.writes.iter().take(committed).rev() {
            let undone = match &one.backup {
                Some(backup) => fs::rename(backup, &one.target),
                None => fs::remove_file(&one.target),
            };
            if let Err(err) = undone {
                failed.push(format!("{}: {err}", one.target.display()));
            }
        }
        failed.extend(restore_removals(&self.removals));
        discard(&self.writes);
        match failed.is_empty() {
            true => "every file was restored as it was".to_owned(),
            false => format!(
                "the generated files are partly updated: these could not be restored: {}",
                failed.join("; ")
            ),
        }
    }

    /// After the commit: deletes backups and removed files, prunes emptied folders.
    fn clean_up(self, prune_within: &[PathBuf]) -> Result<Vec<PathBuf>> {
        let mut left = Vec::new();
        let backups = self.writes.iter().filter_map(|s| s.backup.as_ref());
        let removed = self.removals.iter().map(|r| &r.aside);
        for path in backups.chain(removed) {
            if let Err(err) = fs::remove_file(path) {
                left.push(format!("{}: {err}", path.display()));
            }
        }
        for aside in &self.removals {
            left.extend(prune_empty_parents(&aside.path, prune_within));
        }
        if !left.is_empty() {
            bail!(
                "every generated file was written and every stale file removed, but these \
                 leftovers could not be deleted (delete them by hand): {}",
                left.join("; ")
            );
        }
        let written = self.writes.into_iter().map(|s| s.target);
        Ok(written
            .chain(self.removals.into_iter().map(|r| r.path))
            .collect())
    }
}

/// A temporary name beside `path`: `.<name>.<kind>-<pid>`.
fn beside(path: &Path, kind: &str) -> Result<PathBuf> {
    let name = path
        .file_name()
        .with_context(|| format!("{} has no file name", path.display()))?;
    let name = format!(".{}.{kind}-{}", name.to_string_lossy(), std::process::id());
    Ok(path.with_file_name(name))
}

/// Writes and syncs the temporary file for `path` and links its backup; undoes both (and any
/// folder it created) on failure.
fn stage_one(path: &Path, contents: &str) -> Result<Staged> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent folder", path.display()))?;
    if path.is_dir() {
        bail!("{} is a folder, not a file", path.display());
    }
    let created_dir = outermost_missing(dir);
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut staged = Staged {
        tmp: beside(path, "tmp")?,
        target: path.to_path_buf(),
        backup: None,
        created_dir,
    };
    let result = write_synced(&staged.tmp, contents).and_then(|()| {
        staged.backup = link_backup(path)?;
        Ok(())
    });
    match result {
        Ok(()) => Ok(staged),
        Err(err) => {
            discard(std::slice::from_ref(&staged));
            Err(err)
        }
    }
}

fn write_synced(path: &Path, contents: &str) -> Result<()> {
    let mut file =
        fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))
}

/// A hard link to `target`'s current contents, if it exists (replacing a stale backup); a
/// copy where the file system has no hard links.
fn link_backup(target: &Path) -> Result<Option<PathBuf>> {
    if !target.exists() {
        return Ok(None);
    }
    let backup = beside(target, "old")?;
    if backup.is_file() {
        fs::remove_file(&backup).with_context(|| format!("removing {}", backup.display()))?;
    }
    fs::hard_link(target, &backup)
        .or_else(|_| fs::copy(target, &backup).map(|_| ()))
        .with_context(|| format!("backing up {} as {}", target.display(), backup.display()))?;
    Ok(Some(backup))
}

fn move_aside(path: &Path) -> Result<Aside> {
    let aside = beside(path, "removed")?;
    fs::rename(path, &aside)
        .with_context(|| format!("renaming {} to {}", path.display(), aside.display()))?;
    Ok(Aside {
        path: path.to_path_buf(),
        aside,
    })
}

/// Renames removed files back; returns those that could not be.
fn restore_removals(removals: &[Aside]) -> Vec<String> {
    let restore = |r: &Aside| fs::rename(&r.aside, &r.path).err();
    (removals.iter().rev())
        .filter_map(|r| restore(r).map(|err| format!("{}: {err}", r.path.display())))
        .collect()
}

/// The outermost ancestor of `dir` that does not exist yet (what `create_dir_all` creates).
fn outermost_missing(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .last()
        .map(Path::to_path_buf)
}

/// Removes staged temporary files, backups and the folders staging created (best effort:
/// this runs after another failure, which is the one reported).
fn discard(staged: &[Staged]) {
    for one in staged {
        let _ = fs::remove_file(&one.tmp);
        if let Some(backup) = &one.backup {
            let _ = fs::remove_file(backup);
        }
    }
    for dir in staged.iter().filter_map(|s| s.created_dir.as_ref()) {
        let _ = fs::remove_dir_all(dir);
    }
}

/// Removes the empty folders from `removed`'s parent up to (not including) the folder of
/// `within` that holds it; returns the folders that could not be removed.
fn prune_empty_parents(removed: &Path, within: &[PathBuf]) -> Vec<String> {
    let Some(root) = within.iter().find(|dir| removed.starts_with(dir)) else {
        return Vec::new();
    };
    let mut failed = Vec::new();
    for dir in removed
        .ancestors()
        .skip(1)
        .take_while(|d| *d != root.as_path())
    {
        let empty = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none());
        if !empty {
            break;
        }
        if let Err(err) = fs::remove_dir(dir) {
            failed.push(format!("{}: {err}", dir.display()));
            break;
        }
    }
    failed
}
