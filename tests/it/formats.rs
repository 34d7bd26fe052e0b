//! Web pages, JSON Lines exports and feeds, read through the built binary.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn articles(args: &[&str]) -> (Vec<Value>, String) {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .arg("articles")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        v["articles"].as_array().unwrap().clone(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The text of a loaded article, rebuilt from its sentences' offsets and `bytes`.
fn check_offsets(a: &Value) {
    let bytes = a["bytes"].as_u64().unwrap();
    for s in a["sentences"].as_array().unwrap() {
        assert!(s["start"].as_u64().unwrap() < s["end"].as_u64().unwrap());
        assert!(s["end"].as_u64().unwrap() <= bytes);
    }
}

#[test]
fn news_page_keeps_the_article_and_drops_the_page() {
    let page = fixtures().join("page.html");
    let (arts, _) = articles(&[page.to_str().unwrap()]);
    assert_eq!(arts.len(), 1);
    let a = &arts[0];
    assert_eq!(a["title"], "Harbour strike ends after nine days");
    assert_eq!(a["language"], "en");
    assert_eq!(a["meta"]["source"], "The Coastal Herald");
    assert_eq!(a["meta"]["author"], "Maria Lindqvist");
    assert_eq!(a["meta"]["date"], "2024-03-14T08:30:00Z");
    assert_eq!(a["meta"]["url"], "https://herald.example/harbour-strike");
    check_offsets(a);
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["entities", "--no-cache", page.to_str().unwrap()])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains('\u{1b}'));
}

#[test]
fn page_text_has_paragraphs_and_no_furniture_or_escape() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join("page.html"), dir.path().join("page.html")).unwrap();
    let corpus = recoupe::corpus::load_paths(&[dir.path().to_path_buf()], &Default::default());
    let a = &corpus.articles[0];
    assert!(a
        .text
        .starts_with("Harbour strike ends after nine days\n\nBy Maria Lindqvist\n\nDock workers"));
    for junk in [
        "tracking", "cookies", "Share on", "Related:", "Home", "color", "©", "pwned", "2J",
    ] {
        assert!(!a.text.contains(junk), "{junk} in {:?}", a.text);
    }
    assert!(a
        .text
        .contains("offshore & cost the port an estimated €12 million"));
    assert!(!a.text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn json_lines_with_a_broken_line_loads_the_rest() {
    let (arts, err) = articles(&[fixtures().join("export.jsonl").to_str().unwrap()]);
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0]["id"], "export-01");
    assert_eq!(arts[0]["title"], "Le port rouvre");
    assert_eq!(arts[0]["language"], "fr");
    assert_eq!(arts[0]["meta"]["source"], "La Gazette");
    assert_eq!(arts[1]["meta"]["source"], "Wire");
    assert_eq!(arts[1]["paragraphs"].as_array().unwrap().len(), 3);
    assert!(err.contains("export.jsonl: line 2: invalid JSON"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn rss_and_atom_items_become_articles() {
    let (arts, _) = articles(&[
        fixtures().join("wire.rss").to_str().unwrap(),
        fixtures().join("wire.atom").to_str().unwrap(),
    ]);
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0]["title"], "Strike over at Port Averne");
    assert_eq!(arts[0]["meta"]["source"], "Regional Wire");
    assert_eq!(arts[0]["language"], "en");
    assert_eq!(arts[0]["sentences"].as_array().unwrap().len(), 3);
    assert_eq!(arts[1]["meta"]["author"], "Sam Okafor");
    assert_eq!(arts[1]["meta"]["source"], "Atom Desk");
    let corpus = recoupe::corpus::load_paths(&[fixtures().join("wire.atom")], &Default::default());
    assert_eq!(
        corpus.articles[0].text,
        "Port reopens\n\nThe port reopened on Thursday.\n\nForty ships wait."
    );
}

#[test]
fn a_folder_walk_reads_every_known_format() {
    let (arts, _) = articles(&[fixtures().to_str().unwrap()]);
    assert_eq!(arts.len(), 5);
}

#[test]
fn dash_reads_one_article_from_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["articles", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Titre venu du tube\n\nUne phrase. Une autre.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["title"], "Titre venu du tube");
    assert_eq!(v["articles"][0]["sentences"].as_array().unwrap().len(), 3);
}
