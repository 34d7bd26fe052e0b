//! Times the grouping of generated articles into stories, for the README's table:
//! `cargo run --release --example stories_scale -- 1000 10000 100000`.
//!
//! Each size is a corpus of the seeded generator (`benches/support/generate.rs`): about 60 %
//! of its articles are stories told by three to eight outlets, the rest stand alone, so a
//! corpus of n articles holds about n / 6 stories. The sentence features the grouping reads
//! are made first (without entity recognition, whose cost the scale example measures); the
//! time reported is that of [`recoupe::stories::cluster`] alone, and the B-cubed F1 against
//! the generator's own stories is printed so that the figure measures a working grouping.
//! The processor time of the grouping (both cores' together) says how far a busy machine
//! slowed the wall-clock figure; the time of each step of the grouping follows the table.
//! Peak memory is that of the whole process. Each size runs in a process of its own.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/bcubed.rs"]
mod bcubed;
#[path = "../benches/support/generate.rs"]
mod generate;

use bcubed::bcubed_f1 as bcubed;

use recoupe::entities::Entities;
use recoupe::stories::{Phases, PARAMS};
use std::path::Path;
use std::time::Instant;

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    (status.lines())
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Processor time of the whole process so far (user and system, all threads), in seconds:
/// `/proc/self/stat` counts it in hundredths of a second.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    // utime and stime are the 14th and 15th fields, the 12th and 13th after the name.
    ticks(11)
        .zip(ticks(12))
        .map_or(f64::NAN, |(u, s)| (u + s) / 100.0)
}

fn run(n: usize) {
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = generate::corpus(n, 42, &pool);
    // Articles "s000012-3" belong to story 12; "b000013" stand alone.
    let gold: Vec<String> = (corpus.articles.iter())
        .map(|a| a.id.split('-').next().unwrap_or(&a.id).to_owned())
        .collect();
    let features =
        recoupe::facts::features::extract(&corpus, &Entities::default(), &Default::default(), None);
    let mut phases = Phases::default();
    let (start, cpu) = (Instant::now(), cpu_secs());
    let stories = recoupe::stories::cluster_timed(&corpus, &features, &PARAMS, &mut phases);
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu;
    assert_eq!(stories.of_article.len(), n);
    let mut distinct = gold.clone();
    distinct.sort();
    distinct.dedup();
    println!(
        "| {n} | {} | {} | {secs:.2} | {cpu:.2} | {:.0} | {:.3} |",
        distinct.len(),
        stories.stories.len(),
        peak_rss_mb(),
        bcubed(&gold, &stories.of_article)
    );
    let steps: Vec<String> = (phases.0.iter())
        .map(|(name, d)| format!("{name} {:.2}", d.as_secs_f64()))
        .collect();
    println!("steps at {n} (s): {}", steps.join(", "));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, n] = args.as_slice() {
        if mode == "--child" {
            run(n.parse().expect("a number of articles"));
            return;
        }
    }
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1000, 10_000]
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    };
    println!(
        "| articles | stories made | stories found | grouping s | processor s | peak MB | B-cubed F1 |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let exe = std::env::current_exe().expect("the example's path");
    let mut steps = Vec::new();
    for n in sizes {
        let out = std::process::Command::new(&exe)
            .args(["--child", &n.to_string()])
            .output()
            .expect("the example runs");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            match line.starts_with('|') {
                true => println!("{line}"),
                false => steps.push(line.to_owned()),
            }
        }
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
    }
    println!();
    for line in steps {
        println!("{line}");
    }
}
