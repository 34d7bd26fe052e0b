//! The on-disk cache of analyses, so that opening a corpus analysed before costs a read
//! instead of the whole analysis.
//!
//! An entry holds the entities and facts of one corpus. Its key hashes the analyser's
//! version, the user's lists (gazetteers, stopwords) and each article's content hash and
//! language in corpus order, so any change to any of them is a miss. An entry is a header
//! (magic line, analyser version, key, SHA-256 of the payload) and a postcard payload;
//! before it is used the header must match, the checksum must hold and every offset must
//! fall on character boundaries of the articles it describes. Anything else is a foreign
//! or corrupt entry: ignored, reported, and replaced by the next store. Entries are
//! written to a temporary file and renamed into place, so a reader never sees half of one
//! and a program stopped mid-write leaves no entry behind.
//!
//! Beside the analyses the cache keeps the index of each corpus opened in the reader
//! ([`CorpusIndex`]: titles, hashes and file stamps, no text), keyed by the canonical input
//! paths, the load options and the program build, in entries of the same shape.

mod articles;

pub use articles::{finish_writes, ArticleStore};

use crate::analysis::{carry, Analysis, Carried};
use crate::corpus::{Corpus, CorpusIndex, LoadOptions};
use crate::entities::{Entities, Entity, Mention};
use crate::facts::{Fact, Facts};
use crate::text::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Environment variable naming the cache folder (tests, portable setups).
pub const CACHE_DIR_ENV: &str = "RECOUPE_CACHE_DIR";

/// The analyser's version: the package version and a revision bumped whenever the
/// analysis would give different results for the same articles.
pub const ANALYSER_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/analysis-4");

const MAGIC: &str = "recoupe analysis cache";

/// The corpus index's format: bumped whenever [`CorpusIndex`] or the load changes.
pub const INDEX_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/index-1");

const INDEX_MAGIC: &str = "recoupe corpus index";
const ANALYSED_MAGIC: &str = "recoupe last analysis of a folder";

/// Most corpus entries kept; the least recently written go first.
const MAX_ENTRIES: usize = 32;

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a lookup found.
#[derive(Debug)]
pub enum Lookup<T = Analysis> {
    Hit(T),
    Miss,
    /// An entry was there but could not be trusted; the reason, in a few words.
    Rejected(String),
}

/// What an entry stores: the articles it is the analysis of (each one's content hash and
/// language code, in order: what an analysis is carried over by), and the analysis without
/// what can be rebuilt from it.
#[derive(Serialize, Deserialize)]
struct Stored {
    articles: Vec<(String, String)>,
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
    facts: Vec<Fact>,
}

/// [`Stored`] as written: the same fields, borrowed from the analysis (no copy of it).
#[derive(Serialize)]
struct StoredRef<'a> {
    articles: Vec<(&'a str, &'a str)>,
    entities: &'a [Entity],
    mentions: &'a [Mention],
    facts: &'a [Fact],
}

/// An analysis read whole from the cache whose offsets are not yet checked against the
/// articles: read while the articles are still loading, used once they are in.
pub struct Unchecked(Stored);

impl std::fmt::Debug for Unchecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Unchecked({} entities)", self.0.entities.len())
    }
}

impl Unchecked {
    /// The analysis, if every index and offset in it fits `corpus`.
    pub fn check(self, corpus: &Corpus) -> Result<Analysis, String> {
        check(self.0, corpus)
    }

    /// The analysis carried over to `corpus` from the articles it was made for, if what is
    /// left fits `corpus` (see [`crate::analysis::carry`]).
    pub fn carry_over(self, corpus: &Corpus) -> Result<(Analysis, Carried), String> {
        let Stored {
            articles,
            entities,
            mentions,
            facts,
        } = self.0;
        if mentions.iter().any(|m| m.entity() >= entities.len()) {
            return Err("a mention does not fit the articles".into());
        }
        let before = articles.iter().map(|(h, l)| (h.as_str(), l.as_str()));
        let (map, carried) = carry::article_map(before, corpus);
        let (entities, mentions) = carry::carry_entities(entities, mentions, &map);
        let facts = carry::carry_facts(facts, &map, corpus);
        let stored = Stored {
            articles: Vec::new(),
            entities,
            mentions,
            facts,
        };
        check(stored, corpus).map(|analysis| (analysis, carried))
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

    fn analyses(&self) -> PathBuf {
        self.dir.join("analysis")
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.analyses().join(format!("{key}.bin"))
    }

    /// The key of a corpus's analysis: analyser version and build, user lists, articles in
    /// order.
    pub fn corpus_key(corpus: &Corpus, salt: &str) -> String {
        let articles = corpus.articles.iter();
        Cache::key_of(articles.map(|a| (a.hash.as_str(), a.language.code())), salt)
    }

    /// The key of the analysis of the articles an index describes: the same as
    /// [`Cache::corpus_key`] of the corpus it was made from.
    pub fn index_corpus_key(index: &CorpusIndex, salt: &str) -> String {
        let articles = index.articles.iter();
        Cache::key_of(articles.map(|a| (a.hash.as_str(), a.language.code())), salt)
    }

    fn key_of<'a>(articles: impl Iterator<Item = (&'a str, &'a str)>, salt: &str) -> String {
        let mut h = Sha256::new();
        for part in [ANALYSER_VERSION, "\n", build_identity(), "\n", salt, "\n"] {
            h.update(part.as_bytes());
        }
        for (hash, language) in articles {
            h.update(hash.as_bytes());
            h.update(b" ");
            h.update(language.as_bytes());
            h.update(b"\n");
        }
        hex(&h.finalize())
    }

    /// The analysis stored under `key`, checked against `corpus`.
    pub fn load_analysis(&self, key: &str, corpus: &Corpus) -> Lookup {
        // An analysis takes a small multiple of its articles' text; a file far larger is
        // not one, and is not read.
        let text: u64 = corpus.articles.iter().map(|a| a.text.len() as u64).sum();
        let max = (64 << 20) + 64 * text;
        let read = read_entry(&self.entry(key), MAGIC, ANALYSER_VERSION, key, max).map(Unchecked);
        match read {
            Lookup::Hit(stored) => match stored.check(corpus) {
                Ok(a) => Lookup::Hit(a),
                Err(why) => Lookup::Rejected(why),
            },
            Lookup::Miss => Lookup::Miss,
            Lookup::Rejected(why) => Lookup::Rejected(why),
        }
    }

    /// The analysis stored under `key`, its header and checksum checked, not yet its fit
    /// to the articles.
    pub fn read_analysis(&self, key: &str) -> Lookup<Unchecked> {
        read_entry(
            &self.entry(key),
            MAGIC,
            ANALYSER_VERSION,
            key,
            MAX_ENTRY_BYTES,
        )
        .map(Unchecked)
    }

    /// Stores `analysis` of `corpus` under `key`, replacing any entry there, then drops the
    /// oldest entries beyond the most kept.
    pub fn store_analysis(
        &self,
        key: &str,
        corpus: &Corpus,
        analysis: &Analysis,
    ) -> io::Result<()> {
        let articles = corpus.articles.iter();
        let stored = StoredRef {
            articles: articles
                .map(|a| (a.hash.as_str(), a.language.code()))
                .collect(),
            entities: &analysis.entities.entities,
            mentions: &analysis.entities.mentions,
            facts: &analysis.facts.facts,
        };
        let header = [MAGIC, ANALYSER_VERSION];
        write_entry(&self.analyses(), key, header, &stored)?;
        prune(&self.analyses(), MAX_ENTRIES)
    }

    fn indexes(&self) -> PathBuf {
        self.dir.join("index")
    }

    /// The key of the index of a load of `paths` with `opts`: the index format, the program
    /// build, the load options and each path made absolute. `None` when one of the paths
    /// cannot be resolved or is standard input, which is never indexed.
    pub fn index_key(paths: &[PathBuf], opts: &LoadOptions) -> Option<String> {
        if paths.is_empty() {
            return None;
        }
        let mut h = Sha256::new();
        for part in [INDEX_VERSION, "\n", build_identity(), "\n"] {
            h.update(part.as_bytes());
        }
        h.update(format!("{} {}\n", opts.max_file_size, opts.max_depth).as_bytes());
        for p in paths {
            if p.as_os_str() == "-" {
                return None;
            }
            let canonical = std::fs::canonicalize(p).ok()?;
            h.update(canonical.as_os_str().as_encoded_bytes());
            h.update(b"\0");
        }
        Some(hex(&h.finalize()))
    }

    /// The corpus index stored under `key`.
    pub fn load_index(&self, key: &str) -> Lookup<CorpusIndex> {
        let path = self.indexes().join(format!("{key}.bin"));
        read_entry(&path, INDEX_MAGIC, INDEX_VERSION, key, MAX_ENTRY_BYTES)
    }

    /// Stores `index` under `key`, replacing any entry there, keeping the newest entries.
    pub fn store_index(&self, key: &str, index: &CorpusIndex) -> io::Result<()> {
        write_entry(&self.indexes(), key, [INDEX_MAGIC, INDEX_VERSION], index)?;
        prune(&self.indexes(), MAX_ENTRIES)
    }

    /// Notes that the last analysis stored for the folder whose index key is `folder` is
    /// the one under `key`: the next open of the folder shows it, carried over to the
    /// articles, while the folder's new analysis runs (even if that one was never stored).
    pub fn note_analysed(&self, folder: &str, key: &str) -> io::Result<()> {
        let header = [ANALYSED_MAGIC, INDEX_VERSION];
        write_entry(&self.indexes(), &analysed_name(folder), header, &key)
    }

    /// The key of the last analysis stored for the folder whose index key is `folder`, if
    /// one was noted (and the note is whole).
    pub fn analysed(&self, folder: &str) -> Option<String> {
        let name = analysed_name(folder);
        let path = self.indexes().join(format!("{name}.bin"));
        match read_entry(&path, ANALYSED_MAGIC, INDEX_VERSION, &name, 1 << 16) {
            Lookup::Hit(key) => Some(key),
            Lookup::Miss | Lookup::Rejected(_) => None,
        }
    }

    /// Files and bytes of the cached analyses.
    pub fn usage(&self) -> (usize, u64) {
        usage(&self.analyses())
    }

    /// Per-article entries and their bytes.
    pub fn article_usage(&self) -> (usize, u64) {
        articles::usage(&self.articles())
    }

    /// Empties the cache (analyses, per-article entries and corpus indexes); returns the files and bytes
    /// removed. Only recoupe's own folders inside the cache folder are touched.
    pub fn clear(&self) -> io::Result<(usize, u64)> {
        let mut removed = (0, 0);
        for dir in [self.analyses(), self.indexes(), self.articles()] {
            let (n, b) = match dir == self.articles() {
                true => articles::usage(&dir),
                false => usage(&dir),
            };
            match std::fs::remove_dir_all(&dir) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => removed = (removed.0 + n, removed.1 + b),
            }
        }
        Ok(removed)
    }
}

/// Size and modification time of the running program: a rebuilt program (whose analysis
/// may differ while its version number does not) never reads another build's entries.
fn build_identity() -> &'static str {
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

impl<T> Lookup<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Lookup<U> {
        match self {
            Lookup::Hit(t) => Lookup::Hit(f(t)),
            Lookup::Miss => Lookup::Miss,
            Lookup::Rejected(why) => Lookup::Rejected(why),
        }
    }
}

/// Files and bytes in a cache folder.
fn usage(dir: &Path) -> (usize, u64) {
    let Ok(dir) = std::fs::read_dir(dir) else {
        return (0, 0);
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .fold((0, 0), |(n, b), m| (n + 1, b + m.len()))
}

/// Writes `value` as the entry `key` of folder `dir`: the header lines `magic` and version,
/// the key, the payload's SHA-256, then the postcard payload; through a temporary file
/// renamed into place.
fn write_entry<T: Serialize>(
    dir: &Path,
    key: &str,
    header: [&str; 2],
    value: &T,
) -> io::Result<()> {
    write_entry_as(dir, key, header, value, true)
}

/// Like [`write_entry`]; the file's bytes reach the disk before the rename only when
/// `synced` (an entry that is cheap to make again need not wait for the disk).
fn write_entry_as<T: Serialize>(
    dir: &Path,
    key: &str,
    header: [&str; 2],
    value: &T,
    synced: bool,
) -> io::Result<()> {
    // The checksum from a first pass that keeps nothing, then the entry written straight to
    // its file: an entry is never held whole in memory (56 MB at 100,000 articles).
    let [magic, version] = header;
    let sum = postcard::to_io(value, Hashing(Sha256::new())).map_err(io::Error::other)?;
    let sum = hex(&sum.0.finalize());
    write_file(dir, key, synced, |w| {
        w.write_all(format!("{magic}\n{version}\n{key}\n{sum}\n").as_bytes())?;
        postcard::to_io(value, w).map_err(io::Error::other)?;
        Ok(())
    })
}

/// The entry, among the indexes, noting the last analysis of the folder whose index key is
/// `folder`.
fn analysed_name(folder: &str) -> String {
    format!("{folder}-analysed")
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

/// An entry as written: header lines, the payload's SHA-256, the postcard payload.
fn entry_bytes<T: Serialize>(
    key: &str,
    [magic, version]: [&str; 2],
    value: &T,
) -> io::Result<Vec<u8>> {
    let payload = postcard::to_stdvec(value).map_err(io::Error::other)?;
    let sum = hex(&Sha256::digest(&payload));
    let mut bytes = format!("{magic}\n{version}\n{key}\n{sum}\n").into_bytes();
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Writes the entry `key` of folder `dir` through a temporary file renamed into place.
fn write_bytes(dir: &Path, key: &str, bytes: &[u8], synced: bool) -> io::Result<()> {
    write_file(dir, key, synced, |w| w.write_all(bytes))
}

/// Writes what `fill` gives as the entry `key` of folder `dir`, through a temporary file
/// renamed into place once it is whole (and on the disk, when `synced`).
fn write_file(
    dir: &Path,
    key: &str,
    synced: bool,
    fill: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    std::fs::create_dir_all(dir)?;
    // Unique per write: two threads may store the same entry (two copies of an article).
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{key}.{}-{n}.tmp", std::process::id()));
    let write = || -> io::Result<()> {
        let mut w = io::BufWriter::new(std::fs::File::create(&tmp)?);
        fill(&mut w)?;
        let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        if synced {
            file.sync_all()?;
        }
        std::fs::rename(&tmp, dir.join(format!("{key}.bin")))
    };
    let written = write();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The largest corpus entry (analysis or index) read: several times what 100,000 articles
/// make.
const MAX_ENTRY_BYTES: u64 = 4 << 30;

/// Reads and decodes the entry at `path`, checking its header and checksum.
/// Only a regular file no larger than `max` bytes is read: a FIFO put in place of an entry
/// would block the reader, a huge file would be read whole for nothing.
fn read_entry<T: for<'de> Deserialize<'de>>(
    path: &Path,
    magic: &str,
    version: &str,
    key: &str,
    max: u64,
) -> Lookup<T> {
    let bytes = match crate::files::read_regular(path, max) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Lookup::Miss,
        Err(e) => return Lookup::Rejected(format!("unreadable ({e})")),
    };
    match decode(&bytes, [magic, version], key) {
        Ok(t) => Lookup::Hit(t),
        Err(why) => Lookup::Rejected(why),
    }
}

/// Keeps the `keep` most recently written entries of `dir`, and removes the temporary
/// files of writes interrupted more than an hour ago.
fn prune(dir: &Path, keep: usize) -> io::Result<()> {
    keep_newest(files_in(dir)?, keep)
}

/// The files of `dir` with their modification times.
fn files_in(dir: &Path) -> io::Result<Vec<(std::time::SystemTime, PathBuf)>> {
    Ok(std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect())
}

/// Of `files`, keeps the `keep` most recently written entries (`.bin`) and removes the
/// others, and the temporary files of writes interrupted more than an hour ago.
fn keep_newest(files: Vec<(std::time::SystemTime, PathBuf)>, keep: usize) -> io::Result<()> {
    let stale = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for (time, path) in &files {
        if path.extension().is_some_and(|x| x == "tmp") && *time < stale {
            let _ = std::fs::remove_file(path);
        }
    }
    let mut entries: Vec<_> = files
        .into_iter()
        .filter(|(_, p)| p.extension().is_some_and(|x| x == "bin"))
        .collect();
    if entries.len() <= keep {
        return Ok(());
    }
    entries.sort();
    for (_, path) in &entries[..entries.len() - keep] {
        std::fs::remove_file(path)?;
    }
    Ok(())
}

/// Header, checksum and payload of an entry.
fn decode<T: for<'de> Deserialize<'de>>(
    bytes: &[u8],
    [magic, version]: [&str; 2],
    key: &str,
) -> Result<T, String> {
    let mut rest = bytes;
    let mut line = || -> Result<&str, String> {
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("truncated header")?;
        let l = std::str::from_utf8(&rest[..end]).map_err(|_| "not a cache entry")?;
        rest = &rest[end + 1..];
        Ok(l)
    };
    if line()? != magic {
        return Err("not a cache entry".into());
    }
    if line()? != version {
        return Err("written by another version".into());
    }
    if line()? != key {
        return Err("stored under another key".into());
    }
    let sum = line()?.to_owned();
    if hex(&Sha256::digest(rest)) != sum {
        return Err("checksum mismatch (corrupt)".into());
    }
    postcard::from_bytes(rest).map_err(|e| format!("unreadable payload ({e})"))
}

/// The entry as an analysis of `corpus`, if every index and offset in it fits.
fn check(s: Stored, corpus: &Corpus) -> Result<Analysis, String> {
    let fits = |article: usize, span: Span| {
        corpus
            .articles
            .get(article)
            .is_some_and(|a| span.start <= span.end && a.text.get(span.start..span.end).is_some())
    };
    let n = s.entities.len();
    if !s
        .mentions
        .iter()
        .all(|m| m.entity() < n && fits(m.article(), m.span()))
    {
        return Err("a mention does not fit the articles".into());
    }
    let sentence_fits = |p: &crate::facts::Passage| {
        corpus.articles[p.article]
            .structure
            .sentences
            .get(p.sentence)
            .is_some_and(|s| s.span == p.span)
    };
    let facts_fit = s.facts.iter().all(|f| {
        f.passages
            .iter()
            .all(|p| fits(p.article, p.span) && sentence_fits(p))
            && f.discrepancies
                .iter()
                .all(|d| d.values.iter().all(|v| fits(v.article, v.span)))
    });
    if !facts_fit {
        return Err("a fact does not fit the articles".into());
    }
    Ok(Analysis {
        entities: Entities {
            entities: s.entities,
            mentions: s.mentions,
        },
        facts: Facts::new(s.facts),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Cache, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("cache"));
        (dir, cache, Corpus::bundled())
    }

    #[test]
    fn stored_analysis_comes_back_equal() {
        let (_d, cache, corpus) = setup();
        let key = Cache::corpus_key(&corpus, "");
        assert!(matches!(cache.load_analysis(&key, &corpus), Lookup::Miss));
        let a = crate::analysis::analyse(&corpus);
        cache.store_analysis(&key, &corpus, &a).unwrap();
        match cache.load_analysis(&key, &corpus) {
            Lookup::Hit(b) => assert_eq!(a, b),
            other => panic!("{other:?}"),
        }
        assert_eq!(cache.usage().0, 1);
        assert_eq!(cache.clear().unwrap().0, 1);
        assert_eq!(cache.usage(), (0, 0));
    }

    #[test]
    fn key_changes_with_text_order_language_and_salt() {
        let corpus = Corpus::bundled();
        let key = Cache::corpus_key(&corpus, "");
        assert_ne!(key, Cache::corpus_key(&corpus, "user list"));
        let mut other = corpus.clone();
        other.articles.swap(0, 1);
        assert_ne!(key, Cache::corpus_key(&other, ""));
        let mut other = corpus.clone();
        other.articles[0].language = crate::text::Language("en".into());
        assert_ne!(key, Cache::corpus_key(&other, ""));
    }

    #[test]
    fn corrupt_foreign_and_misfitting_entries_are_rejected() {
        let (_d, cache, corpus) = setup();
        let key = Cache::corpus_key(&corpus, "");
        let a = crate::analysis::analyse(&corpus);
        cache.store_analysis(&key, &corpus, &a).unwrap();
        let path = cache.entry(&key);
        let good = std::fs::read(&path).unwrap();
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (flipped, "checksum"),
            (good[..good.len() / 2].to_vec(), "checksum"),
            (b"garbage".to_vec(), "header"),
            (
                String::from_utf8_lossy(&good)
                    .replacen(ANALYSER_VERSION, "0.0.0/analysis-0", 1)
                    .into_bytes(),
                "version",
            ),
        ];
        for (bytes, what) in cases {
            std::fs::write(&path, &bytes).unwrap();
            assert!(
                matches!(cache.load_analysis(&key, &corpus), Lookup::Rejected(_)),
                "{what}"
            );
        }
        // A well-formed entry that does not describe these articles.
        let mut shorter = corpus.clone();
        shorter.articles[0].text.truncate(10);
        std::fs::write(&path, &good).unwrap();
        assert!(matches!(
            cache.load_analysis(&key, &shorter),
            Lookup::Rejected(_)
        ));
    }

    #[test]
    fn only_the_newest_entries_are_kept() {
        let (_d, cache, corpus) = setup();
        let a = crate::analysis::Analysis::default();
        for i in 0..5 {
            cache.store_analysis(&format!("k{i}"), &corpus, &a).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        prune(&cache.analyses(), 2).unwrap();
        assert_eq!(cache.usage().0, 2);
        assert!(matches!(cache.load_analysis("k4", &corpus), Lookup::Hit(_)));
        assert!(matches!(cache.load_analysis("k0", &corpus), Lookup::Miss));
    }
}
