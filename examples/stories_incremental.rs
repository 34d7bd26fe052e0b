//! How far a grouping grown article by article lies from grouping the collection again,
//! for the README: `cargo run --release --example stories_incremental -- DIR LABELS [SHARE]`
//! (e.g. `../shared/eval/stories/ecbplus-dev ../shared/eval/stories/ecbplus-dev.labels.json`).
//!
//! The articles are put in a fixed pseudo-random order (a hash of their ids); the first
//! SHARE of them (default 0.5) are grouped as a collection of their own, as a folder would
//! have been on its first opening; the rest then arrive one by one and join stories through
//! [`recoupe::stories::grow::grow`]. Printed: the B-cubed scores of the grown grouping and
//! of a fresh one against the labels (a JSON object from article id to story label), the
//! B-cubed agreement of the two (the fresh one taken as gold), and the time of each.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/bcubed.rs"]
mod bcubed;

use bcubed::bcubed;
use recoupe::corpus::{self, Corpus};
use recoupe::stories::{self, Stories};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::time::Instant;

fn features(c: &Corpus) -> recoupe::facts::features::Features {
    let entities = recoupe::entities::analyse(c);
    recoupe::facts::features::extract(c, &entities, &Default::default(), None)
}

fn order_key(id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(labels)) = (args.first(), args.get(1)) else {
        eprintln!("usage: stories_incremental DIR LABELS.json [SHARE]");
        std::process::exit(2);
    };
    let share: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0.5);
    let labels: HashMap<String, String> =
        serde_json::from_slice(&std::fs::read(labels).expect("labels readable"))
            .expect("labels: an object of article id to story");
    let full = corpus::load_paths(&[PathBuf::from(dir)], &Default::default());
    let n = full.articles.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (order_key(&full.articles[i].id), i));
    let k = ((n as f64 * share).round() as usize).min(n);
    let mut first = order[..k].to_vec();
    first.sort_unstable();
    let old = Corpus {
        articles: first.iter().map(|&i| full.articles[i].clone()).collect(),
        warnings: Vec::new(),
    };
    let old_stories = stories::cluster(&old, &features(&old));
    let mut map: Vec<Option<usize>> = vec![None; old.articles.len()];
    for (j, &i) in first.iter().enumerate() {
        map[j] = Some(i);
    }
    let carried: Stories = old_stories.carried(&map, n);
    let arriving = &order[k..];

    let fe = features(&full);
    let start = Instant::now();
    let grown = stories::grow::grow(&full, &fe, &carried, arriving, &stories::PARAMS);
    let grow_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let fresh = stories::cluster(&full, &fe);
    let fresh_secs = start.elapsed().as_secs_f64();

    let gold: Vec<&str> = (full.articles.iter())
        .map(|a| labels.get(&a.id).map_or("?", String::as_str))
        .collect();
    let unknown = gold.iter().filter(|g| **g == "?").count();
    let gold_first: Vec<&str> = first.iter().map(|&i| gold[i]).collect();
    let show = |(p, r, f): (f64, f64, f64)| format!("{p:.3} / {r:.3} / {f:.3}");
    println!(
        "{n} articles ({unknown} without a label); {k} grouped first, {} arriving",
        n - k
    );
    println!(
        "first grouping: {} stories, B-cubed P/R/F1 {} on its {k} articles",
        old_stories.stories.len(),
        show(bcubed(&gold_first, &old_stories.of_article))
    );
    println!(
        "grown: {} stories, B-cubed P/R/F1 {} ({grow_secs:.3} s)",
        grown.stories.len(),
        show(bcubed(&gold, &grown.of_article))
    );
    println!(
        "fresh: {} stories, B-cubed P/R/F1 {} ({fresh_secs:.3} s)",
        fresh.stories.len(),
        show(bcubed(&gold, &fresh.of_article))
    );
    println!(
        "grown against fresh: B-cubed P/R/F1 {}",
        show(bcubed(&fresh.of_article, &grown.of_article))
    );
    if let Ok(list) = std::env::var("GROW_THRESHOLDS") {
        for t in list.split(',').filter_map(|t| t.parse::<f32>().ok()) {
            let mut p = stories::PARAMS;
            p.grow.relative = t;
            let g = stories::grow::grow(&full, &fe, &carried, arriving, &p);
            println!(
                "relative {t}: {} stories, {} against labels, {} against fresh",
                g.stories.len(),
                show(bcubed(&gold, &g.of_article)),
                show(bcubed(&fresh.of_article, &g.of_article))
            );
        }
    }
}
