//! Exports: the Markdown snapshot, the JSON round trip through import, and the W3C
//! collection checked against the Web Annotation model's required fields.

use super::support::{article, corpus, span_of};
use recoupe::analysis::Analysis;
use recoupe::corpus::Corpus;
use recoupe::entities::{Entities, Entity, Kind, Mention};
use recoupe::facts::{Discrepancy, Fact, Facts, FigureValue, Passage};
use recoupe::notes::{
    export_json, export_markdown_at, export_w3c_at, import_json, write_export_file, Store,
};
use serde_json::Value;

const A: &str = "Facebook et les banques\n\nFacebook a demandé aux banques américaines les données de leurs clients. Messenger compte 1,3 milliard d'utilisateurs.\n\nJPMorgan Chase a refusé.\n";
const B: &str = "Le réseau social et la finance\n\nSelon le Wall Street Journal, Facebook a approché plusieurs banques. Messenger revendique 1,2 milliard d'utilisateurs actifs.\n";

fn two_articles() -> Corpus {
    corpus(vec![
        article("le-monde", "Facebook et les banques", A),
        article("la-tribune", "Le réseau social \u{1b}[31met la finance", B),
    ])
}

fn sentence_index(c: &Corpus, article: usize, needle: &str) -> usize {
    let a = &c.articles[article];
    let at = a.text.find(needle).unwrap();
    a.structure.sentence_at(at).unwrap()
}

fn passage(c: &Corpus, article: usize, needle: &str) -> Passage {
    let sentence = sentence_index(c, article, needle);
    Passage {
        article,
        sentence,
        span: c.articles[article].structure.sentences[sentence].span,
    }
}

fn mention(c: &Corpus, article: usize, needle: &str, entity: usize) -> Mention {
    Mention::new(article, span_of(&c.articles[article].text, needle), entity)
}

/// A hand-built analysis: two entities, one fact linking the Messenger sentences of both
/// articles with a disagreement on the number of users.
fn analysis(c: &Corpus) -> Analysis {
    let entity = |name: &str, kind| Entity {
        name: name.into(),
        kind,
        aliases: vec![],
        value: None,
        unit: None,
        kind_reason: String::new(),
    };
    let users = |article, needle: &str, value| FigureValue {
        article,
        span: span_of(&c.articles[article].text, needle),
        value,
        unit: "users".into(),
        approximate: false,
    };
    let mut entities = Entities {
        entities: vec![
            entity("Messenger", Kind::Product),
            entity("Facebook", Kind::Org),
        ],
        mentions: vec![
            mention(c, 0, "Messenger", 0),
            mention(c, 0, "Facebook a", 1),
            mention(c, 1, "Messenger", 0),
        ],
    };
    entities
        .mentions
        .sort_by_key(|m| (m.article(), m.span().start));
    let fact = Fact {
        label: "Messenger users".into(),
        passages: vec![
            passage(c, 0, "Messenger compte"),
            passage(c, 1, "Messenger revendique"),
        ],
        discrepancies: vec![Discrepancy {
            kind: Kind::Quantity,
            values: vec![
                users(0, "1,3 milliard d'utilisateurs", 1.3e9),
                users(1, "1,2 milliard d'utilisateurs", 1.2e9),
            ],
            measure: "users".into(),
        }],
    };
    let mut facts = Facts {
        facts: vec![fact],
        by_sentence: Default::default(),
    };
    for p in facts.facts[0].passages.clone() {
        facts.by_sentence.insert((p.article, p.sentence), vec![0]);
    }
    Analysis {
        entities,
        facts,
        ..Analysis::default()
    }
}

/// A store with: a tagged note on the Messenger sentence, a bare highlight, a note made on
/// text since deleted (orphan), and a note on an article not in the corpus.
fn store_with_notes(dir: &std::path::Path, c: &Corpus) -> Store {
    let (mut s, _) = Store::open(dir.join("s.json"), &c.fingerprint()).unwrap();
    let a = &c.articles[0];
    let id = s
        .add(
            a,
            a.structure.sentences[sentence_index(c, 0, "Messenger compte")].span,
            "Chiffre différent chez La Tribune.\u{1b}]0;pwn\u{7}\nÀ vérifier.",
        )
        .id
        .clone();
    s.set_tags(&id, &["chiffres".into(), "messenger".into()]);
    s.add(a, span_of(&a.text, "JPMorgan Chase a refusé."), "");
    let gone = article(
        "le-monde",
        "Facebook et les banques",
        &format!("{A}Une phrase retirée depuis.\n"),
    );
    s.add(
        &gone,
        span_of(&gone.text, "Une phrase retirée depuis."),
        "Orpheline.\n# pas un titre",
    );
    let elsewhere = article("autre", "Un article absent", "Texte d'un autre article.");
    s.add(&elsewhere, span_of(&elsewhere.text, "Texte"), "Ailleurs.");
    s
}

#[test]
fn markdown_export_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let c = two_articles();
    let store = store_with_notes(dir.path(), &c);
    let a = analysis(&c);
    let sources = recoupe::sources::analyse(&c, &a.entities, &a.facts, &a.stories);
    let md = export_markdown_at(
        &c,
        &a.entities,
        &a.facts,
        &sources,
        store.notes(),
        "2026-05-04T12:00:00.000000Z",
    );
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'));
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("notes_markdown_export", md);
    });
}

#[test]
fn json_export_round_trips_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let c = two_articles();
    let store = store_with_notes(dir.path(), &c);
    let json = export_json(store.data());
    let file = write_export_file(dir.path(), "notes.json", &json).unwrap();

    let other = tempfile::tempdir().unwrap();
    let (mut fresh, _) = Store::open(other.path().join("s.json"), &c.fingerprint()).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(import_json(&mut fresh, &bytes).unwrap(), 4);
    assert_eq!(
        import_json(&mut fresh, &bytes).unwrap(),
        0,
        "importing twice adds nothing"
    );
    fresh.save().unwrap();
    let (reopened, _) = Store::open(other.path().join("s.json"), &c.fingerprint()).unwrap();
    let clean = |s: &Store| {
        let mut v: Vec<_> = s
            .notes()
            .iter()
            .map(|n| {
                (
                    n.id.clone(),
                    n.body.replace(['\u{1b}', '\u{7}'], ""),
                    n.tags.clone(),
                    n.target.clone(),
                )
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    let (mut want, got) = (clean(&store), clean(&reopened));
    for w in &mut want {
        w.1 = w.1.replace("]0;pwn", "");
    }
    assert_eq!(got, want);
    assert!(import_json(&mut fresh, b"{\"schema\": 9}").is_err());
}

#[test]
fn an_import_brings_back_a_note_deleted_since_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let c = two_articles();
    let mut store = store_with_notes(dir.path(), &c);
    let json = export_json(store.data());
    let id = store.notes()[0].id.clone();
    store.delete(&id).unwrap();
    store.save().unwrap();
    assert_eq!(import_json(&mut store, json.as_bytes()).unwrap(), 1);
    store.save().unwrap();
    let (reopened, _) = Store::open(store.path(), &c.fingerprint()).unwrap();
    assert!(reopened.get(&id).is_some());
}

#[test]
fn w3c_export_has_the_model_required_fields() {
    let dir = tempfile::tempdir().unwrap();
    let c = two_articles();
    let store = store_with_notes(dir.path(), &c);
    let out = export_w3c_at(&c, store.notes(), "2026-05-04T12:00:00.000000Z");
    assert!(
        !out.contains("\\u001b"),
        "no escape characters, even JSON-escaped"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["total"], 4);
    assert_eq!(v["first"]["type"], "AnnotationPage");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert!(item["id"].as_str().unwrap().starts_with("urn:uuid:"));
        let source = item["target"]["source"].as_str().unwrap();
        assert!(
            source.starts_with("urn:sha256:") && source.len() == 11 + 64,
            "{source}"
        );
        let selectors = item["target"]["selector"].as_array().unwrap();
        let types: Vec<&str> = selectors
            .iter()
            .map(|s| s["type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["TextQuoteSelector", "TextPositionSelector"]);
        assert!(!selectors[0]["exact"].as_str().unwrap().is_empty());
        assert!(selectors[1]["start"].as_u64().unwrap() < selectors[1]["end"].as_u64().unwrap());
        if let Some(bodies) = item["body"].as_array() {
            for b in bodies {
                assert_eq!(b["type"], "TextualBody");
                assert!(b["value"].is_string());
                assert!(["commenting", "tagging"].contains(&b["purpose"].as_str().unwrap()));
            }
        }
    }
    // The tagged note: its comment, its two tags, and offsets in characters of the text.
    let first = items
        .iter()
        .find(|i| i["body"].as_array().is_some_and(|b| b.len() == 3))
        .unwrap();
    assert_eq!(first["motivation"], "commenting");
    assert_eq!(first["body"][0]["purpose"], "commenting");
    assert_eq!(first["body"][1]["value"], "chiffres");
    let sel = &first["target"]["selector"];
    let (start, end) = (
        sel[1]["start"].as_u64().unwrap() as usize,
        sel[1]["end"].as_u64().unwrap() as usize,
    );
    let by_chars: String = A.chars().skip(start).take(end - start).collect();
    assert_eq!(by_chars, sel[0]["exact"].as_str().unwrap());
    assert_eq!(
        first["target"]["source"],
        format!("urn:sha256:{}", c.articles[0].hash)
    );
    // The bare highlight has no body and says so.
    assert!(items
        .iter()
        .any(|i| i["motivation"] == "highlighting" && i.get("body").is_none()));
}

#[test]
fn export_files_stay_inside_the_directory_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let title = format!("../../{}\0/..\u{1b}[2J{}", "x".repeat(300), "/etc/passwd");
    let name = recoupe::notes::safe_file_name(&title, "md");
    assert!(
        name.len() <= 64 && !name.contains('/') && !name.contains(".."),
        "{name}"
    );
    let first = write_export_file(dir.path(), &name, "1").unwrap();
    let second = write_export_file(dir.path(), &name, "2").unwrap();
    assert_eq!(first.parent().unwrap(), dir.path());
    assert_eq!(second.parent().unwrap(), dir.path());
    assert_ne!(first, second);
    assert_eq!(std::fs::read_to_string(first).unwrap(), "1");
}
