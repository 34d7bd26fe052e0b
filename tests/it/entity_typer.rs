//! The learned typer of names: training gives the same weights from the same data, a name
//! no list knows is typed by its context, and the strict scores on the public test sets
//! (`../shared/ner`, beside the checkout) stay above their floors. The tests that need the
//! data are skipped, with a message, when it is not there.

use crate::{ner, train};

use recoupe::corpus::{Article, Corpus, Meta};
use recoupe::entities::learn::{typer, Model};
use recoupe::entities::{analyse, Kind};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ner");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: no shared/ner folder beside the checkout");
        None
    }
}

fn corpus(texts: &[&str]) -> Corpus {
    let articles = (texts.iter().enumerate())
        .map(|(i, t)| {
            let id = format!("a{i}");
            Article::new(id.clone(), id.clone(), id, (*t).into(), Meta::default())
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

fn kind_of(texts: &[&str], name: &str) -> Option<Kind> {
    let e = analyse(&corpus(texts));
    let found = e.entities.iter().find(|x| x.name == name).map(|x| x.kind);
    if found.is_none() {
        let names: Vec<_> = e.entities.iter().map(|x| (&x.name, x.kind)).collect();
        println!("{name} not among {names:?}");
    }
    found
}

#[test]
fn training_is_reproducible() {
    let Some(dir) = data() else { return };
    let files = ["fr/sequoia-9.2.train.conllu", "en/uner-en-ewt.dev.iob2"];
    let hash = || {
        let samples = train::samples(&dir, &files, 150).expect("training data reads");
        assert!(samples.len() > 100, "{} samples", samples.len());
        let w = typer::train(&samples, 3, 7);
        Sha256::digest(Model::quantise(&w).to_bytes())
    };
    assert_eq!(hash(), hash());
}

#[test]
fn test_sets_are_never_learnt_from() {
    let dir = Path::new("nowhere");
    for f in ["en/uner-en-pud.test.iob2", "fr/sequoia-9.2.test.conllu"] {
        assert!(train::samples(dir, &[f], 10).is_err());
        assert!(!train::FILES.iter().any(|x| train::is_held_out(x)));
    }
}

#[test]
fn unseen_people_are_typed_by_their_context() {
    let text = "The ferry sank off the island on Sunday. \"We found twelve survivors,\" said \
                Wilfredo Tamayo, a coast guard commander. Tamayo said the search would go on.";
    assert_eq!(kind_of(&[text], "Wilfredo Tamayo"), Some(Kind::Per));
}

#[test]
fn places_by_context_and_lists() {
    let text = "The ferry had left the port of Manila on Saturday with 80 passengers. \
                Rescuers in Manila said the search would resume at dawn.";
    assert_eq!(kind_of(&[text], "Manila"), Some(Kind::Loc));
}

/// Typed F1 of recoupe on a public test set.
fn typed_f1(file: &str) -> Option<f64> {
    let dir = data()?;
    let sentences = ner::read(&dir.join(file)).expect("test set reads");
    let built = ner::build(&sentences, 20);
    let s = ner::score(&built, &ner::recoupe_names(&built));
    println!("{}", ner::line(file, &s));
    Some(s.typed.f1())
}

#[test]
fn public_test_floors() {
    // Measured with `cargo run --release --example ner_eval -- FILE` (README), minus 0.03.
    if let Some(f) = typed_f1("en/uner-en-pud.test.iob2") {
        assert!(f >= FLOOR_EN, "typed F1 {f:.3} on UNER English PUD");
    }
    if let Some(f) = typed_f1("fr/sequoia-9.2.test.conllu") {
        assert!(f >= FLOOR_FR, "typed F1 {f:.3} on Sequoia test");
    }
}

const FLOOR_EN: f64 = 0.579;
const FLOOR_FR: f64 = 0.652;
