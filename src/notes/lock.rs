//! The lock that lets several recoupe processes share one store: held while a process reads
//! the file, merges and writes it back, so no save is built on a stale copy. An advisory
//! OS lock on a separate `.lock` file; the OS releases it when a process dies, so a killed
//! reader never blocks the next one.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// An exclusive lock, released on drop.
#[derive(Debug)]
pub struct Lock {
    /// `None` where the file system cannot lock: saves are then only atomic, not merged
    /// safely against a second process.
    file: Option<File>,
}

impl Lock {
    /// Waits for and takes the lock of the store at `store_path`.
    pub fn acquire(store_path: &Path) -> io::Result<Lock> {
        let file = crate::files::open_or_create_regular(&lock_path(store_path))?;
        match file.lock() {
            Ok(()) => Ok(Lock { file: Some(file) }),
            Err(e) if e.kind() == io::ErrorKind::Unsupported => Ok(Lock { file: None }),
            Err(e) => Err(e),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(f) = &self.file {
            let _ = f.unlock();
        }
    }
}

/// `<store>.lock` beside the store.
pub fn lock_path(store_path: &Path) -> PathBuf {
    let mut name = store_path.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    store_path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s.json");
        let held = Lock::acquire(&store).unwrap();
        let other = File::open(lock_path(&store)).unwrap();
        assert!(other.try_lock().is_err());
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
