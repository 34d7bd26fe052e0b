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

use crate::analysis::Analysis;
use crate::corpus::Corpus;
use crate::entities::{Entities, Entity, Mention};
use crate::facts::{Fact, Facts};
use crate::notes::disk::write_synced;
use crate::text::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};

/// Environment variable naming the cache folder (tests, portable setups).
pub const CACHE_DIR_ENV: &str = "RECOUPE_CACHE_DIR";

/// The analyser's version: the package version and a revision bumped whenever the
/// analysis would give different results for the same articles.
pub const ANALYSER_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/analysis-1");

const MAGIC: &str = "recoupe analysis cache";

/// Most corpus entries kept; the least recently written go first.
const MAX_ENTRIES: usize = 32;

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a lookup found.
#[derive(Debug)]
pub enum Lookup {
    Hit(Analysis),
    Miss,
    /// An entry was there but could not be trusted; the reason, in a few words.
    Rejected(String),
}

/// What an entry stores: the analysis without what can be rebuilt from it.
#[derive(Serialize, Deserialize)]
struct Stored {
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
    facts: Vec<Fact>,
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
        let mut h = Sha256::new();
        for part in [ANALYSER_VERSION, "\n", build_identity(), "\n", salt, "\n"] {
            h.update(part.as_bytes());
        }
        for a in &corpus.articles {
            h.update(a.hash.as_bytes());
            h.update(b" ");
            h.update(a.language.code().as_bytes());
            h.update(b"\n");
        }
        hex(&h.finalize())
    }

    /// The analysis stored under `key`, checked against `corpus`.
    pub fn load_analysis(&self, key: &str, corpus: &Corpus) -> Lookup {
        let bytes = match std::fs::read(self.entry(key)) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Lookup::Miss,
            Err(e) => return Lookup::Rejected(format!("unreadable ({e})")),
        };
        match decode(&bytes, key).and_then(|a| check(a, corpus)) {
            Ok(a) => Lookup::Hit(a),
            Err(why) => Lookup::Rejected(why),
        }
    }

    /// Stores `analysis` under `key`, replacing any entry there, then drops the oldest
    /// entries beyond the most kept.
    pub fn store_analysis(&self, key: &str, analysis: &Analysis) -> io::Result<()> {
        let dir = self.analyses();
        std::fs::create_dir_all(&dir)?;
        let stored = Stored {
            entities: analysis.entities.entities.clone(),
            mentions: analysis.entities.mentions.clone(),
            facts: analysis.facts.facts.clone(),
        };
        let payload = postcard::to_stdvec(&stored).map_err(io::Error::other)?;
        let sum = hex(&Sha256::digest(&payload));
        let mut bytes = format!("{MAGIC}\n{ANALYSER_VERSION}\n{key}\n{sum}\n").into_bytes();
        bytes.extend_from_slice(&payload);
        let tmp = dir.join(format!(".{key}.{}.tmp", std::process::id()));
        let written =
            write_synced(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, self.entry(key)));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written?;
        self.prune(MAX_ENTRIES)
    }

    /// Keeps the `keep` most recently written entries, and removes the temporary files of
    /// writes interrupted more than an hour ago.
    fn prune(&self, keep: usize) -> io::Result<()> {
        let files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(self.analyses())?
            .filter_map(Result::ok)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
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

    /// Files and bytes the cache holds.
    pub fn usage(&self) -> (usize, u64) {
        let Ok(dir) = std::fs::read_dir(self.analyses()) else {
            return (0, 0);
        };
        dir.filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .fold((0, 0), |(n, b), m| (n + 1, b + m.len()))
    }

    /// Empties the cache; returns the files and bytes removed. Only recoupe's own
    /// folders inside the cache folder are touched.
    pub fn clear(&self) -> io::Result<(usize, u64)> {
        let usage = self.usage();
        match std::fs::remove_dir_all(self.analyses()) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(usage),
        }
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

/// Header, checksum and payload of an entry.
fn decode(bytes: &[u8], key: &str) -> Result<Stored, String> {
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
    if line()? != MAGIC {
        return Err("not a cache entry".into());
    }
    if line()? != ANALYSER_VERSION {
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
        .all(|m| m.entity < n && fits(m.article, m.span))
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
        cache.store_analysis(&key, &a).unwrap();
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
        cache.store_analysis(&key, &a).unwrap();
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
            cache.store_analysis(&format!("k{i}"), &a).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        cache.prune(2).unwrap();
        assert_eq!(cache.usage().0, 2);
        assert!(matches!(cache.load_analysis("k4", &corpus), Lookup::Hit(_)));
        assert!(matches!(cache.load_analysis("k0", &corpus), Lookup::Miss));
    }
}
