//! Analysis throughput: entity recognition and resolution on a corpus of more than 10 MB,
//! the start-up cost of the word lists, and fact linking on generated corpora of 1,000 and
//! 10,000 articles. Each benchmark asserts the size of what it produced.
//!
//! Entities are measured on one core with `RAYON_NUM_THREADS=1 cargo bench --bench analysis
//! -- entities` (the benchmark name says how many threads ran); leave the variable out to
//! use every core.

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn entities(c: &mut Criterion) {
    let pool = support::generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = support::generate::corpus(5300, 3, &pool);
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    assert!(bytes > 10_000_000, "{bytes}");
    let threads = rayon::current_num_threads();
    let mut g = c.benchmark_group("entities");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(
        format!(
            "recognise+resolve {:.1} MB, {threads} thread(s)",
            bytes as f64 / 1e6
        ),
        |b| {
            b.iter(|| {
                let e = recoupe::entities::analyse(&corpus);
                assert!(e.entities.len() > 30_000 && e.mentions.len() > 150_000);
                black_box(e)
            })
        },
    );
    g.finish();
    let mut g = c.benchmark_group("entities");
    g.bench_function("start-up: parse the embedded word lists", |b| {
        b.iter(|| {
            let lists = recoupe::entities::gazetteer::parse_embedded();
            assert!(lists.known.len() > 900);
            black_box(lists)
        })
    });
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
