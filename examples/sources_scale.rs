//! Time of the sources pass (`sources::analyse`: attribution, shared text, origins) once
//! the analysis is made, as the reader runs it after the analysis lands: on the bundled
//! articles (best of five) and on generated collections (the seeded generator of
//! `benches/support/generate.rs`). The reader works them out off its own thread when this
//! takes more than a few milliseconds.
//!
//! `cargo run --release --example sources_scale -- bundled 1000 10000` (each size in its
//! own process; `RAYON_NUM_THREADS=1` for one core). Prints: articles, analysis seconds,
//! sources seconds, attributed sentences, shared sentences, facts with fewer origins than
//! articles.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/generate.rs"]
mod generate;

use recoupe::corpus::Corpus;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn measure(which: &str) {
    let (corpus, runs) = match which {
        "bundled" => (Corpus::bundled(), 5),
        n => {
            let n: usize = n.parse().expect("a number of articles or `bundled`");
            let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
            (generate::corpus(n, 42, &pool), 1)
        }
    };
    let t = Instant::now();
    let analysis = recoupe::analysis::analyse(&corpus);
    let analysis_secs = t.elapsed().as_secs_f64();
    let mut best = f64::INFINITY;
    let mut sources = recoupe::sources::Sources::default();
    for _ in 0..runs {
        let t = Instant::now();
        sources = recoupe::sources::analyse(
            &corpus,
            &analysis.entities,
            &analysis.facts,
            &analysis.stories,
        );
        best = best.min(t.elapsed().as_secs_f64());
    }
    assert_eq!(sources.origins.len(), analysis.facts.facts.len());
    let attributed: usize = sources.attributions.iter().map(Vec::len).sum();
    let fewer = (analysis.facts.facts.iter().zip(&sources.origins))
        .filter(|(f, o)| o.len() < f.article_count())
        .count();
    println!(
        "| {} | {analysis_secs:.3} | {best:.4} | {attributed} | {} | {fewer} |",
        corpus.articles.len(),
        sources.reuse.copies.len(),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(which) = args.first().and_then(|a| a.strip_prefix("--child=")) {
        measure(which);
        return;
    }
    println!("| articles | analysis s | sources s | attributed | shared sentences | facts with fewer origins than articles |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let exe = std::env::current_exe().expect("own path");
    for which in &args {
        let status = Command::new(&exe)
            .arg(format!("--child={which}"))
            .status()
            .expect("child runs");
        assert!(status.success());
    }
}
