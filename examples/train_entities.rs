//! Trains the typer of recognised names and writes its weights.
//!
//! ```text
//! cargo run --release --example train_entities -- DATA_DIR [--out assets/entities/typer.bin]
//! ```
//!
//! DATA_DIR holds the gold files listed in `support/train.rs` (the layout of
//! `../shared/ner`). The result depends only on the data: one thread, a fixed seed, a fixed
//! order; the SHA-256 of the weights is printed so that two runs can be compared.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/ner.rs"]
mod ner;
#[path = "support/train.rs"]
mod train;

use recoupe::entities::learn::{typer, Model};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Instant;

/// Passes over the data and the seed of their order.
const EPOCHS: usize = 10;
const SEED: u64 = 0x5eed_2026;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: train_entities DATA_DIR [--out FILE]");
        std::process::exit(2);
    };
    let out = match args.iter().position(|a| a == "--out") {
        Some(k) => args.get(k + 1).cloned().unwrap_or_default(),
        None => concat!(env!("CARGO_MANIFEST_DIR"), "/assets/entities/typer.bin").to_owned(),
    };
    let t = Instant::now();
    let skip: Vec<&str> = (args.iter().position(|a| a == "--without"))
        .map(|k| args[k + 1..].iter().map(String::as_str).collect())
        .unwrap_or_default();
    let files: Vec<&str> = train::FILES
        .iter()
        .copied()
        .filter(|f| !skip.iter().any(|s| f.contains(s)))
        .collect();
    let samples = train::samples(Path::new(dir), &files, usize::MAX).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let mut counts = [0usize; typer::N];
    for (_, l) in &samples {
        counts[*l] += 1;
    }
    eprintln!(
        "{} samples {:?} in {:.1} s",
        samples.len(),
        counts,
        t.elapsed().as_secs_f64()
    );
    let weights = typer::train(&samples, EPOCHS, SEED);
    let bytes = Model::quantise(&weights).to_bytes();
    let model = Model::from_bytes(&bytes).expect("weights just written read back");
    let right = samples
        .iter()
        .filter(|(f, l)| {
            let s = model.scores(f);
            (0..typer::N).max_by(|&a, &b| s[a].total_cmp(&s[b])) == Some(*l)
        })
        .count();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
    println!(
        "{out}: {} bytes, sha256 {:x}, training accuracy {:.3}, {:.1} s",
        bytes.len(),
        Sha256::digest(&bytes),
        right as f64 / samples.len().max(1) as f64,
        t.elapsed().as_secs_f64()
    );
}
