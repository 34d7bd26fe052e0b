//! The analysis of a corpus taken from the cache when the same articles were analysed
//! before by the same analyser with the same word lists, otherwise made and stored.
//!
//! Beside whole analyses ([`super::stored`]) the cache keeps what the analysis makes of
//! each article on its own (its terms for fact linking, the largest part of that stage),
//! one entry per article, keyed by the analyser, the word lists and the article's content
//! hash and language. When a folder changes by a few articles, the analysis of the new
//! corpus makes only theirs again and reads the others'; the steps that weigh the whole
//! corpus (entity resolution, term rarity, linking) run again on them, so the result is
//! exactly a fresh analysis's. These entries are written behind the analysis's back
//! ([`Cache::write_later`]); at most [`ARTICLES`]`.keep` are kept.

use super::stored::{self, ANALYSER_VERSION};
use super::{analyse_stored_after, Analysis, Lexicon, Progress, Stage};
use crate::cache::{build_identity, Cache, KeyHasher, Lookup, Shelf};
use crate::corpus::{Article, Corpus};
use crate::facts::{ArticleTerms, TermStore};
use crate::stories::grow::Earlier;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The shelf of per-article entries (a few kB each).
pub const ARTICLES: Shelf = Shelf {
    folder: "articles",
    magic: "recoupe article cache",
    version: ANALYSER_VERSION,
    keep: 300_000,
    spread: true,
};

/// Largest corpus whose articles get per-article cache entries. Measured with the scale
/// example: at 10,000 articles a corpus changed by one article is analysed in 2.9 s
/// instead of 5.7 s; at 100,000 one file per article costs more than it saves (writing
/// them lengthens a cold analysis by about 18 s and saves 8 s when one article is
/// added), so larger corpora rely on the corpus entry alone.
pub const MAX_STORED_ARTICLES: usize = 20_000;

/// Where the analysis comes from and what went wrong on the way (one line each).
#[derive(Debug, Default)]
pub struct Outcome {
    /// True when the analysis was read from the cache.
    pub from_cache: bool,
    /// Cache problems: an entry rejected and rebuilt, an entry that could not be written;
    /// and the articles the analyser failed on.
    pub warnings: Vec<String>,
    /// Articles whose own analysis was read from the cache, and those made (when the
    /// corpus's analysis was not there).
    pub articles_reused: usize,
    pub articles_made: usize,
    /// True when the cache holds this analysis now (read from it, or written to it).
    pub stored: bool,
}

/// The analysis of `corpus` with `lexicon`, from `cache` when it holds one for the same
/// articles, the same analyser and the same word lists; otherwise computed and stored.
/// Without a cache it is simply computed. A cache entry is checked (checksum, offsets
/// within the articles) before it is used; a bad one is reported, ignored and replaced.
/// Once `progress` is cancelled no entry is started, and cancelling waits for one under
/// way: an entry is whole or absent.
pub fn analyse_cached(
    corpus: &Corpus,
    cache: Option<&Cache>,
    lexicon: &Lexicon,
    progress: &Progress,
) -> (Analysis, Outcome) {
    analyse_cached_after(corpus, cache, lexicon, progress, None)
}

/// Like [`analyse_cached`]; an analysis made (not read from the cache) grows the stories
/// of `earlier` when it fits (see [`super::analyse_stored_after`]).
pub fn analyse_cached_after(
    corpus: &Corpus,
    cache: Option<&Cache>,
    lexicon: &Lexicon,
    progress: &Progress,
    earlier: Option<&Earlier>,
) -> (Analysis, Outcome) {
    let mut outcome = Outcome::default();
    let Some(cache) = cache else {
        let analysis = analyse_stored_after(corpus, lexicon, progress, None, earlier);
        outcome.warnings.extend(progress.failures());
        progress.enter(Stage::Done, 0);
        return (analysis, outcome);
    };
    progress.enter(Stage::Cache, 0);
    let key = stored::corpus_key(corpus, lexicon);
    match stored::load(cache, &key, corpus) {
        Lookup::Hit(analysis) => {
            outcome.from_cache = true;
            outcome.warnings.extend(analysis.failure_lines(corpus));
            outcome.stored = true;
            progress.enter(Stage::Done, 0);
            return (analysis, outcome);
        }
        Lookup::Miss => {}
        Lookup::Rejected(why) => outcome
            .warnings
            .push(format!("cache entry ignored and rebuilt: {why}")),
    }
    let store =
        (corpus.articles.len() <= MAX_STORED_ARTICLES).then(|| ArticleStore::new(cache, lexicon));
    let store_ref = store.as_ref().map(|s| s as &dyn TermStore);
    let analysis = analyse_stored_after(corpus, lexicon, progress, store_ref, earlier);
    if let Some(store) = &store {
        store.account(&mut outcome);
    }
    outcome.warnings.extend(progress.failures());
    progress.enter(Stage::Saving, 0);
    let saving = progress.saving.lock();
    if progress.is_cancelled() {
        return (analysis, outcome);
    }
    match stored::store(cache, &key, corpus, &analysis) {
        Ok(()) => outcome.stored = true,
        Err(e) => outcome.warnings.push(format!(
            "cannot write the cache in {}: {e}",
            cache.dir().display()
        )),
    }
    drop(saving);
    progress.enter(Stage::Done, 0);
    (analysis, outcome)
}

/// The per-article entries of a cache, as the analysis of one corpus uses them, counting
/// what it reads and writes.
struct ArticleStore<'c> {
    cache: &'c Cache,
    /// What every key starts from: analyser, build, word lists.
    keys: KeyHasher,
    /// Entries read and used.
    reused: AtomicUsize,
    /// Articles whose terms were made (no entry, or one that could not be trusted).
    made: AtomicUsize,
    /// Entries found but rejected (corrupt, foreign, not fitting the article).
    rejected: AtomicUsize,
}

impl<'c> ArticleStore<'c> {
    fn new(cache: &'c Cache, lexicon: &Lexicon) -> ArticleStore<'c> {
        let mut keys = KeyHasher::new();
        keys.line(ANALYSER_VERSION)
            .line(build_identity())
            .line(lexicon.fingerprint());
        ArticleStore {
            cache,
            keys,
            reused: AtomicUsize::new(0),
            made: AtomicUsize::new(0),
            rejected: AtomicUsize::new(0),
        }
    }

    /// The key of an article's entry.
    fn key(&self, article: &Article) -> String {
        let mut h = self.keys.clone();
        h.line(&article.hash).line(article.language.code());
        h.finish()
    }

    /// Tells `outcome` how the entries served.
    fn account(&self, outcome: &mut Outcome) {
        outcome.articles_reused = self.reused.load(Ordering::Relaxed);
        outcome.articles_made = self.made.load(Ordering::Relaxed);
        let rejected = self.rejected.load(Ordering::Relaxed);
        if rejected > 0 {
            outcome.warnings.push(format!(
                "{rejected} per-article cache entries ignored and rebuilt (corrupt or foreign)"
            ));
        }
    }
}

impl TermStore for ArticleStore<'_> {
    fn load(&self, article: &Article) -> Option<ArticleTerms> {
        // An article's terms take a few times its text at most.
        let max = (1 << 20) + 64 * article.text.len() as u64;
        match self.cache.read(&ARTICLES, &self.key(article), max) {
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
        self.cache.write_later(&ARTICLES, &self.key(article), terms);
    }

    fn rejected(&self, _article: &Article) {
        self.reused.fetch_sub(1, Ordering::Relaxed);
        self.rejected.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_analysis_writes_no_cache_entry() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_owned());
        let corpus = Corpus::bundled();
        let p = Progress::new();
        p.cancel();
        let (a, outcome) = analyse_cached(&corpus, Some(&cache), &Lexicon::default(), &p);
        assert!(!outcome.from_cache && outcome.warnings.is_empty());
        assert!(!a.facts.facts.is_empty());
        assert_eq!(cache.usage(&stored::ANALYSES), (0, 0));
        let (_, again) =
            analyse_cached(&corpus, Some(&cache), &Lexicon::default(), &Progress::new());
        assert!(!again.from_cache);
        let (_, third) =
            analyse_cached(&corpus, Some(&cache), &Lexicon::default(), &Progress::new());
        assert!(third.from_cache);
    }

    #[test]
    fn an_analysis_read_from_the_cache_names_the_articles_it_failed_on_as_they_are_now() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_owned());
        let mut corpus = Corpus::bundled();
        let lexicon = Lexicon::default();
        let mut failed = super::super::analyse(&corpus);
        failed.failures.push(super::super::Failure {
            article: Some(2),
            why: "fact linking failed (cut)".into(),
        });
        let key = stored::corpus_key(&corpus, &lexicon);
        stored::store(&cache, &key, &corpus, &failed).unwrap();
        // Renamed, same text: the same entry, the file named as it is now.
        corpus.articles[2].path = "renamed\u{1b}[31m.txt".into();
        let (a, outcome) = analyse_cached(&corpus, Some(&cache), &lexicon, &Progress::new());
        assert!(outcome.from_cache);
        assert_eq!(a.failures, failed.failures);
        assert_eq!(
            outcome.warnings,
            ["renamed.txt: fact linking failed (cut); shown without entities or facts"]
        );
    }

    /// The bundled corpus without its last article, and whole.
    fn smaller_and_whole() -> (Corpus, Corpus) {
        let whole = Corpus::bundled();
        let mut smaller = whole.clone();
        smaller.articles.pop();
        (smaller, whole)
    }

    #[test]
    fn an_added_article_is_the_only_one_made_again_and_the_result_is_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_owned());
        let (smaller, whole) = smaller_and_whole();
        let n = whole.articles.len();
        let (_, first) = analyse_cached(
            &smaller,
            Some(&cache),
            &Lexicon::default(),
            &Progress::new(),
        );
        assert!(crate::cache::finish_writes().is_none());
        assert_eq!((first.articles_made, first.articles_reused), (n - 1, 0));
        assert_eq!(cache.usage(&ARTICLES).0, n - 1);
        let (a, second) =
            analyse_cached(&whole, Some(&cache), &Lexicon::default(), &Progress::new());
        crate::cache::finish_writes();
        assert!(!second.from_cache && second.warnings.is_empty());
        assert_eq!((second.articles_made, second.articles_reused), (1, n - 1));
        assert_eq!(a, super::super::analyse(&whole));
        assert_eq!(cache.usage(&ARTICLES).0, n);
        // Other user lists: every article is made again.
        let (b, other) = analyse_cached(
            &smaller,
            Some(&cache),
            &Lexicon::default().with_stopwords(vec!["maison".into()]),
            &Progress::new(),
        );
        assert_eq!((other.articles_made, other.articles_reused), (n - 1, 0));
        assert_eq!(b, super::super::analyse(&smaller));
    }

    #[test]
    fn corrupt_article_entries_are_reported_and_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_owned());
        let (smaller, whole) = smaller_and_whole();
        analyse_cached(
            &smaller,
            Some(&cache),
            &Lexicon::default(),
            &Progress::new(),
        );
        crate::cache::finish_writes();
        let mut spoiled = 0;
        for folder in std::fs::read_dir(dir.path().join("articles")).unwrap() {
            for f in std::fs::read_dir(folder.unwrap().path()).unwrap() {
                let path = f.unwrap().path();
                let mut bytes = std::fs::read(&path).unwrap();
                let last = bytes.len() - 1;
                bytes[last] ^= 0x55;
                std::fs::write(&path, bytes).unwrap();
                spoiled += 1;
            }
        }
        assert_eq!(spoiled, smaller.articles.len());
        let (a, outcome) =
            analyse_cached(&whole, Some(&cache), &Lexicon::default(), &Progress::new());
        assert_eq!(outcome.articles_reused, 0);
        assert_eq!(outcome.articles_made, whole.articles.len());
        let warning = format!("{spoiled} per-article cache entries ignored and rebuilt");
        assert!(
            outcome.warnings[0].starts_with(&warning),
            "{:?}",
            outcome.warnings
        );
        assert_eq!(a, super::super::analyse(&whole));
        crate::cache::finish_writes();
        // Rewritten: another corpus of the same articles reads them all.
        let mut other = whole.clone();
        other.articles.remove(0);
        let (_, again) =
            analyse_cached(&other, Some(&cache), &Lexicon::default(), &Progress::new());
        assert_eq!(
            (again.articles_made, again.articles_reused),
            (0, other.articles.len())
        );
    }
}
