//! The reader's layers (help, aliases, coverage map, sources, notes list, export and
//! search prompts, note editor) as the user sees them, at a normal and a tiny size; every key the
//! help lists doing something somewhere; and the note editor's wrapping and drafts.
#![cfg(feature = "app")]

use crate::keys;
use keys::{press, render, screen};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::Backend;
use ratatui::layout::Position;
use recoupe::analysis::{analyse, Analysis};
use recoupe::corpus::Corpus;
use recoupe::tui::keymap::Key;
use recoupe::tui::{Action, App, Keymap, Theme};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tempfile::TempDir;

/// The bundled articles and their analysis, made once for all the tests here.
fn bundled() -> (Arc<Corpus>, Analysis) {
    static DATA: OnceLock<(Arc<Corpus>, Analysis)> = OnceLock::new();
    let (corpus, analysis) = DATA.get_or_init(|| {
        let corpus = Corpus::bundled();
        let analysis = analyse(&corpus);
        (Arc::new(corpus), analysis)
    });
    (Arc::clone(corpus), analysis.clone())
}

/// A reader on the bundled articles sized `w`×`h`, without colours, notes kept in `dir`.
fn app(w: u16, h: u16, dir: &Path) -> App {
    let (corpus, analysis) = bundled();
    let mut app = App::new(corpus, analysis);
    app.theme = Theme::new(true);
    app.resize(w, h);
    app.compute_sources();
    app.open_notes(Some(dir));
    let fx = app.take_effects();
    app.perform(fx);
    app
}

fn send(app: &mut App, key: KeyEvent) {
    let fx = app.handle_key(key);
    app.perform(fx);
}

/// Each layer, and the keys that open it on a reader with one note.
const LAYERS: [(&str, &str); 10] = [
    ("help", "?"),
    ("aliases", "<Tab>ji"),
    ("coverage_map", "C"),
    ("claims", "D"),
    ("sources", "S"),
    ("notes_list", "'"),
    ("export_prompt", "E"),
    ("search_prompt", "/Face"),
    ("note_editor", "ja"),
    ("kind_picker", "<Tab>jK"),
];

#[test]
fn every_layer_at_120x40_and_20x6() {
    for (w, h) in [(120, 40), (20, 6)] {
        for (name, keys) in LAYERS {
            let dir = TempDir::new().unwrap();
            let mut a = app(w, h, dir.path());
            press(&mut a, "<Enter>aa note on the first sentence<Enter>");
            press(&mut a, keys);
            assert_eq!(a.layers.len(), 1, "{keys} opens {name} at {w}x{h}");
            if name == "note_editor" {
                press(
                    &mut a,
                    "a long note that wraps onto a second line of the editor ",
                );
                press(&mut a, "when the window is narrow, and stays whole");
            }
            let shown = screen(render(&a).backend().buffer());
            insta::assert_snapshot!(format!("layer_{name}_{w}x{h}"), shown);
        }
    }
}

/// States to try a key in: the panes in several places, each layer, a selection.
const STATES: [&str; 16] = [
    "",
    LONG_NOTE,
    concat!(
        "<Enter>a",
        "a note long enough to wrap onto two rows of the editor, which is ninety ",
        "cells wide at most<Up>"
    ),
    "jj",
    "<Enter>",
    "<Enter>jjj",
    "<Enter><PageDown><PageDown>",
    "<Tab><Tab>jj",
    "<Enter>aabc def<Left>",
    "<Enter>/ab<Left>",
    "<Enter>E",
    "<Enter>v",
    "<Enter>]",
    "<Enter>a<Enter>x",
    "<Enter>/Facebook<Enter>",
    "?<PageDown>",
];

/// A note being typed that wraps onto a second row of the editor.
const LONG_NOTE: &str = concat!(
    "<Enter>a",
    "a note long enough to wrap onto two rows of the editor, which is ninety ",
    "cells wide at most"
);

/// A fingerprint of what the user can see or get from the reader: the screen, the
/// terminal cursor, whether it quit.
fn seen(app: &App) -> (String, Option<Position>, bool) {
    let mut t = render(app);
    let cursor = t.backend_mut().get_cursor_position().ok();
    (screen(t.backend().buffer()), cursor, app.should_quit())
}

#[test]
fn every_key_in_the_help_does_something_somewhere() {
    let keymap = Keymap::default();
    let mut dead = Vec::new();
    for action in Action::all() {
        for spec in keymap.keys(action) {
            let key = Key::parse(spec).unwrap().event();
            let alive = STATES.iter().any(|state| {
                let dir = TempDir::new().unwrap();
                let mut a = app(120, 40, dir.path());
                press(&mut a, state);
                let before = seen(&a);
                send(&mut a, key);
                seen(&a) != before
            });
            if !alive {
                dead.push(format!("{spec} ({})", action.name()));
            }
        }
    }
    assert!(dead.is_empty(), "keys that do nothing: {dead:?}");
}

#[test]
fn the_editor_wraps_moves_by_screen_line_and_deletes_words_and_lines() {
    let dir = TempDir::new().unwrap();
    let mut a = app(40, 20, dir.path());
    press(&mut a, "<Enter>a");
    press(&mut a, "one two three four five six seven eight nine ten");
    let shown = screen(render(&a).backend().buffer());
    assert!(
        shown.contains("one two") && shown.contains("ten"),
        "{shown}"
    );
    let rows = |a: &App| {
        let e = a.editor().unwrap();
        e.input
            .cursor_row(recoupe::tui::note_editor::text_width(a.size()))
    };
    let (last, _) = rows(&a);
    assert!(last >= 1, "the text wraps");
    press(&mut a, "<Up>");
    assert_eq!(rows(&a).0, last - 1, "Up moves one screen line");
    press(&mut a, "<Down>");
    assert_eq!(rows(&a).0, last);
    send(
        &mut a,
        KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL),
    );
    assert!(a.editor().unwrap().input.text.ends_with("nine "));
    send(
        &mut a,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    assert_eq!(a.editor().unwrap().input.text, "");
}

#[test]
fn esc_keeps_the_typed_note_and_annotating_the_same_place_offers_it_again() {
    let dir = TempDir::new().unwrap();
    let mut a = app(120, 40, dir.path());
    press(&mut a, "<Enter>jaa thought worth keeping<Esc>");
    assert!(a.editor().is_none());
    assert_eq!(a.highlight_spans().len(), 1, "the highlight stays");
    press(&mut a, "j");
    press(&mut a, "k");
    press(&mut a, "a");
    let edit = a.editor().expect("a opens the editor again");
    assert_eq!(edit.input.text, "a thought worth keeping");
    let fx = a.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    a.perform(fx);
    assert!(
        !a.should_quit(),
        "Ctrl-C in the editor leaves the editor only"
    );
    press(&mut a, "a!<Enter>");
    let store = a.notes.store.as_ref().unwrap();
    assert_eq!(store.notes()[0].body, "a thought worth keeping!");
    assert!(a.notes.drafts.is_empty(), "a saved draft is dropped");
    press(&mut a, "a<Esc>");
    assert!(a.notes.drafts.is_empty(), "nothing typed, no draft");
}

#[test]
fn typing_keys_are_remappable() {
    let dir = TempDir::new().unwrap();
    let mut a = app(120, 40, dir.path());
    a.keymap = Keymap::default()
        .with_overrides("[text]\nsubmit = [\"ctrl-s\"]\ndelete_back = [\"ctrl-x\"]")
        .unwrap();
    press(&mut a, "<Enter>aab");
    send(
        &mut a,
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL),
    );
    send(&mut a, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(a.editor().is_some(), "Enter no longer submits");
    send(
        &mut a,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    assert!(a.editor().is_none());
    let store = a.notes.store.as_ref().unwrap();
    assert_eq!(store.notes()[0].body, "a");
}

#[test]
fn skipped_files_are_counted_and_listed_in_the_reader() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("good.txt"),
        "Un titre\n\nUne phrase assez longue pour faire un article lisible.\n",
    )
    .unwrap();
    std::fs::write(folder.join("bad\u{1b}[31m.pdf"), b"%PDF-1.4 \x00\x01").unwrap();
    std::fs::write(folder.join("empty.txt"), b"").unwrap();
    let corpus = recoupe::corpus::load_paths(&[folder], &Default::default());
    assert!(!corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let analysis = analyse(&corpus);
    let mut a = App::new(corpus, analysis);
    a.theme = Theme::new(true);
    a.resize(100, 20);
    let shown = screen(render(&a).backend().buffer());
    let n = a.corpus.warnings.len();
    assert!(shown.contains(&format!("{n} skipped (W)")), "{shown}");
    press(&mut a, "W");
    assert_eq!(a.layers.len(), 1);
    let shown = screen(render(&a).backend().buffer());
    assert!(shown.contains("Skipped:"), "{shown}");
    for w in &a.corpus.warnings {
        let name = std::path::Path::new(&w.path)
            .file_name()
            .unwrap()
            .to_string_lossy();
        let head: String = name.chars().filter(|c| !c.is_control()).take(3).collect();
        assert!(shown.contains(&head), "{head} in {shown}");
    }
    assert!(!shown.contains('\u{1b}'));
    press(&mut a, "q");
    assert!(a.layers.is_empty());
}

#[test]
fn articles_the_analyser_failed_on_are_counted_and_listed_with_the_skipped_files() {
    let corpus = recoupe::corpus::Corpus::bundled();
    let mut analysis = analyse(&corpus);
    analysis.failures.push(recoupe::analysis::Failure {
        article: Some(3),
        why: "the entity analysis failed (cut)".into(),
    });
    let mut a = App::new(corpus, analysis);
    a.theme = Theme::new(true);
    a.resize(120, 20);
    let shown = screen(render(&a).backend().buffer());
    assert!(shown.contains("1 not analysed (W)"), "{shown}");
    press(&mut a, "W");
    assert_eq!(a.layers.len(), 1);
    let shown = screen(render(&a).backend().buffer());
    assert!(shown.contains("not analysed: 1 article"), "{shown}");
    assert!(shown.contains("the entity analysis failed"), "{shown}");
}

#[test]
fn the_list_width_changes_with_keys_and_is_remembered() {
    let dir = TempDir::new().unwrap();
    let mut a = app(120, 40, dir.path());
    let before = a.areas().list.unwrap().width;
    press(&mut a, ">>");
    assert_eq!(a.areas().list.unwrap().width, before + 8);
    send(
        &mut a,
        KeyEvent::new(KeyCode::Char('<'), KeyModifiers::NONE),
    );
    assert_eq!(a.areas().list.unwrap().width, before + 4);
    let fx = a.take_effects();
    a.perform(fx);
    // A new reader on the same notes opens with that width.
    let b = app(120, 40, dir.path());
    assert_eq!(b.areas().list.unwrap().width, before + 4);
    // Narrow screens split as before.
    let mut c = app(60, 20, dir.path());
    press(&mut c, ">");
    assert!(c.message.as_deref().unwrap_or("").contains("three panes"));
}

#[test]
fn y_copies_the_sentence_without_control_characters() {
    let dir = TempDir::new().unwrap();
    let mut a = app(120, 40, dir.path());
    press(&mut a, "<Enter>jy");
    let copied = a.clipboard.clone().expect("a sentence copied");
    let article = &a.corpus.articles[a.reader.article.unwrap()];
    let sentence = article.slice(article.structure.sentences[a.reader.cursor].span);
    assert_eq!(copied, sentence.trim());
    assert!(a
        .message
        .as_deref()
        .unwrap()
        .starts_with("copied the sentence"));
    // Without an opener (no terminal), `o` only shows the address.
    press(&mut a, "o");
    let m = a.message.clone().unwrap();
    assert!(
        m.starts_with("web address:") || m.contains("no web address"),
        "{m}"
    );
}
