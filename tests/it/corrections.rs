//! The reader's corrections of the entities: made with keys in the side panel, shown as
//! corrected, kept with the notes (found again by a new reader, by a reader of the changed
//! articles and by the JSON commands), merged between two processes, undone.
#![cfg(feature = "app")]

use crate::keys;
use crate::support::recoupe;
use keys::{press, render, screen};

use recoupe::analysis::analyse;
use recoupe::corpus::Corpus;
use recoupe::entities::corrections::Change;
use recoupe::entities::Kind;
use recoupe::notes::Store;
use recoupe::tui::{App, Focus, Theme};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

fn app(dir: &Path) -> App {
    let corpus = Corpus::bundled();
    let analysis = analyse(&corpus);
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(120, 40);
    app.open_notes(Some(dir));
    let fx = app.take_effects();
    app.perform(fx);
    app
}

/// Moves the side panel's selection to the entity named `name`.
fn select(app: &mut App, name: &str) -> usize {
    app.set_focus(Focus::Side);
    press(app, "g");
    for _ in 0..app.side_rows().len() {
        let e = app.selected_entity();
        if e.is_some_and(|e| app.analysis.entities.entities[e].name == name) {
            return e.unwrap();
        }
        press(app, "j");
    }
    panic!("{name} is not in the side panel");
}

fn kind_of(app: &App, name: &str) -> Option<Kind> {
    (app.analysis.entities.entities.iter())
        .zip(0..)
        .find(|(e, i)| e.name == name && app.analysis.entities.mentions_of(*i).next().is_some())
        .map(|(e, _)| e.kind)
}

#[test]
fn k_gives_an_entity_another_kind_shown_kept_and_undone() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    select(&mut a, "Facebook");
    assert_eq!(kind_of(&a, "Facebook"), Some(Kind::Org));
    press(&mut a, "K");
    assert_eq!(a.layers.len(), 1, "K opens the kinds");
    let shown = screen(render(&a).backend().buffer());
    assert!(shown.contains("Kind of Facebook"), "{shown}");
    press(&mut a, "jj<Enter>");
    assert!(a.layers.is_empty());
    let kind = kind_of(&a, "Facebook").unwrap();
    assert_ne!(kind, Kind::Org);
    let shown = screen(render(&a).backend().buffer());
    assert!(shown.contains("Facebook ✎"), "{shown}");

    let again = app(dir.path());
    assert_eq!(
        kind_of(&again, "Facebook"),
        Some(kind),
        "a new reader applies it"
    );

    press(&mut a, "U");
    assert_eq!(kind_of(&a, "Facebook"), Some(Kind::Org), "U undoes it");
    let again = app(dir.path());
    assert_eq!(kind_of(&again, "Facebook"), Some(Kind::Org));
}

#[test]
fn m_then_m_makes_two_entities_one_and_bang_drops_one() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    let rows = a.side_rows();
    let names: Vec<String> = (rows.iter())
        .filter_map(|r| r.entity)
        .map(|e| a.analysis.entities.entities[e].name.clone())
        .filter(|n| kind_of(&a, n).is_some_and(|k| !k.is_figure()))
        .take(3)
        .collect();
    let [first, second, third] = [&names[0], &names[1], &names[2]];
    let before = a.analysis.entities.mentions.len();
    select(&mut a, first);
    press(&mut a, "m");
    let into = select(&mut a, second);
    press(&mut a, "m");
    assert_eq!(kind_of(&a, first), None, "{first} joined {second}");
    let aliases = &a.analysis.entities.entities[into].aliases;
    assert!(aliases.iter().any(|x| &x.name == first));
    assert_eq!(
        a.analysis.entities.mentions.len(),
        before,
        "no mention lost"
    );

    select(&mut a, third);
    press(&mut a, "!");
    assert_eq!(kind_of(&a, third), None, "{third} is no entity");
    assert!(a.analysis.entities.mentions.len() < before);
    assert!(!a.side_rows().iter().any(|r| r.label == *third));
}

#[test]
fn two_processes_correcting_at_once_keep_both_and_the_json_commands_apply_them() {
    let dir = TempDir::new().unwrap();
    let corpus = Corpus::bundled();
    let (mut one, _) = Store::open_for(dir.path(), &corpus).unwrap();
    let (mut two, _) = Store::open_for(dir.path(), &corpus).unwrap();
    one.correct(Change::Kind {
        entity: "Facebook".into(),
        kind: Kind::Product,
    });
    two.correct(Change::NotEntity {
        text: "JPMorgan Chase".into(),
    });
    one.save().unwrap();
    two.save().unwrap();
    let (three, _) = Store::open_for(dir.path(), &corpus).unwrap();
    assert_eq!(three.corrections().len(), 2, "both kept");

    let data = dir.path().to_str().unwrap();
    let out = recoupe(&["entities", "--json", "--data-dir", data], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = doc["entities"].as_array().unwrap();
    let named = |n: &str| list.iter().find(|e| e["name"] == n);
    assert_eq!(named("Facebook").unwrap()["kind"], "PRODUCT");
    assert!(named("JPMorgan Chase").is_none());
}

#[test]
fn a_correction_outlives_a_changed_article() {
    let dir = TempDir::new().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for (i, a) in Corpus::bundled().articles.iter().enumerate() {
        std::fs::write(articles.join(format!("{i}.txt")), &a.text).unwrap();
    }
    let data = dir.path().join("data");
    let load = || {
        recoupe::corpus::load_paths(
            std::slice::from_ref(&articles),
            &recoupe::corpus::LoadOptions::default(),
        )
    };
    let (mut store, _) = Store::open_for(&data, &load()).unwrap();
    store.correct(Change::Kind {
        entity: "Facebook".into(),
        kind: Kind::Product,
    });
    store.save().unwrap();
    let first = articles.join("0.txt");
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, format!("{text}\nUne phrase de plus.\n")).unwrap();

    let args = [
        "entities",
        "--json",
        "--no-cache",
        "--data-dir",
        data.to_str().unwrap(),
        articles.to_str().unwrap(),
    ];
    let out = recoupe(&args, dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let facebook = (doc["entities"].as_array().unwrap().iter())
        .find(|e| e["name"] == "Facebook")
        .unwrap();
    assert_eq!(facebook["kind"], "PRODUCT");
}

#[test]
fn an_undone_correction_stays_undone_when_an_older_copy_is_saved_and_exports_list_the_rest() {
    let dir = TempDir::new().unwrap();
    let corpus = Corpus::bundled();
    let (mut one, _) = Store::open_for(dir.path(), &corpus).unwrap();
    one.correct(Change::Kind {
        entity: "Facebook".into(),
        kind: Kind::Product,
    });
    one.correct(Change::Merge {
        entity: "Chase".into(),
        into: "JPMorgan Chase".into(),
    });
    one.save().unwrap();
    let (mut two, _) = Store::open_for(dir.path(), &corpus).unwrap();
    assert_eq!(two.corrections().len(), 2);
    one.undo_correction().unwrap();
    one.save().unwrap();
    two.mark_unsaved();
    two.save().unwrap();
    let (three, _) = Store::open_for(dir.path(), &corpus).unwrap();
    assert_eq!(
        three.corrections().len(),
        1,
        "the undo wins over the older copy"
    );

    let analysis = recoupe::analysis::Analysis::default();
    let sources = recoupe::sources::Sources::default();
    let md = recoupe::notes::Format::Markdown.render(
        &corpus,
        &analysis.entities,
        &analysis.facts,
        &sources,
        &three,
    );
    assert!(md.contains("## Entity corrections"), "{md}");
    assert!(md.contains(": kind of Facebook: PRODUCT"), "{md}");
    assert!(!md.contains("Chase is JPMorgan Chase"), "{md}");
    let json = recoupe::notes::Format::Json.render(
        &corpus,
        &analysis.entities,
        &analysis.facts,
        &sources,
        &three,
    );
    assert!(json.contains(r#""change": "kind""#), "{json}");
}

#[test]
fn dash_in_the_aliases_splits_the_selected_alias_off() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    // An entity of the open article with an alias written otherwise than its name.
    let rows = a.side_rows();
    let (name, alias, at) = (rows.iter().filter_map(|r| r.entity))
        .find_map(|e| {
            let entity = &a.analysis.entities.entities[e];
            let at = (entity.aliases.iter())
                .position(|x| x.name.to_lowercase() != entity.name.to_lowercase())?;
            Some((entity.name.clone(), entity.aliases[at].name.clone(), at))
        })
        .expect("an entity with another name");
    let before = a.analysis.entities.mentions.len();
    select(&mut a, &name);
    press(&mut a, "i");
    for _ in 0..at {
        press(&mut a, "j");
    }
    let shown = screen(render(&a).backend().buffer());
    assert!(shown.contains("splits one off"), "{shown}");
    press(&mut a, "-");
    assert!(a.layers.is_empty(), "the window closes");
    let split = (a.analysis.entities.entities.iter())
        .position(|e| e.name == alias)
        .expect("the alias is an entity of its own");
    assert!(a.analysis.entities.mentions_of(split).next().is_some());
    assert_eq!(
        a.analysis.entities.mentions.len(),
        before,
        "no mention lost"
    );
    assert!(a.is_corrected(split));
    let again = app(dir.path());
    assert!(again
        .analysis
        .entities
        .entities
        .iter()
        .any(|e| e.name == alias));
}

#[test]
fn bang_in_the_reading_pane_drops_the_name_walked_to_in_this_article_only() {
    let dir = TempDir::new().unwrap();
    let mut a = app(dir.path());
    let open = a.reader.article.unwrap();
    // A name of the open article that other articles name too.
    let rows = a.side_rows();
    let e = (rows.iter().filter_map(|r| r.entity))
        .find(|&e| {
            !a.analysis.entities.entities[e].kind.is_figure()
                && a.entity_view.articles_naming(e).len() > 1
        })
        .expect("a shared name");
    let name = a.analysis.entities.entities[e].name.clone();
    let elsewhere = |a: &App| {
        (a.analysis.entities.mentions_of(e))
            .filter(|m| m.article() != open)
            .count()
    };
    let before = elsewhere(&a);
    select(&mut a, &name);
    press(&mut a, "<Enter>");
    let walked = a
        .entity_view
        .walk
        .expect("Enter walks to a mention")
        .current;
    let text = a.corpus.articles[open].text[walked.start..walked.end].to_owned();
    a.set_focus(Focus::Reader);
    press(&mut a, "!");
    let here: Vec<String> = (a.analysis.entities.in_article(open).iter())
        .map(|m| a.corpus.articles[open].text[m.span().start..m.span().end].to_owned())
        .collect();
    assert!(!here.contains(&text), "{text} is no entity here");
    assert_eq!(elsewhere(&a), before, "{name} stays in the other articles");
}
