//! Analysis throughput: entity recognition and resolution on a corpus of more than 10 MB,
//! and fact linking on generated corpora of 1,000 and 10,000 articles. Each benchmark
//! asserts the size of what it produced.

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn entities(c: &mut Criterion) {
    let pool = support::generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = support::generate::corpus(5000, 3, &pool);
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    assert!(bytes > 9_000_000, "{bytes}");
    let mut g = c.benchmark_group("entities");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(
        format!("recognise+resolve {:.1} MB", bytes as f64 / 1e6),
        |b| {
            b.iter(|| {
                let e = recoupe::entities::analyse(&corpus);
                assert!(e.entities.len() > 50);
                black_box(e)
            })
        },
    );
    g.finish();
}

fn facts(c: &mut Criterion) {
    let pool = support::generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let mut g = c.benchmark_group("facts");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for n in [1000, 10_000] {
        let corpus = support::generate::corpus(n, 5, &pool);
        let entities = recoupe::entities::analyse(&corpus);
        g.bench_function(format!("link {n} articles"), |b| {
            b.iter(|| {
                let f = recoupe::facts::link(&corpus, &entities);
                assert!(f.facts.len() > n / 20);
                black_box(f)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, entities, facts);
criterion_main!(benches);
