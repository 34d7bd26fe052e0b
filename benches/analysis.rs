//! Analysis throughput: entity recognition and resolution on a corpus of more than 10 MB,
//! the start-up cost of the word lists, and fact linking on generated corpora of 1,000 and
//! 10,000 articles. Each benchmark asserts the size of what it produced.
//!
//! Entities are measured on one core with `RAYON_NUM_THREADS=1 cargo bench --bench analysis
//! -- entities` (the benchmark name says how many threads ran); leave the variable out to
//! use every core. They are timed twice: in wall time, and in processor time, which stays
//! fair when other work shares the machine.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod support;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn entities(c: &mut Criterion) {
    recognise_and_resolve(c, "");
    let mut g = c.benchmark_group("entities");
    g.bench_function("start-up: parse the embedded word lists", |b| {
        b.iter(|| {
            let lists = recoupe::entities::gazetteer::parse_embedded();
            assert!(lists.known.len() > 900);
            black_box(lists)
        })
    });
    g.bench_function(
        "start-up: read the typer's weights and open name lists",
        |b| {
            use recoupe::entities::open_lists::{List, Lists};
            b.iter(|| {
                let model = recoupe::entities::typer::Model::embedded().expect("shipped weights");
                let lists = Lists::embedded();
                assert!(lists.len(List::Place) > 100_000);
                black_box((model, lists))
            })
        },
    );
    g.finish();
}

/// The same measure in processor time, which other work on the machine barely changes.
fn entities_cpu(c: &mut Criterion<CpuTime>) {
    recognise_and_resolve(c, ", processor time");
}

fn recognise_and_resolve<M: Measurement<Value = Duration>>(c: &mut Criterion<M>, what: &str) {
    let pool = support::generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = support::generate::corpus(5300, 3, &pool);
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    assert!(bytes > 10_000_000, "{bytes}");
    let threads = rayon::current_num_threads();
    let mut g = c.benchmark_group("entities");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(bytes as u64));
    let name = format!(
        "recognise+resolve {:.1} MB, {threads} thread(s){what}",
        bytes as f64 / 1e6
    );
    g.bench_function(name, |b| {
        b.iter(|| {
            let e = recoupe::entities::analyse(&corpus);
            assert!(e.entities.len() > 30_000 && e.mentions.len() > 150_000);
            black_box(e)
        })
    });
    g.finish();
}

/// Processor time of the whole process (all its threads), where the operating system
/// gives it; wall time elsewhere.
struct CpuTime;

#[cfg(unix)]
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

#[cfg(not(unix))]
fn cpu_now() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

impl Measurement for CpuTime {
    type Intermediate = Duration;
    type Value = Duration;
    fn start(&self) -> Duration {
        cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        cpu_now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, d: &Duration) -> f64 {
        d.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
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
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = entities_cpu
}
criterion_main!(benches, cpu);
