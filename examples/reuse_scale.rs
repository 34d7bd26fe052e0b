//! Time and peak memory of finding shared passages (`sources::reuse`) in a generated
//! collection (the seeded generator of `benches/support/generate.rs`: stories retold by
//! several outlets, with reordered, dropped and reworded sentences, plus background
//! articles), and of attributing every sentence.
//!
//! `cargo run --release --example reuse_scale -- 1000 10000 100000` (each size in its own
//! process, so that peak memory is its own; `RAYON_NUM_THREADS=1` for one core).
//! Prints: articles, MB of text, peak MB with the corpus loaded, reuse seconds, peak MB
//! after reuse, pairs, shared sentences, and the attribution seconds and count.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/generate.rs"]
mod generate;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn measure(n: usize) {
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = generate::corpus(n, 42, &pool);
    let mb: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    let loaded = peak_rss_mb();
    let t = Instant::now();
    let reuse = recoupe::sources::reuse::find(&corpus, &[]);
    let secs = t.elapsed().as_secs_f64();
    let after = peak_rss_mb();
    assert_eq!(reuse.own.len(), n);
    // Attribution reads the entities of each article; an empty set keeps this to the
    // pass's own cost (names then come from the words alone).
    let entities = recoupe::entities::Entities::default();
    let t = Instant::now();
    let attributed: usize = (corpus.articles.iter().enumerate())
        .map(|(a, art)| recoupe::sources::attribution::article(a, art, &entities).len())
        .sum();
    let attr_secs = t.elapsed().as_secs_f64();
    println!(
        "| {n} | {:.1} | {loaded:.0} | {secs:.2} | {after:.0} | {} | {} | {attr_secs:.2} | {attributed} |",
        mb as f64 / 1e6,
        reuse.pairs.len(),
        reuse.copies.len(),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(n) = args.first().and_then(|a| a.strip_prefix("--child=")) {
        measure(n.parse().expect("a number of articles"));
        return;
    }
    println!("| articles | MB | peak MB loaded | reuse s | peak MB after | pairs | shared sentences | attribution s | attributed |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let exe = std::env::current_exe().expect("own path");
    for n in &args {
        let status = Command::new(&exe)
            .arg(format!("--child={n}"))
            .status()
            .expect("child runs");
        assert!(status.success());
    }
}
