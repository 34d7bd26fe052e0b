//! Analyses kept in the cache, so that opening a corpus analysed before costs a read
//! instead of the whole analysis.
//!
//! An entry holds the entities, facts and stories of one corpus. Its key hashes the
//! analyser's version (and the program's build), the fingerprint of the word lists the
//! analysis used ([`Lexicon::fingerprint`]) and each article's content hash and language in
//! corpus order, so any change to any of them is a miss. Before an entry is used every
//! index and offset in it must fall on character boundaries of the articles it describes;
//! one that does not is rejected, reported and replaced.

use super::{carry, Analysis, Carried, Failure, Lexicon};
use crate::cache::{build_identity, Cache, KeyHasher, Lookup, Shelf};
use crate::corpus::{Corpus, CorpusIndex};
use crate::entities::{Entities, Entity, Mention};
use crate::facts::{Fact, Facts, Passage};
use crate::stories::{grow::Earlier, Stories};
use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::io;

/// The analyser's version: the package version and a revision bumped whenever the
/// analysis would give different results for the same articles.
pub const ANALYSER_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "/analysis-8");

/// The shelf of whole analyses.
pub const ANALYSES: Shelf = Shelf {
    folder: "analysis",
    magic: "recoupe analysis cache",
    version: ANALYSER_VERSION,
    keep: 32,
    spread: false,
};

/// The largest analysis entry read before the articles are in: several times what
/// 100,000 articles make.
const MAX_ENTRY_BYTES: u64 = 4 << 30;

/// What an entry stores: the articles it is the analysis of (each one's content hash and
/// language code, in order: what an analysis is carried over by), and the analysis without
/// what can be rebuilt from it.
#[derive(Serialize, Deserialize)]
struct Stored {
    articles: Vec<(String, String)>,
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
    facts: Vec<Fact>,
    stories: Stories,
    /// Absent from entries written before failures were kept.
    #[serde(default)]
    failures: Vec<Failure>,
}

/// [`Stored`] as written: the same fields, borrowed from the analysis (no copy of it).
#[derive(Serialize)]
struct StoredRef<'a> {
    articles: Vec<(&'a str, &'a str)>,
    entities: &'a [Entity],
    mentions: &'a [Mention],
    facts: &'a [Fact],
    stories: &'a Stories,
    failures: &'a [Failure],
}

/// Why a stored analysis does not fit the articles it is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Misfit {
    #[error("a mention does not fit the articles")]
    Mention,
    #[error("a fact does not fit the articles")]
    Fact,
    #[error("the stories do not fit the articles")]
    Stories,
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
    pub fn check(self, corpus: &Corpus) -> Result<Analysis, Misfit> {
        check(self.0, corpus)
    }

    /// The analysis carried over to `corpus` from the articles it was made for, if what is
    /// left fits `corpus` (see [`carry`]).
    pub fn carry_over(self, corpus: &Corpus) -> Result<(Analysis, Carried), Misfit> {
        self.carry_over_grouping(corpus).map(|(a, c, _)| (a, c))
    }

    /// Like [`Unchecked::carry_over`], also giving its grouping with the articles it knows
    /// nothing of, for the new analysis to grow rather than group again: when it had
    /// stories and the new articles are at most as many as the kept ones (a grouping grown
    /// from a smaller part of the collection is less pure than one made afresh: see the
    /// README's measures).
    pub fn carry_over_grouping(
        self,
        corpus: &Corpus,
    ) -> Result<(Analysis, Carried, Option<Earlier>), Misfit> {
        let Stored {
            articles,
            entities,
            mentions,
            facts,
            stories,
            // The failures name articles of the entry: the new analysis finds its own.
            failures: _,
        } = self.0;
        if mentions.iter().any(|m| m.entity() >= entities.len()) {
            return Err(Misfit::Mention);
        }
        let before = articles.iter().map(|(h, l)| (h.as_str(), l.as_str()));
        let (map, carried) = carry::article_map(before, corpus);
        let (entities, mentions) = carry::carry_entities(entities, mentions, &map);
        let facts = carry::carry_facts(facts, &map, corpus);
        let grouped = !stories.stories.is_empty();
        let stories = stories.or_one(map.len());
        if !stories.fits(map.len()) {
            return Err(Misfit::Stories);
        }
        let stories = stories.carried(&map, corpus.articles.len());
        let mut known = vec![false; corpus.articles.len()];
        for &now in map.iter().flatten() {
            if let Some(k) = known.get_mut(now) {
                *k = true;
            }
        }
        let new: Vec<usize> = (0..known.len()).filter(|&a| !known[a]).collect();
        let earlier = (grouped && new.len() <= known.len() - new.len()).then(|| Earlier {
            stories: stories.clone(),
            new,
        });
        let stored = Stored {
            articles: Vec::new(),
            entities,
            mentions,
            facts,
            stories,
            failures: Vec::new(),
        };
        check(stored, corpus).map(|analysis| (analysis, carried, earlier))
    }
}

/// The key of a corpus's analysis with `lexicon`: analyser version and build, the word
/// lists' fingerprint, articles in order.
pub fn corpus_key(corpus: &Corpus, lexicon: &Lexicon) -> String {
    let articles = corpus.articles.iter();
    key_of(
        articles.map(|a| (a.hash.as_str(), a.language.code())),
        lexicon,
    )
}

/// The key of the analysis of the articles an index describes: the same as
/// [`corpus_key`] of the corpus it was made from.
pub fn index_key(index: &CorpusIndex, lexicon: &Lexicon) -> String {
    let articles = index.articles.iter();
    key_of(
        articles.map(|a| (a.hash.as_str(), a.language.code())),
        lexicon,
    )
}

fn key_of<'a>(articles: impl Iterator<Item = (&'a str, &'a str)>, lexicon: &Lexicon) -> String {
    let mut h = KeyHasher::new();
    h.line(ANALYSER_VERSION)
        .line(build_identity())
        .line(lexicon.fingerprint());
    for (hash, language) in articles {
        h.line(&format!("{hash} {language}"));
    }
    h.finish()
}

/// The analysis stored under `key`, checked against `corpus`.
pub fn load(cache: &Cache, key: &str, corpus: &Corpus) -> Lookup<Analysis> {
    // An analysis takes a small multiple of its articles' text; a file far larger is not
    // one, and is not read.
    let text: u64 = corpus.articles.iter().map(|a| a.text.len() as u64).sum();
    let max = (64 << 20) + 64 * text;
    match cache.read(&ANALYSES, key, max).map(Unchecked) {
        Lookup::Hit(stored) => match stored.check(corpus) {
            Ok(a) => Lookup::Hit(a),
            Err(why) => Lookup::Rejected(why.to_string()),
        },
        Lookup::Miss => Lookup::Miss,
        Lookup::Rejected(why) => Lookup::Rejected(why),
    }
}

/// The analysis stored under `key`, its header and checksum checked, not yet its fit to
/// the articles.
pub fn read(cache: &Cache, key: &str) -> Lookup<Unchecked> {
    cache.read(&ANALYSES, key, MAX_ENTRY_BYTES).map(Unchecked)
}

/// Stores `analysis` of `corpus` under `key`, replacing any entry there.
pub fn store(cache: &Cache, key: &str, corpus: &Corpus, analysis: &Analysis) -> io::Result<()> {
    let articles = corpus.articles.iter();
    let stored = StoredRef {
        articles: articles
            .map(|a| (a.hash.as_str(), a.language.code()))
            .collect(),
        entities: &analysis.entities.entities,
        mentions: &analysis.entities.mentions,
        facts: &analysis.facts.facts,
        stories: &analysis.stories,
        failures: &analysis.failures,
    };
    cache.write(&ANALYSES, key, &stored)
}

/// The entry as an analysis of `corpus`, if every index and offset in it fits.
fn check(s: Stored, corpus: &Corpus) -> Result<Analysis, Misfit> {
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
        return Err(Misfit::Mention);
    }
    let sentence_fits = |p: &Passage| {
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
        return Err(Misfit::Fact);
    }
    let stories = s.stories.or_one(corpus.articles.len());
    if !stories.fits(corpus.articles.len()) {
        return Err(Misfit::Stories);
    }
    Ok(Analysis {
        entities: Entities {
            entities: s.entities,
            mentions: s.mentions,
        },
        facts: Facts::new(s.facts),
        stories,
        failures: (s.failures.into_iter())
            .filter(|f| f.article.is_none_or(|a| a < corpus.articles.len()))
            .collect(),
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
        let key = corpus_key(&corpus, &Lexicon::default());
        assert!(matches!(load(&cache, &key, &corpus), Lookup::Miss));
        let a = super::super::analyse(&corpus);
        store(&cache, &key, &corpus, &a).unwrap();
        match load(&cache, &key, &corpus) {
            Lookup::Hit(b) => assert_eq!(a, b),
            other => panic!("{other:?}"),
        }
        assert_eq!(cache.usage(&ANALYSES).0, 1);
    }

    #[test]
    fn key_changes_with_text_order_language_and_word_lists() {
        let corpus = Corpus::bundled();
        let plain = Lexicon::default();
        let key = corpus_key(&corpus, &plain);
        let listed = Lexicon::default().with_stopwords(vec!["maison".into()]);
        assert_ne!(key, corpus_key(&corpus, &listed));
        let mut other = corpus.clone();
        other.articles.swap(0, 1);
        assert_ne!(key, corpus_key(&other, &plain));
        let mut other = corpus.clone();
        other.articles[0].language = crate::text::Language("en".into());
        assert_ne!(key, corpus_key(&other, &plain));
    }

    #[test]
    fn an_entry_that_does_not_fit_the_articles_is_rejected() {
        let (_d, cache, corpus) = setup();
        let key = corpus_key(&corpus, &Lexicon::default());
        let a = super::super::analyse(&corpus);
        store(&cache, &key, &corpus, &a).unwrap();
        let mut shorter = corpus.clone();
        shorter.articles[0].text.truncate(10);
        assert!(matches!(
            load(&cache, &key, &shorter),
            Lookup::Rejected(why) if why == Misfit::Mention.to_string()
        ));
    }
}
