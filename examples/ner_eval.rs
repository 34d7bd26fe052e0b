//! Strict scores of recoupe's recogniser on named-entity gold data, and of other systems
//! whose predictions are given on the same texts.
//!
//! ```text
//! cargo run --release --example ner_eval -- FILE [--texts OUT.jsonl] [--system NAME=PRED.jsonl]...
//! ```
//!
//! `--texts` writes the articles built from FILE (one JSON object per line: `article`,
//! `text`) for another system to read; `scripts/ner_spacy.py` runs spaCy on them and
//! writes its names (`article`, byte `start` and `end`, `label`), which `--system` scores
//! with the same scorer.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/ner.rs"]
mod ner;

use std::io::Write;
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: ner_eval FILE [--texts OUT.jsonl] [--system NAME=PRED.jsonl]...");
        std::process::exit(2);
    };
    let sentences = ner::read(Path::new(file)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let built = ner::build(&sentences, 20);
    let mut rest = args[1..].iter();
    let mut systems = Vec::new();
    while let Some(a) = rest.next() {
        let value = rest.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--texts" => write_texts(&built, &value),
            "--system" => systems.push(value),
            other => eprintln!("unknown option {other}"),
        }
    }
    let words: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    println!(
        "{file}: {} sentences, {words} tokens, {} gold names, kinds {:?}",
        sentences.len(),
        built.gold.len(),
        built.kinds
    );
    let t = Instant::now();
    let names = ner::recoupe_names(&built);
    let took = t.elapsed();
    println!(
        "{}   ({:.0} ms)",
        ner::line("recoupe", &ner::score(&built, &names)),
        took.as_secs_f64() * 1e3
    );
    for s in systems {
        let (name, path) = s.split_once('=').unwrap_or(("other", &s));
        match read_predictions(path) {
            Ok(p) => println!("{}", ner::line(name, &ner::score(&built, &p))),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}

fn write_texts(built: &ner::Built, path: &str) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("texts file"));
    for (i, a) in built.corpus.articles.iter().enumerate() {
        let line = serde_json::json!({"article": i, "text": a.text});
        writeln!(out, "{line}").expect("write texts");
    }
}

fn read_predictions(path: &str) -> Result<Vec<ner::Gold>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let n = |k: &str| v[k].as_u64().unwrap_or(0) as usize;
        if let Some(kind) = ner::normalise(v["label"].as_str().unwrap_or("")) {
            out.push((n("article"), n("start"), n("end"), kind.to_owned()));
        }
    }
    Ok(out)
}
