//! Writing the store so that a crash at any instant leaves either the old or the new file,
//! never a mix: [`crate::files::write_atomically`] (a temp file in the same folder, fsynced,
//! renamed over the store, then the folder fsynced). The previous version is kept as
//! `.bak`. A file that cannot be read is moved aside rather than overwritten.

use super::clock;
use crate::files::{self, Durability};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `<store>.<suffix>` beside the store.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

/// Prefix of the temp files of a store; any found while holding the lock are stale.
fn temp_prefix(path: &Path) -> String {
    format!(
        ".{}.tmp-",
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Replaces the file at `path` with `bytes` atomically, keeping the previous file as
/// `.bak`. The caller holds the store lock.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.exists() {
        keep_backup(path)?;
    }
    files::write_atomically(path, Durability::Synced, |w| w.write_all(bytes))
}

/// Links (or, where links are not possible, copies) the current file to `.bak`, replacing
/// the previous backup in one rename.
fn keep_backup(path: &Path) -> io::Result<()> {
    let bak = sibling(path, ".bak");
    let staging = sibling(path, ".bak.tmp");
    let _ = fs::remove_file(&staging);
    if fs::hard_link(path, &staging).is_err() {
        fs::copy(path, &staging)?;
    }
    fs::rename(&staging, &bak)
}

/// Removes temp files left by a process that died while saving. Only call with the lock.
pub fn remove_stale_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(files::parent(path)) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(e.path());
        }
    }
    let _ = fs::remove_file(sibling(path, ".bak.tmp"));
}

/// Moves an unreadable store aside as `<store>.corrupt-<time>` and returns the new path.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = clock::now_compact();
    let mut target = sibling(path, &format!(".corrupt-{stamp}"));
    let mut n = 2;
    while target.exists() {
        target = sibling(path, &format!(".corrupt-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(path, &target)?;
    files::sync_dir(files::parent(path))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        write_atomic(&p, b"one").unwrap();
        assert!(!sibling(&p, ".bak").exists());
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(sibling(&p, ".bak")).unwrap(), b"one");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temp file left"
        );
    }

    #[test]
    fn moved_aside_files_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        fs::write(&p, "bad").unwrap();
        let a = move_aside(&p).unwrap();
        fs::write(&p, "bad again").unwrap();
        let b = move_aside(&p).unwrap();
        assert_ne!(a, b);
        assert_eq!(fs::read(&a).unwrap(), b"bad");
        assert!(!p.exists());
    }
}
