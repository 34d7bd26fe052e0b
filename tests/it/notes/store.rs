//! The store through its API: notes found again after reopening, unreadable files set
//! aside with one message, unknown fields kept.

use super::support::{article, corpus, sentence};
use recoupe::corpus::Corpus;
use recoupe::notes::{Anchor, Store};
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn a_note_is_found_again_at_the_same_passage_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let c = Corpus::bundled();
    let a = &c.articles[2];
    let span = a.structure.sentences[3].span;
    {
        let (mut store, warnings) = Store::open_for(dir.path(), &c).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let id = store.add(a, span, "Chiffre à vérifier").id.clone();
        store.set_tags(&id, &["chiffres".into(), "banques".into()]);
        store.set_position(&a.id, 3);
        store.save().unwrap();
    }
    let (store, warnings) = Store::open_for(dir.path(), &c).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let placed = store.notes_for(&c, 2);
    assert_eq!(placed.len(), 1);
    assert_eq!(placed[0].anchor, Anchor::Exact(span));
    assert_eq!(placed[0].note.target.quote.exact, sentence(a, 3));
    assert_eq!(placed[0].note.body, "Chiffre à vérifier");
    assert_eq!(placed[0].note.tags, ["chiffres", "banques"]);
    assert_eq!(store.position(), Some((a.id.as_str(), 3)));
    assert!(store.notes_for(&c, 0).is_empty());
}

/// Files in `dir` whose name starts with `prefix`.
fn named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    v.sort();
    v
}

fn a_valid_store(path: &Path) -> Vec<u8> {
    let a = article("a", "A", "Une phrase. Une autre.");
    let (mut s, _) = Store::open(path, "c").unwrap();
    s.add(&a, recoupe::text::Span::new(0, 11), "note");
    s.save().unwrap();
    fs::read(path).unwrap()
}

#[test]
fn an_unreadable_store_gives_one_message_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let good = a_valid_store(&dir.path().join("model.json"));
    let cases: [(&str, Vec<u8>); 5] = [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("garbage", b"\x00\x9b\xff not json at all \x1b[2J".to_vec()),
        (
            "newer",
            br#"{"schema": 2, "corpus": "c", "notes": []}"#.to_vec(),
        ),
        ("unversioned", br#"{"corpus": "c", "notes": []}"#.to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.json"));
        fs::write(&path, &bytes).unwrap();
        let (mut store, warnings) = Store::open(&path, "c").unwrap();
        assert_eq!(warnings.len(), 1, "{name}: {warnings:?}");
        let line = warnings[0].to_string();
        assert!(
            !line.contains('\n') && line.contains("could not be read"),
            "{line}"
        );
        assert!(line.chars().all(|c| !c.is_control()), "{line:?}");
        assert!(store.notes().is_empty());
        // Reading moves nothing: a read-only command leaves the file as it is.
        assert_eq!(fs::read(&path).unwrap(), bytes, "{name}: left as is");
        assert!(named(dir.path(), &format!("{name}.json.corrupt-")).is_empty());
        // The first save keeps the file aside, whole, and says where.
        store.set_position("a", 0);
        let saved = store.save().unwrap();
        let aside = named(dir.path(), &format!("{name}.json.corrupt-"));
        assert_eq!(aside.len(), 1, "{name}");
        assert_eq!(
            fs::read(&aside[0]).unwrap(),
            bytes,
            "{name}: original kept as is"
        );
        assert_eq!(saved.len(), 1, "{name}: {saved:?}");
        let said = saved[0].to_string();
        assert!(
            said.contains(&*aside[0].file_name().unwrap().to_string_lossy()),
            "{said}"
        );
        // The session goes on with a new store, and the kept file is left alone.
        let (_, again) = Store::open(&path, "c").unwrap();
        assert!(again.is_empty(), "{name}: {again:?}");
        assert_eq!(fs::read(&aside[0]).unwrap(), bytes);
    }
}

#[test]
fn a_store_spoiled_while_open_is_set_aside_at_save_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let a = article("a", "A", "Une phrase. Une autre.");
    let (mut s, _) = Store::open(&path, "c").unwrap();
    s.add(&a, recoupe::text::Span::new(0, 11), "un");
    s.save().unwrap();
    fs::write(&path, "{\"schema\": 1, \"cor").unwrap();
    s.add(&a, recoupe::text::Span::new(12, 22), "deux");
    let warnings = s.save().unwrap();
    assert_eq!(warnings.len(), 1);
    let (reopened, w) = Store::open(&path, "c").unwrap();
    assert!(w.is_empty());
    assert_eq!(reopened.notes().len(), 2);
    assert_eq!(named(dir.path(), "s.json.corrupt-").len(), 1);
}

#[test]
fn fields_from_a_newer_version_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/notes/store-v1-extra.json"
    );
    fs::copy(fixture, &path).unwrap();
    let c = corpus(vec![article(
        "a",
        "A",
        "Une phrase. Une autre phrase, plus longue.",
    )]);
    let (mut s, w) = Store::open(&path, "c").unwrap();
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s.notes().len(), 1);
    assert_eq!(
        s.notes_for(&c, 0)[0].anchor,
        Anchor::Exact(recoupe::text::Span::new(12, 42))
    );
    s.add(&c.articles[0], recoupe::text::Span::new(0, 11), "nouvelle");
    s.set_position("a", 1);
    s.save().unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["sync"]["remote"], "https://example.org/notes");
    assert_eq!(saved["notes"][0]["highlight_style"], "underline");
    assert_eq!(saved["state"]["scroll"], 12);
    assert_eq!(saved["notes"].as_array().unwrap().len(), 2);
    assert!(s.backup_path().exists(), "previous version kept as .bak");
}
