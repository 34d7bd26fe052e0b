//! Entity recognition and resolution scored by the shared evaluation script: on the bundled
//! seeds against their hand annotation, and on this crate's own marked-up articles in
//! French and English on other topics. Skipped, with a message, when python3 or the shared
//! evaluation folder is missing.

use recoupe::corpus::{load_paths, Corpus, LoadOptions};
use recoupe::entities::{analyse, markup, to_json};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The shared evaluation folder: `../shared/eval` beside the checkout.
fn eval_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    dir.join("score.py").is_file().then_some(dir)
}

fn python() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the scorer on a corpus folder, a gold file and the entities of `corpus`.
fn score(eval: &Path, gold: &Path, dir: &Path, corpus: &Corpus, out: &Path) -> Value {
    let entities = analyse(corpus);
    let file = out.join("entities.json");
    std::fs::write(&file, to_json(corpus, &entities).to_string()).unwrap();
    if let Ok(keep) = std::env::var("RECOUPE_KEEP_ENTITIES") {
        std::fs::copy(&file, keep).unwrap();
    }
    let run = Command::new("python3")
        .arg(eval.join("score.py"))
        .arg("--gold")
        .arg(gold)
        .arg("--corpus")
        .arg(dir)
        .arg("--entities")
        .arg(&file)
        .arg("--json")
        .output()
        .expect("python3 runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = String::from_utf8(run.stdout).unwrap();
    println!("{text}");
    serde_json::from_str::<Value>(&text).unwrap()["entities"].clone()
}

fn f1(v: &Value, key: &str) -> f64 {
    v[key][2].as_f64().unwrap()
}

fn setup() -> Option<PathBuf> {
    if !python() {
        println!("skipped: python3 is not available");
        return None;
    }
    let dir = eval_dir();
    if dir.is_none() {
        println!("skipped: no shared/eval folder beside the checkout");
    }
    dir
}

#[test]
fn seeds_meet_the_targets() {
    let Some(eval) = setup() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let s = score(
        &eval,
        &eval.join("seeds-gold.json"),
        &seeds,
        &Corpus::bundled(),
        tmp.path(),
    );
    assert!(f1(&s, "entities_prf") >= 0.97, "entity F1: {s}");
    assert!(
        f1(&s, "mentions_strict_prf") >= 0.96,
        "strict mention F1: {s}"
    );
    assert!(
        s["kind_accuracy"].as_f64().unwrap() >= 0.95,
        "kind accuracy: {s}"
    );
    assert!(f1(&s, "alias_b3_prf") >= 0.97, "alias B-cubed F1: {s}");
    assert!(s["spurious_count"].as_u64().unwrap() <= 2, "spurious: {s}");
    assert_eq!(s["bad_offsets"], 0);
}

/// Aliases, kinds and mentions of one gold entity.
type GoldEntity = (Vec<String>, Vec<String>, Vec<Value>);

/// Writes the marked-up fixture articles as plain files and their gold annotation in the
/// scorer's format (character offsets, one entity per marked name).
fn write_fixtures(src: &Path, dir: &Path) -> PathBuf {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut entities: BTreeMap<String, GoldEntity> = BTreeMap::new();
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let (text, marks) = markup::parse(&std::fs::read_to_string(&f).unwrap());
        std::fs::write(articles.join(format!("{stem}.txt")), &text).unwrap();
        for m in marks.iter().filter(|m| !m.kind.is_figure()) {
            let shown = &text[m.span.range()];
            let chars = |b: usize| text[..b].chars().count();
            let e = entities.entry(m.entity.clone()).or_default();
            for name in [shown.to_owned(), m.entity.clone()] {
                if !e.0.contains(&name) {
                    e.0.push(name);
                }
            }
            let label = m.kind.label().to_owned();
            if !e.1.contains(&label) {
                e.1.push(label);
            }
            e.2.push(json!({"article": stem, "start": chars(m.span.start),
                "end": chars(m.span.end), "text": shown}));
        }
    }
    let list: Vec<Value> = entities
        .into_iter()
        .map(|(name, (aliases, kinds, mentions))| {
            json!({"name": name, "aliases": aliases, "kinds": kinds, "mentions": mentions})
        })
        .collect();
    let gold = dir.join("gold.json");
    std::fs::write(&gold, json!({"entities": list, "neutral": []}).to_string()).unwrap();
    gold
}

#[test]
fn own_fixtures_in_french_and_english() {
    let Some(eval) = setup() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/entities");
    let gold = write_fixtures(&src, tmp.path());
    let dir = tmp.path().join("articles");
    let corpus = load_paths(std::slice::from_ref(&dir), &LoadOptions::default());
    assert!(corpus.articles.len() >= 4);
    assert!(corpus.articles.iter().any(|a| a.language.is_english()));
    let s = score(&eval, &gold, &dir, &corpus, tmp.path());
    assert!(f1(&s, "entities_prf") >= 0.9, "entity F1: {s}");
    assert!(
        f1(&s, "mentions_strict_prf") >= 0.9,
        "strict mention F1: {s}"
    );
    assert!(
        s["kind_accuracy"].as_f64().unwrap() >= 0.9,
        "kind accuracy: {s}"
    );
    assert!(f1(&s, "alias_b3_prf") >= 0.95, "alias B-cubed F1: {s}");
    assert_eq!(s["bad_offsets"], 0);
}

#[test]
#[ignore = "writes the seeds' entities to $RECOUPE_DUMP for inspection"]
fn dump_seeds() {
    let corpus = Corpus::bundled();
    let v = to_json(&corpus, &analyse(&corpus));
    let path = std::env::var("RECOUPE_DUMP").unwrap_or_else(|_| "/tmp/seeds-entities.json".into());
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

#[test]
#[ignore = "throughput check: run with --release --ignored --nocapture"]
fn throughput_on_ten_megabytes() {
    use recoupe::corpus::{Article, Meta};
    let t = std::time::Instant::now();
    let g = recoupe::entities::gazetteer::builtin();
    println!(
        "gazetteer: {} entries parsed in {:.2} ms",
        g.known.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let seeds = Corpus::bundled();
    let mut corpus = Corpus::default();
    let mut bytes = 0;
    let mut n = 0;
    while bytes < 10_000_000 {
        for a in &seeds.articles {
            // Vary one name per copy so resolution sees a growing vocabulary.
            let text = format!("{}\n\nLa société Nordale{n} a répondu.", a.text);
            bytes += text.len();
            corpus.articles.push(Article::new(
                format!("a{n}"),
                String::new(),
                String::new(),
                text,
                Meta::default(),
            ));
            n += 1;
        }
    }
    let t = std::time::Instant::now();
    let e = analyse(&corpus);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{n} articles, {:.1} MB, {} mentions, {} entities: {secs:.2} s, {:.1} MB/s",
        bytes as f64 / 1e6,
        e.mentions.len(),
        e.entities.len(),
        bytes as f64 / 1e6 / secs
    );
    assert!(e.mentions.len() > n * 20);
}
