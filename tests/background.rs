//! The reader while its analysis runs in the background: keys are answered, the status bar
//! shows the gauge, and the panes fill in when the analysis lands. A channel stands in for
//! a slow analyser, so the test decides when it finishes.

mod keys;

use keys::{press, render, screen};
use recoupe::analysis::{self, Analysis, Outcome, Progress, Stage};
use recoupe::corpus::Corpus;
use recoupe::tui::background::Analysing;
use recoupe::tui::{App, Focus};
use std::sync::mpsc;
use std::sync::Arc;

/// The reader, the analysis's progress, the sender that ends it, and the corpus.
type Waiting = (
    App,
    Arc<Progress>,
    mpsc::Sender<(Analysis, Outcome)>,
    Arc<Corpus>,
);

fn waiting_app() -> Waiting {
    let corpus = Arc::new(Corpus::bundled());
    let mut app = App::new(Arc::clone(&corpus), Analysis::default());
    app.resize(120, 40);
    let progress = Arc::new(Progress::new());
    let (tx, rx) = mpsc::channel();
    app.analysing = Some(Analysing::from_channel(Arc::clone(&progress), rx));
    (app, progress, tx, corpus)
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

    tx.send((analysis::analyse(&corpus), Outcome::default()))
        .unwrap();
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
