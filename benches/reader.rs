//! Opening articles: the bundled corpus, a 5 MB single-line article, a folder of 1,000
//! articles, and the analysis of the bundled corpus. Each benchmark checks what it measured
//! so that it cannot silently time wrong output.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use recoupe::corpus::{self, Article, Corpus, LoadOptions, Meta};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn opening(c: &mut Criterion) {
    let pool = support::generate::sentence_pool(root());
    let mut g = c.benchmark_group("open");
    g.measurement_time(Duration::from_secs(5)).sample_size(20);

    g.bench_function("bundled 5 articles", |b| {
        b.iter(|| {
            let c = Corpus::bundled();
            assert_eq!(c.articles.len(), 5);
            black_box(c)
        })
    });

    let big = support::generate::single_line(5 * 1024 * 1024, &pool);
    g.bench_function("5 MB single-line article", |b| {
        b.iter(|| {
            let a = Article::new(
                "big".into(),
                "big".into(),
                "big.txt".into(),
                big.clone(),
                Meta::default(),
            );
            assert!(a.structure.sentences.len() > 10_000);
            black_box(a)
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let gen = support::generate::corpus(1000, 1, &pool);
    for a in &gen.articles {
        std::fs::write(dir.path().join(format!("{}.txt", a.id)), &a.text).unwrap();
    }
    g.bench_function("folder of 1000 articles", |b| {
        b.iter(|| {
            let c = corpus::load_paths(&[dir.path().to_path_buf()], &LoadOptions::default());
            assert_eq!(c.articles.len(), 1000);
            black_box(c)
        })
    });
    g.finish();
}

fn first_frame(c: &mut Criterion) {
    use ratatui::{backend::TestBackend, Terminal};
    let mut g = c.benchmark_group("first frame");
    g.measurement_time(Duration::from_secs(5)).sample_size(20);
    g.bench_function("bundled 5 articles, load + analyse + draw 120x40", |b| {
        b.iter(|| {
            let corpus = Corpus::bundled();
            let analysis = recoupe::analysis::analyse(&corpus);
            let mut app = recoupe::tui::App::new(corpus, analysis);
            app.resize(120, 40);
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            term.draw(|f| recoupe::tui::draw(f, &app)).unwrap();
            let screen: String = term
                .backend()
                .buffer()
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect();
            assert!(screen.contains("Facebook voulait"));
            black_box(app)
        })
    });
    g.finish();
}

fn analysing(c: &mut Criterion) {
    let mut g = c.benchmark_group("analyse");
    g.measurement_time(Duration::from_secs(5)).sample_size(20);
    let seeds = Corpus::bundled();
    g.bench_function("bundled 5 articles", |b| {
        b.iter(|| black_box(recoupe::analysis::analyse(&seeds)))
    });
    g.finish();
}

criterion_group!(benches, opening, first_frame, analysing);
criterion_main!(benches);
