//! Stories found in mixed collections, through the built binary: the shared dev set of
//! English news (ECB+, two events of the same kind per topic) and a collection made of every
//! fixture story of both languages (`tests/fixtures/grouping/README.md`), each judged by
//! B-cubed F1 against its labels; a collection of one story is one story; the ids of
//! `stories --json` are those of `articles --json`; facts never join two stories.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn recoupe(args: &[&str], paths: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .args(paths)
        .output()
        .expect("run recoupe")
}

fn json(args: &[&str], paths: &[PathBuf]) -> Value {
    let out = recoupe(args, paths);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Every fixture folder that tells one story, and its name.
fn fixture_stories() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let stories = root().join("tests/fixtures/stories");
    for e in std::fs::read_dir(&stories).unwrap() {
        let p = e.unwrap().path().join("articles");
        if p.is_dir() {
            out.push((name_of(p.parent().unwrap()), p));
        }
    }
    for parent in ["tests/fixtures/facts", "tests/fixtures/grouping"] {
        for e in std::fs::read_dir(root().join(parent)).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.push((name_of(&p), p));
            }
        }
    }
    out.push(("seeds".into(), root().join("seeds")));
    out.sort();
    out
}

fn name_of(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// B-cubed F1 of the stories of `stories --json` against `gold` (article id to story).
fn bcubed(gold: &HashMap<String, String>, stories: &Value) -> f64 {
    let mut pred: HashMap<&str, usize> = HashMap::new();
    for (i, s) in stories["stories"].as_array().unwrap().iter().enumerate() {
        for a in s["articles"].as_array().unwrap() {
            assert!(pred.insert(a.as_str().unwrap(), i).is_none(), "{a} twice");
        }
    }
    let n = gold.len() as f64;
    let mut pairs: HashMap<(&str, usize), f64> = HashMap::new();
    let (mut gs, mut ps): (HashMap<&str, f64>, HashMap<usize, f64>) = Default::default();
    for (a, g) in gold {
        let p = pred[a.as_str()];
        *pairs.entry((g, p)).or_default() += 1.0;
        *gs.entry(g).or_default() += 1.0;
        *ps.entry(p).or_default() += 1.0;
    }
    let p: f64 = pairs.iter().map(|((_, q), c)| c * c / ps[q]).sum::<f64>() / n;
    let r: f64 = pairs.iter().map(|((g, _), c)| c * c / gs[g]).sum::<f64>() / n;
    2.0 * p * r / (p + r)
}

/// The mixed collection: its paths and each article's story, by the ids `articles --json`
/// gives.
fn mixed() -> (Vec<PathBuf>, HashMap<String, String>) {
    let folders = fixture_stories();
    let paths: Vec<PathBuf> = folders.iter().map(|(_, p)| p.clone()).collect();
    let articles = json(&["articles", "--json"], &paths);
    let mut gold = HashMap::new();
    for a in articles["articles"].as_array().unwrap() {
        let path = Path::new(a["path"].as_str().unwrap());
        let (name, _) = (folders.iter())
            .find(|(_, f)| path.starts_with(f))
            .unwrap_or_else(|| panic!("story of {a}"));
        gold.insert(a["id"].as_str().unwrap().to_owned(), name.clone());
    }
    (paths, gold)
}

#[test]
fn fixture_stories_of_both_languages_are_found_together() {
    let (paths, gold) = mixed();
    assert!(gold.len() >= 40, "{} articles", gold.len());
    let stories = json(&["stories", "--json", "--no-cache"], &paths);
    let f = bcubed(&gold, &stories);
    println!("fixture collection: B-cubed F1 {f:.3}");
    // Measured 0.968 (README); the floor is 0.95.
    assert!(f >= 0.95, "B-cubed F1 {f:.3}");
}

#[test]
fn dev_set_stories_are_found() {
    let dir = root().join("../shared/eval/stories");
    let Ok(labels) = std::fs::read_to_string(dir.join("ecbplus-dev.labels.json")) else {
        println!("skipped: no shared/eval/stories beside the checkout");
        return;
    };
    let gold: HashMap<String, String> = serde_json::from_str(&labels).unwrap();
    let stories = json(
        &["stories", "--json", "--no-cache"],
        &[dir.join("ecbplus-dev")],
    );
    let f = bcubed(&gold, &stories);
    println!("ecbplus-dev: B-cubed F1 {f:.3}");
    // Measured 0.953 (README); the floor is 0.05 below.
    assert!(f >= 0.90, "B-cubed F1 {f:.3}");
}

#[test]
fn a_collection_of_one_story_is_one_story() {
    for (name, path) in fixture_stories() {
        let stories = json(&["stories", "--json", "--no-cache"], &[path]);
        let list = stories["stories"].as_array().unwrap();
        assert_eq!(list[0]["id"], "s1");
        assert_eq!(list.len(), 1, "{name}: {stories}");
    }
}

#[test]
fn story_ids_are_article_ids_and_facts_stay_in_their_story() {
    let (paths, _) = mixed();
    let articles = json(&["articles", "--json"], &paths);
    let ids: BTreeSet<&str> = (articles["articles"].as_array().unwrap().iter())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let stories = json(&["stories", "--json", "--no-cache"], &paths);
    let mut story_of = HashMap::new();
    for s in stories["stories"].as_array().unwrap() {
        for a in s["articles"].as_array().unwrap() {
            story_of.insert(a.as_str().unwrap().to_owned(), s["id"].as_str().unwrap());
        }
        assert!(!s["label"].as_str().unwrap().is_empty());
    }
    let listed: BTreeSet<&str> = story_of.keys().map(String::as_str).collect();
    assert_eq!(listed, ids);
    let facts = json(&["facts", "--json", "--no-cache"], &paths);
    let facts = facts["facts"].as_array().unwrap();
    assert!(facts.len() > 50, "{} facts", facts.len());
    for f in facts {
        let story = f["story"].as_str().unwrap();
        for p in f["passages"].as_array().unwrap() {
            assert_eq!(story_of[p["article"].as_str().unwrap()], story, "{f}");
        }
    }
    // One story's facts, with the ids they have in the whole list.
    let one = json(&["facts", "--json", "--no-cache", "--story", "s2"], &paths);
    let one = one["facts"].as_array().unwrap();
    let expected: Vec<&Value> = facts.iter().filter(|f| f["story"] == "s2").collect();
    assert!(!one.is_empty());
    assert_eq!(one.iter().collect::<Vec<_>>(), expected);
    // Its entities are named in its articles only.
    let entities = json(
        &["entities", "--json", "--no-cache", "--story", "s2"],
        &paths,
    );
    for e in entities["entities"].as_array().unwrap() {
        let mentions = e["mentions"].as_array().unwrap();
        assert!(!mentions.is_empty());
        for m in mentions {
            assert_eq!(story_of[m["article"].as_str().unwrap()], "s2");
        }
    }
    // Sources: text is shared inside a story only, and `--story` keeps one story's.
    let sources = json(&["sources", "--json", "--no-cache"], &paths);
    for p in sources["reuse"]["pairs"].as_array().unwrap() {
        let (a, b) = (p["a"].as_str().unwrap(), p["b"].as_str().unwrap());
        assert_eq!(story_of[a], story_of[b], "{p}");
        assert_eq!(p["story"].as_str(), Some(story_of[a]), "{p}");
    }
    let one = json(
        &["sources", "--json", "--no-cache", "--story", "s2"],
        &paths,
    );
    let attributed = one["attributions"].as_array().unwrap();
    assert!(!attributed.is_empty());
    for a in attributed {
        assert_eq!(story_of[a["article"].as_str().unwrap()], "s2", "{a}");
    }
    for a in one["reuse"]["articles"].as_array().unwrap() {
        assert_eq!(a["story"], "s2", "{a}");
    }
}

#[test]
fn an_unknown_story_is_a_one_line_error() {
    let out = recoupe(
        &["facts", "--json", "--no-cache", "--story", "s99"],
        &[root().join("seeds")],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no story 's99'") && err.contains("1 story"),
        "{err}"
    );
}
