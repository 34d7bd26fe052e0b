//! The on-disk cache: entries of any serialisable value, each under a key, on shelves
//! (folders) of one kind of entry, so that what took long to make (an analysis, the index
//! of a folder) costs a read the next time.
//!
//! The cache knows nothing of what it keeps: the analysis and the opening of a collection
//! name their shelves ([`Shelf`]) and compute their keys ([`KeyHasher`]). An entry is a
//! header (magic line, format version, key, SHA-256 of the payload) and a postcard payload;
//! it is used only if the header matches the shelf and the key and the checksum holds.
//! Anything else is a foreign or corrupt entry: reported as [`Lookup::Rejected`], and
//! replaced by the next write. Entries are written by [`crate::files::write_atomically`],
//! so a reader never sees half of one and a program stopped mid-write leaves none. Each
//! shelf keeps its newest entries only.

mod behind;

pub use behind::finish_writes;

use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::files::{self, Durability};

/// Environment variable naming the cache folder (tests, portable setups).
pub const CACHE_DIR_ENV: &str = "RECOUPE_CACHE_DIR";

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// One kind of entry: where its entries live and what their header says.
#[derive(Debug, Clone, Copy)]
pub struct Shelf {
    /// The folder inside the cache folder.
    pub folder: &'static str,
    /// The first header line: what the entry is.
    pub magic: &'static str,
    /// The second header line: bumped whenever the entry's meaning or format changes.
    pub version: &'static str,
    /// Most entries kept; the least recently written go first.
    pub keep: usize,
    /// Entries spread over 256 sub-folders by the key's first two digits (for shelves of
    /// many small entries).
    pub spread: bool,
}

/// What a lookup found.
#[derive(Debug)]
pub enum Lookup<T> {
    Hit(T),
    Miss,
    /// An entry was there but could not be trusted; the reason, in a few words.
    Rejected(String),
}

impl<T> Lookup<T> {
    /// The value found, changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Lookup<U> {
        match self {
            Lookup::Hit(t) => Lookup::Hit(f(t)),
            Lookup::Miss => Lookup::Miss,
            Lookup::Rejected(why) => Lookup::Rejected(why),
        }
    }
}

/// Builds a key: the SHA-256, in hexadecimal, of the parts given in order.
#[derive(Clone, Default)]
pub struct KeyHasher(Sha256);

impl KeyHasher {
    pub fn new() -> KeyHasher {
        KeyHasher::default()
    }

    /// Adds `part` and a line end.
    pub fn line(&mut self, part: &str) -> &mut KeyHasher {
        self.bytes(part.as_bytes()).bytes(b"\n")
    }

    /// Adds `bytes` as they are.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut KeyHasher {
        self.0.update(bytes);
        self
    }

    /// The key.
    pub fn finish(&self) -> String {
        hex(&self.0.clone().finalize())
    }
}

impl Cache {
    /// A cache in `dir` (created when first written).
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// The cache folder from `$RECOUPE_CACHE_DIR`, else the platform's cache folder.
    pub fn default_dir() -> Option<PathBuf> {
        match std::env::var_os(CACHE_DIR_ENV) {
            Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
            _ => directories::ProjectDirs::from("", "", "recoupe").map(|p| p.cache_dir().into()),
        }
    }

    /// The folder this cache lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn shelf_dir(&self, shelf: &Shelf) -> PathBuf {
        self.dir.join(shelf.folder)
    }

    /// The folder of the entry `key` of `shelf`.
    fn folder(&self, shelf: &Shelf, key: &str) -> PathBuf {
        let dir = self.shelf_dir(shelf);
        match key.get(..2) {
            Some(first) if shelf.spread => dir.join(first),
            _ => dir,
        }
    }

    /// The file of the entry `key` of `shelf`.
    pub fn entry_path(&self, shelf: &Shelf, key: &str) -> PathBuf {
        self.folder(shelf, key).join(format!("{key}.bin"))
    }

    /// The entry `key` of `shelf`, its header and checksum checked. Only a regular file no
    /// larger than `max` bytes is read: a FIFO put in place of an entry would block the
    /// reader, a huge file would be read whole for nothing.
    pub fn read<T: DeserializeOwned>(&self, shelf: &Shelf, key: &str, max: u64) -> Lookup<T> {
        let bytes = match files::read_regular(&self.entry_path(shelf, key), max) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Lookup::Miss,
            Err(e) => return Lookup::Rejected(format!("unreadable ({e})")),
        };
        match decode(&bytes, shelf, key) {
            Ok(t) => Lookup::Hit(t),
            Err(why) => Lookup::Rejected(why.into()),
        }
    }

    /// Stores `value` as the entry `key` of `shelf`, replacing any entry there, on the
    /// disk when this returns; then drops the oldest entries beyond the shelf's most.
    pub fn write<T: Serialize>(&self, shelf: &Shelf, key: &str, value: &T) -> io::Result<()> {
        // The checksum from a first pass that keeps nothing, then the entry written straight
        // to its file: an entry is never held whole in memory (56 MB at 100,000 articles).
        let sum = postcard::to_io(value, Hashing(Sha256::new())).map_err(io::Error::other)?;
        let sum = hex(&sum.0.finalize());
        let dir = self.folder(shelf, key);
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{key}.bin"));
        files::write_atomically(&path, Durability::Synced, |w| {
            w.write_all(header(shelf, key, &sum).as_bytes())?;
            postcard::to_io(value, w).map_err(io::Error::other)?;
            Ok(())
        })?;
        self.prune(shelf)
    }

    /// Stores `value` as the entry `key` of `shelf` on a thread that writes for the whole
    /// process while the caller goes on, not waiting for the disk (for entries that are
    /// cheap to make again); [`finish_writes`] waits for them.
    pub fn write_later<T: Serialize>(&self, shelf: &Shelf, key: &str, value: &T) {
        let bytes = postcard::to_stdvec(value).map_err(io::Error::other);
        match bytes {
            Ok(payload) => {
                let sum = hex(&Sha256::digest(&payload));
                let mut bytes = header(shelf, key, &sum).into_bytes();
                bytes.extend_from_slice(&payload);
                behind::send(behind::Job {
                    cache: self.clone(),
                    shelf: *shelf,
                    key: key.to_owned(),
                    bytes,
                });
            }
            Err(e) => behind::note_error(e),
        }
    }

    /// Keeps the newest entries of `shelf`, and removes the temporary files of writes
    /// interrupted more than an hour ago.
    pub fn prune(&self, shelf: &Shelf) -> io::Result<()> {
        keep_newest(self.files(shelf), shelf.keep)
    }

    /// Entries and their bytes on `shelf`.
    pub fn usage(&self, shelf: &Shelf) -> (usize, u64) {
        let entries = self.files(shelf).into_iter().filter(|f| is_entry(&f.path));
        entries.fold((0, 0), |(n, b), f| (n + 1, b + f.len))
    }

    /// Empties `shelves`; returns the files and bytes removed. Only their folders inside the
    /// cache folder are touched.
    pub fn clear(&self, shelves: &[Shelf]) -> io::Result<(usize, u64)> {
        let mut removed = (0, 0);
        for shelf in shelves {
            let (n, b) = self.usage(shelf);
            match std::fs::remove_dir_all(self.shelf_dir(shelf)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => removed = (removed.0 + n, removed.1 + b),
            }
        }
        Ok(removed)
    }

    /// The files of `shelf` (of its sub-folders, when spread).
    fn files(&self, shelf: &Shelf) -> Vec<File> {
        let dir = self.shelf_dir(shelf);
        if !shelf.spread {
            return files_in(&dir);
        }
        let Ok(folders) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        (folders.filter_map(Result::ok))
            .flat_map(|f| files_in(&f.path()))
            .collect()
    }
}

/// Size and modification time of the running program, to be hashed into keys: a rebuilt
/// program (whose analysis may differ while its version number does not) never reads
/// another build's entries.
pub fn build_identity() -> &'static str {
    static IDENTITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        match meta {
            Ok(m) => {
                let modified = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}:{modified}", m.len())
            }
            Err(_) => String::new(),
        }
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The header lines of an entry whose payload hashes to `sum`.
fn header(shelf: &Shelf, key: &str, sum: &str) -> String {
    format!("{}\n{}\n{key}\n{sum}\n", shelf.magic, shelf.version)
}

/// A writer that only hashes what it is given.
struct Hashing(Sha256);

impl io::Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A file of a shelf.
struct File {
    modified: SystemTime,
    path: PathBuf,
    len: u64,
}

/// The files of `dir` (none when it cannot be read).
fn files_in(dir: &Path) -> Vec<File> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    (entries.filter_map(Result::ok))
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            let modified = meta.modified().ok()?;
            let (path, len) = (e.path(), meta.len());
            Some(File {
                modified,
                path,
                len,
            })
        })
        .collect()
}

fn is_entry(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "bin")
}

/// A temporary file of [`crate::files::write_atomically`] (`.NAME.tmp-…`).
fn is_temporary(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.starts_with('.') && name.contains(".tmp-")
}

/// Of `files`, keeps the `keep` most recently written entries and removes the others, and
/// the temporary files of writes interrupted more than an hour ago.
fn keep_newest(files: Vec<File>, keep: usize) -> io::Result<()> {
    let stale = SystemTime::now() - Duration::from_secs(3600);
    for f in &files {
        if is_temporary(&f.path) && f.modified < stale {
            let _ = std::fs::remove_file(&f.path);
        }
    }
    let mut entries: Vec<_> = files.into_iter().filter(|f| is_entry(&f.path)).collect();
    if entries.len() <= keep {
        return Ok(());
    }
    entries.sort_by(|a, b| (a.modified, &a.path).cmp(&(b.modified, &b.path)));
    for f in &entries[..entries.len() - keep] {
        std::fs::remove_file(&f.path)?;
    }
    Ok(())
}

/// Header, checksum and payload of an entry.
fn decode<T: DeserializeOwned>(bytes: &[u8], shelf: &Shelf, key: &str) -> Result<T, &'static str> {
    let mut rest = bytes;
    let mut line = || -> Result<&str, &'static str> {
        let end = (rest.iter().position(|&b| b == b'\n')).ok_or("truncated header")?;
        let l = std::str::from_utf8(&rest[..end]).map_err(|_| "not a cache entry")?;
        rest = &rest[end + 1..];
        Ok(l)
    };
    if line()? != shelf.magic {
        return Err("not a cache entry");
    }
    if line()? != shelf.version {
        return Err("written by another version");
    }
    if line()? != key {
        return Err("stored under another key");
    }
    let sum = line()?.to_owned();
    if hex(&Sha256::digest(rest)) != sum {
        return Err("checksum mismatch (corrupt)");
    }
    postcard::from_bytes(rest).map_err(|_| "unreadable payload")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELF: Shelf = Shelf {
        folder: "things",
        magic: "recoupe test entry",
        version: "1",
        keep: 2,
        spread: false,
    };

    fn setup() -> (tempfile::TempDir, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("cache"));
        (dir, cache)
    }

    #[test]
    fn an_entry_comes_back_equal_and_clearing_removes_it() {
        let (_d, cache) = setup();
        assert!(matches!(
            cache.read::<Vec<u32>>(&SHELF, "k", 1 << 20),
            Lookup::Miss
        ));
        cache.write(&SHELF, "k", &vec![1u32, 2, 3]).unwrap();
        match cache.read::<Vec<u32>>(&SHELF, "k", 1 << 20) {
            Lookup::Hit(v) => assert_eq!(v, [1, 2, 3]),
            other => panic!("{other:?}"),
        }
        assert_eq!(cache.usage(&SHELF).0, 1);
        assert_eq!(cache.clear(&[SHELF]).unwrap().0, 1);
        assert_eq!(cache.usage(&SHELF), (0, 0));
    }

    #[test]
    fn corrupt_foreign_and_misplaced_entries_are_rejected() {
        let (_d, cache) = setup();
        cache.write(&SHELF, "k", &"some value".to_owned()).unwrap();
        let path = cache.entry_path(&SHELF, "k");
        let good = std::fs::read(&path).unwrap();
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        let other_version = String::from_utf8_lossy(&good).replacen("\n1\n", "\n0\n", 1);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (flipped, "checksum mismatch (corrupt)"),
            (
                good[..good.len() - 3].to_vec(),
                "checksum mismatch (corrupt)",
            ),
            (b"garbage".to_vec(), "truncated header"),
            (other_version.into_bytes(), "written by another version"),
        ];
        for (bytes, why) in cases {
            std::fs::write(&path, &bytes).unwrap();
            match cache.read::<String>(&SHELF, "k", 1 << 20) {
                Lookup::Rejected(said) => assert_eq!(said, why),
                other => panic!("{why}: {other:?}"),
            }
        }
        std::fs::write(&path, &good).unwrap();
        std::fs::copy(&path, cache.entry_path(&SHELF, "j")).unwrap();
        assert!(matches!(
            cache.read::<String>(&SHELF, "j", 1 << 20),
            Lookup::Rejected(_)
        ));
        assert!(matches!(
            cache.read::<String>(&SHELF, "k", 8),
            Lookup::Rejected(_)
        ));
    }

    #[test]
    fn only_the_newest_entries_are_kept() {
        let (_d, cache) = setup();
        for i in 0..5 {
            cache.write(&SHELF, &format!("k{i}"), &i).unwrap();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(cache.usage(&SHELF).0, 2);
        assert!(matches!(
            cache.read::<i32>(&SHELF, "k4", 1 << 10),
            Lookup::Hit(4)
        ));
        assert!(matches!(
            cache.read::<i32>(&SHELF, "k0", 1 << 10),
            Lookup::Miss
        ));
    }

    #[test]
    fn spread_entries_are_written_later_and_counted_across_folders() {
        let (_d, cache) = setup();
        let spread = Shelf {
            spread: true,
            keep: 10,
            ..SHELF
        };
        cache.write_later(&spread, "ab01", &1u8);
        cache.write_later(&spread, "cd02", &2u8);
        assert!(finish_writes().is_none());
        assert!(cache
            .entry_path(&spread, "ab01")
            .starts_with(cache.dir().join("things/ab")));
        assert_eq!(cache.usage(&spread).0, 2);
        assert!(matches!(
            cache.read::<u8>(&spread, "cd02", 1 << 10),
            Lookup::Hit(2)
        ));
    }

    #[test]
    fn keys_change_with_every_part_and_its_order() {
        let key = |parts: &[&str]| {
            let mut h = KeyHasher::new();
            for p in parts {
                h.line(p);
            }
            h.finish()
        };
        assert_eq!(key(&["a", "b"]), key(&["a", "b"]));
        assert_ne!(key(&["a", "b"]), key(&["b", "a"]));
        assert_ne!(key(&["ab"]), key(&["a", "b"]));
        assert_eq!(key(&["a"]).len(), 64);
    }
}
