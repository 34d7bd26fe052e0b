//! Per-article entries: what the analysis makes of each article on its own (its terms for
//! fact linking, the largest part of that stage), one entry per article, keyed by the
//! analyser, the user's lists and the article's content hash and language. When a folder
//! changes by a few articles, the analysis of the new corpus makes only theirs again and
//! reads the others' here; the steps that weigh the whole corpus (entity resolution, term
//! rarity, linking) run again on them, so the result is exactly a fresh analysis's.
//!
//! Entries have the header and checksum of the corpus entries, spread over 256 folders by
//! the key's first two digits. They are not flushed to the disk one by one: one lost in a
//! crash is only made again. At most [`MAX_ARTICLE_ENTRIES`] are kept, the oldest written
//! removed first.

use super::{build_identity, hex, read_entry, write_entry_as, Cache, Lookup, ANALYSER_VERSION};
use crate::corpus::Article;
use crate::facts::{ArticleTerms, TermStore};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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
    /// The first write that failed, if any.
    error: Mutex<Option<io::Error>>,
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
            error: Mutex::new(None),
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

    /// The first write that failed, taken.
    pub fn take_error(&self) -> Option<io::Error> {
        self.error.lock().ok()?.take()
    }

    /// Removes the oldest entries beyond [`MAX_ARTICLE_ENTRIES`] (only after entries were
    /// written) and temporary files of writes interrupted more than an hour ago.
    pub fn prune(&self) -> io::Result<()> {
        if self.made.load(Ordering::Relaxed) == 0 {
            return Ok(());
        }
        prune_to(&self.dir, MAX_ARTICLE_ENTRIES)
    }
}

impl TermStore for ArticleStore<'_> {
    fn load(&self, article: &Article) -> Option<ArticleTerms> {
        let key = self.key(article);
        let path = self.folder(&key).join(format!("{key}.bin"));
        match read_entry(&path, MAGIC, ANALYSER_VERSION, &key) {
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
        let header = [MAGIC, ANALYSER_VERSION];
        if let Err(e) = write_entry_as(&self.folder(&key), &key, header, terms, false) {
            if let Ok(mut first) = self.error.lock() {
                first.get_or_insert(e);
            }
        }
    }

    fn rejected(&self, _article: &Article) {
        self.reused.fetch_sub(1, Ordering::Relaxed);
        self.rejected.fetch_add(1, Ordering::Relaxed);
    }
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

/// Keeps the `keep` most recently written entries under `dir`.
fn prune_to(dir: &Path, keep: usize) -> io::Result<()> {
    let stale = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut entries = Vec::new();
    for folder in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        let Ok(files) = std::fs::read_dir(folder.path()) else {
            continue;
        };
        for e in files.filter_map(Result::ok) {
            let Some(time) = e.metadata().ok().and_then(|m| m.modified().ok()) else {
                continue;
            };
            let path = e.path();
            match path.extension().and_then(|x| x.to_str()) {
                Some("bin") => entries.push((time, path)),
                Some("tmp") if time < stale => {
                    let _ = std::fs::remove_file(&path);
                }
                _ => {}
            }
        }
    }
    if entries.len() > keep {
        entries.sort();
        for (_, path) in &entries[..entries.len() - keep] {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}
