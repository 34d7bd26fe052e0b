//! Per-article entries: what the analysis makes of each article on its own (its terms for
//! fact linking, the largest part of that stage), one entry per article, keyed by the
//! analyser, the user's lists and the article's content hash and language. When a folder
//! changes by a few articles, the analysis of the new corpus makes only theirs again and
//! reads the others' here; the steps that weigh the whole corpus (entity resolution, term
//! rarity, linking) run again on them, so the result is exactly a fresh analysis's.
//!
//! Entries have the header and checksum of the corpus entries, spread over 256 folders by
//! the key's first two digits. One thread writes them for the whole process while the
//! analysis goes on (file systems take about a millisecond per small file, which would
//! otherwise double a cold analysis); [`finish_writes`] waits for it. They are not
//! flushed to the disk one by one: one lost in a crash or to a program that did not wait
//! is only made again. At most [`MAX_ARTICLE_ENTRIES`] are kept, the oldest written
//! removed first.

use super::ANALYSER_VERSION;
use super::{build_identity, entry_bytes, files_in, hex, keep_newest, read_entry, write_bytes};
use super::{Cache, Lookup};
use crate::corpus::Article;
use crate::facts::{ArticleTerms, TermStore};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::Duration;

const MAGIC: &str = "recoupe article cache";

/// Most per-article entries kept (a few kB each).
pub const MAX_ARTICLE_ENTRIES: usize = 300_000;

impl Cache {
    pub(super) fn articles(&self) -> PathBuf {
        self.dir.join("articles")
    }
}

/// The per-article entries of a cache, as the analysis of one corpus uses them, counting
/// what it reads and writes.
pub struct ArticleStore<'c> {
    dir: PathBuf,
    salt: &'c str,
    /// Entries read and used.
    pub reused: AtomicUsize,
    /// Articles whose terms were made (no entry, or one that could not be trusted).
    pub made: AtomicUsize,
    /// Entries found but rejected (corrupt, foreign, not fitting the article).
    pub rejected: AtomicUsize,
}

impl<'c> ArticleStore<'c> {
    /// The per-article entries of `cache` for an analysis with the user's lists `salt`.
    pub fn new(cache: &Cache, salt: &'c str) -> ArticleStore<'c> {
        ArticleStore {
            dir: cache.articles(),
            salt,
            reused: AtomicUsize::new(0),
            made: AtomicUsize::new(0),
            rejected: AtomicUsize::new(0),
        }
    }

    /// The key of an article's entry.
    fn key(&self, article: &Article) -> String {
        let mut h = Sha256::new();
        for part in [ANALYSER_VERSION, build_identity(), self.salt] {
            h.update(part.as_bytes());
            h.update(b"\n");
        }
        h.update(article.hash.as_bytes());
        h.update(b" ");
        h.update(article.language.code().as_bytes());
        hex(&h.finalize())
    }

    fn folder(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2])
    }
}

impl TermStore for ArticleStore<'_> {
    fn load(&self, article: &Article) -> Option<ArticleTerms> {
        let key = self.key(article);
        let path = self.folder(&key).join(format!("{key}.bin"));
        // An article's terms take a few times its text at most.
        let max = (1 << 20) + 64 * article.text.len() as u64;
        match read_entry(&path, MAGIC, ANALYSER_VERSION, &key, max) {
            Lookup::Hit(terms) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                Some(terms)
            }
            Lookup::Miss => None,
            Lookup::Rejected(_) => {
                self.rejected.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    fn save(&self, article: &Article, terms: &ArticleTerms) {
        self.made.fetch_add(1, Ordering::Relaxed);
        let key = self.key(article);
        match entry_bytes(&key, [MAGIC, ANALYSER_VERSION], terms) {
            Ok(bytes) => send(Job {
                root: self.dir.clone(),
                dir: self.folder(&key),
                key,
                bytes,
            }),
            Err(e) => note_error(e),
        }
    }

    fn rejected(&self, _article: &Article) {
        self.reused.fetch_sub(1, Ordering::Relaxed);
        self.rejected.fetch_add(1, Ordering::Relaxed);
    }
}

/// One entry to write.
struct Job {
    /// The per-article folder, pruned once the writes are done.
    root: PathBuf,
    dir: PathBuf,
    key: String,
    bytes: Vec<u8>,
}

/// The thread writing per-article entries for the whole process, and where it is told
/// what to write.
struct Writer {
    jobs: SyncSender<Job>,
    thread: JoinHandle<()>,
}

static WRITER: Mutex<Option<Writer>> = Mutex::new(None);
static WRITE_ERROR: Mutex<Option<io::Error>> = Mutex::new(None);

/// Entries waiting for the writer at most; beyond, the analysis waits for the disk.
const QUEUE: usize = 4096;

fn note_error(e: io::Error) {
    if let Ok(mut first) = WRITE_ERROR.lock() {
        first.get_or_insert(e);
    }
}

/// Hands an entry to the writer thread, started on first use: the analysis goes on while
/// the file system works, and its result does not wait for the writes.
fn send(job: Job) {
    let Ok(mut writer) = WRITER.lock() else {
        return;
    };
    let w = writer.get_or_insert_with(|| {
        let (jobs, queue) = sync_channel(QUEUE);
        Writer {
            jobs,
            thread: std::thread::spawn(move || write_all(queue)),
        }
    });
    let jobs = w.jobs.clone();
    drop(writer);
    if jobs.send(job).is_err() {
        note_error(io::Error::other("the cache writer stopped"));
    }
}

/// The writer thread: writes what it is sent; when nothing has come for a moment (and
/// before it ends), prunes the folders it wrote to.
fn write_all(queue: Receiver<Job>) {
    let mut written: Option<PathBuf> = None;
    loop {
        match queue.recv_timeout(Duration::from_millis(500)) {
            Ok(job) => {
                if let Err(e) = write_bytes(&job.dir, &job.key, &job.bytes, false) {
                    note_error(e);
                }
                written = Some(job.root);
            }
            Err(RecvTimeoutError::Timeout) => prune(written.take()),
            Err(RecvTimeoutError::Disconnected) => return prune(written.take()),
        }
    }
}

fn prune(root: Option<PathBuf>) {
    if let Some(Err(e)) = root.map(|r| prune_to(&r, MAX_ARTICLE_ENTRIES)) {
        note_error(e);
    }
}

/// Waits until every per-article entry handed over so far is written (and the folders
/// pruned); returns the first write that failed since the last call. A program calls it
/// before it ends so that what it made is kept; entries it does not wait for are made
/// again next time.
pub fn finish_writes() -> Option<io::Error> {
    let writer = WRITER.lock().ok().and_then(|mut w| w.take());
    if let Some(Writer { jobs, thread }) = writer {
        drop(jobs);
        let _ = thread.join();
    }
    WRITE_ERROR.lock().ok().and_then(|mut e| e.take())
}

/// Entries (and their bytes) in the per-article folders under `dir`.
pub(super) fn usage(dir: &Path) -> (usize, u64) {
    let Ok(folders) = std::fs::read_dir(dir) else {
        return (0, 0);
    };
    (folders.filter_map(Result::ok))
        .map(|f| super::usage(&f.path()))
        .fold((0, 0), |(n, b), (fn_, fb)| (n + fn_, b + fb))
}

/// Keeps the `keep` most recently written entries in the folders under `dir`.
fn prune_to(dir: &Path, keep: usize) -> io::Result<()> {
    let mut files = Vec::new();
    for folder in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        files.extend(files_in(&folder.path()).unwrap_or_default());
    }
    keep_newest(files, keep)
}
