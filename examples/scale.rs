//! Prints one table of how recoupe scales with the number of articles: generation aside,
//! the cold analysis time (structure, entities, facts) and the peak memory of a process
//! that does only that, for each N given (default 1000 10000).
//!
//! `cargo run --release --example scale -- 1000 10000 100000`

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

/// Runs in a child: one N, prints a tab-separated row.
fn measure(n: usize) {
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let t = Instant::now();
    let corpus = generate::corpus(n, 42, &pool);
    let build = t.elapsed().as_secs_f64();
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    let t = Instant::now();
    let entities = recoupe::entities::analyse(&corpus);
    let ent = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let facts = recoupe::facts::link(&corpus, &entities);
    let fac = t.elapsed().as_secs_f64();
    println!(
        "{n}\t{:.1}\t{build:.2}\t{ent:.2}\t{fac:.2}\t{:.0}\t{}\t{}",
        bytes as f64 / 1e6,
        peak_rss_mb(),
        entities.entities.len(),
        facts.facts.len()
    );
}

fn main() {
    if let Ok(n) = std::env::var("RECOUPE_SCALE_N") {
        measure(n.parse().expect("N"));
        return;
    }
    let ns: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let ns = if ns.is_empty() { vec![1000, 10000] } else { ns };
    println!(
        "| articles | MB | load+structure s | entities s | facts s | peak MB | entities | facts |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in ns {
        let out = Command::new(std::env::current_exe().unwrap())
            .env("RECOUPE_SCALE_N", n.to_string())
            .output()
            .expect("run child");
        let row = String::from_utf8_lossy(&out.stdout);
        let cells: Vec<&str> = row.trim().split('\t').collect();
        if cells.len() < 8 {
            eprintln!("N={n}: {}", String::from_utf8_lossy(&out.stderr));
            continue;
        }
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]
        );
    }
}
