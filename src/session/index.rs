//! The index of a collection opened before ([`CorpusIndex`]: titles, hashes and file
//! stamps, no text), kept in the cache under a key of the canonical input paths, the load
//! options and the program build, so that the next open of the same paths lists the
//! articles at once. Beside it, a note of the last analysis stored for the collection:
//! the next open shows that one, carried over, while its own analysis runs.

use crate::analysis::{self, Lexicon};
use crate::cache::{build_identity, Cache, KeyHasher, Lookup, Shelf};
use crate::corpus::{Corpus, CorpusIndex, FileStamp, LoadOptions};
use std::io;
use std::path::PathBuf;

/// The index's format: bumped whenever [`CorpusIndex`] or the load changes.
pub const INDEX_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/index-1");

/// The shelf of corpus indexes (and of the notes of each collection's last analysis).
pub const INDEXES: Shelf = Shelf {
    folder: "index",
    magic: "recoupe corpus index",
    version: INDEX_VERSION,
    keep: 32,
    spread: false,
};

/// The notes of the last analysis stored for a collection, beside the indexes.
const ANALYSED: Shelf = Shelf {
    magic: "recoupe last analysis of a folder",
    ..INDEXES
};

/// The largest index read: several times what 100,000 articles make.
const MAX_INDEX_BYTES: u64 = 4 << 30;

/// The key of the index of a load of `paths` with `opts`: the index format, the program
/// build, the load options and each path made absolute. `None` when one of the paths
/// cannot be resolved or is standard input, which is never indexed.
pub fn key(paths: &[PathBuf], opts: &LoadOptions) -> Option<String> {
    if paths.is_empty() {
        return None;
    }
    let mut h = KeyHasher::new();
    h.line(INDEX_VERSION).line(build_identity());
    h.line(&format!("{} {}", opts.max_file_size, opts.max_depth));
    for p in paths {
        if p.as_os_str() == "-" {
            return None;
        }
        let canonical = std::fs::canonicalize(p).ok()?;
        h.bytes(canonical.as_os_str().as_encoded_bytes())
            .bytes(b"\0");
    }
    Some(h.finish())
}

/// The index stored under `key` if the cache holds a good one; a bad one is reported in
/// one line (and rewritten by the next load).
pub fn find(cache: &Cache, key: &str) -> (Option<CorpusIndex>, Option<String>) {
    match cache.read(&INDEXES, key, MAX_INDEX_BYTES) {
        Lookup::Hit(index) => {
            let index: CorpusIndex = index;
            ((!index.articles.is_empty()).then_some(index), None)
        }
        Lookup::Miss => (None, None),
        Lookup::Rejected(why) => (
            None,
            Some(format!("corpus index ignored and rebuilt: {why}")),
        ),
    }
}

/// Writes the index of `corpus`, read from files stamped `stamps`, under `key` when it
/// differs from `before` (the index read, or an empty one).
pub fn store(
    cache: &Cache,
    key: &str,
    corpus: &Corpus,
    stamps: Vec<FileStamp>,
    before: &CorpusIndex,
) -> io::Result<()> {
    if corpus.articles.is_empty() {
        return Ok(());
    }
    let now = CorpusIndex::of(corpus, stamps, Some(before));
    if now == *before {
        return Ok(());
    }
    cache.write(&INDEXES, key, &now)
}

/// The key of the last analysis stored for the collection whose index key is `folder`,
/// if one was noted (and the note is whole).
pub fn analysed(cache: &Cache, folder: &str) -> Option<String> {
    match cache.read(&ANALYSED, &analysed_name(folder), 1 << 16) {
        Lookup::Hit(key) => Some(key),
        Lookup::Miss | Lookup::Rejected(_) => None,
    }
}

/// Notes that the last analysis stored for the collection whose index key is `folder` is
/// the one under `key`.
pub fn note_analysed(cache: &Cache, folder: &str, key: &str) -> io::Result<()> {
    if analysed(cache, folder).as_deref() == Some(key) {
        return Ok(());
    }
    cache.write(&ANALYSED, &analysed_name(folder), &key)
}

/// The key of the analysis a second open of the collection whose index key is `folder`
/// reads first: the last one stored for it, else that of the articles `index` describes.
pub fn last_analysis_key(
    cache: &Cache,
    folder: &str,
    index: &CorpusIndex,
    lexicon: &Lexicon,
) -> String {
    analysed(cache, folder).unwrap_or_else(|| analysis::stored::index_key(index, lexicon))
}

fn analysed_name(folder: &str) -> String {
    format!("{folder}-analysed")
}
