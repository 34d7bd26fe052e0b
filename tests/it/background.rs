//! The reader while its analysis runs in the background: keys are answered, the status bar
//! shows the gauge, and the panes fill in when the analysis lands. A channel stands in for
//! a slow analyser, so the test decides when it finishes. On a warm open the reader starts
//! on the cache's index of the articles, before their text: channels stand in for the
//! load too.
#![cfg(feature = "app")]

use crate::keys;

use keys::{press, render, screen};
use recoupe::analysis::{self, Analysis, Lexicon, Outcome, Progress, Stage};
use recoupe::corpus::{Corpus, CorpusIndex, LoadProgress};
use recoupe::session::{Event, Session};
use recoupe::tui::background::Analysing;
use recoupe::tui::warm::Loading;
use recoupe::tui::{App, Focus};
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::sync::Arc;

/// The reader, the analysis's progress, the sender of the open's events, and the corpus.
type Waiting = (App, Arc<Progress>, mpsc::Sender<Event>, Arc<Corpus>);

fn waiting_app() -> Waiting {
    let corpus = Arc::new(Corpus::bundled());
    let mut app = App::new(Arc::clone(&corpus), Analysis::default());
    app.resize(120, 40);
    let progress = Arc::new(Progress::new());
    let (tx, rx) = mpsc::channel();
    let session = Session::from_events(rx, Default::default(), Arc::clone(&progress));
    app.analysing = Some(Analysing::new(session.loaded()));
    (app, progress, tx, corpus)
}

fn analysed(analysis: Analysis) -> Event {
    Event::Analysed(analysis, Outcome::default())
}

#[test]
fn keys_work_while_the_analysis_runs_and_the_panes_fill_when_it_lands() {
    let (mut app, progress, tx, corpus) = waiting_app();
    progress.enter(Stage::Entities, 5);
    progress.tick();
    progress.tick();
    let shown = screen(render(&app).backend().buffer());
    assert!(shown.contains("analysing: finding entities 2/5"), "{shown}");
    assert!(shown.contains("Finding entities…"), "{shown}");

    // The list, the reader and the analysis keys all answer (the latter with nothing yet).
    press(&mut app, "j");
    assert_eq!(app.list.selected, 1);
    press(&mut app, "<Enter>");
    assert_eq!(app.reader.article, Some(1));
    assert_eq!(app.focus, Focus::Reader);
    press(&mut app, "jj}]C<Esc>ecfi<Esc>");
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.cursor, 2);
    assert!(app.poll_analysis(), "the gauge moves: redraw");
    assert!(app.analysing.is_some());

    tx.send(analysed(analysis::analyse(&corpus))).unwrap();
    assert!(app.poll_analysis());
    assert!(app.analysing.is_none());
    assert!(!app.analysis.facts.facts.is_empty());
    assert_eq!(app.reader.article, Some(1), "the open article stays open");
    assert_eq!(app.reader.cursor, 2, "and the cursor where it was");
    let shown = screen(render(&app).backend().buffer());
    assert!(shown.contains("analysis done"), "{shown}");
    assert!(!shown.contains("Finding entities…"), "{shown}");
    assert!(shown.contains("Facebook"), "{shown}");
}

#[test]
fn quitting_mid_analysis_is_immediate() {
    let (mut app, _progress, _tx, _corpus) = waiting_app();
    press(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn an_analysis_that_dies_is_reported_not_waited_for() {
    let (mut app, _progress, tx, _corpus) = waiting_app();
    drop(tx);
    assert!(app.poll_analysis());
    assert!(app.analysing.is_none());
    let shown = screen(render(&app).backend().buffer());
    assert!(shown.contains("the analysis stopped"), "{shown}");
}

/// A reader on the index of the bundled articles, their text and analysis to come through
/// the returned sender; notes kept in the returned folder.
struct Preview {
    app: App,
    events: mpsc::Sender<Event>,
    load: Arc<LoadProgress>,
    data: tempfile::TempDir,
}

fn preview_of(index: &CorpusIndex) -> Preview {
    preview_with_notes_in(index, tempfile::tempdir().unwrap())
}

fn preview_with_notes_in(index: &CorpusIndex, data: tempfile::TempDir) -> Preview {
    let mut app = App::preview(index);
    app.resize(120, 40);
    let load = Arc::new(LoadProgress::default());
    let (events, rx) = mpsc::channel();
    let notes = Some(data.path().to_path_buf());
    let expected = index.articles.len();
    app.loading = Some(Loading::new(Arc::clone(&load), expected, notes));
    let session = Session::from_events(rx, Arc::clone(&load), Default::default());
    app.analysing = Some(Analysing::new(session));
    Preview {
        app,
        events,
        load,
        data,
    }
}

fn files_in(dir: &std::path::Path) -> usize {
    walk(dir).len()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_preview_lists_the_titles_then_shows_the_text_and_analysis_once_they_land() {
    let corpus = Arc::new(Corpus::bundled());
    let index = CorpusIndex::of(&corpus, Vec::new(), None);
    let Preview {
        mut app,
        events,
        load,
        data,
    } = preview_of(&index);
    load.listed.store(true, Ordering::Release);
    load.found.store(5, Ordering::Relaxed);
    load.read.store(2, Ordering::Relaxed);
    let shown = screen(render(&app).backend().buffer());
    for t in keys::TITLES {
        assert!(shown.contains(t), "{t} in {shown}");
    }
    assert!(shown.contains("Reading the articles"), "{shown}");
    assert!(shown.contains("reading articles 2/5"), "{shown}");
    assert!(!shown.contains("Pour ceux qui n’avaient pas confiance"));

    // Keys move in the list and open an article; the analysis waits for the text, even
    // when both are there.
    press(&mut app, "jj<Enter>");
    assert_eq!(app.reader.article, Some(2));
    events.send(Event::Loaded(Arc::clone(&corpus))).unwrap();
    events.send(analysed(analysis::analyse(&corpus))).unwrap();
    assert!(!app.poll_analysis());
    assert!(app.analysis.facts.facts.is_empty());
    assert!(app.poll_loading());
    assert!(!app.is_loading());
    assert_eq!(app.reader.article, Some(2), "the open article stays open");
    assert_eq!(app.list.selected, 2, "and selected in the list");
    assert!(app.notes.store.is_some(), "notes open with the text");
    assert!(app.poll_analysis());
    assert!(!app.analysis.facts.facts.is_empty());
    let shown = screen(render(&app).backend().buffer());
    assert!(
        shown.contains("Pour ceux qui n’avaient pas confiance"),
        "{shown}"
    );
    assert!(!shown.contains("Reading the articles"), "{shown}");
    drop(data);
}

#[test]
fn note_and_search_keys_wait_for_the_text_and_touch_no_note() {
    let corpus = Arc::new(Corpus::bundled());
    let index = CorpusIndex::of(&corpus, Vec::new(), None);
    let Preview {
        mut app,
        events,
        data,
        ..
    } = preview_of(&index);
    press(&mut app, "<Enter>");
    for keys in ["v", "a", "t", "x", "u", "'", "E", "/"] {
        press(&mut app, keys);
        assert!(app.layers.is_empty(), "{keys}");
        assert!(app.prompt().is_none(), "{keys}");
        assert!(
            app.editor().is_none() && app.notes.selection.is_none(),
            "{keys}"
        );
        let shown = screen(render(&app).backend().buffer());
        assert!(
            shown.contains("articles are still loading"),
            "{keys}: {shown}"
        );
    }
    assert!(app.notes.store.is_none());
    press(&mut app, "q");
    assert!(app.should_quit(), "q leaves at once");
    assert_eq!(files_in(data.path()), 0, "nothing written to the notes");
    drop(events);
}

#[test]
fn esc_leaves_a_preview_unless_it_closes_an_overlay() {
    let index = CorpusIndex::of(&Corpus::bundled(), Vec::new(), None);
    let mut app = preview_of(&index).app;
    press(&mut app, "?");
    assert!(!app.layers.is_empty(), "help opens");
    press(&mut app, "<Esc>");
    assert!(app.layers.is_empty() && !app.should_quit());
    press(&mut app, "<Esc>");
    assert!(app.should_quit());
}

#[test]
fn articles_that_changed_since_the_index_are_mapped_by_id() {
    let corpus = Corpus::bundled();
    let index = CorpusIndex::of(&corpus, Vec::new(), None);
    let Preview {
        mut app, events, ..
    } = preview_of(&index);
    press(&mut app, "jjj<Enter>");
    let open = app.corpus.articles[3].id.clone();
    // The first article was removed and another changed since the index was made.
    let mut now = corpus.clone();
    now.articles.remove(0);
    now.articles[0].text.push_str("\n\nUne phrase de plus.");
    now.articles[0].hash = recoupe::corpus::content_hash(&now.articles[0].text);
    events.send(Event::Loaded(Arc::new(now))).unwrap();
    assert!(app.poll_loading());
    assert_eq!(app.corpus.articles.len(), 4);
    let i = app.reader.article.unwrap();
    assert_eq!(app.corpus.articles[i].id, open);
    assert_eq!(i, 2);
    assert!(app
        .message
        .as_deref()
        .is_some_and(|m| m.contains("changed since the last open")));
    let shown = screen(render(&app).backend().buffer());
    assert!(shown.contains("Articles (4)"), "{shown}");
}

/// Where the last session left the reader: article 3 of the bundled articles.
fn notes_left_on_article_3() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(Corpus::bundled(), Analysis::default());
    app.resize(120, 40);
    app.open_notes(Some(data.path()));
    app.open_article(3);
    press(&mut app, "q");
    data
}

#[test]
fn the_last_position_is_restored_when_the_text_lands_unless_the_user_moved() {
    let corpus = Arc::new(Corpus::bundled());
    let index = CorpusIndex::of(&corpus, Vec::new(), None);

    let still = preview_with_notes_in(&index, notes_left_on_article_3());
    let mut app = still.app;
    let loaded = || Event::Loaded(Arc::clone(&corpus));
    still.events.send(loaded()).unwrap();
    app.poll_loading();
    assert_eq!(
        app.reader.article,
        Some(3),
        "taken back to where it was left"
    );

    let moved = preview_with_notes_in(&index, notes_left_on_article_3());
    let mut app = moved.app;
    press(&mut app, "j<Enter>");
    moved.events.send(loaded()).unwrap();
    app.poll_loading();
    assert_eq!(app.reader.article, Some(1), "the user's own choice stays");
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn the_last_analysis_is_shown_until_the_new_one_lands() {
    let (mut app, progress, tx, corpus) = waiting_app();
    let mut smaller = (*corpus).clone();
    let gone = smaller.articles.remove(4);
    let last = analysis::analyse(&smaller);
    let cache = tempfile::tempdir().unwrap();
    let cache = recoupe::cache::Cache::new(cache.path().to_owned());
    let key = analysis::stored::corpus_key(&smaller, &Lexicon::default());
    analysis::stored::store(&cache, &key, &smaller, &last).unwrap();
    let recoupe::cache::Lookup::Hit(stored) = analysis::stored::read(&cache, &key) else {
        panic!("stored")
    };
    let carried = stored.carry_over(&corpus).expect("fits");
    assert_eq!((carried.1.kept, carried.1.new, carried.1.gone), (4, 1, 0));
    assert_eq!(
        carried.0.entities, last.entities,
        "the same articles in the same places"
    );
    assert_eq!(
        carried.0.facts, last.facts,
        "the same articles in the same places"
    );
    // The stories of the kept articles carry over; the new article starts a story of its own.
    assert_eq!(
        carried.0.stories.of_article[..4],
        last.stories.of_article[..]
    );
    let new_story = carried.0.stories.of_article[4];
    assert!(!last.stories.of_article.contains(&new_story));
    assert!(app.analysis.facts.facts.is_empty());

    tx.send(Event::Carried(carried.0, carried.1)).unwrap();
    progress.enter(Stage::Facts, 5);
    assert!(app.poll_analysis());
    assert_eq!(app.analysis.entities, last.entities, "shown at once");
    assert_eq!(app.analysis.facts, last.facts, "shown at once");
    assert!(app.analysing.is_some(), "and still updating");
    let shown = screen(render(&app).backend().buffer());
    assert!(shown.contains("updating: linking facts"), "{shown}");
    assert!(
        shown.contains("last analysis shown for 4 articles"),
        "{shown}"
    );
    assert!(shown.contains("Facebook"), "{shown}");
    let new = corpus.position(&gone.id).unwrap();
    assert!(app.analysis.entities.in_article(new).is_empty());

    let fresh = analysis::analyse(&corpus);
    tx.send(analysed(fresh.clone())).unwrap();
    assert!(app.poll_analysis());
    assert!(app.analysing.is_none());
    assert_eq!(app.analysis, fresh, "replaced whole by the new analysis");
    assert!(!app.analysis.entities.in_article(new).is_empty());
}
