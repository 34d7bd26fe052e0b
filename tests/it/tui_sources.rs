//! The sources in the reader and the export, on a small collection made here: three
//! outlets report one recall, two of them quoting the same chief executive (one origin),
//! the third citing the safety regulator (another). The gutter says `+2/2` once the
//! sources are in (`+2` before), `+1` where every report is independent; `S` lists who is
//! cited and `Enter` goes to the passage; the Markdown export says what each other report
//! is attributed to.
#![cfg(feature = "app")]

use crate::keys::{press, render, screen};
use recoupe::analysis::Analysis;
use recoupe::corpus::{Article, Corpus, Meta};
use recoupe::entities;
use recoupe::facts::{Fact, Facts, Passage};
use recoupe::stories::Stories;
use recoupe::tui::story_sources::{rows, RowKind};
use recoupe::tui::{App, Focus, Layer, Theme};

/// (outlet, title, text): the recall told three times.
const REPORTS: [(&str, &str, &str); 3] = [
    (
        "Daily Wheel",
        "Voltra recalls its bikes",
        "Voltra recalls its bikes\n\nVoltra is recalling 84,000 electric bicycles because their batteries can overheat, chief executive Lotte Brink said on Tuesday. The bikes were sold in twelve countries.\n",
    ),
    (
        "Reuters",
        "Battery fears",
        "Battery fears\n\nThe Dutch maker will call back 84,000 bikes whose batteries may catch fire, Lotte Brink told Reuters.\n",
    ),
    (
        "Cycling News",
        "E-bike recall",
        "E-bike recall\n\nSome 84,000 e-bikes are being called back after a string of battery fires, according to the Consumer Product Safety Commission.\n",
    ),
];

fn corpus() -> Corpus {
    let articles = (REPORTS.iter().enumerate())
        .map(|(i, (outlet, title, text))| {
            let meta = Meta {
                source: Some((*outlet).into()),
                ..Meta::default()
            };
            Article::new(
                format!("r{i}"),
                (*title).into(),
                format!("r{i}.txt"),
                (*text).into(),
                meta,
            )
        })
        .collect();
    Corpus {
        articles,
        warnings: Vec::new(),
    }
}

/// The sentence of `article` holding "84,000".
fn recall_sentence(c: &Corpus, article: usize) -> usize {
    let a = &c.articles[article];
    let at = a.text.find("84,000").unwrap();
    a.structure.sentence_at(at).unwrap()
}

/// One fact: the recall sentence of each listed article; the entities found; one story.
fn analysis(c: &Corpus, members: &[usize]) -> Analysis {
    let passages = (members.iter())
        .map(|&a| {
            let sentence = recall_sentence(c, a);
            Passage {
                article: a,
                sentence,
                span: c.articles[a].structure.sentences[sentence].span,
            }
        })
        .collect();
    let fact = Fact {
        label: "recall".into(),
        passages,
        discrepancies: Vec::new(),
    };
    Analysis {
        entities: entities::analyse(c),
        facts: Facts::new(vec![fact]),
        stories: Stories::one(c.articles.len()),
        failures: Vec::new(),
    }
}

fn app(members: &[usize], w: u16, h: u16) -> App {
    let c = corpus();
    let analysis = analysis(&c, members);
    let mut app = App::new(c, analysis);
    app.theme = Theme::new(true);
    app.resize(w, h);
    app
}

/// The reading pane's line with the recall sentence's first words.
fn gutter_line(app: &App) -> String {
    let shown = screen(render(app).backend().buffer());
    shown
        .lines()
        .find(|l| l.contains("Voltra is"))
        .unwrap_or_else(|| panic!("the recall sentence is on screen:\n{shown}"))
        .to_owned()
}

#[test]
fn the_gutter_counts_the_independent_origins_once_the_sources_are_in() {
    let mut a = app(&[0, 1, 2], 120, 30);
    let before = gutter_line(&a);
    assert!(
        before.contains("+2 ") && !before.contains("+2/"),
        "{before}"
    );
    a.compute_sources();
    let after = gutter_line(&a);
    assert!(
        after.contains("+2/2"),
        "two outlets quoting Lotte Brink are one origin: {after}"
    );

    let mut independent = app(&[0, 2], 120, 30);
    independent.compute_sources();
    let line = gutter_line(&independent);
    assert!(line.contains("+1 ") && !line.contains("+1/"), "{line}");

    let mut one = app(&[0, 1], 120, 30);
    one.compute_sources();
    assert!(gutter_line(&one).contains("+1/1"), "{}", gutter_line(&one));
}

#[test]
fn s_lists_who_is_cited_by_which_outlets_and_enter_goes_to_the_passage() {
    let mut a = app(&[0, 1, 2], 120, 30);
    press(&mut a, "S");
    let waiting = rows(&a);
    assert!(
        waiting.iter().any(|r| r.kind == RowKind::Note),
        "{waiting:?}"
    );
    press(&mut a, "<Esc>");
    a.compute_sources();
    // From the third article: Lotte Brink is not cited there, so Enter goes to her first
    // passage anywhere.
    a.open_article(2);
    press(&mut a, "S");
    assert!(matches!(a.layers.last(), Some(Layer::Sources(_))));
    let shown = screen(render(&a).backend().buffer());
    let brink = shown
        .lines()
        .find(|l| l.contains("Lotte Brink"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(brink.contains("Daily Wheel, Reuters"), "{brink}");
    assert!(
        brink.contains("→ Reuters") && brink.contains("1 fact"),
        "{brink}"
    );
    assert!(shown.contains("Anonymous: 0"), "{shown}");
    assert!(
        shown.contains("Consumer Product Safety Commission"),
        "{shown}"
    );
    let listed = rows(&a);
    let selected = match a.layers.last() {
        Some(Layer::Sources(list)) => list.selected,
        _ => unreachable!(),
    };
    assert!(listed[selected].text.contains("Lotte Brink"), "{listed:?}");
    press(&mut a, "<Enter>");
    assert!(a.layers.is_empty(), "Enter closes the window");
    assert_eq!(a.reader.article, Some(0));
    assert_eq!(a.reader.cursor, recall_sentence(&a.corpus, 0));
    assert_eq!(a.focus, Focus::Reader);

    // In the second article, Enter on her goes to her passage there.
    a.open_article(1);
    press(&mut a, "S<Enter>");
    assert_eq!(a.reader.article, Some(1));
    // j moves to the next source and passes over the headings; q closes.
    press(&mut a, "Sjjjjjjjjjjjjjjjjjjjj");
    let Some(Layer::Sources(list)) = a.layers.last() else {
        panic!("still open");
    };
    assert_eq!(rows(&a)[list.selected].kind, RowKind::Item);
    press(&mut a, "q");
    assert!(a.layers.is_empty());
}

#[test]
fn the_export_says_what_each_other_report_is_attributed_to() {
    let c = corpus();
    let analysis = analysis(&c, &[0, 1, 2]);
    let sources =
        recoupe::sources::analyse(&c, &analysis.entities, &analysis.facts, &analysis.stories);
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) =
        recoupe::notes::Store::open(dir.path().join("s.json"), &c.fingerprint()).unwrap();
    let span = c.articles[0].structure.sentences[recall_sentence(&c, 0)].span;
    store.add(&c.articles[0], span, "recall");
    let md = recoupe::notes::export_markdown_at(
        &c,
        &analysis.entities,
        &analysis.facts,
        &sources,
        store.notes(),
        "2026-05-04T12:00:00Z",
    );
    let also: Vec<&str> = md.lines().filter(|l| l.starts_with("- *")).collect();
    assert_eq!(also.len(), 2, "{md}");
    assert!(
        also[0].contains("*Battery fears*")
            && also[0].contains("— attributed to Lotte Brink, to Reuters"),
        "{md}"
    );
    assert!(
        also[1].contains("attributed to") && also[1].contains("Consumer Product Safety Commission"),
        "{md}"
    );
    let none = recoupe::sources::Sources::default();
    let plain = recoupe::notes::export_markdown_at(
        &c,
        &analysis.entities,
        &analysis.facts,
        &none,
        store.notes(),
        "2026-05-04T12:00:00Z",
    );
    assert!(!plain.contains("attributed to"), "{plain}");
}

#[test]
fn the_coverage_pane_says_who_each_passage_is_attributed_to() {
    let mut a = app(&[0, 1, 2], 120, 40);
    let s = recall_sentence(&a.corpus, 0);
    a.open_passage(0, s);
    press(&mut a, "c");
    let without = screen(render(&a).backend().buffer());
    assert!(
        without.contains("2. Battery fears") && !without.contains("→ Reuters"),
        "{without}"
    );
    a.compute_sources();
    let shown = screen(render(&a).backend().buffer());
    let head = shown
        .lines()
        .find(|l| l.contains("2. Battery fears"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(head.contains("Lotte Brink → Reuters"), "{head}");
    let third = shown
        .lines()
        .find(|l| l.contains("3. E-bike recall"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(
        third.contains("Consumer Product Safety Commission"),
        "{third}"
    );
}
