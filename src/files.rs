//! Opening files that recoupe does not control. A path may name a FIFO (an open for
//! reading would wait for a writer for ever), a device, a file of a gigabyte, or a symbolic
//! link planted where a temp file is about to be written. Every file recoupe reads or writes
//! beside the user's (articles, notes store and its lock, cache entries, configuration,
//! lists, exports) goes through here, so each of those cases is refused in one place.
//!
//! The checks are made on the opened file itself, so a path that changes between a look and
//! the open cannot slip through; opens never wait for a writer (`O_NONBLOCK` on Unix).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

fn refused(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what)
}

/// Opens `path` for reading when it is a regular file, without waiting on a FIFO.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    flags(&mut options, Follow::Yes);
    let file = options.open(path)?;
    ensure_regular(&file)?;
    Ok(file)
}

/// The bytes of the regular file at `path`, refused when it holds more than `max` bytes
/// (checked before reading, and again while reading a file that grows).
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    read_within(file, len, max)
}

/// The bytes of an opened file of `len` bytes, refused when it holds more than `max`
/// (before reading, and again while reading a file that grows).
pub fn read_within(file: File, len: u64, max: u64) -> io::Result<Vec<u8>> {
    if len > max {
        return Err(refused(format!("{len} bytes, over the {max}-byte limit")));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(refused(format!("over the {max}-byte limit")));
    }
    Ok(bytes)
}

/// Like [`read_regular`], `None` when nothing is at `path`.
pub fn read_regular_if_exists(path: &Path, max: u64) -> io::Result<Option<Vec<u8>>> {
    match read_regular(path, max) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens (creating it) the regular file at `path` for appending; a symbolic link there is
/// not followed.
pub fn append_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    flags(&mut options, Follow::No);
    let file = options.open(path)?;
    ensure_regular(&file)?;
    Ok(file)
}

/// Opens the file at `path` for reading and writing, creating it when absent, without
/// truncating it; refused when it is not a regular file (a lock file, say).
pub fn open_or_create_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    flags(&mut options, Follow::No);
    let file = options.open(path)?;
    ensure_regular(&file)?;
    Ok(file)
}

/// Creates a new, private temp file beside `target` for writing, never an existing file or
/// a link: the name is fresh and the open exclusive (`O_EXCL`), so a link planted at a
/// guessable name cannot redirect the write.
pub fn create_temp_beside(target: &Path) -> io::Result<(File, PathBuf)> {
    let dir = parent(target);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for n in 0..64u32 {
        let tmp = dir.join(format!(
            ".{name}.tmp-{}-{:x}",
            std::process::id(),
            seed.wrapping_add(n.wrapping_mul(0x9E37_79B9))
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        flags(&mut options, Follow::No);
        match options.open(&tmp) {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temp file name",
    ))
}

/// Writes `bytes` to `target` through a fresh temp file, synced and renamed into place, so
/// that `target` holds the old or the new contents and never a part.
pub fn write_replacing(target: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    write_atomically(target, Durability::Synced, |w| w.write_all(bytes))
}

/// How long an atomic write waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// The file and the rename are on the disk when the write returns (notes, exports,
    /// whole analyses): a crash leaves the old contents or the new ones.
    Synced,
    /// Renamed once whole, not waited for: after a crash the file may be missing or
    /// empty, never partly written (entries that are cheap to make again).
    Unsynced,
}

/// The one atomic write: what `fill` writes goes to a fresh temp file beside `target`
/// (created exclusively, never through a link), which is synced, renamed over `target`,
/// and the folder synced, as `durability` asks. On any failure the temp file is removed
/// and `target` is left as it was. A link at `target` is replaced, not written through.
pub fn write_atomically(
    target: &Path,
    durability: Durability,
    fill: impl FnOnce(&mut io::BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    if fs::symlink_metadata(target).is_ok_and(|m| !m.is_file() && !m.is_symlink()) {
        return Err(refused("not a regular file".into()));
    }
    let (file, tmp) = create_temp_beside(target)?;
    let synced = durability == Durability::Synced;
    let write = || -> io::Result<()> {
        let mut w = io::BufWriter::new(file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        if synced {
            file.sync_all()?;
        }
        fs::rename(&tmp, target)
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if synced {
        sync_dir(parent(target))?;
    }
    Ok(())
}

/// The folder `path` is in ("." for a bare name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable. Folders cannot be opened for syncing everywhere;
/// where they cannot, the rename is as durable as the system makes it.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn ensure_regular(file: &File) -> io::Result<()> {
    let meta = file.metadata()?;
    if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err(refused("a folder, not a file".into()))
    } else {
        Err(refused("not a regular file".into()))
    }
}

/// Whether an open follows a symbolic link at the path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Follow {
    Yes,
    No,
}

/// Opens never wait for a writer (a FIFO), and, for files recoupe writes, never go through
/// a link.
fn flags(options: &mut OpenOptions, follow: Follow) {
    #[cfg(unix)]
    {
        let no_follow = if follow == Follow::No {
            libc::O_NOFOLLOW
        } else {
            0
        };
        std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NONBLOCK | no_follow);
    }
    #[cfg(not(unix))]
    let _ = (options, follow);
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn fifos_folders_and_big_files_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        fifo(&f);
        assert!(read_regular(&f, 10).is_err());
        assert!(append_regular(&f).is_err());
        assert!(open_or_create_regular(&f).is_err());
        assert!(read_regular(dir.path(), 10).is_err());
        let big = dir.path().join("big");
        fs::write(&big, "0123456789a").unwrap();
        assert!(read_regular(&big, 10).is_err());
        assert_eq!(read_regular(&big, 11).unwrap().len(), 11);
        assert_eq!(
            read_regular_if_exists(&dir.path().join("none"), 1).unwrap(),
            None
        );
    }

    #[test]
    fn replacing_never_writes_through_a_planted_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep").unwrap();
        let out = dir.path().join("out.md");
        // Links at every name a careless writer might use.
        std::os::unix::fs::symlink(&victim, dir.path().join("out.md.recoupe-tmp")).unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("out.recoupe-tmp")).unwrap();
        write_replacing(&out, b"new").unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        // A link at the target itself is replaced, not written through.
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_replacing(&link, b"x").unwrap();
        assert_eq!(fs::read(&link).unwrap(), b"x");
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        let fifo_path = dir.path().join("fifo");
        fifo(&fifo_path);
        assert!(write_replacing(&fifo_path, b"x").is_err());
    }
}
