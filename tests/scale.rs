//! Large generated corpora: the analysis does not depend on how many threads run it.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::path::Path;

fn summary(corpus: &recoupe::corpus::Corpus) -> (Vec<String>, Vec<Vec<(usize, usize)>>) {
    let a = recoupe::analysis::analyse(corpus);
    let names = a
        .entities
        .entities
        .iter()
        .map(|e| format!("{}|{:?}|{}", e.name, e.kind, e.aliases.len()))
        .collect();
    let facts = a
        .facts
        .facts
        .iter()
        .map(|f| f.passages.iter().map(|p| (p.article, p.sentence)).collect())
        .collect();
    (names, facts)
}

#[test]
fn single_and_multi_threaded_analysis_agree_on_generated_articles() {
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = generate::corpus(200, 11, &pool);
    assert_eq!(corpus.articles.len(), 200);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let single = one.install(|| summary(&corpus));
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    let multi = four.install(|| summary(&corpus));
    assert!(single.0.len() > 50 && !single.1.is_empty());
    assert_eq!(single, multi);
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
