//! Fault injection for file writing and metadata loading: a write that fails part-way, a
//! target that is a folder, an output folder that cannot be used, a stale file that cannot be
//! moved aside, a rename that fails, and metadata that is missing, unreadable or corrupt. The process runs as root here, so faults
//! are made with files where folders are expected (permission bits would be ignored).

use std::fs;
use std::path::{Path, PathBuf};

use super::transaction::prepare;
use super::{OutputFile, write_all};

/// A fresh empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-faults-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn output(path: PathBuf, contents: &str) -> OutputFile {
    OutputFile {
        path,
        contents: contents.to_owned(),
    }
}

/// Every file under `dir` with its contents, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = super::files_under(dir)
        .expect("list")
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Writes `a.rs` and `b.rs` with old contents and returns the folder and its snapshot.
fn two_old_files(name: &str) -> (PathBuf, Vec<(PathBuf, Vec<u8>)>) {
    let dir = temp_dir(name);
    fs::write(dir.join("a.rs"), "old a").expect("write");
    fs::write(dir.join("b.rs"), "old b").expect("write");
    let before = snapshot(&dir);
    (dir, before)
}

#[test]
fn failing_second_file_leaves_the_first_untouched_and_names_the_failure() {
    let (dir, before) = two_old_files("second");
    // `blocked` is a regular file, so the folder of the second output cannot be created.
    fs::write(dir.join("blocked"), "a file, not a folder").expect("write");
    let before_blocked = snapshot(&dir);
    let outputs = [
        output(dir.join("a.rs"), "new a"),
        output(dir.join("blocked/b.rs"), "new b"),
    ];
    let err = write_all(&outputs, &[]).expect_err("the second file cannot be written");
    let text = format!("{err:#}");
    assert!(text.contains("blocked/b.rs"), "{text}");
    assert!(text.contains("no file was changed"), "{text}");
    assert_eq!(
        snapshot(&dir),
        before_blocked,
        "no file changed, no temporary left"
    );
    assert_ne!(before, before_blocked);
}

#[test]
fn target_that_is_a_folder_fails_before_any_rename() {
    let (dir, before) = two_old_files("folder-target");
    fs::create_dir(dir.join("c.rs")).expect("folder");
    let outputs = [
        output(dir.join("a.rs"), "new a"),
        output(dir.join("c.rs"), "new c"),
    ];
    let err = write_all(&outputs, &[]).expect_err("c.rs is a folder");
    let text = format!("{err:#}");
    assert!(text.contains("c.rs is a folder"), "{text}");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn new_folders_are_removed_again_when_a_later_file_fails() {
    let (dir, before) = two_old_files("new-folders");
    fs::write(dir.join("blocked"), "x").expect("write");
    let outputs = [
        output(dir.join("fresh/deeper/n.rs"), "n"),
        output(dir.join("blocked/b.rs"), "new b"),
    ];
    write_all(&outputs, &[]).expect_err("blocked");
    assert!(
        !dir.join("fresh").exists(),
        "the folder staging created is gone"
    );
    assert_eq!(snapshot(&dir).len(), before.len() + 1);
}

#[test]
fn output_folder_that_is_a_file_is_reported_and_nothing_is_written() {
    let dir = temp_dir("owned-file");
    let owned = dir.join("generated");
    fs::write(&owned, "a file where the generated folder should be").expect("write");
    let outputs = [output(owned.join("mod.rs"), "m")];
    let err = write_all(&outputs, std::slice::from_ref(&owned)).expect_err("not a folder");
    let text = format!("{err:#}");
    assert!(text.contains("generated"), "{text}");
    assert_eq!(
        fs::read_to_string(&owned).expect("read"),
        "a file where the generated folder should be"
    );
}

#[test]
fn failed_rename_restores_every_file() {
    let (dir, before) = two_old_files("rename");
    fs::write(dir.join("gone.rs"), "stale").expect("write");
    let before_gone = snapshot(&dir);
    let outputs = [
        output(dir.join("a.rs"), "new a"),
        output(dir.join("new.rs"), "new"),
        output(dir.join("b.rs"), "new b"),
    ];
    let stale = [dir.join("gone.rs")];
    let prepared = prepare(&outputs.iter().collect::<Vec<_>>(), &stale).expect("prepare");
    // The last temporary file vanishes between the phases (a crash of another process, a
    // cleaner): its rename fails after `a.rs` and `new.rs` were replaced.
    let tmp = dir.join(format!(".b.rs.tmp-{}", std::process::id()));
    fs::remove_file(&tmp).expect("remove");
    let err = prepared
        .commit(std::slice::from_ref(&dir))
        .expect_err("rename fails");
    let text = format!("{err:#}");
    assert!(text.contains("every file was restored as it was"), "{text}");
    assert!(text.contains("b.rs"), "{text}");
    assert_eq!(
        snapshot(&dir),
        before_gone,
        "old contents, no new or temporary file"
    );
    assert_ne!(before, before_gone);
}

/// Old generated files in `dir`: `mod.rs`, `kept.rs`, and a module folder `old/` with
/// `gone.rs` and `deeper/gone.rs`, which generation no longer produces.
fn generated_with_a_stale_module(name: &str) -> (PathBuf, [OutputFile; 2]) {
    let dir = temp_dir(name);
    fs::create_dir_all(dir.join("old/deeper")).expect("folders");
    for (path, text) in [
        ("mod.rs", "old mod"),
        ("kept.rs", "kept"),
        ("old/gone.rs", "gone"),
        ("old/deeper/gone.rs", "gone deeper"),
    ] {
        fs::write(dir.join(path), text).expect("write");
    }
    let outputs = [
        output(dir.join("mod.rs"), "new mod"),
        output(dir.join("kept.rs"), "kept"),
    ];
    (dir, outputs)
}

#[test]
fn stale_module_folders_are_removed_with_their_files() {
    let (dir, outputs) = generated_with_a_stale_module("prune");
    let changed = write_all(&outputs, std::slice::from_ref(&dir)).expect("write_all");
    assert_eq!(
        changed,
        [
            dir.join("mod.rs"),
            dir.join("old/deeper/gone.rs"),
            dir.join("old/gone.rs")
        ]
    );
    assert!(
        !dir.join("old").exists(),
        "the emptied module folder is gone"
    );
    let expected = vec![
        (dir.join("kept.rs"), b"kept".to_vec()),
        (dir.join("mod.rs"), b"new mod".to_vec()),
    ];
    assert_eq!(snapshot(&dir), expected);
    assert!(dir.exists(), "the generated folder itself stays");
}

#[test]
fn a_stale_file_that_cannot_be_moved_aside_changes_nothing() {
    let (dir, outputs) = generated_with_a_stale_module("unremovable");
    // A non-empty folder where the second stale file's temporary name must go: renaming the
    // file there fails, after the new files are staged and the first stale file is moved.
    let blocker = dir.join(format!("old/.gone.rs.removed-{}", std::process::id()));
    fs::create_dir_all(blocker.join("x")).expect("blocker");
    let before = snapshot(&dir);
    let err = write_all(&outputs, std::slice::from_ref(&dir)).expect_err("cannot move aside");
    let text = format!("{err:#}");
    assert!(
        text.contains(&format!(
            "could not remove {}; no file was changed",
            dir.join("old/gone.rs").display()
        )),
        "{text}"
    );
    assert_eq!(
        snapshot(&dir),
        before,
        "every file as it was, no temporary left"
    );
}

/// A project root holding `metadata/` copied from the real one, for breaking.
fn copied_root(name: &str) -> PathBuf {
    let root = temp_dir(name);
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../metadata");
    fs::create_dir_all(root.join("metadata")).expect("metadata");
    for file in ["pim-alerts.csdl", "pim-alerts.annotations.csdl"] {
        fs::copy(real.join(file), root.join("metadata").join(file)).expect("copy");
    }
    root
}

fn generate_error(root: &Path) -> String {
    match crate::regenerate::generate(root) {
        Ok(files) => panic!("generation succeeded with {} files", files.len()),
        Err(err) => format!("{err:#}"),
    }
}

#[test]
fn missing_metadata_is_named() {
    let root = temp_dir("no-metadata");
    let text = generate_error(&root);
    assert!(text.contains("reading metadata/pim-alerts.csdl"), "{text}");

    let root = copied_root("no-annotations");
    fs::remove_file(root.join(crate::regenerate::ANNOTATIONS)).expect("remove");
    let text = generate_error(&root);
    assert!(
        text.contains("reading metadata/pim-alerts.annotations.csdl"),
        "{text}"
    );
}

#[test]
fn unreadable_metadata_is_named() {
    let root = copied_root("unreadable");
    let excerpt = root.join(crate::metadata::EXCERPT);
    fs::remove_file(&excerpt).expect("remove");
    fs::create_dir(&excerpt).expect("a folder where the file should be");
    let text = generate_error(&root);
    assert!(text.contains("reading metadata/pim-alerts.csdl"), "{text}");
}

#[test]
fn corrupt_metadata_is_reported_with_file_and_position() {
    let root = copied_root("corrupt");
    let excerpt = root.join(crate::metadata::EXCERPT);
    fs::write(&excerpt, b"<?xml version=\"1.0\"?>\n\xFF\xFE garbage").expect("write");
    let text = generate_error(&root);
    assert!(text.contains("metadata/pim-alerts.csdl:2:1"), "{text}");
    assert!(text.contains("not valid UTF-8"), "{text}");

    // Cut in the middle, as by a failed download.
    let whole = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(crate::metadata::EXCERPT),
    )
    .expect("read");
    fs::write(&excerpt, &whole[..whole.len() / 2]).expect("write");
    let text = generate_error(&root);
    assert!(text.contains("metadata/pim-alerts.csdl:"), "{text}");
}

#[test]
fn failed_metadata_extraction_writes_nothing() {
    let root = temp_dir("extract");
    fs::create_dir_all(root.join("metadata/vendor")).expect("folders");
    fs::write(root.join(crate::metadata::EXCERPT), "checked-in excerpt").expect("write");
    fs::write(
        root.join(crate::metadata::INCLUDE_PATHS),
        "/identityGovernance\n",
    )
    .expect("write");
    let err = crate::metadata::run(&root, None).expect_err("no vendored document");
    assert!(
        format!("{err:#}").contains(crate::metadata::VENDORED),
        "{err:#}"
    );
    fs::write(root.join(crate::metadata::VENDORED), "<edmx:Edmx").expect("write");
    crate::metadata::run(&root, None).expect_err("truncated vendored document");
    assert_eq!(
        fs::read_to_string(root.join(crate::metadata::EXCERPT)).expect("read"),
        "checked-in excerpt"
    );
}
