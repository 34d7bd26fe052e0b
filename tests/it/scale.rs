//! Large generated corpora: the analysis does not depend on how many threads run it, nor
//! on whether it comes from the cache.

use crate::generate;

use recoupe::analysis::{self, Lexicon, Progress};
use recoupe::cache::Cache;
use std::path::Path;

/// The size: large enough for big facts and many aliases.
const ARTICLES: usize = 2000;

/// The same generated corpus analysed on one thread, on four, and read back from the
/// cache gives the same entities and facts, to the last offset.
#[test]
fn analysis_is_the_same_on_one_or_four_threads_and_through_the_cache() {
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = generate::corpus(ARTICLES, 11, &pool);
    assert_eq!(corpus.articles.len(), ARTICLES);
    let on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| analysis::analyse(&corpus))
    };
    let single = on(1);
    assert!(single.entities.entities.len() > 50 && single.facts.facts.len() > 100);
    let multi = on(4);
    assert!(single == multi, "one and four threads differ");

    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path().to_owned());
    let plain = Lexicon::default();
    let analyse = || analysis::analyse_cached(&corpus, Some(&cache), &plain, &Progress::new());
    let (cold, first) = analyse();
    assert!(!first.from_cache && first.warnings.is_empty());
    let (warm, second) = analyse();
    assert!(second.from_cache);
    assert!(
        cold == single && warm == single,
        "the cache changed the analysis"
    );
}

#[test]
fn generator_is_deterministic() {
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let a = generate::corpus(300, 5, &pool);
    let b = generate::corpus(300, 5, &pool);
    let texts = |c: &recoupe::corpus::Corpus| {
        c.articles
            .iter()
            .map(|a| a.hash.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&a), texts(&b));
}
