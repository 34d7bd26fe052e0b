//! Prints one table of how recoupe scales with the number of articles, on folders of
//! generated articles (the seeded generator of `benches/support/generate.rs`, plus one
//! article of 1 MB) written once under the system's temporary folder:
//!
//! - cold analysis: entities and facts of the loaded corpus, cache empty; then the same
//!   corpus with one article more, which reads the others' own analyses from the cache
//!   (folders of at most `analysis::MAX_STORED_ARTICLES` articles have them);
//! - warm open, as the reader does it: the corpus index from the cache gives the list, the
//!   first frame is drawn (120×40, test backend) while the files are read again and the
//!   analysis is read from the cache in the background; timed to the first frame, to the
//!   text in and to the analysis in;
//! - warm open after one article was added to the folder: first frame, text in, the last
//!   analysis carried over to the articles shown, the new analysis in (a second table);
//! - peak memory of the process doing the warm open, and of the one doing the cold analysis;
//! - keystroke to frame, p50/p99 over repeated presses with the 1 MB article open: `j`
//!   (next sentence), `]` (next article reporting the fact), `/` search (each key of a word
//!   typed after `/`, then Enter: the search runs as it is typed), and `Enter` on an entity of the side panel (jump to its next mention).
//!
//! `cargo run --release --example scale -- 1000 10000 100000`
//! (`RAYON_NUM_THREADS=1` for one core). Each measure runs in its own process.

/// The program's allocator, so that what is measured here is what ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/generate.rs"]
mod generate;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use recoupe::analysis::{self, Lexicon, Progress};
use recoupe::cache::Cache;
use recoupe::corpus::{load_paths_stamped, Article, LoadProgress};
use recoupe::session::{index, Opening, Session};
use recoupe::tui::{warm, App, Focus};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn workdir(n: usize) -> PathBuf {
    std::env::temp_dir().join(format!("recoupe-scale-{n}"))
}

/// Writes the generated corpus of `n` articles and one of 1 MB, unless already written.
fn write_corpus(n: usize) -> PathBuf {
    let dir = workdir(n).join("articles");
    let done = workdir(n).join("written");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(workdir(n));
    let pool = generate::sentence_pool(Path::new(env!("CARGO_MANIFEST_DIR")));
    let corpus = generate::corpus(n, 42, &pool);
    for (i, a) in corpus.articles.iter().enumerate() {
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{}.txt", a.id)), &a.text).unwrap();
    }
    let mut big = String::from("Un article d'un mégaoctet\n\n");
    let mut k = 0;
    while big.len() < 1_000_000 {
        let src = &pool[k % pool.len()];
        big.push_str(&src[k % src.len()]);
        big.push_str(if k % 4 == 3 { "\n\n" } else { " " });
        k += 1;
    }
    std::fs::write(dir.join("0-big.txt"), big).unwrap();
    std::fs::write(done, "").unwrap();
    dir
}

/// Child: cold analysis of the folder, stored in an empty cache with the corpus index, as
/// a first open in the reader leaves them. Prints secs and peak MB.
fn cold(n: usize) {
    let dir = write_corpus(n);
    let opening = opening(n, &dir);
    let cache = opening.cache.clone().expect("a cache");
    let _ = cache.clear(&[
        analysis::stored::ANALYSES,
        analysis::ARTICLES,
        index::INDEXES,
    ]);
    let (corpus, stamps) =
        load_paths_stamped(&opening.paths, &opening.load, &LoadProgress::default());
    let t = Instant::now();
    let plain = Lexicon::default();
    let (a, outcome) = analysis::analyse_cached(&corpus, Some(&cache), &plain, &Progress::new());
    let secs = t.elapsed().as_secs_f64();
    assert!(!outcome.from_cache && outcome.warnings.is_empty());
    let key = index::key(&opening.paths, &opening.load).expect("an index key");
    index::store(&cache, &key, &corpus, stamps, &Default::default()).expect("index stored");
    let mb: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    let peak = peak_rss_mb();
    // The same folder with one more article: its own analysis is made, the others' read
    // (once the writer has written them).
    let t = Instant::now();
    assert!(recoupe::cache::finish_writes().is_none());
    let writes_secs = t.elapsed().as_secs_f64();
    let mut grown = corpus;
    let first = &grown.articles[0];
    let text = format!("{}\n\nUn paragraphe ajouté depuis.\n", first.text);
    let added = Article::new(
        "added".into(),
        first.title.clone(),
        "added".into(),
        text,
        first.meta.clone(),
    );
    grown.articles.push(added);
    let t = Instant::now();
    let (_, again) = analysis::analyse_cached(&grown, Some(&cache), &plain, &Progress::new());
    let added_secs = t.elapsed().as_secs_f64();
    if grown.articles.len() <= analysis::MAX_STORED_ARTICLES {
        assert_eq!((again.articles_made, again.articles_reused), (1, n + 1));
    }
    println!(
        "{:.1}\t{secs:.2}\t{peak:.0}\t{}\t{}\t{added_secs:.2}\t{writes_secs:.2}",
        mb as f64 / 1e6,
        a.entities.entities.len(),
        a.facts.facts.len()
    );
}

/// How the reader opens the generated folder, with the cache beside it.
fn opening(n: usize, dir: &Path) -> Opening {
    Opening {
        cache: Some(Cache::new(workdir(n).join("cache"))),
        warm: true,
        lowered: true,
        ..Opening::new(vec![dir.to_owned()])
    }
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| recoupe::tui::draw(f, app)).unwrap();
}

fn key(app: &mut App, code: KeyCode) {
    {
        let fx = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        app.perform(fx);
    }
}

/// Times `f` followed by a frame, `times` times, into `took`.
fn time_keys(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    times: usize,
    took: &mut Vec<Duration>,
    mut f: impl FnMut(&mut App),
) {
    for _ in 0..times {
        let t = Instant::now();
        f(app);
        draw(term, app);
        took.push(t.elapsed());
    }
}

/// p50 and p99, in milliseconds.
fn quantiles(mut took: Vec<Duration>) -> (f64, f64) {
    took.sort();
    let at = |q: f64| took[((took.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.99))
}

/// p50 and p99 of `f` followed by a frame, over `times` runs, in milliseconds.
fn keystroke(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    times: usize,
    f: impl FnMut(&mut App),
) -> (f64, f64) {
    let mut took = Vec::new();
    time_keys(app, term, times, &mut took, f);
    quantiles(took)
}

/// Child: warm open as the reader does it (the corpus index from the cache, the articles
/// and the analysis in the background), timed to the first frame, to the text in and to
/// the analysis in; then keystrokes on the 1 MB article.
/// When a warm open reached each step, in seconds from its start.
struct Opened {
    app: App,
    term: Terminal<TestBackend>,
    first_frame: f64,
    text_in: Option<f64>,
    /// The last analysis carried over to the articles, shown (a folder that changed).
    carried_in: Option<f64>,
    analysis_in: f64,
}

/// Opens `dir` a second time as the reader does, runs the reader's loop (a frame when
/// something moved) until the analysis is in, and times each step.
fn open_warm(n: usize, dir: &Path) -> Opened {
    let opening = opening(n, dir);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let t = Instant::now();
    let load = opening.load.clone();
    let mut session = Session::open(opening);
    let index = (session.take_index()).unwrap_or_else(|| panic!("run the cold open first"));
    let mut app = warm::preview(session, &index, load, None);
    app.resize(120, 40);
    draw(&mut term, &app);
    let first_frame = t.elapsed().as_secs_f64();
    let (mut text_in, mut carried_in) = (None, None);
    loop {
        std::thread::sleep(Duration::from_millis(5));
        if app.poll_loading() | app.poll_analysis() {
            draw(&mut term, &app);
        }
        let secs = Some(t.elapsed().as_secs_f64());
        if text_in.is_none() && !app.is_loading() {
            text_in = secs;
        }
        if carried_in.is_none() && app.analysing.as_ref().is_some_and(|a| a.carried.is_some()) {
            carried_in = secs;
        }
        if app.analysing.is_none() {
            let analysis_in = t.elapsed().as_secs_f64();
            return Opened {
                app,
                term,
                first_frame,
                text_in,
                carried_in,
                analysis_in,
            };
        }
    }
}

fn warm(n: usize) {
    let dir = write_corpus(n);
    let Opened {
        mut app,
        mut term,
        first_frame: open,
        text_in,
        analysis_in,
        ..
    } = open_warm(n, &dir);
    let text_in = text_in.unwrap_or(f64::NAN);
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.contains("read from the cache"),
        "not from the cache: {said}"
    );
    let corpus = Arc::clone(&app.corpus);

    let big = corpus.position("0-big").expect("the 1 MB article");
    app.open_article(big);
    app.set_focus(Focus::Reader);
    draw(&mut term, &app);
    let j = keystroke(&mut app, &mut term, 300, |app| key(app, KeyCode::Char('j')));
    let next = keystroke(&mut app, &mut term, 100, |app| {
        app.open_article(big);
        app.set_focus(Focus::Reader);
        key(app, KeyCode::Char('}'));
        key(app, KeyCode::Char(']'));
    });
    app.open_article(big);
    // Each key of `/publicité<Enter>` is one sample: the search runs as the word is typed.
    let mut took = Vec::new();
    for _ in 0..20 {
        let keys = std::iter::once(KeyCode::Char('/'))
            .chain("publicité".chars().map(KeyCode::Char))
            .chain([KeyCode::Enter]);
        for code in keys {
            time_keys(&mut app, &mut term, 1, &mut took, |app| key(app, code));
        }
    }
    let search = quantiles(took);
    app.set_focus(Focus::Side);
    let mention = keystroke(&mut app, &mut term, 100, |app| key(app, KeyCode::Enter));
    println!(
        "{open:.2}\t{text_in:.2}\t{analysis_in:.2}\t{:.0}\t{:.1}/{:.1}\t{:.1}/{:.1}\t{:.1}/{:.1}\t{:.1}/{:.1}",
        peak_rss_mb(),
        j.0,
        j.1,
        next.0,
        next.1,
        search.0,
        search.1,
        mention.0,
        mention.1
    );
}

/// Child: the warm open of the folder with one article more than at the last open, as the
/// reader does it. Prints the seconds to the first frame, to the text, to the last
/// analysis carried over to the articles, to the new analysis, and the peak MB.
fn changed(n: usize) {
    let dir = write_corpus(n);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("000"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let first = std::fs::read_to_string(&files[0]).unwrap();
    // A name and a text of its own each time: the folder differs from the one the index
    // describes, and from the one the last analysis was made for.
    let added = (dir.join("000")).join(format!("zz-added-{}.txt", std::process::id()));
    let line = format!("Un paragraphe ajouté depuis ({}).", std::process::id());
    std::fs::write(&added, format!("{first}\n\n{line}\n")).unwrap();
    let opened = open_warm(n, &dir);
    let _ = std::fs::remove_file(&added);
    let s = |x: Option<f64>| x.map_or("-".into(), |x| format!("{x:.2}"));
    println!(
        "{:.2}\t{}\t{}\t{:.2}\t{:.0}",
        opened.first_frame,
        s(opened.text_in),
        s(opened.carried_in),
        opened.analysis_in,
        peak_rss_mb()
    );
}

fn child(mode: &str, n: usize) -> Vec<String> {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("RECOUPE_SCALE", format!("{mode}:{n}"))
        .output()
        .expect("run child");
    if !out.status.success() {
        eprintln!("{mode} N={n}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let row = String::from_utf8_lossy(&out.stdout);
    row.trim().split('\t').map(str::to_owned).collect()
}

fn main() {
    if let Ok(spec) = std::env::var("RECOUPE_SCALE") {
        let (mode, n) = spec.split_once(':').expect("mode:n");
        let n = n.parse().expect("N");
        return match mode {
            "cold" => cold(n),
            "changed" => changed(n),
            _ => warm(n),
        };
    }
    let ns: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let ns = if ns.is_empty() { vec![1000, 10000] } else { ns };
    println!(
        "| articles | MB | cold analysis s | peak MB (cold) | one article added s | warm open: first frame s | text in s | analysis in s | peak MB (warm) | `j` ms p50/p99 | `]` ms | `/` search ms | entity jump ms | entities | facts |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut changes = Vec::new();
    for n in ns {
        let c = child("cold", n);
        let w = child("warm", n);
        if c.len() < 6 || w.len() < 8 {
            continue;
        }
        println!(
            "| {n} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c[0], c[1], c[2], c[5], w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], c[3], c[4]
        );
        let g = child("changed", n);
        if g.len() == 5 {
            changes.push(format!(
                "| {n} | {} | {} | {} | {} | {} |",
                g[0], g[1], g[2], g[3], g[4]
            ));
        }
    }
    println!();
    println!("Warm open after one article was added to the folder:");
    println!();
    println!("| articles | first frame s | text in s | last analysis shown s | new analysis in s | peak MB |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for row in changes {
        println!("{row}");
    }
}
