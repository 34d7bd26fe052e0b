//! What a load found, without the texts: every article's id, title, path, content hash,
//! language and metadata in corpus order, and every file read with its size, modification
//! time and how many articles came from it. Kept in the cache after a load, it lets the
//! next open of the same paths show the article list at once and look up the analysis
//! while the files are read again. The files stay the truth: the index only stands in
//! until the real load lands, and [`CorpusIndex::matches`] says whether it told the truth.

use super::{Article, Corpus, Meta};
use crate::text::{Language, Structure};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// An article as the index remembers it: everything but the text and its structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexedArticle {
    pub id: String,
    pub title: String,
    pub path: String,
    pub hash: String,
    pub language: Language,
    /// [`Meta`]'s fields in order (source, date, author, URL), stored whole: the index's
    /// format keeps every field, where `Meta`'s JSON form leaves out the unknown ones.
    pub meta: [Option<String>; 4],
    /// Word tokens in the text, for the list's counts.
    pub words: usize,
}

impl IndexedArticle {
    /// The article's metadata.
    pub fn meta(&self) -> Meta {
        let [source, date, author, url] = self.meta.clone();
        Meta {
            source,
            date,
            author,
            url,
        }
    }
}

/// One file a load read: its path (as raw bytes), size, modification time and the number
/// of articles it gave (a feed or a JSON file gives several, a broken file none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub path: Vec<u8>,
    pub size: u64,
    /// Nanoseconds since the Unix epoch; 0 when the system does not say.
    pub modified_ns: u128,
    pub articles: u32,
}

impl FileStamp {
    /// The stamp of `path` from its metadata, giving `articles` articles.
    pub fn of(path: &Path, meta: &std::fs::Metadata, articles: u32) -> FileStamp {
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        FileStamp {
            path: path.as_os_str().as_encoded_bytes().to_vec(),
            size: meta.len(),
            modified_ns,
            articles,
        }
    }
}

/// The articles and files of one load, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusIndex {
    pub articles: Vec<IndexedArticle>,
    pub files: Vec<FileStamp>,
}

impl CorpusIndex {
    /// The index of `corpus`, loaded from `files`; word counts are taken from `known` for
    /// the texts it already counted (same content hash), counted otherwise.
    pub fn of(corpus: &Corpus, files: Vec<FileStamp>, known: Option<&CorpusIndex>) -> CorpusIndex {
        let counted: HashMap<&str, usize> = known
            .map(|k| {
                k.articles
                    .iter()
                    .map(|a| (a.hash.as_str(), a.words))
                    .collect()
            })
            .unwrap_or_default();
        let articles = corpus
            .articles
            .par_iter()
            .map(|a| IndexedArticle {
                id: a.id.clone(),
                title: a.title.clone(),
                path: a.path.clone(),
                hash: a.hash.clone(),
                language: a.language.clone(),
                meta: [
                    a.meta.source.clone(),
                    a.meta.date.clone(),
                    a.meta.author.clone(),
                    a.meta.url.clone(),
                ],
                words: counted
                    .get(a.hash.as_str())
                    .copied()
                    .unwrap_or_else(|| a.word_count()),
            })
            .collect();
        CorpusIndex { articles, files }
    }

    /// A corpus of the indexed articles with empty texts: enough for a list of titles and
    /// for the analysis cache key, nothing to read or analyse.
    pub fn preview(&self) -> Corpus {
        let articles = self
            .articles
            .iter()
            .map(|a| Article {
                id: a.id.clone(),
                title: a.title.clone(),
                path: a.path.clone(),
                text: String::new(),
                hash: a.hash.clone(),
                language: a.language.clone(),
                structure: Structure::default(),
                meta: a.meta(),
            })
            .collect();
        Corpus {
            articles,
            warnings: Vec::new(),
        }
    }

    /// True when `corpus` has the same articles (ids and content hashes) in the same order.
    pub fn matches(&self, corpus: &Corpus) -> bool {
        self.articles.len() == corpus.articles.len()
            && self
                .articles
                .iter()
                .zip(&corpus.articles)
                .all(|(i, a)| i.id == a.id && i.hash == a.hash)
    }

    /// How many files differ between this index and `now` (changed size or time, added,
    /// removed): 0 when the same files were read unchanged.
    pub fn changed_files(&self, now: &[FileStamp]) -> usize {
        let before: HashMap<&[u8], &FileStamp> =
            self.files.iter().map(|f| (f.path.as_slice(), f)).collect();
        let mut kept = 0;
        let mut changed = 0;
        for f in now {
            match before.get(f.path.as_slice()) {
                Some(b) => {
                    kept += 1;
                    changed += usize::from(b.size != f.size || b.modified_ns != f.modified_ns);
                }
                None => changed += 1,
            }
        }
        changed + self.files.len().saturating_sub(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(path: &str, size: u64, time: u128) -> FileStamp {
        FileStamp {
            path: path.as_bytes().to_vec(),
            size,
            modified_ns: time,
            articles: 1,
        }
    }

    #[test]
    fn the_preview_keeps_what_the_list_and_the_cache_key_need() {
        let corpus = Corpus::bundled();
        let index = CorpusIndex::of(&corpus, Vec::new(), None);
        let preview = index.preview();
        assert_eq!(preview.articles.len(), 5);
        for (p, a) in preview.articles.iter().zip(&corpus.articles) {
            assert_eq!((&p.id, &p.title, &p.hash), (&a.id, &a.title, &a.hash));
            assert_eq!(p.language, a.language);
            assert!(p.text.is_empty() && p.structure.sentences.is_empty());
        }
        assert!(index.matches(&corpus));
        assert!(index.matches(&preview), "the preview stands for the corpus");
        assert_eq!(index.articles[0].words, corpus.articles[0].word_count());
        // Counts are taken over from a known index for the same texts.
        let mut known = index.clone();
        known.articles[0].words = 7;
        assert_eq!(
            CorpusIndex::of(&corpus, Vec::new(), Some(&known)).articles[0].words,
            7
        );
    }

    #[test]
    fn an_index_comes_back_whole_from_its_stored_form() {
        let mut corpus = Corpus::bundled();
        corpus.articles[1].meta.date = Some("2018-08-06".into());
        let index = CorpusIndex::of(&corpus, vec![stamp("x/a.txt", 10, 20)], None);
        let bytes = postcard::to_stdvec(&index).unwrap();
        let back: CorpusIndex = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, index);
        assert_eq!(back.preview().articles[1].meta, corpus.articles[1].meta);
    }

    #[test]
    fn a_changed_reordered_or_shorter_corpus_does_not_match() {
        let corpus = Corpus::bundled();
        let index = CorpusIndex::of(&corpus, Vec::new(), None);
        let mut changed = corpus.clone();
        changed.articles[2].hash = crate::corpus::content_hash("autre");
        assert!(!index.matches(&changed));
        let mut swapped = corpus.clone();
        swapped.articles.swap(0, 1);
        assert!(!index.matches(&swapped));
        let mut shorter = corpus;
        shorter.articles.pop();
        assert!(!index.matches(&shorter));
    }

    #[test]
    fn changed_added_and_removed_files_are_counted() {
        let index = CorpusIndex {
            articles: Vec::new(),
            files: vec![stamp("a", 1, 10), stamp("b", 2, 20), stamp("c", 3, 30)],
        };
        assert_eq!(index.changed_files(&index.files.clone()), 0);
        let now = vec![stamp("a", 1, 10), stamp("b", 2, 21), stamp("d", 4, 40)];
        // b changed, d added, c removed.
        assert_eq!(index.changed_files(&now), 3);
        assert_eq!(index.changed_files(&[]), 3);
    }
}
