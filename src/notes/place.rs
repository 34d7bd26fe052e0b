//! Placing notes on the articles of a corpus, and finding the notes of a corpus whose
//! articles changed since they were written.
//!
//! A note belongs to the article with its article id (and, when that id is gone, to the
//! one article with its content hash: a renamed file). It is then re-anchored inside that
//! article only, so a note never jumps to a look-alike passage in another article.

use super::anchor::{resolve, Anchor};
use super::model::{ArticleRef, Note, StoreData};
use super::store::{Store, StoreError};
use crate::corpus::{Article, Corpus, Warning};
use crate::entities::corrections::Correction;
use std::fs;
use std::path::{Path, PathBuf};

/// A note and where it stands in the corpus as loaded now.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub note: &'a Note,
    /// Index of its article in the corpus; `None` when the article is not in it.
    pub article: Option<usize>,
    /// Its passage in that article, or [`Anchor::Orphan`].
    pub anchor: Anchor,
}

/// The index of the article a note was made on.
pub fn article_of(note: &Note, corpus: &Corpus) -> Option<usize> {
    corpus.position(&note.article.id).or_else(|| {
        let mut same = corpus
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.hash == note.article.hash);
        let first = same.next()?.0;
        same.next().is_none().then_some(first)
    })
}

/// Places one note.
pub fn place<'a>(note: &'a Note, corpus: &Corpus) -> Placed<'a> {
    let article = article_of(note, corpus);
    let anchor = article.map_or(Anchor::Orphan, |i| {
        resolve(&corpus.articles[i].text, &note.target)
    });
    Placed {
        note,
        article,
        anchor,
    }
}

/// Orders placed notes by article, then passage, orphans of an article after its passages,
/// notes on absent articles last.
fn sort(placed: &mut [Placed<'_>]) {
    placed.sort_by_key(|p| {
        (
            p.article.unwrap_or(usize::MAX),
            p.anchor.span().map_or((1, 0, 0), |s| (0, s.start, s.end)),
        )
    });
}

impl Store {
    /// Every note of the store placed on the corpus (for a notes list).
    pub fn place(&self, corpus: &Corpus) -> Vec<Placed<'_>> {
        let mut out: Vec<Placed<'_>> = self.notes().iter().map(|n| place(n, corpus)).collect();
        sort(&mut out);
        out
    }

    /// The notes of the article at `index` of the corpus, in text order, orphans last.
    pub fn notes_for(&self, corpus: &Corpus, index: usize) -> Vec<Placed<'_>> {
        let mut out: Vec<Placed<'_>> = self
            .notes()
            .iter()
            .filter(|n| article_of(n, corpus) == Some(index))
            .map(|n| place(n, corpus))
            .collect();
        sort(&mut out);
        out
    }

    /// The note whose passage covers byte `pos` of the article at `index` (the latest made
    /// when several overlap), for the highlight under the cursor.
    pub fn note_at(&self, corpus: &Corpus, index: usize, pos: usize) -> Option<Placed<'_>> {
        self.notes_for(corpus, index)
            .into_iter()
            .filter(|p| p.anchor.span().is_some_and(|s| s.contains(pos)))
            .max_by(|a, b| a.note.created.cmp(&b.note.created))
    }

    /// Opens the store of `corpus` under `data_dir`. When there is none yet but a store of
    /// an earlier version of the same corpus (most of the same article ids) is found, its
    /// notes are carried over into the new store (the old file is left as it was).
    pub fn open_for(data_dir: &Path, corpus: &Corpus) -> Result<(Store, Vec<Warning>), StoreError> {
        let path = store_path(data_dir, corpus);
        let existed = path.exists();
        let (mut store, mut warnings) = Store::open(&path, &corpus.fingerprint())?;
        let refs: Vec<ArticleRef> = corpus
            .articles
            .iter()
            .map(|a| ArticleRef {
                id: a.id.clone(),
                title: a.title.clone(),
                hash: a.hash.clone(),
            })
            .collect();
        if store.data.articles != refs {
            store.data.articles = refs;
        }
        if !existed && !store.is_read_only() {
            if let Some((from, old)) = predecessor(&path, corpus) {
                store.data.merge(&old);
                store.dirty = true;
                warnings.extend(store.save()?);
                let name = from.file_name().unwrap_or_default().to_string_lossy();
                warnings.push(Warning {
                    path: path.display().to_string(),
                    message: format!(
                        "articles changed since the last session; notes carried over from {name}"
                    ),
                });
            }
        }
        Ok((store, warnings))
    }
}

/// The entity corrections kept for `corpus` under the data dir, read without writing
/// anything: from its store, else from the store of an earlier version of the corpus (the
/// one the reader would carry its notes over from). None kept, or none readable: empty.
pub fn corrections_for(data_dir: &Path, corpus: &Corpus) -> Vec<Correction> {
    let path = store_path(data_dir, corpus);
    let own = crate::files::read_regular_if_exists(&path, super::MAX_STORE_BYTES)
        .ok()
        .flatten()
        .and_then(|b| StoreData::parse(&b).ok());
    let data = match own {
        Some(data) => Some(data),
        None if !path.exists() => predecessor(&path, corpus).map(|(_, d)| d),
        None => None,
    };
    data.map(|mut d| {
        d.apply_tombstones();
        d.corrections
    })
    .unwrap_or_default()
}

/// Where the store of a corpus lives under the data dir.
pub fn store_path(data_dir: &Path, corpus: &Corpus) -> PathBuf {
    data_dir
        .join("notes")
        .join(format!("{}.json", corpus.fingerprint()))
}

/// The store beside `path` that is an earlier version of this corpus (see [`overlap`]).
/// Ties go to more identical articles, then more notes still found, then more notes.
fn predecessor(path: &Path, corpus: &Corpus) -> Option<(PathBuf, StoreData)> {
    let dir = path.parent()?;
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p != path && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut best: Option<(Overlap, PathBuf, StoreData)> = None;
    for file in files {
        let Some(data) = crate::files::read_regular(&file, super::MAX_STORE_BYTES)
            .ok()
            .and_then(|b| StoreData::parse(&b).ok())
        else {
            continue;
        };
        let Some(score) = overlap(&data, corpus) else {
            continue;
        };
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, file, data));
        }
    }
    best.map(|(_, f, d)| (f, d))
}

/// (shared ids, identical articles, notes still found, notes).
type Overlap = (usize, usize, usize, usize);

/// How much a store looks like an earlier version of the corpus: more than half the
/// article ids agree on both sides, and the link is confirmed by an identical article or a
/// note that is still found in its article (generic file names alone are not enough).
fn overlap(data: &StoreData, corpus: &Corpus) -> Option<Overlap> {
    let mut theirs: Vec<&ArticleRef> = data.articles.iter().collect();
    if theirs.is_empty() {
        theirs = data.notes.iter().map(|n| &n.article).collect();
        theirs.sort_by(|a, b| a.id.cmp(&b.id));
        theirs.dedup_by(|a, b| a.id == b.id);
    }
    let shared = |a: &&Article| theirs.iter().any(|t| t.id == a.id);
    let ids = corpus.articles.iter().filter(shared).count();
    if 2 * ids <= corpus.articles.len() || 2 * ids <= theirs.len() {
        return None;
    }
    let same = corpus
        .articles
        .iter()
        .filter(|a| theirs.iter().any(|t| t.id == a.id && t.hash == a.hash))
        .count();
    let found = data
        .notes
        .iter()
        .filter(|n| corpus.position(&n.article.id).is_some())
        .filter(|n| !place(n, corpus).anchor.is_orphan())
        .count();
    (same > 0 || found > 0).then_some((ids, same, found, data.notes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Meta};
    use crate::text::Span;

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        Corpus {
            articles: texts
                .iter()
                .map(|(id, t)| {
                    Article::new(
                        (*id).into(),
                        id.to_uppercase(),
                        format!("{id}.txt"),
                        (*t).into(),
                        Meta::default(),
                    )
                })
                .collect(),
            warnings: vec![],
        }
    }

    #[test]
    fn notes_are_listed_per_article_in_text_order() {
        let dir = tempfile::tempdir().unwrap();
        let c = corpus(&[("a", "Un. Deux. Trois."), ("b", "Autre texte.")]);
        let (mut s, _) = Store::open_for(dir.path(), &c).unwrap();
        s.add(&c.articles[0], Span::new(10, 16), "trois");
        s.add(&c.articles[1], Span::new(0, 5), "autre");
        s.add(&c.articles[0], Span::new(0, 3), "un");
        let bodies: Vec<&str> = s
            .notes_for(&c, 0)
            .iter()
            .map(|p| p.note.body.as_str())
            .collect();
        assert_eq!(bodies, ["un", "trois"]);
        let all: Vec<Option<usize>> = s.place(&c).iter().map(|p| p.article).collect();
        assert_eq!(s.note_at(&c, 0, 12).unwrap().note.body, "trois");
        assert!(s.note_at(&c, 0, 5).is_none());
        assert_eq!(all, [Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn notes_follow_an_edited_corpus_into_its_new_store() {
        let dir = tempfile::tempdir().unwrap();
        let c = corpus(&[("a", "Un. Deux. Trois."), ("b", "Autre texte.")]);
        let (mut s, _) = Store::open_for(dir.path(), &c).unwrap();
        s.add(&c.articles[0], Span::new(4, 9), "deux");
        s.save().unwrap();
        let edited = corpus(&[("a", "Zéro. Un. Deux. Trois."), ("b", "Autre texte.")]);
        let (s2, w) = Store::open_for(dir.path(), &edited).unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        let placed = s2.notes_for(&edited, 0);
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].anchor, Anchor::Moved(Span::new(11, 16)));
        // A different corpus does not inherit them.
        let other = corpus(&[("x", "Rien."), ("y", "Rien non plus."), ("a", "Un.")]);
        let (s3, _) = Store::open_for(dir.path(), &other).unwrap();
        assert!(s3.notes().is_empty());
        // Nor does another story whose files happen to have the same names.
        let namesake = corpus(&[("a", "Tout autre chose."), ("b", "Autre histoire.")]);
        let (s4, w) = Store::open_for(dir.path(), &namesake).unwrap();
        assert!(s4.notes().is_empty() && w.is_empty(), "{w:?}");
    }
}
